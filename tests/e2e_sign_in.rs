//! The sign-in in front of the interface, in the real binary: the first admin made at the first
//! start, a wrong PIN five times makes the next wait, the lock after idle time hides every field
//! of the visitor and gives the intake back exactly, another staff member takes the desk over,
//! and a reception account is refused what needs another role.

mod common;
use common::{PIN, STAFF, Sandbox, stderr, stdout};

const RECEPTION_PIN: &str = "Gornergrat-1203";

/// A database with the admin [`STAFF`] and the reception account `rz`.
fn desk_with_reception(sandbox: &Sandbox) -> String {
    let db = sandbox.db().to_str().unwrap().to_string();
    sandbox.ensure_staff(&sandbox.db());
    let out = sandbox.run_with_env(
        &["staff", "add", "rz", "--role", "reception", "--db", &db],
        &[("INTAKE_DESK_NEW_PIN", RECEPTION_PIN)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

#[test]
fn the_first_start_makes_the_first_admin_who_can_then_sign_in() {
    let sandbox = Sandbox::without_staff();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui_signed_out(
        &["--db", db, "--lang", "en"],
        100,
        30,
        &[("INTAKE_DESK_STAFF", "")],
    );
    tui.wait_for("First start: create the administrator");
    // Nothing of the screens behind it.
    assert!(!tui.screen().contains("Queue"), "{}", tui.screen());
    tui.type_text("mb");
    tui.press("tab");
    tui.type_text("1234");
    tui.press("tab");
    tui.type_text("1234");
    tui.press("enter");
    tui.wait_for("The PIN is too short or too simple");
    tui.type_text("Matterhorn-4478");
    tui.press("tab");
    tui.type_text("Matterhorn-4479");
    tui.press("enter");
    tui.wait_for("The two PINs differ");
    tui.type_text("Matterhorn-4478");
    tui.press("enter");
    tui.wait_for("Nobody is waiting");
    tui.wait_for("Desk: desk-1 · mb");
    assert_eq!(tui.quit(), 0);
    let out = sandbox.run_with_env(
        &["staff", "list", "--db", db],
        &[
            ("INTAKE_DESK_STAFF", "mb"),
            ("INTAKE_DESK_PIN", "Matterhorn-4478"),
        ],
    );
    assert!(
        stdout(&out).starts_with("mb           admin"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn five_wrong_pins_at_the_sign_in_make_the_next_attempt_wait() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    sandbox.ensure_staff(&db);
    let mut tui = sandbox.start_tui_signed_out(
        &["--db", db.to_str().unwrap(), "--lang", "en"],
        100,
        30,
        &[],
    );
    tui.wait_for("Who is at the desk?");
    for attempt in 1..=5 {
        tui.type_text(&format!("wrong-{attempt}"));
        tui.press("enter");
        tui.wait_for(&format!("Wrong PIN for {STAFF}"));
        if attempt == 4 {
            tui.wait_for("1 more before a wait");
        }
    }
    tui.wait_for("wait 10 s before the next attempt");
    tui.type_text(PIN);
    tui.press("enter");
    tui.wait_for(&format!("Too many wrong PINs for {STAFF}: wait"));
    assert!(tui.at_sign_in());
    tui.quit();
}

#[test]
fn after_the_idle_time_no_visitor_field_is_on_screen_and_the_pin_gives_the_intake_back() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui_with_env(
        &["--db", db, "--lang", "en"],
        120,
        35,
        &[("INTAKE_DESK_LOCK_AFTER_SECONDS", "3")],
    );
    tui.press("f3");
    tui.press(" "); // identified
    tui.press("tab");
    tui.type_text("Zenhäusern");
    tui.press("tab");
    tui.type_text("Amélie");
    tui.wait_for("Amélie");
    let before = tui.screen();
    // Left alone: the lock comes, and with it nothing of the visitor.
    tui.wait_for(&format!("Locked: {STAFF} was signed in"));
    let locked = tui.screen();
    for field in ["Zenhäusern", "Amélie", "Intake", "Reception"] {
        assert!(
            !locked.contains(field),
            "{field} on the locked screen:\n{locked}"
        );
    }
    tui.type_text("not-the-pin");
    tui.press("enter");
    tui.wait_for("Wrong PIN");
    tui.type_text(PIN);
    tui.press("enter");
    tui.wait_for("Zenhäusern");
    assert_eq!(tui.screen(), before, "the intake exactly as it was");
    // The lock key locks at once; typing goes on where it was.
    tui.press("alt-k");
    tui.wait_for(&format!("Locked: {STAFF} was signed in"));
    tui.type_text(PIN);
    tui.press("enter");
    tui.wait_for("Amélie");
    tui.type_text("x");
    tui.wait_for("Améliex");
    tui.quit();
    let out = sandbox.run(&["audit", "--format", "json", "--db", db]);
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let locks = entries.iter().filter(|e| e["action"] == "lock").count();
    assert_eq!(locks, 2, "{entries:?}");
}

#[test]
fn another_staff_member_signs_in_on_the_lock_and_the_open_intake_is_theirs() {
    let sandbox = Sandbox::new();
    let db = desk_with_reception(&sandbox);
    let mut tui = sandbox.start_tui(&["--db", &db, "--lang", "en"], 120, 35);
    tui.press("f3");
    tui.press("tab");
    tui.type_text("Zenhäusern");
    tui.wait_for("Zenhäusern");
    tui.press("alt-k");
    tui.wait_for("Locked");
    // The name offered is the one who locked; another types their own.
    tui.press("shift-tab");
    tui.press("ctrl-u");
    tui.type_text("rz");
    tui.press("tab");
    tui.type_text(RECEPTION_PIN);
    tui.press("enter");
    tui.wait_for(&format!(
        "Signed in as rz. The intake {STAFF} left open stays open"
    ));
    tui.wait_for("Zenhäusern");
    // Reception may not export or change the settings: the refusal names the role.
    tui.press("f8");
    tui.wait_for("Exporting needs the role admin; rz is signed in as reception.");
    assert!(!tui.screen().contains("┌ Export"), "{}", tui.screen());
    tui.press("f10");
    tui.wait_for("Changing the settings needs the role admin");
    // Switching staff asks for the sign-in again.
    tui.press("alt-w");
    tui.wait_for("Who is at the desk?");
    tui.type_text("rz");
    tui.press("tab");
    tui.type_text(RECEPTION_PIN);
    tui.press("enter");
    tui.wait_for("Desk: desk-1 · rz");
    tui.quit();
}
