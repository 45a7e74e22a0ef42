//! Finding returning visitors as staff type a name or an AHV number: a full-text prefix query,
//! never a scan, so a keystroke stays fast over a million visits.

use super::Store;
use super::records::{PERSON_COLUMNS, PersonRecord, person_at};

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

/// How many person records a lookup reads at most (the most recently saved that match), then
/// orders by their visit's date: far more than staff scroll through, few enough that a keystroke
/// stays fast for a common name start over a million visits.
const LOOKUP_ROWS: i64 = 300;

/// The people found, the most recently seen first, and whether there were more than listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Returning {
    pub people: Vec<ReturningPerson>,
    pub more: bool,
}

impl Store {
    /// People whose names or AHV number start with what was typed, by their last visit, the
    /// most recent first; the same person seen at several visits is listed once, as recorded at
    /// the last. At most `limit` people; `more` says when there were others.
    pub fn find_returning(&self, typed: &str, limit: usize) -> super::Result<Returning> {
        let Some(query) = fts_query(typed) else {
            return Ok(Returning::default());
        };
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT p.id, v.started_at, {PERSON_COLUMNS}
                 FROM (SELECT rowid FROM people_fts WHERE people_fts MATCH ?1
                       ORDER BY rowid DESC LIMIT ?2) f
                 JOIN people p ON p.rowid = f.rowid
                 JOIN visits v ON v.person_id = p.id
                 ORDER BY v.started_ms DESC, v.rowid DESC"
        ))?;
        let rows = statement.query_map(rusqlite::params![query, LOOKUP_ROWS], |r| {
            Ok(ReturningPerson {
                person: person_at(r, 2, r.get(0)?)?,
                seen_at: r.get(1)?,
            })
        })?;
        let mut people: Vec<ReturningPerson> = Vec::new();
        let mut read = 0;
        for found in rows {
            let found = found?;
            read += 1;
            // The same person seen at several visits is listed once: by their stable id, or
            // where two records read alike (names, birth date, AHV) as one line.
            let key = |p: &PersonRecord| {
                (
                    p.official_name.clone(),
                    p.first_name.clone(),
                    p.birth_date.clone(),
                    p.vn.clone(),
                )
            };
            let same = |p: &ReturningPerson| {
                (p.person.stable_id.is_some() && p.person.stable_id == found.person.stable_id)
                    || key(&p.person) == key(&found.person)
            };
            if !people.iter().any(same) {
                if people.len() == limit {
                    return Ok(Returning { people, more: true });
                }
                people.push(found);
            }
        }
        let more = read as i64 == LOOKUP_ROWS;
        Ok(Returning { people, more })
    }
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
