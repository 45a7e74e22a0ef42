//! The errors a command can end with, and the exit code each one gives.

use crate::catalog::{DataError, DataErrors};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", first_of(.0, "intake-desk data check DIR"))]
    Data(#[from] DataErrors),
    /// Problems of a keymap file (the keymap converts its own error into this).
    #[error("{}", first_of(.0, "intake-desk keymap check FILE"))]
    Keymap(DataErrors),
    #[error("{0}")]
    Config(DataError),
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Input the user must correct (an unknown language, a database holding real visits ...).
    #[error("{0}")]
    Usage(String),
    /// Another process holds what this command needs (an export into the same folder).
    #[error("{0}")]
    Busy(String),
    /// Not signed in, a wrong PIN, or a role that does not cover the action.
    #[error("{0}")]
    Denied(String),
    /// Shown with its causes: "cannot write X: No space left on device".
    #[error("{0:#}")]
    Other(#[from] anyhow::Error),
}

impl Error {
    /// 2 for input the user must fix (bad files, refused databases), 3 when another export is
    /// running, 4 when sign-in or the role refuses, 1 for failures.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Data(_) | Error::Keymap(_) | Error::Config(_) | Error::Usage(_) => 2,
            Error::Store(e) => e.exit_code(),
            Error::Busy(_) => 3,
            Error::Denied(_) => 4,
            Error::Other(_) => 1,
        }
    }
}

/// The first problem of a data folder, and how many follow: one line, whatever the count.
fn first_of(errors: &DataErrors, lister: &str) -> String {
    match errors.0.as_slice() {
        [] => "the file has problems".into(),
        [one] => one.to_string(),
        [first, rest @ ..] => format!(
            "{first}; and {} more problem(s) (`{lister}` lists them all)",
            rest.len()
        ),
    }
}

impl Error {
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Other(e) if e
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::from(crate::store::Error::from(e))
    }
}

/// Damage and a database that cannot be written are for the user to act on (2); waiting out
/// another program's lock and other database failures are failures while working (1).
impl From<crate::store::Error> for Error {
    fn from(e: crate::store::Error) -> Self {
        match e {
            crate::store::Error::Damaged(_) | crate::store::Error::ReadOnly(_) => {
                Error::Usage(e.to_string())
            }
            other => Error::Other(other.into()),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Other(e.into())
    }
}

pub type Result<T> = std::result::Result<T, Error>;
