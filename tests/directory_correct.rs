//! `intake-desk directory correct`: a desk corrects or completes a service; the correction is
//! kept in the database with who and when, laid over the data (never written into it), shown in
//! the search, the slip and the list of stale entries; an empty value takes it back.

mod common;
use common::{Sandbox, stderr, stdout};

fn search(sandbox: &Sandbox, db: &str, query: &str) -> serde_json::Value {
    let out = sandbox.run(&["directory", "search", query, "--db", db, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()[0].clone()
}

#[test]
fn a_corrected_phone_is_shown_marked_and_taken_back_by_an_empty_value() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    drop(intake_desk::store::Store::open(std::path::Path::new(db)).unwrap());
    let before = search(&sandbox, db, "caritas");
    assert_eq!(before["id"], "caritas-vs");
    assert!(
        before["phone"].is_null(),
        "no public source gives Caritas Valais's number"
    );

    let out = sandbox.run(&[
        "directory",
        "correct",
        "caritas-vs",
        "--phone",
        "027 000 11 22",
        "--checked",
        "--db",
        db,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("phone, checked"), "{}", stdout(&out));
    let after = search(&sandbox, db, "caritas");
    assert_eq!(after["phone"], "027 000 11 22");
    let local: Vec<&str> = after["local"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(local, ["checked", "phone"]);
    assert_eq!(
        after["local"][1]["staff"],
        common::STAFF,
        "the staff signed in"
    );
    // The data files are untouched: another database knows nothing of it.
    let other = Sandbox::new();
    let fresh = search(&other, other.db().to_str().unwrap(), "caritas");
    assert!(fresh["phone"].is_null());
    // Checked today: not stale a year from now, unlike the others checked in November 2026.
    let out = sandbox.run(&[
        "directory",
        "stale",
        "--on",
        "2027-12-01",
        "--db",
        db,
        "--format",
        "json",
    ]);
    assert!(!stdout(&out).contains("\"caritas-vs\""), "{}", stdout(&out));

    // Taken back: the data's (unknown) phone again; the correction stays on record.
    let out = sandbox.run(&[
        "directory",
        "correct",
        "caritas-vs",
        "--phone",
        "",
        "--db",
        db,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(search(&sandbox, db, "caritas")["phone"].is_null());
    let conn = common::raw(db);
    let kept: i64 = conn
        .query_row("SELECT count(*) FROM service_corrections", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 3);
    let audited: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_trail WHERE entity = 'service' AND action = 'correct' AND staff = ?1",
            [common::STAFF],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 3);
}

#[test]
fn a_bad_correction_is_refused_with_the_reason() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    for (args, why) in [
        (vec!["nowhere", "--phone", "1"], "no service with the id"),
        (vec!["caritas-vs"], "nothing to correct"),
        (
            vec!["caritas-vs", "--languages", "de;french"],
            "not language codes",
        ),
        (vec!["caritas-vs", "--phone", "027\u{1b}[2J"], "--phone"),
    ] {
        let mut full = vec!["directory", "correct"];
        full.extend(args.iter().copied());
        full.extend(["--db", db]);
        let out = sandbox.run(&full);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(why), "{args:?}: {}", stderr(&out));
    }
}
