//! `persons changes`: the persons whose responsibility changes in the window, exactly, worked
//! out from the dates their latest visit kept (the day before, on and after the window's edges,
//! and a 29 February).

mod common;
use common::{Sandbox, stderr};
use intake_desk::domain::{ResidenceStatus, Visit};

/// A visit of `name` whose competence answer was found from `status` and the date given.
fn visit(name: &str, status: &str, asylum: Option<&str>, entry: Option<&str>) -> Visit {
    let catalog = intake_desk::catalog::Catalog::embedded();
    let input = intake_desk::check::Input {
        canton: "VS",
        status,
        asylum_date: asylum,
        entry_date: entry,
        commune: Some("Sion"),
        on: Some("2026-06-01"),
        ..Default::default()
    };
    let outcome =
        intake_desk::check::check(&catalog, &input, "2026-06-01".parse().unwrap()).unwrap();
    let mut visit = common::visits::identified(name, "Test", "1990");
    visit.started_at = chrono::DateTime::parse_from_rfc3339("2026-06-01T10:00:00+02:00").unwrap();
    visit.competence = Some(outcome.record());
    let person = common::visits::person(&mut visit);
    person.residence = status.parse().unwrap_or(ResidenceStatus::None);
    person.commune_of_stay = Some(6266);
    visit
}

fn changes(sandbox: &Sandbox, on: &str) -> Vec<(String, String, String)> {
    let out = sandbox.run(&[
        "persons",
        "changes",
        "--db",
        sandbox.db().to_str().unwrap(),
        "--on",
        on,
        "--within",
        "30d",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["official_name"].as_str().unwrap().to_string(),
                l["on"].as_str().unwrap().to_string(),
                l["next"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn exactly_the_changes_inside_the_window_are_listed_soonest_first() {
    let sandbox = Sandbox::new();
    intake_desk::store::Store::open(&sandbox.db())
        .unwrap()
        .insert_visits([
            // B refugees: the Red Cross from the fifth anniversary of the asylum application.
            visit("Yesterday", "refugee-b", Some("2021-11-30"), None),
            visit("Today", "refugee-b", Some("2021-12-01"), None),
            visit("Tomorrow", "refugee-b", Some("2021-12-02"), None),
            visit("LastDay", "refugee-b", Some("2021-12-31"), None),
            visit("DayAfter", "refugee-b", Some("2022-01-01"), None),
            // F refugee: the Red Cross after seven years since entry, on 28 February for a 29th.
            visit("Leap", "refugee-f", None, Some("2020-02-29")),
            // Nothing coming: the commune stays responsible.
            visit("Commune", "c", None, None),
        ])
        .unwrap();
    let listed = changes(&sandbox, "2026-12-01");
    let names: Vec<&str> = listed.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ["Today", "Tomorrow", "LastDay"], "{listed:?}");
    assert_eq!(listed[0].1, "2026-12-01");
    assert_eq!(listed[2].1, "2026-12-31");
    assert!(
        listed.iter().all(|(_, _, next)| next == "red-cross"),
        "{listed:?}"
    );
    let listed = changes(&sandbox, "2027-02-01");
    assert_eq!(
        listed,
        [(
            "Leap".to_string(),
            "2027-02-28".to_string(),
            "red-cross".to_string()
        )]
    );
}

#[test]
fn the_text_says_when_nothing_changes_and_a_bad_window_is_refused() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    intake_desk::store::Store::open(&db).unwrap();
    let out = sandbox.run(&[
        "persons",
        "changes",
        "--db",
        db.to_str().unwrap(),
        "--on",
        "2026-12-01",
        "--lang",
        "en",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("No change of responsibility in the 30 days"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = sandbox.run(&[
        "persons",
        "changes",
        "--db",
        db.to_str().unwrap(),
        "--within",
        "soon",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("number of days"), "{}", stderr(&out));
}
