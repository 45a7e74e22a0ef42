//! The Directory screen in the real binary: search, open, write a slip.

mod common;
use common::{Sandbox, file_mode};

fn slip(sandbox: &Sandbox, service: &str) -> String {
    let today = intake_desk::desk_time::today();
    let path = sandbox.path(&format!("slips/{service}-{today}.html"));
    assert_eq!(file_mode(&path), 0o600);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn dettes_finds_debt_counselling_first_and_writes_its_slip() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "fr"], 110, 30);
    tui.wait_for("File d'attente");
    tui.press("f5");
    tui.wait_for("Recherche:");
    tui.type_text("dettes");
    tui.wait_for("› Caritas Valais");
    tui.press("enter");
    tui.wait_for("Conseil social, financier et désendettement");
    tui.press("ctrl-o");
    tui.wait_for("Bon d'orientation enregistré");
    let page = slip(&sandbox, "caritas-vs");
    assert!(page.contains("Caritas Valais"));
    // No public source gives Caritas Valais's number: the slip says so instead of inventing one,
    // and how to reach the service instead.
    assert!(
        page.contains("<th>Téléphone</th><td>inconnu ; voir https://www.caritas-valais.ch</td>"),
        "{page}"
    );

    // A service whose number is known carries it on the slip, here in both languages.
    tui.press("esc");
    tui.press("ctrl-u");
    tui.type_text("lavi");
    tui.wait_for("› Centres de consultation…"); // the name gives way to the phone
    tui.wait_for("│ Centres de consultation LAVI"); // the details name it whole
    tui.press("ctrl-l"); // the visitor's language, picked by typing part of its name
    tui.type_text("allem");
    tui.press("enter");
    tui.wait_for("Langue du visiteur:\u{a0}Allemand"); // no break between label and value
    tui.press("ctrl-o");
    tui.wait_for("Bon d'orientation enregistré");
    let page = slip(&sandbox, "lavi");
    assert!(page.contains("<td>027 607 31 00</td>"), "{page}");
    assert!(
        page.contains("Opferhilfe-Beratungsstellen (OHG)"),
        "the visitor's language follows"
    );

    // The client view shows the service in the visitor's language, for across the desk.
    tui.press("f11");
    tui.wait_for("Telefon: 027 607 31 00");
    tui.wait_for("Kostenlose, vertrauliche Beratung");
    tui.press("f11");
    tui.wait_for("› Centres de consultation…"); // the name gives way to the phone
    tui.wait_for("│ Centres de consultation LAVI"); // the details name it whole

    assert_eq!(tui.quit(), 0);
}

#[test]
fn the_region_filter_puts_the_visitors_region_first() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "de"], 110, 30);
    tui.press("f5");
    tui.type_text("dolmetschen");
    tui.wait_for("› AVIC");
    tui.press("ctrl-r"); // the first region: Oberwallis
    tui.wait_for("Region:\u{a0}Sozialmedizinisches Zentrum Oberwallis");
    tui.wait_for("› Forum Migration Oberwal");
    assert_eq!(tui.quit(), 0);
}

#[test]
fn no_suitable_service_is_recorded_with_its_reason_and_counted() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 110, 30);
    tui.press("f5");
    tui.type_text("tierarzt");
    tui.wait_for("No service matches");
    tui.press("ctrl-n");
    tui.wait_for("No suitable service");
    tui.wait_for("Searched for tierarzt");
    // A reason is required.
    tui.press("enter");
    tui.wait_for("Please give a reason.");
    tui.type_text("vet bill for a guide dog");
    tui.press("enter");
    tui.wait_for("Recorded: no suitable service (1 in all)");
    assert_eq!(tui.quit(), 0);
    let out = sandbox.run(&["db", "info", "--db", db]);
    assert!(
        common::stdout(&out).contains("unmet needs:     1"),
        "{}",
        common::stdout(&out)
    );
}

#[test]
fn a_phone_corrected_on_the_directory_screen_is_kept_marked_and_searchable_after_a_restart() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 100, 30);
    tui.press("f5");
    tui.type_text("caritas");
    tui.wait_for("› Caritas");
    tui.press("alt-e");
    tui.wait_for("Correct the service: Caritas");
    tui.type_text("027 000 11 22");
    tui.press("enter");
    tui.wait_for("Correction saved");
    assert_eq!(tui.quit(), 0);

    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en"], 100, 30);
    tui.press("f5");
    tui.type_text("caritas");
    tui.wait_for("027 000 11 22");
    tui.press("enter");
    tui.wait_for(&format!(
        "Corrected at this desk: checked ({},",
        common::STAFF
    ));
    assert_eq!(tui.quit(), 0);
    let out = sandbox.run(&[
        "directory",
        "search",
        "caritas",
        "--db",
        db,
        "--format",
        "json",
    ]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits[0]["phone"], "027 000 11 22");
    let fields: Vec<&str> = hits[0]["local"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["checked", "phone"]);

    // The HSDS export carries the local phone, and its change log says it was made here.
    let package = sandbox.path("package");
    let out = sandbox.run(&["directory", "export", package.to_str().unwrap(), "--db", db]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let phones = std::fs::read_to_string(package.join("phones.csv")).unwrap();
    assert!(phones.contains(",027 000 11 22,voice,"), "{phones}");
    let changes = std::fs::read_to_string(package.join("metadata.csv")).unwrap();
    assert!(
        changes.lines().any(|l| l.contains(",phones.number,")
            && l.ends_with(&format!(",027 000 11 22,{}", common::STAFF))),
        "{changes}"
    );
}
