//! What data protection costs: a save with its audit entry, a sign-in (Argon2id), and the purge
//! of a year of 100,000 visits (`cargo bench --bench protection`).

mod common;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use intake_desk::demo;
use intake_desk::staff::{Role, StaffId, hash_pin, sign_in};
use intake_desk::store::Store;

const PIN: &str = "Matterhorn-4478";

fn protection(c: &mut Criterion) {
    let (_dir, path) = common::demo_database(100_000);
    let mut store = Store::open(&path).unwrap();
    let id = StaffId::parse("mb").unwrap();
    store
        .add_staff(&id, Role::Admin, &hash_pin(PIN).unwrap(), None)
        .unwrap();
    // Every due visit exported, as at a desk that exports daily: the year is purgeable.
    let export = tempfile::tempdir().unwrap();
    let options = intake_desk::export::ExportOptions {
        target: intake_desk::export::Target::Folder(export.path().to_path_buf()),
        format: intake_desk::export::Format::Jsonl,
        test: false,
        desk: "bench".into(),
        lock_wait: intake_desk::export::DEFAULT_LOCK_WAIT,
        staff: "mb".into(),
    };
    intake_desk::export::run(&mut store, &options, &mut |_| {}).unwrap();

    let mut group = c.benchmark_group("protection");
    group.sample_size(30);
    let mut fresh = demo::visits(common::demo_options(
        1_000_000,
        7,
        "2026-11-20T17:00:00+01:00",
    ))
    .filter(|v| v.person.is_some());
    group.bench_function("save one identified visit with its audit entry", |b| {
        b.iter(|| {
            let visit = fresh.next().expect("enough fresh visits");
            assert_eq!(store.insert_visits([visit]).unwrap(), 1);
        })
    });
    group.sample_size(10);
    group.bench_function("sign in (Argon2id, 19 MiB, 2 passes)", |b| {
        b.iter(|| {
            let who = sign_in(&mut store, "mb", PIN, "bench").unwrap();
            assert_eq!(who.role, Role::Admin);
        })
    });
    drop(store);
    let copies = tempfile::tempdir().unwrap();
    group.bench_function("purge a year of 100,000 visits (with VACUUM)", |b| {
        b.iter_batched(
            || {
                // The copies of earlier iterations go first (each is the whole database).
                for old in std::fs::read_dir(copies.path()).unwrap() {
                    std::fs::remove_file(old.unwrap().path()).unwrap();
                }
                let copy = copies.path().join(format!("{}.db", uuid::Uuid::now_v7()));
                std::fs::copy(&path, &copy).unwrap();
                Store::open(&copy).unwrap()
            },
            |mut store| {
                let cutoff = chrono::Utc::now().timestamp_millis();
                let report = store.purge(cutoff, "mb", false).unwrap();
                assert!(report.visits > 90_000, "{report:?}");
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = protection
}
criterion_main!(benches);
