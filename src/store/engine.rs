//! SQLCipher finished starting up before any connection of ours opens.
//!
//! SQLite marks itself initialised before it runs SQLCipher's extra start-up, which only then
//! registers `sqlcipher_export`. A connection another thread opens in that window lacks the
//! function, and a re-key or a test's encrypted copy then fails with "no such function".

use rusqlite::Connection;
use std::sync::Once;

const EXPORT_FUNCTION_PRESENT: &str =
    "SELECT count(*) FROM pragma_function_list WHERE name = 'sqlcipher_export'";

/// Waits, once per process, until a fresh connection has `sqlcipher_export`; every connection
/// opened after this returns has it too.
pub fn engine_ready() {
    static READY: Once = Once::new();
    READY.call_once(|| {
        // The window is a few instructions wide; a few rounds are plenty, and a failure to open
        // an in-memory database is left for the real open to report.
        for _ in 0..1000 {
            let present = Connection::open_in_memory().and_then(|conn| {
                conn.query_row(EXPORT_FUNCTION_PRESENT, [], |r| r.get::<_, i64>(0))
            });
            match present {
                Ok(0) => std::thread::yield_now(),
                _ => return,
            }
        }
    });
}
