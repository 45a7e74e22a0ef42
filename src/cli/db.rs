//! `intake-desk db info`: where the database is and what it holds, without personal data;
//! `db check`: is it intact; `db backup FILE`: a consistent copy.

use super::Cli;
use super::setup::Setup;
use crate::error::{Error, Result};
use crate::store::SCHEMA_VERSION;
use crate::text::escape_control;
use std::io::Write;

pub fn info(cli: &Cli) -> Result<()> {
    let mut out = super::stdout_for(true);
    let store = Setup::inspect_store(cli)?;
    writeln!(out, "database:        {}", store.path().display())?;
    writeln!(out, "schema version:  {SCHEMA_VERSION}")?;
    writeln!(out, "visits:          {}", store.visit_count()?)?;
    writeln!(out, "pending export:  {}", store.pending_export_count()?)?;
    writeln!(out, "unmet needs:     {}", store.unmet_need_count()?)?;
    for batch in store.unfinished_batches()? {
        writeln!(
            out,
            "unfinished batch {}: {} visit(s) reserved for {}; an export there finishes it",
            batch.id, batch.visit_count, batch.target
        )?;
    }
    Ok(())
}

/// Problems shown at most; the first ones say where to look.
const PROBLEMS_SHOWN: u32 = 20;

pub fn check(cli: &Cli) -> Result<()> {
    let store = Setup::inspect_store(cli)?;
    let problems = store.integrity_problems(PROBLEMS_SHOWN)?;
    let mut out = super::stdout_for(true);
    if problems.is_empty() {
        writeln!(
            out,
            "{}: intact (integrity check ok)",
            store.path().display()
        )?;
        return Ok(());
    }
    for problem in &problems {
        writeln!(out, "{}", escape_control(problem))?;
    }
    Err(Error::Other(anyhow::anyhow!(
        "{} is damaged ({} problem(s) listed{}); save a copy with `intake-desk db backup FILE` before anything else",
        store.path().display(),
        problems.len(),
        if problems.len() as u32 == PROBLEMS_SHOWN {
            ", more may follow"
        } else {
            ""
        }
    )))
}

pub fn backup(cli: &Cli, file: &std::path::Path) -> Result<()> {
    if file.exists() {
        return Err(Error::Usage(format!(
            "{} exists; give a new file name (a backup never overwrites)",
            file.display()
        )));
    }
    let mut store = Setup::inspect_store(cli)?;
    let who = super::sign_in::require(cli, &mut store, crate::staff::Needs::Administer)?;
    store.backup_to(file)?;
    super::sign_in::record(
        &mut store,
        &crate::store::NewAuditEntry::new(
            who.id.as_str(),
            crate::store::AuditAction::Backup,
            "database",
        )
        .detail("to", file.display().to_string()),
    )?;
    writeln!(
        super::stdout_for(true),
        "copy of {} saved to {} ({} visits)",
        store.path().display(),
        file.display(),
        store.visit_count()?
    )?;
    Ok(())
}
