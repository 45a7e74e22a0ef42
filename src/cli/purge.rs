//! `intake-desk purge [--dry-run]`: the personal data past `retention_days` removed, and
//! `intake-desk persons erase ID`: a person's request to be forgotten.

use super::Cli;
use super::setup::{Setup, setup};
use super::sign_in::require;
use crate::error::{Error, Result};
use crate::staff::Needs;
use crate::store::PurgeReport;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct PurgeArgs {
    /// Count what would be removed; change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(cli: &Cli, args: &PurgeArgs) -> Result<()> {
    let setup = setup(cli)?;
    let mut store = Setup::open_store(cli)?;
    let who = require(cli, &mut store, Needs::Purge)?;
    let days = setup
        .config
        .retention_days
        .unwrap_or(crate::config::DEFAULT_RETENTION_DAYS);
    let cutoff = setup.config.retention_cutoff_ms(chrono::Utc::now());
    let started = std::time::Instant::now();
    let report = store.purge(cutoff, who.id.as_str(), args.dry_run)?;
    let mut out = super::stdout_for(true);
    let verb = if args.dry_run {
        "would remove"
    } else {
        "removed"
    };
    writeln!(
        out,
        "{verb} the personal data of {} visit(s) older than {days} days (exported, or never to be), {} earlier version(s), {} draft(s), {} queue entr(ies); {} person(s) keep no competence facts{}",
        report.visits,
        report.revisions,
        report.drafts,
        report.queue_entries,
        report.persons,
        if args.dry_run {
            String::new()
        } else {
            format!(" ({:.1} s)", started.elapsed().as_secs_f64())
        }
    )?;
    log_note(&report)?;
    Ok(())
}

fn log_note(report: &PurgeReport) -> Result<()> {
    if report.log_kept {
        writeln!(
            super::stdout_for(true),
            "note: another program has the database open, so its write-ahead log keeps old pages until the next checkpoint; run purge again when the desks are closed"
        )?;
    }
    Ok(())
}

pub fn erase(cli: &Cli, person: &str) -> Result<()> {
    let mut store = Setup::open_store(cli)?;
    let who = require(cli, &mut store, Needs::Purge)?;
    let report = store
        .erase_person(person.trim(), who.id.as_str())?
        .ok_or_else(|| {
            Error::Usage(format!(
                "no person with the id {} (`intake-desk persons duplicates` or `visits show` give the stable ids)",
                crate::text::escape_control(person.trim())
            ))
        })?;
    writeln!(
        super::stdout_for(true),
        "erased the personal data of {} from {} visit(s) and {} earlier version(s); visits not exported yet will not be; the case system's copy is erased there",
        crate::text::escape_control(person.trim()),
        report.visits,
        report.revisions
    )?;
    log_note(&report)?;
    Ok(())
}
