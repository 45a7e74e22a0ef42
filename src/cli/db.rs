//! `intake-desk db info`: where the database is and what it holds, without personal data.

use super::Cli;
use super::setup::Setup;
use crate::error::Result;
use crate::store::SCHEMA_VERSION;

pub fn info(cli: &Cli) -> Result<()> {
    let store = Setup::open_store(cli)?;
    println!("database:        {}", store.path().display());
    println!("schema version:  {SCHEMA_VERSION}");
    println!("visits:          {}", store.visit_count()?);
    println!("pending export:  {}", store.pending_export_count()?);
    Ok(())
}
