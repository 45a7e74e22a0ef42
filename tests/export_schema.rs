//! The export's schema versions: batches written by an earlier version (`intake-desk/visit/1`,
//! kept as fixtures with the database that wrote them) are written again byte for byte, and new
//! batches carry the current schema, whose JSON Schema every line satisfies.

mod common;
use common::{Sandbox, stderr};
use std::path::Path;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/visit-1-batches"
);
const JSONL_BATCH: &str = "01a23407-67b0-7337-a41f-90a396e6e24a";
const CSV_BATCH: &str = "01a23407-6830-77c8-a0ef-8b66fc15f328";

/// The fixture database, copied so the test may migrate and write it.
fn earlier_database(sandbox: &Sandbox) -> String {
    let db = sandbox.db();
    std::fs::copy(Path::new(FIXTURES).join("visits.db"), &db).unwrap();
    db.to_str().unwrap().to_string()
}

#[test]
fn batches_of_the_first_schema_are_written_again_byte_for_byte() {
    let sandbox = Sandbox::new();
    let db = earlier_database(&sandbox);
    for (batch, extension) in [(JSONL_BATCH, "jsonl"), (CSV_BATCH, "csv")] {
        let dir = sandbox.path(&format!("redo-{extension}"));
        let out = sandbox.run(&[
            "export",
            "--db",
            &db,
            "--to",
            dir.to_str().unwrap(),
            "--redo",
            batch,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let file = format!("{batch}.{extension}");
        let again = std::fs::read(dir.join(&file)).unwrap();
        let first = std::fs::read(Path::new(FIXTURES).join(&file)).unwrap();
        assert!(
            again == first,
            "{file} differs from the batch first written"
        );
        let text = String::from_utf8(again).unwrap();
        assert!(
            text.contains("intake-desk/visit/1"),
            "it keeps naming its schema"
        );
    }
}

#[test]
fn a_visit_saved_now_leaves_in_the_current_schema_with_its_competence_inputs_and_next_change() {
    use intake_desk::domain::{Person, ResidenceStatus, Urgency, Visit, VisitKind};
    let sandbox = Sandbox::new();
    // The earlier database keeps loading and takes new visits.
    let db = earlier_database(&sandbox);
    let catalog = intake_desk::catalog::Catalog::embedded();
    let input = intake_desk::check::Input {
        canton: "VS",
        status: "refugee-b",
        asylum_date: Some("2024-03-01"),
        commune: Some("Sion"),
        ..Default::default()
    };
    let outcome =
        intake_desk::check::check(&catalog, &input, "2026-11-25".parse().unwrap()).unwrap();
    let started = chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+01:00").unwrap();
    let visit = Visit {
        id: uuid::Uuid::now_v7(),
        desk_id: "desk-1".into(),
        staff_id: "mb".into(),
        started_at: started,
        ended_at: Some(started + chrono::Duration::minutes(20)),
        kind: VisitKind::Identified,
        urgency: Urgency::Today,
        person: Some(Person {
            key: None,
            official_name: "Tesfay".into(),
            first_name: "Selam".into(),
            birth_date: Some("1990".parse().unwrap()),
            vn: None,
            sex: None,
            nationality: Some("ER".into()),
            language: Some("tir".parse().unwrap()),
            residence: ResidenceStatus::RefugeeB,
            commune_of_stay: Some(6266),
            support_domicile: None,
            phone: None,
        }),
        topics: vec![],
        information: vec![],
        competence: Some(outcome.record()),
        referrals: vec![],
        interpreter: None,
        consent_to_export: true,
        waiting_seconds: None,
        note: None,
        financial: None,
        reason: Some("Miete".into()),
        interpreter_needed: true,
    };
    let id = visit.id.to_string();
    intake_desk::store::Store::open(Path::new(&db))
        .unwrap()
        .insert_visits([visit])
        .unwrap();

    let out = sandbox.run(&["visits", "show", &id, "--db", &db, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let competence = &shown["competence"];
    assert_eq!(competence["inputs"]["status"], "refugee-b");
    assert_eq!(competence["inputs"]["asylum_date"], "2024-03-01");
    assert_eq!(competence["inputs"]["commune"], 6266);
    assert_eq!(competence["next_change"]["on"], "2029-03-01");
    assert_eq!(competence["next_change"]["body"], "red-cross");
    assert_eq!(shown["reason"], "Miete");

    let dir = sandbox.path("out");
    let out = sandbox.run(&["export", "--db", &db, "--to", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../data/schema/visit-2.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut found = false;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "jsonl") {
            continue;
        }
        for text in std::fs::read_to_string(&path).unwrap().lines() {
            let line: serde_json::Value = serde_json::from_str(text).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&line)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{errors:?}\n{line}");
            if line["visitId"] == id.as_str() {
                found = true;
                assert_eq!(line["schema"], "intake-desk/visit/2");
                assert_eq!(line["reason"], "Miete");
                assert_eq!(line["interpreterNeeded"], true);
                assert_eq!(line["competence"]["nextChange"]["on"], "2029-03-01");
                assert_eq!(line["competence"]["nextChange"]["body"], "red-cross");
                assert_eq!(line["competence"]["inputs"]["commune"], 6266);
                assert!(line["competence"]["since"].is_null());
            }
        }
    }
    assert!(found, "the new visit was exported");
}
