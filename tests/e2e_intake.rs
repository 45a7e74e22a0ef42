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
    tui.wait_for("Visit saved: 1 topics");
    tui.wait_for("Queue (0)"); // back on the queue for the next visitor
    tui.press("ctrl-q");
    assert_eq!(tui.wait_exit(), 0);

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
    tui.press("ctrl-q");
    assert_eq!(tui.wait_exit(), 0);
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
    tui.press("ctrl-q");
    tui.wait_exit();
    let mut again = sandbox.start_tui(&["--db", db, "--lang", "en"], 110, 30);
    again.wait_for("Ticket 9");
    again.press("ctrl-q");
    again.wait_exit();
}
