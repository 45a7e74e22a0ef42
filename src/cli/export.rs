//! `intake-desk export [--to DIR | --url URL] [--format jsonl|csv] [--test] [--redo BATCH]`:
//! sends what is due to the case system. Exit code 0 only when everything due was delivered.

use super::Cli;
use super::setup::{Setup, setup};
use crate::error::{Error, Result};
use crate::export::http::HttpTarget;
use crate::export::{ExportOptions, Format, Target};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Write batches into this folder [default: export_dir of the configuration]
    #[arg(long, value_name = "DIR", conflicts_with = "url")]
    pub to: Option<PathBuf>,
    /// POST batches to this URL [default: export_url of the configuration]
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// File format for a folder: jsonl or csv [default: export_format of the configuration, else jsonl]
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
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
}

pub fn run(cli: &Cli, args: &ExportArgs) -> Result<()> {
    let setup = setup(cli)?;
    let config = &setup.config;
    let mut store = Setup::open_store(cli)?;
    let mut out = std::io::stdout().lock();
    let folder = args.to.clone().or_else(|| config.export_dir.clone());
    if let Some(batch) = &args.redo {
        let dir = folder.ok_or_else(|| {
            Error::Usage(
                "--redo needs a folder: give --to DIR (or export_dir in the configuration)".into(),
            )
        })?;
        let file = crate::export::redo(&store, batch, &dir).map_err(Error::Other)?;
        writeln!(out, "batch {batch} written again to {}", file.display())?;
        return Ok(());
    }
    let options = options(
        config,
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
    let report = crate::export::run(&mut store, &options, &mut |_, _| {}).map_err(Error::Other)?;
    for id in &report.adopted {
        writeln!(
            out,
            "batch {id}: found complete in the folder after an interrupted run, recorded"
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
        writeln!(
            out,
            "batch {}: {} visit(s), {}, {} {}",
            batch.id,
            batch.count,
            if batch.action == crate::store::ACTION_CORRECTION {
                "corrections"
            } else {
                "new"
            },
            if batch.delivered {
                "delivered"
            } else {
                "waiting in"
            },
            batch.file.display()
        )?;
    }
    if report.batches.is_empty() && report.adopted.is_empty() {
        writeln!(out, "nothing to export")?;
    }
    if let Some(refused) = &report.refused {
        return Err(Error::Other(anyhow::anyhow!(
            "the server refused the batch ({refused}); nothing was marked, the visits stay due"
        )));
    }
    if let Some(unreachable) = &report.unreachable {
        return Err(Error::Other(anyhow::anyhow!(
            "the server could not be reached: {unreachable}; the batch waits in the outbox and goes again with the same id"
        )));
    }
    if !report.complete() {
        return Err(Error::Other(anyhow::anyhow!(
            "{} visit(s) still due, {} waiting in the outbox",
            report.pending,
            report.outbox
        )));
    }
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
        Ok(f @ (Format::Jsonl | Format::Csv)) => f,
        _ => {
            return Err(Error::Usage(format!(
                "export format {format_name}: use jsonl or csv"
            )));
        }
    };
    let folder = to.clone().or_else(|| config.export_dir.clone());
    let url = url.or_else(|| to.is_none().then(|| config.export_url.clone()).flatten());
    let target = match (url, folder) {
        (Some(url), _) => Target::Http {
            http: HttpTarget {
                url,
                token: std::env::var("INTAKE_DESK_TOKEN")
                    .ok()
                    .filter(|t| !t.is_empty())
                    .or_else(|| config.export_token.clone()),
                attempts: http.attempts,
                first_delay: Duration::from_millis(http.retry_delay_ms),
                timeout: Duration::from_secs(60),
            },
            outbox: crate::paths::default_outbox_dir(),
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
    }))
}
