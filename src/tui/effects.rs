//! Carrying out what `App::update` asked for but cannot do itself. The work is split in two:
//! `App::carry` turns an effect into a self-contained [`Job`] (everything it needs taken from the
//! state, on the UI thread); [`perform`] does the job's I/O (store, files) and answers with an
//! [`Event`], touching no state; [`App::on_event`] is where the answer changes the state. So
//! `App` is changed in one place, and `perform` can move to a worker thread as it is.
//! Talking to the terminal (the clipboard) and plain notices stay on the UI thread.

use super::app::{App, Carry, Effect};
use super::effect::AfterQueue;
use crate::catalog::Catalog;
use crate::store::Store;
use base64::Engine;
use std::io::Write;

mod messages;
pub use messages::{Event, Job};

fn failed(what: &'static str, error: impl std::fmt::Display) -> Event {
    Event::Failed {
        what,
        error: error.to_string(),
    }
}

/// Carries an effect out: the ones of the terminal here, the others as a job for the worker,
/// whose answer comes back as an event.
pub fn apply(effect: Effect, app: &mut App, executor: &mut super::executor::Executor) {
    let event = match app.carry(effect) {
        Carry::Job(job) => return executor.submit(job),
        Carry::Answer(event) => event,
        Carry::Clipboard(phone) => {
            copy_to_clipboard(&phone);
            Event::PhoneCopied(Some(phone))
        }
        Carry::Export(options) => {
            Event::ExportStarted(crate::export::job::start(executor.opener(), options))
        }
    };
    for follow_up in app.on_event(event) {
        apply(follow_up, app, executor);
    }
}

/// As [`apply`], on this thread and at once: for tests that drive the state with a real store.
#[cfg(test)]
pub fn apply_now(effect: Effect, app: &mut App, store: &mut Store, catalog: &Catalog) {
    let event = match app.carry(effect) {
        Carry::Job(job) => perform(job, store, catalog),
        Carry::Answer(event) => event,
        Carry::Clipboard(phone) => Event::PhoneCopied(Some(phone)),
        // An export runs on its own connection; the layout has nothing to learn from it.
        Carry::Export(_) => return,
    };
    for follow_up in app.on_event(event) {
        apply_now(follow_up, app, store, catalog);
    }
}

/// Records that `staff` reads a record, before it is read: a read the trail cannot take is not
/// shown (DSV Art. 4 asks for every read of such data).
fn audit_read(
    store: &mut Store,
    staff: &str,
    entity: &'static str,
    id: &str,
) -> crate::store::Result<i64> {
    store.audit(
        &crate::store::NewAuditEntry::new(staff, crate::store::AuditAction::Read, entity)
            .record(id),
    )
}

