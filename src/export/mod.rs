//! Export to the case system: batches of visits in a versioned format (`intake-desk/visit/1`,
//! JSON Lines, CSV, or one JSON document over HTTP), never lost and never doubled.
//!
//! A batch is chosen, written and recorded inside one write transaction of the database: the
//! visits are marked only when the batch file is durable, in the transaction that records the
//! batch. A crash before the commit leaves no batch in the database; a file it had already
//! published is adopted by the next run (see [`folder::recover`]). Over HTTP the batch waits in an
//! outbox folder until the server accepts it, and goes again with the same idempotency key.

mod csv_row;
mod failpoint;
pub mod folder;
pub mod header;
pub mod http;
pub mod line;
mod pipe;
pub mod writer;

pub use csv_row::COLUMNS as CSV_COLUMNS;
pub use writer::Format;

use crate::store::{ACTION_CORRECTION, ACTION_NEW, NewBatch, Store};
use anyhow::Context;
use failpoint::failpoint;
use header::{Header, Manifest};
use http::{Delivery, HttpTarget};
use std::io::Write;
use std::path::{Path, PathBuf};
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

#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub target: Target,
    /// For folders; HTTP always sends one JSON document.
    pub format: Format,
    /// Sets eCH-0058 `testDeliveryFlag`.
    pub test: bool,
    /// This desk, the batch's sender.
    pub desk: String,
}

/// One batch made or sent by a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchDone {
    pub id: String,
    pub action: u8,
    pub count: u64,
    /// The file written (folder), or the outbox file (HTTP).
    pub file: PathBuf,
    pub delivered: bool,
}

#[derive(Debug, Default)]
pub struct Report {
    pub batches: Vec<BatchDone>,
    /// Published batches recorded now after an interrupted run.
    pub adopted: Vec<String>,
    /// Unpublished leftovers of an interrupted run, removed.
    pub removed: usize,
    /// The server refused a batch: its status and message. Nothing of it was marked.
    pub refused: Option<String>,
    /// The server could not be reached after every try; the batch waits in the outbox.
    pub unreachable: Option<String>,
    /// Visits still due, and visits waiting in the outbox, after the run.
    pub pending: u64,
    pub outbox: u64,
}

impl Report {
    /// Everything due was delivered.
    pub fn complete(&self) -> bool {
        self.pending == 0 && self.outbox == 0 && self.refused.is_none()
    }
}

/// Called as visits are written: (written so far, due at the start).
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

