//! Correcting a saved visit keeps every earlier version (revisions), never a silent overwrite.

mod common;
use common::{Sandbox, stderr, stdout};
use intake_desk::domain::{Person, ResidenceStatus, Urgency, Visit, VisitKind};
use intake_desk::store::{Correction, Store};

fn visit(person: bool) -> Visit {
    Visit {
        id: uuid::Uuid::now_v7(),
        desk_id: "desk-1".into(),
        staff_id: "mb".into(),
        started_at: chrono::Local::now().fixed_offset(),
        ended_at: None,
        kind: if person {
            VisitKind::Identified
        } else {
            VisitKind::Information
        },
        urgency: Urgency::Normal,
        person: person.then(|| Person {
            key: None,
            official_name: "Gonçalvez".into(),
            first_name: "Ines".into(),
            birth_date: Some("1979".parse().unwrap()),
            vn: None,
            sex: None,
            nationality: None,
            language: None,
            residence: ResidenceStatus::B,
            commune_of_stay: None,
            support_domicile: None,
            phone: None,
        }),
        topics: vec!["social-assistance".into()],
        information: vec![],
        competence: None,
        referrals: vec![],
        interpreter: None,
        consent_to_export: person,
        waiting_seconds: Some(30),
        note: Some("first contact".into()),
        financial: None,
        reason: None,
        interpreter_needed: false,
        visitor_language: None,
    }
}

#[test]
fn each_correction_keeps_the_version_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("v.db")).unwrap();
    let v = visit(true);
    let id = v.id.to_string();
    store.insert_visits([&v]).unwrap();

    let names = Correction::Names {
        official_name: "Gonçalves".into(),
        first_name: "Inês".into(),
    };
    assert_eq!(store.correct_visit(&id, &names, "mb").unwrap(), 2);
    assert_eq!(
        store
            .correct_visit(
                &id,
                &Correction::FollowUpNote("called back, appointment made".into()),
                "mb"
            )
            .unwrap(),
        3
    );

    let now = store.visit_record(&id).unwrap().unwrap();
    assert_eq!(now.revision, 3);
    assert_eq!(now.person.as_ref().unwrap().official_name, "Gonçalves");
    let note = now.note.unwrap();
    assert!(
        note.starts_with("first contact\n[") && note.ends_with("called back, appointment made"),
        "{note}"
    );

    let revisions = store.revisions(&id).unwrap();
    assert_eq!(
        revisions.iter().map(|r| r.revision).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(
        revisions[0].record["person"]["official_name"], "Gonçalvez",
        "the first version, as saved"
    );
    assert_eq!(revisions[0].record["note"], "first contact");
    assert_eq!(revisions[1].record["person"]["official_name"], "Gonçalves");
    assert_eq!(revisions[1].record["note"], "first contact");
}

#[test]
fn an_invalid_correction_changes_nothing_and_an_anonymous_visit_has_no_person() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("v.db")).unwrap();
    let (identified, anonymous) = (visit(true), visit(false));
    store.insert_visits([&identified, &anonymous]).unwrap();
    let empty = Correction::Names {
        official_name: " ".into(),
        first_name: "Inês".into(),
    };
    assert!(
        store
            .correct_visit(&identified.id.to_string(), &empty, "mb")
            .is_err()
    );
    assert!(
        store
            .correct_visit(
                &anonymous.id.to_string(),
                &Correction::BirthDate("1980".parse().unwrap()),
                "mb"
            )
            .is_err()
    );
    assert!(
        store
            .correct_visit("no-such-visit", &Correction::FollowUpNote("x".into()), "mb")
            .is_err()
    );
    for v in [&identified, &anonymous] {
        let id = v.id.to_string();
        assert_eq!(
            store.visit_record(&id).unwrap().unwrap().revision,
            1,
            "unchanged"
        );
        assert!(
            store.revisions(&id).unwrap().is_empty(),
            "no revision for a refused correction"
        );
    }
}

#[test]
fn the_cli_corrects_notes_and_shows_every_revision() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let v = visit(true);
    Store::open(&db).unwrap().insert_visits([&v]).unwrap();
    let (db, id) = (db.to_str().unwrap(), v.id.to_string());
    let out = sandbox.run(&[
        "visits",
        "correct",
        &id,
        "--birth-date",
        "1979-03",
        "--db",
        db,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("now at revision 2"));
    let out = sandbox.run(&["visits", "note", &id, "documents brought", "--db", db]);
    assert!(
        stdout(&out).contains("now at revision 3"),
        "{}",
        stdout(&out)
    );
    let out = sandbox.run(&["visits", "correct", &id, "--birth-date", "2099", "--db", db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("in the future"), "{}", stderr(&out));

    let out = sandbox.run(&["visits", "show", &id, "--db", db]);
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["revision"], 3);
    assert_eq!(shown["person"]["birth_date"], "1979-03");
    let revisions = shown["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[0]["record"]["person"]["birth_date"], "1979");
    assert!(revisions[0]["replaced_at"].as_str().is_some());
}
