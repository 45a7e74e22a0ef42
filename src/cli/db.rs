//! `intake-desk db info`: where the database is and what it holds, without personal data.

use super::Cli;
use super::setup::Setup;
use crate::error::Result;
use crate::store::SCHEMA_VERSION;
use std::io::Write;

pub fn info(cli: &Cli) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let store = Setup::open_store(cli)?;
    writeln!(out, "database:        {}", store.path().display())?;
    writeln!(out, "schema version:  {SCHEMA_VERSION}")?;
    writeln!(out, "visits:          {}", store.visit_count()?)?;
    writeln!(out, "pending export:  {}", store.pending_export_count()?)?;
    writeln!(out, "unmet needs:     {}", store.unmet_need_count()?)?;
    Ok(())
}
