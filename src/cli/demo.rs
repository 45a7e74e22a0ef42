//! `intake-desk demo --visits N [--seed S]`: synthetic visits for trying the app and for benchmarks.

use super::Cli;
use super::setup::{Setup, setup};
use crate::demo::{self, DEMO_DESK_PREFIX, DemoOptions};
use crate::error::{Error, Result};
use std::time::Instant;

pub fn run(cli: &Cli, visits: usize, seed: u64) -> Result<()> {
    let setup = setup(cli)?;
    let mut store = Setup::open_store(cli)?;
    // Demo data must never mix with real visits.
    if store.has_visits_outside(DEMO_DESK_PREFIX)? {
        return Err(Error::Usage(format!(
            "{} holds real visits; demo data goes into a database of its own (use --db PATH)",
            store.path().display()
        )));
    }
    let started = Instant::now();
    let options = DemoOptions {
        visits,
        seed,
        now: chrono::Local::now().fixed_offset(),
        communes: setup.catalog.communes.iter().map(|c| c.bfs_nr).collect(),
    };
    let added = store.insert_visits(demo::visits(options))?;
    store.audit("demo", "insert-demo-visits", "visits", None)?;
    println!(
        "added {added} synthetic visits to {} in {:.1} s",
        store.path().display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
