//! Finding returning visitors as staff type a name or an AHV number: a full-text prefix query,
//! never a scan, so a keystroke stays fast over a million visits.

use super::Store;
use super::records::{PERSON_COLUMNS, PersonRecord, person_at};
use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;

/// A person seen before, as recorded at their last visit, and when that was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturningPerson {
    pub person: PersonRecord,
    /// The start of their visit (RFC 3339).
    pub seen_at: String,
}

/// The FTS5 query for what was typed: each word as a prefix, all words required. Dots and
/// spaces inside an AHV number are dropped so "756.1234" finds 7561234...; quotes are removed
/// so no input can change the query's meaning.
pub fn fts_query(typed: &str) -> Option<String> {
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let looks_like_ahv = !digits.is_empty()
        && typed
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ' ');
    let words: Vec<String> = if looks_like_ahv {
        vec![digits]
    } else {
        typed
            .split(|c: char| c.is_whitespace() || c == ',')
            .map(|w| w.replace('"', ""))
            .filter(|w| !w.is_empty())
            .collect()
    };
    // A word also finds a name in another script through its Latin skeleton ("shahin" the
    // record of شاهين).
    (!words.is_empty()).then(|| {
        words
            .iter()
            .map(|w| match crate::text::latin_key(w) {
                key if key.is_empty() || key.contains(' ') || looks_like_ahv => format!("\"{w}\"*"),
                key => format!("(\"{w}\"* OR latin : \"{key}\"*)"),
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    })
}

/// How many person records a lookup reads at most, when the same few people fill the newest
/// that match: far more than staff scroll through, few enough that a keystroke stays fast.
const LOOKUP_ROWS: usize = 300;

/// The people found, the most recently seen first, and whether there were more than listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Returning {
    pub people: Vec<ReturningPerson>,
    pub more: bool,
}

/// One visit of a matching record, with what orders it.
struct Seen {
    started_ms: i64,
    visit_rowid: i64,
    found: ReturningPerson,
}

impl Store {
    /// People whose names or AHV number start with what was typed, by their last visit, the
    /// most recent first; the same person seen at several visits is listed once, as recorded at
    /// the last. At most `limit` people; `more` says when there were others.
    ///
    /// The matching records are read newest saved first, a window at a time: a few more than
    /// `limit` usually suffice, and the window grows (up to `LOOKUP_ROWS`) only while the same
    /// people fill it. Within the window the visits are ordered by their date.
    pub fn find_returning(&self, typed: &str, limit: usize) -> super::Result<Returning> {
        let Some(query) = fts_query(typed) else {
            return Ok(Returning::default());
        };
        // Each matching record with its visits, newest saved first, stepped through only as far
        // as needed; a record without a visit still counts as read.
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT f.rowid, p.id, v.started_at, v.started_ms, v.rowid, {PERSON_COLUMNS}
                 FROM people_fts f
                 JOIN people p ON p.rowid = f.rowid
                 LEFT JOIN visits v ON v.person_id = p.id
                 WHERE people_fts MATCH ?1
                 ORDER BY f.rowid DESC"
        ))?;
        let mut rows = statement.query([&query])?;
        rows.advance()?;
        let mut window = limit + 1;
        let mut seen: Vec<Seen> = Vec::new();
        let (mut read, mut last_record) = (0, None);
        loop {
            // Fill the window: read rows until one of a record past it is the current row.
            let exhausted = loop {
                let Some(row) = rows.get() else {
                    break true;
                };
                let record: i64 = row.get(0)?;
                if last_record != Some(record) {
                    if read == window {
                        break false;
                    }
                    read += 1;
                    last_record = Some(record);
                }
                seen.extend(visit_at(row)?);
                rows.advance()?;
            };
            seen.sort_by_key(|s| std::cmp::Reverse((s.started_ms, s.visit_rowid)));
            let mut people = distinct(&seen, limit + 1);
            if people.len() > limit {
                people.truncate(limit);
                return Ok(Returning { people, more: true });
            }
            if exhausted || window >= LOOKUP_ROWS {
                return Ok(Returning {
                    people,
                    more: !exhausted,
                });
            }
            // Each record can bring at most one more person.
            window = (window + limit + 1 - people.len()).min(LOOKUP_ROWS);
        }
    }
}

