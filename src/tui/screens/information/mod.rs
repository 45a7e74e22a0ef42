//! The Information screen: find a topic, explain it in the staff language and, side by side, in
//! the visitor's; mark what was given and whether a written copy went along; record the
//! interpreter (language, mode, minutes by a start/stop timer); save it all as a visit.

mod render;
mod visitor_text;

pub use render::render;

use crate::catalog::Catalog;
use crate::domain::{InterpreterMode, InterpreterUse, LanguageCode, TopicGiven};
use crate::search;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use crate::tui::screens::Outcome;
use std::time::{Duration, Instant};
use strum::IntoEnumIterator;
pub use visitor_text::{VisitorText, file_language_name};

/// The interpreter present at this visit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Interpreter {
    /// ISO 639-3 code from the common list.
    pub language: LanguageCode,
    pub mode: InterpreterMode,
    /// The interpreting service, by its id in the directory (drafts of earlier versions may
    /// hold its name: shown as it is).
    pub provider: Option<String>,
    /// Time counted by stopped runs of the timer.
    pub counted: Duration,
    /// When the running timer was started (not in a draft: a restart stops the timer).
    #[serde(skip)]
    pub running_since: Option<Instant>,
}

impl Interpreter {
    /// Stops a running timer, adding what it counted.
    pub fn stop(&mut self, now: Instant) {
        if let Some(since) = self.running_since.take() {
            self.counted += now - since;
        }
    }

    /// Minutes typed by staff replace what was counted; a running timer stops.
    pub fn set_minutes(&mut self, minutes: u32) {
        self.running_since = None;
        self.counted = Duration::from_secs(u64::from(minutes) * 60);
    }

    pub fn elapsed(&self, now: Instant) -> Duration {
        self.counted
            + self
                .running_since
                .map_or(Duration::ZERO, |since| now - since)
    }

    /// Whole minutes, a begun minute counting in full (as interpreting is billed).
    pub fn minutes(&self, now: Instant) -> u32 {
        let seconds = self.elapsed(now).as_secs();
        seconds.div_ceil(60) as u32
    }
}

/// In a draft: the visitor's language, topics given, interpreter, waiting time and start.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct InformationState {
    #[serde(skip)]
    pub query: String,
    #[serde(skip)]
    pub selected: usize,
    /// The visitor's language (ISO 639-3), chosen once for the visit: the side-by-side text,
    /// the slips and the written copy are in it (`None`: staff language only).
    #[serde(with = "crate::domain::language::stored_optional")]
    pub visitor_lang: Option<LanguageCode>,
    /// The language the visitor reads second, for texts that do not exist in the first.
    #[serde(with = "crate::domain::language::stored_optional")]
    pub visitor_second: Option<LanguageCode>,
    /// The topic fills the screen in large print, for the visitor.
    #[serde(skip)]
    pub client_view: bool,
    /// How far the staff's and the visitor's texts are scrolled (PgDn/PgUp).
    #[serde(skip)]
    pub text_scroll: [crate::tui::fit::TextScroll; 2],
    /// Topics given so far in this visit, in the order given.
    pub given: Vec<TopicGiven>,
    pub interpreter: Option<Interpreter>,
    /// Seconds the visitor waited in the queue, when taken from it.
    pub waiting_seconds: Option<u32>,
    /// When the visit began (taken from the queue); else it begins when saved.
    pub started_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// What the check-in said: the name or ticket, why, how urgent, whether an interpreter is
    /// needed. Saved with the visit.
    pub arrival: Arrival,
}

/// What the visitor's check-in said, carried into the visit.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Arrival {
    /// The name or ticket number given at check-in.
    pub label: Option<String>,
    pub reason: String,
    pub urgency: crate::domain::Urgency,
    pub interpreter_needed: bool,
    pub language: Option<LanguageCode>,
    /// When the visitor checked in (milliseconds since the epoch), to put them back in place.
    pub checked_in_ms: Option<i64>,
}

