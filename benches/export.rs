//! Exporting 1,000,000 identified visits with consent to JSON Lines: visits per second (criterion,
//! in-process) and the peak memory of the real binary doing the same (`export --to DIR`).
//! Target: 200,000 visits/s or more, under 100 MB. And a desk saving a visit while such an
//! export runs (another process would do the same: the export holds the write lock only to
//! reserve and to record a batch). Target: under 50 ms at the median.

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use intake_desk::demo;
use intake_desk::export::{ExportOptions, Format, Target};
use intake_desk::store::Store;
use std::path::Path;
use std::time::{Duration, Instant};

// As the binary: see src/main.rs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const VISITS: usize = 1_000_000;

fn export_million(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("visits.db");
    let started = Instant::now();
    common::exportable_database(&db, VISITS);
    eprintln!(
        "built {VISITS} exportable visits in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let out = dir.path().join("binary-out");
    let (seconds, peak) = common::binary_export(&db, &out, &[]);
    eprintln!(
        "binary: exported {VISITS} visits in {seconds:.2} s ({:.0} visits/s), peak memory {peak:.1} MB",
        VISITS as f64 / seconds
    );

    let mut group = c.benchmark_group("export_1m");
    group.throughput(Throughput::Elements(VISITS as u64));
    group.sample_size(10);
    group.bench_function("jsonl to a folder", |b| {
        b.iter_custom(|iterations| {
            common::timed_exports(&db, dir.path(), Format::Jsonl, VISITS, iterations)
        })
    });
    group.finish();
    save_while_exporting(c, &db, dir.path());
}

/// One visit saved (synchronous=FULL, as at the desk) while an export of the million runs on
/// another connection; the export is started again whenever it has finished, so every sample
/// is taken during one.
fn save_while_exporting(c: &mut Criterion, db: &Path, dir: &Path) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    let stop = Arc::new(AtomicBool::new(false));
    let exports = Arc::new(AtomicU64::new(0));
    let exporting = Arc::new(AtomicBool::new(false));
    let worker = {
        let (db, dir) = (db.to_path_buf(), dir.to_path_buf());
        let (stop, exports, exporting) = (stop.clone(), exports.clone(), exporting.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                common::forget_batches(&db);
                let out = dir.join("concurrent-out");
                let _ = std::fs::remove_dir_all(&out);
                let mut store = Store::open(&db).unwrap();
                let options = ExportOptions {
                    target: Target::Folder(out),
                    format: Format::Jsonl,
                    test: true,
                    desk: "bench".into(),
                    lock_wait: intake_desk::export::DEFAULT_LOCK_WAIT,
                    staff: "bench".into(),
                };
                exporting.store(true, Ordering::Relaxed);
                intake_desk::export::run(&mut store, &options, &mut |_| {}).unwrap();
                exporting.store(false, Ordering::Relaxed);
                exports.fetch_add(1, Ordering::Relaxed);
            }
        })
    };
    let mut desk = Store::open(db).unwrap();
    let options = common::demo_options(usize::MAX, 99, "2026-11-21T10:00:00+01:00");
    let mut fresh = demo::visits(options).filter(|v| v.person.is_some());
    let mut during = 0u64;
    let mut saves = 0u64;
    let mut each: Vec<Duration> = Vec::new();
    let mut group = c.benchmark_group("export_1m_concurrent");
    group.sample_size(30);
    group.bench_function("save one visit while exporting 1,000,000", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let visit = fresh.next().expect("enough fresh visits");
                let started = Instant::now();
                desk.insert_visits([visit]).unwrap();
                let took = started.elapsed();
                total += took;
                each.push(took);
                saves += 1;
                during += u64::from(exporting.load(Ordering::Relaxed));
                // A visit a few milliseconds apart, as typing at a desk would give.
                std::thread::sleep(Duration::from_millis(2));
            }
            total
        })
    });
    group.finish();
    stop.store(true, Ordering::Relaxed);
    worker.join().unwrap();
    each.sort();
    let at = |q: f64| each[((each.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
    eprintln!(
        "{saves} saves, {during} of them while an export was running; {} exports ran; \
         each save: median {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        exports.load(Ordering::Relaxed),
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    );
}

criterion_group!(benches, export_million);
criterion_main!(benches);
