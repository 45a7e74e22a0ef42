//! The intake flow in the real binary: the waiting queue and the shortest visit.

mod common;
use common::{Sandbox, stdout};

/// Keystrokes for an anonymous information visit on one topic, from the queue (README states it).
const MAX_KEYSTROKES: usize = 8;

#[test]
fn an_anonymous_information_visit_from_the_queue_in_few_keystrokes() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 110, 30);
    tui.wait_for("Nobody is waiting");
    // Check-in (before the visit starts): a ticket number is enough.
    tui.press("a");
    tui.wait_for("Name or number");
    tui.type_text("Ticket 7");
    tui.press("enter");
    tui.wait_for("Checked in: Ticket 7");
    tui.wait_for("Queue (1)");

    // The visit itself, counted key by key.
    let keys = ["enter", "n", "o", "t", "enter", "ctrl-e"];
    assert!(keys.len() <= MAX_KEYSTROKES);
    tui.press(keys[0]);
    tui.wait_for("Taken in: Ticket 7");
    for key in &keys[1..4] {
        tui.press(key);
    }
    tui.wait_for("• 117 Police");
    tui.press(keys[4]);
    tui.press(keys[5]);
    tui.wait_for("Visit saved: 1 topic");
    tui.wait_for("Queue (0)"); // back on the queue for the next visitor
    assert_eq!(tui.quit(), 0);

    let out = sandbox.run(&["visits", "list", "--db", db, "--lang", "en"]);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("information")
            && text.contains("anonymous")
            && text.contains("Emergency numbers"),
        "{text}"
    );
    let out = sandbox.run(&["visits", "list", "--db", db, "--format", "json"]);
    let visits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let visit = &visits[0];
    assert_eq!(visit["topics"], serde_json::json!(["emergency-numbers"]));
    assert_eq!(visit["anonymous"], true);
    assert!(visit["waiting_seconds"].as_u64().is_some());
    for key in [
        "id",
        "started_at",
        "ended_at",
        "kind",
        "referrals",
        "competence",
        "interpreter",
    ] {
        assert!(visit.get(key).is_some(), "{key}");
    }
}

#[test]
fn a_visitor_who_left_unseen_leaves_the_queue_without_a_visit() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "de"], 110, 30);
    tui.wait_for("Niemand wartet"); // keys typed before the app owns the terminal would be lost
    tui.press("a");
    tui.type_text("Nummer 3");
    tui.press("tab");
    tui.type_text("Miete");
    tui.press("tab");
    tui.press("right"); // urgency: today
    tui.press("enter");
    tui.wait_for("Warteschlange (1)");
    tui.wait_for("heute");
    tui.press("x");
    tui.wait_for("Ohne Beratung gegangen: Nummer 3");
    tui.wait_for("Niemand wartet");
    assert_eq!(tui.quit(), 0);
    // The queue survives restarts; nobody is waiting now, and no visit was made.
    let out = sandbox.run(&["visits", "list", "--db", db]);
    assert_eq!(stdout(&out), "");
}

#[test]
fn the_queue_survives_a_restart() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 110, 30);
    tui.wait_for("Nobody is waiting");
    tui.press("a");
    tui.type_text("Ticket 9");
    tui.press("enter");
    tui.wait_for("Queue (1)");
    tui.quit();
    let mut again = sandbox.start_tui(&["--db", db, "--lang", "en"], 110, 30);
    again.wait_for("Ticket 9");
    again.quit();
}

