//! `persons duplicates`: persons who may be one are listed by the rule that found them; a
//! different person with the same surname is not; nothing is merged.

mod common;
use common::{Sandbox, stderr};
use intake_desk::domain::Ahvn13;

fn visit(
    official: &str,
    first: &str,
    born: &str,
    vn: Option<u32>,
    commune: Option<u32>,
) -> intake_desk::domain::Visit {
    let mut visit = common::visits::identified(official, first, born);
    let person = common::visits::person(&mut visit);
    person.vn = vn.map(Ahvn13::from_body);
    person.commune_of_stay = commune;
    visit
}

#[test]
fn each_rule_finds_its_pair_and_a_namesake_is_left_alone() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    // Each visit typed anew: seven persons.
    intake_desk::store::Store::open(&db)
        .unwrap()
        .insert_visits([
            visit("Haddad", "Fatima", "1985", Some(921707698), None),
            visit("Hadad", "Fatma", "1986", Some(921707698), None),
            visit("Müller", "Anna", "1971-05-03", None, None),
            visit("MULLER", "anna", "1971-05-03", None, None),
            visit("Favre", "Luc", "1990", None, Some(6266)),
            visit("Favre", "Luc", "1990-04", None, Some(6266)),
            visit("Müller", "Peter", "1971-05-03", None, None),
        ])
        .unwrap();
    let out = sandbox.run(&[
        "persons",
        "duplicates",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pairs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String, String)> = pairs
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let mut names = [
                p["a"]["official_name"].as_str().unwrap().to_string(),
                p["b"]["official_name"].as_str().unwrap().to_string(),
            ];
            names.sort();
            let [a, b] = names;
            (a, b, p["rule"].as_str().unwrap().to_string())
        })
        .collect();
    let mut found = found;
    found.sort();
    assert_eq!(
        found,
        [
            (
                "Favre".into(),
                "Favre".into(),
                "names-birth-year-commune".into()
            ),
            ("Hadad".into(), "Haddad".into(), "ahv".into()),
            ("MULLER".into(), "Müller".into(), "names-birth-date".into()),
        ],
        "Peter Müller, the same surname and birth date, is another person"
    );
    // Nothing was merged: seven persons still.
    let conn = common::raw(&db);
    let persons: i64 = conn
        .query_row("SELECT count(*) FROM persons", [], |r| r.get(0))
        .unwrap();
    assert_eq!(persons, 7);
}

#[test]
fn every_record_of_a_person_counts_not_only_the_latest() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut store = intake_desk::store::Store::open(&db).unwrap();
    let first = visit("Kelmendi", "Agon", "1980", Some(921707698), None);
    let other = visit("Krasniqi", "Agim", "1982", Some(921707698), None);
    store.insert_visits([&first, &other]).unwrap();
    // Kelmendi comes again, recognised, and this time gives no AHV number.
    let key = store
        .visit_record(&first.id.to_string())
        .unwrap()
        .unwrap()
        .person
        .unwrap()
        .stable_id
        .unwrap();
    let mut again = visit("Kelmendi", "Agon", "1980", None, None);
    common::visits::person(&mut again).key = Some(key.parse().unwrap());
    store.insert_visits([&again]).unwrap();
    let pairs = store.duplicate_candidates().unwrap();
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert_eq!(pairs[0].rule, "ahv");
    let out = sandbox.run(&["persons", "duplicates", "--db", db.to_str().unwrap()]);
    assert!(common::stdout(&out).contains("[ahv]"));
    // An empty list says so.
    let empty = Sandbox::new();
    drop(intake_desk::store::Store::open(&empty.db()).unwrap());
    let out = empty.run(&[
        "persons",
        "duplicates",
        "--db",
        empty.db().to_str().unwrap(),
    ]);
    assert_eq!(
        common::stdout(&out).trim(),
        "no persons resemble each other"
    );
}
