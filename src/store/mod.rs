//! Local storage in SQLite. All SQL of the application lives in this module.

mod audit;
mod batch_kind;
mod batch_lines;
mod directory;
mod drafts;
mod engine;
mod error;
mod export;
mod history;
mod key;
mod maintenance;
mod merges;
mod migrations;
mod open;
mod persons;
mod purge;
mod queue;
mod records;
pub mod returning;
mod revisions;
mod settings;
mod staff;
mod stats;
mod unmet_needs;
mod visits;

pub use audit::{AuditAction, AuditCheck, AuditEntry, AuditFilter, AuditProblem, NewAuditEntry};
pub use batch_kind::{BatchAction, BatchStatus, LineSchema};
pub use directory::{ServiceCorrection, ServiceField};
pub use drafts::Draft;
pub use engine::engine_ready;
pub use error::{Error, Result};
pub use export::{AdoptedLine, BatchInfo, BatchLine, NewBatch};
pub use history::{VisitFilter, VisitSummary};
pub use key::{DbKey, KEY_VARIABLE, NEW_KEY_VARIABLE, use_key};
pub use merges::{Merge, MergeError};
pub use migrations::{SCHEMA_VERSION, build_old_schema};
pub use open::{APPLICATION_ID, Access, BUSY_TIMEOUT, StoreError};
pub use persons::{DuplicatePair, LatestCompetence, Likeness, Resemblance};
pub use purge::PurgeReport;
pub use queue::{QueueEntry, QueueExit};
pub use records::{
    CompetenceRecord, FinancialRecord, InterpreterRecord, PersonRecord, ReferralRecord, VisitRecord,
};
pub use returning::{Returning, ReturningPerson, fts_query};
pub use revisions::{Correction, CorrectionError, Revision};
pub use staff::{StaffAccount, StaffError};
pub use stats::PeriodCounts;
pub use unmet_needs::UnmetNeed;

use rusqlite::Connection;
use std::path::{Path, PathBuf};

pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
}

impl Store {
    /// Opens (or creates, mode 0600) the database and brings its schema up to date.
    /// A file that is not SQLite, or one written by a newer version, is refused untouched.
    /// A damaged database is refused before anything is written, as is a read-only one.
    pub fn open(path: &Path) -> std::result::Result<Store, StoreError> {
        Store::open_for(path, Access::Write)
    }

    /// Opens the database to read: a read-only file or folder is opened read-only (nothing is
    /// written, not even the migration); otherwise as [`Store::open`] without the damage check.
    pub fn open_read(path: &Path) -> std::result::Result<Store, StoreError> {
        Store::open_for(path, Access::Read)
    }

    /// Opens for writing without the damage check, for the interface, which runs the check in
    /// the background ([`Store::damage`]) so the first frame does not wait for it.
    pub fn open_unchecked(path: &Path) -> std::result::Result<Store, StoreError> {
        Store::open_for(path, Access::WriteUnchecked)
    }

    /// Opens to read without the damage check: for looking at a damaged database.
    pub fn open_read_unchecked(path: &Path) -> std::result::Result<Store, StoreError> {
        Store::open_for(path, Access::ReadUnchecked)
    }

    fn open_for(path: &Path, access: Access) -> std::result::Result<Store, StoreError> {
        let (mut conn, read_only) = open::open(path, access)?;
        // A write transaction takes the write lock when it begins, waiting for it through the
        // busy timeout; a deferred one that read first could fail at once ("database is
        // locked") when another process wrote meanwhile.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only,
        })
    }

    /// Opened read-only (a read-only file or folder).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opens further connections to this database, for work that runs beside this one (an
    /// export in the background); `Send`, so it can go to another thread.
    pub fn opener(&self) -> Opener {
        Opener {
            path: self.path.clone(),
        }
    }
}

/// Opens a further connection to a database already open (see [`Store::opener`]).
#[derive(Debug, Clone)]
pub struct Opener {
    path: PathBuf,
}

impl Opener {
    /// A connection for writing, checked for damage first (as every writing command is).
    pub fn open(&self) -> std::result::Result<Store, StoreError> {
        Store::open(&self.path)
    }
}

pub fn now_rfc3339() -> String {
    chrono::Local::now()
        .fixed_offset()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
