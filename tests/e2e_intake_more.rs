//! The intake's helpers in the real binary: returning visitors, the financial request with its
//! 30-day date, the queue's way into the guided intake and the urgent handover.

mod common;
use common::{Sandbox, stdout};
use intake_desk::domain::{Person, ResidenceStatus, Sex, Urgency, Visit, VisitKind};
use intake_desk::store::Store;

fn earlier_visit(official_name: &str, first_name: &str) -> Visit {
    Visit {
        id: uuid::Uuid::now_v7(),
        desk_id: "desk-1".into(),
        staff_id: "mb".into(),
        started_at: chrono::DateTime::parse_from_rfc3339("2026-03-02T09:00:00+01:00").unwrap(),
        ended_at: None,
        kind: VisitKind::Identified,
        urgency: Urgency::Normal,
        person: Some(Person {
            key: None,
            official_name: official_name.into(),
            first_name: first_name.into(),
            birth_date: Some("1971-05".parse().unwrap()),
            vn: None,
            sex: Some(Sex::Female),
            nationality: Some("DE".parse().unwrap()),
            language: Some("deu".parse().unwrap()),
            residence: ResidenceStatus::C,
            commune_of_stay: Some(6266),
            support_domicile: None,
            phone: Some("079 000 00 00".into()),
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

fn show(sandbox: &Sandbox, db: &str) -> serde_json::Value {
    let out = sandbox.run(&["visits", "list", "--db", db, "--format", "json"]);
    let visits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = visits.as_array().unwrap().last().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = sandbox.run(&["visits", "show", &id, "--db", db]);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn typing_a_name_without_accents_offers_the_returning_visitor_and_enter_prefills() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    Store::open(&db)
        .unwrap()
        .insert_visits([
            earlier_visit("Müller", "Anna"),
            earlier_visit("Zenhäusern", "Rita"),
        ])
        .unwrap();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 120, 32);
    tui.press("f3");
    tui.press(" ");
    tui.press("tab");
    tui.type_text("muller");
    tui.wait_for("Seen before");
    tui.wait_for("Müller, Anna · 1971-05 · 2026-03-02");
    assert!(!tui.screen().contains("Zenhäusern"));
    tui.press("enter");
    tui.wait_gone("Seen before");
    for value in [
        "Müller",
        "Anna",
        "1971-05",
        "‹ female ›",
        "DE",
        "‹ German ›",
        "Sion",
        "079 000 00 00",
    ] {
        tui.wait_for(value);
    }
    assert_eq!(tui.quit(), 0);
}

/// An earlier visit of `first_name` Haddad on `day`, born in `born`.
fn haddad(first_name: &str, born: &str, day: &str) -> Visit {
    let mut visit = earlier_visit("Haddad", first_name);
    visit.started_at =
        chrono::DateTime::parse_from_rfc3339(&format!("{day}T10:00:00+01:00")).unwrap();
    if let Some(person) = visit.person.as_mut() {
        person.birth_date = Some(born.parse().unwrap());
    }
    visit
}

#[test]
fn returning_visitors_are_listed_by_their_last_visit_and_every_one_is_reachable() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    // Fatima came three times (saved out of order, as an import would); eight namesakes once.
    let mut visits = vec![
        haddad("Fatima", "1985-02-11", "2026-09-15"),
        haddad("Fatima", "1985-02-11", "2026-11-24"),
        haddad("Fatima", "1985-02-11", "2025-12-03"),
    ];
    let namesakes = [
        "Amal", "Bassam", "Dalia", "Elias", "Farid", "Ghada", "Hani", "Iman",
    ];
    for (i, first) in namesakes.iter().enumerate() {
        visits.push(haddad(first, "1990", &format!("2026-0{}-10", i + 1)));
    }
    let mut store = Store::open(&db).unwrap();
    store.insert_visits(visits).unwrap();
    let found = store.find_returning("haddad", 50).unwrap();
    let seen: Vec<&str> = found.people.iter().map(|p| &p.seen_at[..10]).collect();
    assert_eq!(found.people.len(), 9, "each person once: {seen:?}");
    assert!(!found.more);
    assert_eq!(found.people[0].person.first_name, "Fatima");
    assert_eq!(seen[0], "2026-11-24", "a person by their latest visit");
    let mut sorted = seen.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(seen, sorted, "the most recent first");
    drop(store);

    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 120, 30);
    tui.press("f3");
    tui.press(" ");
    tui.press("tab");
    tui.type_text("hadd");
    tui.wait_for("1/9 · Seen before");
    tui.wait_for("Name · birth date · AHV · last visit");
    tui.wait_for("Haddad, Fatima · 1985-02-11 · 2026-11-24");
    // The oldest is reachable, whatever fits under the field.
    for _ in 0..8 {
        tui.press("down");
    }
    tui.wait_for("9/9 · Seen before");
    tui.wait_for("Haddad, Amal · 1990 · 2026-01-10");
    tui.press("enter");
    tui.wait_for("Taken over: Haddad, Amal (last visit 2026-01-10)");
    assert_eq!(tui.quit(), 0);
}

#[test]
fn a_financial_request_shows_the_decision_date_and_saves_the_checklist() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 130, 40);
    tui.press("f3");
    tui.press(" ");
    tui.press("tab");
    tui.type_text("Berisha");
    tui.press("tab");
    tui.type_text("Arta");
    // To the financial request: the last of the visible fields.
    tui.press("shift-tab");
    tui.press("shift-tab");
    tui.press("shift-tab");
    tui.wait_for("›Request for financial help");
    tui.press(" ");
    let today = intake_desk::desk_time::today();
    let due = (today + chrono::Days::new(30))
        .format("%d.%m.%Y")
        .to_string();
    tui.wait_for(&format!("Decision due {due} (30 days) · missing: 9"));
    // The date received can be earlier; the decision date follows it.
    tui.press("tab");
    tui.press("ctrl-u");
    tui.type_text("2099-01-01");
    tui.wait_for("The date lies in the future.");
    tui.press("ctrl-u");
    let received = today - chrono::Days::new(3);
    tui.type_text(&received.format("%d.%m.%Y").to_string());
    let due = (received + chrono::Days::new(30))
        .format("%d.%m.%Y")
        .to_string();
    tui.wait_for(&format!("Decision due {due} (30 days) · missing: 9"));
    tui.press("tab");
    tui.press(" "); // identity card: present
    tui.press("tab");
    tui.press(" "); // AHV card: present
    tui.wait_for("missing: 7");
    // Through every stage to the close: the competence stage opened with nothing given.
    for _ in 0..4 {
        tui.press("pagedown");
    }
    tui.wait_for("5 Close");
    tui.wait_for("Responsible: not checked");
    tui.wait_for("Missing: ");
    assert!(
        !tui.screen().contains("Missing: Identity card"),
        "present documents are not listed"
    );
    tui.press("ctrl-e");
    tui.wait_for("Visit saved");
    assert_eq!(tui.quit(), 0);

    let visit = show(&sandbox, db);
    assert_eq!(visit["kind"], "financial-request");
    // No status and no commune: no answer, not a confident default.
    assert!(visit["competence"].is_null(), "{}", visit["competence"]);
    let request = &visit["financial_request"];
    assert_eq!(request["received_on"], received.to_string());
    assert_eq!(
        request["decide_by"],
        (received + chrono::Days::new(30)).to_string()
    );
    let documents = request["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 9);
    let present: Vec<&str> = documents
        .iter()
        .filter(|d| d["present"] == true)
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(present, ["identity", "ahv_card"]);
}

