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
    }
    conn
}