/// The visit of a lookup row, if its record has one.
fn visit_at(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Seen>> {
    let Some(started_ms) = r.get::<_, Option<i64>>(3)? else {
        return Ok(None);
    };
    Ok(Some(Seen {
        started_ms,
        visit_rowid: r.get(4)?,
        found: ReturningPerson {
            person: person_at(r, 5, r.get(1)?)?,
            seen_at: r.get(2)?,
        },
    }))
}

/// Up to `at_most` people from visits ordered newest first, each once: by their stable id, or
/// where two records read alike (names, birth date, AHV) as one line.
fn distinct(seen: &[Seen], at_most: usize) -> Vec<ReturningPerson> {
    let same = |a: &PersonRecord, b: &PersonRecord| {
        (a.stable_id.is_some() && a.stable_id == b.stable_id)
            || (a.official_name == b.official_name
                && a.first_name == b.first_name
                && a.birth_date == b.birth_date
                && a.vn == b.vn)
    };
    let mut people: Vec<ReturningPerson> = Vec::new();
    for Seen { found, .. } in seen {
        if !people.iter().any(|p| same(&p.person, &found.person)) {
            if people.len() == at_most {
                break;
            }
            people.push(found.clone());
        }
    }
    people
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Ahvn13, Person, ResidenceStatus, Urgency, Visit, VisitKind};

    fn visit(official: &str, first: &str, vn: Option<Ahvn13>) -> Visit {
        Visit {
            id: uuid::Uuid::now_v7(),
            desk_id: "d".into(),
            staff_id: "s".into(),
            started_at: chrono::Local::now().fixed_offset(),
            ended_at: None,
            kind: VisitKind::Identified,
            urgency: Urgency::Normal,
            person: Some(Person {
                key: None,
                official_name: official.into(),
                first_name: first.into(),
                birth_date: None,
                vn,
                sex: None,
                nationality: None,
                language: None,
                residence: ResidenceStatus::None,
                commune_of_stay: None,
                support_domicile: None,
                phone: None,
            }),
            topics: vec![],
            information: vec![],
            competence: None,
            referrals: vec![],
            interpreter: None,
            consent_to_export: false,
            waiting_seconds: None,
            note: None,
            financial: None,
            reason: None,
            interpreter_needed: false,
            visitor_language: None,
        }
    }

    #[test]
    fn names_are_found_by_their_start_without_accents_and_each_person_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        let vn = Ahvn13::from_body(123_456_789);
        store
            .insert_visits([
                visit("Müller", "Anna", None),
                visit("Müller", "Anna", None),
                visit("Muller", "Jean", None),
                visit("Gonçalves", "Inês", Some(vn)),
                visit("حداد", "فاطمة", None),
            ])
            .unwrap();
        let names = |q: &str| -> Vec<String> {
            store
                .find_returning(q, 10)
                .unwrap()
                .people
                .into_iter()
                .map(|p| format!("{} {}", p.person.official_name, p.person.first_name))
                .collect()
        };
        // The most recently seen first.
        assert_eq!(names("muller"), ["Muller Jean", "Müller Anna"]);
        assert_eq!(names("mül"), ["Muller Jean", "Müller Anna"]);
        assert_eq!(names("muller anna"), ["Müller Anna"]);
        assert_eq!(names("goncalves ines"), ["Gonçalves Inês"]);
        assert_eq!(names("حد"), ["حداد فاطمة"]);
        assert_eq!(
            names(&vn.to_string()[..8]),
            ["Gonçalves Inês"],
            "by the start of the AHV number, dots and all"
        );
        assert!(names("zzz").is_empty());
        assert!(names("\"").is_empty() && names("").is_empty());
    }

    #[test]
    fn a_frequent_visitor_does_not_crowd_out_the_others_and_more_says_when_there_are_more() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        let others = [
            "Amal", "Bassam", "Dalia", "Elias", "Farid", "Ghada", "Hani", "Iman", "Jad",
        ];
        store
            .insert_visits(others.iter().map(|first| visit("Haddad", first, None)))
            .unwrap();
        // Saved last, twenty times: the newest records all hers.
        store
            .insert_visits((0..20).map(|_| visit("Haddad", "Fatima", None)))
            .unwrap();
        let firsts = |limit: usize| {
            let found = store.find_returning("hadd", limit).unwrap();
            let names: Vec<String> = found
                .people
                .into_iter()
                .map(|p| p.person.first_name)
                .collect();
            (names, found.more)
        };
        let (all, more) = firsts(10);
        assert_eq!(
            all,
            [
                "Fatima", "Jad", "Iman", "Hani", "Ghada", "Farid", "Elias", "Dalia", "Bassam",
                "Amal"
            ]
        );
        assert!(!more, "ten people, ten listed");
        let (eight, more) = firsts(8);
        assert_eq!(eight, all[..8]);
        assert!(more, "two more people than listed");
        let (nine, more) = firsts(9);
        assert_eq!(nine, all[..9]);
        assert!(more, "one more");
    }

    #[test]
    fn a_name_in_another_script_is_found_by_its_latin_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        store
            .insert_visits([
                visit("شاهين", "أحمد", None),
                visit("ዘርኡ", "ተስፋይ", None),
                visit("Шевченко", "Олена", None),
                visit("Zenhäusern", "Rita", None),
            ])
            .unwrap();
        let names = |q: &str| -> Vec<String> {
            store
                .find_returning(q, 10)
                .unwrap()
                .people
                .into_iter()
                .map(|p| p.person.official_name)
                .collect()
        };
        assert_eq!(names("shahin"), ["شاهين"]);
        assert_eq!(names("shahin ahmad"), ["شاهين"]);
        assert_eq!(names("zeru"), ["ዘርኡ"]);
        assert_eq!(names("zeru tesfay"), ["ዘርኡ"]);
        assert_eq!(names("shevchenko"), ["Шевченко"]);
        assert_eq!(names("zenh"), ["Zenhäusern"], "Latin names as before");
        assert!(names("shahin zeru").is_empty(), "every word must match");
    }

    #[test]
    fn erasing_a_person_blanks_the_latin_spelling_of_their_name_too() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        store.insert_visits([visit("شاهين", "أحمد", None)]).unwrap();
        let found = store.find_returning("shahin", 10).unwrap().people;
        let key = found[0].person.stable_id.clone().unwrap();
        store.erase_person(&key, "admin").unwrap().unwrap();
        assert!(
            store
                .find_returning("shahin", 10)
                .unwrap()
                .people
                .is_empty()
        );
        let left: i64 = store
            .conn
            .query_row("SELECT count(*) FROM people WHERE latin <> ''", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(left, 0);
    }
}
