//! The Information screen in the real binary: topics, languages, interpreter, saving the visit.

mod common;
use common::Sandbox;

#[test]
fn the_interpreter_timer_is_saved_with_the_visit() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "en"], 120, 30);
    tui.press("f6");
    tui.wait_for("Interpreting: no interpreter");
    tui.type_text("emergency");
    tui.wait_for("117 Police");
    tui.press("enter");
    tui.press("ctrl-g"); // Arabic
    tui.press("ctrl-g"); // Tigrinya
    tui.press("ctrl-b"); // on site -> phone
    tui.wait_for("· Tigrinya (tir) · phone");
    tui.press("ctrl-v"); // the first interpreting service of the directory
    tui.wait_for("· Tigrinya (tir) · phone · AVIC");
    tui.press("ctrl-t");
    tui.wait_for("● running");
    std::thread::sleep(std::time::Duration::from_millis(1200));
    tui.wait_for("Interpreting: 00:00:01");
    tui.press("ctrl-t");
    tui.wait_gone("● running");
    // Closing with the timer running asks first.
    tui.press("ctrl-t");
    tui.wait_for("⏱ 00:0"); // the timer shows in the status line on every screen
    tui.press("ctrl-e");
    tui.wait_for("The interpreter timer is still running");
    tui.press("n");
    tui.wait_gone("The interpreter timer is still running");
    tui.press("ctrl-t");
    tui.wait_gone("● running");
    // Minutes are typed, or what the timer counted corrected.
    tui.press("ctrl-a");
    tui.wait_for("Minutes (a whole number, 0–600)");
    tui.press("ctrl-u");
    tui.type_text("12x");
    tui.press("enter");
    tui.wait_for("Minutes are a whole number from 0 to 600, not \"12x\".");
    tui.press("backspace");
    tui.press("enter");
    tui.wait_for("Interpreting: 00:12:00");
    tui.press("ctrl-e");
    tui.wait_for("Visit saved: 1 topic");
    assert_eq!(tui.quit(), 0);

    let conn = common::raw(&db);
    let (language, mode, minutes, provider): (String, String, i64, String) = conn
        .query_row(
            "SELECT language, mode, minutes, provider FROM interpreter_use",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    // The service by its directory id (shown by its name), the minutes as typed.
    assert_eq!(provider, "avic");
    assert_eq!(
        (language.as_str(), mode.as_str(), minutes),
        ("tir", "phone", 12)
    );
    let (kind, topics, anonymous): (String, String, bool) = conn
        .query_row(
            "SELECT kind, topics, person_id IS NULL FROM visits",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (kind.as_str(), topics.as_str(), anonymous),
        ("information", "[\"emergency-numbers\"]", true)
    );
}

#[test]
fn switching_the_ui_from_german_to_french_changes_every_visible_label() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "de"], 160, 32);
    tui.press("f6");
    tui.wait_for("Sprache Besucher/in");
    let german = [
        "Warteschlange",
        "Aufnahme",
        "Verlauf",
        "Fachstellen",
        "Zuständigkeit",
        "Statistik",
        "Einstellungen",
        "Suche:",
        "Sprache Besucher/in",
        "Dolmetschen: kein Dolmetschen",
        "Themen",
        "Sozialhilfe im Wallis",
        "Schalter:",
        "Export ausstehend",
        "Hilfe",
        "Befehle",
        "Besuch speichern",
    ];
    for label in german {
        tui.wait_for(label);
    }
    tui.press("f12");
    tui.wait_for("Langue de l'interface : Français");
    tui.press("up"); // the notice gives the status line back
    let french = [
        "File d'attente",
        "Accueil",
        "Historique",
        "Services",
        "Compétence",
        "Statistiques",
        "Réglages",
        "Recherche:",
        "Langue du visiteur",
        "Interprétariat: sans interprète",
        "Thèmes",
        "L'aide sociale en Valais",
        "Guichet :",
        "Export en attente",
        "Aide",
        "Commandes",
        "enregistrer la visite",
    ];
    for label in french {
        tui.wait_for(label);
    }
    let screen = tui.screen();
    for label in german {
        assert!(
            !screen.contains(label),
            "{label:?} is still German:\n{screen}"
        );
    }
    assert_eq!(tui.quit(), 0);
}

#[test]
fn the_client_view_shows_the_topic_in_the_visitors_language_and_returns() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "de"], 120, 30);
    tui.press("f6");
    tui.type_text("notruf");
    tui.press("ctrl-l");
    tui.type_text("franz");
    tui.press("enter");
    tui.wait_for("Sprache Besucher/in: Französisch");
    tui.press("f11");
    tui.wait_for("NUMÉROS D'URGENCE");
    tui.wait_gone("Sprache Besucher/in");
    tui.press("f11");
    tui.wait_for("Sprache Besucher/in");
    assert_eq!(tui.quit(), 0);
}
