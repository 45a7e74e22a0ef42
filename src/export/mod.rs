//! Export to the case system: batches of visits in a versioned format (`intake-desk/visit/1`,
//! JSON Lines, CSV, or one JSON document over HTTP), never lost and never doubled.
//!
//! One run at a time per folder (a lock file, [`lock`]). A batch is first reserved in a short write
//! transaction (its visits become its own), then written from a read transaction while the desks
//! go on saving, then recorded as written. A run that stops anywhere leaves either nothing or a
//! reserved batch: the next run into the same folder writes it (the same id, the same bytes) or
//! records it when it was already published (see [`folder::recover`]). Over HTTP the batch waits
//! in an outbox folder until the server accepts it, and goes again with the same idempotency key.

mod csv_row;
mod failpoint;
pub mod folder;
pub mod header;
pub mod http;
pub mod job;
pub mod line;
pub mod lock;
mod pipe;
pub mod writer;
mod xlsx_sheet;

pub use csv_row::COLUMNS as CSV_COLUMNS;
pub use lock::Busy;
pub use writer::Format;

use crate::store::{BatchAction, BatchInfo, BatchStatus, NewBatch, Store};
use anyhow::Context;
use failpoint::failpoint;
use header::{Header, Manifest};
use http::{Delivery, HttpTarget};
use lock::FolderLock;
use std::path::{Path, PathBuf};
use std::time::Duration;
use writer::BatchWriter;

#[derive(Debug, Clone)]
pub enum Target {
    Folder(PathBuf),
    /// Batches wait in `outbox` until the server accepts them.
    Http {
        http: HttpTarget,
        outbox: PathBuf,
        /// At most this many visits per batch (one POST each).
        batch_size: u64,
    },
}

/// How long a run waits for another export into the same folder to finish.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(120);

#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub target: Target,
    /// For folders; HTTP always sends one JSON document.
    pub format: Format,
    /// Sets eCH-0058 `testDeliveryFlag`.
    pub test: bool,
    /// This desk, the batch's sender.
    pub desk: String,
    /// How long to wait for another export into the same folder.
    pub lock_wait: Duration,
    /// Who exports (the signed-in staff member), in the batch and the audit trail.
    pub staff: String,
}

/// What became of a batch in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchState {
    /// In the folder, or accepted by the server.
    Delivered,
    /// Waiting in the outbox for the next run.
    Waiting,
    /// Refused by the server and taken back: its visits are due again.
    TakenBack,
}

/// One batch made or sent by a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchDone {
    pub id: String,
    pub action: BatchAction,
    pub count: u64,
    /// The file written (folder), or the outbox file (HTTP).
    pub file: PathBuf,
    pub state: BatchState,
}

#[derive(Debug, Default)]
pub struct Report {
    pub batches: Vec<BatchDone>,
    /// Published batches recorded now after an interrupted run.
    pub adopted: Vec<String>,
    /// Batches an interrupted run had reserved, written or recorded now.
    pub finished: Vec<String>,
    /// Unpublished leftovers of an interrupted run, removed.
    pub removed: usize,
    /// Batches reserved by a run into another folder that stopped before finishing them:
    /// (target, visits). A run still going there is not counted.
    pub elsewhere: Vec<(String, u64)>,
    /// The server refused a batch: its status and message.
    pub refused: Option<String>,
    /// The server answered with a redirect: nothing was delivered, the batch waits.
    pub redirected: Option<String>,
    /// The server could not be reached after every try; the batch waits in the outbox.
    pub unreachable: Option<String>,
    /// Visits due after the run (saved or corrected while it ran: the next run takes them), and
    /// visits waiting in the outbox.
    pub pending: u64,
    pub outbox: u64,
}

impl Report {
    /// Everything due when the run began was delivered.
    pub fn complete(&self) -> bool {
        self.outbox == 0
            && self.unreachable.is_none()
            && self.refused.is_none()
            && self.redirected.is_none()
            && self.elsewhere.is_empty()
    }
}

