//! Application state and the one place it changes: [`App::update`] for actions and
//! [`App::on_event`] for the answers of work done elsewhere. No drawing and no I/O here; what
//! needs the store is returned as an [`Effect`] for the loop to carry out. Screens follow one
//! contract ([`Screen`]) and are reached through [`Screens`]; only the rules that span screens
//! (an unfinished intake, the urgent handover, taking a visitor from the queue) live here.

mod access;
mod answers;
mod jobs;
mod list_keys;
mod overlay_keys;
mod questions;
mod visit_start;

pub use super::effect::Effect;
pub use super::session::Session;
pub use access::LOCK_AFTER_SECONDS_ENV;
pub use jobs::Carry;
pub use visit_start::AfterQueue;

use super::action::Action;
use super::context::{Ctx, Now, Shared};
use super::keymap::{Context, Key, Keymap, Resolution};
use super::overlays::{HelpState, Overlay, PaletteState};
use super::screens::{Outcome, ScreenId, Screens};
use crate::catalog::Catalog;
use crate::search::directory::DirectoryIndex;

pub struct App {
    /// What every screen reads: catalog, keymap, session, language, the time.
    shared: Shared,
    screens: Screens,
    screen: ScreenId,
    overlay: Option<Overlay>,
    /// A window with work in it (the check-in form, a prompt…) under help or the palette: it
    /// comes back when they close.
    beneath: Option<Overlay>,
    /// Keys typed so far of a multi-key sequence (`g g`).
    pending: Vec<Key>,
    /// A one-line notice in the status bar, until the next action.
    message: Option<String>,
    quit: bool,
    /// Work asked of the store is not answered yet (shown in the status line).
    working: bool,
    /// A visitor put back into the queue, until the check-in answers (its notice says so).
    putting_back: Option<String>,
    /// The directory as the data files give it, under the corrections made at the desks.
    directory_as_shipped: Vec<crate::catalog::Service>,
    /// The sign-in in front of the screens (at start, after a switch of staff, when locked).
    gate: Option<super::gate::Gate>,
    /// When the last key came, for the lock after idle minutes.
    last_key: std::time::Instant,
    /// The last destructive list action, while it can still be taken back.
    undo: Option<list_keys::Undoable>,
    /// What `/` last looked for in a list, for `n` and `N`.
    find: Option<String>,
    /// A count typed before a movement in a modal keymap's normal mode (`3j`).
    count: Option<u32>,
    lock_after: std::time::Duration,
}

impl App {
    pub fn new(catalog: Catalog, keymap: Keymap, session: Session, lang: String) -> App {
        let screens = Screens::new(&catalog, session.today);
        let directory_index = DirectoryIndex::new(&catalog.services, &catalog.i18n);
        let directory_as_shipped = catalog.services.clone();
        App {
            shared: Shared {
                search_focused: !keymap.modal(),
                catalog,
                keymap,
                session,
                lang,
                directory_index,
                now: Now::system(),
            },
            screens,
            screen: ScreenId::Queue,
            overlay: None,
            beneath: None,
            pending: Vec::new(),
            message: None,
            quit: false,
            working: false,
            putting_back: None,
            directory_as_shipped,
            gate: None,
            last_key: std::time::Instant::now(),
            undo: None,
            count: None,
            find: None,
            lock_after: std::time::Duration::from_secs(
                60 * u64::from(crate::config::DEFAULT_LOCK_AFTER_MINUTES),
            ),
        }
    }

    /// Lays the directory corrections in force over the services as the data gives them.
    pub fn set_directory_corrections(&mut self, corrections: &[crate::store::ServiceCorrection]) {
        let mut services = self.directory_as_shipped.clone();
        crate::catalog::services::apply_local(&mut services, corrections);
        // The search index holds names, categories and keywords, which no correction touches,
        // in the same order: it stays as it is (no rebuild at start or after a correction).
        self.shared.catalog.services = services;
    }

    /// The screen shown.
    pub fn screen(&self) -> ScreenId {
        self.screen
    }

    /// Every screen's state, to read (it changes only through `update` and `on_event`).
    pub fn screens(&self) -> &Screens {
        &self.screens
    }