#[test]
fn the_queue_takes_a_visitor_into_the_guided_intake_with_reason_and_waiting_time() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 120, 32);
    tui.press("a");
    tui.wait_for("Name or number");
    tui.type_text("B12");
    tui.press("tab");
    tui.type_text("rent arrears");
    tui.press("enter");
    tui.wait_for("Queue (1)");
    tui.press("i");
    tui.wait_for("1 Reception");
    tui.wait_for("rent arrears");
    tui.press("ctrl-e");
    tui.wait_for("Visit saved");
    tui.wait_for("Queue (0)");
    assert_eq!(tui.quit(), 0);
    let visit = show(&sandbox, db);
    assert_eq!(visit["kind"], "information");
    assert!(visit["waiting_seconds"].is_u64(), "{visit}");
}

#[test]
fn one_key_hands_an_urgent_visitor_over_and_records_it() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 120, 32);
    tui.press("a");
    tui.type_text("C3");
    tui.press("enter");
    tui.wait_for("Queue (1)");
    tui.press("ctrl-x");
    tui.wait_for("Urgent: handed over to the social worker on duty, recorded.");
    tui.wait_for("Queue (0)");
    // From a half-filled intake with a field still wrong: recorded anonymously, the form stays.
    tui.press("f3");
    tui.press(" ");
    tui.press("tab");
    tui.type_text("Kovač");
    tui.press("tab");
    tui.press("tab");
    tui.type_text("2099");
    tui.press("ctrl-x");
    tui.wait_for("Urgent: handed over");
    tui.press("f3");
    tui.wait_for("Kovač");
    assert_eq!(tui.quit(), 0);

    let out = sandbox.run(&["visits", "list", "--db", db, "--format", "json"]);
    let visits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<(&str, bool)> = visits
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["kind"].as_str().unwrap(),
                v["anonymous"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [("urgent-handover", true), ("urgent-handover", true)]
    );
    assert!(visits[0]["waiting_seconds"].is_u64());
    assert_eq!(visits[0]["urgency"], "today");
    assert!(stdout(&sandbox.run(&["visits", "list", "--db", db])).contains("urgent"));
}