#[test]
fn after_kill_9_the_draft_brings_every_completed_field_back() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 130, 32);
    tui.press("f3");
    tui.wait_for("1 Reception");
    tui.press(" "); // not anonymous: the personal fields appear
    tui.wait_for("First name");
    tui.press("tab");
    tui.type_text("Kidane");
    tui.press("tab");
    tui.type_text("Tesfay");
    tui.press("tab");
    tui.type_text("1990-04");
    tui.press("tab");
    tui.type_text("756.9217.0769.85");
    tui.press("tab"); // leaving the field saves it
    tui.press("right"); // sex: male (saved at once)
    tui.press("tab");
    tui.type_text("ER");
    tui.press("tab"); // language: typing part of its name picks it
    tui.type_text("tigr");
    tui.wait_for("‹ Tigrinya ›");
    tui.press("tab"); // interpreter needed
    tui.press("tab"); // status
    tui.press("tab"); // commune of stay
    tui.type_text("being typed"); // the field being typed may be lost
    tui.wait_for("being typed");
    std::thread::sleep(std::time::Duration::from_millis(300));
    tui.kill_9();

    let mut again = sandbox.start_tui(&["--db", db, "--lang", "en"], 130, 32);
    again.wait_for("An intake was not finished");
    again.press("enter");
    for value in [
        "Kidane",
        "Tesfay",
        "1990-04",
        "756.9217.0769.85",
        "‹ male ›",
        "ER",
        "‹ Tigrinya ›",
    ] {
        again.wait_for(value);
    }
    again.quit();
}

#[test]
fn after_kill_9_the_draft_brings_back_topics_interpreter_and_competence_fields() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 130, 34);
    tui.press("f3");
    tui.press(" ");
    tui.press("tab");
    tui.type_text("Tesfay");
    tui.press("pagedown");
    tui.wait_for("Interpreting: no interpreter");
    tui.type_text("emergency");
    tui.press("enter"); // given
    tui.press("ctrl-g");
    tui.press("ctrl-g"); // Tigrinya
    tui.press("ctrl-b"); // phone
    tui.press("pagedown");
    tui.wait_for("3 Competence");
    tui.press("tab");
    tui.press("tab");
    tui.type_text("2021-03-01");
    // Under load the keys may still be on their way: the date is typed in full before the
    // field is left (leaving it saves the draft), and the save gets time to reach the disk.
    tui.wait_for("2021-03-01");
    tui.press("tab");
    std::thread::sleep(std::time::Duration::from_millis(1000));
    tui.kill_9();

    let mut again = sandbox.start_tui(&["--db", db, "--lang", "en"], 130, 34);
    again.wait_for("An intake was not finished");
    again.press("enter");
    again.wait_for("2021-03-01");
    again.press("pageup");
    again.wait_for("Tigrinya");
    again.wait_for("phone");
    again.wait_for("✓  Emergency numbers");
    again.press("pagedown");
    again.press("pagedown");
    again.press("pagedown");
    again.wait_for("Person: Tesfay");
    again.wait_for("Topics: Emergency numbers");
    again.quit();
}

#[test]
fn a_discarded_draft_is_not_offered_again() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 130, 32);
    tui.press("f3");
    tui.press(" ");
    tui.press("tab");
    tui.type_text("Muster");
    tui.press("tab");
    tui.wait_for("Muster");
    tui.quit();
    let mut again = sandbox.start_tui(&["--db", db, "--lang", "en"], 130, 32);
    again.wait_for("An intake was not finished: Muster");
    again.press("esc");
    // Discarding cannot be undone: it asks, naming whose intake it is; "no" goes back.
    again.wait_for("Discard the draft?");
    again.wait_for("The intake of Muster");
    again.press("n");
    again.wait_for("An intake was not finished: Muster");
    again.press("esc");
    again.wait_for("Discard the draft?");
    again.press("y");
    again.wait_for("Draft discarded.");
    again.quit();
    let mut third = sandbox.start_tui(&["--db", db, "--lang", "en"], 130, 32);
    third.wait_for("Nobody is waiting");
    assert!(!third.screen().contains("An intake was not finished"));
    third.quit();
}

