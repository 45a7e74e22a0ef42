//! The key of an encrypted database (SQLCipher: AES-256, each page authenticated with
//! HMAC-SHA256, the key derived from the passphrase with PBKDF2-HMAC-SHA512, 256,000 rounds).
//! One key for the whole process, set once from INTAKE_DESK_DB_KEY or the key file of the configuration, so every
//! connection (the interface's, the background export's, the damage check's) uses it.

use std::path::Path;
use std::sync::RwLock;

/// The passphrase of the database (never shown, never logged).
#[derive(Clone, PartialEq, Eq)]
pub struct DbKey(String);

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}

pub const KEY_VARIABLE: &str = "INTAKE_DESK_DB_KEY";
/// The new key for `db rekey` (and `db encrypt`, when INTAKE_DESK_DB_KEY is not set).
pub const NEW_KEY_VARIABLE: &str = "INTAKE_DESK_NEW_DB_KEY";
/// Shorter passphrases are refused: the file may be copied and attacked offline.
pub const MIN_KEY_CHARS: usize = 12;

impl DbKey {
    pub fn new(passphrase: &str) -> Result<DbKey, String> {
        let passphrase = passphrase.trim_end_matches(['\n', '\r']);
        if passphrase.chars().count() < MIN_KEY_CHARS {
            return Err(format!(
                "the database key is too short: at least {MIN_KEY_CHARS} characters"
            ));
        }
        if passphrase.chars().any(char::is_control) {
            return Err("the database key holds control characters".into());
        }
        Ok(DbKey(passphrase.to_string()))
    }

    /// From a variable, when it is set and not empty.
    pub fn from_variable(name: &str) -> Result<Option<DbKey>, String> {
        match std::env::var(name) {
            Ok(value) if !value.is_empty() => DbKey::new(&value)
                .map(Some)
                .map_err(|why| format!("{name}: {why}")),
            _ => Ok(None),
        }
    }

    /// From a key file, which only its owner may read (as ssh asks of a private key).
    pub fn from_file(path: &Path) -> Result<DbKey, String> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path)
                .map_err(|e| format!("cannot read the key file {}: {e}", path.display()))?
                .permissions()
                .mode()
                & 0o777;
            if mode & 0o077 != 0 {
                return Err(format!(
                    "the key file {} can be read by others (mode {mode:04o}); chmod 600 {}",
                    path.display(),
                    path.display()
                ));
            }
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the key file {}: {e}", path.display()))?;
        DbKey::new(&text).map_err(|why| format!("{}: {why}", path.display()))
    }

    pub(super) fn passphrase(&self) -> &str {
        &self.0
    }
}

static KEY: RwLock<Option<DbKey>> = RwLock::new(None);

/// Sets the key every connection of this process opens with (`None`: not encrypted).
pub fn use_key(key: Option<DbKey>) {
    *KEY.write().unwrap_or_else(|e| e.into_inner()) = key;
}

pub(super) fn current() -> Option<DbKey> {
    KEY.read().unwrap_or_else(|e| e.into_inner()).clone()
}

/// How each page of an encrypted file is authenticated. SHA-256 rather than SQLCipher 4's
/// SHA-512: processors of the last years compute it in hardware, which takes a quarter off
/// an encrypted save (median 1.17 → 0.88 ms on 100,000 visits). The key's derivation is not
/// changed by it.
pub(super) const PAGE_HMAC: &str = "HMAC_SHA256";
/// Files encrypted before (SQLCipher 4's defaults) are still opened, and keep their layout
/// until `db rekey` writes them anew.
const EARLIER_PAGE_HMAC: &str = "HMAC_SHA512";

/// `attempt` (which keys a fresh connection with the page HMAC given) in the current layout,
/// then, when the file was `refused` and a key is set, in the earlier one: a layout that does
/// not match reads as "not a database", as a wrong key does.
pub(super) fn in_either_layout<T, E>(
    attempt: impl Fn(&str) -> Result<T, E>,
    refused: impl Fn(&E) -> bool,
) -> Result<T, E> {
    match attempt(PAGE_HMAC) {
        Err(e) if refused(&e) && current().is_some() => attempt(EARLIER_PAGE_HMAC),
        other => other,
    }
}

/// Keys a fresh connection (before anything is read) for files of the current layout, with
/// SQLCipher's own logging off: its messages would reach the terminal beside ours.
pub(super) fn apply(conn: &rusqlite::Connection, key: Option<&DbKey>) -> rusqlite::Result<()> {
    apply_with(conn, key, PAGE_HMAC)
}

/// Keys a fresh connection for files whose pages are authenticated by `page_hmac`.
pub(super) fn apply_with(
    conn: &rusqlite::Connection,
    key: Option<&DbKey>,
    page_hmac: &str,
) -> rusqlite::Result<()> {
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    if let Some(key) = key {
        conn.pragma_update(None, "key", key.passphrase())?;
        conn.pragma_update(None, "cipher_hmac_algorithm", page_hmac)?;
    }
    Ok(())
}

/// The page HMAC of a keyed connection's file (`None`: not encrypted), so a copy of the file
/// is written in the same layout (SQLite's backup needs the same reserved bytes per page on
/// both sides).
pub(super) fn page_hmac_of(conn: &rusqlite::Connection) -> rusqlite::Result<Option<String>> {
    if current().is_none() {
        return Ok(None);
    }
    conn.query_row("PRAGMA cipher_hmac_algorithm", [], |r| r.get(0))
        .map(Some)
}

/// Once the file is known to be ours: a page read from it is decrypted and checked (or, plain,
/// copied from the system's cache), so 8 MiB of them stay in memory instead of 2 and the lookup
/// at every keystroke reads few (returning lookup "mül" on 100,000 visits: 14–21 → 1.0–1.5 ms).
/// Not more: SQLite walks the whole page cache at a commit after a page split that reused a free
/// page (balance_nonroot renumbers through the lock page), so a save costs more the larger the
/// cache (median plain save 0.64–0.78 ms at 8 MiB, 1.08–1.15 ms at 32 MiB).
pub(super) fn cache_pages(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "cache_size", -8192)
}
