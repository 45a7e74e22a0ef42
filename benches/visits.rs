//! On a database of 1,000,000 demo visits: one returning-visitor lookup keystroke (target: median
//! under 5 ms), saving one visit with synchronous=FULL (target: median under 1 ms), opening the
//! dossier of the person with the most visits (target: under 50 ms), the duplicate check a save
//! makes (target: under 5 ms) and the worklist of upcoming changes (target: under 1 s).
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
        assert!(
            !store.find_returning(typed, 8).unwrap().people.is_empty(),
            "{typed:?} finds someone: the lookup does its work"
        );
        group.bench_function(format!("returning lookup {typed:?}"), |b| {
            b.iter(|| black_box(store.find_returning(black_box(typed), 8).unwrap()))
        });
    }
    let catalog = Catalog::embedded();
    for query in [
        "müller",
        "müller 2026-03",
        // A topic the data has: an unknown one would match nothing and measure nothing.
        "topic:budget 2026-11",
        "service:caritas",
    ] {
        let filter = intake_desk::tui::screens::history::filter::parse(query, &catalog, "en");
        assert!(
            !store.search_visits(&filter, 200).unwrap().is_empty(),
            "{query} finds visits: the benchmark does its work"
        );
        group.bench_function(format!("history search {query:?}"), |b| {
            b.iter(|| black_box(store.search_visits(black_box(&filter), 200).unwrap()))
        });
    }
    // The person with the most visits: the heaviest dossier.
    let key: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT person_key FROM people WHERE person_key IS NOT NULL
             GROUP BY person_key ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    assert!(
        store.person_visits(&key).unwrap().len() > 1,
        "a dossier of visits"
    );
    group.bench_function("open the largest dossier", |b| {
        b.iter(|| {
            let visits = store.person_visits(black_box(&key)).unwrap();
            black_box(intake_desk::tui::overlays::dossier::DossierState::new(
                visits, &catalog, today,
            ))
        })
    });
    let typed: Vec<intake_desk::store::Likeness> = demo::visits(options(2_000, 3))
        .filter_map(|v| {
            v.person
                .as_ref()
                .map(intake_desk::store::Likeness::of_person)
        })
        .collect();
    assert!(
        typed
            .iter()
            .any(|likeness| !store.resembling(likeness, None, 4).unwrap().is_empty()),
        "the duplicate check finds look-alikes: it does its work"
    );
    let mut next = typed.iter().cycle();
    group.bench_function("duplicate check on save", |b| {
        b.iter(|| {
            let likeness = next.next().unwrap();
            black_box(store.resembling(black_box(likeness), None, 4).unwrap())
        })
    });
    group.sample_size(10);
    assert!(
        !intake_desk::persons::worklist(&store, &catalog, today, 30)
            .unwrap()
            .is_empty(),
        "changes are due within 30 days: the worklist does its work"
    );
    group.bench_function("persons changes --within 30d", |b| {
        b.iter(|| {
            black_box(
                intake_desk::persons::worklist(&store, &catalog, today, 30)
                    .unwrap()
                    .len(),
            )
        })
    });
    group.sample_size(50);
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
