//! The report for one month of a database holding 100,000 demo visits spread over 12 months.
//! Target: under 1 s.

use criterion::{Criterion, criterion_group, criterion_main};
use intake_desk::catalog::Catalog;
use intake_desk::report::{Period, figures};
use intake_desk::store::Store;
use std::hint::black_box;

#[path = "common.rs"]
mod common;

fn month_report(c: &mut Criterion) {
    let (_dir, path) = common::demo_database(100_000);
    let store = Store::open(&path).unwrap();
    let catalog = Catalog::embedded();
    let made_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    for month in ["2026-10", "2026-11"] {
        let period = Period::month(month).unwrap();
        let visits = figures(&store, &catalog, period, made_on).unwrap().visits;
        eprintln!("{month}: {visits} visits in the report");
        assert!(visits > 0, "{month} has visits: the report does its work");
        c.bench_function(&format!("report_100k/month {month}"), |b| {
            b.iter(|| black_box(figures(&store, &catalog, period, made_on).unwrap()))
        });
    }
}

/// 100,000 demo visits all in November 2026: the busiest month the target speaks of.
fn full_month(c: &mut Criterion) {
    use chrono::Datelike;
    use intake_desk::demo::{self, DemoOptions};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visits.db");
    let mut store = Store::open(&path).unwrap();
    let options = DemoOptions {
        visits: 100_000,
        seed: 3,
        now: chrono::DateTime::parse_from_rfc3339("2026-11-20T17:00:00+01:00").unwrap(),
        communes: Catalog::embedded()
            .communes
            .iter()
            .map(|c| c.bfs_nr)
            .collect(),
        catalog: Some(Catalog::embedded()),
    };
    let into_november = demo::visits(options).map(|mut v| {
        let day = v.started_at.ordinal() % 30 + 1;
        let first = v
            .started_at
            .with_day(1)
            .and_then(|t| t.with_year(2026))
            .and_then(|t| t.with_month(11));
        v.started_at = first
            .and_then(|t| t.with_day(day))
            .expect("a day of November");
        v
    });
    store.insert_visits(into_november).unwrap();
    let catalog = Catalog::embedded();
    let made_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let period = Period::month("2026-11").unwrap();
    let visits = figures(&store, &catalog, period, made_on).unwrap().visits;
    eprintln!("2026-11: {visits} visits in the report");
    assert_eq!(
        visits, 100_000,
        "every visit is in November: the report does its work"
    );
    c.bench_function("report_month_of_100k/2026-11", |b| {
        b.iter(|| black_box(figures(&store, &catalog, period, made_on).unwrap()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = month_report, full_month
}
criterion_main!(benches);
