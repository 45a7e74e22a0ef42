//! The screens reachable from the tab bar: each a module with its state, its keys and its drawing,
//! which reads only what `context::Ctx` gives it.

pub mod competence;
pub mod directory;
pub mod export;
pub mod glossary;
pub mod history;
pub mod information;
pub mod intake;
pub mod queue;
pub mod reports;
pub mod settings;

use super::action::Action;
use super::keymap::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenId {
    Queue,
    Intake,
    History,
    Directory,
    Information,
    Competence,
    Export,
    Reports,
    Settings,
    Glossary,
}

impl ScreenId {
    pub const ALL: [ScreenId; 10] = [
        ScreenId::Queue,
        ScreenId::Intake,
        ScreenId::History,
        ScreenId::Directory,
        ScreenId::Information,
        ScreenId::Competence,
        ScreenId::Export,
        ScreenId::Reports,
        ScreenId::Settings,
        ScreenId::Glossary,
    ];

    /// The key of the screen's texts (`screen.<key>`, `placeholder.<key>`).
    pub fn key(self) -> &'static str {
        match self {
            ScreenId::Queue => "queue",
            ScreenId::Intake => "intake",
            ScreenId::History => "history",
            ScreenId::Directory => "directory",
            ScreenId::Information => "information",
            ScreenId::Competence => "competence",
            ScreenId::Export => "export",
            ScreenId::Reports => "reports",
            ScreenId::Settings => "settings",
            ScreenId::Glossary => "glossary",
        }
    }

    pub fn title_key(self) -> String {
        format!("screen.{}", self.key())
    }

    pub fn action(self) -> Action {
        match self {
            ScreenId::Queue => Action::ScreenQueue,
            ScreenId::Intake => Action::ScreenIntake,
            ScreenId::History => Action::ScreenHistory,
            ScreenId::Directory => Action::ScreenDirectory,
            ScreenId::Information => Action::ScreenInformation,
            ScreenId::Competence => Action::ScreenCompetence,
            ScreenId::Export => Action::ScreenExport,
            ScreenId::Reports => Action::ScreenReports,
            ScreenId::Settings => Action::ScreenSettings,
            ScreenId::Glossary => Action::ScreenGlossary,
        }
    }

    pub fn for_action(action: Action) -> Option<ScreenId> {
        ScreenId::ALL.into_iter().find(|s| s.action() == action)
    }

    fn index(self) -> usize {
        ScreenId::ALL
            .iter()
            .position(|s| *s == self)
            .expect("listed in ALL")
    }

    pub fn next(self) -> ScreenId {
        ScreenId::ALL[(self.index() + 1) % ScreenId::ALL.len()]
    }

    pub fn prev(self) -> ScreenId {
        ScreenId::ALL[(self.index() + ScreenId::ALL.len() - 1) % ScreenId::ALL.len()]
    }

    /// The keymap context while the screen has the focus.
    pub fn context(self) -> Context {
        match self {
            ScreenId::Competence | ScreenId::Intake => Context::Form,
            ScreenId::Directory
            | ScreenId::Information
            | ScreenId::Glossary
            | ScreenId::History => Context::Picker,
            _ => Context::List,
        }
    }
}
