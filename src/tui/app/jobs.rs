//! Turning an effect into work with everything it needs taken from the state (on the UI
//! thread): a job for the worker, an answer known at once, or terminal work for the loop.

use super::{App, Effect};
use crate::tui::effects::{Event, Job};

/// How an effect is carried out.
pub enum Carry {
    /// I/O for the worker that owns the store.
    Job(Job),
    /// Nothing to do but take in this answer.
    Answer(Event),
    /// Put this on the terminal's clipboard.
    Clipboard(String),
    /// Start an export in the background, on a connection of its own.
    Export(crate::export::ExportOptions),
}

impl App {
    /// Whom a slip written now is for: the visitor being served, and their reason.
    fn slip_for(&self, service: &str) -> crate::slip::SlipFor {
        let intake = &self.screens.intake;
        let reason = if intake.in_progress() {
            intake.reception.reason.trim().to_string()
        } else {
            self.screens.information.arrival.reason.trim().to_string()
        };
        crate::slip::SlipFor {
            who: self.serving(),
            reason: Some(reason).filter(|r| !r.is_empty()),
            appointment: intake
                .in_progress()
                .then(|| intake.appointment_with(service))
                .flatten(),
        }
    }

    /// The work for an effect, with what it needs from the state.
    pub fn carry(&self, effect: Effect) -> Carry {
        let session = &self.shared.session;
        Carry::Job(match effect {
            Effect::CopyPhone(None) => return Carry::Answer(Event::PhoneCopied(None)),
            Effect::CopyPhone(Some(phone)) => return Carry::Clipboard(phone),
            Effect::Notice(text) => return Carry::Answer(Event::Notice(text)),
            Effect::Find(query) => return Carry::Answer(Event::Find(query)),
            Effect::SetAppointment { service_id, on } => {
                return Carry::Answer(Event::AppointmentSet { service_id, on });
            }
            Effect::StartExport => {
                return match session.export.clone() {
                    None => Carry::Answer(Event::Notice(self.t("export.no_target"))),
                    // The export is in the name of whoever is signed in now.
                    Some(options) => Carry::Export(crate::export::ExportOptions {
                        staff: session.staff.clone(),
                        ..options
                    }),
                };
            }
            Effect::SaveLanguage(lang) => Job::SaveLanguage(lang),
            Effect::WriteSlip {
                service,
                visitor_lang,
                visitor_second,
            } => Job::WriteSlip {
                visitor_second,
                recipient: self.slip_for(&service),
                service,
                lang: self.shared.lang.clone(),
                visitor_lang,
                slips_dir: session.slips_dir.clone(),
                print_command: session.print_command.clone(),
                centre: session.centre.clone(),
                today: session.today,
                at: self.shared.now.local,
                staff: session.staff.clone(),
            },
            Effect::WriteCopy {
                topics,
                visitor_lang,
                visitor_second,
            } => Job::WriteCopy {
                topics,
                lang: self.shared.lang.clone(),
                visitor_lang,
                visitor_second,
                slips_dir: session.slips_dir.clone(),
                print_command: session.print_command.clone(),
                centre: session.centre.clone(),
                today: session.today,
                at: self.shared.now.local,
            },
            Effect::RecordUnmetNeed {
                searched_for,
                reason,
            } => Job::RecordUnmetNeed(crate::store::UnmetNeed {
                desk_id: session.desk.clone(),
                visit_id: None,
                searched_for,
                reason,
            }),
            Effect::SaveVisit { visit, draft } => Job::SaveVisit { visit, draft },
            Effect::LoadHistory => Job::SearchVisits(crate::tui::screens::history::filter::parse(
                &self.screens.history.query,
                &self.shared.catalog,
                &self.shared.lang,
            )),
            Effect::CheckIn(entry) => Job::CheckIn {
                desk: session.desk.clone(),
                entry,
            },
            Effect::ReopenQueueEntry { id, label } => Job::ReopenQueueEntry { id, label },
            Effect::EndQueueEntry { id, exit, then } => Job::EndQueueEntry {
                entry: self
                    .screens
                    .queue
                    .entries
                    .iter()
                    .find(|e| e.id == id)
                    .cloned(),
                id,
                exit,
                then,
                at_ms: self.shared.now.epoch_ms(),
            },
            Effect::SaveDraft { id, stage, data } => Job::SaveDraft { id, stage, data },
            Effect::DiscardDraft(id) => Job::DiscardDraft(id),
            Effect::LookupReturning(text) => Job::LookupReturning(text),
            Effect::LoadExport => Job::LoadExport,
            Effect::LoadChanges => Job::LoadChanges {
                today: session.today,
            },
            Effect::LoadReport(period) => Job::LoadReport {
                period,
                today: session.today,
            },
            Effect::OpenVisit(id) => Job::OpenVisit {
                id,
                staff: session.staff.clone(),
            },
            Effect::OpenDossier(key) => Job::OpenDossier {
                key,
                staff: session.staff.clone(),
            },
            Effect::SignIn { name, pin } => Job::SignIn { name, pin },
            Effect::CreateFirstAdmin { name, pin } => Job::CreateFirstAdmin { name, pin },
            Effect::Audit(entry) => Job::Audit(entry),
            Effect::FindLookAlikes { key, likeness } => Job::FindLookAlikes { key, likeness },
            Effect::CorrectService {
                service_id,
                changes,
            } => Job::CorrectService {
                service_id,
                // Saving the form says the entry was checked today.
                changes: changes
                    .into_iter()
                    .map(|(field, value)| match field {
                        crate::store::ServiceField::Checked if value.is_empty() => {
                            (field, session.today.to_string())
                        }
                        _ => (field, value),
                    })
                    .collect(),
                staff: session.staff.clone(),
            },
            Effect::MergePersons { kept, merged } => Job::MergePersons {
                kept,
                merged,
                staff: session.staff.clone(),
            },
            Effect::AddFollowUpNote { visit_id, text } => Job::AddFollowUpNote {
                visit_id,
                text,
                staff: session.staff.clone(),
            },
            Effect::SaveSettings(settings) => Job::SaveSettings {
                file: session.config_path.clone().into(),
                settings,
            },
        })
    }
}
