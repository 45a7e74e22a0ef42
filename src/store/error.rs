//! The store's own error: what went wrong with the database, said so a person can act on it. The
//! rest of the application sees this type, never SQLite's, so another backend can take its place.

use super::open::BUSY_TIMEOUT;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Another process held the write lock for longer than the busy timeout.
    #[error(
        "the database stayed locked by another program (an export's bookkeeping or another desk saving) for {} s; nothing was changed. Try again in a moment.",
        BUSY_TIMEOUT.as_secs()
    )]
    Busy,
    /// SQLite met damaged pages while working.
    #[error(
        "the database is damaged ({0}); nothing was changed. Save a copy with `intake-desk db backup FILE`, list the damage with `intake-desk db check`."
    )]
    Damaged(String),
    /// The database is read-only (found so while working, e.g. after damage stopped writing).
    #[error("the database cannot be written now ({0}); nothing was changed")]
    ReadOnly(String),
    /// Data stored as JSON that does not read (written by another program, or damaged).
    #[error("a stored record does not read: {0}")]
    Unreadable(String),
    /// Anything else SQLite reported.
    #[error("database: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::types::FromSqlError> for Error {
    fn from(e: rusqlite::types::FromSqlError) -> Self {
        Error::from(rusqlite::Error::from(e))
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Unreadable(e.to_string())
    }
}

impl Error {
    /// A write refused because the row is there already (a primary key or unique index).
    pub fn is_duplicate(&self, table_column: &str) -> bool {
        matches!(self, Error::Sqlite(rusqlite::Error::SqliteFailure(e, Some(message)))
            if e.code == rusqlite::ErrorCode::ConstraintViolation && message.contains(table_column))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy
            }
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                Error::Damaged(e.to_string())
            }
            Some(rusqlite::ErrorCode::ReadOnly) => Error::ReadOnly(e.to_string()),
            _ => Error::Sqlite(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
