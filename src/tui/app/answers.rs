//! How the answers of the store's jobs (and the loop's own news) change the state: the one place
//! besides `App::update` where it changes.

use super::{App, Effect};
use crate::tui::overlays::prompt::Asks;
use crate::tui::overlays::{Overlay, PromptState};
use crate::tui::screens::ScreenId;
use crate::tui::screens::queue::CheckInForm;

impl App {
    /// Takes in the answer to a job (see `effects`): the one place, besides `update`, where the
    /// state changes. May ask for more work (a visitor taken from the queue opens a visit).
    pub fn on_event(&mut self, event: crate::tui::effects::Event) -> Vec<Effect> {
        use crate::tui::effects::Event;
        match event {
            Event::Done => {}
            Event::SignedIn(who) => self.signed_in(who),
            Event::SignInRefused(why) => {
                let text = self.sign_in_refusal(&why);
                self.sign_in_refused(text);
            }
            Event::FirstAdminRefused(why) => self.sign_in_refused(why),
            Event::Failed { what, error } => {
                self.message = Some(self.tf(what, &[("error", &error)]));
            }
            // What was typed comes back, so nothing has to be typed again.
            Event::CheckInFailed { entry, error } => {
                self.message = Some(self.tf("queue.failed", &[("error", &error)]));
                self.overlay = Some(Overlay::CheckIn(CheckInForm {
                    label: entry.label,
                    reason: entry.reason,
                    urgency: entry.urgency,
                    language: entry.language,
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
                    .screens
                    .history
                    .open
                    .as_ref()
                    .and_then(|(record, _)| record.person.as_ref())
                    .map(|p| format!("{} {}", p.first_name, p.official_name))
                    .unwrap_or_else(|| self.t("history.anonymous"));
                self.overlay = Some(Overlay::Prompt(PromptState {
                    asks: Asks::FollowUpNote { visit_id },
                    about: who,
                    reason: text,
                    problem: None,
                }));
            }
            Event::SlipWritten {
                service,
                slip,
                path,
                printed,
            } => {
                // Written on the intake's referral stage: kept with the referral (a slip is a
                // referral, so one is made if the service was not referred yet).
                let mut follow_up = Vec::new();
                if self.screen == ScreenId::Intake && self.screens.intake.stage == 3 {
                    self.screens.intake.record_slip(&service, slip);
                    follow_up.push(self.screens.intake.save_draft());
                }
                self.message = Some(match printed {
                    None => self.tf("slip.written", &[("path", &path.display().to_string())]),
                    Some(Ok(command)) => self.tf("slip.printed", &[("command", &command)]),
                    Some(Err(error)) => self.tf("slip.print_failed", &[("error", &error)]),
                });
                return follow_up;
            }
            Event::CopyWritten {
                topics,
                copy,
                path,
                printed,
            } => {
                // Kept with the topics of the visit it was written for.
                let intake = self.screens.intake.in_progress() && self.screen == ScreenId::Intake;
                let information = if intake {
                    &mut self.screens.intake.information
                } else {
                    &mut self.screens.information
                };
                information.record_copy(&topics, &copy);
                self.message = Some(match printed {
                    None => self.tf("copy.written", &[("path", &path.display().to_string())]),
                    Some(Ok(command)) => self.tf("slip.printed", &[("command", &command)]),
                    Some(Err(error)) => self.tf("slip.print_failed", &[("error", &error)]),
                });
                if intake {
                    return vec![self.screens.intake.save_draft()];
                }
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
                if self.screens.information.waiting_seconds.is_some() || draft.is_some() || urgent {
                    self.screen = ScreenId::Queue;
                }
                if draft.is_some() {
                    self.screens.intake = Default::default();
                } else {
                    // (An urgent handover recorded anonymously from a half-filled intake has
                    // no draft to drop: the intake form stays, nothing typed is lost.)
                    self.screens.information = Default::default();
                }
                self.shared.session.visit_count += 1;
                // The visit is safe either way; a count that did not read is asked for again
                // (and a second failure says why).
                let mut follow_up = Vec::new();
                match pending_exports {
                    Ok(pending) => self.shared.session.pending_exports = pending,
                    Err(_) => follow_up.push(Effect::LoadExport),
                }
                self.message = Some(if urgent {
                    self.t("intake.urgent_done")
                } else {
                    self.shared.catalog.i18n.format_count(
                        &self.shared.lang,
                        "info.saved",
                        topics as u64,
                        &[],
                    )
                });
                return follow_up;
            }
            Event::HistoryLoaded(visits) => {
                self.screens.history.selected = 0;
                self.screens.history.visits = visits;
            }
            Event::CheckedIn { label, queue } => {
                let key = if self.putting_back.take().as_deref() == Some(label.as_str()) {
                    "confirm.put_back_done"
                } else {
                    "queue.checked_in"
                };
                self.message = Some(self.tf(key, &[("label", &label), ("who", &label)]));
                self.take_queue(queue);
            }
            Event::Find(query) => {
                self.find = Some(query);
                self.find_in_list(true, true);
            }
            Event::QueueReopened {
                label,
                reopened,
                queue,
            } => {
                let key = if reopened {
                    "queue.reopened"
                } else {
                    "queue.not_reopened"
                };
                self.message = Some(self.tf(key, &[("label", &label)]));
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
                            self.message = Some(crate::tui::hints::with_keys_and(
                                &self.ctx(),
                                "queue.left",
                                crate::tui::keymap::Context::List,
                                &[("undo", crate::tui::action::Action::Undo)],
                                &[("label", &entry.label)],
                            ));
                            self.undo = Some(super::list_keys::Undoable {
                                id: entry.id.clone(),
                                label: entry.label.clone(),
                                at: self.shared.now.instant,
                            });
                        }
                        crate::store::QueueExit::Taken => {
                            follow_up = self.take_from_queue(&entry, waited, then);
                        }
                    }
                }
                self.take_queue(queue);
                return follow_up;
            }
            Event::ReturningFound(found) => {
                self.screens.intake.suggestions = found.people;
                self.screens.intake.suggestions_more = found.more;
                self.screens.intake.suggestion = 0;
            }
            Event::ExportLoaded {
                pending,
                outbox,
                batches,
            } => {
                self.shared.session.pending_exports = pending;
                self.screens.export.pending = pending;
                self.screens.export.outbox = outbox;
                self.screens.export.batches = batches;
                self.screens.export.selected = 0;
            }
            Event::ReportLoaded(figures) => self.screens.reports.figures = Some(*figures),
            Event::ChangesLoaded(changes) => self.screens.reports.changes = Some(changes),
            Event::VisitOpened(Some(opened)) => {
                self.screens.history.detail_scroll.reset();
                self.screens.history.open = Some(*opened);
            }
            Event::VisitOpened(None) => {}
            Event::Notice(text) => self.message = Some(text),
            Event::PhoneCopied(None) => self.message = Some(self.t("directory.phone_unknown")),
            Event::PhoneCopied(Some(phone)) => {
                self.message = Some(self.tf("directory.phone_copied", &[("phone", &phone)]));
            }
            Event::ExportStarted(job) => {
                self.screens.export.result = None;
                self.screens.export.progress = Some((0, self.screens.export.pending));
                self.screens.export.job = Some(job);
            }
            Event::SamePerson {
                visit,
                draft,
                candidates,
            } => {
                self.overlay = Some(Overlay::SamePerson(
                    crate::tui::overlays::same_person::SamePersonState::new(
                        visit, draft, candidates,
                    ),
                ));
            }
            Event::LookAlikes { key, found } => match &mut self.overlay {
                Some(Overlay::Dossier(dossier)) if dossier.key().as_deref() == Some(&*key) => {
                    if found.is_empty() {
                        self.message = Some(self.t("dossier.no_look_alikes"));
                    } else {
                        dossier.merging = Some(crate::tui::overlays::dossier::MergeChoice {
                            candidates: found,
                            selected: 0,
                        });
                    }
                }
                // The dossier was closed meanwhile: nothing to show the look-alikes in.
                _ => {}
            },
            Event::ServiceCorrected(Ok(corrections)) => {
                self.set_directory_corrections(&corrections);
                self.message = Some(self.t("directory.corrected"));
            }
            Event::ServiceCorrected(Err(error)) => {
                self.message = Some(self.tf("directory.correct_failed", &[("error", &error)]));
            }
            Event::PersonsMerged(Ok(merge)) => {
                self.message = Some(self.shared.catalog.i18n.format_count(
                    &self.shared.lang,
                    "dossier.merged",
                    merge.records.len() as u64,
                    &[("merged", &merge.merged)],
                ));
                return vec![Effect::OpenDossier(merge.kept)];
            }
            Event::PersonsMerged(Err(error)) => {
                self.message = Some(self.tf("dossier.merge_failed", &[("error", &error)]));
            }
            Event::DossierOpened(visits) => {
                self.overlay = Some(Overlay::Dossier(
                    crate::tui::overlays::dossier::DossierState::new(
                        visits,
                        &self.shared.catalog,
                        self.shared.session.today,
                    ),
                ));
            }
            Event::AppointmentSet { service_id, on } => {
                let saved = self.screens.intake.set_appointment(&service_id, on);
                self.message = Some(self.tf(
                    "appointment.set",
                    &[("date", &on.format("%d.%m.%Y").to_string())],
                ));
                return vec![saved];
            }
            Event::SettingsSaved(settings) => {
                // From now on new visits carry the new desk, slips the new centre.
                let session = &mut self.shared.session;
                session.desk = settings.desk.clone();
                session.centre = settings.centre;
                session.print_command = settings.print_command;
                // A folder set here is where the Export screen writes, unless a URL is configured.
                let by_http = matches!(
                    session.export.as_ref().map(|e| &e.target),
                    Some(crate::export::Target::Http { .. })
                );
                if !by_http && session.export_dir != settings.export_dir {
                    session.export =
                        settings
                            .export_dir
                            .as_ref()
                            .map(|dir| crate::export::ExportOptions {
                                target: crate::export::Target::Folder(dir.into()),
                                format: session
                                    .export
                                    .as_ref()
                                    .map_or(crate::export::Format::Jsonl, |e| e.format),
                                test: false,
                                desk: settings.desk.clone(),
                                lock_wait: crate::export::DEFAULT_LOCK_WAIT,
                                staff: session.staff.clone(),
                            });
                }
                session.export_dir = settings.export_dir;
                if let Some(export) = &mut session.export {
                    export.desk = settings.desk;
                }
                let focus = self.screens.settings.focus;
                self.screens.settings = crate::tui::screens::settings::SettingsScreen {
                    focus,
                    ..Default::default()
                };
                let language = settings.language.filter(|l| *l != self.shared.lang);
                self.message = Some(self.t("settings.saved"));
                if let Some(lang) = language {
                    // Remembered like a language chosen with its key, which wins at the next start.
                    self.shared.lang = lang.clone();
                    self.message = Some(self.t("settings.saved"));
                    return vec![Effect::SaveLanguage(lang)];
                }
            }
            Event::Damaged(problem) => self.shared.session.damaged = Some(problem),
            Event::Working(working) => self.working = working,
            Event::NoteAdded { visit_id, revision } => {
                self.message =
                    Some(self.tf("history.note_added", &[("revision", &revision.to_string())]));
                if self.screens.history.open.is_some() {
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
                self.screens.queue.selected =
                    crate::tui::list::clamped(self.screens.queue.selected, entries.len());
                self.screens.queue.entries = entries;
            }
            Err(error) => {
                self.message = Some(self.tf("queue.read_failed", &[("error", &error)]));
            }
        }
    }
}
