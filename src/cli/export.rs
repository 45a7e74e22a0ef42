//! `intake-desk export [--to DIR | --url URL] [--format jsonl|csv|xlsx] [--test] [--redo BATCH]`:
//! sends what is due to the case system. Exit code 0 only when everything due was delivered.

use super::Cli;
use super::setup::{Setup, setup};
use crate::error::{Error, Result};
use crate::export::http::HttpTarget;
use crate::export::{BatchState, ExportOptions, Format, Step, Target};
use crate::staff::Needs;
use crate::text::escape_control;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Write batches into this folder [default: export_dir of the configuration]
    #[arg(long, value_name = "DIR", conflicts_with = "url")]
    pub to: Option<PathBuf>,
    /// POST batches to this URL [default: export_url of the configuration]
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// File format for a folder: jsonl, csv or xlsx [default: export_format of the configuration, else jsonl]
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// CSV: separate fields with a semicolon (for Excel set to Swiss German)
    #[arg(long)]
    pub semicolon: bool,
    /// CSV: begin with a byte-order mark, so spreadsheets read the file as UTF-8
    #[arg(long)]
    pub bom: bool,
    /// Mark the batches as test deliveries (eCH-0058 testDeliveryFlag)
    #[arg(long)]
    pub test: bool,
    /// Write this batch again, byte for byte, into the folder (--to or export_dir)
    #[arg(long, value_name = "BATCH", conflicts_with = "url")]
    pub redo: Option<String>,
    /// HTTP: visits per batch (one POST each)
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub batch_size: u64,
    /// HTTP: tries per batch before it is left waiting in the outbox
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub attempts: u32,
    /// HTTP: wait before the second try, doubled after each failure (at most 30 s)
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    pub retry_delay_ms: u64,
    /// Wait at most this long for another export into the same folder to finish (at most 3600)
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub wait: u64,
}

/// Upper bounds of the numeric options, so a typo cannot make a run that never ends.
const MAX_BATCH_SIZE: u64 = 100_000;
const MAX_WAIT_S: u64 = 3600;

