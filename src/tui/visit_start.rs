//! Starting and recording visits from the shell: an anonymous information visit, a visitor
//! taken from the queue (into information, the guided intake, or handed over at once), and an
//! urgent handover from any screen.

use super::app::{App, Effect};
use super::screens::ScreenId;

/// What follows when a visitor is taken from the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterQueue {
    /// Nothing: the visitor left unseen.
    Nothing,
    /// An information visit (the fast path).
    Information,
    /// The guided intake, all five stages.
    Intake,
    /// Handed over at once to the social worker on duty.
    UrgentHandover,
}

impl App {
    /// The anonymous information visit recorded on the Information screen, to be saved.
    pub(super) fn information_visit(&mut self) -> Vec<Effect> {
        if self.information.given.is_empty() {
            self.message = Some(self.t("info.nothing"));
            return Vec::new();
        }
        let visit = self.anonymous_visit(
            crate::domain::VisitKind::Information,
            crate::domain::Urgency::Normal,
        );
        vec![Effect::SaveVisit {
            visit: Box::new(visit),
            draft: None,
        }]
    }

    /// A visitor taken from the queue: into an information visit, the guided intake, or handed
    /// over at once; the waiting time goes with the visit.
    pub fn take_from_queue(
        &mut self,
        entry: &crate::store::QueueEntry,
        waited: u32,
        then: AfterQueue,
    ) -> Vec<Effect> {
        let information = crate::tui::screens::information::InformationState {
            waiting_seconds: Some(waited),
            started_at: Some(chrono::Local::now().fixed_offset()),
            // Topics open in the visitor's language where they exist in it.
            visitor_lang: entry
                .language
                .clone()
                .filter(|l| self.catalog.topics.languages().contains(l)),
            ..Default::default()
        };
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
                self.information = information;
                self.screen = ScreenId::Information;
                Vec::new()
            }
            AfterQueue::Intake => {
                self.intake = crate::tui::screens::intake::IntakeState {
                    information,
                    ..Default::default()
                };
                let r = &mut self.intake.reception;
                r.reason = entry.reason.clone();
                r.urgency = entry.urgency;
                r.language = entry
                    .language
                    .as_deref()
                    .map(|l| {
                        crate::tui::screens::intake::iso_639_3(l)
                            .unwrap_or(l)
                            .to_string()
                    })
                    .filter(|l| l.parse::<crate::domain::LanguageCode>().is_ok())
                    .unwrap_or_default();
                self.screen = ScreenId::Intake;
                vec![self.intake.save_draft()]
            }
            AfterQueue::UrgentHandover => {
                let saved = std::mem::replace(&mut self.information, information);
                let visit = self.anonymous_visit(
                    crate::domain::VisitKind::UrgentHandover,
                    crate::domain::Urgency::Today,
                );
                self.information = saved;
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
        self.information
            .visit(&self.session.desk, &self.session.staff, kind, urgency)
    }
}
