//! Opening the database file safely: check what the file is before SQLite may write to it.

use super::migrations::{self, SCHEMA_VERSION};
use rusqlite::{Connection, OpenFlags};
use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Path, PathBuf};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// Offsets in the SQLite file header (4 bytes each, big-endian).
const USER_VERSION_OFFSET: usize = 60;
const APPLICATION_ID_OFFSET: usize = 68;

/// Marks a database as intake-desk's (`PRAGMA application_id`, "IDK1"), set when it is created
/// or first migrated by this version; a file with another id belongs to another program.
pub const APPLICATION_ID: i32 = 0x4944_4B31;

/// Tables the first schema version made: a database of ours from before the application id
/// has them all.
const FIRST_TABLES: &[&str] = &[
    "settings",
    "people",
    "export_batches",
    "visits",
    "referrals",
    "interpreter_use",
];

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path} is not an intake-desk database (not an SQLite file, or an encrypted one opened without its key: INTAKE_DESK_DB_KEY or db_key_file); it was left untouched. Choose another file with --db."
    )]
    NotSqlite { path: PathBuf },
    #[error(
        "{path} does not open with the database key given (a wrong key, or not a database of ours); it was left untouched."
    )]
    WrongKey { path: PathBuf },
    #[error(
        "{path} is not encrypted, but a database key is set (INTAKE_DESK_DB_KEY or db_key_file); it was left untouched. Encrypt it with `intake-desk db encrypt`, or unset the key."
    )]
    NotEncrypted { path: PathBuf },
    #[error(
        "{path} is an SQLite database of another program ({what}); it was left untouched. Choose another file with --db."
    )]
    NotOurs { path: PathBuf, what: String },
    #[error(
        "{path} was written by a newer intake-desk (schema {found}, this version knows up to {supported}); it was left untouched. Update intake-desk."
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "{path} has a schema version this program does not know ({found}); it was left untouched. Choose another file with --db."
    )]
    UnknownSchema { path: PathBuf, found: i64 },
    #[error(
        "{path} is damaged ({problem}); nothing was written to it. Save a copy with `intake-desk db backup FILE`, list the damage with `intake-desk db check`."
    )]
    Damaged { path: PathBuf, problem: String },
    #[error(
        "{path} is read-only ({why}); nothing was changed. Reading commands (db info, visits list, report) work."
    )]
    ReadOnly { path: PathBuf, why: String },
    #[error(
        "{path} is read-only and has the older schema {found}; open it once with write access so it is brought up to schema {supported}."
    )]
    ReadOnlyOlder {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path} is a folder, not a database file. Give a file path with --db.")]
    IsDirectory { path: PathBuf },
    #[error("{path} is not a regular file (a device or a pipe); give a database file with --db.")]
    NotAFile { path: PathBuf },
    #[error(
        "there is no database at {path}: nothing has been saved there yet. Check --db; the app, or a command that saves, creates it."
    )]
    Missing { path: PathBuf },
    #[error("cannot create {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

impl StoreError {
    /// Refusals the user must act on exit with 2, like any invalid input.
    pub fn exit_code(&self) -> u8 {
        match self {
            StoreError::Create { .. } | StoreError::Read { .. } | StoreError::Sqlite { .. } => 1,
            _ => 2,
        }
    }
}

/// What the caller will do with the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Read and write: migrated, checked for damage first.
    Write,
    /// Read and write, the damage check left to the caller.
    WriteUnchecked,
    /// Only read: a read-only file or folder is opened read-only; checked for damage first, so
    /// a damaged index cannot give wrong figures.
    Read,
    /// Only read, without the damage check (`db info`, `db check`, `db backup`: they must work on
    /// a damaged file).
    ReadUnchecked,
}

