//! Demo data for the benchmarks: a database of demo visits, made once per benchmark run.
#![allow(dead_code)] // each benchmark uses a different part

use intake_desk::catalog::Catalog;
use intake_desk::demo::{self, DemoOptions};
use intake_desk::store::Store;
use std::path::PathBuf;

/// Demo visits over the year up to `now` (RFC 3339), all communes, the embedded data.
pub fn demo_options(visits: usize, seed: u64, now: &str) -> DemoOptions {
    DemoOptions {
        visits,
        seed,
        now: chrono::DateTime::parse_from_rfc3339(now).expect("an RFC 3339 moment"),
        communes: Catalog::embedded()
            .communes
            .iter()
            .map(|c| c.bfs_nr)
            .collect(),
        catalog: Some(Catalog::embedded()),
    }
}

pub fn demo_database(visits: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("visits.db");
    let mut store = Store::open(&path).expect("open");
    let options = demo_options(visits, 1, "2026-11-20T17:00:00+01:00");
    store.insert_visits(demo::visits(options)).expect("insert");
    (dir, path)
}