/// Does a job's I/O; no interface state is read or changed here.
pub fn perform(job: Job, store: &mut Store, catalog: &Catalog) -> Event {
    let queue = |store: &Store| store.queue_waiting().map_err(|e| e.to_string());
    match job {
        Job::SaveLanguage(lang) => match store.set_setting(crate::UI_LANGUAGE_SETTING, &lang) {
            Ok(()) => Event::Done,
            Err(e) => failed("message.not_saved", e),
        },
        Job::WriteSlip {
            service,
            lang,
            visitor_lang,
            visitor_second,
            slips_dir,
            print_command,
            centre,
            today,
            at,
            recipient,
            staff,
        } => {
            let Some(found) = catalog.service(&service) else {
                return Event::Done;
            };
            if recipient.who.is_some() {
                let entry = crate::store::NewAuditEntry::new(
                    &staff,
                    crate::store::AuditAction::Read,
                    "slip",
                )
                .record(service.as_str())
                .detail("for_a_named_person", true);
                if let Err(e) = store.audit(&entry) {
                    return failed("directory.slip_failed", e);
                }
            }
            let slip = crate::slip::Slip {
                service: found,
                i18n: &catalog.i18n,
                topics: &catalog.topics,
                staff: &lang,
                visitor: visitor_lang,
                second: visitor_second,
                recipient: &recipient,
                issuer: centre.as_deref().and_then(|id| catalog.region(id)),
                today,
            };
            let languages = slip.languages();
            match crate::slip::save(&slips_dir, &slip) {
                Err(e) => failed("directory.slip_failed", e),
                Ok(path) => {
                    let printed = print_command.map(|command| {
                        crate::slip::print(&command, &path).map(|()| command.clone())
                    });
                    Event::SlipWritten {
                        service,
                        slip: crate::domain::SlipWritten { at, languages },
                        path,
                        printed,
                    }
                }
            }
        }
        Job::WriteCopy {
            topics,
            lang,
            visitor_lang,
            visitor_second,
            slips_dir,
            print_command,
            centre,
            today,
            at,
        } => {
            let copy = crate::slip::WrittenCopy {
                topics: &catalog.topics,
                i18n: &catalog.i18n,
                ids: &topics,
                staff: &lang,
                visitor: visitor_lang,
                second: visitor_second,
                issuer: centre.as_deref().and_then(|id| catalog.region(id)),
                today,
            };
            let languages = copy.languages();
            match crate::slip::save_copy(&slips_dir, &copy) {
                Err(e) => failed("copy.failed", e),
                Ok(path) => {
                    let printed = print_command.map(|command| {
                        crate::slip::print(&command, &path).map(|()| command.clone())
                    });
                    Event::CopyWritten {
                        topics,
                        copy: crate::domain::SlipWritten { at, languages },
                        path,
                        printed,
                    }
                }
            }
        }
        Job::RecordUnmetNeed(need) => match store
            .record_unmet_need(&need)
            .and_then(|()| store.unmet_need_count())
        {
            Ok(count) => Event::UnmetNeedRecorded(count),
            Err(e) => failed("unmet.failed", e),
        },
        Job::SaveVisit { visit, draft } => {
            if let Some(candidates) = resembling(store, &visit) {
                return Event::SamePerson {
                    visit,
                    draft,
                    candidates,
                };
            }
            let saved = store
                .insert_visits([visit.as_ref()])
                // Only once the visit is safe may its draft go.
                .and_then(|_| draft.as_deref().map_or(Ok(()), |d| store.delete_draft(d)));
            match saved {
                Ok(()) => Event::VisitSaved {
                    kind: visit.kind,
                    topics: visit.topics.len(),
                    draft,
                    pending_exports: store.pending_export_count().map_err(|e| e.to_string()),
                },
                Err(e) => failed("info.failed", e),
            }
        }
        Job::SearchVisits(filter) => {
            match store.search_visits(&filter, crate::tui::screens::history::LIMIT) {
                Ok(visits) => Event::HistoryLoaded(visits),
                Err(e) => failed("history.failed", e),
            }
        }
        Job::CheckIn { desk, entry } => match store.queue_add(&desk, &entry) {
            Ok(()) => Event::CheckedIn {
                label: entry.label,
                queue: queue(store),
            },
            Err(e) => Event::CheckInFailed {
                entry,
                error: e.to_string(),
            },
        },
        Job::ReopenQueueEntry { id, label } => match store.queue_reopen(&id) {
            Ok(reopened) => Event::QueueReopened {
                label,
                reopened,
                queue: queue(store),
            },
            Err(e) => failed("queue.failed", e),
        },
        Job::EndQueueEntry {
            entry,
            id,
            exit,
            then,
            at_ms,
        } => match store.queue_end(&id, exit, at_ms) {
            Ok(waited) => Event::QueueEnded {
                entry,
                exit,
                then,
                waited,
                queue: queue(store),
            },
            Err(e) => failed("queue.failed", e),
        },
        Job::SaveDraft { id, stage, data } => match store.save_draft(&id, &stage, &data) {
            Ok(()) => Event::Done,
            Err(e) => failed("draft.failed", e),
        },
        Job::DiscardDraft(id) => match store.delete_draft(&id) {
            Ok(()) => Event::Done,
            Err(e) => failed("draft.failed", e),
        },
        Job::LookupReturning(text) => {
            match store.find_returning(&text, crate::tui::screens::intake::RETURNING_SHOWN) {
                Ok(found) => Event::ReturningFound(found),
                // Suggestions are a help, not a step: none when they cannot be read.
                Err(_) => Event::ReturningFound(Default::default()),
            }
        }
        Job::LoadExport => {
            let loaded = (|| -> crate::store::Result<_> {
                Ok((
                    store.pending_export_count()?,
                    store.outbox_visit_count()?,
                    store.export_batches(crate::tui::screens::export::BATCHES_SHOWN)?,
                ))
            })();
            match loaded {
                Ok((pending, outbox, batches)) => Event::ExportLoaded {
                    pending,
                    outbox,
                    batches,
                },
                Err(e) => failed("export.load_failed", e),
            }
        }
        Job::LoadChanges { today } => match crate::persons::worklist(
            store,
            catalog,
            today,
            crate::tui::screens::reports::CHANGES_WITHIN_DAYS,
        ) {
            Ok(changes) => {
                Event::ChangesLoaded(changes.iter().map(crate::persons::Change::owned).collect())
            }
            Err(e) => failed("report.failed", e),
        },
        Job::LoadReport { period, today } => {
            match crate::report::figures(store, catalog, period, today) {
                Ok(figures) => Event::ReportLoaded(Box::new(figures)),
                Err(e) => failed("report.failed", e),
            }
        }
        Job::OpenVisit { id, staff } => match audit_read(store, &staff, "visit", &id) {
            Ok(_) => open_visit(store, &id),
            Err(e) => failed("history.failed", e),
        },
        Job::SignIn { name, pin } => match crate::staff::sign_in(store, &name, &pin, "tui") {
            Ok(who) => Event::SignedIn(who),
            Err(e) => Event::SignInRefused(e),
        },
        Job::CreateFirstAdmin { name, pin } => {
            match crate::staff::create_first_admin(store, &name, &pin) {
                Ok(who) => Event::SignedIn(who),
                Err(why) => Event::FirstAdminRefused(why),
            }
        }
        Job::Audit(entry) => match store.audit(&entry) {
            Ok(_) => Event::Done,
            Err(e) => failed("message.not_saved", e),
        },
        Job::FindLookAlikes { key, likeness } => match store.resembling(&likeness, Some(&key), 8) {
            Ok(found) => Event::LookAlikes { key, found },
            Err(e) => failed("dossier.failed", e),
        },
        Job::CorrectService {
            service_id,
            changes,
            staff,
        } => Event::ServiceCorrected(
            changes
                .iter()
                .try_for_each(|(field, value)| {
                    store.correct_service(&service_id, *field, value, &staff)
                })
                .and_then(|()| store.service_corrections())
                .map_err(|e| e.to_string()),
        ),
        Job::MergePersons {
            kept,
            merged,
            staff,
        } => Event::PersonsMerged(
            store
                .merge_persons(&kept, &merged, &staff)
                .map_err(|e| e.to_string()),
        ),
        Job::OpenDossier { key, staff } => match audit_read(store, &staff, "person", &key)
            .and_then(|_| store.person_visits(&key))
        {
            Ok(visits) => Event::DossierOpened(visits),
            Err(e) => failed("dossier.failed", e),
        },
        Job::SaveSettings { file, settings } => match crate::config::save(&file, &settings) {
            Ok(()) => Event::SettingsSaved(settings),
            Err(e) => failed("settings.save_failed", e),
        },
        Job::AddFollowUpNote {
            visit_id,
            text,
            staff,
        } => {
            let note = crate::store::Correction::FollowUpNote(text.clone());
            match store.correct_visit(&visit_id, &note, &staff) {
                Ok(revision) => Event::NoteAdded { visit_id, revision },
                Err(e) => Event::NoteFailed {
                    visit_id,
                    text,
                    error: e.to_string(),
                },
            }
        }
    }
}

