//! Retention and erasure: `purge` removes the personal data of visits past `retention_days`
//! (exported, or never to be) so that the month's report stays the same and no purged name,
//! AHV number or birth date is left in the file or its log; `persons erase` does the same for
//! one person; the audit trail survives both.

mod common;
use common::{Sandbox, stderr, stdout};
use std::collections::BTreeSet;

/// Demo visits of the year to 2026-11-20, all due ones exported to a folder, and a
/// configuration keeping personal data 30 days.
fn desk(sandbox: &Sandbox) -> (String, String) {
    let db = sandbox.db().to_str().unwrap().to_string();
    sandbox.demo(&db, "600");
    let out = sandbox.run(&["export", "--to", "inbox", "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    let config = sandbox.write("desk.toml", "retention_days = 30\n");
    (db, config.to_str().unwrap().to_string())
}

fn report(sandbox: &Sandbox, db: &str, month: &str) -> String {
    let out = sandbox.run(&["report", "--month", month, "--format", "json", "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

/// Names, AHV numbers and birth dates of the person records of the visits `which` selects.
fn personal(db: &str, which: &str) -> BTreeSet<String> {
    let conn = common::raw(db);
    let mut statement = conn
        .prepare(&format!(
            "SELECT p.official_name, p.first_name, coalesce(p.vn, ''), coalesce(p.birth_date, '')
             FROM visits v JOIN people p ON p.id = v.person_id WHERE {which}"
        ))
        .unwrap();
    let rows = statement
        .query_map([], |r| {
            Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?])
        })
        .unwrap();
    // Long enough to be told apart from other bytes: names of four letters or more, full birth
    // dates and AHV numbers (a birth year alone is any four digits).
    rows.flat_map(|r| r.unwrap())
        .filter(|s| {
            let numeric = s.chars().all(|c| c.is_ascii_digit() || c == '-');
            s.chars().count() >= if numeric { 10 } else { 4 }
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Every file of the database: the file itself, its log, the outbox of HTTP batches.
fn raw_bytes(db: &str) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    for beside in ["-wal", "-journal"] {
        if let Ok(more) = std::fs::read(format!("{db}{beside}")) {
            bytes.extend(more);
        }
    }
    if let Ok(entries) = std::fs::read_dir(format!("{db}-outbox")) {
        for entry in entries {
            bytes.extend(std::fs::read(entry.unwrap().path()).unwrap());
        }
    }
    bytes
}

#[test]
fn the_months_report_is_the_same_after_a_purge_and_no_purged_data_is_left_in_the_file() {
    let sandbox = Sandbox::new();
    let (db, config) = desk(&sandbox);
    let months = ["2026-10", "2026-11"];
    let before: Vec<String> = months.iter().map(|m| report(&sandbox, &db, m)).collect();
    let cutoff = chrono::Utc::now() - chrono::Duration::days(30);
    let old = format!("v.started_ms < {}", cutoff.timestamp_millis());
    let purged = personal(&db, &old);
    assert!(purged.len() > 100, "{}", purged.len());

    let dry = sandbox.run(&["purge", "--dry-run", "--config", &config, "--db", &db]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    let would: u64 = stdout(&dry)
        .split_whitespace()
        .skip_while(|w| *w != "of")
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(personal(&db, &old), purged, "a dry run changes nothing");

    let out = sandbox.run(&["purge", "--config", &config, "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(&format!("removed the personal data of {would} visit(s)")),
        "{}",
        stdout(&out)
    );
    let after: Vec<String> = months.iter().map(|m| report(&sandbox, &db, m)).collect();
    assert_eq!(after, before, "the reports are the same");

    // What is left is what the recent visits hold; none of the rest is anywhere in the bytes.
    let kept = personal(&db, "v.purged_at IS NULL");
    let gone: Vec<&String> = purged.difference(&kept).collect();
    assert!(gone.len() > 50, "{}", gone.len());
    let bytes = raw_bytes(&db);
    let left: Vec<&&String> = gone.iter().filter(|s| contains(&bytes, s)).collect();
    assert!(left.is_empty(), "still in the file: {left:?}");

    // The visits themselves stay, marked; a second purge finds nothing more.
    let conn = common::raw(&db);
    let marked: i64 = conn
        .query_row(
            "SELECT count(*) FROM visits WHERE purged_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(marked as u64, would);
    drop(conn);
    let again = sandbox.run(&["purge", "--config", &config, "--db", &db]);
    assert!(
        stdout(&again).starts_with("removed the personal data of 0 visit(s)"),
        "{}",
        stdout(&again)
    );
    // The trail has the purge, and is whole.
    let out = sandbox.run(&["audit", "verify", "--db", &db]);
    assert!(out.status.success(), "{}", stdout(&out));
    let out = sandbox.run(&["audit", "--format", "json", "--db", &db]);
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let purge = entries.iter().find(|e| e["action"] == "purge").unwrap();
    assert_eq!(purge["detail"]["visits"], would);
    assert_eq!(purge["staff"], common::STAFF);
    assert!(
        entries.iter().any(|e| e["action"] == "export"),
        "older entries kept"
    );
}

#[test]
fn a_visit_not_exported_yet_keeps_its_data_until_it_has_left() {
    let sandbox = Sandbox::new();
    let db = sandbox.db().to_str().unwrap().to_string();
    sandbox.demo(&db, "300");
    let config = sandbox.write("desk.toml", "retention_days = 30\n");
    let due = "v.export_seq IS NOT NULL";
    let waiting = personal(&db, due);
    assert!(!waiting.is_empty());
    let out = sandbox.run(&["purge", "--config", config.to_str().unwrap(), "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(personal(&db, due), waiting, "due visits are not purged");
    // Anonymous and unconsented ones were.
    let conn = common::raw(&db);
    let (purged, due_purged): (i64, i64) = conn
        .query_row(
            "SELECT count(*), count(export_seq) FROM visits WHERE purged_at IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(purged > 0);
    assert_eq!(due_purged, 0);
}

#[test]
fn a_person_erased_on_request_is_gone_from_every_visit_and_others_stay() {
    let sandbox = Sandbox::new();
    let (db, _) = desk(&sandbox);
    let conn = common::raw(&db);
    // A person with several visits.
    let (person, visits): (String, i64) = conn
        .query_row(
            "SELECT p.person_key, count(*) FROM people p JOIN visits v ON v.person_id = p.id
             WHERE p.vn IS NOT NULL GROUP BY p.person_key ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(visits > 1, "{visits}");
    drop(conn);
    let others = personal(&db, &format!("p.person_key <> '{person}'"));
    // What only this person's records hold (their AHV number at least).
    let names: BTreeSet<String> = personal(&db, &format!("p.person_key = '{person}'"))
        .difference(&others)
        .cloned()
        .collect();
    assert!(names.iter().any(|s| s.starts_with("756")), "{names:?}");
    let out = sandbox.run(&["persons", "erase", &person, "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("from {visits} visit(s)")),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        personal(&db, &format!("p.person_key <> '{person}'")),
        others
    );
    let bytes = raw_bytes(&db);
    let left: Vec<&String> = names.iter().filter(|s| contains(&bytes, s)).collect();
    assert!(left.is_empty(), "still in the file: {left:?}");
    let out = sandbox.run(&[
        "audit", "--record", &person, "--format", "json", "--db", &db,
    ]);
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(entries.last().unwrap()["action"], "erase");
    let unknown = sandbox.run(&["persons", "erase", "nobody", "--db", &db]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("no person with the id nobody"));
}

#[test]
fn purging_needs_an_admin() {
    let sandbox = Sandbox::new();
    let db = sandbox.db().to_str().unwrap().to_string();
    sandbox.demo(&db, "20");
    let out = sandbox.run_with_env(
        &["staff", "add", "rz", "--role", "social-worker", "--db", &db],
        &[("INTAKE_DESK_NEW_PIN", "Gornergrat-1203")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for args in [&["purge"][..], &["persons", "erase", "x"]] {
        let mut args = args.to_vec();
        args.extend(["--db", &db]);
        let out = sandbox.run_with_env(
            &args,
            &[
                ("INTAKE_DESK_STAFF", "rz"),
                ("INTAKE_DESK_PIN", "Gornergrat-1203"),
            ],
        );
        assert_eq!(out.status.code(), Some(4));
        assert!(
            stderr(&out).contains("Purging personal data needs the role admin"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn the_app_purges_at_start_and_says_so_after_the_sign_in() {
    let sandbox = Sandbox::new();
    let (db, config) = desk(&sandbox);
    let mut tui = sandbox.start_tui(&["--db", &db, "--config", &config, "--lang", "en"], 120, 30);
    tui.wait_for("Retention: the personal data of");
    tui.wait_for("older than 30 days was removed.");
    tui.quit();
    let conn = common::raw(&db);
    let marked: i64 = conn
        .query_row(
            "SELECT count(*) FROM visits WHERE purged_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(marked > 0);
}
