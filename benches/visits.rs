//! On a database of 1,000,000 demo visits: one returning-visitor lookup keystroke (target: median
//! under 5 ms) and saving one visit with synchronous=FULL (target: median under 1 ms).
//! Building the database takes a while; it is made once per run.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use intake_desk::catalog::Catalog;
use intake_desk::demo::{self, DemoOptions};
use intake_desk::store::Store;
use std::hint::black_box;
use std::time::Instant;

fn options(visits: usize, seed: u64) -> DemoOptions {
    common::demo_options(visits, seed, "2026-11-20T17:00:00+01:00")
}

fn million(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visits.db");
    let mut store = Store::open(&path).unwrap();
    let started = Instant::now();
    store
        .insert_visits(demo::visits(options(1_000_000, 1)))
        .unwrap();
    eprintln!(
        "built 1,000,000 demo visits in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut group = c.benchmark_group("visits_1m");
    for typed in ["m", "mül", "krasn", "gonçalves i", "ተስ", "756.12"] {
        group.bench_function(format!("returning lookup {typed:?}"), |b| {
            b.iter(|| black_box(store.find_returning(black_box(typed), 8).unwrap()))
        });
    }
    let catalog = Catalog::embedded();
    for query in [
        "müller",
        "müller 2026-03",
        "topic:rent 2026-11",
        "service:caritas",
    ] {
        let filter = intake_desk::tui::screens::history::filter::parse(query, &catalog, "en");
        group.bench_function(format!("history search {query:?}"), |b| {
            b.iter(|| black_box(store.search_visits(black_box(&filter), 200).unwrap()))
        });
    }
    let mut fresh = demo::visits(options(1_000_000, 2)).filter(|v| v.person.is_some());
    group.bench_function("save one identified visit (synchronous=FULL)", |b| {
        b.iter(|| {
            let visit = fresh.next().expect("enough fresh visits");
            store.insert_visits([visit]).unwrap()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = million
}
criterion_main!(benches);