    /// The Information screen's state, to read.
    pub fn information(&self) -> &super::screens::information::InformationState {
        &self.screens.information
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The visitor's view of a topic fills the terminal: it is turned to the visitor, so
    /// nothing of the desk shows (no tabs, no status line with the database or the queue).
    pub fn shows_visitor_view(&self) -> bool {
        let open = match self.screen {
            ScreenId::Information => self.screens.information.client_view,
            ScreenId::Glossary => self.screens.glossary.client_view,
            _ => false,
        };
        open && self.overlay.is_none()
    }

    /// A notice for the status line (shown once the sign-in has let the screens through).
    pub fn tell(&mut self, text: String) {
        self.message = Some(text);
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn working(&self) -> bool {
        self.working
    }

    pub fn quitting(&self) -> bool {
        self.quit
    }

    pub fn catalog(&self) -> &Catalog {
        &self.shared.catalog
    }

    pub fn lang(&self) -> &str {
        &self.shared.lang
    }

    pub fn session(&self) -> &Session {
        &self.shared.session
    }

    /// The loop tells the time before each key and each frame.
    pub fn set_now(&mut self, now: Now) {
        self.shared.now = now;
    }

    /// The waiting visitors at start, and an unfinished intake to offer back.
    pub fn starting_with(
        &mut self,
        queue: Vec<crate::store::QueueEntry>,
        draft: Option<crate::store::Draft>,
    ) {
        self.screens.queue.entries = queue;
        if let Some(draft) = draft {
            self.overlay = Some(Overlay::RestoreDraft(draft));
        }
    }

    /// What a screen may read: the catalog, texts, session, keymap, the screen shown, the time.
    pub fn ctx(&self) -> Ctx<'_> {
        self.shared.ctx(self.screen)
    }

    /// A UI string in the current language.
    pub fn t(&self, key: &str) -> String {
        self.shared
            .catalog
            .i18n
            .text(&self.shared.lang, key)
            .to_string()
    }

    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.shared
            .catalog
            .i18n
            .format(&self.shared.lang, key, args)
    }

