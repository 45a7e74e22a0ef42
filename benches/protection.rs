//! What data protection costs, plain beside encrypted in one run: a save with its audit entry,
//! a returning-visitor lookup, a sign-in (Argon2id), and the purge of a year of 100,000 visits
//! (`cargo bench --bench protection`).

mod common;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use intake_desk::demo;
use intake_desk::staff::{Role, StaffId, hash_pin, sign_in};
use intake_desk::store::{DbKey, Store, use_key};
use std::hint::black_box;
use std::path::{Path, PathBuf};

const PIN: &str = "Matterhorn-4478";
const KEY: &str = "Aletsch glacier 2026 desk key";
const VISITS: usize = 100_000;

/// A desk's database of a year of visits, every due one exported (so the year is purgeable),
/// with the admin `mb`.
fn desk(dir: &Path) -> PathBuf {
    let path = dir.join("visits.db");
    let mut store = Store::open(&path).unwrap();
    let options = common::demo_options(VISITS, 1, "2026-11-20T17:00:00+01:00");
    store.insert_visits(demo::visits(options)).unwrap();
    let id = StaffId::parse("mb").unwrap();
    store
        .add_staff(&id, Role::Admin, &hash_pin(PIN).unwrap(), None)
        .unwrap();
    let export = dir.join("inbox");
    let options = intake_desk::export::ExportOptions {
        target: intake_desk::export::Target::Folder(export),
        format: intake_desk::export::Format::Jsonl,
        test: false,
        desk: "bench".into(),
        lock_wait: intake_desk::export::DEFAULT_LOCK_WAIT,
        staff: "mb".into(),
    };
    intake_desk::export::run(&mut store, &options, &mut |_| {}).unwrap();
    path
}

fn protection(c: &mut Criterion) {
    let key = DbKey::new(KEY).unwrap();
    let mut group = c.benchmark_group("protection");
    for (label, key) in [("plain", None), ("encrypted", Some(key))] {
        use_key(key);
        let dir = tempfile::tempdir().unwrap();
        let path = desk(dir.path());
        let mut store = Store::open(&path).unwrap();
        group.sample_size(50);
        let mut fresh = demo::visits(common::demo_options(
            1_000_000,
            7,
            "2026-11-20T17:00:00+01:00",
        ))
        .filter(|v| v.person.is_some());
        group.bench_function(
            format!("{label}: save one identified visit with its audit entry"),
            |b| {
                b.iter(|| {
                    let visit = fresh.next().expect("enough fresh visits");
                    assert_eq!(store.insert_visits([visit]).unwrap(), 1);
                })
            },
        );
        // The audit entry's own share: one appended in a commit of its own.
        group.bench_function(format!("{label}: one audit entry, committed alone"), |b| {
            let entry = intake_desk::store::NewAuditEntry::new(
                "mb",
                intake_desk::store::AuditAction::Read,
                "visit",
            )
            .record("0190f2d4-0000-7000-8000-000000000000");
            b.iter(|| assert!(store.audit(&entry).unwrap() > 0))
        });
        // The disk's floor: one bare INSERT committed with synchronous=FULL, same database.
        let bare = rusqlite::Connection::open(&path).unwrap();
        bare.execute_batch("PRAGMA cipher_log_level = NONE;")
            .unwrap();
        if label == "encrypted" {
            bare.pragma_update(None, "key", KEY).unwrap();
            // The app's page layout (src/store/key.rs).
            bare.pragma_update(None, "cipher_hmac_algorithm", "HMAC_SHA256")
                .unwrap();
        }
        bare.execute_batch("PRAGMA synchronous = FULL;").unwrap();
        let mut n = 0u64;
        group.bench_function(format!("{label}: bare INSERT, synchronous=FULL"), |b| {
            b.iter(|| {
                n += 1;
                let changed = bare
                    .execute(
                        "INSERT OR REPLACE INTO settings (key, value) VALUES ('bench', ?1)",
                        [n.to_string()],
                    )
                    .unwrap();
                assert_eq!(changed, 1);
            })
        });
        drop(bare);
        group.bench_function(format!("{label}: returning lookup \"mül\""), |b| {
            b.iter(|| {
                let found = store.find_returning(black_box("mül"), 8).unwrap();
                assert!(!found.people.is_empty());
            })
        });
        group.sample_size(10);
        group.bench_function(
            format!("{label}: sign in (Argon2id, 19 MiB, 2 passes)"),
            |b| {
                b.iter(|| {
                    let who = sign_in(&mut store, "mb", PIN, "bench").unwrap();
                    assert_eq!(who.role, Role::Admin);
                })
            },
        );
        drop(store);
        let copies = tempfile::tempdir().unwrap();
        group.bench_function(
            format!("{label}: purge a year of {VISITS} visits (with VACUUM)"),
            |b| {
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
                        assert!(report.visits > VISITS as u64 * 9 / 10, "{report:?}");
                    },
                    BatchSize::PerIteration,
                )
            },
        );
    }
    use_key(None);
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = protection
}
criterion_main!(benches);