pub fn run(
    store: &mut Store,
    options: &ExportOptions,
    progress: Progress<'_>,
) -> anyhow::Result<Report> {
    let mut report = Report::default();
    store.cache_for_export()?;
    let total = store.pending_export_count()?;
    let mut done = 0u64;
    match &options.target {
        Target::Folder(dir) => {
            crate::paths::create_private_dir(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            let recovery = folder::recover(store, dir)?;
            report.adopted = recovery.adopted;
            report.removed = recovery.removed.len();
            for action in [ACTION_NEW, ACTION_CORRECTION] {
                if let Some(batch) = write_batch(
                    store,
                    options,
                    action,
                    dir,
                    options.format,
                    None,
                    &mut done,
                    total,
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
            clean_outbox(store, outbox)?;
            // First what an earlier run left waiting, with the same ids.
            let waiting: Vec<_> = store
                .export_batches(usize::MAX >> 1)?
                .into_iter()
                .filter(|b| b.status == "outbox")
                .rev()
                .collect();
            let mut stopped = false;
            for batch in waiting {
                let file = folder::data_file(outbox, &batch.id, Format::Json);
                if !file.exists() {
                    redo(store, &batch.id, outbox)?;
                }
                let delivered = deliver(store, http, &batch.id, &file, &mut report)?;
                report.batches.push(BatchDone {
                    id: batch.id,
                    action: batch.action,
                    count: batch.visit_count,
                    file,
                    delivered,
                });
                if !delivered {
                    stopped = true;
                    break;
                }
            }
            'actions: for action in [ACTION_NEW, ACTION_CORRECTION] {
                while !stopped {
                    let Some(mut batch) = write_batch(
                        store,
                        options,
                        action,
                        outbox,
                        Format::Json,
                        Some(*batch_size),
                        &mut done,
                        total,
                        progress,
                    )?
                    else {
                        continue 'actions;
                    };
                    batch.delivered = deliver(store, http, &batch.id, &batch.file, &mut report)?;
                    stopped = !batch.delivered;
                    report.batches.push(batch);
                }
            }
        }
    }
    report.pending = store.pending_export_count()?;
    report.outbox = store.outbox_visit_count()?;
    Ok(report)
}

/// Chooses, writes and records one batch of `action`; `None` when nothing is due.
#[allow(clippy::too_many_arguments)]
fn write_batch(
    store: &mut Store,
    options: &ExportOptions,
    action: u8,
    dir: &Path,
    format: Format,
    limit: Option<u64>,
    done: &mut u64,
    total: u64,
    progress: Progress<'_>,
) -> anyhow::Result<Option<BatchDone>> {
    let id = uuid::Uuid::now_v7().to_string();
    let created_at = crate::store::now_rfc3339();
    let header = Header::new(&options.desk, &id, &created_at, action, options.test);
    let header_json = serde_json::to_string(&header)?;
    let (target, status) = match &options.target {
        Target::Folder(dir) => (format!("folder:{}", dir.display()), "delivered"),
        Target::Http { http, .. } => (format!("http:{}", http.url), "outbox"),
    };
    let batch = NewBatch {
        id: id.clone(),
        created_at,
        target,
        format: <&str>::from(format).to_string(),
        action,
        test: options.test,
        header: header_json.clone(),
    };
    let tx = store.begin_export()?;
    if tx.reserve(&batch, limit)? == 0 {
        return Ok(None);
    }
    let file = folder::data_file(dir, &id, format);
    let (count, sha256) = folder::write_atomically(&file, Some("before-rename"), |out| {
        let mut writer = BatchWriter::new(format, action, &header_json, out)?;
        tx.for_each_line(&id, |line| {
            writer.write(&line)?;
            *done += 1;
            progress(*done, total);
            Ok(())
        })?;
        writer.finish()
    })?;
    failpoint("after-rename");
    if format != Format::Json {
        folder::write_manifest(dir, &manifest(&id, format, &file, count, &sha256, header))?;
    }
    failpoint("before-commit");
    tx.finish(&id, &sha256, count, status)?;
    Ok(Some(BatchDone {
        id,
        action,
        count,
        file,
        delivered: status == "delivered",
    }))
}

fn manifest(
    id: &str,
    format: Format,
    file: &Path,
    count: u64,
    sha256: &str,
    header: Header,
) -> Manifest {
    Manifest {
        batch_id: id.to_string(),
        schema: line::SCHEMA.to_string(),
        format: <&str>::from(format).to_string(),
        file: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        count,
        sha256: sha256.to_string(),
        header,
    }
}

/// Posts an outbox batch; on success it is marked delivered and its file removed, on a refusal it
/// is taken back (its visits are due again) and the run stops.
fn deliver(
    store: &mut Store,
    http: &HttpTarget,
    id: &str,
    file: &Path,
    report: &mut Report,
) -> anyhow::Result<bool> {
    let body = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    match http.deliver(id, &body) {
        Delivery::Delivered { .. } => {
            store.set_batch_delivered(id)?;
            std::fs::remove_file(file)?;
            Ok(true)
        }
        Delivery::Refused { status, message } => {
            // Taken back when possible, so its visits are due again; an older batch behind newer
            // ones stays in the outbox (taking it back would leave a gap).
            if store.undo_batch(id)? {
                std::fs::remove_file(file)?;
            }
            report.refused = Some(format!("HTTP {status}: {message}"));
            Ok(false)
        }
        Delivery::Unreachable { attempts, last } => {
            report.unreachable = Some(format!("{last} (after {attempts} tries)"));
            Ok(false)
        }
    }
}

/// Removes outbox files the database does not wait for (written by a run that stopped before
/// recording its batch: never sent, their visits are still due).
fn clean_outbox(store: &Store, outbox: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(outbox)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let waiting = name
            .strip_suffix(".json")
            .map(|id| store.export_batch(id))
            .transpose()?
            .flatten()
            .is_some_and(|b| b.status == "outbox");
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
        .with_context(|| format!("no export batch with the id {batch_id}"))?;
    store.cache_for_export()?;
    let format: Format = batch
        .format
        .parse()
        .map_err(|_| anyhow::anyhow!("batch {batch_id} has an unknown format {}", batch.format))?;
    crate::paths::create_private_dir(dir)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let file = folder::data_file(dir, batch_id, format);
    let (count, sha256) = folder::write_atomically(&file, None, |out| {
        let mut writer = BatchWriter::new(format, batch.action, &batch.header, out)?;
        store.for_each_batch_line(batch_id, |line| writer.write(&line))?;
        writer.finish()
    })?;
    anyhow::ensure!(
        batch.sha256.as_deref() == Some(sha256.as_str()),
        "batch {batch_id} could not be written as it was (its SHA-256 differs): a visit in it changed without a new version"
    );
    if format != Format::Json {
        let header: Header = serde_json::from_str(&batch.header)?;
        folder::write_manifest(
            dir,
            &manifest(batch_id, format, &file, count, &sha256, header),
        )?;
    }
    let _ = std::io::stdout().flush();
    Ok(file)
}