/// Opens the database, refusing before anything is written a file that is not ours, newer,
/// damaged (for writing) or read-only (for writing). `true` with a read-only connection.
pub fn open(path: &Path, access: Access) -> Result<(Connection, bool), StoreError> {
    let sqlite_error = |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let exists = path.exists();
    let reading = matches!(access, Access::Read | Access::ReadUnchecked);
    let checked = matches!(access, Access::Read | Access::Write);
    if !exists && reading {
        // A mistyped --db must not look like an empty database.
        return Err(StoreError::Missing {
            path: path.to_path_buf(),
        });
    }
    if exists {
        check_existing_file(path, super::key::current().is_some())?;
        if let Some(why) = not_writable(path) {
            if !reading {
                return Err(StoreError::ReadOnly {
                    path: path.to_path_buf(),
                    why,
                });
            }
            let conn = open_read_only(path)?;
            if checked {
                check_intact(path, &conn)?;
            }
            return Ok((conn, true));
        }
    } else {
        create_private_file(path)?;
    }
    let (conn, found) = connect_and_identify(path, || {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    })?;
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
            why: "the file system does not let it be written".into(),
        });
    }
    if checked && found > 0 {
        check_intact(path, &conn)?;
    }
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;",
    )
    .map_err(|e| read_only_or(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite_error)?;
    migrations::migrate(&conn).map_err(|e| read_only_or(path, e))?;
    let id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(sqlite_error)?;
    if id != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(sqlite_error)?;
    }
    Ok((conn, false))
}

/// How long a writer waits for another one (an export's bookkeeping, another desk).
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Why the database cannot be written, judged by the permissions of the file and its folder
/// (which SQLite needs for its journal files), before SQLite is asked to write.
fn not_writable(path: &Path) -> Option<String> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let read_only = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    if read_only(path) {
        return Some("the file is read-only".into());
    }
    if read_only(folder) {
        return Some(format!("its folder {} is read-only", folder.display()));
    }
    if OpenOptions::new().write(true).open(path).is_err() {
        return Some("the file cannot be opened for writing".into());
    }
    None
}

/// A write SQLite refused because the file or folder is read-only, said so.
fn read_only_or(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen) => {
            StoreError::ReadOnly {
                path: path.to_path_buf(),
                why: "SQLite could not write it or its journal beside it".into(),
            }
        }
        _ => StoreError::Sqlite {
            path: path.to_path_buf(),
            source: e,
        },
    }
}

