//! The person across visits in the real binary: a visitor typed anew who resembles someone
//! recorded is asked about before the visit is saved, and the answer reaches `visits show`.

mod common;
use common::Sandbox;
use intake_desk::store::Store;

fn stable_ids(sandbox: &Sandbox, db: &str) -> Vec<String> {
    let out = sandbox.run(&["visits", "list", "--db", db, "--format", "json"]);
    let visits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut shown: Vec<(String, String)> = visits
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let out = sandbox.run(&["visits", "show", v["id"].as_str().unwrap(), "--db", db]);
            let visit: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            (
                visit["started_at"].to_string(),
                visit["person"]["stable_id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    shown.sort();
    shown.into_iter().map(|(_, id)| id).collect()
}

#[test]
fn a_look_alike_typed_anew_is_asked_about_and_esc_keeps_the_intake() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut earlier = common::visits::identified("Müller", "Anna", "1971-05-03");
    earlier.started_at = chrono::DateTime::parse_from_rfc3339("2026-03-02T09:00:00+01:00").unwrap();
    Store::open(&db).unwrap().insert_visits([earlier]).unwrap();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 80, 24);
    // Typed by hand, not taken over from the suggestions.
    tui.press("f3");
    tui.press(" ");
    tui.press("tab");
    tui.type_text("MULLER");
    tui.press("tab");
    tui.type_text("anna");
    tui.press("tab");
    tui.type_text("1971-05-03");
    tui.press("ctrl-e");
    tui.wait_for("Same person?");
    tui.wait_for("(the same names and birth");
    tui.wait_for("The same person as Müller, Anna (1 visit, last 02.03.2026");
    tui.wait_for("This visit");
    tui.wait_for("Recorded");
    tui.wait_for("A different person");
    // Back to the form: nothing saved, nothing lost.
    tui.press("esc");
    tui.wait_for("Not saved: the intake is still open.");
    tui.wait_for("MULLER");
    tui.press("ctrl-e");
    tui.wait_for("Same person?");
    tui.press("enter");
    tui.wait_for("Visit saved");
    assert_eq!(tui.quit(), 0);
    let ids = stable_ids(&sandbox, db);
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], ids[1], "saved as the recorded person's visit");
}

#[test]
fn the_dossier_merges_a_look_alike_after_asking_and_persons_split_undoes_it() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut earlier = common::visits::identified("Müller", "Anna", "1971-05-03");
    earlier.started_at = chrono::DateTime::parse_from_rfc3339("2026-03-02T09:00:00+01:00").unwrap();
    let mut twin = common::visits::identified("MULLER", "anna", "1971-05-03");
    // An open financial request: handed in five days ago, one document missing.
    let received = intake_desk::desk_time::today() - chrono::Days::new(5);
    twin.kind = intake_desk::domain::VisitKind::FinancialRequest;
    twin.financial = Some(intake_desk::domain::FinancialRequest {
        received_on: received,
        documents: vec![intake_desk::domain::DocumentStatus {
            id: "rent-contract".into(),
            present: false,
        }],
    });
    Store::open(&db)
        .unwrap()
        .insert_visits([&earlier, &twin])
        .unwrap();
    let db = db.to_str().unwrap();
    let before = stable_ids(&sandbox, db);
    assert_ne!(before[0], before[1], "two persons to begin with");
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 80, 24);
    tui.press("f3");
    tui.press(" ");
    tui.press("tab");
    tui.type_text("muller");
    tui.wait_for("Seen before");
    tui.press("alt-d");
    tui.wait_for("Dossier:");
    tui.wait_for("1 visit");
    tui.wait_for("Financial requests");
    let due = (received + chrono::Days::new(30))
        .format("%d.%m.%Y")
        .to_string();
    tui.wait_for(&format!("open, decision due by {due}"));
    tui.wait_for("missing");
    tui.press("m");
    tui.wait_for("Which recorded person is the same?");
    tui.wait_for("› Müller, Anna (1971-05-03) · 1 visit");
    tui.wait_for("Enter: merge");
    tui.press("enter");
    tui.wait_for("Merge?");
    // Enter alone does not merge: only the "yes" letter.
    tui.press("enter");
    tui.wait_for("Merge?");
    tui.press("y");
    tui.wait_for("Merged: 1 visit taken over");
    tui.wait_for("2 visits");
    assert_eq!(tui.quit(), 0);
    let merged = stable_ids(&sandbox, db);
    assert_eq!(merged[0], merged[1], "one person now");
    let gone = if before[0] == merged[0] {
        &before[1]
    } else {
        &before[0]
    };
    let out = sandbox.run(&["persons", "split", gone, "--db", db]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(stable_ids(&sandbox, db), before, "both persons as before");
}
