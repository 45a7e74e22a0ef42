//! Every bindable action. The kebab-case names are what keymap files use; the labels shown in the
//! help overlay and the palette come from the UI strings (`action.<name>` in `data/i18n/`).

use strum::{EnumIter, EnumString, IntoEnumIterator, IntoStaticStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumString, IntoStaticStr, EnumIter)]
#[strum(serialize_all = "kebab-case")]
pub enum Action {
    Quit,
    Help,
    Palette,
    Close,
    Confirm,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    DeleteChar,
    ClearInput,
    NextField,
    PrevField,
    Left,
    Right,
    NextScreen,
    PrevScreen,
    ScreenQueue,
    ScreenIntake,
    ScreenHistory,
    ScreenDirectory,
    ScreenInformation,
    ScreenCompetence,
    ScreenExport,
    ScreenReports,
    ScreenSettings,
    ScreenGlossary,
    NextLanguage,
    CopyPhone,
    WriteSlip,
    NextRegion,
    VisitorLanguage,
    UnmetNeed,
    WrittenCopy,
    ClientView,
    InterpreterLanguage,
    InterpreterMode,
    InterpreterProvider,
    InterpreterTimer,
    /// Type the interpreter's minutes (or correct what the timer counted).
    InterpreterMinutes,
    SaveVisit,
    CheckIn,
    LeftUnseen,
    /// Takes back the last destructive list action (a visitor noted as gone unseen).
    Undo,
    StartIntake,
    UrgentHandover,
    FollowUpNote,
    /// Enter the day of an appointment made with the service of a referral.
    Appointment,
    /// Open the dossier of the person selected (a returning visitor, a visit's person).
    Dossier,
    /// On a dossier: merge a record that is the same person into it (asks first).
    MergePerson,
    /// On the Directory: correct or complete the selected service (kept at this desk).
    CorrectService,
    /// On the Directory: only the services of the next category (after the last: all).
    NextCategory,
    /// On the Directory: only the services working in the next language (after the last: all).
    NextServiceLanguage,
    /// Lock the screen now (the desk is left): only the sign-in shows until a PIN is given.
    Lock,
    /// Another staff member takes the desk over (shift change): sign in anew.
    SwitchStaff,
    HalfPageUp,
    HalfPageDown,
    /// Into the screen's search line (a modal keymap's `/`).
    FocusSearch,
    /// The next (`n`) or previous (`N`) row matching what `/` looked for.
    FindNext,
    FindPrev,
    /// The next colour scheme (dark, light, high contrast), for this session.
    NextTheme,
}

impl Action {
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Key of the action's label in the UI strings.
    pub fn label_key(self) -> String {
        format!("action.{}", self.name())
    }

    /// Movement and editing keys make no sense as palette commands.
    pub fn in_palette(self) -> bool {
        !matches!(
            self,
            Action::Close
                | Action::Confirm
                | Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::First
                | Action::Last
                | Action::DeleteChar
                | Action::ClearInput
                | Action::NextField
                | Action::PrevField
                | Action::Left
                | Action::Right
                // Only on an open dossier, which the palette would close.
                | Action::MergePerson
        )
    }

    /// Actions of the shell rather than of a screen: they work on every screen, wherever bound.
    pub fn is_shell(self) -> bool {
        matches!(
            self,
            Action::Quit
                | Action::Help
                | Action::Palette
                | Action::NextScreen
                | Action::PrevScreen
                | Action::NextLanguage
                | Action::UrgentHandover
                | Action::Lock
                | Action::SwitchStaff
        ) || self.name().starts_with("screen-")
    }

    pub fn all() -> impl Iterator<Item = Action> {
        Action::iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for action in Action::all() {
            assert_eq!(action.name().parse::<Action>(), Ok(action));
        }
        assert_eq!(
            "screen-settings".parse::<Action>(),
            Ok(Action::ScreenSettings)
        );
    }
}
