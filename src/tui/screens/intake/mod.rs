//! The guided intake: five stages (reception, information, competence, referral, close) with a
//! stage bar. Each field is saved as a draft when it is left, so a crash, a kill or a power cut
//! loses at most the field being typed; the next start offers the draft back.

mod reception;
mod referral;
mod render;
mod returning;
mod visit;

pub use reception::{FieldProblem, Reception, ReceptionField};
pub use referral::{ReferralDraft, ReferralStep};
pub use render::render;

use super::competence::CompetenceForm;
use super::directory::DirectoryState;
use super::information::InformationState;
use crate::catalog::Catalog;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use crate::tui::screens::Outcome;
use serde::{Deserialize, Serialize};

/// How many returning visitors a lookup lists (scrolled through under the field).
pub const RETURNING_SHOWN: usize = 50;

/// The stages in order; their names are `intake.stage_<n>` in the UI strings.
pub const STAGES: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeState {
    /// The draft's id, fixed for the whole intake.
    pub draft_id: String,
    /// 0-based index of the current stage.
    pub stage: usize,
    pub reception: Reception,
    #[serde(default)]
    pub referrals: Vec<ReferralDraft>,
    /// The referral last taken off the list, with its place, to put back (undo).
    #[serde(skip)]
    pub removed_referral: Option<(usize, ReferralDraft)>,
    #[serde(default)]
    pub note: String,
    /// Stages 2 and 3 are in the draft; the directory's search line of stage 4 is not.
    #[serde(default)]
    pub information: InformationState,
    #[serde(default)]
    pub competence: Option<CompetenceForm>,
    /// How far the referral summary (stage 4) or the close (stage 5) is scrolled.
    #[serde(skip)]
    pub summary_scroll: crate::tui::fit::TextScroll,
    #[serde(skip)]
    pub directory: DirectoryState,
    /// People from earlier visits matching the name or AHV number being typed, the most
    /// recently seen first.
    #[serde(skip)]
    pub suggestions: Vec<crate::store::ReturningPerson>,
    /// More people matched than are listed.
    #[serde(skip)]
    pub suggestions_more: bool,
    #[serde(skip)]
    pub suggestion: usize,
    /// Letters typed on the language or status field to find a choice by name.
    #[serde(skip)]
    pub language_query: String,
    /// The highlighted commune suggestion under a commune field.
    #[serde(skip)]
    pub commune_pick: usize,
    /// Staff were told the competence check is incomplete: the next save goes without it.
    #[serde(skip)]
    pub save_without_competence: bool,
    /// Typed since the draft was last saved (saved when typing pauses, see `App::tick`).
    #[serde(skip)]
    pub unsaved: bool,
}

impl Default for IntakeState {
    fn default() -> Self {
        IntakeState {
            draft_id: uuid::Uuid::now_v7().to_string(),
            stage: 0,
            reception: Reception::default(),
            referrals: Vec::new(),
            removed_referral: None,
            note: String::new(),
            information: InformationState::default(),
            competence: None,
            summary_scroll: Default::default(),
            directory: DirectoryState::default(),
            suggestions: Vec::new(),
            suggestions_more: false,
            suggestion: 0,
            language_query: String::new(),
            commune_pick: 0,
            save_without_competence: false,
            unsaved: false,
        }
    }
}

impl IntakeState {
    /// The effect that stores the intake as it stands.
    pub fn save_draft(&self) -> Effect {
        Effect::SaveDraft {
            id: self.draft_id.clone(),
            stage: format!("stage-{}", self.stage + 1),
            data: serde_json::to_string(self).expect("plain data serialises"),
        }
    }

    /// The draft to save when something was typed since the last one (and there is an intake).
    pub fn unsaved_draft(&mut self) -> Option<Effect> {
        if !std::mem::take(&mut self.unsaved) || !self.in_progress() {
            return None;
        }
        Some(self.save_draft())
    }

    /// Notes whether what the screen answered saves the intake; if not, it is saved later.
    fn track_saving(&mut self, outcome: Outcome) -> Outcome {
        let saves = |effects: &[Effect]| {
            effects
                .iter()
                .any(|e| matches!(e, Effect::SaveDraft { .. } | Effect::SaveVisit { .. }))
        };
        match &outcome {
            Outcome::Effects(effects) if saves(effects) => self.unsaved = false,
            Outcome::Ignored => {}
            _ => self.unsaved = true,
        }
        outcome
    }

