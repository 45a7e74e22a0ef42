//! `persons merge A B` and `persons split B`: a merge moves every visit of B to A (each visit
//! revised, so the export corrects it), a split puts back exactly what the merge moved, both are
//! in the audit log; the duplicate check on save finds each rule's look-alike.

mod common;
use common::{Sandbox, stderr, stdout};
use intake_desk::domain::Ahvn13;
use intake_desk::store::{Likeness, Store};

/// Each person's visits (ids) and their latest names, by stable id.
fn persons(db: &std::path::Path) -> Vec<(String, Vec<String>)> {
    let conn = common::raw(db);
    let mut statement = conn
        .prepare(
            "SELECT s.id, group_concat(v.id, ',') FROM persons s
             JOIN people p ON p.person_key = s.id JOIN visits v ON v.person_id = p.id
             GROUP BY s.id ORDER BY s.id",
        )
        .unwrap();
    statement
        .query_map([], |r| {
            let visits: String = r.get(1)?;
            let mut visits: Vec<String> = visits.split(',').map(str::to_string).collect();
            visits.sort();
            Ok((r.get(0)?, visits))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn key_of(store: &Store, visit: &uuid::Uuid) -> String {
    store
        .visit_record(&visit.to_string())
        .unwrap()
        .unwrap()
        .person
        .unwrap()
        .stable_id
        .unwrap()
}

/// The revision a visit is at.
fn revision_of(conn: &rusqlite::Connection, visit: &uuid::Uuid) -> i64 {
    conn.query_row(
        "SELECT revision FROM visits WHERE id = ?1",
        [visit.to_string()],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn merge_then_split_restores_both_persons_and_both_are_audited() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db_arg = db.to_str().unwrap();
    let first = common::visits::identified("Haddad", "Fatima", "1985-02-01");
    let mut second = common::visits::identified("Hadad", "Fatma", "1985-02-01");
    common::visits::person(&mut second).vn = Some(Ahvn13::from_body(921707698));
    let mut first = first;
    common::visits::person(&mut first).vn = Some(Ahvn13::from_body(921707698));
    let other = common::visits::identified("Favre", "Luc", "1990");
    let mut store = Store::open(&db).unwrap();
    store.insert_visits([&first, &second, &other]).unwrap();
    let (kept, merged) = (key_of(&store, &first.id), key_of(&store, &second.id));
    drop(store);
    let before = persons(&db);
    assert_eq!(before.len(), 3);

    let out = sandbox.run(&["persons", "merge", &kept, &merged, "--db", db_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("1 visit(s) moved"),
        "{}",
        stdout(&out)
    );
    let joined = persons(&db);
    let mut both = vec![first.id.to_string(), second.id.to_string()];
    both.sort();
    assert!(joined.contains(&(kept.clone(), both)), "{joined:?}");
    assert_eq!(joined.len(), 2, "{joined:?}");
    // The moved visit is revised (the export corrects it) and shows its new person.
    let store = Store::open_read(&db).unwrap();
    let moved = store.visit_record(&second.id.to_string()).unwrap().unwrap();
    assert_eq!(moved.revision, 2);
    assert_eq!(moved.person.unwrap().stable_id.as_deref(), Some(&*kept));
    assert_eq!(store.revisions(&second.id.to_string()).unwrap().len(), 1);
    drop(store);

    // Merging again, or into a person merged away, is refused with the reason.
    let again = sandbox.run(&["persons", "merge", &kept, &merged, "--db", db_arg]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("merged into"), "{}", stderr(&again));
    // Two persons who resemble by no rule: a mistyped id, most likely; refused unless asked for.
    let favre = {
        let store = Store::open_read(&db).unwrap();
        key_of(&store, &other.id)
    };
    let unlike = sandbox.run(&["persons", "merge", &kept, &favre, "--db", db_arg]);
    assert_eq!(unlike.status.code(), Some(2));
    assert!(stderr(&unlike).contains("--unlike"), "{}", stderr(&unlike));
    let unknown = sandbox.run(&["persons", "merge", &kept, "nobody", "--db", db_arg]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("no person with the id nobody"));

    let out = sandbox.run(&["persons", "split", &merged, "--db", db_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(persons(&db), before, "both persons as they were");
    let nothing = sandbox.run(&["persons", "split", &merged, "--db", db_arg]);
    assert_eq!(nothing.status.code(), Some(2), "{}", stderr(&nothing));

    let conn = common::raw(&db);
    let audit: Vec<(String, String, String)> = conn
        .prepare(
            "SELECT action, entity, staff FROM audit_trail
             WHERE action IN ('merge', 'split') ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        audit,
        [
            ("merge".into(), "person-merge".into(), common::STAFF.into()),
            ("split".into(), "person-merge".into(), common::STAFF.into())
        ]
    );
    assert_eq!(
        revision_of(&conn, &second.id),
        3,
        "the split is a revision too"
    );
}

#[test]
fn a_visit_for_a_person_merged_away_goes_to_the_person_kept() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let first = common::visits::identified("Haddad", "Fatima", "1985-02-01");
    let second = common::visits::identified("Hadad", "Fatma", "1985-02-01");
    let mut store = Store::open(&db).unwrap();
    store.insert_visits([&first, &second]).unwrap();
    let (kept, merged) = (key_of(&store, &first.id), key_of(&store, &second.id));
    store.merge_persons(&kept, &merged, "mb").unwrap();
    // A desk had taken the merged person over before the merge and saves now.
    let mut late = common::visits::identified("Hadad", "Fatma", "1985-02-01");
    common::visits::person(&mut late).key = Some(merged.parse().unwrap());
    store.insert_visits([&late]).unwrap();
    assert_eq!(key_of(&store, &late.id), kept);
    // The split gives back only what the merge moved: the late visit stays with the kept person.
    store.split_person(&merged, "mb").unwrap();
    assert_eq!(key_of(&store, &second.id), merged);
    assert_eq!(key_of(&store, &late.id), kept);
}

#[test]
fn the_check_on_save_finds_each_rule_and_leaves_a_namesake_alone() {
    let sandbox = Sandbox::new();
    let mut store = Store::open(&sandbox.db()).unwrap();
    let mut by_ahv = common::visits::identified("Tesfay", "Yonas", "1992");
    common::visits::person(&mut by_ahv).vn = Some(Ahvn13::from_body(921707698));
    let by_date = common::visits::identified("Müller", "Anna", "1971-05-03");
    let mut by_commune = common::visits::identified("Favre", "Luc", "1990-04");
    common::visits::person(&mut by_commune).commune_of_stay = Some(6266);
    store
        .insert_visits([&by_ahv, &by_date, &by_commune])
        .unwrap();

    let rule_for = |visit: intake_desk::domain::Visit| -> Vec<&'static str> {
        let likeness = Likeness::of_person(visit.person.as_ref().unwrap());
        store
            .resembling(&likeness, None, 5)
            .unwrap()
            .into_iter()
            .map(|r| r.rule)
            .collect()
    };
    let mut ahv = common::visits::identified("Tesfai", "Jonas", "1993");
    common::visits::person(&mut ahv).vn = Some(Ahvn13::from_body(921707698));
    assert_eq!(rule_for(ahv), ["ahv"]);
    assert_eq!(
        rule_for(common::visits::identified("MULLER", "anna", "1971-05-03")),
        ["names-birth-date"]
    );
    let mut commune = common::visits::identified("Favre", "Luc", "1990");
    common::visits::person(&mut commune).commune_of_stay = Some(6266);
    assert_eq!(rule_for(commune), ["names-birth-year-commune"]);
    // The same surname and birth date, another first name: another person.
    assert!(rule_for(common::visits::identified("Müller", "Peter", "1971-05-03")).is_empty());
    // The same names, birth year, but no commune given: not enough.
    assert!(rule_for(common::visits::identified("Favre", "Luc", "1990")).is_empty());
}

#[test]
fn a_returning_person_with_changed_details_is_at_a_new_revision_and_the_same_details_are_not() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let first = common::visits::identified("Haddad", "Fatima", "1985-02-01");
    let mut store = Store::open(&db).unwrap();
    store.insert_visits([&first]).unwrap();
    let key = key_of(&store, &first.id);
    let revision = || -> i64 {
        common::raw(&db)
            .query_row("SELECT revision FROM persons WHERE id = ?1", [&key], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let again = |phone: Option<&str>| {
        let mut visit = common::visits::identified("Haddad", "Fatima", "1985-02-01");
        let person = common::visits::person(&mut visit);
        person.key = Some(key.parse().unwrap());
        person.phone = phone.map(str::to_string);
        visit
    };
    store.insert_visits([again(None)]).unwrap();
    assert_eq!(revision(), 1, "nothing changed");
    store.insert_visits([again(Some("079 111 22 33"))]).unwrap();
    assert_eq!(revision(), 2, "a new phone");
    // The earlier record stays with its visit.
    assert!(
        store
            .visit_record(&first.id.to_string())
            .unwrap()
            .unwrap()
            .person
            .unwrap()
            .phone
            .is_none()
    );
}

#[test]
fn two_merges_of_the_same_persons_at_once_merge_once_and_the_other_says_why() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let first = common::visits::identified("Haddad", "Fatima", "1985-02-01");
    let second = common::visits::identified("HADDAD", "fatima", "1985-02-01");
    let store = {
        let mut store = Store::open(&db).unwrap();
        store.insert_visits([&first, &second]).unwrap();
        store
    };
    let (kept, merged) = (key_of(&store, &first.id), key_of(&store, &second.id));
    drop(store);
    let db_arg = db.to_str().unwrap();
    // Two desks (or a double Enter) at the same moment.
    let children: Vec<_> = (0..2)
        .map(|_| sandbox.spawn(&["persons", "merge", &kept, &merged, "--db", db_arg], &[]))
        .collect();
    let mut codes: Vec<i32> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap().status.code().unwrap())
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [0, 2],
        "one merges, the other is told it is merged already"
    );
    let conn = common::raw(&db);
    let merges: i64 = conn
        .query_row("SELECT count(*) FROM person_merges", [], |r| r.get(0))
        .unwrap();
    assert_eq!(merges, 1);
    assert_eq!(revision_of(&conn, &second.id), 2, "moved once");
}

#[test]
fn spellings_as_passports_write_them_are_the_same_names_and_the_matching_record_is_shown() {
    let sandbox = Sandbox::new();
    let mut store = Store::open(&sandbox.db()).unwrap();
    let zenhausern = common::visits::identified("Zenhäusern", "Anna", "2001-04-10");
    let heritier = common::visits::identified("Héritier", "Jean-Marc", "1970-03-03");
    // A person whose AHV number was given once, at an earlier visit.
    let mut with_ahv = common::visits::identified("Muster", "Hans", "1990-01-01");
    common::visits::person(&mut with_ahv).vn = Some(Ahvn13::from_body(921707698));
    store
        .insert_visits([&zenhausern, &heritier, &with_ahv])
        .unwrap();
    let key = key_of(&store, &with_ahv.id);
    let mut later = common::visits::identified("Muster", "Hans", "1990");
    common::visits::person(&mut later).key = Some(key.parse().unwrap());
    store.insert_visits([&later]).unwrap();

    let found = |visit: intake_desk::domain::Visit| {
        let likeness = Likeness::of_person(visit.person.as_ref().unwrap());
        store.resembling(&likeness, None, 5).unwrap()
    };
    let one = found(common::visits::identified(
        "Zenhaeusern",
        "Anna",
        "2001-04-10",
    ));
    assert_eq!(one.len(), 1, "ae for ä");
    assert_eq!(one[0].person.official_name, "Zenhäusern");
    assert_eq!(
        found(common::visits::identified(
            "heritier",
            "Jean Marc",
            "1970-03-03"
        ))
        .len(),
        1
    );
    // The record shown beside the visit is the one that matched: with its AHV number, not the
    // later one without.
    let mut typed = common::visits::identified("Meier", "Hans", "1991");
    common::visits::person(&mut typed).vn = Some(Ahvn13::from_body(921707698));
    let by_ahv = found(typed);
    assert_eq!(by_ahv[0].rule, "ahv");
    assert_eq!(by_ahv[0].person.vn.as_deref(), Some("7569217076985"));
    assert_eq!(by_ahv[0].person.birth_date.as_deref(), Some("1990-01-01"));
    assert_eq!(by_ahv[0].visits, 2);
}
