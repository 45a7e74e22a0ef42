//! Export to a folder: every line valid against the shipped JSON Schema, the CSV header as the
//! README documents it, nothing exported twice, `--redo` byte for byte, corrections as action 4.

mod common;
use common::{Sandbox, stderr, stdout};
use std::path::{Path, PathBuf};

fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    // The lock file that keeps a second export out while one runs stays, empty of data.
    found.retain(|p| {
        p.to_string_lossy().ends_with(suffix) && !p.ends_with(".intake-desk-export.lock")
    });
    found.sort();
    found
}

fn lines(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn demo(sandbox: &Sandbox, db: &str, visits: &str) {
    sandbox.demo(db, visits);
}

#[test]
fn every_exported_line_is_valid_and_a_second_run_exports_nothing() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    demo(&sandbox, db, "600");
    let dir = sandbox.path("out");
    let to = dir.to_str().unwrap();
    let out = sandbox.run(&["export", "--to", to, "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));

    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../data/schema/visit-5.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema itself is valid");
    let batches = files(&dir, ".jsonl");
    assert_eq!(batches.len(), 1);
    let visits = lines(&batches[0]);
    assert!(visits.len() > 100, "{}", visits.len());
    for visit in &visits {
        let errors: Vec<String> = validator
            .iter_errors(visit)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}\n{visit}");
        // Only identified visits with consent leave.
        assert!(visit["person"].is_object());
        assert_eq!(visit["action"], 1);
    }
    // The demo's every kind and stage is there.
    for kind in ["identified", "financial-request", "urgent-handover"] {
        assert!(visits.iter().any(|v| v["kind"] == kind), "{kind}");
    }
    assert!(
        visits
            .iter()
            .any(|v| v["financialRequest"]["decideBy"].is_string())
    );
    assert!(visits.iter().any(|v| v["competence"]["rule"].is_string()));
    assert!(
        visits
            .iter()
            .any(|v| v["person"]["residencePermit"] == "05")
    );

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files(&dir, ".manifest.json")[0]).unwrap()).unwrap();
    assert_eq!(manifest["count"], visits.len());
    assert_eq!(manifest["header"]["action"], 1);
    assert_eq!(manifest["header"]["testDeliveryFlag"], false);
    assert_eq!(manifest["header"]["messageId"], manifest["batchId"]);
    let out = sandbox.run(&["db", "info", "--db", db]);
    assert!(
        stdout(&out).contains("pending export:  0"),
        "{}",
        stdout(&out)
    );

    let again = sandbox.run(&["export", "--to", to, "--db", db]);
    assert!(again.status.success());
    assert!(
        stdout(&again).contains("nothing to export"),
        "{}",
        stdout(&again)
    );
    assert_eq!(files(&dir, ".jsonl").len(), 1);
    assert_eq!(files(&dir, "").len(), 2, "no leftovers");
    #[cfg(unix)]
    for file in files(&dir, "") {
        assert_eq!(
            common::file_mode(&file) & 0o777,
            0o600,
            "{}",
            file.display()
        );
    }
}

#[test]
fn the_csv_header_is_the_documented_column_list() {
    let readme = include_str!("../README.md");
    let table = readme
        .split("**CSV**")
        .nth(1)
        .expect("the CSV section")
        .split("\n\n")
        .nth(1)
        .expect("the column table");
    let documented: Vec<&str> = table
        .lines()
        .skip(2)
        .filter_map(|l| l.split('`').nth(1))
        .collect();
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    demo(&sandbox, db, "50");
    let dir = sandbox.path("csv");
    let out = sandbox.run(&[
        "export",
        "--to",
        dir.to_str().unwrap(),
        "--format",
        "csv",
        "--db",
        db,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = &files(&dir, ".csv")[0];
    let mut reader = csv::Reader::from_path(file).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, documented);
    let rows = reader.records().count();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files(&dir, ".manifest.json")[0]).unwrap()).unwrap();
    assert_eq!(manifest["count"], rows);
    assert_eq!(manifest["format"], "csv");
}