/// What a run tells as it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Another export holds the folder; this run waits for it.
    Waiting(PathBuf),
    /// Visits written so far, and due at the start.
    Written(u64, u64),
}

pub type Progress<'a> = &'a mut dyn FnMut(Step);

/// The `target` a folder's batches are recorded with.
fn folder_target(dir: &Path) -> String {
    format!("folder:{}", dir.display())
}

pub fn run(
    store: &mut Store,
    options: &ExportOptions,
    progress: Progress<'_>,
) -> anyhow::Result<Report> {
    let mut report = Report::default();
    store.cache_for_export()?;
    match &options.target {
        Target::Folder(dir) => {
            crate::paths::create_private_dir(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            let dir = &dir
                .canonicalize()
                .with_context(|| format!("cannot open {}", dir.display()))?;
            let _lock = FolderLock::acquire(dir, options.lock_wait, &mut || {
                progress(Step::Waiting(dir.clone()))
            })?;
            let recovery = folder::recover(store, dir, &options.staff)?;
            report.adopted = recovery.adopted;
            report.finished = recovery.finished;
            report.removed = recovery.removed.len();
            let mut counter = Counter::new(store)?;
            for action in [BatchAction::New, BatchAction::Correction] {
                if let Some(batch) = write_batch(
                    store,
                    options,
                    action,
                    dir,
                    options.format,
                    None,
                    &mut counter,
                    progress,
                )? {
                    report.batches.push(batch);
                }
            }
        }
        Target::Http {
            http,
            outbox,
            batch_size,
        } => {
            crate::paths::create_private_dir(outbox)
                .with_context(|| format!("cannot create {}", outbox.display()))?;
            let _lock = FolderLock::acquire(outbox, options.lock_wait, &mut || {
                progress(Step::Waiting(outbox.clone()))
            })?;
            clean_outbox(store, outbox)?;
            let mut stopped = false;
            // First what an earlier run left waiting or half-written, oldest first, same ids.
            for batch in waiting_http_batches(store)? {
                let file = folder::data_file(outbox, &batch.id, Format::Json);
                if batch.status == BatchStatus::Writing {
                    let (count, sha256) = write_file(store, &batch, outbox, Format::Json, None)?;
                    store.finish_batch(&batch.id, &sha256, count, BatchStatus::Outbox)?;
                    report.finished.push(batch.id.clone());
                } else if !file.exists() {
                    redo(store, &batch.id, outbox)?;
                }
                let state = deliver(store, http, &batch.id, &file, &mut report)?;
                report.batches.push(BatchDone {
                    id: batch.id,
                    action: batch.action,
                    count: batch.visit_count,
                    file,
                    state,
                });
                if state != BatchState::Delivered {
                    stopped = true;
                    break;
                }
            }
            let mut counter = Counter::new(store)?;
            'actions: for action in [BatchAction::New, BatchAction::Correction] {
                while !stopped {
                    let Some(mut batch) = write_batch(
                        store,
                        options,
                        action,
                        outbox,
                        Format::Json,
                        Some(*batch_size),
                        &mut counter,
                        progress,
                    )?
                    else {
                        continue 'actions;
                    };
                    batch.state = deliver(store, http, &batch.id, &batch.file, &mut report)?;
                    stopped = batch.state != BatchState::Delivered;
                    report.batches.push(batch);
                }
            }
        }
    }
    // Batches a stopped run left in another folder; one still being written there is not
    // (its run holds the folder). An HTTP batch left half-written goes with the next HTTP run.
    report.elsewhere = store
        .unfinished_batches()?
        .into_iter()
        .filter(|b| {
            b.target
                .strip_prefix("folder:")
                .is_some_and(|dir| !lock::in_use(dir.as_ref()))
        })
        .map(|b| (b.target, b.visit_count))
        .collect();
    report.pending = store.pending_export_count()?;
    report.outbox = store.outbox_visit_count()?;
    Ok(report)
}

/// Visits written in this run, against those due when it began.
struct Counter {
    done: u64,
    total: u64,
}