#[test]
fn history_finds_visits_by_name_date_topic_and_referral_and_adds_a_follow_up_note() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut march = earlier_visit("Müller", "Anna");
    march.topics = vec!["emergency-numbers".into()];
    let mut november = earlier_visit("Müller", "Anna");
    november.started_at =
        chrono::DateTime::parse_from_rfc3339("2026-11-02T10:00:00+01:00").unwrap();
    november.referrals = vec![intake_desk::domain::Referral {
        service_id: "caritas-vs".into(),
        reason: String::new(),
        status: intake_desk::domain::ReferralStatus::Referred,
        consent_to_share: true,
        slip: None,
    }];
    let other = earlier_visit("Imboden", "Paul");
    let november_id = november.id.to_string();
    Store::open(&db)
        .unwrap()
        .insert_visits([march, november, other])
        .unwrap();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 120, 32);
    tui.press("f4");
    tui.wait_for("History (3)");
    tui.type_text("muller");
    tui.wait_for("History (2)");
    assert!(!tui.screen().contains("Imboden"));
    tui.type_text(" 2026-11");
    tui.wait_for("History (1)");
    tui.wait_for("02.11.2026");
    tui.press("ctrl-u");
    tui.type_text("topic:emergency");
    tui.wait_for("History (1)");
    tui.wait_for("02.03.2026");
    tui.press("ctrl-u");
    tui.type_text("service:caritas");
    tui.wait_for("History (1)");
    tui.wait_for("02.11.2026");
    tui.press("enter");
    tui.wait_for("Visit · read-only");
    tui.wait_for("Referrals: Caritas Wallis (referred)");
    tui.press("ctrl-w");
    tui.wait_for("Follow-up note");
    tui.type_text("documents brought in");
    tui.press("enter");
    tui.wait_for("Follow-up note saved (version 2)");
    tui.wait_for("] documents brought in");
    tui.press("esc");
    tui.wait_for("History (1)");
    assert_eq!(tui.quit(), 0);

    let out = sandbox.run(&["visits", "show", &november_id, "--db", db]);
    let visit: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(visit["revision"], 2);
    assert!(
        visit["note"]
            .as_str()
            .unwrap()
            .ends_with("] documents brought in")
    );
    let revisions = visit["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 1);
    assert_eq!(revisions[0]["record"]["note"], serde_json::Value::Null);
}

#[test]
fn the_commune_fields_offer_matching_communes_to_pick() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 120, 34);
    tui.press("f3");
    tui.press(" ");
    for _ in 0..10 {
        tui.press("tab");
    }
    tui.wait_for("›Commune of stay");
    tui.type_text("visper");
    tui.wait_for("Communes: ↑↓ choose · Enter take");
    tui.wait_for("Visperterminen");
    tui.press("enter");
    tui.wait_gone("Communes: ↑↓ choose");
    tui.wait_for("›Commune of stay             Visperterminen");
    assert_eq!(tui.quit(), 0);
}

