//! Application state and the one place it changes: [`App::update`]. No drawing and no I/O here;
//! what needs the store is returned as an [`Effect`] for the loop to carry out.

use super::action::Action;
pub use super::effect::Effect;
use super::keymap::{Context, Key, Keymap, Resolution};
use super::overlays::{HelpState, PaletteState, PromptState};
use super::screens::ScreenId;
use super::screens::competence::CompetenceForm;
use super::screens::directory::DirectoryState;
use super::screens::glossary::GlossaryState;
use super::screens::history::HistoryState;
use super::screens::information::InformationState;
use super::screens::intake::{IntakeContext, IntakeState};
use super::screens::queue::{CheckInForm, QueueState};
pub use super::session::Session;
use crate::catalog::Catalog;
use crate::search::directory::DirectoryIndex;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help(HelpState),
    Palette(PaletteState),
    /// The reason why no service fits.
    Prompt(PromptState),
    /// Checking a visitor into the queue.
    CheckIn(CheckInForm),
    /// An unfinished intake was found at start: continue it or discard it.
    RestoreDraft(crate::store::Draft),
}

pub struct App {
    pub(crate) catalog: Catalog,
    pub(crate) keymap: Keymap,
    pub(crate) session: Session,
    pub(crate) lang: String,
    pub(crate) screen: ScreenId,
    pub(crate) overlay: Option<Overlay>,
    /// Keys typed so far of a multi-key sequence (`g g`).
    pending: Vec<Key>,
    /// A one-line notice in the status bar, until the next action.
    pub(crate) message: Option<String>,
    pub(crate) quit: bool,
    /// Work asked of the store is not answered yet (shown in the status line).
    pub(crate) working: bool,
    /// The Competence screen's form; kept while other screens are shown.
    pub(crate) competence: CompetenceForm,
    pub(crate) directory: DirectoryState,
    pub(crate) information: InformationState,
    pub(crate) history: HistoryState,
    pub(crate) glossary: GlossaryState,
    pub(crate) queue: QueueState,
    pub(crate) intake: IntakeState,
    pub(crate) export: super::screens::export::ExportState,
    pub(crate) reports: super::screens::reports::ReportsState,
    /// Built once: a keystroke only compares prepared text.
    pub(crate) directory_index: DirectoryIndex,
}

impl App {
    pub fn new(catalog: Catalog, keymap: Keymap, session: Session, lang: String) -> App {
        let competence = CompetenceForm::new(&catalog, session.today);
        let directory_index = DirectoryIndex::new(&catalog.services, &catalog.i18n);
        App {
            competence,
            directory: DirectoryState::default(),
            information: InformationState::default(),
            history: HistoryState::default(),
            glossary: GlossaryState::default(),
            queue: QueueState::default(),
            intake: IntakeState::default(),
            export: Default::default(),
            reports: Default::default(),
            directory_index,
            catalog,
            keymap,
            session,
            lang,
            screen: ScreenId::Queue,
            overlay: None,
            pending: Vec::new(),
            message: None,
            quit: false,
            working: false,
        }
    }

    /// The screen shown.
    pub fn screen(&self) -> ScreenId {
        self.screen
    }

    /// The Information screen's state, to read (it changes only through `update`).
    pub fn information(&self) -> &InformationState {
        &self.information
    }

    /// The waiting visitors at start, and an unfinished intake to offer back.
    pub fn starting_with(
        &mut self,
        queue: Vec<crate::store::QueueEntry>,
        draft: Option<crate::store::Draft>,
    ) {
        self.queue.entries = queue;
        if let Some(draft) = draft {
            self.overlay = Some(Overlay::RestoreDraft(draft));
        }
    }

