//! What one step learns, the next knows and the saved visit keeps: the check-in's reason,
//! urgency, language and interpreter need reach the information visit and the intake; and the
//! keys that would give up a visitor or quit ask first.

mod common;
use common::{Sandbox, stdout};

/// Checks a visitor in: label, reason, urgency "today", the language `rights` steps into the
/// visitor languages (deu, fra, ita, ara ...), an interpreter needed or not.
fn check_in(tui: &mut common::Tui, label: &str, reason: &str, rights: usize, interpreter: bool) {
    tui.press("a");
    tui.wait_for("Name or number");
    tui.type_text(label);
    tui.press("tab");
    tui.type_text(reason);
    tui.press("tab");
    tui.press("right"); // normal -> today
    tui.press("tab");
    for _ in 0..rights {
        tui.press("right");
    }
    tui.press("tab");
    if interpreter {
        tui.press(" ");
    }
    tui.press("enter");
    tui.wait_for(&format!("Checked in: {label}"));
}

fn show(sandbox: &Sandbox, db: &str) -> serde_json::Value {
    let out = sandbox.run(&["visits", "list", "--db", db, "--format", "json"]);
    let visits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = visits[0]["id"].as_str().expect("a visit").to_string();
    let out = sandbox.run(&["visits", "show", &id, "--db", db, "--format", "json"]);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", stdout(&out)))
}

#[test]
fn the_check_in_reaches_the_information_visit_and_what_is_saved() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 120, 32);
    tui.wait_for("Nobody is waiting");
    check_in(&mut tui, "Ticket 9", "Miete", 4, true); // Arabic, interpreter needed
    tui.press("enter"); // into an information visit
    tui.wait_for("Taken in: Ticket 9");
    // The interpreter asked for is there already; who is served stands in the status line.
    tui.wait_for("Arabic (ara) · on site");
    // The visitor's language is named even where no topic text exists in it.
    tui.wait_for("Visitor's language: Arabic — العربية"); // with texts in Arabic
    tui.type_text("not");
    tui.wait_for("Now: Ticket 9");
    tui.wait_for("• 117 Police");
    tui.press("enter");
    tui.press("ctrl-e");
    tui.wait_for("Visit saved: 1 topic");
    tui.wait_gone("Now: Ticket 9");
    assert_eq!(tui.quit(), 0);

    let visit = show(&sandbox, db);
    assert_eq!(visit["urgency"], "today", "{visit}");
    assert_eq!(visit["reason"], "Miete");
    assert_eq!(visit["interpreter_needed"], true);
    assert_eq!(visit["interpreter"]["language"], "ara");
    assert_eq!(visit["visitor_language"], "ara");
    assert!(visit["started_at"].as_str() <= visit["ended_at"].as_str());
}

#[test]
fn the_check_in_reaches_the_intake_and_the_reception_language_presets_stage_2() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 130, 34);
    tui.wait_for("Nobody is waiting");
    check_in(&mut tui, "Ticket 12", "Miete", 2, false); // French
    tui.press("i"); // into the guided intake
    tui.wait_for("1 Reception");
    tui.wait_for("Miete");
    tui.wait_for("‹ today ›");
    tui.press(" "); // identified: the language field shows what the check-in said
    tui.wait_for("‹ French ›");
    tui.press("pagedown");
    // Stage 2 opens in the visitor's language: French is not chosen twice.
    tui.wait_for("Visitor's language: French");
    // Quitting with the intake open asks, and "no" keeps the program running.
    tui.press("ctrl-q");
    tui.wait_for("Quit?");
    tui.wait_for("An intake is open (Ticket 12)");
    tui.press("n");
    tui.wait_gone("Quit?");
    tui.wait_for("Visitor's language: French");
    assert_eq!(tui.quit(), 0);
}

