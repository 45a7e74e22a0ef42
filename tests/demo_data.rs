//! `intake-desk demo`: deterministic synthetic visits, kept apart from real ones.

mod common;
use common::{Sandbox, stderr, stdout};
use intake_desk::domain::{Urgency, Visit, VisitKind};
use intake_desk::store::Store;

fn dump(db: &std::path::Path) -> Vec<String> {
    let conn = common::raw(db);
    let mut stmt = conn
        .prepare(
            "SELECT v.id, v.started_at, v.kind, v.topics, coalesce(p.official_name, ''), coalesce(p.vn, '')
             FROM visits v LEFT JOIN people p ON p.id = v.person_id ORDER BY v.id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((0..6)
            .map(|i| r.get::<_, String>(i).unwrap())
            .collect::<Vec<_>>()
            .join("|"))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn the_same_seed_and_end_date_give_the_same_visits() {
    let sandbox = Sandbox::new();
    let args = |db: &str, seed: &str| {
        sandbox.run(&[
            "demo",
            "--visits",
            "300",
            "--seed",
            seed,
            "--until",
            "2026-10-31",
            "--db",
            db,
        ])
    };
    let (a, b, c) = (
        sandbox.path("a.db"),
        sandbox.path("b.db"),
        sandbox.path("c.db"),
    );
    for (db, seed) in [(&a, "4"), (&b, "4"), (&c, "5")] {
        let out = args(db.to_str().unwrap(), seed);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains("added 300 synthetic visits"));
    }
    let (a, b, c) = (dump(&a), dump(&b), dump(&c));
    assert_eq!(a.len(), 300);
    assert_eq!(a, b);
    assert_ne!(a, c);
    // Every visit lies within the 12 months before the end date.
    assert!(a.iter().all(|row| {
        let started = row.split('|').nth(1).unwrap();
        ("2025-10-31".."2026-11-01").contains(&started)
    }));
    // Names in several scripts: Latin with diacritics, Arabic, Ethiopic.
    let names: String = a.iter().map(|r| r.split('|').nth(4).unwrap()).collect();
    assert!(
        names
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
        "no Arabic script"
    );
    assert!(
        names
            .chars()
            .any(|c| ('\u{1200}'..='\u{137F}').contains(&c)),
        "no Ethiopic script"
    );
}

#[test]
fn demo_visits_show_up_as_counts() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    assert!(
        sandbox
            .run(&["demo", "--visits", "1000", "--db", db])
            .status
            .success()
    );
    let out = sandbox.run(&["db", "info", "--db", db]);
    let text = stdout(&out);
    assert!(text.contains("visits:          1000"), "{text}");
    let pending: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix("pending export:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pending > 100 && pending < 1000, "{pending}");
}

#[test]
fn demo_refuses_a_database_with_real_visits() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut store = Store::open(&db).unwrap();
    let visit = Visit {
        id: uuid::Uuid::now_v7(),
        desk_id: "SMZO Visp 1".into(),
        staff_id: "mb".into(),
        started_at: chrono::Local::now().fixed_offset(),
        ended_at: None,
        kind: VisitKind::Information,
        urgency: Urgency::Normal,
        person: None,
        topics: vec!["social-assistance".into()],
        information: vec![],
        competence: None,
        referrals: vec![],
        interpreter: None,
        consent_to_export: false,
        waiting_seconds: Some(60),
        note: None,
        financial: None,
        reason: None,
        interpreter_needed: false,
        visitor_language: None,
    };
    store.insert_visits([&visit]).unwrap();
    drop(store);
    let out = sandbox.run(&["demo", "--visits", "10", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("holds real visits"),
        "{}",
        stderr(&out)
    );
    assert_eq!(Store::open(&db).unwrap().visit_count().unwrap(), 1);
}

#[test]
fn demo_refuses_an_end_date_in_the_future() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&[
        "demo",
        "--visits",
        "1",
        "--until",
        "2999-01-01",
        "--db",
        sandbox.db().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("lies in the future"));
}

#[test]
fn demo_visits_carry_every_stage_in_plausible_proportions() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let out = sandbox.run(&[
        "demo",
        "--visits",
        "1000",
        "--until",
        "2026-11-20",
        "--db",
        db,
    ]);
    assert!(out.status.success());
    let out = sandbox.run(&[
        "visits",
        "list",
        "--db",
        db,
        "--format",
        "json",
        "--since",
        "2025-01-01",
    ]);
    let visits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(visits.len(), 1000);
    let share = |test: &dyn Fn(&serde_json::Value) -> bool| {
        visits.iter().filter(|v| test(v)).count() as f64 / visits.len() as f64
    };
    let information = share(&|v| v["kind"] == "information");
    assert!((0.45..0.65).contains(&information), "{information}");
    assert!(share(&|v| v["anonymous"] == true) > 0.4);
    assert!(share(&|v| v["competence"]["rule"].is_string()) > 0.2);
    assert!(share(&|v| v["referrals"].as_array().is_some_and(|r| !r.is_empty())) > 0.1);
    assert!(share(&|v| v["interpreter"]["minutes"].is_u64()) > 0.1);
    assert!(share(&|v| v["information"].as_array().is_some_and(|i| !i.is_empty())) > 0.99);
    // Every financial request, and only those, has its checklist and decision date.
    for v in &visits {
        let request = &v["financial_request"];
        assert_eq!(v["kind"] == "financial-request", request.is_object(), "{v}");
        if request.is_object() {
            assert_eq!(request["documents"].as_array().unwrap().len(), 9);
            assert!(
                request["decide_by"].as_str().unwrap() > request["received_on"].as_str().unwrap()
            );
        }
    }
}

#[test]
fn demo_persons_come_again_some_with_new_details_and_a_few_as_near_duplicates() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    sandbox.demo(db.to_str().unwrap(), "1500");
    let conn = common::raw(&db);
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let records = count("SELECT count(*) FROM people");
    let persons = count("SELECT count(DISTINCT person_key) FROM people");
    assert!(
        persons * 10 < records * 9,
        "persons with several visits: {persons} persons for {records} visits"
    );
    assert!(
        count("SELECT max(n) FROM (SELECT count(*) n FROM people GROUP BY person_key)") >= 3,
        "someone came three times or more"
    );
    assert!(
        count(
            "SELECT count(*) FROM (SELECT person_key FROM people GROUP BY person_key
             HAVING count(DISTINCT coalesce(phone, '')) > 1)"
        ) > 0,
        "a new phone at a later visit"
    );
    // The same names and birth date under two persons: what the duplicate check is for.
    assert!(
        count(
            "SELECT count(*) FROM (SELECT official_name, first_name, birth_date FROM people
             GROUP BY official_name, first_name, birth_date HAVING count(DISTINCT person_key) > 1)"
        ) > 0,
        "near-duplicates"
    );
}
