//! An export killed at several points (before the rename of the batch file, after it, before
//! the database commit): afterwards every visit due is delivered exactly once.

mod common;
use common::{Sandbox, stderr, stdout};
use std::collections::BTreeMap;
use std::path::Path;

fn delivered(dir: &Path) -> BTreeMap<String, usize> {
    common::delivered(&[dir])
}

#[test]
fn killed_at_any_point_each_visit_is_delivered_exactly_once() {
    for point in ["before-rename", "after-rename", "before-commit"] {
        let sandbox = Sandbox::new();
        let db = sandbox.db();
        let db = db.to_str().unwrap();
        let due = sandbox.demo_due_for_export(db, "150");
        let dir = sandbox.path("out");
        let to = dir.to_str().unwrap();
        let crashed = sandbox.run_with_env(
            &["export", "--to", to, "--db", db],
            &[("INTAKE_DESK_FAILPOINT", point)],
        );
        assert!(
            !crashed.status.success(),
            "{point}: the export should have died"
        );
        let out = sandbox.run(&["export", "--to", to, "--db", db]);
        assert!(out.status.success(), "{point}: {}", stderr(&out));
        // The batch the killed run had reserved is finished under its own id, whatever was
        // already on disk; a half-written temporary file is removed.
        assert!(
            stdout(&out).contains("left unfinished by an interrupted run, finished now"),
            "{point}: {}",
            stdout(&out)
        );
        if point == "before-rename" {
            assert!(
                stdout(&out).contains("removed 1 unfinished file(s)"),
                "{point}: {}",
                stdout(&out)
            );
        }
        let seen = delivered(&dir);
        assert!(
            seen.values().all(|n| *n == 1),
            "{point}: a visit went twice"
        );
        assert_eq!(seen.keys().cloned().collect::<Vec<_>>(), due, "{point}");
        // Nothing is left half-written, and nothing is due any more.
        assert!(
            std::fs::read_dir(&dir).unwrap().all(|e| {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                !name.starts_with('.') || name == ".intake-desk-export.lock"
            }),
            "{point}: a temporary file is left"
        );
        let again = sandbox.run(&["export", "--to", to, "--db", db]);
        assert!(stdout(&again).contains("nothing to export"), "{point}");
    }
}

#[test]
fn a_batch_left_half_written_in_one_folder_is_named_elsewhere_and_finished_in_its_own() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let due = sandbox.demo_due_for_export(db, "120");
    let (a, b) = (sandbox.path("inbox-a"), sandbox.path("inbox-b"));
    let crashed = sandbox.run_with_env(
        &["export", "--to", a.to_str().unwrap(), "--db", db],
        &[("INTAKE_DESK_FAILPOINT", "before-rename")],
    );
    assert!(!crashed.status.success());
    let info = stdout(&sandbox.run(&["db", "info", "--db", db]));
    assert!(
        info.contains("unfinished batch") && info.contains("inbox-a"),
        "{info}"
    );
    // Another folder does not take the reserved visits, and says where they wait.
    let other = sandbox.run(&["export", "--to", b.to_str().unwrap(), "--db", db]);
    assert_eq!(other.status.code(), Some(1), "{}", stderr(&other));
    assert!(
        stderr(&other).contains("reserved for folder:"),
        "{}",
        stderr(&other)
    );
    assert!(delivered(&b).is_empty());
    let own = sandbox.run(&["export", "--to", a.to_str().unwrap(), "--db", db]);
    assert!(own.status.success(), "{}", stderr(&own));
    let seen = delivered(&a);
    assert!(seen.values().all(|n| *n == 1));
    assert_eq!(seen.keys().cloned().collect::<Vec<_>>(), due);
    let info = stdout(&sandbox.run(&["db", "info", "--db", db]));
    assert!(!info.contains("unfinished batch"), "{info}");
}
