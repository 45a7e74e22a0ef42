//! The guided intake: five stages (reception, information, competence, referral, close) with a
//! stage bar. Each field is saved as a draft when it is left, so a crash, a kill or a power cut
//! loses at most the field being typed; the next start offers the draft back.

mod reception;
mod render;

pub use reception::{FieldProblem, Reception, ReceptionField};
pub use render::render;

use crate::tui::action::Action;
use crate::tui::app::Effect;
use serde::{Deserialize, Serialize};

/// The stages in order; their names are `intake.stage_<n>` in the UI strings.
pub const STAGES: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeState {
    /// The draft's id, fixed for the whole intake.
    pub draft_id: String,
    /// 0-based index of the current stage.
    pub stage: usize,
    pub reception: Reception,
}

impl Default for IntakeState {
    fn default() -> Self {
        IntakeState {
            draft_id: uuid::Uuid::now_v7().to_string(),
            stage: 0,
            reception: Reception::default(),
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

    pub fn from_draft(data: &str) -> Option<IntakeState> {
        serde_json::from_str(data).ok()
    }

    pub fn type_char(&mut self, c: char) {
        let focus = self.reception.focus;
        match self.reception.text_mut(focus) {
            Some(text) => text.push(c),
            // The space bar ticks a flag or steps a choice.
            None if c == ' ' => self.reception.step(true),
            None => {}
        }
    }

    /// Handles a form action; returns `None` when it is not one of the intake's own.
    pub fn handle(&mut self, action: Action) -> Option<Vec<Effect>> {
        let focus = self.reception.focus;
        match action {
            Action::NextField | Action::Down | Action::Confirm => self.reception.move_focus(1),
            Action::PrevField | Action::Up => self.reception.move_focus(-1),
            Action::Left => self.reception.step(false),
            Action::Right => self.reception.step(true),
            Action::PageDown => self.stage = (self.stage + 1).min(STAGES - 1),
            Action::PageUp => self.stage = self.stage.saturating_sub(1),
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
