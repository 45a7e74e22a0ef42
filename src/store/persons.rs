//! Persons across their visits: what the latest visit of each recorded about who is
//! responsible for them, for the worklist of upcoming changes.

use super::Store;
use super::records::{PERSON_COLUMNS, PersonRecord, person_at};
use crate::domain::competence::CompetenceRecord;

/// A person with the competence answer of their latest visit that had one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatestCompetence {
    pub person: PersonRecord,
    /// The start of that visit (RFC 3339).
    pub seen_at: String,
    pub competence: CompetenceRecord,
}

impl Store {
    /// Every visit of a person (by their stable id), oldest first, each with its person as
    /// recorded then: the dossier. Found through the index on `people.person_key`.
    pub fn person_visits(&self, key: &str) -> super::Result<Vec<crate::store::VisitRecord>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {} FROM people p0 JOIN visits v ON v.person_id = p0.id {}
             WHERE p0.person_key = ?1 ORDER BY v.started_ms, v.id",
            super::records::RECORD_COLUMNS,
            super::records::RECORD_JOINS
        ))?;
        let rows = statement.query_map([key], |row| super::records::record_at(row, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// For every person, the latest of their visits that kept the inputs of a competence
    /// answer (visits saved before inputs were kept cannot be worked out again).
    pub fn latest_competence_by_person(&self) -> super::Result<Vec<LatestCompetence>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT p.id, v.started_at, json_extract(v.stage_data, '$.competence'), {PERSON_COLUMNS}
                 FROM visits v JOIN people p ON p.id = v.person_id
                 WHERE p.person_key IS NOT NULL
                   AND json_extract(v.stage_data, '$.competence.inputs') IS NOT NULL
                 ORDER BY v.started_ms DESC, v.rowid DESC"
        ))?;
        let rows = statement.query_map([], |r| {
            let id: String = r.get(0)?;
            Ok((
                person_at(r, 3, id)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut seen = std::collections::HashSet::new();
        let mut latest = Vec::new();
        for row in rows {
            let (person, seen_at, competence) = row?;
            let Some(key) = person.stable_id.clone() else {
                continue;
            };
            if !seen.insert(key) {
                continue;
            }
            // A record that does not read is left out, not guessed at.
            if let Ok(competence) = serde_json::from_str::<CompetenceRecord>(&competence) {
                latest.push(LatestCompetence {
                    person,
                    seen_at,
                    competence,
                });
            }
        }
        Ok(latest)
    }
}
