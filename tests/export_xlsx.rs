//! Export as an Excel workbook: read back with calamine, every cell has the type a spreadsheet
//! must keep (AHV numbers and permit codes as text with their exact digits, times as dates in
//! Swiss local time, counts as numbers), the batch has its manifest, goes out once, is written
//! again byte for byte, and a published workbook the database lost is recognised.

mod common;
use calamine::{Data, Reader, Xlsx};
use common::{Sandbox, stderr, stdout};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn only(dir: &Path, suffix: &str) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one {suffix} in {}: {found:?}",
        dir.display()
    );
    found.into_iter().next().unwrap()
}

/// The rows of the `visits` sheet by column name.
fn sheet(path: &Path) -> Vec<HashMap<String, Data>> {
    let mut workbook: Xlsx<_> = calamine::open_workbook(path).unwrap();
    assert_eq!(workbook.sheet_names(), ["visits"]);
    let range = workbook.worksheet_range("visits").unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    rows.map(|row| {
        header
            .iter()
            .cloned()
            .zip(row.iter().cloned())
            .filter(|(_, cell)| *cell != Data::Empty)
            .collect()
    })
    .collect()
}

fn local(rfc3339: &str) -> chrono::NaiveDateTime {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .with_timezone(&chrono_tz::Europe::Zurich)
        .naive_local()
}

#[test]
fn the_workbook_keeps_ahv_numbers_and_permit_codes_as_text_and_times_as_swiss_dates() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db_text = db.to_str().unwrap();
    sandbox.demo(db_text, "150");
    // The same visits, exported once as JSON Lines from a copy, to compare cell by cell.
    let copy = sandbox.path("copy.db");
    std::fs::copy(&db, &copy).unwrap();
    let lost = sandbox.path("lost.db");
    std::fs::copy(&db, &lost).unwrap();

    let dir = sandbox.path("excel");
    let to = dir.to_str().unwrap();
    let export = |db: &str| sandbox.run(&["export", "--to", to, "--format", "xlsx", "--db", db]);
    let out = export(db_text);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = only(&dir, ".xlsx");
    assert_eq!(common::file_mode(&file) & 0o777, 0o600);
    let jsonl = sandbox.path("jsonl");
    let out = sandbox.run(&[
        "export",
        "--to",
        jsonl.to_str().unwrap(),
        "--db",
        copy.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: HashMap<String, serde_json::Value> = std::fs::read_to_string(only(&jsonl, ".jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| (v["visitId"].as_str().unwrap().to_string(), v))
        .collect();

    let rows = sheet(&file);
    assert_eq!(rows.len(), lines.len());
    let (mut ahv, mut leading_zero, mut partial_birth) = (0, 0, 0);
    for row in &rows {
        let Some(Data::String(id)) = row.get("visitId") else {
            panic!("visitId as text: {row:?}");
        };
        let line = &lines[id];
        let person = &line["person"];
        if let Some(vn) = person["vn"].as_str() {
            assert_eq!(row["vn"], Data::String(vn.into()), "AHV number as text");
            ahv += 1;
        }
        if let Some(permit) = person["residencePermit"].as_str() {
            assert_eq!(row["residencePermit"], Data::String(permit.into()));
            leading_zero += usize::from(permit.starts_with('0'));
        }
        if let Some(commune) = person["communeOfStay"].as_u64() {
            assert_eq!(row["communeOfStay"], Data::String(commune.to_string()));
        }
        match &person["dateOfBirth"] {
            serde_json::Value::Object(date) => match date.get("yearMonthDay") {
                Some(day) => {
                    let Some(Data::DateTime(cell)) = row.get("dateOfBirth") else {
                        panic!("a full birth date as a date: {row:?}");
                    };
                    let expected =
                        chrono::NaiveDate::parse_from_str(day.as_str().unwrap(), "%Y-%m-%d")
                            .unwrap();
                    assert_eq!(cell.as_datetime().unwrap().date(), expected);
                }
                None => {
                    // A year or a month alone is no date: kept as written.
                    let partial = date.values().next().unwrap().as_str().unwrap();
                    assert_eq!(row["dateOfBirth"], Data::String(partial.into()));
                    partial_birth += 1;
                }
            },
            _ => assert!(!row.contains_key("dateOfBirth")),
        }
        let Some(Data::DateTime(started)) = row.get("startedAt") else {
            panic!("startedAt as a date: {row:?}");
        };
        assert_eq!(
            started.as_datetime().unwrap(),
            local(line["startedAt"].as_str().unwrap()),
            "the time at the desk"
        );
        assert_eq!(row["revision"], Data::Float(1.0));
        assert_eq!(row["action"], Data::Float(line["action"].as_f64().unwrap()));
        if let Some(waited) = line["waitingSeconds"].as_u64() {
            assert_eq!(row["waitingSeconds"], Data::Float(waited as f64));
        }
        assert_eq!(
            row.get("refugee"),
            person["refugee"].as_bool().map(Data::Bool).as_ref()
        );
    }
    assert!(
        ahv > 0 && leading_zero > 0 && partial_birth > 0,
        "the demo has AHV numbers ({ahv}), permit codes with a zero ({leading_zero}) and partial birth dates ({partial_birth})"
    );

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(only(&dir, ".manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["format"], "xlsx");
    assert_eq!(manifest["count"], rows.len());
    assert_eq!(
        manifest["sha256"],
        sha256_hex(&std::fs::read(&file).unwrap())
    );

    // Exactly once.
    let out = export(db_text);
    assert!(
        stdout(&out).contains("nothing to export"),
        "{}",
        stdout(&out)
    );

    // Written again, byte for byte.
    let id = file.file_stem().unwrap().to_str().unwrap().to_string();
    let again = sandbox.path("again");
    let out = sandbox.run(&[
        "export",
        "--to",
        again.to_str().unwrap(),
        "--redo",
        &id,
        "--db",
        db_text,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(again.join(format!("{id}.xlsx"))).unwrap(),
        std::fs::read(&file).unwrap()
    );
    // In its own format only: another is refused, not silently ignored.
    let out = sandbox.run(&[
        "export",
        "--to",
        again.to_str().unwrap(),
        "--redo",
        &id,
        "--format",
        "csv",
        "--db",
        db_text,
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("leave out --format"),
        "{}",
        stderr(&out)
    );

    // A database that never learnt of the batch (restored from before it) reads the workbook
    // in the folder and records it, rather than sending its visits a second time.
    let out = export(lost.to_str().unwrap());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("batch {id}: found complete in the folder")),
        "{}",
        stdout(&out)
    );
    let out = export(lost.to_str().unwrap());
    assert!(
        stdout(&out).contains("nothing to export"),
        "{}",
        stdout(&out)
    );
    assert_eq!(only(&dir, ".xlsx"), file);
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
