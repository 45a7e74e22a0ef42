//! Encryption at rest (SQLCipher): with a key, nothing of a visitor stands in the file; a wrong
//! key or none is refused and the file left as it was; `db encrypt` and `db rekey` write the
//! database anew under a key; a backup stays encrypted; the app works on it.

mod common;
use common::{Sandbox, stderr, stdout};

const KEY: &str = "Aletsch glacier 2026 desk key";
const OTHER_KEY: &str = "Grosser Aletschgletscher 23 km";
const PIN: &str = "Matterhorn-4478";

/// The command with the key, signed in as the admin `mb`.
fn keyed(sandbox: &Sandbox, key: &str, args: &[&str]) -> std::process::Output {
    sandbox.run_with_env(
        args,
        &[
            ("INTAKE_DESK_DB_KEY", key),
            ("INTAKE_DESK_STAFF", "mb"),
            ("INTAKE_DESK_PIN", PIN),
            ("INTAKE_DESK_NEW_PIN", PIN),
        ],
    )
}

/// Names and AHV numbers of the identified visits, as `visits show` gives them.
fn visitors(sandbox: &Sandbox, key: Option<&str>, db: &str) -> Vec<String> {
    let run = |args: &[&str]| match key {
        Some(key) => keyed(sandbox, key, args),
        None => sandbox.run_with_env(
            args,
            &[("INTAKE_DESK_STAFF", "mb"), ("INTAKE_DESK_PIN", PIN)],
        ),
    };
    let out = run(&["visits", "list", "--format", "json", "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
    let visits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut found = Vec::new();
    for visit in visits.iter().filter(|v| v["anonymous"] == false).take(15) {
        let out = run(&["visits", "show", visit["id"].as_str().unwrap(), "--db", db]);
        let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for field in ["official_name", "vn"] {
            if let Some(text) = shown["person"][field].as_str().filter(|t| t.len() >= 5) {
                found.push(text.to_string());
            }
        }
    }
    assert!(found.len() > 10, "{found:?}");
    found
}

fn in_file(db: &str, texts: &[String]) -> Vec<String> {
    let bytes = std::fs::read(db).unwrap();
    texts
        .iter()
        .filter(|t| bytes.windows(t.len()).any(|w| w == t.as_bytes()))
        .cloned()
        .collect()
}

/// Every file of the folder with its bytes.
fn folder(sandbox: &Sandbox) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(sandbox.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn an_encrypted_database_holds_no_visitor_in_its_bytes_and_a_wrong_key_leaves_it_untouched() {
    let sandbox = Sandbox::without_staff().without_suite_key();
    let db = sandbox.db().to_str().unwrap().to_string();
    let out = keyed(
        &sandbox,
        KEY,
        &[
            "demo",
            "--visits",
            "300",
            "--until",
            "2026-11-20",
            "--db",
            &db,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = keyed(
        &sandbox,
        KEY,
        &["staff", "add", "mb", "--role", "admin", "--db", &db],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let names = visitors(&sandbox, Some(KEY), &db);
    assert_eq!(in_file(&db, &names), Vec::<String>::new());
    let bytes = std::fs::read(&db).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"), "the header too");
    assert_eq!(common::file_mode(std::path::Path::new(&db)), 0o600);

    let before = folder(&sandbox);
    let wrong = keyed(&sandbox, OTHER_KEY, &["visits", "list", "--db", &db]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("does not open with the database key given"),
        "{}",
        stderr(&wrong)
    );
    assert_eq!(stderr(&wrong).lines().count(), 1, "{}", stderr(&wrong));
    let none = sandbox.run(&["visits", "list", "--db", &db]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("an encrypted one opened without its key"),
        "{}",
        stderr(&none)
    );
    let writing = keyed(
        &sandbox,
        OTHER_KEY,
        &["demo", "--visits", "5", "--seed", "9", "--db", &db],
    );
    assert_eq!(writing.status.code(), Some(2));
    assert_eq!(
        folder(&sandbox),
        before,
        "nothing written, nothing beside it"
    );

    // A backup is encrypted with the same key.
    let out = keyed(&sandbox, KEY, &["db", "backup", "copy.db", "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    let copy = sandbox.path("copy.db");
    let copy = copy.to_str().unwrap();
    assert_eq!(in_file(copy, &names), Vec::<String>::new());
    let out = keyed(&sandbox, KEY, &["db", "info", "--db", copy]);
    assert!(
        stdout(&out).contains("visits:          300"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn db_encrypt_then_rekey_keep_every_visit_and_only_the_new_key_opens_it() {
    let sandbox = Sandbox::without_staff().without_suite_key();
    let db = sandbox.db().to_str().unwrap().to_string();
    sandbox.demo(&db, "300");
    let out = sandbox.run_with_env(
        &["staff", "add", "mb", "--role", "admin", "--db", &db],
        &[("INTAKE_DESK_NEW_PIN", PIN)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let names = visitors(&sandbox, None, &db);
    assert!(!in_file(&db, &names).is_empty(), "a plain file shows them");
    let list = |key: &str| {
        let out = keyed(
            &sandbox,
            key,
            &["visits", "list", "--format", "json", "--db", &db],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        out.stdout
    };
    // With the key set, the plain file is not opened as if it were encrypted.
    let refused = keyed(&sandbox, KEY, &["visits", "list", "--db", &db]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("is not encrypted"),
        "{}",
        stderr(&refused)
    );

    let plain_list = sandbox
        .run_with_env(
            &["visits", "list", "--format", "json", "--db", &db],
            &[("INTAKE_DESK_STAFF", "mb"), ("INTAKE_DESK_PIN", PIN)],
        )
        .stdout;
    let out = keyed(&sandbox, KEY, &["db", "encrypt", "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("is encrypted now"),
        "{}",
        stdout(&out)
    );
    assert_eq!(in_file(&db, &names), Vec::<String>::new());
    assert_eq!(list(KEY), plain_list, "every visit as it was");
    assert_eq!(common::file_mode(std::path::Path::new(&db)), 0o600);

    let out = sandbox.run_with_env(
        &["db", "rekey", "--db", &db],
        &[
            ("INTAKE_DESK_DB_KEY", KEY),
            ("INTAKE_DESK_NEW_DB_KEY", OTHER_KEY),
            ("INTAKE_DESK_STAFF", "mb"),
            ("INTAKE_DESK_PIN", PIN),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let old = keyed(&sandbox, KEY, &["visits", "list", "--db", &db]);
    assert_eq!(old.status.code(), Some(2), "the old key no longer opens it");
    assert_eq!(list(OTHER_KEY), plain_list);
    let out = keyed(
        &sandbox,
        OTHER_KEY,
        &["audit", "--format", "json", "--db", &db],
    );
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .filter_map(|e| e["action"].as_str())
        .filter(|a| ["encrypt", "rekey"].contains(a))
        .collect();
    assert_eq!(actions, ["encrypt", "rekey"]);
    let out = keyed(&sandbox, OTHER_KEY, &["audit", "verify", "--db", &db]);
    assert!(out.status.success(), "{}", stdout(&out));
}

#[test]
fn the_app_works_on_an_encrypted_database() {
    let sandbox = Sandbox::without_staff().without_suite_key();
    let db = sandbox.db().to_str().unwrap().to_string();
    let out = keyed(
        &sandbox,
        KEY,
        &["staff", "add", "mb", "--role", "admin", "--db", &db],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut tui = sandbox.start_tui_signed_out(
        &["--db", &db, "--lang", "en"],
        110,
        30,
        &[("INTAKE_DESK_DB_KEY", KEY), ("INTAKE_DESK_STAFF", "mb")],
    );
    tui.sign_in(PIN);
    tui.press("a");
    tui.wait_for("Name or number");
    tui.type_text("Zenhäusern Amélie");
    tui.press("enter");
    tui.wait_for("Checked in: Zenhäusern Amélie");
    assert_eq!(tui.quit(), 0);
    let bytes = std::fs::read(&db).unwrap();
    assert!(!bytes.windows(6).any(|w| w == "Zenhäu".as_bytes()));
    let out = keyed(&sandbox, KEY, &["db", "check", "--db", &db]);
    assert!(out.status.success(), "{}", stdout(&out));
}

/// Whether a connection keyed with `page_hmac` reads the file (SQLCipher: a layout that does
/// not match reads as "not a database").
fn opens_with_layout(db: &str, page_hmac: &str) -> bool {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")
        .unwrap();
    conn.pragma_update(None, "key", KEY).unwrap();
    conn.pragma_update(None, "cipher_hmac_algorithm", page_hmac)
        .unwrap();
    conn.query_row("SELECT count(*) FROM visits", [], |r| r.get::<_, i64>(0))
        .is_ok()
}

#[test]
fn a_file_encrypted_in_sqlciphers_default_layout_still_opens_copies_and_rekeys_to_the_current_one()
{
    let sandbox = Sandbox::without_staff().without_suite_key();
    let plain = sandbox.path("plain.db");
    let plain = plain.to_str().unwrap();
    sandbox.demo(plain, "60");
    let out = sandbox.run_with_env(
        &["staff", "add", "mb", "--role", "admin", "--db", plain],
        &[("INTAKE_DESK_NEW_PIN", PIN)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // The file as the first encrypting version wrote it: SQLCipher 4's defaults throughout.
    let db = sandbox.db().to_str().unwrap().to_string();
    {
        intake_desk::store::engine_ready();
        let conn = rusqlite::Connection::open(plain).unwrap();
        conn.execute_batch("PRAGMA cipher_log_level = NONE;")
            .unwrap();
        conn.execute("ATTACH DATABASE ?1 AS earlier KEY ?2", (&db, KEY))
            .unwrap();
        conn.query_row("SELECT sqlcipher_export('earlier')", [], |_| Ok(()))
            .unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        conn.pragma_update(Some("earlier"), "user_version", version)
            .unwrap();
        let id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        conn.pragma_update(Some("earlier"), "application_id", id)
            .unwrap();
    }
    assert!(opens_with_layout(&db, "HMAC_SHA512"));
    assert!(!opens_with_layout(&db, "HMAC_SHA256"));
    let list = |key: &str, db: &str| {
        let out = keyed(
            &sandbox,
            key,
            &["visits", "list", "--format", "json", "--db", db],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        out.stdout
    };
    let plain_list = sandbox
        .run_with_env(
            &["visits", "list", "--format", "json", "--db", plain],
            &[("INTAKE_DESK_STAFF", "mb"), ("INTAKE_DESK_PIN", PIN)],
        )
        .stdout;
    assert_eq!(list(KEY, &db), plain_list, "every visit as it was");
    let out = keyed(&sandbox, KEY, &["db", "check", "--db", &db]);
    assert!(out.status.success(), "{}", stdout(&out));
    let copy = sandbox.path("copy.db");
    let copy = copy.to_str().unwrap();
    let out = keyed(&sandbox, KEY, &["db", "backup", copy, "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(list(KEY, copy), plain_list, "the copy opens with the key");
    let wrong = keyed(&sandbox, OTHER_KEY, &["visits", "list", "--db", &db]);
    assert_eq!(wrong.status.code(), Some(2), "{}", stderr(&wrong));

    let out = sandbox.run_with_env(
        &["db", "rekey", "--db", &db],
        &[
            ("INTAKE_DESK_DB_KEY", KEY),
            ("INTAKE_DESK_NEW_DB_KEY", KEY),
            ("INTAKE_DESK_STAFF", "mb"),
            ("INTAKE_DESK_PIN", PIN),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(opens_with_layout(&db, "HMAC_SHA256"), "written anew");
    assert!(!opens_with_layout(&db, "HMAC_SHA512"));
    assert_eq!(list(KEY, &db), plain_list);
}
