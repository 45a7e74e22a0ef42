//! Carrying out what `App::update` asked for but cannot do itself: saving, writing files,
//! talking to the terminal's clipboard. Each outcome becomes a status-bar message.

use super::app::{App, Effect};
use crate::store::Store;
use base64::Engine;
use std::io::Write;

pub fn apply(effect: Effect, app: &mut App, store: &mut Store) {
    match effect {
        Effect::SaveLanguage(lang) => {
            if let Err(e) = store.set_setting(crate::UI_LANGUAGE_SETTING, &lang) {
                app.message = Some(app.tf("message.not_saved", &[("error", &e.to_string())]));
            }
        }
        Effect::CopyPhone(None) => app.message = Some(app.t("directory.phone_unknown")),
        Effect::CopyPhone(Some(phone)) => {
            copy_to_clipboard(&phone);
            app.message = Some(app.tf("directory.phone_copied", &[("phone", &phone)]));
        }
        Effect::WriteSlip {
            service,
            visitor_lang,
        } => write_slip(app, &service, visitor_lang.as_deref()),
        Effect::SaveVisit { visit, draft } => {
            let count = visit.topics.len();
            let saved = store
                .insert_visits([visit.as_ref()])
                .and_then(|_| {
                    store.audit(
                        &app.session.staff,
                        "save",
                        "visit",
                        Some(&visit.id.to_string()),
                    )
                })
                // Only once the visit is safe may its draft go.
                .and_then(|()| draft.as_deref().map_or(Ok(()), |d| store.delete_draft(d)));
            match saved {
                Ok(()) => {
                    let urgent = visit.kind == crate::domain::VisitKind::UrgentHandover;
                    // Done with this visitor: back to the queue for the next one.
                    if app.information.waiting_seconds.is_some() || draft.is_some() || urgent {
                        app.screen = crate::tui::screens::ScreenId::Queue;
                    }
                    if draft.is_some() {
                        app.intake = Default::default();
                    } else {
                        // (An urgent handover recorded anonymously from a half-filled intake
                        // has no draft to drop: the intake form stays, nothing typed is lost.)
                        app.information = Default::default();
                    }
                    app.session.visit_count += 1;
                    app.session.pending_exports = store
                        .pending_export_count()
                        .unwrap_or(app.session.pending_exports);
                    app.message = Some(if urgent {
                        app.t("intake.urgent_done")
                    } else {
                        app.tf("info.saved", &[("count", &count.to_string())])
                    });
                }
                Err(e) => app.message = Some(app.tf("info.failed", &[("error", &e.to_string())])),
            }
        }
        Effect::CheckIn(entry) => {
            match store.queue_add(&app.session.desk, &entry) {
                Ok(()) => {
                    app.message = Some(app.tf("queue.checked_in", &[("label", &entry.label)]))
                }
                Err(e) => app.message = Some(app.tf("queue.failed", &[("error", &e.to_string())])),
            }
            reload_queue(app, store);
        }
        Effect::EndQueueEntry { id, exit, then } => {
            let entry = app.queue.entries.iter().find(|e| e.id == id).cloned();
            let now = chrono::Utc::now().timestamp_millis();
            match (store.queue_end(&id, exit, now), entry) {
                (Ok(Some(waited)), Some(entry)) => match exit {
                    crate::store::QueueExit::Left => {
                        app.message = Some(app.tf("queue.left", &[("label", &entry.label)]));
                    }
                    crate::store::QueueExit::Taken => {
                        let follow_up = app.take_from_queue(&entry, waited, then);
                        for effect in follow_up {
                            apply(effect, app, store);
                        }
                    }
                },
                (Err(e), _) => {
                    app.message = Some(app.tf("queue.failed", &[("error", &e.to_string())]))
                }
                _ => {}
            }
            reload_queue(app, store);
        }
        Effect::SaveDraft { id, stage, data } => {
            if let Err(e) = store.save_draft(&id, &stage, &data) {
                app.message = Some(app.tf("draft.failed", &[("error", &e.to_string())]));
            }
        }
        Effect::Notice(text) => app.message = Some(text),
        Effect::LookupReturning(text) => {
            app.intake.suggestions = store.find_returning(&text, 6).unwrap_or_default();
            app.intake.suggestion = 0;
        }
        Effect::DiscardDraft(id) => {
            if let Err(e) = store.delete_draft(&id) {
                app.message = Some(app.tf("draft.failed", &[("error", &e.to_string())]));
            }
        }
        Effect::LoadHistory => {
            let filter = crate::tui::screens::history::filter::parse(
                &app.history.query,
                &app.catalog,
                &app.lang,
            );
            match store.search_visits(&filter, crate::tui::screens::history::LIMIT) {
                Ok(visits) => {
                    app.history.selected = 0;
                    app.history.visits = visits;
                }
                Err(e) => {
                    app.message = Some(app.tf("history.failed", &[("error", &e.to_string())]))
                }
            }
        }
        Effect::OpenVisit(id) => open_visit(app, store, &id),
        Effect::LoadReport(period) => {
            match crate::report::figures(store, &app.catalog, period, app.session.today) {
                Ok(figures) => app.reports.figures = Some(figures),
                Err(e) => app.message = Some(app.tf("report.failed", &[("error", &e.to_string())])),
            }
        }
        Effect::LoadExport => {
            let loaded = (|| -> crate::store::Result<_> {
                Ok((
                    store.pending_export_count()?,
                    store.outbox_visit_count()?,
                    store.export_batches(crate::tui::screens::export::BATCHES_SHOWN)?,
                ))
            })();
            match loaded {
                Ok((pending, outbox, batches)) => {
                    app.session.pending_exports = pending;
                    app.export.pending = pending;
                    app.export.outbox = outbox;
                    app.export.batches = batches;
                    app.export.selected = 0;
                }
                Err(e) => {
                    app.message = Some(app.tf("export.load_failed", &[("error", &e.to_string())]))
                }
            }
        }
        Effect::StartExport => match app.session.export.clone() {
            None => app.message = Some(app.t("export.no_target")),
            Some(options) => {
                app.export.result = None;
                app.export.progress = Some((0, app.export.pending));
                app.export.job = Some(crate::tui::screens::export::start(
                    store.path().to_path_buf(),
                    options,
                ));
            }
        },
        Effect::AddFollowUpNote { visit_id, text } => {
            match store.correct_visit(&visit_id, &crate::store::Correction::FollowUpNote(text)) {
                Ok(revision) => {
                    app.message =
                        Some(app.tf("history.note_added", &[("revision", &revision.to_string())]));
                    if app.history.open.is_some() {
                        open_visit(app, store, &visit_id);
                    }
                }
                Err(e) => {
                    app.message = Some(app.tf("history.note_failed", &[("error", &e.to_string())]))
                }
            }
        }
        Effect::RecordUnmetNeed {
            searched_for,
            reason,
        } => {
            let need = crate::store::UnmetNeed {
                desk_id: app.session.desk.clone(),
                visit_id: None,
                searched_for,
                reason,
            };
            let recorded = store
                .record_unmet_need(&need)
                .and_then(|()| store.unmet_need_count());
            app.message = Some(match recorded {
                Ok(count) => app.tf("unmet.saved", &[("count", &count.to_string())]),
                Err(e) => app.tf("unmet.failed", &[("error", &e.to_string())]),
            });
        }
    }
}

