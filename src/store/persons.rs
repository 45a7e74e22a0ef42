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

/// Two persons who may be one: their latest records and the rule that found them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DuplicatePair {
    pub a: PersonRecord,
    pub b: PersonRecord,
    /// `ahv`, `names-birth-date` or `names-birth-year-commune`.
    pub rule: &'static str,
}

impl Store {
    /// Persons who resemble another: the same AHV number; or the same names (case and accents
    /// aside) and birth date; or the same names, birth year and commune. Each pair once, by the
    /// first rule that finds it; nothing is merged.
    pub fn duplicate_candidates(&self) -> super::Result<Vec<DuplicatePair>> {
        // The latest record of each person (SQLite takes the other columns from the max row).
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT p.id, max(p.rowid), {PERSON_COLUMNS} FROM people p
             WHERE p.person_key IS NOT NULL GROUP BY p.person_key ORDER BY p.person_key"
        ))?;
        let persons: Vec<PersonRecord> = statement
            .query_map([], |r| person_at(r, 2, r.get(0)?))?
            .collect::<rusqlite::Result<_>>()?;
        let names = |p: &PersonRecord| {
            format!(
                "{}\u{1f}{}",
                crate::text::fold(&p.official_name),
                crate::text::fold(&p.first_name)
            )
        };
        type Rule<'f> = (&'static str, &'f dyn Fn(&PersonRecord) -> Option<String>);
        let rules: [Rule; 3] = [
            ("ahv", &|p| p.vn.clone()),
            ("names-birth-date", &|p| {
                p.birth_date
                    .as_ref()
                    .map(|b| format!("{}\u{1f}{b}", names(p)))
            }),
            ("names-birth-year-commune", &|p| {
                let year = p.birth_date.as_deref()?.get(..4)?;
                let commune = p.commune_of_stay?;
                Some(format!("{}\u{1f}{year}\u{1f}{commune}", names(p)))
            }),
        ];
        let mut pairs: Vec<DuplicatePair> = Vec::new();
        let mut found = std::collections::HashSet::new();
        for (rule, key) in rules {
            let mut by_key: std::collections::HashMap<String, Vec<usize>> =
                std::collections::HashMap::new();
            for (i, person) in persons.iter().enumerate() {
                if let Some(k) = key(person) {
                    by_key.entry(k).or_default().push(i);
                }
            }
            let mut groups: Vec<Vec<usize>> =
                by_key.into_values().filter(|g| g.len() > 1).collect();
            groups.sort();
            for group in groups {
                for (n, &i) in group.iter().enumerate() {
                    for &j in &group[n + 1..] {
                        if found.insert((i, j)) {
                            pairs.push(DuplicatePair {
                                a: persons[i].clone(),
                                b: persons[j].clone(),
                                rule,
                            });
                        }
                    }
                }
            }
        }
        Ok(pairs)
    }

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
