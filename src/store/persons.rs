//! Persons across their visits: who may be one (the duplicate check on save and the list of
//! candidates), every visit of a person, and what their latest visit recorded about who is
//! responsible for them, for the worklist of upcoming changes.

use super::Store;
use super::records::{PERSON_COLUMNS, PersonRecord, person_at};
use crate::domain::competence::CompetenceRecord;
use rusqlite::OptionalExtension;

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

/// A recorded person who resembles the one about to be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resemblance {
    /// The record of theirs that resembles (with the stable id): the latest such.
    pub person: PersonRecord,
    pub rule: &'static str,
    pub visits: u32,
    /// The start of their latest visit (RFC 3339).
    pub last_seen: Option<String>,
}

/// What the three resemblance rules compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Likeness {
    pub vn: Option<String>,
    /// The names folded ([`name_key`]).
    pub names: String,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    pub birth: Option<String>,
    pub commune: Option<u32>,
}

impl Likeness {
    pub fn of_person(person: &crate::domain::Person) -> Likeness {
        Likeness {
            vn: person.vn.map(|n| n.digits()),
            names: name_key(&person.official_name, &person.first_name),
            birth: person.birth_date.map(|d| d.to_string()),
            commune: person.commune_of_stay,
        }
    }

    pub fn of_record(person: &PersonRecord) -> Likeness {
        Likeness {
            vn: person.vn.clone(),
            names: name_key(&person.official_name, &person.first_name),
            birth: person.birth_date.clone(),
            commune: person.commune_of_stay,
        }
    }

    /// The keys under which two alike persons meet, one per rule, in the order the rules go.
    fn keys(&self) -> [(&'static str, Option<String>); 3] {
        let year = self.birth.as_deref().and_then(|b| b.get(..4));
        [
            ("ahv", self.vn.clone()),
            (
                "names-birth-date",
                self.birth
                    .as_ref()
                    .map(|b| format!("{}\u{1f}{b}", self.names)),
            ),
            (
                "names-birth-year-commune",
                year.zip(self.commune)
                    .map(|(y, c)| format!("{}\u{1f}{y}\u{1f}{c}", self.names)),
            ),
        ]
    }

    /// The first rule by which `other` resembles this person, if any.
    fn rule_for(&self, other: &Likeness) -> Option<&'static str> {
        let theirs = other.keys();
        self.keys()
            .into_iter()
            .zip(theirs)
            .find(|((_, a), (_, b))| a.is_some() && a == b)
            .map(|((rule, _), _)| rule)
    }
}

/// What the name index keeps of names in another script than Latin: their Latin consonant
/// skeleton ([`crate::text::latin_key`]), which a Latin spelling finds; empty for Latin names,
/// which are found as they are written.
pub fn latin_of(official_name: &str, first_name: &str) -> String {
    let names = format!("{official_name} {first_name}");
    if crate::text::has_other_script(&names) {
        crate::text::latin_key(&names)
    } else {
        String::new()
    }
}

/// The names as the duplicate check compares them, official name and first name apart: folded
/// (case and accents aside), the German umlauts as passports spell them (`ae` = `ä`: Zenhaeusern
/// is Zenhäusern) and without spaces, hyphens and apostrophes (Jean Marc is Jean-Marc).
pub fn name_key(official_name: &str, first_name: &str) -> String {
    let key = |name: &str| {
        let folded: String = crate::text::fold(name)
            .chars()
            .filter(|c| !c.is_whitespace() && !"-'’.".contains(*c))
            .collect();
        folded
            .replace("ae", "a")
            .replace("oe", "o")
            .replace("ue", "u")
    };
    format!("{}\u{1f}{}", key(official_name), key(first_name))
}

/// Sets a person's latest competence answer (`competence`, `competence_at`, `competence_ms`
/// and the day of the next change it gave, `next_change_on`, of `persons`) from their visits;
/// after `UPDATE persons SET`.
pub(super) const LATEST_COMPETENCE: &str =
    "(competence, competence_at, competence_ms, next_change_on) = (
    SELECT json_extract(v.stage_data, '$.competence'), v.started_at, v.started_ms,
           json_extract(v.stage_data, '$.competence.next_change.on')
    FROM people p JOIN visits v ON v.person_id = p.id
    WHERE p.person_key = persons.id
      AND json_extract(v.stage_data, '$.competence.inputs') IS NOT NULL
    ORDER BY v.started_ms DESC, v.rowid DESC LIMIT 1)";

/// The person a stable id stands for now: itself, or the person it was merged into.
pub(super) fn surviving(conn: &rusqlite::Connection, key: &str) -> rusqlite::Result<String> {
    let mut key = key.to_string();
    // A merge points at a person not merged itself; the bound only guards a damaged file.
    for _ in 0..16 {
        let into: Option<String> = conn
            .prepare_cached("SELECT merged_into FROM persons WHERE id = ?1")?
            .query_row([&key], |r| r.get(0))
            .optional()?
            .flatten();
        match into {
            Some(into) => key = into,
            None => break,
        }
    }
    Ok(key)
}

