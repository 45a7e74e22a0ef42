//! Starting visits across screens: a visitor taken from the queue (into information, the guided
//! intake, or handed over at once), and an urgent handover from any screen.

pub use super::super::effect::AfterQueue;
use super::{App, Effect};
use crate::tui::screens::ScreenId;

impl App {
    /// A visitor taken from the queue: into an information visit, the guided intake, or handed
    /// over at once; the waiting time goes with the visit.
    pub fn take_from_queue(
        &mut self,
        entry: &crate::store::QueueEntry,
        waited: u32,
        then: AfterQueue,
    ) -> Vec<Effect> {
        let mut information = crate::tui::screens::information::InformationState {
            waiting_seconds: Some(waited),
            started_at: Some(self.shared.now.local),
            arrival: crate::tui::screens::information::Arrival {
                label: Some(entry.label.clone()),
                reason: entry.reason.clone(),
                urgency: entry.urgency,
                interpreter_needed: entry.interpreter_needed,
                language: entry.language,
                checked_in_ms: Some(entry.checked_in_ms),
            },
            ..Default::default()
        };
        information.preset_visitor(entry.language, entry.interpreter_needed);
        self.message = Some(self.tf(
            "queue.taken",
            &[
                ("label", &entry.label),
                ("minutes", &(waited / 60).to_string()),
            ],
        ));
        match then {
            AfterQueue::Nothing => Vec::new(),
            AfterQueue::Information => {
                self.screens.information = information;
                self.screen = ScreenId::Information;
                Vec::new()
            }
            AfterQueue::Intake => {
                self.screens.intake = crate::tui::screens::intake::IntakeState {
                    information,
                    ..Default::default()
                };
                let r = &mut self.screens.intake.reception;
                r.reason = entry.reason.clone();
                r.urgency = entry.urgency;
                r.language = entry.language;
                r.interpreter_needed = entry.interpreter_needed;
                self.screen = ScreenId::Intake;
                vec![self.screens.intake.save_draft()]
            }
            AfterQueue::UrgentHandover => {
                let saved = std::mem::replace(&mut self.screens.information, information);
                let visit = self.anonymous_visit(
                    crate::domain::VisitKind::UrgentHandover,
                    crate::domain::Urgency::Today,
                );
                self.screens.information = saved;
                vec![Effect::SaveVisit {
                    visit: Box::new(visit),
                    draft: None,
                }]
            }
        }
    }

    /// Records an urgent need handed over to the social worker on duty, from any screen.
    pub(super) fn urgent_handover(&mut self) -> Vec<Effect> {
        let visit = self.anonymous_visit(
            crate::domain::VisitKind::UrgentHandover,
            crate::domain::Urgency::Today,
        );
        vec![Effect::SaveVisit {
            visit: Box::new(visit),
            draft: None,
        }]
    }

    /// An anonymous visit from what the Information screen holds (topics, interpreter, waiting).
    fn anonymous_visit(
        &self,
        kind: crate::domain::VisitKind,
        urgency: crate::domain::Urgency,
    ) -> crate::domain::Visit {
        self.screens.information.visit(
            &self.shared.session.desk,
            &self.shared.session.staff,
            kind,
            urgency,
            self.shared.now,
        )
    }
}
