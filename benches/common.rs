//! Demo data for the benchmarks: a database of demo visits, made once per benchmark run.
#![allow(dead_code)] // each benchmark uses a different part

use intake_desk::catalog::Catalog;
use intake_desk::demo::{self, DemoOptions};
use intake_desk::store::Store;
use std::path::{Path, PathBuf};

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

/// A database of `count` identified visits with consent: what an export takes.
pub fn exportable_database(path: &Path, count: usize) {
    let mut store = Store::open(path).unwrap();
    let options = demo_options(usize::MAX, 7, "2026-11-20T17:00:00+01:00");
    let visits = demo::visits(options)
        .filter(|v| v.person.is_some())
        .map(|mut v| {
            v.consent_to_export = true;
            v
        })
        .take(count);
    store.insert_visits(visits).unwrap();
    drop(store);
    // The binary exports only for a signed-in staff member.
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_intake-desk"))
        .args(["staff", "add", BENCH_STAFF, "--role", "admin", "--db"])
        .arg(path)
        .env("INTAKE_DESK_NEW_PIN", BENCH_PIN)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}

pub const BENCH_STAFF: &str = "bench";
const BENCH_PIN: &str = "bench-pin-4711";

/// Forgets every batch, so the same visits are due again.
pub fn forget_batches(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("DELETE FROM export_items; DELETE FROM export_batches;")
        .unwrap();
}

/// The real binary exporting everything due into `out` (with `extra` arguments): its wall time
/// in seconds and its peak resident memory in MB (Linux `getrusage`; the largest child so far).
pub fn binary_export(db: &Path, out: &Path, extra: &[&str]) -> (f64, f64) {
    let started = std::time::Instant::now();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_intake-desk"))
        .args(["export", "--to"])
        .arg(out)
        .args(extra)
        .arg("--db")
        .arg(db)
        .env("INTAKE_DESK_STAFF", BENCH_STAFF)
        .env("INTAKE_DESK_PIN", BENCH_PIN)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    assert!(status.success());
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct it is given.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    (seconds, usage.ru_maxrss as f64 / 1024.0)
}

/// `iterations` in-process exports of everything due in `db` into fresh folders under `dir`,
/// in `format`: their total time (each run forgets the batches before it, so the same visits
/// are due). Asserts every run exported `visits`.
pub fn timed_exports(
    db: &Path,
    dir: &Path,
    format: intake_desk::export::Format,
    visits: usize,
    iterations: u64,
) -> std::time::Duration {
    let mut total = std::time::Duration::ZERO;
    for i in 0..iterations {
        forget_batches(db);
        let mut store = Store::open(db).unwrap();
        let folder = dir.join(format!("out-{i}"));
        let options = intake_desk::export::ExportOptions {
            target: intake_desk::export::Target::Folder(folder.clone()),
            format,
            test: true,
            desk: "bench".into(),
            lock_wait: intake_desk::export::DEFAULT_LOCK_WAIT,
            staff: "bench".into(),
        };
        let started = std::time::Instant::now();
        let report = intake_desk::export::run(&mut store, &options, &mut |_| {}).unwrap();
        total += started.elapsed();
        assert_eq!(report.batches[0].count, visits as u64);
        std::fs::remove_dir_all(folder).unwrap();
    }
    total
}
