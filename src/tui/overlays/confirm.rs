//! A yes/no question before a key destroys or sends something: quitting with an intake open or
//! visitors waiting, discarding an unfinished intake, sending an export, giving up a visitor
//! taken from the queue. Enter or the language's "yes" letter answers yes; Esc or "n" no.

use super::centered;
use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// What happens on "yes".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmed {
    /// Quit (an open intake stays as its draft).
    Quit,
    /// Throw the unfinished intake away.
    DiscardDraft(crate::store::Draft),
    /// Send every visit due.
    Export,
    /// Put the visitor of the Information screen back into the queue.
    PutBack,
    /// Stop the interpreter timer, then save the visit.
    StopTimerAndSave,
    /// Merge the person `merged` into `kept` (a dossier's person).
    MergePersons { kept: String, merged: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmState {
    pub title: String,
    /// The question, whole: it wraps, it is never cut.
    pub question: String,
    pub then: Confirmed,
}

impl Confirmed {
    /// What cannot be taken back is confirmed only by the "yes" letter, never by Enter, which
    /// is the key staff press all day on the screen below.
    pub fn destroys(&self) -> bool {
        matches!(
            self,
            Confirmed::DiscardDraft(_) | Confirmed::PutBack | Confirmed::MergePersons { .. }
        )
    }
}

/// The answer a typed letter gives: yes for y (and j, o, s in German, French, Italian), no for n.
pub fn answer_of(c: char) -> Option<bool> {
    match c.to_ascii_lowercase() {
        'y' | 'j' | 'o' | 's' => Some(true),
        'n' => Some(false),
        _ => None,
    }
}

pub fn render(cx: &Ctx<'_>, state: &ConfirmState, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(10).min(70);
    let inner_width = width.saturating_sub(2).max(1) as usize;
    // Room for the question wrapped at word ends (a word may push a line over: one spare row).
    let text_rows = (state.question.width() / inner_width + 2) as u16;
    let popup = centered(area, width, text_rows + 4, 4);
    let lines = vec![
        Line::from(state.question.clone()),
        Line::default(),
        Line::from(Span::styled(
            crate::tui::hints::with_keys(
                cx,
                if state.then.destroys() {
                    "confirm.keys_letter"
                } else {
                    "confirm.keys"
                },
                crate::tui::keymap::Context::Form,
                &[
                    ("confirm", crate::tui::action::Action::Confirm),
                    ("close", crate::tui::action::Action::Close),
                ],
            ),
            Style::default().add_modifier(Modifier::BOLD),
        )),
    ];
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", state.title)),
        ),
        popup,
    );
}
