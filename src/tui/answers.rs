//! How the answers of the store's jobs (and the loop's own news) change the state: the one place
//! besides `App::update` where it changes.

use super::app::{App, Effect, Overlay};
use super::overlays::PromptState;
use super::screens::ScreenId;
use super::screens::queue::CheckInForm;

impl App {
    /// Takes in the answer to a job (see `effects`): the one place, besides `update`, where the
    /// state changes. May ask for more work (a visitor taken from the queue opens a visit).
    pub fn on_event(&mut self, event: super::effects::Event) -> Vec<Effect> {
        use super::effects::Event;
        match event {
            Event::Done => {}
            Event::Failed { what, error } => {
                self.message = Some(self.tf(what, &[("error", &error)]));
            }
            // What was typed comes back, so nothing has to be typed again.
            Event::CheckInFailed { entry, error } => {
                self.message = Some(self.tf("queue.failed", &[("error", &error)]));
                let languages = super::screens::queue::check_in_languages(&self.catalog);
                self.overlay = Some(Overlay::CheckIn(CheckInForm {
                    label: entry.label,
                    reason: entry.reason,
                    urgency: entry.urgency,
                    language: entry
                        .language
                        .and_then(|l| languages.iter().position(|c| *c == l))
                        .unwrap_or(0),
                    interpreter_needed: entry.interpreter_needed,
                    ..CheckInForm::default()
                }));
            }
            Event::NoteFailed {
                visit_id,
                text,
                error,
            } => {
                self.message = Some(self.tf("history.note_failed", &[("error", &error)]));
                let who = self
                    .history
                    .open
                    .as_ref()
                    .and_then(|(record, _)| record.person.as_ref())
                    .map(|p| format!("{} {}", p.first_name, p.official_name))
                    .unwrap_or_else(|| self.t("history.anonymous"));
                self.overlay = Some(Overlay::Prompt(PromptState {
                    searched_for: who,
                    reason: text,
                    note_for_visit: Some(visit_id),
                }));
            }
            Event::SlipWritten { path, printed } => {
                self.message = Some(match printed {
                    None => self.tf("slip.written", &[("path", &path.display().to_string())]),
                    Some(Ok(command)) => self.tf("slip.printed", &[("command", &command)]),
                    Some(Err(error)) => self.tf("slip.print_failed", &[("error", &error)]),
                });
            }
            Event::UnmetNeedRecorded(count) => {
                self.message = Some(self.tf("unmet.saved", &[("count", &count.to_string())]));
            }
            Event::VisitSaved {
                kind,
                topics,
                draft,
                pending_exports,
            } => {
                let urgent = kind == crate::domain::VisitKind::UrgentHandover;
                // Done with this visitor: back to the queue for the next one.
                if self.information.waiting_seconds.is_some() || draft.is_some() || urgent {
                    self.screen = ScreenId::Queue;
                }
                if draft.is_some() {
                    self.intake = Default::default();
                } else {
                    // (An urgent handover recorded anonymously from a half-filled intake has
                    // no draft to drop: the intake form stays, nothing typed is lost.)
                    self.information = Default::default();
                }
                self.session.visit_count += 1;
                if let Some(pending) = pending_exports {
                    self.session.pending_exports = pending;
                }
                self.message = Some(if urgent {
                    self.t("intake.urgent_done")
                } else {
                    self.tf("info.saved", &[("count", &topics.to_string())])
                });
            }
            Event::HistoryLoaded(visits) => {
                self.history.selected = 0;
                self.history.visits = visits;
            }
            Event::CheckedIn { label, queue } => {
                self.message = Some(self.tf("queue.checked_in", &[("label", &label)]));
                self.take_queue(queue);
            }
            Event::QueueEnded {
                entry,
                exit,
                then,
                waited,
                queue,
            } => {
                let mut follow_up = Vec::new();
                if let (Some(waited), Some(entry)) = (waited, entry) {
                    match exit {
                        crate::store::QueueExit::Left => {
                            self.message = Some(self.tf("queue.left", &[("label", &entry.label)]));
                        }
                        crate::store::QueueExit::Taken => {
                            follow_up = self.take_from_queue(&entry, waited, then);
                        }
                    }
                }
                self.take_queue(queue);
                return follow_up;
            }
            Event::ReturningFound(people) => {
                self.intake.suggestions = people;
                self.intake.suggestion = 0;
            }
            Event::ExportLoaded {
                pending,
                outbox,
                batches,
            } => {
                self.session.pending_exports = pending;
                self.export.pending = pending;
                self.export.outbox = outbox;
                self.export.batches = batches;
                self.export.selected = 0;
            }
            Event::ReportLoaded(figures) => self.reports.figures = Some(*figures),
            Event::VisitOpened(Some(opened)) => self.history.open = Some(*opened),
            Event::VisitOpened(None) => {}
            Event::Notice(text) => self.message = Some(text),
            Event::PhoneCopied(None) => self.message = Some(self.t("directory.phone_unknown")),
            Event::PhoneCopied(Some(phone)) => {
                self.message = Some(self.tf("directory.phone_copied", &[("phone", &phone)]));
            }
            Event::ExportStarted(job) => {
                self.export.result = None;
                self.export.progress = Some((0, self.export.pending));
                self.export.job = Some(job);
            }
            Event::Damaged(problem) => self.session.damaged = Some(problem),
            Event::Working(working) => self.working = working,
            Event::NoteAdded { visit_id, revision } => {
                self.message =
                    Some(self.tf("history.note_added", &[("revision", &revision.to_string())]));
                if self.history.open.is_some() {
                    return vec![Effect::OpenVisit(visit_id)];
                }
            }
        }
        Vec::new()
    }

    /// The waiting queue as read after a change; a failed read says so and keeps the list shown.
    fn take_queue(&mut self, queue: Result<Vec<crate::store::QueueEntry>, String>) {
        match queue {
            Ok(entries) => {
                self.queue.selected = crate::tui::list::clamped(self.queue.selected, entries.len());
                self.queue.entries = entries;
            }
            Err(error) => {
                self.message = Some(self.tf("queue.read_failed", &[("error", &error)]));
            }
        }
    }
}