#[test]
fn redo_is_byte_identical_and_a_correction_goes_out_as_action_4() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    demo(&sandbox, db, "120");
    let dir = sandbox.path("out");
    let to = dir.to_str().unwrap();
    assert!(
        sandbox
            .run(&["export", "--to", to, "--db", db])
            .status
            .success()
    );
    let first = files(&dir, ".jsonl").remove(0);
    let first_bytes = std::fs::read(&first).unwrap();
    let first_manifest = std::fs::read(files(&dir, ".manifest.json").remove(0)).unwrap();
    let first_id = first.file_stem().unwrap().to_str().unwrap().to_string();
    let corrected = lines(&first)[3]["visitId"].as_str().unwrap().to_string();

    // A correction of an exported visit makes it due again, as a correction.
    let out = sandbox.run(&[
        "visits",
        "correct",
        &corrected,
        "--name",
        "Korrigiert",
        "--first-name",
        "Anna",
        "--db",
        db,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sandbox.run(&["export", "--to", to, "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
    let second = files(&dir, ".jsonl")
        .into_iter()
        .find(|p| *p != first)
        .expect("a second batch");
    let corrections = lines(&second);
    assert_eq!(corrections.len(), 1);
    let line = &corrections[0];
    assert_eq!(line["action"], 4);
    assert_eq!(line["visitId"], corrected.as_str());
    assert_eq!(line["originalId"], corrected.as_str());
    assert_eq!(line["originalBatchId"], first_id.as_str());
    assert_eq!(line["revision"], 2);
    assert_eq!(line["person"]["officialName"], "Korrigiert");

    // The first batch written again, elsewhere: the same bytes, although a visit in it changed since.
    let again = sandbox.path("again");
    let out = sandbox.run(&[
        "export",
        "--to",
        again.to_str().unwrap(),
        "--redo",
        &first_id,
        "--db",
        db,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(again.join(format!("{first_id}.jsonl"))).unwrap(),
        first_bytes
    );
    assert_eq!(
        std::fs::read(again.join(format!("{first_id}.manifest.json"))).unwrap(),
        first_manifest
    );
    let out = sandbox.run(&["export", "--to", to, "--redo", "no-such-batch", "--db", db]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown batch is input to fix"
    );
    assert!(stderr(&out).contains("no export batch with the id no-such-batch"));
}

#[test]
fn anonymous_visits_and_visits_without_consent_never_leave() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    demo(&sandbox, db, "300");
    let out = sandbox.run(&["visits", "list", "--db", db, "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let due: Vec<&str> = all
        .iter()
        .filter(|v| v["anonymous"] == false && v["consent_to_export"] == true)
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    let dir = sandbox.path("out");
    assert!(
        sandbox
            .run(&["export", "--to", dir.to_str().unwrap(), "--db", db])
            .status
            .success()
    );
    let exported: Vec<String> = lines(&files(&dir, ".jsonl")[0])
        .iter()
        .map(|v| v["visitId"].as_str().unwrap().to_string())
        .collect();
    // Exactly the identified visits with consent (in the order they were saved), each once.
    let mut sorted = exported.clone();
    sorted.sort();
    sorted.dedup();
    let mut due: Vec<String> = due.iter().map(|s| s.to_string()).collect();
    due.sort();
    assert_eq!(sorted.len(), exported.len(), "a visit twice");
    assert_eq!(sorted, due);
    assert!(exported.len() < all.len());
}

#[test]
fn export_without_a_target_says_how_to_give_one() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let out = sandbox.run(&["export", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--to DIR or --url URL"),
        "{}",
        stderr(&out)
    );
    let out = sandbox.run(&[
        "export",
        "--to",
        "x",
        "--format",
        "xml",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("use jsonl, csv, csv-semicolon"),
        "{}",
        stderr(&out)
    );
    // The Excel layout set once in the configuration; a wrong name refused with the way out.
    let config = sandbox.write(
        "config/intake-desk/config.toml",
        "export_format = \"csv-semicolon-bom\"\n",
    );
    let dir = sandbox.path("by-config");
    let out = sandbox.run(&[
        "export",
        "--to",
        dir.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(&config, "export_format = \"excel\"\n").unwrap();
    let out = sandbox.run(&[
        "export",
        "--to",
        dir.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("csv-semicolon-bom"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_export_screen_exports_in_the_background_and_lists_the_batch() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    demo(&sandbox, db, "200");
    let dir = sandbox.path("desk-out");
    let config = sandbox.write(
        "desk.toml",
        &format!("export_dir = \"{}\"\n", dir.display()),
    );
    let mut tui = sandbox.start_tui(
        &[
            "--db",
            db,
            "--config",
            config.to_str().unwrap(),
            "--lang",
            "en",
        ],
        110,
        30,
    );
    tui.press("f8");
    tui.wait_for(&format!("Target: {} · jsonl", dir.display()));
    tui.wait_for("No batches yet.");
    let due = tui
        .screen()
        .lines()
        .find_map(|l| {
            l.split("Due: ")
                .nth(1)?
                .split(' ')
                .next()
                .map(str::to_string)
        })
        .unwrap();
    tui.press("enter");
    // Personal data leaves the desk: how many, where, and a question first.
    tui.wait_for("Send the export?");
    tui.wait_for(&format!("{due} visits with personal data will be sent to"));
    assert!(
        tui.screen().contains("Due:"),
        "nothing is sent before the answer"
    );
    tui.press("y");
    tui.wait_for(&format!("Exported: {due} visits in 1 batch(es)."));
    tui.wait_for("Due: 0 visits");
    tui.wait_for("delivered");
    tui.wait_for("Pending export: 0");
    assert_eq!(tui.quit(), 0);
    assert_eq!(files(&dir, ".jsonl").len(), 1);
    assert_eq!(lines(&files(&dir, ".jsonl")[0]).len().to_string(), due);
}

#[test]
fn exported_lines_carry_the_same_data_as_visits_show() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    demo(&sandbox, db, "400");
    let dir = sandbox.path("out");
    assert!(
        sandbox
            .run(&["export", "--to", dir.to_str().unwrap(), "--db", db])
            .status
            .success()
    );
    let exported = lines(&files(&dir, ".jsonl")[0]);
    // Visits with referrals and interpreters first: they are where reading side by side could slip.
    let mut sample: Vec<&serde_json::Value> = exported
        .iter()
        .filter(|v| {
            v["referrals"].as_array().is_some_and(|r| !r.is_empty()) || v["interpreter"].is_object()
        })
        .take(15)
        .collect();
    sample.extend(exported.iter().take(5));
    for line in sample {
        let id = line["visitId"].as_str().unwrap();
        let out = sandbox.run(&["visits", "show", id, "--db", db]);
        let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            line["person"]["officialName"], shown["person"]["official_name"],
            "{id}"
        );
        assert_eq!(line["person"]["vn"], shown["person"]["vn"], "{id}");
        let services = |list: &serde_json::Value, key: &str| -> Vec<String> {
            list.as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    format!(
                        "{}:{}",
                        r[key].as_str().unwrap(),
                        r["status"].as_str().unwrap()
                    )
                })
                .collect()
        };
        assert_eq!(
            services(&line["referrals"], "serviceId"),
            services(&shown["referrals"], "service_id"),
            "{id}"
        );
        assert_eq!(
            line["interpreter"]["minutes"], shown["interpreter"]["minutes"],
            "{id}"
        );
        assert_eq!(
            line["interpreter"]["language"], shown["interpreter"]["language"],
            "{id}"
        );
        assert_eq!(line["topics"], shown["topics"], "{id}");
    }
}

#[test]
fn a_visit_corrected_before_it_first_leaves_goes_in_its_latest_version_and_redo_keeps_it() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let due = sandbox.demo_due_for_export(db, "60");
    let corrected = &due[0];
    let correct = |name: &str| {
        let out = sandbox.run(&[
            "visits",
            "correct",
            corrected,
            "--name",
            name,
            "--first-name",
            "Lea",
            "--db",
            db,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    correct("Vorher");
    let dir = sandbox.path("out");
    let to = dir.to_str().unwrap();
    assert!(
        sandbox
            .run(&["export", "--to", to, "--db", db])
            .status
            .success()
    );
    let first = files(&dir, ".jsonl").remove(0);
    let first_id = first.file_stem().unwrap().to_str().unwrap().to_string();
    let line = lines(&first)
        .into_iter()
        .find(|l| l["visitId"] == corrected.as_str())
        .unwrap();
    assert_eq!(line["revision"], 2);
    assert_eq!(line["action"], 1);
    assert_eq!(line["person"]["officialName"], "Vorher");
    let bytes = std::fs::read(&first).unwrap();

    // Corrected again after it left: a correction batch with version 3.
    correct("Nachher");
    assert!(
        sandbox
            .run(&["export", "--to", to, "--db", db])
            .status
            .success()
    );
    let second = files(&dir, ".jsonl")
        .into_iter()
        .find(|p| *p != first)
        .unwrap();
    let corrections = lines(&second);
    assert_eq!(corrections.len(), 1);
    assert_eq!(corrections[0]["revision"], 3);
    assert_eq!(corrections[0]["originalBatchId"], first_id.as_str());
    assert_eq!(corrections[0]["person"]["officialName"], "Nachher");
    // Nothing more is due.
    let again = sandbox.run(&["export", "--to", to, "--db", db]);
    assert!(stdout(&again).contains("nothing to export"));

    // The first batch, written again, still carries version 2.
    let redo = sandbox.path("redo");
    let out = sandbox.run(&[
        "export",
        "--to",
        redo.to_str().unwrap(),
        "--redo",
        &first_id,
        "--db",
        db,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(redo.join(format!("{first_id}.jsonl"))).unwrap(),
        bytes
    );
}

/// `756.1234.5678.97`: the AHV number as printed on the card.
fn printed_as_on_the_card(cell: &str) -> bool {
    let groups: Vec<&str> = cell.split('.').collect();
    groups.len() == 4
        && groups[0] == "756"
        && groups.iter().map(|g| g.len()).eq([3, 4, 4, 2])
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
}

#[test]
fn csv_for_excel_has_a_bom_and_semicolons_keeps_every_script_and_goes_out_once() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    demo(&sandbox, db, "60");
    let first = sandbox.path("first");
    let out = sandbox.run(&["export", "--to", first.to_str().unwrap(), "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
    let identified: Vec<String> = lines(&files(&first, ".jsonl")[0])
        .iter()
        .filter(|l| !l["person"].is_null())
        .map(|l| l["visitId"].as_str().unwrap().to_string())
        .take(3)
        .collect();
    let names = ["Zenhäusern", "شاهين", "ዘርኡ"];
    for (visit, name) in identified.iter().zip(names) {
        let out = sandbox.run(&[
            "visits",
            "correct",
            visit,
            "--name",
            name,
            "--first-name",
            "Selam",
            "--db",
            db,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let dir = sandbox.path("excel");
    let to = dir.to_str().unwrap();
    let export = || {
        sandbox.run(&[
            "export",
            "--to",
            to,
            "--format",
            "csv",
            "--semicolon",
            "--bom",
            "--db",
            db,
        ])
    };
    let out = export();
    assert!(out.status.success(), "{}", stderr(&out));
    let file = files(&dir, ".csv").remove(0);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with("\u{feff}schema;action;visitId;".as_bytes()));
    let text = String::from_utf8(bytes.clone()).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    assert!(header.len() > 40, "split on ;: {header:?}");
    let column = header.iter().position(|h| h == "officialName").unwrap();
    let written: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[column].to_string())
        .collect();
    for name in names {
        assert!(written.contains(&name.to_string()), "{name} in {written:?}");
    }
    // What a spreadsheet would turn into numbers stays text: the AHV number as on the card,
    // the permit code as ="05"; nothing else is a formula.
    let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (vn, permit) = (at("vn"), at("residencePermit"));
    assert!(
        rows.iter().any(|r| printed_as_on_the_card(&r[vn])),
        "an AHV number"
    );
    for row in &rows {
        assert!(
            row[vn].is_empty() || printed_as_on_the_card(&row[vn]),
            "{}",
            &row[vn]
        );
        let code = &row[permit];
        assert!(
            code.is_empty() || (code.len() == 5 && code.starts_with("=\"0")),
            "{code}"
        );
        for (i, cell) in row.iter().enumerate() {
            assert!(i == permit || !cell.starts_with('='), "{cell}");
        }
    }
    let codes: Vec<&str> = rows.iter().map(|r| &r[permit]).collect();
    assert!(codes.iter().any(|c| c.starts_with("=\"0")), "{codes:?}");
    let manifest_path = files(&dir, ".manifest.json").remove(0);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest_path).unwrap()).unwrap();
    assert_eq!(manifest["format"], "csv-semicolon-bom");
    assert_eq!(manifest["count"], written.len());

    // Exactly once: nothing is due on the next run.
    let out = export();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(files(&dir, ".csv").len(), 1, "{}", stdout(&out));

    // Written again with its layout, byte for byte.
    let id = file.file_stem().unwrap().to_str().unwrap().to_string();
    let again = sandbox.path("again");
    let out = sandbox.run(&[
        "export",
        "--to",
        again.to_str().unwrap(),
        "--redo",
        &id,
        "--db",
        db,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(again.join(format!("{id}.csv"))).unwrap(),
        bytes
    );

    // The flags are for CSV only.
    let out = sandbox.run(&["export", "--to", to, "--semicolon", "--db", db]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--format csv"), "{}", stderr(&out));
}

#[test]
fn two_desks_with_their_own_databases_share_one_inbox_and_each_sends_its_own() {
    let sandbox = Sandbox::new();
    let inbox = sandbox.path("inbox");
    let to = inbox.to_str().unwrap();
    for (db, seed) in [("sion.db", "1"), ("visp.db", "2")] {
        let out = sandbox.run(&[
            "demo",
            "--visits",
            "40",
            "--seed",
            seed,
            "--until",
            "2026-11-20",
            "--db",
            db,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        sandbox.ensure_staff(&sandbox.path(db));
        let out = sandbox.run(&["export", "--to", to, "--db", db]);
        assert!(out.status.success(), "{}", stderr(&out));
        // The other desk's batch in the folder is not this database's to record.
        assert!(
            !stdout(&out).contains("found complete"),
            "{db}: {}",
            stdout(&out)
        );
        assert!(stdout(&out).contains("new, delivered"), "{}", stdout(&out));
    }
    assert_eq!(files(&inbox, ".manifest.json").len(), 2);
    let again = sandbox.run(&["export", "--to", to, "--db", "sion.db"]);
    assert!(
        stdout(&again).contains("nothing to export"),
        "{}",
        stdout(&again)
    );
}