/// Every visit's person, as `visits show` gives it, oldest visit first.
fn persons_of_every_visit(sandbox: &Sandbox, db: &str) -> Vec<serde_json::Value> {
    let out = sandbox.run(&["visits", "list", "--db", db, "--format", "json"]);
    let visits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut persons: Vec<(String, serde_json::Value)> = visits
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let id = v["id"].as_str().unwrap();
            let out = sandbox.run(&["visits", "show", id, "--db", db]);
            let visit: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            (visit["started_at"].to_string(), visit["person"].clone())
        })
        .collect();
    persons.sort_by(|a, b| a.0.cmp(&b.0));
    persons.into_iter().map(|(_, p)| p).collect()
}

#[test]
fn a_returning_visitor_taken_over_keeps_one_person_id_across_visits_and_a_new_one_gets_their_own() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    Store::open(&db)
        .unwrap()
        .insert_visits([earlier_visit("Müller", "Anna")])
        .unwrap();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 120, 32);
    // Twice: the returning visitor taken over from the suggestions and the visit saved.
    for _ in 0..2 {
        tui.press("f3");
        tui.press(" ");
        tui.press("tab");
        tui.type_text("muller");
        tui.wait_for("Müller, Anna · 1971-05");
        tui.press("enter");
        tui.wait_gone("Seen before");
        tui.press("ctrl-e");
        tui.wait_for("Visit saved");
    }
    // Someone new, typed by hand.
    tui.press("f3");
    tui.press(" ");
    tui.press("tab");
    tui.type_text("Tesfay");
    tui.press("tab");
    tui.type_text("Selam");
    tui.press("ctrl-e");
    tui.wait_for("Visit saved");
    assert_eq!(tui.quit(), 0);
    let persons = persons_of_every_visit(&sandbox, db);
    assert_eq!(persons.len(), 4, "{persons:?}");
    let id = |p: &serde_json::Value| p["stable_id"].as_str().unwrap().to_string();
    let anna = id(&persons[0]);
    assert!(uuid::Uuid::parse_str(&anna).is_ok(), "{anna}");
    assert_eq!(id(&persons[1]), anna, "the first visit taken over");
    assert_eq!(id(&persons[2]), anna, "the second");
    assert_eq!(persons[3]["official_name"], "Tesfay");
    assert_ne!(id(&persons[3]), anna, "a new visitor is a new person");
}

#[test]
fn the_dossier_of_a_returning_visitor_opens_from_the_suggestions_with_the_next_change() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    // Two earlier visits of a B refugee whose asylum application was four years ago: the
    // canton now, the Red Cross from the fifth anniversary.
    let today = intake_desk::desk_time::today();
    let applied = today - chrono::Months::new(48);
    let catalog = intake_desk::catalog::Catalog::embedded();
    let applied_text = applied.to_string();
    let input = intake_desk::check::Input {
        canton: "VS",
        status: "refugee-b",
        asylum_date: Some(&applied_text),
        commune: Some("Sion"),
        ..Default::default()
    };
    let record = intake_desk::check::check(&catalog, &input, today)
        .unwrap()
        .record();
    let mut first = earlier_visit("Müller", "Anna");
    first.competence = Some(record.clone());
    let mut store = Store::open(&db).unwrap();
    store.insert_visits([first]).unwrap();
    drop(store);
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 120, 32);
    tui.press("f3");
    tui.press(" ");
    tui.press("tab");
    tui.type_text("muller");
    tui.wait_for("Müller, Anna · 1971-05");
    tui.press("alt-d");
    tui.wait_for("Dossier: Müller, Anna (1971-05)");
    let anniversary = intake_desk::domain::period::anniversary(applied, 5);
    tui.wait_for(&format!(
        "Next change: Red Cross Valais (on the canton's mandate) from {}",
        anniversary.format("%d.%m.%Y")
    ));
    tui.wait_for("1 visit");
    tui.wait_for("02.03.2026");
    // The timeline: responsible now since the answer, then the change to come.
    tui.wait_for("Responsible when");
    tui.wait_for(&format!(
        "from {}  Red Cross",
        anniversary.format("%d.%m.%Y")
    ));
    tui.press("esc");
    tui.wait_gone("Dossier:");
    assert_eq!(tui.quit(), 0);
}
