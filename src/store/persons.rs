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
