//! The store never writes into a file that is not its own, never into a damaged database, and
//! still reads a database in a read-only place; `db check` and `db backup` look after the file.

mod common;
use common::{Sandbox, file_mode, stderr, stdout};
use intake_desk::store::{APPLICATION_ID, Store};
use std::path::Path;

/// Commands that would write, and one that reads; each must refuse a foreign or damaged file.
const COMMANDS: &[&[&str]] = &[
    &["db", "info"],
    &["demo", "--visits", "5"],
    &["visits", "list"],
    &["export", "--to", "out"],
    &["report", "--month", "2026-11"],
];

fn run_on(sandbox: &Sandbox, db: &Path, command: &[&str]) -> std::process::Output {
    let mut args: Vec<&str> = command.to_vec();
    args.extend(["--db", db.to_str().unwrap()]);
    sandbox.run(&args)
}

#[test]
fn a_negative_schema_version_is_refused_like_any_unknown_schema() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("odd.db");
    let conn = common::raw(&db);
    conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = -3;")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    for command in COMMANDS {
        let out = run_on(&sandbox, &db, command);
        assert_eq!(out.status.code(), Some(2), "{command:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("schema version this program does not know (-3)"),
            "{}",
            stderr(&out)
        );
        assert_eq!(stderr(&out).lines().count(), 1);
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn another_programs_sqlite_file_is_refused_in_one_line_and_left_byte_identical() {
    let sandbox = Sandbox::new();
    // One with a rollback journal and no id, one in WAL mode with another application id.
    let plain = sandbox.path("contacts.sqlite");
    let conn = common::raw(&plain);
    conn.execute_batch(
        "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT);
         INSERT INTO contacts (name) VALUES ('x');
         PRAGMA user_version = 3;",
    )
    .unwrap();
    drop(conn);
    let other = sandbox.path("photos.db");
    let conn = common::raw(&other);
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA application_id = 1234;
         CREATE TABLE photos (id INTEGER PRIMARY KEY);",
    )
    .unwrap();
    drop(conn);
    for (db, what) in [
        (&plain, "tables contacts"),
        (&other, "application id 0x000004d2"),
    ] {
        let before = std::fs::read(db).unwrap();
        for command in COMMANDS {
            let out = run_on(&sandbox, db, command);
            assert_eq!(out.status.code(), Some(2), "{command:?}: {}", stderr(&out));
            let err = stderr(&out);
            assert!(err.contains("SQLite database of another program"), "{err}");
            assert!(err.contains(what), "{err}");
            assert_eq!(err.lines().count(), 1, "{err}");
        }
        assert_eq!(std::fs::read(db).unwrap(), before, "{}", db.display());
    }
}

#[test]
fn databases_of_every_earlier_schema_are_migrated_and_marked_as_ours() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let out = sandbox.run(&["demo", "--visits", "30", "--db", db.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let id: i32 = common::raw(&db)
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, APPLICATION_ID, "a new database carries the id");
    // A database of an earlier version has no id: it is recognised by its tables and gets one.
    for version in 1..intake_desk::store::SCHEMA_VERSION {
        let path = sandbox.path(&format!("v{version}.db"));
        intake_desk::store::build_old_schema(&path, version);
        let store = Store::open(&path).unwrap_or_else(|e| panic!("schema {version}: {e}"));
        drop(store);
        let conn = common::raw(&path);
        let (id, schema): (i32, i64) = (
            conn.query_row("PRAGMA application_id", [], |r| r.get(0))
                .unwrap(),
            conn.query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap(),
        );
        assert_eq!(id, APPLICATION_ID, "schema {version}");
        assert_eq!(schema, intake_desk::store::SCHEMA_VERSION);
    }
}

/// A database with enough visits that its tables span many pages, closed cleanly.
fn demo_database(sandbox: &Sandbox, visits: &str) -> std::path::PathBuf {
    let db = sandbox.db();
    sandbox.demo(db.to_str().unwrap(), visits);
    assert!(
        !sandbox.path("visits.db-wal").exists(),
        "checkpointed at close"
    );
    db
}