#[test]
fn invalid_fields_show_the_reason_and_keep_what_was_typed() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "en"], 150, 32);
    tui.press("f3");
    tui.press(" ");
    for _ in 0..3 {
        tui.press("tab");
    }
    tui.type_text("2099-01-01");
    tui.wait_for("The date lies in the future.");
    tui.press("tab");
    tui.type_text("756.9217.0769.84");
    tui.wait_for("Wrong check digit: the last digit should be 5.");
    tui.press("tab");
    tui.press("tab");
    tui.type_text("Eritrea");
    tui.wait_for("Two letters after ISO 3166");
    for _ in 0..4 {
        tui.press("tab");
    }
    tui.type_text("Atlantis");
    tui.wait_for("No Valais commune of that name.");
    // Nothing typed is thrown away.
    tui.wait_for("2099-01-01");
    tui.wait_for("756.9217.0769.84");
    tui.quit();
}

/// The same day six years ago (28 February for a 29 February).
fn six_years_ago() -> String {
    use chrono::Datelike;
    let today = intake_desk::desk_time::today();
    today
        .with_year(today.year() - 6)
        .unwrap_or_else(|| today - chrono::Duration::days(6 * 365))
        .to_string()
}

#[test]
fn a_full_identified_intake_is_saved_with_every_stage() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 140, 34);
    tui.press("f3");
    tui.wait_for("1 Reception");
    // Stage 1: an identified B refugee who agrees to pass data on.
    tui.press(" ");
    tui.press("tab");
    tui.type_text("Haddad");
    tui.press("tab");
    tui.type_text("Fatima");
    tui.press("tab");
    tui.type_text("1985");
    tui.press("tab");
    tui.type_text("756.9217.0769.85");
    tui.press("tab");
    tui.press("right");
    tui.press("right"); // sex: female
    tui.press("tab");
    tui.type_text("er");
    tui.press("tab");
    for _ in 0..5 {
        tui.press("right"); // language: not given -> deu -> fra -> ita -> ara -> tir
    }
    tui.wait_for("‹ Tigrinya ›");
    tui.press("tab"); // interpreter needed
    tui.press("tab");
    for _ in 0..7 {
        tui.press("right"); // status: none -> swiss -> c -> b -> l -> g -> ci -> refugee-b
    }
    tui.wait_for("‹ Recognised refugee (B) ›");
    tui.press("tab");
    tui.type_text("Sion");
    tui.press("tab");
    tui.press("tab");
    tui.press("tab");
    tui.press(" "); // consent
    tui.wait_for("Consent to pass on data     [x]");

    // Stage 2: information with an interpreter on the phone.
    tui.press("pagedown");
    tui.wait_for("Interpreting: no interpreter");
    tui.type_text("emergency");
    tui.press("enter");
    tui.press("ctrl-g"); // the visitor's language first: Tigrinya
    tui.wait_for("Tigrinya (tir)");
    tui.press("ctrl-b"); // phone
    tui.press("ctrl-t");
    tui.wait_for("● running");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    tui.press("ctrl-t");
    tui.wait_gone("● running");

    // Stage 3: the competence check, filled from stage 1, needs the asylum date.
    tui.press_until("pagedown", "‹ Recognised refugee (B) ›");
    tui.press("tab");
    tui.press("tab");
    tui.type_text(&six_years_ago());
    tui.wait_for(&format!("since {}", years_after(&six_years_ago(), 5)));
    tui.wait_for("Red Cross Valais");

    // Stage 4: a referral, with its slip.
    tui.press("pagedown");
    tui.wait_for("Referrals: none");
    tui.type_text("caritas");
    tui.wait_for("› Caritas Wallis");
    tui.press("enter");
    tui.wait_for("Referrals: Caritas Wallis (referred)");
    // The appointment made on the phone goes on the referral and its slip.
    let appointment = intake_desk::desk_time::today() + chrono::Days::new(3);
    let swiss = appointment.format("%d.%m.%Y").to_string();
    tui.press("ctrl-f");
    tui.wait_for("Appointment with the service");
    tui.type_text("01.01.2020");
    tui.press("enter");
    tui.wait_for("That day is past");
    tui.press("ctrl-u");
    tui.type_text(&swiss);
    tui.press("enter");
    tui.wait_for(&format!("Caritas Wallis (appointment made {swiss})"));
    tui.press("ctrl-o");
    tui.wait_for("Referral slip saved");

    // Stage 5: close and save.
    tui.press("pagedown");
    tui.wait_for("Person: Haddad, Fatima");
    tui.press("enter");
    tui.wait_for("Visit saved: 1 topic");
    tui.wait_for("Nobody is waiting"); // back to the queue
    assert_eq!(tui.quit(), 0);

    let out = sandbox.run(&["visits", "list", "--db", db, "--format", "json"]);
    let visits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = visits[0]["id"].as_str().unwrap();
    let out = sandbox.run(&["visits", "show", id, "--db", db]);
    let visit: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(visit["kind"], "identified");
    assert_eq!(visit["anonymous"], false);
    assert_eq!(visit["consent_to_export"], true);
    let person = &visit["person"];
    assert_eq!(person["official_name"], "Haddad");
    assert_eq!(person["first_name"], "Fatima");
    assert_eq!(person["birth_date"], "1985");
    assert_eq!(person["vn"], "7569217076985");
    assert_eq!(person["sex"], 2);
    assert_eq!(person["nationality"], "ER");
    assert_eq!(person["language"], "tir");
    assert_eq!(person["residence_status"], "refugee-b");
    assert_eq!(person["commune_of_stay"], 6266);
    assert_eq!(visit["topics"], serde_json::json!(["emergency-numbers"]));
    assert_eq!(visit["interpreter"]["language"], "tir");
    assert_eq!(visit["interpreter"]["mode"], "phone");
    assert!(visit["interpreter"]["minutes"].as_u64().unwrap() >= 1);
    assert_eq!(visit["competence"]["primary"], "red-cross");
    assert_eq!(visit["competence"]["rule"], "vs-refugee-b-from-year-6");
    // What the answer was found from is kept with it, and since when it holds.
    let inputs = &visit["competence"]["inputs"];
    assert_eq!(inputs["status"], "refugee-b");
    assert_eq!(inputs["asylum_date"], six_years_ago());
    assert_eq!(inputs["commune"], 6266);
    assert_eq!(inputs["c_entitled"], false);
    assert_eq!(
        visit["competence"]["since"],
        years_after(&six_years_ago(), 5)
    );
    assert!(visit["started_at"].as_str() < visit["ended_at"].as_str());
    // English staff, a Tigrinya visitor: the second part is in Tigrinya, the visitor's.
    assert_eq!(
        visit["referrals"][0]["slip"]["languages"],
        serde_json::json!(["en", "ti"])
    );
    assert_eq!(visit["referrals"][0]["service_id"], "caritas-vs");
    assert_eq!(visit["referrals"][0]["status"], "appointment-made");
    assert_eq!(
        visit["referrals"][0]["appointment_on"],
        appointment.to_string()
    );
    assert_eq!(visit["referrals"][0]["consent_to_share"], true);
    assert_eq!(visit["revisions"], serde_json::json!([]));
    let today = intake_desk::desk_time::today();
    let slip =
        std::fs::read_to_string(sandbox.path(&format!("slips/caritas-vs-{today}.html"))).unwrap();
    assert!(
        slip.contains("Appointment") && slip.contains(&swiss),
        "{slip}"
    );

    // The exported line carries the same, in the current schema.
    let dir = sandbox.path("out");
    let out = sandbox.run(&["export", "--db", db, "--to", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let batch = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .expect("a batch");
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(batch).unwrap().trim()).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../data/schema/visit-5.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&line)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{line}");
    assert_eq!(line["schema"], "intake-desk/visit/5");
    assert_eq!(line["competence"]["inputs"]["residenceStatus"], "refugee-b");
    assert_eq!(line["competence"]["inputs"]["asylumDate"], six_years_ago());
    assert_eq!(
        line["competence"]["since"],
        years_after(&six_years_ago(), 5)
    );
    assert_eq!(
        line["referrals"][0]["slip"]["languages"],
        serde_json::json!(["en", "ti"])
    );
    assert_eq!(line["visitorLanguage"], "tir");
    assert_eq!(line["referrals"][0]["status"], "appointment-made");
    assert_eq!(
        line["referrals"][0]["appointmentOn"],
        appointment.to_string()
    );
}

