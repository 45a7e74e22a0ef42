//! Output is data, never commands: CSV cells a spreadsheet would run as formulas are neutralised
//! (the JSON Lines keep what was typed), text for the terminal shows control characters escaped,
//! and names and notes with control characters or direction overrides are refused when typed.

mod common;
use common::{Sandbox, stderr, stdout};

fn correct(sandbox: &Sandbox, db: &str, id: &str, name: &str, first: &str) {
    let (name, first) = (format!("--name={name}"), format!("--first-name={first}"));
    let out = sandbox.run(&["visits", "correct", id, &name, &first, "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn formula_prefixes_become_text_in_csv_and_stay_as_typed_in_json_lines() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let due = sandbox.demo_due_for_export(db, "60");
    correct(
        &sandbox,
        db,
        &due[0],
        "=HYPERLINK(\"http://x\")",
        "@SUM(A1)",
    );
    correct(&sandbox, db, &due[1], "+41 27 607", "-2+3");
    let copy = sandbox.path("copy.db");
    assert!(
        sandbox
            .run(&["db", "backup", copy.to_str().unwrap(), "--db", db])
            .status
            .success()
    );
    let csv_dir = sandbox.path("csv");
    let out = sandbox.run(&[
        "export",
        "--to",
        csv_dir.to_str().unwrap(),
        "--format",
        "csv",
        "--db",
        db,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = std::fs::read_dir(&csv_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "csv"))
        .unwrap();
    let mut reader = csv::Reader::from_path(file).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, name, first) = (
        column("visitId"),
        column("officialName"),
        column("firstName"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |visit: &str| rows.iter().find(|r| &r[id] == visit).unwrap().clone();
    assert_eq!(&row(&due[0])[name], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&row(&due[0])[first], "'@SUM(A1)");
    assert_eq!(&row(&due[1])[name], "'+41 27 607");
    assert_eq!(&row(&due[1])[first], "'-2+3");
    // No other cell starts like a formula.
    for record in &rows {
        assert!(
            record
                .iter()
                .all(|cell| !cell.starts_with(['=', '+', '-', '@', '\t', '\r']))
        );
    }
    let jsonl_dir = sandbox.path("jsonl");
    let out = sandbox.run(&[
        "export",
        "--to",
        jsonl_dir.to_str().unwrap(),
        "--db",
        copy.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text: String = std::fs::read_dir(&jsonl_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let line = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|l| l["visitId"] == due[0].as_str())
        .unwrap();
    assert_eq!(line["person"]["officialName"], "=HYPERLINK(\"http://x\")");
    assert_eq!(line["person"]["firstName"], "@SUM(A1)");
}

#[test]
fn control_characters_in_stored_data_reach_the_terminal_escaped() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let due = sandbox.demo_due_for_export(db, "30");
    // Written past the app's checks, as an older version or another program could have.
    let conn = common::raw(db);
    conn.execute(
        "UPDATE people SET official_name = ?1
         WHERE id = (SELECT person_id FROM visits WHERE id = ?2)",
        ("Evil\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}", &due[0]),
    )
    .unwrap();
    drop(conn);
    let out = sandbox.run(&["visits", "show", &due[0], "--format", "text", "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!text.contains(raw), "raw {raw:?} in {text}");
    }
    assert!(text.contains("\\u{9b}2J\\u{202e}"), "{text}");
    assert!(text.contains("Evil\\u001b]0;pwned\\u0007"), "{text}");
}

#[test]
fn names_and_notes_with_control_characters_or_overrides_are_refused() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let due = sandbox.demo_due_for_export(db, "30");
    let cases: [&[&str]; 3] = [
        &["visits", "note", &due[0], "call \u{1b}[2J back"],
        &["visits", "note", &due[0], "\u{2066}hidden"],
        &[
            "visits",
            "correct",
            &due[0],
            "--name",
            "Ann\u{202e}a",
            "--first-name",
            "B",
        ],
    ];
    for args in cases {
        let mut args = args.to_vec();
        args.extend(["--db", db]);
        let out = sandbox.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("control character") || err.contains("override"),
            "{err}"
        );
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{202e}'),
            "{err:?}"
        );
    }
    let show = stdout(&sandbox.run(&["visits", "show", &due[0], "--db", db]));
    let value: serde_json::Value = serde_json::from_str(&show).unwrap();
    assert_eq!(value["revision"], 1, "nothing was changed");
}

#[test]
fn a_slip_written_to_a_file_is_private_to_its_owner() {
    let sandbox = Sandbox::new();
    let file = sandbox.path("lavi.html");
    let out = sandbox.run(&[
        "slip",
        "lavi",
        "--visitor-lang",
        "fr",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(common::file_mode(&file), 0o600);
    assert!(std::fs::read_to_string(&file).unwrap().contains("<html"));
}