    /// What a screen may read: the catalog, texts, session, keymap and the screen shown.
    pub fn ctx(&self) -> super::context::Ctx<'_> {
        super::context::Ctx {
            catalog: &self.catalog,
            lang: &self.lang,
            session: &self.session,
            keymap: &self.keymap,
            screen: self.screen,
            directory_index: &self.directory_index,
        }
    }

    /// A UI string in the current language.
    pub fn t(&self, key: &str) -> String {
        self.catalog.i18n.text(&self.lang, key).to_string()
    }

    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.catalog.i18n.format(&self.lang, key, args)
    }

    /// The keymap context of whatever has the focus.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help(_)) => Context::Help,
            Some(Overlay::Palette(_)) => Context::Palette,
            Some(Overlay::Prompt(_))
            | Some(Overlay::CheckIn(_))
            | Some(Overlay::RestoreDraft(_)) => Context::Form,
            None => self.screen.context(),
        }
    }

    pub fn handle_key(&mut self, key: Key) -> Vec<Effect> {
        self.pending.push(key);
        match self.keymap.resolve(self.context(), &self.pending) {
            Resolution::Pending => Vec::new(),
            Resolution::Action(action) => {
                self.pending.clear();
                self.update(action)
            }
            Resolution::Text(c) => {
                self.pending.clear();
                match &mut self.overlay {
                    Some(Overlay::Palette(palette)) => palette.type_char(c),
                    Some(Overlay::Prompt(prompt)) => prompt.type_char(c),
                    Some(Overlay::CheckIn(form)) => form.type_char(c),
                    Some(Overlay::RestoreDraft(_)) => {}
                    Some(Overlay::Help(_)) => {}
                    None if self.screen == ScreenId::Competence => {
                        self.competence.type_char(c, &self.catalog, &self.lang)
                    }
                    None if self.screen == ScreenId::Directory => self.directory.type_char(c),
                    None if self.screen == ScreenId::Information => self.information.type_char(c),
                    None if self.screen == ScreenId::Glossary => self.glossary.type_char(c),
                    None if self.screen == ScreenId::History => return self.history.type_char(c),
                    None if self.screen == ScreenId::Intake => {
                        let cx = IntakeContext {
                            catalog: &self.catalog,
                            index: &self.directory_index,
                            session: &self.session,
                            lang: &self.lang,
                        };
                        if let Some(saved) = self.intake.type_char(c, &cx) {
                            return vec![saved];
                        }
                        if let Some(text) = self.intake.lookup_text() {
                            return vec![Effect::LookupReturning(text)];
                        }
                    }
                    None => {}
                }
                Vec::new()
            }
            Resolution::Unbound => {
                self.pending.clear();
                Vec::new()
            }
        }
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if action != Action::NextLanguage {
            self.message = None;
        }
        match &mut self.overlay {
            Some(Overlay::Palette(palette)) => match action {
                Action::Close | Action::Palette => {
                    self.overlay = None;
                    return Vec::new();
                }
                Action::Confirm => {
                    let chosen = palette.selected_action(&self.catalog.i18n, &self.lang);
                    self.overlay = None;
                    return chosen.map(|a| self.update(a)).unwrap_or_default();
                }
                _ if palette.handle(action) => return Vec::new(),
                _ => {}
            },
            Some(Overlay::Prompt(prompt)) => match action {
                Action::Close => {
                    self.overlay = None;
                    return Vec::new();
                }
                Action::Confirm if prompt.reason.trim().is_empty() => {
                    let key = if prompt.note_for_visit.is_some() {
                        "history.note_needed"
                    } else {
                        "unmet.reason_needed"
                    };
                    self.message = Some(self.t(key));
                    return Vec::new();
                }
                _ => {
                    if let Some(effects) = prompt.handle(action) {
                        if action == Action::Confirm {
                            self.overlay = None;
                        }
                        return effects;
                    }
                }
            },
            Some(Overlay::RestoreDraft(draft)) => match action {
                Action::Confirm => {
                    match IntakeState::from_draft(&draft.data) {
                        Ok(intake) => {
                            self.intake = intake;
                            self.screen = ScreenId::Intake;
                        }
                        // It stays in the database: nothing typed is thrown away.
                        Err(e) => {
                            self.message =
                                Some(self.tf("draft.unreadable", &[("error", &e.to_string())]))
                        }
                    }
                    self.overlay = None;
                    return Vec::new();
                }
                Action::Close => {
                    let id = draft.id.clone();
                    self.overlay = None;
                    return vec![Effect::DiscardDraft(id)];
                }
                Action::Quit => {}
                _ => return Vec::new(),
            },
            Some(Overlay::CheckIn(form)) => match action {
                Action::Close => {
                    self.overlay = None;
                    return Vec::new();
                }
                Action::Confirm if form.label.trim().is_empty() => {
                    self.message = Some(self.t("queue.label_needed"));
                    return Vec::new();
                }
                _ => {
                    let now = chrono::Utc::now().timestamp_millis();
                    if let Some(effects) = form.handle(action, &self.catalog, now) {
                        if action == Action::Confirm {
                            self.overlay = None;
                        }
                        return effects;
                    }
                }
            },
            Some(Overlay::Help(help)) => match action {
                Action::Close | Action::Help => {
                    self.overlay = None;
                    return Vec::new();
                }
                _ if help.handle(action) => return Vec::new(),
                _ => {}
            },
            None => {}
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = Some(Overlay::Help(HelpState::new(self.screen.context())))
            }
            Action::Palette => self.overlay = Some(Overlay::Palette(PaletteState::default())),
            Action::Close if self.overlay.is_some() => self.overlay = None,
            Action::NextScreen => return self.show(self.screen.next()),
            Action::PrevScreen => return self.show(self.screen.prev()),
            Action::NextLanguage => return self.next_language(),
            other => {
                if let Some(screen) = ScreenId::for_action(other) {
                    return self.show(screen);
                } else {
                    return self.screen_update(other);
                }
            }
        }
        Vec::new()
    }

    /// Actions the current screen handles itself.
    fn screen_update(&mut self, action: Action) -> Vec<Effect> {
        if action == Action::UrgentHandover
            && !matches!(self.screen, ScreenId::Queue | ScreenId::Intake)
        {
            return self.urgent_handover();
        }
        match self.screen {
            ScreenId::Competence => {
                self.competence.handle(action, &self.catalog);
                Vec::new()
            }
            ScreenId::Directory if action == Action::UnmetNeed => {
                self.overlay = Some(Overlay::Prompt(PromptState {
                    searched_for: self.directory.query.clone(),
                    ..Default::default()
                }));
                Vec::new()
            }
            ScreenId::Directory => self
                .directory
                .handle(action, &self.catalog, &self.directory_index)
                .unwrap_or_default(),
            ScreenId::Information if action == Action::SaveVisit => self.information_visit(),
            ScreenId::History if action == Action::FollowUpNote => {
                let Some(id) = self.history.selected_id().map(str::to_string) else {
                    return Vec::new();
                };
                let who = match &self.history.open {
                    Some((record, _)) => record
                        .person
                        .as_ref()
                        .map(|p| format!("{}, {}", p.official_name, p.first_name)),
                    None => self
                        .history
                        .visits
                        .get(self.history.selected)
                        .and_then(|v| v.name.clone()),
                };
                self.overlay = Some(Overlay::Prompt(PromptState {
                    searched_for: who.unwrap_or_else(|| self.t("history.anonymous")),
                    reason: String::new(),
                    note_for_visit: Some(id),
                }));
                Vec::new()
            }
            ScreenId::History => self.history.handle(action).unwrap_or_default(),
            ScreenId::Queue if action == Action::CheckIn => {
                self.overlay = Some(Overlay::CheckIn(CheckInForm::default()));
                Vec::new()
            }
            ScreenId::Queue if action == Action::StartIntake && self.intake.in_progress() => {
                // Never replace an unfinished intake: it would be lost.
                self.message = Some(self.t("intake.busy"));
                Vec::new()
            }
            ScreenId::Queue => self.queue.handle(action).unwrap_or_default(),
            ScreenId::Export => self.export.handle(action).unwrap_or_default(),
            ScreenId::Reports => self
                .reports
                .handle(action, self.session.today)
                .unwrap_or_default(),
            ScreenId::Intake => {
                let cx = IntakeContext {
                    catalog: &self.catalog,
                    index: &self.directory_index,
                    session: &self.session,
                    lang: &self.lang,
                };
                self.intake.handle(action, &cx).unwrap_or_default()
            }
            ScreenId::Glossary => {
                self.glossary.handle(action, &self.catalog);
                Vec::new()
            }
            ScreenId::Information => {
                self.information.handle(
                    action,
                    &self.catalog,
                    &self.lang,
                    std::time::Instant::now(),
                );
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Called when the loop wakes without input: takes in what background work reported.
    pub fn tick(&mut self) -> Vec<Effect> {
        if self.export.poll() {
            vec![Effect::LoadExport]
        } else {
            Vec::new()
        }
    }

    /// Whether the screen changes with time alone (a running interpreter timer, an export).
    pub fn ticking(&self) -> bool {
        self.export.running()
            || self.information.ticking()
            || (self.screen == ScreenId::Queue && !self.queue.entries.is_empty())
    }

    /// Shows a screen; the History screen asks for fresh data each time it is shown.
    fn show(&mut self, screen: ScreenId) -> Vec<Effect> {
        self.screen = screen;
        self.overlay = None;
        match screen {
            ScreenId::History => vec![Effect::LoadHistory],
            ScreenId::Export => vec![Effect::LoadExport],
            ScreenId::Reports => vec![Effect::LoadReport(self.reports.period(self.session.today))],
            _ => Vec::new(),
        }
    }

    fn next_language(&mut self) -> Vec<Effect> {
        let languages = self.catalog.i18n.languages();
        let current = languages.iter().position(|l| *l == self.lang).unwrap_or(0);
        self.lang = languages[(current + 1) % languages.len()].clone();
        self.message = Some(self.tf(
            "message.language_changed",
            &[("language", &self.t("meta.name"))],
        ));
        vec![Effect::SaveLanguage(self.lang.clone())]
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::tui::keymap::load_builtin;

    pub(crate) fn app() -> App {
        App::new(
            Catalog::embedded(),
            load_builtin("default").unwrap(),
            Session::default(),
            "de".into(),
        )
    }

    fn press(app: &mut App, keys: &str) -> Vec<Effect> {
        keys.split_whitespace()
            .flat_map(|k| app.handle_key(k.parse().unwrap()))
            .collect()
    }

    #[test]
    fn a_check_in_or_note_that_could_not_be_saved_comes_back_with_what_was_typed() {
        let mut app = app();
        let entry = crate::store::QueueEntry {
            id: "q-1".into(),
            label: "Ticket 40".into(),
            reason: "Miete".into(),
            urgency: crate::domain::Urgency::Today,
            language: None,
            interpreter_needed: true,
            checked_in_ms: 1,
        };
        app.on_event(super::super::effects::Event::CheckInFailed {
            entry,
            error: "locked".into(),
        });
        let Some(Overlay::CheckIn(form)) = &app.overlay else {
            panic!("the check-in form is open again");
        };
        assert_eq!(
            (form.label.as_str(), form.reason.as_str()),
            ("Ticket 40", "Miete")
        );
        assert_eq!(form.urgency, crate::domain::Urgency::Today);
        assert!(form.interpreter_needed);
        assert!(app.message.clone().unwrap().contains("locked"));
        let mut app = super::tests::app();
        app.on_event(super::super::effects::Event::NoteFailed {
            visit_id: "v-1".into(),
            text: "rief zurück".into(),
            error: "locked".into(),
        });
        let Some(Overlay::Prompt(prompt)) = &app.overlay else {
            panic!("the note window is open again");
        };
        assert_eq!(prompt.reason, "rief zurück");
        assert_eq!(prompt.note_for_visit.as_deref(), Some("v-1"));
    }

    #[test]
    fn a_draft_that_does_not_read_is_kept_and_the_reason_shown() {
        let mut app = app();
        app.overlay = Some(Overlay::RestoreDraft(crate::store::Draft {
            id: "d-1".into(),
            stage: "0".into(),
            data: "{\"stage\": \"not a number\"}".into(),
            updated_at: "2026-12-01T09:00:00+01:00".into(),
        }));
        let effects = press(&mut app, "enter");
        assert!(
            !effects.iter().any(|e| matches!(e, Effect::DiscardDraft(_))),
            "the draft is not thrown away"
        );
        let message = app.message.clone().unwrap_or_default();
        assert!(
            message.contains("Entwurf konnte nicht gelesen werden"),
            "{message}"
        );
        assert_ne!(app.screen, ScreenId::Intake);
    }

    #[test]
    fn screen_keys_switch_screens_and_tab_cycles() {
        let mut app = app();
        press(&mut app, "f10");
        assert_eq!(app.screen, ScreenId::Settings);
        press(&mut app, "tab");
        assert_eq!(app.screen, ScreenId::Glossary);
        press(&mut app, "tab");
        assert_eq!(app.screen, ScreenId::Queue);
        press(&mut app, "shift-tab");
        assert_eq!(app.screen, ScreenId::Glossary);
    }

    #[test]
    fn typing_in_the_palette_filters_and_enter_runs_the_command() {
        let mut app = app();
        press(&mut app, "ctrl-p e i n s t");
        assert_eq!(app.context(), Context::Palette);
        // "q" is text in the palette, it must not quit.
        press(&mut app, "enter");
        assert_eq!(app.screen, ScreenId::Settings);
        assert!(app.overlay.is_none());
        assert!(!app.quit);
    }

    #[test]
    fn q_in_the_palette_is_text_not_quit() {
        let mut app = app();
        press(&mut app, ": q");
        assert!(!app.quit);
        press(&mut app, "esc q");
        assert!(app.quit);
    }

    #[test]
    fn help_opens_and_closes_with_the_same_key() {
        let mut app = app();
        press(&mut app, "?");
        assert_eq!(app.context(), Context::Help);
        press(&mut app, "?");
        assert!(app.overlay.is_none());
    }

    #[test]
    fn switching_language_asks_to_remember_it() {
        let mut app = app();
        let effects = press(&mut app, "f12");
        assert_eq!(app.lang, "fr");
        assert_eq!(effects, vec![Effect::SaveLanguage("fr".into())]);
        assert_eq!(app.t("screen.queue"), "File d'attente");
    }
}