/// Sets the terminal's clipboard with OSC 52, which works over SSH and in most terminals.
fn copy_to_clipboard(text: &str) {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout();
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}

fn write_slip(app: &mut App, service_id: &str, visitor_lang: Option<&str>) {
    let Some(service) = app.catalog.service(service_id) else {
        return;
    };
    let saved = crate::slip::save(
        &app.session.slips_dir,
        service,
        &app.catalog.i18n,
        &app.lang,
        visitor_lang,
        app.session.today,
    );
    app.message = Some(match saved {
        Err(e) => app.tf("directory.slip_failed", &[("error", &e.to_string())]),
        Ok(path) => match app.session.print_command.clone() {
            None => app.tf("slip.written", &[("path", &path.display().to_string())]),
            Some(command) => match crate::slip::print(&command, &path) {
                Ok(()) => app.tf("slip.printed", &[("command", &command)]),
                Err(error) => app.tf("slip.print_failed", &[("error", &error)]),
            },
        },
    });
}

fn reload_queue(app: &mut App, store: &Store) {
    match store.queue_waiting() {
        Ok(entries) => {
            app.queue.selected = app.queue.selected.min(entries.len().saturating_sub(1));
            app.queue.entries = entries;
        }
        Err(e) => app.message = Some(app.tf("queue.read_failed", &[("error", &e.to_string())])),
    }
}

/// Reads a saved visit and its earlier versions for the read-only view.
fn open_visit(app: &mut App, store: &Store, id: &str) {
    let read = store
        .visit_record(id)
        .and_then(|record| Ok((record, store.revisions(id)?.len())));
    match read {
        Ok((Some(record), revisions)) => app.history.open = Some((record, revisions)),
        Ok((None, _)) => {}
        Err(e) => app.message = Some(app.tf("history.failed", &[("error", &e.to_string())])),
    }
}
