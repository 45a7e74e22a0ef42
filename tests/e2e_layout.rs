//! What staff must read is on screen at the documented minimum, 80×24, in German, French and
//! English: the keys that matter, the screen's own keys first in help, whole choices, and
//! choices found by typing part of their name.

mod common;
use common::Sandbox;

#[test]
fn every_intake_stage_shows_save_and_urgent_handover_at_80x24_in_each_language() {
    for (lang, save, urgent) in [
        ("de", "Strg-E: speichern", "Strg-X: Notfall-Übergabe"),
        ("fr", "Ctrl-E: enregistrer", "Ctrl-X: transmission urgente"),
        ("en", "Ctrl-E: save", "Ctrl-X: urgent handover"),
    ] {
        let sandbox = Sandbox::new();
        let db = sandbox.db();
        let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", lang], 80, 24);
        tui.press("f3");
        for stage in 1..=5 {
            tui.wait_for(urgent);
            if stage < 5 {
                // The close stage saves with Enter, and says so.
                tui.wait_for(save);
                tui.press("pagedown");
            }
        }
        tui.quit();
    }
}

#[test]
fn help_lists_the_screens_own_keys_first() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "en"], 100, 40);
    tui.press("f6");
    tui.wait_for("Information");
    tui.press("f1");
    tui.wait_for("Key bindings: Information");
    // The window may arrive in more than one write: read it once all of it is there.
    tui.wait_for("Everywhere:");
    let screen = tui.screen();
    let own = screen.find("Written copy handed over");
    let everywhere = screen
        .find("Everywhere:")
        .expect("the heading before the global keys");
    assert!(own.is_some_and(|o| o < everywhere), "{screen}");
    assert!(
        !screen[..everywhere].contains("Copy the phone number"),
        "a key of the Directory is not listed on the Information screen:\n{screen}"
    );
    tui.press("esc");
    tui.quit();
}

#[test]
fn part_of_a_name_chooses_the_status_in_the_intake_and_the_language_at_check_in() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "en"], 100, 32);
    tui.press("a");
    tui.wait_for("Name or number");
    tui.type_text("Ticket 3");
    tui.press("tab");
    tui.press("tab");
    tui.press("tab"); // the language
    tui.type_text("tigr");
    tui.wait_for("‹ Tigrinya (tir) ›");
    tui.press("enter");
    tui.wait_for("Checked in: Ticket 3");
    tui.press("f3");
    tui.press(" ");
    for _ in 0..9 {
        tui.press("tab");
    }
    tui.wait_for("›Status");
    tui.type_text("provisionally admitted for");
    // The whole name, the very one to tell apart from the provisionally admitted refugee.
    tui.wait_for("‹ Provisionally admitted foreigner (F) ›");
    // Spaces belong to the name being typed; a space alone still steps the choice.
    tui.press("tab");
    tui.press("shift-tab");
    tui.type_text("recognised ref");
    tui.wait_for("‹ Recognised refugee (B) ›");
    tui.quit();
}

#[test]
fn the_desk_changed_on_the_settings_screen_is_saved_and_kept_at_the_next_start() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let config = sandbox.write(
        "config/intake-desk/config.toml",
        "# the desk\ndesk = \"Visp 1\"\n",
    );
    let args = ["--db", db.to_str().unwrap(), "--lang", "en"];
    let mut tui = sandbox.start_tui(&args, 100, 30);
    tui.wait_for("Desk: Visp 1");
    tui.press("f10");
    tui.wait_for("›Desk");
    tui.press("ctrl-u");
    tui.type_text("Visp 2");
    // The centre is chosen from the list, the export folder typed.
    tui.press("down");
    tui.press("right");
    tui.wait_for("Sozialmedizinisches Zentrum Oberwallis (SMZO)");
    let outbox = sandbox.path("outbox");
    tui.press("down");
    tui.press("down");
    tui.press("down");
    tui.type_text(outbox.to_str().unwrap());
    tui.press("enter");
    tui.wait_for("Settings saved (config.toml).");
    tui.press("down"); // the notice goes; the status line shows the desk
    tui.wait_for("Desk: Visp 2");
    tui.quit();
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        text.contains("desk = \"Visp 2\"") && text.contains("# the desk"),
        "{text}"
    );
    assert!(text.contains("centre = \"smzo\""), "{text}");
    assert!(
        text.contains(&format!("export_dir = \"{}\"", outbox.display())),
        "{text}"
    );
    assert_eq!(common::file_mode(&config), 0o600);
    let mut again = sandbox.start_tui(&args, 100, 30);
    again.wait_for("Desk: Visp 2");
    again.press("f10");
    again.wait_for("Sozialmedizinisches Zentrum Oberwallis (SMZO)");
    again.quit();
}

#[test]
fn reports_stop_at_the_current_month_and_show_referrals_languages_and_competence() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let today = intake_desk::desk_time::today();
    let out = sandbox.run(&[
        "demo",
        "--visits",
        "400",
        "--until",
        &today.to_string(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "en"], 200, 60);
    tui.press("f9");
    let this_month = today.format("%Y-%m").to_string();
    tui.wait_for(&format!("Reports {this_month}"));
    // → does not walk into months that have not come: after →, →, ← the month before shows
    // (the keys are taken in order, so this also proves → did nothing).
    tui.press("right");
    tui.press("right");
    tui.press("left");
    let last_month = (today - chrono::Months::new(1)).format("%Y-%m").to_string();
    tui.wait_for(&format!("Reports {last_month}"));
    // The month before has the figures, referrals, languages and competence among them.
    for section in ["Referrals by service", "Visitor's language", "Competence"] {
        tui.wait_for(section);
    }
    tui.quit();
}