#[test]
fn esc_on_a_visitor_taken_from_the_queue_asks_and_puts_them_back() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 120, 32);
    tui.wait_for("Nobody is waiting");
    check_in(&mut tui, "Ticket 5", "Pass", 0, false);
    check_in(&mut tui, "Ticket 6", "Miete", 0, false);
    tui.press("enter");
    tui.wait_for("Taken in: Ticket 5");
    // Another visitor is not taken while this one is being served.
    tui.press("f2");
    tui.press("enter");
    tui.wait_for("A visit is still open (Ticket 5)");
    tui.press("f6");
    tui.press("esc");
    tui.wait_for("Back into the queue?");
    tui.wait_for("Ticket 5 goes back into the queue");
    // Enter, the key of this screen, does not give the visitor up: only the letter does.
    tui.wait_for("y: yes · Esc or n: no");
    tui.press("enter");
    tui.wait_for("Back into the queue?");
    tui.press("y");
    tui.wait_for("Ticket 5 is waiting in the queue again.");
    tui.wait_for("Queue (2)");
    tui.wait_gone("Now: Ticket 5");
    // Quitting with visitors waiting asks too.
    tui.press("ctrl-q");
    tui.wait_for("2 people are waiting in the queue");
    tui.press("y");
    assert_eq!(tui.wait_exit(), 0);
    let out = sandbox.run(&["visits", "list", "--db", db, "--format", "json"]);
    assert_eq!(
        stdout(&out).trim(),
        "[]",
        "nothing of the visit given up is saved"
    );
}

#[test]
fn a_tigrinya_visitor_checked_in_with_an_interpreter_is_served_in_tigrinya_to_the_saved_visit() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let catalog = intake_desk::catalog::Catalog::embedded();
    let ti = |id: &str| catalog.topics.get_exact(id, "ti").unwrap().title.clone();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 140, 34);
    tui.wait_for("Nobody is waiting");
    check_in(&mut tui, "Ticket 21", "Rechte", 5, true); // Tigrinya, interpreter needed
    tui.press("i");
    tui.wait_for("1 Reception");
    tui.press(" "); // identified
    tui.wait_for("‹ Tigrinya ›"); // the check-in's language, not asked again
    tui.press("tab");
    tui.type_text("Tesfay");
    tui.press("tab");
    tui.type_text("Selam");
    tui.press("pagedown");
    // Stage 2: the texts in Tigrinya beside English, the interpreter set for Tigrinya.
    tui.wait_for("Visitor's language: Tigrinya — ትግርኛ");
    tui.wait_for("Tigrinya (tir) · on site");
    tui.type_text("rights");
    tui.wait_for(&ti("rights-and-duties"));
    tui.press("ctrl-d"); // given, with its written copy
    tui.wait_for("Written copy saved");
    tui.press_until("pagedown", "Competence check");
    tui.press_until("pagedown", "Referrals:");
    tui.type_text("caritas");
    tui.press("ctrl-o");
    tui.wait_for("Referral slip saved");
    tui.press("ctrl-e");
    tui.wait_for("Visit saved");
    assert_eq!(tui.quit(), 0);

    let today = intake_desk::desk_time::today();
    let read = |name: &str| {
        let path = sandbox.path(&format!("slips/{name}-{today}.html"));
        assert_eq!(common::file_mode(&path), 0o600);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let copy = read("copy");
    assert!(copy.contains("<section lang=\"ti\" dir=\"ltr\">"), "{copy}");
    assert!(copy.contains(&ti("rights-and-duties")));
    assert!(
        copy.contains("Your rights and duties"),
        "the staff language beside"
    );
    assert!(
        copy.contains("Ihre Rechte und Pflichten"),
        "unreviewed: the German too"
    );
    let slip = read("caritas-vs");
    assert!(
        slip.contains(catalog.topics.slip_text("ti", "title").unwrap()),
        "{slip}"
    );

    let visit = show(&sandbox, db);
    assert_eq!(visit["person"]["language"], "tir", "{visit}");
    assert_eq!(visit["visitor_language"], "tir");
    assert_eq!(visit["interpreter"]["language"], "tir");
    let given = &visit["information"][0];
    assert_eq!(given["topic"], "rights-and-duties");
    assert_eq!(given["language"], "ti");
    assert_eq!(given["written_copy"], true);
    assert_eq!(
        given["copy"]["languages"],
        serde_json::json!(["ti", "en", "de"])
    );
    assert!(given["copy"]["at"].as_str().is_some());
}
