//! `intake-desk db info`: where the database is and what it holds, without personal data;
//! `db check`: is it intact; `db backup FILE`: a consistent copy.

use super::Cli;
use super::setup::Setup;
use crate::error::{Error, Result};
use crate::store::SCHEMA_VERSION;
use crate::text::escape_control;
use std::io::Write;

/// What `db info` and `db backup` show for a count they cannot make.
const NOT_READABLE: &str = "not readable, the file is damaged (db check lists where)";

/// A count, or on a damaged file that it cannot be made (encrypted, a damaged page cannot be
/// read at all): `db info` still shows the rest.
fn count_shown(count: crate::store::Result<u64>) -> crate::store::Result<String> {
    match count {
        Ok(count) => Ok(count.to_string()),
        Err(crate::store::Error::Damaged(_)) => Ok(NOT_READABLE.to_string()),
        Err(e) => Err(e),
    }
}

pub fn info(cli: &Cli) -> Result<()> {
    let mut out = super::stdout_for(true);
    let store = Setup::inspect_store(cli)?;
    writeln!(out, "database:        {}", store.path().display())?;
    writeln!(out, "schema version:  {SCHEMA_VERSION}")?;
    writeln!(
        out,
        "visits:          {}",
        count_shown(store.visit_count())?
    )?;
    writeln!(
        out,
        "pending export:  {}",
        count_shown(store.pending_export_count())?
    )?;
    writeln!(
        out,
        "unmet needs:     {}",
        count_shown(store.unmet_need_count())?
    )?;
    let batches = match store.unfinished_batches() {
        Err(crate::store::Error::Damaged(_)) => {
            writeln!(out, "unfinished batches: {NOT_READABLE}")?;
            Vec::new()
        }
        other => other?,
    };
    for batch in batches {
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
    let visits = match store.visit_count() {
        Ok(count) => format!("{count} visits"),
        Err(crate::store::Error::Damaged(_)) => format!("visits: {NOT_READABLE}"),
        Err(e) => return Err(e.into()),
    };
    writeln!(
        super::stdout_for(true),
        "copy of {} saved to {} ({visits})",
        store.path().display(),
        file.display(),
    )?;
    Ok(())
}