impl Store {
    /// Persons who resemble another: the same AHV number; or the same names (case and accents
    /// aside) and birth date; or the same names, birth year and commune. Every record of a
    /// person counts (an earlier spelling or a number given once still finds them), as in the
    /// check on save. Each pair once, by the first rule that finds it, with the records that
    /// matched; nothing is merged.
    pub fn duplicate_candidates(&self) -> super::Result<Vec<DuplicatePair>> {
        use std::collections::{HashMap, HashSet};
        use std::hash::{Hash, Hasher};
        // Only what the rules compare, for every record, the latest first; the keys are kept
        // as hashes (a million records stay small) and every pair is checked on its records.
        let mut statement = self.conn.prepare_cached(
            "SELECT person_key, rowid, vn, official_name, first_name, birth_date, commune_of_stay
             FROM people WHERE person_key IS NOT NULL ORDER BY rowid DESC",
        )?;
        let mut person_index: HashMap<String, u32> = HashMap::new();
        let mut persons: Vec<String> = Vec::new();
        let mut by_rule: [HashMap<u64, Vec<(u32, i64)>>; 3] = Default::default();
        let rows = statement.query_map([], |r| {
            let official: String = r.get(3)?;
            let first: String = r.get(4)?;
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                Likeness {
                    vn: r.get(2)?,
                    names: name_key(&official, &first),
                    birth: r.get(5)?,
                    commune: r.get(6)?,
                },
            ))
        })?;
        for row in rows {
            let (key, rowid, likeness) = row?;
            let next = persons.len() as u32;
            let person = *person_index.entry(key.clone()).or_insert_with(|| {
                persons.push(key);
                next
            });
            for (rule, (_, value)) in likeness.keys().into_iter().enumerate() {
                let Some(value) = value else { continue };
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                value.hash(&mut hasher);
                let group = by_rule[rule].entry(hasher.finish()).or_default();
                // One record per person in a group: the latest (read first).
                if !group.iter().any(|(p, _)| *p == person) {
                    group.push((person, rowid));
                }
            }
        }
        let mut found: HashSet<(u32, u32)> = HashSet::new();
        let mut candidates: Vec<(i64, i64)> = Vec::new();
        for groups in &by_rule {
            let mut groups: Vec<&Vec<(u32, i64)>> =
                groups.values().filter(|g| g.len() > 1).collect();
            groups.sort();
            for group in groups {
                for (n, a) in group.iter().enumerate() {
                    for b in &group[n + 1..] {
                        let (first, second) = if persons[a.0 as usize] <= persons[b.0 as usize] {
                            (a, b)
                        } else {
                            (b, a)
                        };
                        if found.insert((first.0, second.0)) {
                            candidates.push((first.1, second.1));
                        }
                    }
                }
            }
        }
        let mut record = self.conn.prepare_cached(&format!(
            "SELECT p.id, {PERSON_COLUMNS} FROM people p WHERE p.rowid = ?1"
        ))?;
        let mut pairs = Vec::new();
        for (a, b) in candidates {
            let a = record.query_row([a], |r| person_at(r, 1, r.get(0)?))?;
            let b = record.query_row([b], |r| person_at(r, 1, r.get(0)?))?;
            if let Some(rule) = Likeness::of_record(&a).rule_for(&Likeness::of_record(&b)) {
                pairs.push(DuplicatePair { a, b, rule });
            }
        }
        pairs.sort_by(|x, y| {
            (&x.a.stable_id, &x.b.stable_id).cmp(&(&y.a.stable_id, &y.b.stable_id))
        });
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

    /// For every person whose responsibility may change from `from` to `until` (both days
    /// included), the latest of their visits that kept the inputs of a competence answer
    /// (visits saved before inputs were kept cannot be worked out again), with their latest
    /// record. An answer that gave no change, or a change after `until`, has none in the window
    /// either (its facts stay as they were) and is left out; an answer given after `from` is
    /// always in, to be worked out again for that day.
    pub fn latest_competence_by_person(
        &self,
        from: chrono::NaiveDate,
        until: chrono::NaiveDate,
    ) -> super::Result<Vec<LatestCompetence>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT p.id, s.competence_at, s.competence, {PERSON_COLUMNS}
                 FROM persons s
                 JOIN people p ON p.rowid = (SELECT max(rowid) FROM people WHERE person_key = s.id)
                 WHERE s.competence IS NOT NULL
                   AND (s.next_change_on <= ?1 OR s.competence_at >= ?2)"
        ))?;
        let rows = statement.query_map([until.to_string(), from.to_string()], |r| {
            let id: String = r.get(0)?;
            Ok((
                person_at(r, 3, id)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut latest = Vec::new();
        for row in rows {
            let (person, seen_at, competence) = row?;
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

    /// Recorded persons who resemble `likeness` by one of the three rules, apart from the person
    /// `except` (the visitor's own, when recognised): at most `limit`, the strongest rule first.
    /// Any record of a person counts, so an earlier spelling still finds them.
    pub fn resembling(
        &self,
        likeness: &Likeness,
        except: Option<&str>,
        limit: usize,
    ) -> super::Result<Vec<Resemblance>> {
        // (rule, person, the record that matched): the record shown beside the visit is the
        // one that resembles it, not whatever the person's latest visit recorded.
        let mut found: Vec<(&'static str, String, String)> = Vec::new();
        let mut note = |rule: &'static str, key: String, record: String| {
            if Some(key.as_str()) != except && !found.iter().any(|(_, k, _)| *k == key) {
                found.push((rule, key, record));
            }
        };
        if let Some(vn) = &likeness.vn {
            let mut statement = self.conn.prepare_cached(
                "SELECT person_key, id FROM people WHERE vn = ?1 AND person_key IS NOT NULL
                 ORDER BY rowid DESC",
            )?;
            for row in statement.query_map([vn], |r| Ok((r.get(0)?, r.get(1)?)))? {
                let (key, record) = row?;
                note("ahv", key, record);
            }
        }
        // Through the index on (names, birth date, commune): the same birth date, or the same
        // birth year (a range of the dates written YYYY...) and commune.
        use rusqlite::types::Value;
        let mut queries: Vec<(&str, Vec<Value>)> = Vec::new();
        if let Some(birth) = &likeness.birth {
            queries.push((
                "SELECT person_key, vn, birth_date, commune_of_stay, id FROM people
                 WHERE name_key = ?1 AND birth_date = ?2 AND person_key IS NOT NULL
                 ORDER BY rowid DESC",
                vec![likeness.names.clone().into(), birth.clone().into()],
            ));
        }
        if let (Some(year), Some(commune)) = (
            likeness.birth.as_deref().and_then(|b| b.get(..4)),
            likeness.commune,
        ) && let Ok(number) = year.parse::<u32>()
        {
            queries.push((
                "SELECT person_key, vn, birth_date, commune_of_stay, id FROM people
                 WHERE name_key = ?1 AND birth_date >= ?2 AND birth_date < ?3
                   AND commune_of_stay = ?4 AND person_key IS NOT NULL
                 ORDER BY rowid DESC",
                vec![
                    likeness.names.clone().into(),
                    year.to_string().into(),
                    (number + 1).to_string().into(),
                    i64::from(commune).into(),
                ],
            ));
        }
        let mut by_names: Vec<(&'static str, String, String)> = Vec::new();
        for (sql, values) in queries {
            let mut statement = self.conn.prepare_cached(sql)?;
            let rows = statement.query_map(rusqlite::params_from_iter(&values), |r| {
                let theirs = Likeness {
                    vn: r.get(1)?,
                    names: likeness.names.clone(),
                    birth: r.get(2)?,
                    commune: r.get(3)?,
                };
                Ok((
                    likeness.rule_for(&theirs),
                    r.get::<_, String>(0)?,
                    r.get(4)?,
                ))
            })?;
            for row in rows {
                if let (Some(rule), key, record) = row? {
                    by_names.push((rule, key, record));
                }
            }
        }
        // The stronger rule first: a birth date before a birth year and commune.
        by_names.sort_by_key(|(rule, _, _)| *rule != "names-birth-date");
        for (rule, key, record) in by_names {
            note(rule, key, record);
        }
        found.truncate(limit);
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT p.id, (SELECT count(*) FROM people WHERE person_key = ?1),
                    (SELECT max(v.started_at) FROM people q JOIN visits v ON v.person_id = q.id
                     WHERE q.person_key = ?1),
                    {PERSON_COLUMNS}
             FROM people p WHERE p.id = ?2"
        ))?;
        found
            .into_iter()
            .map(|(rule, key, record)| {
                Ok(statement.query_row([&key, &record], |r| {
                    Ok(Resemblance {
                        person: person_at(r, 3, r.get(0)?)?,
                        rule,
                        visits: r.get(1)?,
                        last_seen: r.get(2)?,
                    })
                })?)
            })
            .collect()
    }

    /// Whether any record of one person resembles any record of the other by a rule; `None`
    /// when either has no records (an unknown id: the merge names it).
    pub fn resembling_person(&self, a: &str, b: &str) -> super::Result<Option<bool>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT p.id, {PERSON_COLUMNS} FROM people p WHERE p.person_key = ?1"
        ))?;
        let mut records = |key: &str| -> super::Result<Vec<Likeness>> {
            let rows = statement.query_map([key], |r| person_at(r, 1, r.get(0)?))?;
            Ok(rows
                .map(|r| r.map(|p| Likeness::of_record(&p)))
                .collect::<rusqlite::Result<_>>()?)
        };
        let (ours, theirs) = (records(a)?, records(b)?);
        if ours.is_empty() || theirs.is_empty() {
            return Ok(None);
        }
        Ok(Some(
            ours.iter()
                .any(|x| theirs.iter().any(|y| x.rule_for(y).is_some())),
        ))
    }
}
