//! Exporting 100,000 identified visits with consent as an Excel workbook (`export --format xlsx`):
//! the real binary's wall time and peak memory, and criterion's in-process time.
//! Target: under 10 s and under 200 MB.

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use intake_desk::export::Format;

// As the binary: see src/main.rs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const VISITS: usize = 100_000;

fn export_workbook(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("visits.db");
    common::exportable_database(&db, VISITS);

    let out = dir.path().join("binary-out");
    let (seconds, peak) = common::binary_export(&db, &out, &["--format", "xlsx"]);
    let workbook = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .expect("the binary wrote a workbook");
    let megabytes = std::fs::metadata(&workbook).unwrap().len() as f64 / 1e6;
    eprintln!(
        "binary: exported {VISITS} visits as xlsx in {seconds:.2} s ({:.0} visits/s), peak memory {peak:.1} MB, workbook {megabytes:.1} MB",
        VISITS as f64 / seconds
    );

    let mut group = c.benchmark_group("export_xlsx_100k");
    group.throughput(Throughput::Elements(VISITS as u64));
    group.sample_size(10);
    group.bench_function("xlsx to a folder", |b| {
        b.iter_custom(|iterations| {
            common::timed_exports(&db, dir.path(), Format::Xlsx, VISITS, iterations)
        })
    });
    group.finish();
}

criterion_group!(benches, export_workbook);
criterion_main!(benches);