    /// The keymap context of whatever has the focus.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help(_)) | Some(Overlay::Dossier(_)) => Context::Help,
            Some(Overlay::Palette(_)) => Context::Palette,
            Some(Overlay::Prompt(_))
            | Some(Overlay::CheckIn(_))
            | Some(Overlay::RestoreDraft(_))
            | Some(Overlay::Confirm(_))
            | Some(Overlay::Minutes(_))
            | Some(Overlay::LanguagePick(_))
            | Some(Overlay::SamePerson(_))
            | Some(Overlay::ServiceEdit(_)) => Context::Form,
            None => self.shared.ctx(self.screen).context(),
        }
    }

    pub fn handle_key(&mut self, key: Key) -> Vec<Effect> {
        self.last_key = self.shared.now.instant;
        if self.gate.is_some() {
            return self.gate_key(key);
        }
        if self.counted(&key) {
            return Vec::new();
        }
        self.pending.push(key);
        let context = self.context();
        let mut resolution = self.shared.keymap.resolve(context, &self.pending);
        // In normal mode a screen's own keys (Ctrl-O, Alt-E …) still work; its letters move.
        if resolution == Resolution::Unbound
            && context == Context::List
            && self.overlay.is_none()
            && self.screen.context() == Context::Picker
        {
            match self.shared.keymap.resolve(Context::Picker, &self.pending) {
                Resolution::Text(_) => {}
                other => resolution = other,
            }
        }
        match resolution {
            Resolution::Pending => Vec::new(),
            Resolution::Action(action) => {
                self.pending.clear();
                self.update_counted(action)
            }
            Resolution::Text(c) => {
                self.pending.clear();
                match &mut self.overlay {
                    Some(Overlay::Palette(palette)) => palette.type_char(c),
                    Some(Overlay::Prompt(prompt)) => prompt.type_char(c),
                    Some(Overlay::CheckIn(form)) => {
                        let cx = self.shared.ctx(self.screen);
                        form.type_char(c, &cx)
                    }
                    Some(Overlay::Minutes(form)) => form.type_char(c),
                    Some(Overlay::LanguagePick(picker)) => picker.type_char(c),
                    Some(Overlay::ServiceEdit(form)) => form.type_char(c),
                    Some(Overlay::Confirm(confirm)) => {
                        return match super::overlays::confirm::answer_of(c) {
                            Some(true) => {
                                let then = confirm.then.clone();
                                self.overlay = None;
                                self.confirmed(then)
                            }
                            Some(false) => self.update(Action::Close),
                            None => Vec::new(),
                        };
                    }
                    Some(Overlay::RestoreDraft(_))
                    | Some(Overlay::SamePerson(_))
                    | Some(Overlay::Help(_))
                    | Some(Overlay::Dossier(_)) => {}
                    None => {
                        let cx = self.shared.ctx(self.screen);
                        let outcome = self.screens.get_mut(self.screen).type_char(c, &cx);
                        return self.take(outcome);
                    }
                }
                Vec::new()
            }
            Resolution::Unbound => {
                self.pending.clear();
                self.count = None;
                Vec::new()
            }
        }
    }

    /// What a screen answered: effects go to the loop, a window opens, a notice is shown.
    fn take(&mut self, outcome: Outcome) -> Vec<Effect> {
        match outcome {
            Outcome::Ignored | Outcome::Handled => Vec::new(),
            Outcome::Effects(effects) => effects,
            Outcome::Open(overlay) => {
                self.overlay = Some(overlay);
                Vec::new()
            }
            Outcome::Notice(text) => {
                self.message = Some(text);
                Vec::new()
            }
        }
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let effects = self.update_under_windows(action);
        if self.overlay.is_none() {
            self.overlay = self.beneath.take();
        }
        effects
    }

    fn update_under_windows(&mut self, action: Action) -> Vec<Effect> {
        if action != Action::NextLanguage {
            self.message = None;
        }
        match action {
            Action::Lock => return self.lock(),
            Action::SwitchStaff => return self.switch_staff(),
            _ => {}
        }
        if let Some(refused) = self.refused_action(action) {
            self.message = Some(refused);
            return Vec::new();
        }
        let holds_work = matches!(
            self.overlay,
            Some(
                Overlay::CheckIn(_)
                    | Overlay::Prompt(_)
                    | Overlay::Minutes(_)
                    | Overlay::LanguagePick(_)
                    | Overlay::Confirm(_)
                    | Overlay::RestoreDraft(_)
                    | Overlay::SamePerson(_)
                    | Overlay::ServiceEdit(_)
            )
        );
        // Help and the palette open over a window with work in it and give it back; another
        // screen waits until the window is finished or cancelled, so nothing typed is lost.
        if holds_work && matches!(action, Action::Help | Action::Palette) {
            self.beneath = self.overlay.take();
        } else if holds_work
            && (ScreenId::for_action(action).is_some()
                || matches!(action, Action::NextScreen | Action::PrevScreen))
        {
            self.message = Some(crate::tui::hints::with_keys(
                &self.ctx(),
                "message.finish_window",
                Context::Form,
                &[("confirm", Action::Confirm), ("close", Action::Close)],
            ));
            return Vec::new();
        }
        if self.overlay.is_some()
            && let Some(effects) = self.overlay_update(action)
        {
            return effects;
        }
        if let Some(effects) = self.search_mode(action) {
            return effects;
        }
        match action {
            Action::Quit => return self.ask_to_quit(),
            Action::Help => {
                // Over a window: the window's keys.
                let (context, actions) = if self.beneath.is_some() {
                    use Action::*;
                    (
                        crate::tui::keymap::Context::Form,
                        vec![
                            Confirm, Close, NextField, PrevField, Left, Right, DeleteChar,
                            ClearInput,
                        ],
                    )
                } else {
                    (
                        self.shared.ctx(self.screen).context(),
                        self.screens.get(self.screen).actions(),
                    )
                };
                self.overlay = Some(Overlay::Help(HelpState::new(context, actions)))
            }
            Action::Palette => self.overlay = Some(Overlay::Palette(PaletteState::default())),
            Action::Close if self.overlay.is_some() => self.overlay = None,
            Action::NextScreen => return self.step_screen(ScreenId::next),
            Action::PrevScreen => return self.step_screen(ScreenId::prev),
            Action::NextLanguage => return self.next_language(),
            // The intake takes back its own (a referral removed); the queue a visitor gone.
            Action::Undo if self.screen == ScreenId::Intake => return self.screen_update(action),
            Action::Undo => return self.undo(),
            Action::NextTheme => {
                let theme = self.shared.session.theme.next();
                self.shared.session.theme = theme;
                self.message = Some(self.tf("message.theme", &[("theme", theme.name())]));
            }
            Action::FocusSearch if matches!(self.screen, ScreenId::Queue | ScreenId::Export) => {
                self.overlay = Some(Overlay::Prompt(super::overlays::prompt::PromptState {
                    asks: super::overlays::prompt::Asks::Find,
                    about: self.t(&self.screen.title_key()),
                    reason: self.find.clone().unwrap_or_default(),
                    problem: None,
                }));
            }
            Action::FocusSearch => {
                self.message = Some(self.t("message.no_search"));
            }
            Action::FindNext | Action::FindPrev => {
                self.find_in_list(action == Action::FindNext, false);
            }
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

    /// Actions for the screen shown, after the rules that span screens.
    fn screen_update(&mut self, action: Action) -> Vec<Effect> {
        // The queue and the intake hand over a person of their own; elsewhere it is anonymous.
        if action == Action::UrgentHandover
            && !matches!(self.screen, ScreenId::Queue | ScreenId::Intake)
        {
            return self.urgent_handover();
        }
        if self.screen == ScreenId::Queue
            && action == Action::StartIntake
            && self.screens.intake.in_progress()
        {
            // Never replace an unfinished intake: it would be lost.
            let key = crate::tui::hints::key_for(
                &self.ctx(),
                crate::tui::keymap::Context::Global,
                Action::ScreenIntake,
            )
            .unwrap_or_default();
            self.message = Some(self.tf("intake.busy", &[("key", &key)]));
            return Vec::new();
        }
        if self.screen == ScreenId::Queue
            && action == Action::Confirm
            && self.screens.information.in_progress()
        {
            // Nor a visit under way on the Information screen.
            let who = self
                .serving()
                .unwrap_or_else(|| self.t("history.anonymous"));
            let key = |action| {
                crate::tui::hints::key_for(&self.ctx(), crate::tui::keymap::Context::Form, action)
                    .unwrap_or_default()
            };
            let (save, back) = (key(Action::SaveVisit), key(Action::Close));
            self.message = Some(self.tf(
                "info.busy",
                &[("who", &who), ("save", &save), ("back", &back)],
            ));
            return Vec::new();
        }
        // One picker for the visitor's language, wherever the visit is.
        if action == Action::VisitorLanguage
            && self.screens.get(self.screen).actions().contains(&action)
        {
            self.overlay = Some(self.language_picker());
            return Vec::new();
        }
        let cx = self.shared.ctx(self.screen);
        let outcome = self.screens.get_mut(self.screen).handle(action, &cx);
        if matches!(outcome, Outcome::Ignored) {
            self.not_here(action);
        }
        self.take(outcome)
    }

    /// Called when the loop wakes without input: takes in what background work reported, and
    /// saves what was typed into the intake since its draft was last saved.
    pub fn tick(&mut self) -> Vec<Effect> {
        let mut effects = self.lock_when_idle();
        if self.screens.export.poll() {
            effects.push(Effect::LoadExport);
        }
        if let Some(draft) = self.screens.intake.unsaved_draft() {
            effects.push(draft);
        }
        effects
    }

    /// During an intake, the Directory ranks the services of the visitor's SMZ/CMS region first,
    /// from the commune of stay (or support domicile) typed, until staff choose a region.
    fn preset_region(&mut self) {
        let directory = &mut self.screens.directory;
        if directory.region_chosen || !self.screens.intake.in_progress() {
            return;
        }
        let reception = &self.screens.intake.reception;
        let region = [&reception.support_domicile, &reception.commune_of_stay]
            .into_iter()
            .filter(|text| !text.trim().is_empty())
            .find_map(|text| {
                crate::catalog::communes::find(&self.shared.catalog.communes, text).ok()
            })
            .map(|commune| commune.region.clone())
            .filter(|region| !region.is_empty());
        if region.is_some() {
            directory.region = region;
            directory.selected = 0;
        }
    }

    /// Whether the screen changes with time alone (a running interpreter timer, an export).
    pub fn ticking(&self) -> bool {
        self.screens.export.running()
            || self.running_timer().is_some()
            || self.screens.get(self.screen).ticking()
    }

    /// The next (or previous) screen the role signed in may see.
    fn step_screen(&mut self, step: fn(ScreenId) -> ScreenId) -> Vec<Effect> {
        let mut screen = step(self.screen);
        while !self.may_show(screen) && screen != self.screen {
            screen = step(screen);
        }
        self.show(screen)
    }

    /// Shows a screen, with the fresh data it reads each time it is shown.
    fn show(&mut self, screen: ScreenId) -> Vec<Effect> {
        self.screen = screen;
        self.overlay = None;
        // Each screen opens in a modal keymap's normal mode: keys move before they type.
        self.shared.search_focused = !self.shared.keymap.modal();
        if screen == ScreenId::Directory {
            self.preset_region();
        }
        if screen == ScreenId::Glossary {
            // The glossary speaks to the visitor of the visit under way.
            self.screens.glossary.visitor = if self.screens.intake.in_progress() {
                self.screens.intake.information.visitor_lang
            } else {
                self.screens.information.visitor_lang
            };
        }
        self.screens.get(screen).shown(&self.shared.ctx(screen))
    }

    fn next_language(&mut self) -> Vec<Effect> {
        let languages = self.shared.catalog.i18n.languages();
        let current = languages
            .iter()
            .position(|l| *l == self.shared.lang)
            .unwrap_or(0);
        self.shared.lang = languages[(current + 1) % languages.len()].clone();
        self.message = Some(self.tf(
            "message.language_changed",
            &[("language", &self.t("meta.name"))],
        ));
        vec![Effect::SaveLanguage(self.shared.lang.clone())]
    }
}

/// Changing the state directly, for tests that draw a screen in a given state.
#[cfg(test)]
impl App {
    pub(crate) fn screens_mut(&mut self) -> &mut Screens {
        &mut self.screens
    }

    pub(crate) fn session_mut(&mut self) -> &mut Session {
        &mut self.shared.session
    }

    pub(crate) fn set_overlay(&mut self, overlay: Option<Overlay>) {
        self.overlay = overlay;
    }
}

#[cfg(test)]
pub(crate) mod tests;