pub fn run(cli: &Cli, args: &ExportArgs) -> Result<()> {
    check_bounds(args)?;
    let setup = setup(cli)?;
    let config = &setup.config;
    let folder = args.to.clone().or_else(|| config.export_dir.clone());
    if let Some(batch) = &args.redo {
        if args.format.is_some() || args.semicolon || args.bom {
            return Err(Error::Usage(
                "--redo writes a batch in the format it was first written in, byte for byte: leave out --format, --semicolon and --bom".into(),
            ));
        }
        let dir = folder.ok_or_else(|| {
            Error::Usage(
                "--redo needs a folder: give --to DIR (or export_dir in the configuration)".into(),
            )
        })?;
        let mut store = Setup::read_store(cli)?;
        let who = super::sign_in::require(cli, &mut store, Needs::Export)?;
        let file = crate::export::redo(&store, batch, &dir).map_err(export_error)?;
        super::sign_in::record(
            &mut store,
            &crate::store::NewAuditEntry::new(
                who.id.as_str(),
                crate::store::AuditAction::Export,
                "batch",
            )
            .record(batch.as_str())
            .detail("redo", true)
            .detail("target", dir.display().to_string()),
        )?;
        writeln!(
            super::stdout_for(true),
            "batch {} written again to {}",
            escape_control(batch),
            file.display()
        )?;
        return Ok(());
    }
    let mut options = options(
        config,
        &Setup::db_path(cli),
        args.to.clone(),
        args.url.clone(),
        args.format.as_deref(),
        args.test,
        HttpSettings {
            batch_size: args.batch_size,
            attempts: args.attempts,
            retry_delay_ms: args.retry_delay_ms,
        },
    )?
    .ok_or_else(|| {
        Error::Usage(
            "say where to export: --to DIR or --url URL (or export_dir / export_url in the configuration)"
                .into(),
        )
    })?;
    if args.semicolon || args.bom {
        match &mut options.format {
            Format::Csv(style) => {
                style.semicolon |= args.semicolon;
                style.bom |= args.bom;
            }
            _ => {
                return Err(Error::Usage(
                    "--semicolon and --bom are for CSV: add --format csv (or export_format = \"csv\" in the configuration)".into(),
                ));
            }
        }
    }
    options.lock_wait = Duration::from_secs(args.wait);
    let mut store = Setup::open_store(cli)?;
    options.staff = super::sign_in::require(cli, &mut store, Needs::Export)?
        .id
        .to_string();
    let report = crate::export::run(&mut store, &options, &mut |step| {
        if let Step::Waiting(dir) = step
            && args.wait > 0
        {
            eprintln!(
                "another export into {} is running; waiting for it to finish (at most {} s) ...",
                dir.display(),
                args.wait
            );
        }
    })
    .map_err(export_error)?;
    print_report(&report)?;
    if let Some(refused) = &report.refused {
        let taken_back = report
            .batches
            .iter()
            .any(|b| b.state == BatchState::TakenBack);
        return Err(Error::Other(anyhow::anyhow!(
            "the server refused the batch ({refused}); {}",
            if taken_back {
                "it was taken back and nothing was marked: its visits stay due"
            } else {
                "it stays in the outbox behind newer batches and goes again with the same id"
            }
        )));
    }
    if let Some(redirected) = &report.redirected {
        return Err(Error::Other(anyhow::anyhow!(
            "the server answered with a redirect ({redirected}); a batch is only delivered by a 2xx answer to its POST, so nothing was marked delivered: the batch waits in the outbox. Set export_url (or --url) to the address the case system really takes batches at"
        )));
    }
    if let Some(unreachable) = &report.unreachable {
        return Err(Error::Other(anyhow::anyhow!(
            "the server could not be reached: {unreachable}; the batch waits in the outbox and goes again with the same id"
        )));
    }
    if report.complete() && report.pending > 0 {
        writeln!(
            super::stdout_for(true),
            "{} visit(s) saved or corrected while the export ran are due for the next run",
            report.pending
        )?;
    }
    if !report.complete() {
        let elsewhere: Vec<String> = report
            .elsewhere
            .iter()
            .map(|(target, count)| format!("{count} visit(s) reserved for {target}"))
            .collect();
        return Err(Error::Other(anyhow::anyhow!(
            "{} visit(s) still due, {} waiting in the outbox{}",
            report.pending,
            report.outbox,
            if elsewhere.is_empty() {
                String::new()
            } else {
                format!(
                    "; unfinished: {} (an export there finishes them)",
                    elsewhere.join(", ")
                )
            }
        )));
    }
    Ok(())
}

fn print_report(report: &crate::export::Report) -> Result<()> {
    let mut out = super::stdout_for(true);
    for id in &report.adopted {
        writeln!(
            out,
            "batch {id}: found complete in the folder after an interrupted run, recorded"
        )?;
    }
    for id in &report.finished {
        writeln!(
            out,
            "batch {id}: left unfinished by an interrupted run, finished now"
        )?;
    }
    if report.removed > 0 {
        writeln!(
            out,
            "removed {} unfinished file(s) of an interrupted run",
            report.removed
        )?;
    }
    for batch in &report.batches {
        let kind = if batch.action == crate::store::BatchAction::Correction {
            "corrections"
        } else {
            "new"
        };
        let what = match batch.state {
            BatchState::Delivered => format!("delivered {}", batch.file.display()),
            BatchState::Waiting => format!("not delivered, waiting in {}", batch.file.display()),
            BatchState::TakenBack => {
                "refused by the server and taken back: its visits are due again".to_string()
            }
        };
        writeln!(
            out,
            "batch {}: {} visit(s), {kind}, {what}",
            batch.id, batch.count
        )?;
    }
    if report.batches.is_empty() && report.adopted.is_empty() && report.finished.is_empty() {
        writeln!(out, "nothing to export")?;
    }
    Ok(())
}