impl Counter {
    fn new(store: &Store) -> anyhow::Result<Counter> {
        Ok(Counter {
            done: 0,
            total: store.pending_export_count()?,
        })
    }
}

/// Batches for the HTTP server that an earlier run left waiting or reserved, oldest first.
fn waiting_http_batches(store: &Store) -> anyhow::Result<Vec<BatchInfo>> {
    let mut waiting: Vec<BatchInfo> = store
        .export_batches(usize::MAX >> 1)?
        .into_iter()
        .filter(|b| {
            b.status == BatchStatus::Outbox
                || (b.status == BatchStatus::Writing && b.target.starts_with("http:"))
        })
        .collect();
    waiting.reverse();
    Ok(waiting)
}

/// Reserves, writes and records one batch of `action`; `None` when nothing is due.
#[allow(clippy::too_many_arguments)]
fn write_batch(
    store: &mut Store,
    options: &ExportOptions,
    action: BatchAction,
    dir: &Path,
    format: Format,
    limit: Option<u64>,
    counter: &mut Counter,
    progress: Progress<'_>,
) -> anyhow::Result<Option<BatchDone>> {
    let id = uuid::Uuid::now_v7().to_string();
    let created_at = crate::store::now_rfc3339();
    // The header tells the case system the desks' time; the record keeps the stored form, by
    // which batches are listed in order.
    let message_date = crate::desk_time::with_offset(&created_at);
    let header = Header::new(&options.desk, &id, &message_date, action, options.test);
    let header_json = serde_json::to_string(&header)?;
    let (target, status) = match &options.target {
        Target::Folder(_) => (folder_target(dir), BatchStatus::Delivered),
        Target::Http { http, .. } => (format!("http:{}", http.url), BatchStatus::Outbox),
    };
    let batch = NewBatch {
        id: id.clone(),
        created_at: created_at.clone(),
        target: target.clone(),
        format: format.to_string(),
        action,
        test: options.test,
        header: header_json.clone(),
        schema: crate::store::LineSchema::CURRENT,
        staff_id: options.staff.clone(),
    };
    if store.reserve_batch(&batch, limit)? == 0 {
        return Ok(None);
    }
    let info = BatchInfo {
        id: id.clone(),
        created_at,
        target,
        format: batch.format,
        action,
        test: options.test,
        visit_count: 0,
        sha256: None,
        status: BatchStatus::Writing,
        delivered_at: None,
        header: header_json,
        schema: batch.schema,
    };
    let mut on_line = || {
        counter.done += 1;
        progress(Step::Written(counter.done, counter.total));
    };
    let (count, sha256) = write_file(store, &info, dir, format, Some(&mut on_line))?;
    failpoint("before-commit");
    store.finish_batch(&id, &sha256, count, status)?;
    Ok(Some(BatchDone {
        id,
        action,
        count,
        file: folder::data_file(dir, &info.id, format),
        state: if status == BatchStatus::Delivered {
            BatchState::Delivered
        } else {
            BatchState::Waiting
        },
    }))
}

/// Writes a recorded batch's file (and, in a folder, its manifest) from the database, atomically;
/// its count and SHA-256. The same batch always gives the same bytes.
fn write_file(
    store: &Store,
    batch: &BatchInfo,
    dir: &Path,
    format: Format,
    mut on_line: Option<&mut dyn FnMut()>,
) -> anyhow::Result<(u64, String)> {
    let file = folder::data_file(dir, &batch.id, format);
    let (count, sha256) = folder::write_atomically(&file, Some("before-rename"), |out| {
        let mut writer =
            BatchWriter::new(format, batch.action, batch.schema, &batch.header, dir, out)?;
        store.for_each_batch_line(&batch.id, |line| {
            writer.write(&line)?;
            if line.position == 1 {
                failpoint::pause("while-writing");
            }
            if let Some(on_line) = on_line.as_mut() {
                on_line();
            }
            Ok(())
        })?;
        writer.finish()
    })?;
    failpoint("after-rename");
    if format != Format::Json {
        let header: Header = serde_json::from_str(&batch.header)?;
        folder::write_manifest(
            dir,
            &manifest(
                &batch.id,
                batch.schema,
                format,
                &file,
                count,
                &sha256,
                header,
            ),
        )?;
    }
    Ok((count, sha256))
}

