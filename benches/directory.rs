//! One search keystroke over the service directory grown to 5,000 entries (acceptance: median
//! under 2 ms), with a desk's corrections laid over every tenth entry as the interface lays them
//! (and the laying itself). The extra entries are variations of the real ones: synthetic, for
//! timing only.

use criterion::{Criterion, criterion_group, criterion_main};
use intake_desk::catalog::{Catalog, Service};
use intake_desk::search::directory::{DirectoryIndex, Filters};
use std::hint::black_box;

fn grown(catalog: &Catalog, size: usize) -> Vec<Service> {
    const PLACES: [&str; 10] = [
        "Brig", "Visp", "Sierre", "Sion", "Martigny", "Monthey", "Leuk", "Conthey", "Bagnes",
        "Zermatt",
    ];
    let base = &catalog.services;
    (0..size)
        .map(|n| {
            let mut s = base[n % base.len()].clone();
            if n >= base.len() {
                let place = PLACES[n % PLACES.len()];
                s.id = format!("{}-{n}", s.id);
                s.name_de = format!("{} {place} {n}", s.name_de);
                s.name_fr = format!("{} {place} {n}", s.name_fr);
            }
            s
        })
        .collect()
}

fn search_keystroke(c: &mut Criterion) {
    let catalog = Catalog::embedded();
    let shipped = grown(&catalog, 5_000);
    // A correction of the phone and a check on every tenth service, as desks make them.
    let corrections: Vec<intake_desk::store::ServiceCorrection> = shipped
        .iter()
        .step_by(10)
        .flat_map(|s| {
            [
                (intake_desk::store::ServiceField::Phone, "027 000 00 00"),
                (intake_desk::store::ServiceField::Checked, "2026-12-02"),
            ]
            .map(|(field, value)| intake_desk::store::ServiceCorrection {
                service_id: s.id.clone(),
                field,
                value: value.into(),
                staff: "mb".into(),
                at: "2026-12-02T10:00:00Z".into(),
            })
        })
        .collect();
    let mut services = shipped.clone();
    intake_desk::catalog::services::apply_local(&mut services, &corrections);
    let index = DirectoryIndex::new(&services, &catalog.i18n);
    let all = Filters::default();
    let region = Filters {
        region: Some("smzo".into()),
        ..Filters::default()
    };
    let mut group = c.benchmark_group("directory_5000");
    for query in ["d", "dettes", "schulden", "opferhilfe visp", "carits"] {
        assert!(
            !index.search(&services, query, &all).is_empty(),
            "{query:?} finds services: the search does its work"
        );
        group.bench_function(format!("search {query:?}"), |b| {
            b.iter(|| black_box(index.search(&services, black_box(query), &all)))
        });
    }
    assert!(!index.search(&services, "dolmetschen", &region).is_empty());
    group.bench_function("search \"dolmetschen\" with region", |b| {
        b.iter(|| black_box(index.search(&services, black_box("dolmetschen"), &region)))
    });
    group.bench_function("lay 1,000 corrections over 5,000 services", |b| {
        b.iter(|| {
            let mut services = shipped.clone();
            intake_desk::catalog::services::apply_local(&mut services, black_box(&corrections));
            black_box(services)
        })
    });
    group.bench_function("build index", |b| {
        b.iter(|| black_box(DirectoryIndex::new(&services, &catalog.i18n)))
    });
    group.finish();
}

criterion_group!(benches, search_keystroke);
criterion_main!(benches);