    /// Who the intake is for: the names typed, else the name or ticket of the check-in.
    pub fn who(&self) -> Option<String> {
        let r = &self.reception;
        let names: Vec<&str> = [r.official_name.trim(), r.first_name.trim()]
            .into_iter()
            .filter(|n| !n.is_empty())
            .collect();
        if !r.anonymous && !names.is_empty() {
            return Some(names.join(", "));
        }
        self.information.arrival.label.clone()
    }

    /// Whether anything was entered: such an intake must not be replaced by a new one.
    pub fn in_progress(&self) -> bool {
        self.stage != 0
            || !self.reception.is_blank()
            || !self.referrals.is_empty()
            || !self.information.given.is_empty()
    }

    /// The intake as its draft saved it; what does not read says why.
    pub fn from_draft(data: &str) -> Result<IntakeState, serde_json::Error> {
        serde_json::from_str(data)
    }

    /// Types into the focused field; a flag ticked with the space bar is saved at once.
    pub fn type_char(&mut self, c: char, cx: &Ctx<'_>) -> Option<Effect> {
        match self.stage {
            1 => self.information.type_char(c),
            2 => {
                if let Some(form) = &mut self.competence {
                    form.type_char(c, cx.catalog, cx.lang);
                }
            }
            3 => self.directory.type_char(c),
            4 => {
                // The note is typed at the end of the close: keep it in view.
                self.summary_scroll.to_end();
                self.note.push(c)
            }
            _ => {
                let focus = self.reception.focus;
                // A space steps the choice, unless a name is being typed ("admis provisoirement").
                if matches!(focus, ReceptionField::Language | ReceptionField::Status)
                    && (c != ' ' || !self.language_query.is_empty())
                {
                    self.language_query.push(c);
                    self.pick_language(cx);
                    return None;
                }
                self.commune_pick = 0;
                match self.reception.text_mut(focus) {
                    Some(text) => text.push(c),
                    // The space bar ticks a flag or steps a choice.
                    None if c == ' ' => {
                        self.step_reception(true, cx);
                        return Some(self.save_draft());
                    }
                    None => {}
                }
            }
        }
        None
    }

    /// Typing on the language or status field picks the best match by name (see `choose`).
    fn pick_language(&mut self, cx: &Ctx<'_>) {
        match self.reception.focus {
            ReceptionField::Language => {
                if let Some(best) = crate::tui::choose::language(cx, &self.language_query) {
                    self.reception.language = Some(best);
                }
            }
            ReceptionField::Status => {
                if let Some(best) = crate::tui::choose::status(cx, &self.language_query) {
                    self.reception.status = best;
                }
            }
            _ => {}
        }
    }

