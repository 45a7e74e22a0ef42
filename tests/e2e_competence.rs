//! The Competence screen in the real binary: the answer follows the fields as they are typed.

mod common;
use chrono::{Datelike, Duration};
use common::Sandbox;

/// The same day six years ago (28 February for a 29 February).
fn six_years_ago() -> String {
    let today = intake_desk::desk_time::today();
    today
        .with_year(today.year() - 6)
        .unwrap_or_else(|| today - Duration::days(6 * 365))
        .to_string()
}

#[test]
fn a_b_refugee_six_years_after_the_application_goes_to_the_red_cross_until_c_entitled() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "en"], 110, 30);
    tui.wait_for("Queue");
    tui.press("f7");
    tui.wait_for("Competence check");
    tui.press("tab");
    tui.type_text("refugee b");
    tui.wait_for("Recognised refugee (B)");
    // Without the date the answer asks for it.
    tui.wait_for("This status needs the date “Asylum application");
    tui.press("tab");
    tui.type_text(&six_years_ago());
    tui.wait_for("Red Cross Valais (on the canton's mandate)");
    tui.wait_for("vs-refugee-b-from-year-6");

    // Entry date, then the C entitlement: tick it with the space bar.
    tui.press("tab");
    tui.press("tab");
    tui.type_text(" ");
    tui.wait_for("The commune, through its SMZ");
    tui.wait_gone("Red Cross");
    tui.wait_for("vs-refugee-b-c-entitled");

    // Untick: back to the Red Cross.
    tui.type_text(" ");
    tui.wait_for("Red Cross Valais");

    // Typed letters are field text here, so q does not quit; ctrl-q does.
    assert_eq!(tui.quit(), 0);
    assert!(tui.terminal_restored());
}

#[test]
fn a_commune_picked_from_the_suggestions_names_its_smz() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "fr"], 110, 30);
    tui.press("f7");
    tui.wait_for("Clarification de la compétence");
    for _ in 0..7 {
        tui.press("tab");
    }
    tui.type_text("zerm");
    tui.wait_for("Zermatt");
    tui.press("enter");
    tui.wait_for("Centre médico-social du Haut-Valais");
    assert_eq!(tui.quit(), 0);
}
