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
use crate::tui::app::Effect;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueState {
    pub entries: Vec<QueueEntry>,
    pub selected: usize,
}

impl QueueState {
    pub fn selected_entry(&self) -> Option<&QueueEntry> {
        self.entries
            .get(self.selected.min(self.entries.len().saturating_sub(1)))
    }

    /// Handles a list action; `None` when it is not one of the screen's own.
    pub fn handle(&mut self, action: Action) -> Option<Vec<Effect>> {
        let last = self.entries.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::Confirm => return self.end(QueueExit::Taken, AfterQueue::Information),
            Action::StartIntake => return self.end(QueueExit::Taken, AfterQueue::Intake),
            Action::UrgentHandover => {
                return self.end(QueueExit::Taken, AfterQueue::UrgentHandover);
            }
            Action::LeftUnseen => return self.end(QueueExit::Left, AfterQueue::Nothing),
            _ => return None,
        }
        Some(Vec::new())
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
