//! Exports that overlap: two desks, a cron job and a person, a double Enter. One run at a time
//! per folder; every visit leaves exactly once; a desk saving while an export writes is not held up.

mod common;
use common::{Sandbox, delivered, stderr, stdout};
use std::path::Path;
use std::time::{Duration, Instant};

#[test]
fn two_exports_at_the_same_moment_fifty_times_lose_nothing_and_double_nothing() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let (a, b) = (sandbox.path("inbox"), sandbox.path("other-inbox"));
    for round in 0..50 {
        let seed = (round + 1).to_string();
        let out = sandbox.run(&[
            "demo",
            "--visits",
            "30",
            "--seed",
            &seed,
            "--until",
            "2026-11-20",
            "--db",
            db,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        // Most rounds into one folder; every fifth into two folders from the same database.
        let second = if round % 5 == 4 { &b } else { &a };
        let first = sandbox.spawn(&["export", "--to", a.to_str().unwrap(), "--db", db], &[]);
        let other = sandbox.spawn(
            &["export", "--to", second.to_str().unwrap(), "--db", db],
            &[],
        );
        for child in [first, other] {
            let out = child.wait_with_output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "round {round}: {}{}",
                stdout(&out),
                stderr(&out)
            );
            assert!(!stderr(&out).contains("UNIQUE"), "{}", stderr(&out));
        }
        let seen = delivered(&[&a, &b]);
        assert!(
            seen.values().all(|n| *n == 1),
            "round {round}: a visit went twice"
        );
        assert_eq!(
            seen.keys().cloned().collect::<Vec<_>>(),
            sandbox.with_consent(db),
            "round {round}: every visit with consent delivered"
        );
    }
    let info = stdout(&sandbox.run(&["db", "info", "--db", db]));
    assert!(info.contains("pending export:  0"), "{info}");
}

#[test]
fn a_second_export_that_will_not_wait_says_another_is_running_and_exits_3() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let due = sandbox.demo_due_for_export(db, "200");
    let dir = sandbox.path("inbox");
    let to = dir.to_str().unwrap();
    let slow = sandbox.spawn(
        &["export", "--to", to, "--db", db],
        &[("INTAKE_DESK_FAILPOINT", "pause-while-writing")],
    );
    wait_for_temporary_file(&dir);
    let busy = sandbox.run(&["export", "--to", to, "--db", db, "--wait", "0"]);
    assert_eq!(busy.status.code(), Some(3), "{}", stderr(&busy));
    assert!(
        stderr(&busy).contains("another export into") && stderr(&busy).contains("still running"),
        "{}",
        stderr(&busy)
    );
    let out = slow.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let seen = delivered(&[&dir]);
    assert_eq!(seen.keys().cloned().collect::<Vec<_>>(), due);
}

/// Waits until an export has begun writing its batch file into `dir`.
fn wait_for_temporary_file(dir: &Path) {
    let started = Instant::now();
    loop {
        let writing = std::fs::read_dir(dir).is_ok_and(|entries| {
            entries.flatten().any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with('.') && name.ends_with(".tmp")
            })
        });
        if writing {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the export never began writing"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_note_and_a_correction_saved_while_an_export_writes_succeed_at_once() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let due = sandbox.demo_due_for_export(db, "300");
    let dir = sandbox.path("inbox");
    let to = dir.to_str().unwrap();
    let export = sandbox.spawn(
        &["export", "--to", to, "--db", db],
        &[("INTAKE_DESK_FAILPOINT", "pause-while-writing")],
    );
    wait_for_temporary_file(&dir);
    let started = Instant::now();
    let note = sandbox.run(&["visits", "note", &due[0], "called back", "--db", db]);
    let demo = sandbox.run(&[
        "demo",
        "--visits",
        "20",
        "--seed",
        "77",
        "--until",
        "2026-11-20",
        "--db",
        db,
    ]);
    let waited = started.elapsed();
    assert!(note.status.success(), "{}", stderr(&note));
    assert!(demo.status.success(), "{}", stderr(&demo));
    // The export pauses two seconds inside its batch: the writes did not wait for it.
    assert!(
        waited < Duration::from_millis(1500),
        "the writes waited {waited:?} for the export"
    );
    let out = export.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // The visits saved meanwhile are due for the next run; the noted visit left once as it was
    // reserved and follows as a correction (in this run or the next), nothing lost.
    let again = sandbox.run(&["export", "--to", to, "--db", db]);
    assert!(again.status.success(), "{}", stderr(&again));
    let lines: Vec<serde_json::Value> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect::<Vec<_>>()
        })
        .collect();
    let versions: Vec<(u64, u64)> = lines
        .iter()
        .filter(|l| l["visitId"] == due[0].as_str())
        .map(|l| {
            (
                l["action"].as_u64().unwrap(),
                l["revision"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(versions.len(), 2, "{versions:?}");
    assert!(
        versions.contains(&(1, 1)) && versions.contains(&(4, 2)),
        "{versions:?}"
    );
    let info = stdout(&sandbox.run(&["db", "info", "--db", db]));
    assert!(info.contains("pending export:  0"), "{info}");
}
