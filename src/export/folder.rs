//! Publishing a batch in a folder so that a reader never sees half of one: the batch file is
//! written under a hidden temporary name, fsynced and renamed; then the manifest, the same way.
//! A batch is published when its manifest exists. After a crash the next run cleans up what was
//! never published and adopts a published batch the database does not know yet.

use super::failpoint::failpoint;
use super::header::Manifest;
use super::pipe::PipedFile;
use super::writer::{Format, file_sha256};
use crate::store::{AdoptedLine, BatchStatus, NewBatch, Store};
use anyhow::Context;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

pub fn data_file(dir: &Path, batch_id: &str, format: Format) -> PathBuf {
    dir.join(format!("{batch_id}.{}", format.extension()))
}

pub fn manifest_file(dir: &Path, batch_id: &str) -> PathBuf {
    dir.join(format!("{batch_id}.manifest.json"))
}

fn temporary(path: &Path) -> PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("batch");
    path.with_file_name(format!(".{name}.tmp"))
}

/// Makes a directory entry durable (the rename itself, not only the file's bytes).
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Writes `path` atomically: `write` fills a hidden temporary file, which is fsynced and renamed.
/// Gives back what `write` returned and the file's SHA-256.
pub fn write_atomically<T>(
    path: &Path,
    failpoint_before_rename: Option<&str>,
    write: impl FnOnce(&mut PipedFile) -> anyhow::Result<T>,
) -> anyhow::Result<(T, String)> {
    let dir = match path.parent().context("a file needs a folder")? {
        dir if dir.as_os_str().is_empty() => Path::new("."),
        dir => dir,
    };
    let temporary = temporary(path);
    let file = crate::paths::create_private_file(&temporary)
        .with_context(|| format!("cannot create {}", temporary.display()))?;
    let mut out = PipedFile::new(file);
    let result = write(&mut out)?;
    let (file, sha256) = out.finish()?;
    file.sync_all()?;
    drop(file);
    if let Some(name) = failpoint_before_rename {
        failpoint(name);
    }
    std::fs::rename(&temporary, path).with_context(|| {
        format!(
            "cannot rename {} to {}",
            temporary.display(),
            path.display()
        )
    })?;
    sync_dir(dir)?;
    Ok((result, sha256))
}

pub fn write_manifest(dir: &Path, manifest: &Manifest) -> anyhow::Result<()> {
    write_atomically(&manifest_file(dir, &manifest.batch_id), None, |out| {
        Ok(out.write_all(&manifest.to_bytes())?)
    })
    .map(|_| ())
}

/// What recovery found in the folder.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Published batches recorded now (the last run stopped before recording them).
    pub adopted: Vec<String>,
    /// Batches a stopped run had reserved: written now, or recorded when they were published.
    pub finished: Vec<String>,
    /// Files removed because they were never published.
    pub removed: Vec<PathBuf>,
}

/// Brings the database and the folder into step before a new export. Runs under the folder's
/// lock, so no live run owns anything unfinished here: what is unfinished was left by a run
/// that stopped.
/// `staff` is who runs this export: the adopted batches are recorded in their name.
pub fn recover(store: &mut Store, dir: &Path, staff: &str) -> anyhow::Result<Recovery> {
    let mut recovery = Recovery::default();
    let names = |dir: &Path| -> anyhow::Result<Vec<String>> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        names.sort();
        Ok(names)
    };
    for name in names(dir)? {
        if name.starts_with('.') && name.ends_with(".tmp") {
            std::fs::remove_file(dir.join(&name))?;
            recovery.removed.push(dir.join(&name));
        }
    }
    for name in names(dir)? {
        let Some(batch_id) = name.strip_suffix(".manifest.json") else {
            continue;
        };
        if name.starts_with('.') || store.export_batch(batch_id)?.is_some() {
            continue;
        }
        if adopt(store, dir, &name, staff)? {
            recovery.adopted.push(batch_id.to_string());
        }
    }
    let target = super::folder_target(dir);
    for batch in store.unfinished_batches()? {
        if batch.target != target {
            continue;
        }
        let format: Format = batch.format.parse().map_err(|_| {
            anyhow::anyhow!("batch {} has an unknown format {}", batch.id, batch.format)
        })?;
        let (count, sha256) = match published(dir, &batch.id)? {
            Some(done) => done,
            None => super::write_file(store, &batch, dir, format, None)?,
        };
        store.finish_batch(&batch.id, &sha256, count, BatchStatus::Delivered)?;
        recovery.finished.push(batch.id);
    }
    for name in names(dir)? {
        let unpublished_data = [Format::Jsonl, Format::Csv(Default::default()), Format::Xlsx]
            .iter()
            .any(|format| {
                name.strip_suffix(&format!(".{}", format.extension()))
                    .is_some_and(|id| !manifest_file(dir, id).exists())
            });
        if unpublished_data {
            std::fs::remove_file(dir.join(&name))?;
            recovery.removed.push(dir.join(&name));
        }
    }
    Ok(recovery)
}