/// The same day `years` later (28 February for a 29 February).
fn years_after(date: &str, years: i32) -> String {
    use chrono::Datelike;
    let date: chrono::NaiveDate = date.parse().unwrap();
    date.with_year(date.year() + years)
        .unwrap_or_else(|| {
            date.with_day(28)
                .unwrap()
                .with_year(date.year() + years)
                .unwrap()
        })
        .to_string()
}

/// Types on stage `stage` of an intake as `steps` say, pauses (the draft is saved when typing
/// pauses), kills the program with SIGKILL, starts it again, continues the draft and waits for
/// `expected`.
fn survives_kill_9_on_a_stage(stage: usize, steps: &[&str], expected: &str) {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 130, 34);
    tui.press("f3");
    tui.wait_for("1 Reception");
    tui.press(" ");
    tui.press("tab");
    tui.type_text("Kidane");
    for _ in 1..stage {
        tui.press("pagedown");
    }
    for step in steps {
        match *step {
            "enter" | "tab" => tui.press(step),
            text => tui.type_text(text),
        }
    }
    tui.wait_for(expected);
    // Longer than the pause after which typing is saved (the loop's tick).
    std::thread::sleep(std::time::Duration::from_millis(700));
    tui.kill_9();
    let mut again = sandbox.start_tui(&["--db", db, "--lang", "en"], 130, 34);
    again.wait_for("An intake was not finished: Kidane");
    again.press("enter");
    again.wait_for(expected);
    again.quit();
}

