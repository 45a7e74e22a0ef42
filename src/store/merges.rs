//! Two records found to be one person are merged by a person at a desk, never by the app; a
//! merge keeps what it moved, so a split puts exactly that back. Every visit moved gets a new
//! revision (the export carries it as a correction: its person changed) and each merge and split
//! is in the audit log.

use super::persons::{LATEST_COMPETENCE, surviving};
use super::revisions::{keep_version, next_revision};
use super::{Store, now_rfc3339};
use rusqlite::OptionalExtension;

/// A merge done: `merged` now belongs to `kept`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Merge {
    /// The merge's own id (UUIDv7), in the audit log.
    pub id: String,
    pub kept: String,
    pub merged: String,
    /// The person records (one per visit) moved from `merged` to `kept`.
    pub records: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("no person with the id {0}")]
    NoSuchPerson(String),
    #[error("a person cannot be merged with themselves")]
    SamePerson,
    #[error("the person {merged} was merged into {into} already")]
    AlreadyMerged { merged: String, into: String },
    #[error("the person {0} was not merged into another (nothing to split)")]
    NotMerged(String),
    #[error(transparent)]
    Database(#[from] super::Error),
}

impl From<rusqlite::Error> for MergeError {
    fn from(e: rusqlite::Error) -> Self {
        MergeError::Database(e.into())
    }
}

impl Store {
    /// Merges the person `merged` into `kept`: every visit of `merged` becomes `kept`'s.
    pub fn merge_persons(
        &mut self,
        kept: &str,
        merged: &str,
        actor: &str,
    ) -> Result<Merge, MergeError> {
        if kept == merged {
            return Err(MergeError::SamePerson);
        }
        // Immediate: a second merge of the same persons waits, then finds them merged.
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        for key in [kept, merged] {
            let into =
                merged_into(&tx, key)?.ok_or_else(|| MergeError::NoSuchPerson(key.into()))?;
            if let Some(into) = into {
                return Err(MergeError::AlreadyMerged {
                    merged: key.into(),
                    into,
                });
            }
        }
        let records = records_of(&tx, merged)?;
        let merge = Merge {
            id: uuid::Uuid::now_v7().to_string(),
            kept: kept.into(),
            merged: merged.into(),
            records,
        };
        self.move_records(&tx, &merge.records, kept)?;
        tx.execute(
            "UPDATE persons SET merged_into = ?2, revision = revision + 1 WHERE id = ?1",
            (merged, kept),
        )?;
        tx.execute(
            &format!(
                "UPDATE persons SET revision = revision + 1, {LATEST_COMPETENCE} WHERE id = ?1 OR id = ?2"
            ),
            (kept, merged),
        )?;
        tx.execute(
            "INSERT INTO person_merges (id, at, actor, kept, merged, records) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            (
                &merge.id,
                now_rfc3339(),
                actor,
                kept,
                merged,
                serde_json::to_string(&merge.records).expect("a list of strings serialises"),
            ),
        )?;
        super::audit::append(
            &tx,
            &super::NewAuditEntry::new(actor, super::AuditAction::Merge, "person-merge")
                .record(merge.id.as_str())
                .records([kept, merged]),
        )?;
        tx.commit()?;
        Ok(merge)
    }

    /// Undoes the last merge of `merged`: the records that merge moved are theirs again (visits
    /// saved for the kept person since stay with them).
    pub fn split_person(&mut self, merged: &str, actor: &str) -> Result<Merge, MergeError> {
        // Immediate, as a merge: a split and a merge of the same person do not interleave.
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        merged_into(&tx, merged)?.ok_or_else(|| MergeError::NoSuchPerson(merged.into()))?;
        let found: Option<(String, String, String)> = tx
            .query_row(
                "SELECT id, kept, records FROM person_merges
                 WHERE merged = ?1 AND split_at IS NULL ORDER BY at DESC, id DESC LIMIT 1",
                [merged],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (id, kept, records) = found.ok_or_else(|| MergeError::NotMerged(merged.into()))?;
        let records: Vec<String> = serde_json::from_str(&records).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
        })?;
        // The kept person may have been merged on since: the records are wherever they went.
        let holder = surviving(&tx, &kept)?;
        let moved: Vec<String> = records_of(&tx, &holder)?
            .into_iter()
            .filter(|r| records.contains(r))
            .collect();
        self.move_records(&tx, &moved, merged)?;
        tx.execute(
            "UPDATE persons SET merged_into = NULL WHERE id = ?1",
            [merged],
        )?;
        tx.execute(
            &format!(
                "UPDATE persons SET revision = revision + 1, {LATEST_COMPETENCE} WHERE id = ?1 OR id = ?2"
            ),
            (merged, &holder),
        )?;
        tx.execute(
            "UPDATE person_merges SET split_at = ?2 WHERE id = ?1",
            (&id, now_rfc3339()),
        )?;
        super::audit::append(
            &tx,
            &super::NewAuditEntry::new(actor, super::AuditAction::Split, "person-merge")
                .record(id.as_str())
                .record(merged),
        )?;
        tx.commit()?;
        Ok(Merge {
            id,
            kept: holder,
            merged: merged.into(),
            records: moved,
        })
    }

    /// Gives person records to `to`, each of their visits kept as it stood and revised.
    fn move_records(
        &self,
        tx: &rusqlite::Connection,
        records: &[String],
        to: &str,
    ) -> Result<(), MergeError> {
        for record in records {
            let visit: Option<String> = tx
                .prepare_cached("SELECT id FROM visits WHERE person_id = ?1")?
                .query_row([record], |r| r.get(0))
                .optional()?;
            if let Some(visit) = visit
                && let Some(before) = self.visit_record(&visit)?
            {
                keep_version(tx, &before)?;
                next_revision(tx, &visit)?;
            }
            tx.prepare_cached("UPDATE people SET person_key = ?2 WHERE id = ?1")?
                .execute((record, to))?;
        }
        Ok(())
    }
}

/// `None`: no such person; `Some(None)`: a person not merged; `Some(Some(k))`: merged into `k`.
fn merged_into(conn: &rusqlite::Connection, key: &str) -> rusqlite::Result<Option<Option<String>>> {
    conn.prepare_cached("SELECT merged_into FROM persons WHERE id = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()
}

/// The person records of a person, in the order saved.
fn records_of(conn: &rusqlite::Connection, key: &str) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached("SELECT id FROM people WHERE person_key = ?1 ORDER BY rowid")?
        .query_map([key], |r| r.get(0))?
        .collect()
}
