//! Correcting a saved visit never overwrites it silently: the complete record as it stood is kept
//! as a revision, in the same transaction as the change.

use super::{Store, now_rfc3339};
use crate::domain::{PartialDate, person::validate_name};
use rusqlite::OptionalExtension;
use serde::Serialize;

/// A change to a saved visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Correction {
    /// A follow-up note, appended to the visit's note.
    FollowUpNote(String),
    /// Corrected names of the visitor.
    Names {
        official_name: String,
        first_name: String,
    },
    /// A corrected birth date (YYYY, YYYY-MM or YYYY-MM-DD).
    BirthDate(PartialDate),
}

/// An earlier version of a visit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    pub revision: u32,
    /// When this version was replaced.
    pub replaced_at: String,
    pub record: serde_json::Value,
}

#[derive(Debug, thiserror::Error)]
pub enum CorrectionError {
    #[error("no visit with the id {0}")]
    NoSuchVisit(String),
    #[error("the visit is anonymous: it has no person to correct")]
    Anonymous,
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Database(#[from] super::Error),
}

impl From<rusqlite::Error> for CorrectionError {
    fn from(e: rusqlite::Error) -> Self {
        CorrectionError::Database(e.into())
    }
}

impl Store {
    /// Applies a correction and keeps the version before it; returns the new revision number.
    pub fn correct_visit(
        &mut self,
        id: &str,
        correction: &Correction,
        staff: &str,
    ) -> Result<u32, CorrectionError> {
        // The version kept is read inside the write transaction: no other desk can change the
        // visit between reading it and replacing it.
        let tx = self.conn.unchecked_transaction()?;
        let before = self
            .visit_record(id)?
            .ok_or_else(|| CorrectionError::NoSuchVisit(id.to_string()))?;
        let (revision, person_id, note): (u32, Option<String>, Option<String>) = tx
            .query_row(
                "SELECT revision, person_id, note FROM visits WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| CorrectionError::NoSuchVisit(id.to_string()))?;
        keep_version(&tx, &before)?;
        match correction {
            Correction::FollowUpNote(text) => {
                let text = text.trim();
                if text.is_empty() {
                    return Err(CorrectionError::Invalid("the note is empty".into()));
                }
                if let Some(why) = crate::text::forbidden_in_input(text, true) {
                    return Err(CorrectionError::Invalid(format!("the note {why}")));
                }
                // Stamped with the desks' time, as staff read it, on any machine.
                let now = crate::desk_time::with_offset(&now_rfc3339()).into_owned();
                let stamped = format!("[{}] {text}", &now[..16]);
                let note = match note {
                    Some(earlier) if !earlier.is_empty() => format!("{earlier}\n{stamped}"),
                    _ => stamped,
                };
                tx.execute("UPDATE visits SET note = ?2 WHERE id = ?1", (id, note))?;
            }
            Correction::Names {
                official_name,
                first_name,
            } => {
                let person = person_id.ok_or(CorrectionError::Anonymous)?;
                let official = validate_name(official_name)
                    .map_err(|e| CorrectionError::Invalid(e.to_string()))?;
                let first = validate_name(first_name)
                    .map_err(|e| CorrectionError::Invalid(e.to_string()))?;
                let name_key = super::persons::name_key(&official, &first);
                let latin = super::persons::latin_of(&official, &first);
                tx.execute(
                    "UPDATE people SET official_name = ?2, first_name = ?3, name_key = ?4, latin = ?5
                     WHERE id = ?1",
                    (person, official, first, name_key, latin),
                )?;
            }
            Correction::BirthDate(date) => {
                let person = person_id.ok_or(CorrectionError::Anonymous)?;
                tx.execute(
                    "UPDATE people SET birth_date = ?2 WHERE id = ?1",
                    (person, date.to_string()),
                )?;
            }
        }
        next_revision(&tx, id)?;
        let (action, field) = match correction {
            Correction::FollowUpNote(_) => (super::AuditAction::Note, "note"),
            Correction::Names { .. } => (super::AuditAction::Correct, "names"),
            Correction::BirthDate(_) => (super::AuditAction::Correct, "birth_date"),
        };
        super::audit::append(
            &tx,
            &super::NewAuditEntry::new(staff, action, "visit")
                .record(id)
                .detail("field", field)
                .detail("revision", revision + 1),
        )?;
        tx.commit()?;
        Ok(revision + 1)
    }

    /// The earlier versions of a visit, oldest first.
    pub fn revisions(&self, id: &str) -> super::Result<Vec<Revision>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT revision, replaced_at, record FROM visit_revisions WHERE visit_id = ?1 ORDER BY revision",
        )?;
        let rows = statement.query_map([id], |r| {
            let record: String = r.get(2)?;
            Ok(Revision {
                revision: r.get(0)?,
                replaced_at: r.get(1)?,
                // A kept version that does not read is an error, never an empty record.
                record: serde_json::from_str(&record).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        2,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Keeps a visit as it stands, before a change (within the change's transaction).
pub(super) fn keep_version(
    conn: &rusqlite::Connection,
    before: &super::VisitRecord,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO visit_revisions (visit_id, revision, replaced_at, record) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute((
        &before.id,
        before.revision,
        now_rfc3339(),
        serde_json::to_string(before).expect("plain data serialises"),
    ))?;
    Ok(())
}

/// Counts a change of a visit: its next revision, which an export carries as a correction.
pub(super) fn next_revision(conn: &rusqlite::Connection, id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE visits SET revision = revision + 1, updated_at = ?2 WHERE id = ?1",
    )?
    .execute((id, now_rfc3339()))?;
    Ok(())
}