#[test]
fn a_damaged_page_is_noticed_before_anything_is_written_and_db_check_lists_it() {
    let sandbox = Sandbox::new();
    let db = demo_database(&sandbox, "2000");
    let healthy = sandbox.run(&["db", "check", "--db", db.to_str().unwrap()]);
    assert!(healthy.status.success(), "{}", stderr(&healthy));
    assert!(stdout(&healthy).contains("intact"), "{}", stdout(&healthy));
    // Garbage over a page in the middle of the file, as a failing disk would leave it.
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096;
    let middle = (bytes.len() / 2 / page) * page;
    bytes[middle..middle + page].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();
    for command in [
        &["demo", "--visits", "5", "--seed", "9"][..],
        &["export", "--to", "out"],
        &[
            "visits",
            "note",
            "01a23360-0000-7000-8000-000000000000",
            "x",
        ],
    ] {
        let out = run_on(&sandbox, &db, command);
        assert_eq!(out.status.code(), Some(2), "{command:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("is damaged") && err.contains("db backup"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            bytes,
            "{command:?} wrote into it"
        );
    }
    let check = sandbox.run(&["db", "check", "--db", db.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(!stdout(&check).is_empty(), "the problems are listed");
    assert!(stderr(&check).contains("is damaged"), "{}", stderr(&check));
}

#[test]
fn db_backup_makes_a_private_consistent_copy_and_never_overwrites() {
    let sandbox = Sandbox::new();
    let db = demo_database(&sandbox, "300");
    let copy = sandbox.path("copies/monday.db");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    let out = sandbox.run(&[
        "db",
        "backup",
        copy.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("300 visits"), "{}", stdout(&out));
    assert_eq!(file_mode(&copy), 0o600);
    let original = stdout(&sandbox.run(&["visits", "list", "--db", db.to_str().unwrap()]));
    let copied = stdout(&sandbox.run(&["visits", "list", "--db", copy.to_str().unwrap()]));
    assert_eq!(original, copied);
    let check = sandbox.run(&["db", "check", "--db", copy.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    let again = sandbox.run(&[
        "db",
        "backup",
        copy.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("never overwrites"),
        "{}",
        stderr(&again)
    );
}

/// Makes a path read-only for everyone (root included: the app reads the permission bits).
fn read_only(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn in_a_read_only_folder_or_file_reading_works_and_writing_says_why_not() {
    let sandbox = Sandbox::new();
    let folder = sandbox.path("archive");
    std::fs::create_dir_all(&folder).unwrap();
    let db = folder.join("visits.db");
    let out = sandbox.run(&[
        "demo",
        "--visits",
        "200",
        "--until",
        "2026-11-20",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listing_before = stdout(&run_on(&sandbox, &db, &["visits", "list"]));
    for (label, path, mode) in [("folder", &folder, 0o555), ("file", &db, 0o444)] {
        read_only(path, mode);
        let before = std::fs::read(&db).unwrap();
        for command in [
            &["db", "info"][..],
            &["visits", "list"],
            &["report", "--month", "2026-11"],
            &["db", "check"],
        ] {
            let out = run_on(&sandbox, &db, command);
            assert!(
                out.status.success(),
                "{label} {command:?}: {}",
                stderr(&out)
            );
        }
        assert_eq!(
            stdout(&run_on(&sandbox, &db, &["visits", "list"])),
            listing_before
        );
        for command in [
            &["demo", "--visits", "5", "--seed", "3"][..],
            &["export", "--to", "out"],
        ] {
            let out = run_on(&sandbox, &db, command);
            assert_eq!(out.status.code(), Some(2), "{label} {command:?}");
            let err = stderr(&out);
            assert!(err.contains("is read-only"), "{err}");
            assert_eq!(err.lines().count(), 1, "{err}");
        }
        assert_eq!(std::fs::read(&db).unwrap(), before);
        let entries: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(entries, ["visits.db"], "{label}: nothing written beside it");
        read_only(path, if label == "folder" { 0o700 } else { 0o600 });
    }
}

#[test]
fn the_interface_finds_a_damaged_database_in_the_background_and_stops_saving() {
    let sandbox = Sandbox::new();
    let db = demo_database(&sandbox, "2000");
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096;
    let middle = (bytes.len() / 2 / page) * page;
    bytes[middle..middle + page].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "en"], 120, 30);
    tui.wait_for("Database damaged: saving is off. Quit, then run intake-desk db check");
    // Checking a visitor in would write: it is refused, and the file stays as it was.
    tui.press("a");
    tui.type_text("Ticket 12");
    tui.press("enter");
    tui.wait_for("readonly database");
    tui.quit();
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing was written");
}

#[test]
fn a_writer_waits_for_the_write_lock_and_then_says_what_it_waited_for() {
    let sandbox = Sandbox::new();
    let db = demo_database(&sandbox, "50");
    let db_text = db.to_str().unwrap();
    let id = stdout(&sandbox.run(&["visits", "list", "--db", db_text]))
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    // Another program holds the write lock for longer than the busy timeout.
    let holder = common::raw(&db);
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let out = sandbox.run(&["visits", "note", &id, "called back", "--db", db_text]);
    let waited = started.elapsed();
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(waited >= std::time::Duration::from_secs(5), "{waited:?}");
    let err = stderr(&out);
    assert!(
        err.contains("stayed locked by another program") && err.contains("nothing was changed"),
        "{err}"
    );
    // Once the lock is free, the same note goes in at once.
    let out = sandbox.run(&["visits", "note", &id, "called back", "--db", db_text]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn an_export_never_writes_through_a_link_planted_as_its_lock_file() {
    let sandbox = Sandbox::new();
    let db = demo_database(&sandbox, "60");
    let victim = sandbox.write("victim.txt", "precious data\n");
    let dir = sandbox.path("shared-inbox");
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(&victim, dir.join(".intake-desk-export.lock")).unwrap();
    let out = run_on(&sandbox, &db, &["export", "--to", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("lock file"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious data\n");
}

#[test]
fn a_damaged_index_is_reported_by_reading_commands_instead_of_wrong_figures() {
    let sandbox = Sandbox::new();
    // Small enough that the index on visit start times is one page, full of cells.
    let db = demo_database(&sandbox, "300");
    // Garbage over its cell pointers.
    let conn = common::raw(&db);
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'visits_started'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(&db).unwrap();
    let start = (root as usize - 1) * 4096 + 100;
    bytes[start..start + 800].copy_from_slice(&[0xDE, 0xAD, 0xBE, 0xEF].repeat(200));
    std::fs::write(&db, &bytes).unwrap();
    for command in [
        &["report", "--from", "2000-01-01", "--to", "2030-01-01"][..],
        &["visits", "list", "--since", "2026-01-01"],
    ] {
        let out = run_on(&sandbox, &db, command);
        assert_eq!(out.status.code(), Some(2), "{command:?}: {}", stdout(&out));
        assert!(stderr(&out).contains("is damaged"), "{}", stderr(&out));
    }
    // db info and db backup still look at it, so a copy can be saved.
    assert!(run_on(&sandbox, &db, &["db", "info"]).status.success());
    let copy = sandbox.path("rescue.db");
    let out = run_on(&sandbox, &db, &["db", "backup", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}
