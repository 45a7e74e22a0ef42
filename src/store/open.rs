//! Opening the database file safely: check what the file is before SQLite may write to it.

use super::migrations::{self, SCHEMA_VERSION};
use rusqlite::{Connection, OpenFlags};
use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Path, PathBuf};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// Offset of `user_version` in the SQLite file header (4 bytes, big-endian).
const USER_VERSION_OFFSET: usize = 60;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path} is not an intake-desk database (not an SQLite file); it was left untouched. Choose another file with --db."
    )]
    NotSqlite { path: PathBuf },
    #[error(
        "{path} was written by a newer intake-desk (schema {found}, this version knows up to {supported}); it was left untouched. Update intake-desk."
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path} is a folder, not a database file. Give a file path with --db.")]
    IsDirectory { path: PathBuf },
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
            StoreError::NotSqlite { .. }
            | StoreError::NewerSchema { .. }
            | StoreError::IsDirectory { .. } => 2,
            _ => 1,
        }
    }
}

pub fn open(path: &Path) -> Result<Connection, StoreError> {
    let sqlite_error = |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    if path.exists() {
        check_existing_file(path)?;
    } else {
        create_private_file(path)?;
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite_error)?;
    // The header may be stale while a write-ahead log holds newer pages: ask SQLite too,
    // before anything is written.
    let found: i64 = match conn.query_row("PRAGMA user_version", [], |r| r.get(0)) {
        Ok(v) => v,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(StoreError::NotSqlite {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(sqlite_error(e)),
    };
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;",
    )
    .map_err(sqlite_error)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(sqlite_error)?;
    migrations::migrate(&conn).map_err(sqlite_error)?;
    Ok(conn)
}

/// Reads the header: an empty file is a new database; anything else must be SQLite
/// with a schema this version knows.
fn check_existing_file(path: &Path) -> Result<(), StoreError> {
    if path.is_dir() {
        return Err(StoreError::IsDirectory {
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
    if header.len() < 100 || !header.starts_with(SQLITE_MAGIC) {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    let bytes: [u8; 4] = header[USER_VERSION_OFFSET..USER_VERSION_OFFSET + 4]
        .try_into()
        .expect("slice of four bytes");
    let found = i64::from(i32::from_be_bytes(bytes));
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
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