#[test]
fn after_kill_9_on_any_stage_what_was_typed_there_is_back() {
    // Stage 1: a name still being typed (its field not left).
    survives_kill_9_on_a_stage(1, &["tab", "Tesfay"], "Tesfay");
    // Stage 2: a topic given.
    survives_kill_9_on_a_stage(2, &["emergency", "enter"], "✓  Emergency numbers");
    // Stage 3: the asylum date being typed.
    survives_kill_9_on_a_stage(3, &["tab", "tab", "2021-03-01"], "2021-03-01");
    // Stage 4: a referral made.
    survives_kill_9_on_a_stage(4, &["caritas", "enter"], "Caritas Wallis (referred)");
    // Stage 5: the close note being typed.
    survives_kill_9_on_a_stage(5, &["call back tomorrow"], "call back tomorrow");
}

#[test]
fn a_visitor_noted_as_gone_unseen_by_mistake_comes_back_with_undo() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 110, 30);
    tui.wait_for("Nobody is waiting");
    for ticket in ["Ticket 7", "Ticket 8"] {
        tui.press("a");
        tui.wait_for("Name or number");
        tui.type_text(ticket);
        tui.press("enter");
        tui.wait_for(&format!("Checked in: {ticket}"));
    }
    tui.wait_for("Queue (2)");
    tui.press("x");
    tui.wait_for("Left without being seen: Ticket 7 · u: undo");
    tui.wait_for("Queue (1)");
    tui.press("u");
    tui.wait_for("Ticket 7 is waiting again");
    tui.wait_for("Queue (2)");
    // In the old place, first: Enter takes Ticket 7.
    tui.press("enter");
    tui.wait_for("Taken in: Ticket 7");
    assert_eq!(tui.quit(), 0);
}
