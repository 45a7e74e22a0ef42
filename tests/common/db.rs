//! The suite on encrypted databases: the key every command and every connection of a test use
//! when INTAKE_DESK_TEST_DB_KEY is set.

use std::path::Path;

/// Set (to a passphrase) to run the suite on encrypted databases: every command, every raw
/// connection of a test ([`raw`]) and every `Store` of a sandbox's test use it as the key.
pub const TEST_KEY_VARIABLE: &str = "INTAKE_DESK_TEST_DB_KEY";

pub fn test_key() -> Option<String> {
    std::env::var(TEST_KEY_VARIABLE)
        .ok()
        .filter(|k| !k.is_empty())
}

/// A connection of the test's own to a database, keyed when the suite runs encrypted.
pub fn raw(db: impl AsRef<Path>) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).expect("the database opens");
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")
        .unwrap();
    if let Some(key) = test_key() {
        conn.pragma_update(None, "key", key).unwrap();
        // The app's page layout (src/store/key.rs).
        conn.pragma_update(None, "cipher_hmac_algorithm", "HMAC_SHA256")
            .unwrap();
    }
    conn
}

/// A database file copied to `to`, encrypted with the suite's key when the suite runs
/// encrypted (the fixtures are kept plain), its schema version and application id kept.
pub fn copy_database(from: &Path, to: &Path) {
    let Some(key) = test_key() else {
        std::fs::copy(from, to).expect("the database is copied");
        return;
    };
    intake_desk::store::engine_ready();
    let conn = rusqlite::Connection::open(from).expect("the fixture opens");
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")
        .unwrap();
    conn.execute(
        "ATTACH DATABASE ?1 AS encrypted KEY ?2",
        (to.to_string_lossy(), &key),
    )
    .unwrap();
    conn.pragma_update(Some("encrypted"), "cipher_hmac_algorithm", "HMAC_SHA256")
        .unwrap();
    conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
        .unwrap();
    for pragma in ["user_version", "application_id"] {
        let value: i64 = conn
            .query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
            .unwrap();
        conn.pragma_update(Some("encrypted"), pragma, value)
            .unwrap();
    }
    conn.execute_batch("DETACH DATABASE encrypted").unwrap();
}