/// A read-only connection. Without a write-ahead log to read, the file is opened as immutable,
/// so SQLite writes nothing beside it either (a read-only folder cannot take its lock file).
fn open_read_only(path: &Path) -> Result<Connection, StoreError> {
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    let wal_in_use = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let uri = format!(
        "file:{}?{}",
        uri_path(&absolute),
        if wal_in_use { "mode=ro" } else { "immutable=1" }
    );
    let (conn, found) = connect_and_identify(path, || Connection::open_with_flags(&uri, flags))?;
    if found < SCHEMA_VERSION {
        return Err(StoreError::ReadOnlyOlder {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(conn)
}

/// A path as the path part of an SQLite URI (`?` and `#` and `%` escaped).
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A connection from `connect`, keyed, to a file told to be ours, and its schema version. An
/// encrypted file of the earlier page layout is tried again on a fresh connection: SQLCipher
/// takes the layout before the first read and keeps it.
fn connect_and_identify(
    path: &Path,
    connect: impl Fn() -> rusqlite::Result<Connection>,
) -> Result<(Connection, i64), StoreError> {
    let sqlite_error = |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    super::engine_ready();
    let key = super::key::current();
    let attempt = |page_hmac: &str| {
        let conn = connect().map_err(sqlite_error)?;
        super::key::apply_with(&conn, key.as_ref(), page_hmac).map_err(sqlite_error)?;
        let found = identify(path, &conn)?;
        super::key::cache_pages(&conn).map_err(sqlite_error)?;
        Ok((conn, found))
    };
    super::key::in_either_layout(attempt, |e| matches!(e, StoreError::WrongKey { .. }))
}

/// Tells ours from another program's database by SQL (the header may be stale while a
/// write-ahead log holds newer pages), before anything is written; the schema version found
/// (0 for a new, empty database).
fn identify(path: &Path, conn: &Connection) -> Result<i64, StoreError> {
    let sqlite_error = |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let found: i64 = match conn.query_row("PRAGMA user_version", [], |r| r.get(0)) {
        Ok(v) => v,
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            return Err(if super::key::current().is_some() {
                StoreError::WrongKey {
                    path: path.to_path_buf(),
                }
            } else {
                StoreError::NotSqlite {
                    path: path.to_path_buf(),
                }
            });
        }
        Err(e) => return Err(damaged_or(path, e)),
    };
    check_version(path, found)?;
    let id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(sqlite_error)?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| damaged_or(path, e))?;
    let ours = match id {
        APPLICATION_ID => true,
        0 if found == 0 => tables.is_empty(),
        0 => FIRST_TABLES.iter().all(|t| tables.iter().any(|n| n == t)),
        _ => false,
    };
    if !ours {
        let what = match id {
            0 if tables.is_empty() => format!("schema version {found}, no tables"),
            0 => format!(
                "tables {}",
                tables
                    .iter()
                    .take(3)
                    .map(|t| crate::text::escape_control(t).into_owned())
                    .collect::<Vec<_>>()
                    .join(", ")
                    + if tables.len() > 3 { ", ..." } else { "" }
            ),
            id => format!("application id {:#010x}", id as u32),
        };
        return Err(StoreError::NotOurs {
            path: path.to_path_buf(),
            what,
        });
    }
    Ok(found)
}

fn check_version(path: &Path, found: i64) -> Result<(), StoreError> {
    if found < 0 {
        return Err(StoreError::UnknownSchema {
            path: path.to_path_buf(),
            found,
        });
    }
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// SQLite's quick check (every page read, no index compared with its table) before the first
/// write: a damaged database is refused, not written into.
fn check_intact(path: &Path, conn: &Connection) -> Result<(), StoreError> {
    let first: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| damaged_or(path, e))?;
    if first == "ok" {
        return Ok(());
    }
    Err(StoreError::Damaged {
        path: path.to_path_buf(),
        problem: one_line(&first),
    })
}

/// SQLite's report on one line, control characters escaped.
pub(super) fn one_line(text: &str) -> String {
    let joined = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    crate::text::escape_control(&joined).into_owned()
}

/// A read SQLite found corrupt, said as damage.
fn damaged_or(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
            StoreError::Damaged {
                path: path.to_path_buf(),
                problem: e.to_string(),
            }
        }
        _ => StoreError::Sqlite {
            path: path.to_path_buf(),
            source: e,
        },
    }
}

/// Reads the header: an empty file is a new database; anything else must be SQLite
/// with a schema this version knows and no other program's application id. With a key
/// (`keyed`) it must be encrypted instead: its header is then checked once it is keyed.
fn check_existing_file(path: &Path, keyed: bool) -> Result<(), StoreError> {
    if path.is_dir() {
        return Err(StoreError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if !path.is_file() {
        return Err(StoreError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let read_error = |source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut header = Vec::with_capacity(100);
    std::fs::File::open(path)
        .map_err(read_error)?
        .take(100)
        .read_to_end(&mut header)
        .map_err(read_error)?;
    if header.is_empty() {
        return Ok(());
    }
    let plain = header.len() >= 100 && header.starts_with(SQLITE_MAGIC);
    match (plain, keyed) {
        (true, true) => {
            return Err(StoreError::NotEncrypted {
                path: path.to_path_buf(),
            });
        }
        (false, true) => return Ok(()),
        (false, false) => {
            return Err(StoreError::NotSqlite {
                path: path.to_path_buf(),
            });
        }
        (true, false) => {}
    }
    let field = |offset: usize| {
        i32::from_be_bytes([
            header[offset],
            header[offset + 1],
            header[offset + 2],
            header[offset + 3],
        ])
    };
    check_version(path, i64::from(field(USER_VERSION_OFFSET)))?;
    let id = field(APPLICATION_ID_OFFSET);
    if id != 0 && id != APPLICATION_ID {
        return Err(StoreError::NotOurs {
            path: path.to_path_buf(),
            what: format!("application id {:#010x}", id as u32),
        });
    }
    Ok(())
}

/// Creates the file readable by its owner only (official secrecy); SQLite gives its
/// journal files the same mode.
fn create_private_file(path: &Path) -> Result<(), StoreError> {
    let create_error = |source| StoreError::Create {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::paths::create_private_dir(parent).map_err(create_error)?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(create_error)?;
    Ok(())
}
