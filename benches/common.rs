//! A database of 100,000 demo visits, made once per benchmark run.

use intake_desk::catalog::Catalog;
use intake_desk::demo::{self, DemoOptions};
use intake_desk::store::Store;
use std::path::PathBuf;

pub fn demo_database(visits: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("visits.db");
    let mut store = Store::open(&path).expect("open");
    let options = DemoOptions {
        visits,
        seed: 1,
        now: chrono::DateTime::parse_from_rfc3339("2026-11-20T17:00:00+01:00").unwrap(),
        communes: Catalog::embedded()
            .communes
            .iter()
            .map(|c| c.bfs_nr)
            .collect(),
        catalog: Some(Catalog::embedded()),
    };
    store.insert_visits(demo::visits(options)).expect("insert");
    (dir, path)
}
