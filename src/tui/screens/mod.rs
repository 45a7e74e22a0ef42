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
use super::context::Ctx;
use super::effect::Effect;
use super::keymap::Context;
use super::overlays::Overlay;
use ratatui::Frame;
use ratatui::layout::Rect;

/// What came of an action or a typed character given to a screen.
#[derive(Debug)]
pub enum Outcome {
    /// Not one of the screen's own: the shell may use it.
    Ignored,
    /// Taken; the state changed or nothing had to.
    Handled,
    /// Taken, and the loop has work to do.
    Effects(Vec<Effect>),
    /// Taken: a window opens over the screen.
    Open(Overlay),
    /// Taken: a notice for the status line.
    Notice(String),
}

impl Outcome {
    /// `Handled` when there is nothing to do, else the effects.
    pub fn effects(effects: Vec<Effect>) -> Outcome {
        if effects.is_empty() {
            Outcome::Handled
        } else {
            Outcome::Effects(effects)
        }
    }

    /// `Handled` when taken, else `Ignored`.
    pub fn taken(taken: bool) -> Outcome {
        if taken {
            Outcome::Handled
        } else {
            Outcome::Ignored
        }
    }
}

/// The contract every screen follows: it changes only its own state, reads the rest from
/// [`Ctx`], and asks for I/O through effects. A new screen implements this and is listed in
/// [`Screens`]; nothing else dispatches to screens.
pub trait Screen {
    fn handle(&mut self, action: Action, cx: &Ctx<'_>) -> Outcome;

    /// A character typed while the screen has the focus (searches, form fields).
    fn type_char(&mut self, _c: char, _cx: &Ctx<'_>) -> Outcome {
        Outcome::Ignored
    }

    fn render(&self, cx: &Ctx<'_>, frame: &mut Frame, area: Rect);

    /// What to read when the screen is shown (fresh data each time).
    fn shown(&self, _cx: &Ctx<'_>) -> Vec<Effect> {
        Vec::new()
    }

    /// Whether it changes with time alone (a timer, waiting times, a running export).
    fn ticking(&self) -> bool {
        false
    }

    /// What the screen does, most used first: the help lists these keys first, and no key of
    /// its context that does nothing here.
    fn actions(&self) -> Vec<Action>;
}

/// The state of every screen, kept while another is shown.
pub struct Screens {
    pub queue: queue::QueueState,
    pub intake: intake::IntakeState,
    pub history: history::HistoryState,
    pub directory: directory::DirectoryState,
    pub information: information::InformationState,
    pub competence: competence::CompetenceForm,
    pub export: export::ExportState,
    pub reports: reports::ReportsState,
    pub settings: settings::SettingsScreen,
    pub glossary: glossary::GlossaryState,
}

impl Screens {
    pub fn new(catalog: &crate::catalog::Catalog, today: chrono::NaiveDate) -> Screens {
        Screens {
            queue: Default::default(),
            intake: Default::default(),
            history: Default::default(),
            directory: Default::default(),
            information: Default::default(),
            competence: competence::CompetenceForm::new(catalog, today),
            export: Default::default(),
            reports: Default::default(),
            settings: Default::default(),
            glossary: Default::default(),
        }
    }

    pub fn get(&self, id: ScreenId) -> &dyn Screen {
        match id {
            ScreenId::Queue => &self.queue,
            ScreenId::Intake => &self.intake,
            ScreenId::History => &self.history,
            ScreenId::Directory => &self.directory,
            ScreenId::Information => &self.information,
            ScreenId::Competence => &self.competence,
            ScreenId::Export => &self.export,
            ScreenId::Reports => &self.reports,
            ScreenId::Settings => &self.settings,
            ScreenId::Glossary => &self.glossary,
        }
    }

    pub fn get_mut(&mut self, id: ScreenId) -> &mut dyn Screen {
        match id {
            ScreenId::Queue => &mut self.queue,
            ScreenId::Intake => &mut self.intake,
            ScreenId::History => &mut self.history,
            ScreenId::Directory => &mut self.directory,
            ScreenId::Information => &mut self.information,
            ScreenId::Competence => &mut self.competence,
            ScreenId::Export => &mut self.export,
            ScreenId::Reports => &mut self.reports,
            ScreenId::Settings => &mut self.settings,
            ScreenId::Glossary => &mut self.glossary,
        }
    }
}

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
            ScreenId::Competence | ScreenId::Intake | ScreenId::Settings => Context::Form,
            ScreenId::Directory
            | ScreenId::Information
            | ScreenId::Glossary
            | ScreenId::History => Context::Picker,
            _ => Context::List,
        }
    }
}