impl Arrival {
    /// The queue entry to put the visitor back with, as they checked in.
    pub fn queue_entry(&self) -> Option<crate::store::QueueEntry> {
        Some(crate::store::QueueEntry {
            id: uuid::Uuid::now_v7().to_string(),
            label: self.label.clone()?,
            reason: self.reason.clone(),
            urgency: self.urgency,
            language: self.language,
            interpreter_needed: self.interpreter_needed,
            checked_in_ms: self.checked_in_ms?,
        })
    }
}

impl InformationState {
    /// Topic ids matching the query (titles in the staff language and in German), in order.
    pub fn hits(&self, catalog: &Catalog, lang: &str) -> Vec<String> {
        let items = catalog.topics.ids().iter().map(|id| {
            let title = |l: &str| {
                catalog
                    .topics
                    .get(id, l)
                    .map_or(String::new(), |(t, _)| t.title.clone())
            };
            (id.clone(), format!("{} {}", title(lang), title("de")))
        });
        search::rank(&self.query, items)
    }

    pub fn selected_topic(&self, catalog: &Catalog, lang: &str) -> Option<String> {
        let hits = self.hits(catalog, lang);
        hits.get(crate::tui::list::clamped(self.selected, hits.len()))
            .cloned()
    }

    /// What is known of the visitor's language before this screen: the topics open in it where
    /// they exist in it, and an interpreter for it when one is needed. A choice made here already
    /// is kept.
    pub fn preset_visitor(&mut self, language: Option<LanguageCode>, interpreter_needed: bool) {
        let Some(language) = language else {
            return;
        };
        if self.visitor_lang.is_none() && language.topic_language() != Some("de") {
            self.visitor_lang = Some(language);
        }
        // Staff do not interpret their own language for the visitor.
        let national = matches!(language.as_str(), "deu" | "fra" | "ita");
        if interpreter_needed && self.interpreter.is_none() && !national {
            self.interpreter = Some(Interpreter {
                language,
                mode: InterpreterMode::OnSite,
                provider: None,
                counted: Duration::ZERO,
                running_since: None,
            });
        }
    }

    /// The visitor's language chosen: an interpreter who was for the language before follows it.
    pub fn choose_visitor_language(&mut self, code: Option<LanguageCode>) {
        let before = std::mem::replace(&mut self.visitor_lang, code);
        if let (Some(interpreter), Some(code)) = (&mut self.interpreter, code)
            && Some(interpreter.language) == before
        {
            interpreter.language = code;
        }
    }