fn manifest(
    id: &str,
    schema: crate::store::LineSchema,
    format: Format,
    file: &Path,
    count: u64,
    sha256: &str,
    header: Header,
) -> Manifest {
    Manifest {
        batch_id: id.to_string(),
        schema: schema.name().to_string(),
        format: format.to_string(),
        file: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        count,
        sha256: sha256.to_string(),
        header,
    }
}

/// Posts an outbox batch; on success it is marked delivered and its file removed. On a refusal it
/// is taken back when it can be (its visits are due again) and the run stops; after a redirect or
/// when the server cannot be reached it stays in the outbox for the next run.
fn deliver(
    store: &mut Store,
    http: &HttpTarget,
    id: &str,
    file: &Path,
    report: &mut Report,
) -> anyhow::Result<BatchState> {
    let body = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    match http.deliver(id, &body) {
        Delivery::Delivered { .. } => {
            store.set_batch_delivered(id)?;
            std::fs::remove_file(file)?;
            Ok(BatchState::Delivered)
        }
        Delivery::Refused { status, message } => {
            // An older batch behind newer ones stays in the outbox (taking it back would leave
            // a gap).
            let taken_back = store.undo_batch(id)?;
            if taken_back {
                std::fs::remove_file(file)?;
            }
            report.refused = Some(format!("HTTP {status}: {message}"));
            Ok(if taken_back {
                BatchState::TakenBack
            } else {
                BatchState::Waiting
            })
        }
        Delivery::Redirected { status, location } => {
            report.redirected = Some(format!(
                "HTTP {status} redirect to {}",
                location.as_deref().unwrap_or("(no Location given)")
            ));
            Ok(BatchState::Waiting)
        }
        Delivery::Unreachable { attempts, last } => {
            report.unreachable = Some(format!("{last} (after {attempts} tries)"));
            Ok(BatchState::Waiting)
        }
    }
}

/// Removes outbox files of ours the database does not wait for (written by a run that stopped
/// before recording its batch, or sent since): only batch files and their temporary files,
/// never anything else in the folder.
fn clean_outbox(store: &Store, outbox: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(outbox)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let id = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".json.tmp"))
            .or_else(|| name.strip_suffix(".json"));
        let Some(id) = id.filter(|id| uuid::Uuid::parse_str(id).is_ok()) else {
            continue;
        };
        let waiting = store
            .export_batch(id)?
            .is_some_and(|b| b.status == BatchStatus::Outbox && !name.starts_with('.'));
        if !waiting {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// Writes a recorded batch again into `dir`, byte for byte (with its manifest for folders).
pub fn redo(store: &Store, batch_id: &str, dir: &Path) -> anyhow::Result<PathBuf> {
    let batch = store
        .export_batch(batch_id)?
        .ok_or_else(|| UnknownBatch(batch_id.to_string()))?;
    anyhow::ensure!(
        batch.status != BatchStatus::Writing,
        "batch {batch_id} was never finished; run the export into its folder ({}) to finish it",
        batch.target
    );
    store.cache_for_export()?;
    let format: Format = batch
        .format
        .parse()
        .map_err(|_| anyhow::anyhow!("batch {batch_id} has an unknown format {}", batch.format))?;
    crate::paths::create_private_dir(dir)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let (_, sha256) = write_file(store, &batch, dir, format, None)?;
    anyhow::ensure!(
        batch.sha256.as_deref() == Some(sha256.as_str()),
        "batch {batch_id} could not be written as it was (its SHA-256 differs): a visit in it changed without a new version"
    );
    Ok(folder::data_file(dir, batch_id, format))
}

/// `--redo` of a batch the database does not know.
#[derive(Debug, thiserror::Error)]
#[error("no export batch with the id {0}; `intake-desk export` lists the batches it makes")]
pub struct UnknownBatch(pub String);