    /// Communes matching the focused commune field, best first (empty elsewhere).
    pub fn commune_suggestions<'c>(&self, catalog: &'c Catalog) -> Vec<&'c str> {
        let r = &self.reception;
        let typed = match r.focus {
            _ if self.stage != 0 => return Vec::new(),
            ReceptionField::CommuneOfStay => &r.commune_of_stay,
            ReceptionField::SupportDomicile => &r.support_domicile,
            _ => return Vec::new(),
        };
        crate::search::commune_suggestions(&catalog.communes, typed, 6)
    }

    /// ↑↓ move through the commune suggestions, Enter takes one.
    fn handle_commune_pick(&mut self, action: Action, catalog: &Catalog) -> Option<Vec<Effect>> {
        let choices: Vec<String> = self
            .commune_suggestions(catalog)
            .into_iter()
            .map(str::to_string)
            .collect();
        if choices.is_empty() {
            return None;
        }
        let count = choices.len();
        match action {
            Action::Down => self.commune_pick = (self.commune_pick + 1) % count,
            Action::Up => self.commune_pick = (self.commune_pick + count - 1) % count,
            Action::Confirm => {
                let chosen = choices[self.commune_pick.min(count - 1)].clone();
                let focus = self.reception.focus;
                if let Some(text) = self.reception.text_mut(focus) {
                    *text = chosen;
                }
                self.commune_pick = 0;
                return Some(vec![self.save_draft()]);
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Steps the focused choice or flag; ticking the financial request opens its checklist.
    fn step_reception(&mut self, forward: bool, cx: &Ctx<'_>) {
        self.reception.step(forward);
        if self.reception.financial {
            self.reception
                .open_financial_request(cx.catalog, cx.session.today);
        }
    }

    /// Moves to a stage; entering the competence stage fills it from the reception.
    fn enter_stage(&mut self, stage: usize, cx: &Ctx<'_>) {
        self.stage = stage.min(STAGES - 1);
        self.summary_scroll.reset();
        // The referral stage shows and writes slips in the visit's language.
        if self.stage == 3 {
            self.directory.visitor_lang = self.information.visitor_lang;
        }
        if self.stage == 1 {
            self.information
                .preset_visitor(self.reception.language, self.reception.interpreter_needed);
        }
        if self.stage == 2 && self.competence.is_none() {
            let mut form = CompetenceForm::new(cx.catalog, cx.session.today);
            form.status = self.reception.status;
            form.commune = if self.reception.support_domicile.trim().is_empty() {
                self.reception.commune_of_stay.clone()
            } else {
                self.reception.support_domicile.clone()
            };
            self.competence = Some(form);
        }
    }

    /// Handles an action of the intake; `None` when it is not one of its own.
    pub fn handle(&mut self, action: Action, cx: &Ctx<'_>) -> Option<Vec<Effect>> {
        if action != Action::SaveVisit && action != Action::Confirm {
            self.save_without_competence = false;
        }
        // On the information and competence stages PgDn first reads on in a text longer than
        // its pane, then goes on to the next stage; PgUp reads back, then goes back.
        let scrolls: Vec<&crate::tui::fit::TextScroll> = match self.stage {
            1 => self.information.text_scroll.iter().collect(),
            2 => self.competence.iter().map(|f| &f.answer_scroll).collect(),
            _ => vec![&self.summary_scroll],
        };
        match action {
            Action::PageDown if scrolls.iter().any(|s| s.more_below()) => {
                scrolls.iter().for_each(|s| s.down());
                return Some(Vec::new());
            }
            Action::PageUp if scrolls.iter().any(|s| !s.at_top()) => {
                scrolls.iter().for_each(|s| s.up());
                return Some(Vec::new());
            }
            _ => {}
        }
        match action {
            Action::PageDown => {
                self.enter_stage(self.stage + 1, cx);
                return Some(vec![self.save_draft()]);
            }
            Action::PageUp => {
                self.enter_stage(self.stage.saturating_sub(1), cx);
                return Some(vec![self.save_draft()]);
            }
            Action::SaveVisit => return Some(self.finish(cx)),
            Action::InterpreterTimer if self.stage != 1 => {
                self.information
                    .handle(action, cx.catalog, cx.lang, cx.now.instant);
                return Some(vec![self.save_draft()]);
            }
            Action::UrgentHandover => return Some(vec![self.urgent_handover(cx)]),
            _ => {}
        }
        if self.stage == 1 && action == Action::WrittenCopy {
            let copy = self.information.written_copy(cx.catalog, cx.lang);
            return Some(copy.into_iter().chain([self.save_draft()]).collect());
        }
        match self.stage {
            1 => self
                .information
                .handle(action, cx.catalog, cx.lang, cx.now.instant)
                .then(|| self.draft_unless_typing(action)),
            2 => {
                let form = self.competence.as_mut()?;
                form.handle(action, cx.catalog)
                    .then(|| self.draft_unless_typing(action))
            }
            3 => self.handle_referral(action, cx),
            4 => match action {
                Action::Confirm => Some(self.finish(cx)),
                Action::DeleteChar => {
                    self.note.pop();
                    Some(Vec::new())
                }
                _ => None,
            },
            _ => self.handle_reception(action, cx),
        }
    }

    /// A handled action that changed what the visit records (a topic given, a field left, a
    /// choice made) saves the draft; moving and typing do not.
    fn draft_unless_typing(&self, action: Action) -> Vec<Effect> {
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last
            | Action::DeleteChar
            | Action::ClearInput => Vec::new(),
            _ => vec![self.save_draft()],
        }
    }

    fn handle_reception(&mut self, action: Action, cx: &Ctx<'_>) -> Option<Vec<Effect>> {
        let focus = self.reception.focus;
        if let Some(effects) = self.handle_commune_pick(action, cx.catalog) {
            return Some(effects);
        }
        if !self.suggestions.is_empty() {
            match action {
                Action::Down => {
                    self.suggestion = (self.suggestion + 1) % self.suggestions.len();
                    return Some(Vec::new());
                }
                Action::Up => {
                    self.suggestion =
                        (self.suggestion + self.suggestions.len() - 1) % self.suggestions.len();
                    return Some(Vec::new());
                }
                Action::Confirm => {
                    let Some(found) = self.suggestions.get(self.suggestion).cloned() else {
                        return Some(Vec::new());
                    };
                    if self.accept_suggestion(cx.catalog) {
                        let p = &found.person;
                        let taken = cx.tf(
                            "intake.taken_over",
                            &[
                                ("name", &format!("{}, {}", p.official_name, p.first_name)),
                                ("date", found.seen_at.get(..10).unwrap_or(&found.seen_at)),
                            ],
                        );
                        return Some(vec![self.save_draft(), Effect::Notice(taken)]);
                    }
                }
                Action::Close => {
                    self.suggestions.clear();
                    return Some(Vec::new());
                }
                _ => {}
            }
        }
        if matches!(
            action,
            Action::NextField | Action::PrevField | Action::Down | Action::Up | Action::Confirm
        ) {
            self.suggestions.clear();
            self.language_query.clear();
        }
        if matches!(focus, ReceptionField::Language | ReceptionField::Status)
            && action == Action::DeleteChar
        {
            self.language_query.pop();
            if !self.language_query.is_empty() {
                self.pick_language(cx);
            }
            return Some(Vec::new());
        }
        match action {
            Action::NextField | Action::Down | Action::Confirm => self.reception.move_focus(1),
            Action::PrevField | Action::Up => self.reception.move_focus(-1),
            Action::Left => self.step_reception(false, cx),
            Action::Right => self.step_reception(true, cx),
            Action::DeleteChar => {
                if let Some(text) = self.reception.text_mut(focus) {
                    text.pop();
                }
                // Typing is not saved key by key: the field is saved when it is left.
                return Some(Vec::new());
            }
            Action::ClearInput => {
                if let Some(text) = self.reception.text_mut(focus) {
                    text.clear();
                }
                return Some(Vec::new());
            }
            _ => return None,
        }
        Some(vec![self.save_draft()])
    }
}

impl crate::tui::screens::Screen for IntakeState {
    fn actions(&self) -> Vec<Action> {
        use Action::*;
        let mut actions = vec![SaveVisit, UrgentHandover, PageDown, PageUp, Dossier];
        let stage: Vec<Action> = match self.stage {
            0 => vec![
                NextField, PrevField, Left, Right, Up, Down, Confirm, Close, DeleteChar, ClearInput,
            ],
            1 => super::information::INFORMATION_ACTIONS.to_vec(),
            2 => super::competence::COMPETENCE_ACTIONS.to_vec(),
            3 => vec![
                Confirm,
                Undo,
                Left,
                Right,
                Appointment,
                WriteSlip,
                CopyPhone,
                NextRegion,
                VisitorLanguage,
                Up,
                Down,
                DeleteChar,
                ClearInput,
            ],
            _ => vec![Confirm, DeleteChar],
        };
        // The interpreter's time is kept from every stage.
        for a in stage
            .into_iter()
            .chain([InterpreterTimer, InterpreterMinutes])
        {
            if !actions.contains(&a) {
                actions.push(a);
            }
        }
        actions
    }

    fn handle(&mut self, action: Action, cx: &Ctx<'_>) -> Outcome {
        self.information.begin(cx.now);
        // The interpreter's time is reachable from every stage.
        if action == Action::InterpreterMinutes {
            return self.information.minutes_prompt(cx);
        }
        if self.stage == 3 && action == Action::Appointment {
            return self.appointment_prompt(cx);
        }
        if action == Action::Dossier {
            return self.dossier(cx);
        }
        let closing = action == Action::SaveVisit || (self.stage == 4 && action == Action::Confirm);
        if closing && let Some(question) = self.information.timer_question(cx) {
            return question;
        }
        let outcome = match IntakeState::handle(self, action, cx) {
            Some(effects) => Outcome::effects(effects),
            None => Outcome::Ignored,
        };
        self.track_saving(outcome)
    }

    /// Typing saves a ticked flag at once, and looks returning visitors up by name or AHV.
    fn type_char(&mut self, c: char, cx: &Ctx<'_>) -> Outcome {
        self.information.begin(cx.now);
        if let Some(saved) = IntakeState::type_char(self, c, cx) {
            return self.track_saving(Outcome::Effects(vec![saved]));
        }
        let outcome = match self.lookup_text() {
            Some(text) => Outcome::Effects(vec![Effect::LookupReturning(text)]),
            None => Outcome::Handled,
        };
        self.track_saving(outcome)
    }

    fn render(&self, cx: &Ctx<'_>, frame: &mut ratatui::Frame, area: ratatui::layout::Rect) {
        render::render(cx, self, frame, area)
    }

    fn ticking(&self) -> bool {
        self.information.ticking()
    }
}
