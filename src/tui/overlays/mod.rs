//! Windows drawn over a screen: the `?` help, the command palette, a one-line prompt, the
//! check-in form, the offer of an unfinished intake.

pub mod confirm;
pub mod dossier;
pub mod draft;
pub mod help;
pub mod language_pick;
pub mod minutes;
pub mod palette;
pub mod palette_command;
pub mod prompt;
pub mod same_person;
pub mod service_edit;

pub use confirm::{ConfirmState, Confirmed};
pub use help::HelpState;
pub use palette::PaletteState;
pub use prompt::PromptState;

use ratatui::layout::{Constraint, Flex, Layout, Rect};

/// The window over the screen that has the focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help(HelpState),
    Palette(PaletteState),
    /// The reason why no service fits, or a follow-up note.
    Prompt(PromptState),
    /// Checking a visitor into the queue.
    CheckIn(crate::tui::screens::queue::CheckInForm),
    /// An unfinished intake was found at start: continue it or discard it.
    RestoreDraft(crate::store::Draft),
    /// A yes/no question before work is destroyed or sent.
    Confirm(ConfirmState),
    /// The interpreter's minutes, typed.
    Minutes(minutes::MinutesForm),
    /// A person's dossier: their visits and who is responsible for them.
    Dossier(dossier::DossierState),
    /// The visit about to be saved resembles a recorded person: the same one, or another?
    SamePerson(same_person::SamePersonState),
    /// Choosing the visitor's language.
    LanguagePick(language_pick::LanguagePicker),
    /// Correcting a service of the directory.
    ServiceEdit(Box<service_edit::ServiceEditForm>),
}

/// A rectangle of at most `width` x `height` centred horizontally, `top` rows from the top.
pub fn centered(area: Rect, width: u16, height: u16, top: u16) -> Rect {
    let [column] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    // Never over the screen's bottom border, where its footer stands.
    let height = height.min(area.height.saturating_sub(top + 1));
    Rect {
        y: area.y + top.min(area.height),
        height,
        ..column
    }
}