    /// The visit begins with the first key of it (unless it began in the queue).
    pub fn begin(&mut self, now: crate::tui::context::Now) {
        if self.started_at.is_none() {
            self.started_at = Some(now.local);
        }
    }

    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.selected = 0;
        self.text_scroll.iter().for_each(|s| s.reset());
    }

    /// Whether the screen must be redrawn as time passes (a running timer).
    pub fn ticking(&self) -> bool {
        self.interpreter
            .as_ref()
            .is_some_and(|i| i.running_since.is_some())
    }

    /// Handles an action of the screen; `false` when it is not one of its own.
    pub fn handle(&mut self, action: Action, catalog: &Catalog, lang: &str, now: Instant) -> bool {
        // The visitor view reads one text: every moving key moves in it, none changes the topic.
        if self.client_view {
            let moved = match action {
                Action::Down => Some(crate::tui::fit::TextScroll::line_down as fn(&_)),
                Action::Up => Some(crate::tui::fit::TextScroll::line_up as fn(&_)),
                Action::PageDown => Some(crate::tui::fit::TextScroll::down as fn(&_)),
                Action::PageUp => Some(crate::tui::fit::TextScroll::up as fn(&_)),
                Action::First => Some(crate::tui::fit::TextScroll::reset as fn(&_)),
                Action::Last => Some(crate::tui::fit::TextScroll::to_end as fn(&_)),
                _ => None,
            };
            if let Some(moved) = moved {
                self.text_scroll.iter().for_each(moved);
                return true;
            }
        }
        // PgDn/PgUp read on in a topic's text; the other keys choose the topic.
        match action {
            Action::PageDown => {
                self.text_scroll.iter().for_each(|s| s.down());
                return true;
            }
            Action::PageUp => {
                self.text_scroll.iter().for_each(|s| s.up());
                return true;
            }
            _ => {}
        }
        let count = self.hits(catalog, lang).len();
        if let Some(at) = crate::tui::list::moved(self.selected, action, count) {
            if at != self.selected {
                self.text_scroll.iter().for_each(|s| s.reset());
            }
            self.selected = at;
            return true;
        }
        match action {
            Action::DeleteChar => {
                self.query.pop();
                self.selected = 0;
            }
            Action::ClearInput => {
                self.query.clear();
                self.selected = 0;
            }
            Action::Confirm => self.toggle_given(catalog, lang),
            Action::ClientView => self.client_view = !self.client_view,
            Action::Close if self.client_view => self.client_view = false,
            Action::InterpreterLanguage => {
                let languages = crate::domain::language::interpreter_languages();
                let next = match &self.interpreter {
                    // The visitor's language first: that is whom the interpreter is for.
                    None => self
                        .visitor_lang
                        .as_ref()
                        .filter(|v| !matches!(v.as_str(), "deu" | "fra" | "ita"))
                        .or(languages.first()),
                    Some(i) => languages
                        .iter()
                        .position(|c| *c == i.language)
                        .and_then(|p| languages.get(p + 1)),
                };
                self.interpreter = next.map(|code| match self.interpreter.clone() {
                    Some(interpreter) => Interpreter {
                        language: *code,
                        ..interpreter
                    },
                    None => Interpreter {
                        language: *code,
                        mode: InterpreterMode::OnSite,
                        provider: None,
                        counted: Duration::ZERO,
                        running_since: None,
                    },
                });
            }
            Action::InterpreterMode => {
                if let Some(interpreter) = &mut self.interpreter {
                    let modes: Vec<InterpreterMode> = InterpreterMode::iter().collect();
                    let at = modes
                        .iter()
                        .position(|m| *m == interpreter.mode)
                        .unwrap_or(0);
                    interpreter.mode = modes[(at + 1) % modes.len()];
                }
            }
            Action::InterpreterProvider => {
                if let Some(interpreter) = &mut self.interpreter {
                    // The interpreting services of the directory (kept by id), then none.
                    let providers: Vec<String> = catalog
                        .services
                        .iter()
                        .filter(|s| s.categories.iter().any(|c| c == "interpreting"))
                        .map(|s| s.id.clone())
                        .collect();
                    interpreter.provider = match &interpreter.provider {
                        None => providers.first().cloned(),
                        Some(current) => providers
                            .iter()
                            .position(|p| p == current)
                            .and_then(|i| providers.get(i + 1))
                            .cloned(),
                    };
                }
            }
            Action::InterpreterTimer => {
                if let Some(interpreter) = &mut self.interpreter {
                    match interpreter.running_since.take() {
                        Some(since) => interpreter.counted += now - since,
                        None => interpreter.running_since = Some(now),
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// Ctrl-D: the selected topic (given now if it was not) joins the written copy, and the
    /// copy of every topic marked for it is written for the visitor.
    pub fn written_copy(&mut self, catalog: &Catalog, lang: &str) -> Option<Effect> {
        let topic = self.selected_topic(catalog, lang)?;
        if !self.given.iter().any(|g| g.topic == topic) {
            self.toggle_given(catalog, lang);
        }
        let given = self.given.iter_mut().find(|g| g.topic == topic)?;
        given.written_copy = true;
        Some(Effect::WriteCopy {
            topics: self
                .given
                .iter()
                .filter(|g| g.written_copy)
                .map(|g| g.topic.clone())
                .collect(),
            visitor_lang: self.visitor_lang,
            visitor_second: self.visitor_second,
        })
    }

    /// The copy written: kept with each of its topics (which languages, when).
    pub fn record_copy(&mut self, topics: &[String], copy: &crate::domain::SlipWritten) {
        for given in self.given.iter_mut().filter(|g| topics.contains(&g.topic)) {
            given.written_copy = true;
            given.copy = Some(copy.clone());
        }
    }

    fn toggle_given(&mut self, catalog: &Catalog, lang: &str) {
        let Some(topic) = self.selected_topic(catalog, lang) else {
            return;
        };
        if let Some(at) = self.given.iter().position(|g| g.topic == topic) {
            self.given.remove(at);
        } else {
            // Given in the visitor's language when the topic exists in it, else in the one they
            // read second, else in the staff's.
            let language = self
                .visitor_files(catalog)
                .into_iter()
                .find(|l| catalog.topics.get_exact(&topic, l).is_some())
                .unwrap_or(lang)
                .to_string();
            self.given.push(TopicGiven {
                topic,
                language,
                written_copy: false,
                copy: None,
            });
        }
    }

    /// The interpreter record to save, with the timer stopped at `now`.
    /// The visit this information stage makes, anonymous and ending now: its topics with the
    /// language given in, the interpreter, the waiting time. The one place a visit is begun; the
    /// intake adds the person, the competence answer and the referrals.
    pub fn visit(
        &self,
        desk: &str,
        staff: &str,
        kind: crate::domain::VisitKind,
        urgency: crate::domain::Urgency,
        at: crate::tui::context::Now,
    ) -> crate::domain::Visit {
        let now = at.local;
        crate::domain::Visit {
            id: uuid::Uuid::now_v7(),
            desk_id: desk.to_string(),
            staff_id: staff.to_string(),
            started_at: self.started_at.unwrap_or(now),
            ended_at: Some(now),
            kind,
            urgency,
            person: None,
            topics: self.given.iter().map(|g| g.topic.clone()).collect(),
            information: self.given.clone(),
            competence: None,
            referrals: Vec::new(),
            interpreter: self.interpreter_use(at.instant),
            consent_to_export: false,
            waiting_seconds: self.waiting_seconds,
            note: None,
            financial: None,
            reason: Some(self.arrival.reason.trim().to_string()).filter(|r| !r.is_empty()),
            interpreter_needed: self.arrival.interpreter_needed,
            visitor_language: self.visitor_lang.or(self.arrival.language),
        }
    }

    pub fn interpreter_use(&self, now: Instant) -> Option<InterpreterUse> {
        let interpreter = self.interpreter.as_ref()?;
        Some(InterpreterUse {
            language: interpreter.language,
            mode: interpreter.mode,
            provider: interpreter.provider.clone(),
            minutes: interpreter.minutes(now),
        })
    }
}

/// What the information panel does (the Information screen and the intake's stage 2).
pub const INFORMATION_ACTIONS: [Action; 20] = [
    Action::FocusSearch,
    Action::Confirm,
    Action::WrittenCopy,
    Action::VisitorLanguage,
    Action::ClientView,
    Action::InterpreterLanguage,
    Action::InterpreterMode,
    Action::InterpreterProvider,
    Action::InterpreterTimer,
    Action::InterpreterMinutes,
    Action::SaveVisit,
    Action::Close,
    Action::Up,
    Action::Down,
    Action::PageUp,
    Action::PageDown,
    Action::First,
    Action::Last,
    Action::DeleteChar,
    Action::ClearInput,
];

impl crate::tui::screens::Screen for InformationState {
    fn actions(&self) -> Vec<crate::tui::Action> {
        #[allow(unused_imports)]
        use crate::tui::Action::*;
        INFORMATION_ACTIONS.to_vec()
    }

    fn handle(&mut self, action: Action, cx: &Ctx<'_>) -> Outcome {
        if action == Action::SaveVisit {
            return self.save(cx);
        }
        if action == Action::Close && !self.client_view && self.arrival.label.is_some() {
            return self.put_back(cx);
        }
        if action == Action::InterpreterMinutes {
            return self.minutes_prompt(cx);
        }
        if action == Action::WrittenCopy {
            self.begin(cx.now);
            return Outcome::Effects(self.written_copy(cx.catalog, cx.lang).into_iter().collect());
        }
        let taken = InformationState::handle(self, action, cx.catalog, cx.lang, cx.now.instant);
        // Browsing topics is not yet a visit: it begins with the first topic given.
        if !self.given.is_empty() {
            self.begin(cx.now);
        }
        Outcome::taken(taken)
    }

    fn type_char(&mut self, c: char, _cx: &Ctx<'_>) -> Outcome {
        InformationState::type_char(self, c);
        Outcome::Handled
    }

    fn render(&self, cx: &Ctx<'_>, frame: &mut ratatui::Frame, area: ratatui::layout::Rect) {
        render::render(cx, self, frame, area)
    }

    fn ticking(&self) -> bool {
        InformationState::ticking(self)
    }
}

impl InformationState {
    /// A visit is under way here: a visitor taken from the queue, or a topic given.
    pub fn in_progress(&self) -> bool {
        self.arrival.label.is_some() || !self.given.is_empty()
    }

    /// Esc with a visitor from the queue: ask whether they go back into the queue.
    fn put_back(&self, cx: &Ctx<'_>) -> Outcome {
        let who = self.arrival.label.clone().unwrap_or_default();
        let mut question = cx.tf("confirm.put_back", &[("who", &who)]);
        if !self.given.is_empty() || self.interpreter.is_some() {
            question.push(' ');
            question.push_str(&cx.tf(
                "confirm.put_back_loses",
                &[("count", &self.given.len().to_string())],
            ));
        }
        Outcome::Open(crate::tui::overlays::Overlay::Confirm(
            crate::tui::overlays::ConfirmState {
                title: cx.t("confirm.put_back_title"),
                question,
                then: crate::tui::overlays::Confirmed::PutBack,
            },
        ))
    }

    /// The window to type the interpreter's minutes in, with what is counted so far.
    pub fn minutes_prompt(&self, cx: &Ctx<'_>) -> Outcome {
        match &self.interpreter {
            None => Outcome::Notice(
                cx.tf(
                    "info.minutes_first",
                    &[(
                        "key",
                        &crate::tui::hints::key_for(
                            cx,
                            crate::tui::keymap::Context::Form,
                            Action::InterpreterLanguage,
                        )
                        .unwrap_or_default(),
                    )],
                ),
            ),
            Some(i) => Outcome::Open(crate::tui::overlays::Overlay::Minutes(
                crate::tui::overlays::minutes::MinutesForm::counted(i.minutes(cx.now.instant)),
            )),
        }
    }

    /// A visit is not closed with the interpreter's timer running without a word.
    pub fn timer_question(&self, cx: &Ctx<'_>) -> Option<Outcome> {
        let interpreter = self.interpreter.as_ref()?;
        interpreter.running_since?;
        let minutes = interpreter.minutes(cx.now.instant).to_string();
        Some(Outcome::Open(crate::tui::overlays::Overlay::Confirm(
            crate::tui::overlays::ConfirmState {
                title: cx.t("confirm.timer_title"),
                question: cx.tf("info.timer_running", &[("minutes", &minutes)]),
                then: crate::tui::overlays::Confirmed::StopTimerAndSave,
            },
        )))
    }

    /// The information visit to save; nothing to save before a topic was given.
    fn save(&self, cx: &Ctx<'_>) -> Outcome {
        if self.given.is_empty() {
            return Outcome::Notice(cx.t("info.nothing"));
        }
        if let Some(question) = self.timer_question(cx) {
            return question;
        }
        let visit = self.visit(
            &cx.session.desk,
            &cx.session.staff,
            crate::domain::VisitKind::Information,
            self.arrival.urgency,
            cx.now,
        );
        Outcome::Effects(vec![Effect::SaveVisit {
            visit: Box::new(visit),
            draft: None,
        }])
    }
}

#[cfg(test)]
mod tests;