/// The count and hash of a batch whose manifest and file are in the folder and agree.
fn published(dir: &Path, batch_id: &str) -> anyhow::Result<Option<(u64, String)>> {
    let Ok(bytes) = std::fs::read(manifest_file(dir, batch_id)) else {
        return Ok(None);
    };
    let Ok(manifest) = serde_json::from_slice::<Manifest>(&bytes) else {
        return Ok(None);
    };
    let data = dir.join(&manifest.file);
    Ok(file_sha256(&data)
        .ok()
        .filter(|sha| *sha == manifest.sha256)
        .map(|sha| (manifest.count, sha)))
}

/// Records a published batch from its manifest and file, after checking the file's hash; false
/// for a batch of another database (two desks exporting into one inbox), left as it is.
fn adopt(store: &mut Store, dir: &Path, manifest_name: &str, staff: &str) -> anyhow::Result<bool> {
    let path = dir.join(manifest_name);
    let manifest: Manifest = serde_json::from_slice(&std::fs::read(&path)?)
        .with_context(|| format!("{}: not a batch manifest", path.display()))?;
    let format: Format = manifest
        .format
        .parse()
        .map_err(|_| anyhow::anyhow!("{}: unknown format {}", path.display(), manifest.format))?;
    let data = dir.join(&manifest.file);
    let sha = file_sha256(&data).with_context(|| format!("cannot read {}", data.display()))?;
    anyhow::ensure!(
        sha == manifest.sha256,
        "{}: the SHA-256 does not match its manifest; the batch is damaged and was not recorded",
        data.display()
    );
    let visits = batch_visits(&data, format)?;
    let ids: Vec<&str> = visits.iter().map(|v| v.visit_id.as_str()).collect();
    if !store.knows_any_visit(&ids)? {
        return Ok(false);
    }
    let batch = NewBatch {
        id: manifest.batch_id.clone(),
        created_at: manifest.header.message_date.clone(),
        target: super::folder_target(dir),
        format: manifest.format.clone(),
        action: manifest.header.action,
        test: manifest.header.test_delivery_flag,
        header: serde_json::to_string(&manifest.header)?,
        schema: crate::store::LineSchema::from_name(&manifest.schema)
            .with_context(|| format!("{}: unknown schema {}", path.display(), manifest.schema))?,
        staff_id: staff.to_string(),
    };
    store.adopt_batch(&batch, &sha, &visits)?;
    Ok(true)
}

/// The visits a batch file carries: id, version, and for corrections the batch before.
fn batch_visits(path: &Path, format: Format) -> anyhow::Result<Vec<AdoptedLine>> {
    if format == Format::Xlsx {
        return workbook_visits(path);
    }
    let reader = BufReader::new(File::open(path)?);
    let mut visits = Vec::new();
    let optional = |text: &str| (!text.is_empty()).then(|| text.to_string());
    match format {
        Format::Csv(style) => {
            let mut csv = csv::ReaderBuilder::new()
                .delimiter(if style.semicolon { b';' } else { b',' })
                .from_reader(reader);
            let headers = csv.headers()?.clone();
            let column = |name: &str| {
                headers
                    .iter()
                    .position(|h| h == name)
                    .with_context(|| format!("the CSV batch has no {name} column"))
            };
            let (id, revision, previous) = (
                column("visitId")?,
                column("revision")?,
                column("originalBatchId")?,
            );
            for row in csv.records() {
                let row = row?;
                visits.push(AdoptedLine {
                    visit_id: row[id].to_string(),
                    revision: row[revision].parse()?,
                    previous_batch: optional(&row[previous]),
                });
            }
        }
        _ => {
            for line in reader.lines() {
                let value: serde_json::Value = serde_json::from_str(&line?)?;
                visits.push(AdoptedLine {
                    visit_id: value["visitId"]
                        .as_str()
                        .context("a line without visitId")?
                        .to_string(),
                    revision: value["revision"]
                        .as_u64()
                        .context("a line without revision")? as u32,
                    previous_batch: value["originalBatchId"].as_str().map(str::to_string),
                });
            }
        }
    }
    Ok(visits)
}

/// The visits of a workbook batch, read from its `visits` sheets.
fn workbook_visits(path: &Path) -> anyhow::Result<Vec<AdoptedLine>> {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> = calamine::open_workbook(path)
        .with_context(|| format!("{}: not a workbook", path.display()))?;
    let text = |cell: Option<&Data>| match cell {
        Some(Data::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    let mut visits = Vec::new();
    for name in workbook.sheet_names() {
        if !name.starts_with("visits") {
            continue;
        }
        let range = workbook.worksheet_range(&name)?;
        let mut rows = range.rows();
        let header: Vec<String> = rows
            .next()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .unwrap_or_default();
        let column = |wanted: &str| {
            header
                .iter()
                .position(|h| h == wanted)
                .with_context(|| format!("{}: sheet {name} has no {wanted} column", path.display()))
        };
        let (id, revision, previous) = (
            column("visitId")?,
            column("revision")?,
            column("originalBatchId")?,
        );
        for row in rows {
            let revision = match row.get(revision) {
                Some(Data::Float(n)) if *n >= 1.0 => *n as u32,
                Some(Data::Int(n)) if *n >= 1 => *n as u32,
                other => anyhow::bail!(
                    "{}: a revision that is not a number: {other:?}",
                    path.display()
                ),
            };
            visits.push(AdoptedLine {
                visit_id: text(row.get(id)).context("a row without visitId")?,
                revision,
                previous_batch: text(row.get(previous)),
            });
        }
    }
    Ok(visits)
}
