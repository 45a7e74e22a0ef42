//! `intake-desk directory stale`: the services not compared with their source for more than 12
//! months, oldest first; an entry of a month counts as checked on its last day.

mod common;
use common::{Sandbox, stderr};

fn stale_on(sandbox: &Sandbox, day: &str) -> Vec<String> {
    let out = sandbox.run(&["directory", "stale", "--on", day, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    lines
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn entries_are_stale_a_year_after_the_month_they_were_checked_in() {
    let sandbox = Sandbox::new();
    let catalog = intake_desk::catalog::Catalog::embedded();
    let checked_in = |month: &str| -> Vec<String> {
        let mut ids: Vec<String> = catalog
            .services
            .iter()
            .filter(|s| s.last_checked == month)
            .map(|s| s.id.clone())
            .collect();
        ids.sort();
        ids
    };
    let november = checked_in("2026-11");
    assert!(!november.is_empty() && !checked_in("2026-12").is_empty());
    assert!(
        stale_on(&sandbox, "2027-11-30").is_empty(),
        "a year to the day: not yet"
    );
    let mut stale = stale_on(&sandbox, "2027-12-01");
    stale.sort();
    assert_eq!(
        stale, november,
        "those checked in November 2026, not those of December"
    );
    // The text names each with its date.
    let out = sandbox.run(&["directory", "stale", "--on", "2027-12-01"]);
    let text = common::stdout(&out);
    assert!(text.lines().all(|l| l.contains("2026-11")), "{text}");
    let bad = sandbox.run(&["directory", "stale", "--months", "0"]);
    assert_eq!(bad.status.code(), Some(2));
}