/// Reads a saved visit and how many earlier versions it has, for the read-only view.
fn open_visit(store: &Store, id: &str) -> Event {
    let read = store
        .visit_record(id)
        .and_then(|record| Ok((record, store.revisions(id)?.len())));
    match read {
        Ok((Some(record), revisions)) => Event::VisitOpened(Some(Box::new((record, revisions)))),
        Ok((None, _)) => Event::VisitOpened(None),
        Err(e) => failed("history.failed", e),
    }
}

/// Sets the terminal's clipboard with OSC 52, which works over SSH and in most terminals.
fn copy_to_clipboard(text: &str) {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout();
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}

/// Recorded persons the visit's person resembles, when the visit is for a person new to the desk
/// (not recognised, not yet decided) and not an urgent handover, which never waits. A check that
/// fails does not hold the visit back: `persons duplicates` finds the pair later.
fn resembling(
    store: &crate::store::Store,
    visit: &crate::domain::Visit,
) -> Option<Vec<crate::store::Resemblance>> {
    let person = visit.person.as_ref().filter(|p| p.key.is_none())?;
    if visit.kind == crate::domain::VisitKind::UrgentHandover {
        return None;
    }
    let likeness = crate::store::Likeness::of_person(person);
    store
        .resembling(&likeness, None, 4)
        .ok()
        .filter(|found| !found.is_empty())
}

#[cfg(test)]
mod tests;