/// A busy folder exits with 3, an unknown batch is input to fix (2), anything else a failure.
fn export_error(error: anyhow::Error) -> Error {
    if error.is::<crate::export::Busy>() {
        return Error::Busy(error.to_string());
    }
    if error.is::<crate::export::UnknownBatch>() {
        return Error::Usage(error.to_string());
    }
    Error::Other(error)
}

fn check_bounds(args: &ExportArgs) -> Result<()> {
    let bound = |name: &str, value: u64, low: u64, high: u64| {
        if value < low || value > high {
            Err(Error::Usage(format!(
                "{name} {value}: give a number from {low} to {high}"
            )))
        } else {
            Ok(())
        }
    };
    bound("--batch-size", args.batch_size, 1, MAX_BATCH_SIZE)?;
    bound(
        "--attempts",
        u64::from(args.attempts),
        1,
        u64::from(crate::export::http::MAX_ATTEMPTS),
    )?;
    bound(
        "--retry-delay-ms",
        args.retry_delay_ms,
        0,
        crate::export::http::MAX_FIRST_DELAY.as_millis() as u64,
    )?;
    bound("--wait", args.wait, 0, MAX_WAIT_S)?;
    Ok(())
}

/// How HTTP deliveries are paced.
pub struct HttpSettings {
    pub batch_size: u64,
    pub attempts: u32,
    pub retry_delay_ms: u64,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            batch_size: 1000,
            attempts: 5,
            retry_delay_ms: 1000,
        }
    }
}

/// The export as the command line and the configuration describe it; `None` without a target.
/// A folder given on the command line wins over a configured URL, and the other way round.
pub fn options(
    config: &crate::config::Config,
    db_path: &Path,
    to: Option<PathBuf>,
    url: Option<String>,
    format: Option<&str>,
    test: bool,
    http: HttpSettings,
) -> Result<Option<ExportOptions>> {
    let format_name = format
        .map(str::to_string)
        .or_else(|| config.export_format.clone())
        .unwrap_or_else(|| "jsonl".into());
    let format = match format_name.parse::<Format>() {
        Ok(f @ (Format::Jsonl | Format::Csv(_) | Format::Xlsx)) => f,
        _ => {
            return Err(Error::Usage(format!(
                "export format {format_name}: use jsonl, csv, csv-semicolon, csv-bom, csv-semicolon-bom or xlsx"
            )));
        }
    };
    let folder = to.clone().or_else(|| config.export_dir.clone());
    let url = url.or_else(|| to.is_none().then(|| config.export_url.clone()).flatten());
    let target = match (url, folder) {
        (Some(url), _) => Target::Http {
            http: HttpTarget {
                url: checked_url(&url)?,
                token: match std::env::var("INTAKE_DESK_TOKEN")
                    .ok()
                    .filter(|t| !t.is_empty())
                {
                    Some(token) => {
                        if let Some(why) = crate::export::http::token_problem(&token) {
                            return Err(Error::Usage(format!("INTAKE_DESK_TOKEN {why}")));
                        }
                        Some(token)
                    }
                    None => config.export_token.clone(),
                },
                attempts: http.attempts,
                first_delay: Duration::from_millis(http.retry_delay_ms),
                timeout: Duration::from_secs(60),
            },
            outbox: crate::paths::outbox_dir(db_path),
            batch_size: http.batch_size.max(1),
        },
        (None, Some(dir)) => Target::Folder(dir),
        (None, None) => return Ok(None),
    };
    Ok(Some(ExportOptions {
        target,
        format,
        test,
        desk: config.desk.clone(),
        lock_wait: crate::export::DEFAULT_LOCK_WAIT,
        // Set by the caller once someone has signed in.
        staff: String::new(),
    }))
}

/// An export URL must be http(s) with a host, checked before any batch is written.
pub fn checked_url(url: &str) -> Result<String> {
    match crate::export::http::url_problem(url) {
        None => Ok(url.to_string()),
        Some(why) => Err(Error::Usage(format!(
            "export URL {}: {why}; give it as https://host/path",
            escape_control(url)
        ))),
    }
}
