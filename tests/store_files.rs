//! The database file: created private, migrated, and refused untouched when it is not ours.

mod common;
use common::{Sandbox, file_mode, stderr, stdout};
use intake_desk::store::{SCHEMA_VERSION, Store};

#[test]
fn a_new_database_and_its_journal_are_private_to_the_owner() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("nested/folder/visits.db");
    // A reading command does not create one: a mistyped --db must not look like an empty database.
    let out = sandbox.run(&["db", "info", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("there is no database at"),
        "{}",
        stderr(&out)
    );
    assert!(!db.exists() && !sandbox.path("nested").exists());
    // A command that saves creates it, private to its owner.
    let out = sandbox.run(&["demo", "--visits", "1", "--db", db.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(file_mode(&db), 0o600);
    assert_eq!(file_mode(&sandbox.path("nested/folder")), 0o700);
    let out = sandbox.run(&["db", "info", "--db", db.to_str().unwrap()]);
    assert!(stdout(&out).contains(&format!("schema version:  {SCHEMA_VERSION}")));

    // While open, SQLite's write-ahead log carries the same mode.
    let store = Store::open(&db).unwrap();
    store.set_setting("probe", "1").unwrap();
    let wal = sandbox.path("nested/folder/visits.db-wal");
    assert!(wal.exists());
    assert_eq!(file_mode(&wal), 0o600);
}

#[test]
fn the_default_database_goes_to_the_platform_data_folder() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["demo", "--visits", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let db = sandbox.path("share/intake-desk/visits.db");
    assert!(db.exists(), "{}", stdout(&out));
    assert_eq!(file_mode(&db), 0o600);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let sandbox = Sandbox::new();
    let content = "name,phone\nnot,a database\n".repeat(20);
    let file = sandbox.write("notes.csv", &content);
    for args in [vec!["db", "info"], vec![]] {
        let mut all = args.clone();
        all.extend(["--db", file.to_str().unwrap()]);
        let out = sandbox.run(&all);
        assert_eq!(out.status.code(), Some(2), "{all:?}");
        // With a key set, a file that is not SQLite cannot be told from a wrong key.
        let refusal = if common::test_key().is_some() {
            "does not open with the database key given"
        } else {
            "is not an intake-desk database"
        };
        assert!(stderr(&out).contains(refusal), "{}", stderr(&out));
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), content);
    assert!(!sandbox.path("notes.csv-wal").exists());
    assert!(!sandbox.path("notes.csv-journal").exists());
}

#[test]
fn a_database_of_a_newer_schema_is_refused_untouched() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    {
        let conn = common::raw(&db);
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    for args in [vec!["db", "info"], vec!["demo", "--visits", "5"], vec![]] {
        let mut all = args.clone();
        all.extend(["--db", db.to_str().unwrap()]);
        let out = sandbox.run(&all);
        assert_eq!(out.status.code(), Some(2), "{all:?}");
        let err = stderr(&out);
        assert!(
            err.contains("written by a newer intake-desk (schema 99"),
            "{err}"
        );
        assert!(err.contains("left untouched"), "{err}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn reopening_keeps_data_and_schema() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    {
        let store = Store::open(&db).unwrap();
        store.set_setting("ui_language", "fr").unwrap();
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(store.setting("ui_language").unwrap().as_deref(), Some("fr"));
    let version: i64 = common::raw(&db)
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let sandbox = Sandbox::new();
    let db = sandbox.write("empty.db", "");
    let out = sandbox.run(&["db", "info", "--db", db.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("visits:          0"));
}

#[test]
fn a_folder_given_as_database_is_refused() {
    let sandbox = Sandbox::new();
    let folder = sandbox.path("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let out = sandbox.run(&["db", "info", "--db", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is a folder, not a database file"),
        "{}",
        stderr(&out)
    );
}
