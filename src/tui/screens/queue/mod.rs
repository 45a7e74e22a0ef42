//! The Queue screen (the start screen): who is waiting, urgent first, for how long; check a
//! visitor in, take the selected one into a visit, or note that someone left unseen.

mod check_in;
mod render;

pub use check_in::CheckInForm;
pub use check_in::render as check_in_render;
pub use render::render;

use crate::store::QueueEntry;
use crate::store::QueueExit;
use crate::tui::AfterQueue;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use crate::tui::overlays::Overlay;
use crate::tui::screens::Outcome;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueState {
    pub entries: Vec<QueueEntry>,
    pub selected: usize,
}

impl QueueState {
    pub fn selected_entry(&self) -> Option<&QueueEntry> {
        self.entries
            .get(crate::tui::list::clamped(self.selected, self.entries.len()))
    }

    /// Handles a list action; `None` when it is not one of the screen's own.
    pub fn handle(&mut self, action: Action) -> Option<Vec<Effect>> {
        if let Some(at) = crate::tui::list::moved(self.selected, action, self.entries.len()) {
            self.selected = at;
            return Some(Vec::new());
        }
        match action {
            Action::Confirm => self.end(QueueExit::Taken, AfterQueue::Information),
            Action::StartIntake => self.end(QueueExit::Taken, AfterQueue::Intake),
            Action::UrgentHandover => self.end(QueueExit::Taken, AfterQueue::UrgentHandover),
            Action::LeftUnseen => self.end(QueueExit::Left, AfterQueue::Nothing),
            _ => None,
        }
    }

    fn end(&self, exit: QueueExit, then: AfterQueue) -> Option<Vec<Effect>> {
        let entry = self.selected_entry()?;
        Some(vec![Effect::EndQueueEntry {
            id: entry.id.clone(),
            exit,
            then,
        }])
    }
}

impl crate::tui::screens::Screen for QueueState {
    fn actions(&self) -> Vec<crate::tui::Action> {
        #[allow(unused_imports)]
        use crate::tui::Action::*;
        let mut actions = vec![
            CheckIn,
            Confirm,
            StartIntake,
            UrgentHandover,
            LeftUnseen,
            Undo,
            FocusSearch,
            FindNext,
            FindPrev,
        ];
        actions.extend(crate::tui::list::MOVES);
        actions
    }

    fn handle(&mut self, action: Action, _cx: &Ctx<'_>) -> Outcome {
        if action == Action::CheckIn {
            return Outcome::Open(Overlay::CheckIn(CheckInForm::default()));
        }
        match QueueState::handle(self, action) {
            Some(effects) => Outcome::effects(effects),
            None => Outcome::Ignored,
        }
    }

    fn render(&self, cx: &Ctx<'_>, frame: &mut ratatui::Frame, area: ratatui::layout::Rect) {
        render::render(cx, self, frame, area)
    }

    /// Waiting times grow while someone waits.
    fn ticking(&self) -> bool {
        !self.entries.is_empty()
    }
}
