//! The real binary in a pseudo-terminal: the shell, help, palette, language and terminal restore.

mod common;
use common::Sandbox;

#[test]
fn help_palette_and_quit_leave_the_terminal_restored() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "en"], 100, 30);
    tui.wait_for("Queue");
    tui.wait_for("Pending export: 0");

    tui.press("?");
    tui.wait_for("Key bindings: Queue");
    tui.wait_for("Open the command palette");
    tui.press("esc");
    tui.wait_gone("Key bindings: Queue");

    tui.press("ctrl-p");
    tui.wait_for("Find a command:");
    tui.type_text("sett");
    tui.wait_for("Screen: Settings");
    tui.press("enter");
    tui.wait_for("Interface language");
    tui.wait_gone("Find a command:");

    // Settings is a form (q is text there): quit from the queue.
    tui.press("f2");
    tui.wait_for("Nobody is waiting");
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
    assert!(
        tui.terminal_restored(),
        "terminal not restored:\n{}",
        tui.screen()
    );
}

#[test]
fn a_terminal_below_80x24_shows_the_too_small_message() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "en"], 60, 20);
    tui.wait_for("too small (60×20)");
    assert!(!tui.screen().contains("Pending export"));
    assert_eq!(tui.quit(), 0);
    assert!(tui.terminal_restored());
}

#[test]
fn the_interface_language_switches_at_runtime_and_is_remembered() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db], 100, 30);
    tui.wait_for("Warteschlange");
    tui.press("f12");
    tui.wait_for("File d'attente");
    tui.wait_for("Langue de l'interface : Français");
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);

    let mut again = sandbox.start_tui(&["--db", db], 100, 30);
    again.wait_for("File d'attente");
    again.press("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn sigterm_restores_the_terminal() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap()], 100, 30);
    tui.wait_for("Warteschlange");
    let pid = tui.pid().expect("child pid");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    tui.wait_exit();
    assert!(
        tui.terminal_restored(),
        "terminal not restored:\n{}",
        tui.screen()
    );
}

#[test]
fn the_vim_keymap_moves_between_screens_with_h_and_l() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(
        &[
            "--db",
            db.to_str().unwrap(),
            "--lang",
            "en",
            "--keymap",
            "vim",
        ],
        100,
        30,
    );
    // Export and Reports are list screens, where letters are commands (in forms they are text).
    tui.press("f8");
    tui.wait_for("┌ Export");
    tui.press("l");
    tui.wait_for("┌ Reports");
    tui.press("h");
    tui.wait_for("┌ Export");
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn a_panic_restores_the_terminal_and_reports_it() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    sandbox.ensure_staff(&db);
    let mut tui = sandbox.start_tui_signed_out(
        &["--db", db.to_str().unwrap()],
        100,
        30,
        &[("INTAKE_DESK_PANIC_ON_KEY", "1")],
    );
    tui.wait_for("Wer ist am Empfang?");
    tui.press("x");
    assert_ne!(tui.wait_exit(), 0);
    assert!(
        tui.terminal_restored(),
        "terminal not restored:\n{}",
        tui.screen()
    );
    tui.wait_for("panicking as asked");
}

#[test]
fn shrinking_the_window_shows_the_message_and_growing_it_restores_the_layout() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "en"], 100, 30);
    tui.wait_for("Pending export: 0");
    tui.resize(70, 20);
    tui.wait_for("too small (70×20)");
    tui.resize(120, 40);
    tui.wait_for("Pending export: 0");
    tui.wait_gone("too small");
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn closing_the_terminal_ends_the_program_instead_of_leaving_it_spinning() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap()], 100, 30);
    tui.wait_for("Warteschlange");
    tui.hang_up();
    // wait_exit fails the test if the program is still running after its time limit.
    tui.wait_exit();
}

#[test]
fn a_slow_store_never_holds_up_typing_and_keys_after_a_save_wait_for_it_in_order() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    // Every job of the store takes two seconds.
    let mut tui = sandbox.start_tui_with_env(
        &["--db", db.to_str().unwrap(), "--lang", "en"],
        100,
        30,
        &[("INTAKE_DESK_EFFECT_DELAY_MS", "2000")],
    );
    tui.wait_for("Nobody is waiting");
    // A search reads the store at every key; the keys are drawn at once all the same.
    tui.press("f4");
    let typed = std::time::Instant::now();
    tui.type_text("zz");
    tui.wait_for("zz");
    tui.wait_for("working");
    assert!(
        typed.elapsed() < std::time::Duration::from_millis(1500),
        "typing waited for the store: {:?}",
        typed.elapsed()
    );
    tui.press("f2");
    // A check-in changes the list the next keys act on: what is typed meanwhile waits for its
    // answer and then goes on in order, nothing lost.
    tui.press("a");
    tui.type_text("Ticket 9");
    tui.press("enter");
    let asked = std::time::Instant::now();
    tui.press("a");
    tui.type_text("Ticket 10");
    tui.press("enter");
    tui.wait_for("working");
    assert!(
        !tui.screen().contains("Ticket 9"),
        "not before the store answered"
    );
    tui.wait_for("Queue (1)");
    assert!(asked.elapsed() >= std::time::Duration::from_millis(1900));
    tui.wait_for("Queue (2)");
    // Quitting while a check-in is still being saved loses nothing: the program ends after it.
    tui.press("a");
    tui.type_text("Ticket 11");
    tui.press("enter");
    tui.quit();
    let conn = common::raw(&db);
    let waiting: Vec<String> = conn
        .prepare("SELECT label FROM queue ORDER BY checked_in_ms")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(waiting, ["Ticket 9", "Ticket 10", "Ticket 11"]);
}
