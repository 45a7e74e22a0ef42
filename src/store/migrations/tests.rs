//! Migrations from every earlier schema, and the data steps that go with them.
use super::*;

#[test]
fn version_17_gives_names_in_other_scripts_their_latin_skeleton_in_the_name_index() {
    let conn = Connection::open_in_memory().unwrap();
    migrate_to(&conn, 16).unwrap();
    for (id, official, first) in [("a", "شاهين", "أحمد"), ("b", "Favre", "Luc")] {
        conn.execute(
            "INSERT INTO people (id, official_name, first_name, created_at) VALUES (?1, ?2, ?3, '')",
            (id, official, first),
        )
        .unwrap();
    }
    migrate(&conn).unwrap();
    let a: String = conn
        .query_row("SELECT latin FROM people WHERE id = 'a'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(a, crate::text::latin_key("shahin ahmad"));
    let found: Vec<String> = conn
        .prepare("SELECT p.id FROM people_fts f JOIN people p ON p.rowid = f.rowid WHERE people_fts MATCH 'latin : \"shn\"*'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(found, ["a"]);
    let latin: String = conn
        .query_row("SELECT latin FROM people WHERE id = 'b'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(latin, "", "Latin names are found as written");
}

#[test]
fn version_9_joins_visits_by_ahv_number_or_names_and_birth_date_and_nothing_else() {
    let conn = Connection::open_in_memory().unwrap();
    migrate_to(&conn, 8).unwrap();
    // (record, official name, first name, birth date, AHV number)
    let records = [
        ("a1", "Haddad", "Fatima", None, Some("7569217076985")),
        ("a2", "Hadad", "Fatma", Some("1985"), Some("7569217076985")),
        ("b1", "Müller", "Anna", Some("1971-05-03"), None),
        ("b2", "MULLER", "anna", Some("1971-05-03"), None),
        ("c1", "Favre", "Luc", Some("1990-01-01"), None),
        ("c2", "Favre", "Luc", Some("1991-01-01"), None),
        ("d", "Müller", "Peter", Some("1971-05-03"), None),
        ("e1", "Zenhäusern", "Rita", Some("1960"), None),
        ("e2", "Zenhäusern", "Rita", Some("1960"), None),
    ];
    for (id, official, first, birth, vn) in records {
        conn.execute(
            "INSERT INTO people (id, official_name, first_name, birth_date, vn, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'x')",
            rusqlite::params![id, official, first, birth, vn],
        )
        .unwrap();
    }
    migrate(&conn).unwrap();
    let key = |id: &str| -> String {
        conn.query_row("SELECT person_key FROM people WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    };
    assert_eq!(key("a1"), key("a2"), "the same AHV number");
    assert_eq!(
        key("b1"),
        key("b2"),
        "the same names, folded, and birth date"
    );
    assert_ne!(key("c1"), key("c2"), "another birth date");
    assert_ne!(key("d"), key("b1"), "the same surname only");
    assert_ne!(key("e1"), key("e2"), "a birth year alone does not join");
    let persons: i64 = conn
        .query_row("SELECT count(*) FROM persons", [], |r| r.get(0))
        .unwrap();
    assert_eq!(persons, 7);
}

#[test]
fn versions_10_and_11_keep_the_folded_names_and_each_persons_latest_answer_and_next_change() {
    let conn = Connection::open_in_memory().unwrap();
    migrate_to(&conn, 9).unwrap();
    conn.execute_batch(
        "INSERT INTO persons (id, created_at) VALUES ('k', 'x'), ('l', 'x');
         INSERT INTO people (id, official_name, first_name, created_at, person_key) VALUES
            ('p-a', 'Zenhäusern', 'Rita', 'x', 'k'), ('p-b', 'ZENHAUSERN', 'rita', 'x', 'k'),
            ('p-c', 'Favre', 'Luc', 'x', 'l');
         INSERT INTO visits (id, desk_id, staff_id, started_at, started_ms, kind, urgency,
                             person_id, updated_at, stage_data) VALUES
            ('a', 'd', 's', 'early', 1, 'identified', 'normal', 'p-a', 'x',
             '{\"competence\": {\"inputs\": {\"n\": 1}}}'),
            ('b', 'd', 's', 'late', 2, 'identified', 'normal', 'p-b', 'x',
             '{\"competence\": {\"inputs\": {\"n\": 2}, \"next_change\": {\"on\": \"2027-01-15\"}}}'),
            ('c', 'd', 's', 'later', 3, 'identified', 'normal', 'p-c', 'x', '{}');",
    )
    .unwrap();
    migrate(&conn).unwrap();
    let names: Vec<String> = conn
        .prepare("SELECT DISTINCT name_key FROM people WHERE person_key = 'k'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(names, ["zenhausern\u{1f}rita"]);
    let latest = |key: &str| -> (Option<String>, Option<String>) {
        conn.query_row(
            "SELECT competence_at, json_extract(competence, '$.inputs.n') FROM persons WHERE id = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.map(|n| n.to_string()))),
        )
        .unwrap()
    };
    assert_eq!(latest("k"), (Some("late".into()), Some("2".into())));
    assert_eq!(latest("l"), (None, None), "no answer to keep");
    // Version 11: the day of the next change, for the worklist.
    let next: Option<String> = conn
        .query_row(
            "SELECT next_change_on FROM persons WHERE id = 'k'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(next.as_deref(), Some("2027-01-15"));
}

#[test]
fn version_7_numbers_the_visits_due_for_export_and_their_rows_as_saved_before() {
    let conn = Connection::open_in_memory().unwrap();
    migrate_to(&conn, 6).unwrap();
    conn.execute_batch(
        "INSERT INTO people (id, official_name, first_name, created_at) VALUES
            ('p-a', 'A', 'A', 'x'), ('p-b', 'B', 'B', 'x');
         INSERT INTO visits (id, desk_id, staff_id, started_at, started_ms, kind, urgency,
                             person_id, consent_to_export, updated_at) VALUES
            ('a', 'd', 's', 't', 1, 'identified', 'normal', 'p-a', 1, 'x'),
            ('n', 'd', 's', 't', 2, 'information', 'normal', NULL, 0, 'x'),
            ('b', 'd', 's', 't', 3, 'identified', 'normal', 'p-b', 0, 'x');
         INSERT INTO interpreter_use (visit_id, language, mode, minutes) VALUES ('a', 'tir', 'phone', 5);
         INSERT INTO referrals (visit_id, service_id, status) VALUES ('a', 'lavi', 'referred'),
                                                                      ('b', 'lavi', 'referred');",
    )
    .unwrap();
    migrate(&conn).unwrap();
    let seq = |sql: &str| -> Option<i64> { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let a = seq("SELECT export_seq FROM visits WHERE id = 'a'");
    assert!(a.is_some(), "the identified visit with consent is numbered");
    assert_eq!(seq("SELECT export_seq FROM visits WHERE id = 'n'"), None);
    assert_eq!(
        seq("SELECT export_seq FROM visits WHERE id = 'b'"),
        None,
        "no consent"
    );
    assert_eq!(seq("SELECT export_seq FROM people WHERE id = 'p-a'"), a);
    assert_eq!(
        seq("SELECT export_seq FROM interpreter_use WHERE visit_id = 'a'"),
        a
    );
    assert_eq!(
        seq("SELECT export_seq FROM referrals WHERE visit_id = 'a'"),
        a
    );
    assert_eq!(
        seq("SELECT export_seq FROM referrals WHERE visit_id = 'b'"),
        None
    );
}
