//! The export's schema versions: batches written by an earlier version (`intake-desk/visit/1`,
//! kept as fixtures with the database that wrote them) are written again byte for byte, and new
//! batches carry the current schema, whose JSON Schema every line satisfies.

mod common;
use common::{Sandbox, stderr};
use std::path::Path;

/// Batches written by earlier versions with the database they came from: (folder, schema,
/// JSONL batch, CSV batch).
const EARLIER: [(&str, &str, &str, &str); 4] = [
    (
        "visit-1-batches",
        "intake-desk/visit/1",
        "01a23407-67b0-7337-a41f-90a396e6e24a",
        "01a23407-6830-77c8-a0ef-8b66fc15f328",
    ),
    (
        "visit-2-batches",
        "intake-desk/visit/2",
        "01a234cb-7da4-7786-b40a-3c71f2b57654",
        "01a234cb-7e08-77fd-a683-8532fa8539b4",
    ),
    (
        "visit-3-batches",
        "intake-desk/visit/3",
        "01a2354d-0ba7-75d4-ba90-d36cdcbda84b",
        "01a2354d-0d65-70c4-8e47-072d7c35641b",
    ),
    (
        "visit-4-batches",
        "intake-desk/visit/4",
        "01a23edd-1c90-7361-bfb2-6108c5512efe",
        "01a23edd-2bfe-7147-9180-edee9de9bf9f",
    ),
];

/// Every line of the JSON Lines batches in `dir`, each checked against the current JSON Schema.
fn exported_lines(dir: &Path) -> Vec<serde_json::Value> {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../data/schema/visit-5.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
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
            lines.push(line);
        }
    }
    lines
}

fn fixtures(folder: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder)
}

/// The fixture database, copied so the test may migrate and write it.
fn earlier_database(sandbox: &Sandbox, folder: &str) -> String {
    let db = sandbox.path(&format!("{folder}.db"));
    common::copy_database(&fixtures(folder).join("visits.db"), &db);
    db.to_str().unwrap().to_string()
}

#[test]
fn batches_of_earlier_schemas_are_written_again_byte_for_byte() {
    let sandbox = Sandbox::new();
    for (folder, schema, jsonl, csv) in EARLIER {
        let db = earlier_database(&sandbox, folder);
        for (batch, extension) in [(jsonl, "jsonl"), (csv, "csv")] {
            let dir = sandbox.path(&format!("redo-{folder}-{extension}"));
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
            let first = std::fs::read(fixtures(folder).join(&file)).unwrap();
            assert!(
                again == first,
                "{folder}/{file} differs from the batch first written"
            );
            let text = String::from_utf8(again).unwrap();
            if extension == "jsonl" {
                assert!(text.contains(schema), "it keeps naming its schema");
            }
        }
    }
}

/// An identified visit with consent, started at `started` (RFC 3339), lasting 20 minutes.
fn identified_visit(started: &str) -> intake_desk::domain::Visit {
    use intake_desk::domain::{Person, ResidenceStatus, Urgency, Visit, VisitKind};
    let started = chrono::DateTime::parse_from_rfc3339(started).unwrap();
    Visit {
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
            nationality: Some("ER".parse().unwrap()),
            language: Some("tir".parse().unwrap()),
            residence: ResidenceStatus::RefugeeB,
            commune_of_stay: Some(6266),
            support_domicile: None,
            phone: None,
        }),
        topics: vec![],
        information: vec![],
        competence: None,
        referrals: vec![],
        interpreter: None,
        consent_to_export: true,
        waiting_seconds: None,
        note: None,
        financial: None,
        reason: None,
        interpreter_needed: true,
        visitor_language: None,
    }
}

#[test]
fn every_moment_leaves_in_the_desks_time_with_its_offset_whatever_the_machine_zone() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    // Stored in UTC, as on a server whose zone is UTC.
    let summer = identified_visit("2026-07-01T07:30:00Z");
    let winter = identified_visit("2026-11-25T09:00:00Z");
    let ids = [summer.id.to_string(), winter.id.to_string()];
    intake_desk::store::Store::open(Path::new(db))
        .unwrap()
        .insert_visits([summer, winter])
        .unwrap();
    sandbox.ensure_staff(Path::new(db));
    let dir = sandbox.path("out");
    let out = sandbox.run_with_env(
        &["export", "--db", db, "--to", dir.to_str().unwrap()],
        &[("TZ", "UTC")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = exported_lines(&dir);
    let line = |id: &str| lines.iter().find(|l| l["visitId"] == id).unwrap();
    assert_eq!(line(&ids[0])["startedAt"], "2026-07-01T09:30:00+02:00");
    assert_eq!(line(&ids[0])["endedAt"], "2026-07-01T09:50:00+02:00");
    assert_eq!(line(&ids[1])["startedAt"], "2026-11-25T10:00:00+01:00");
    let manifest = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".manifest.json"))
        .unwrap();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(manifest).unwrap()).unwrap();
    let sent = manifest["header"]["messageDate"].as_str().unwrap();
    assert!(
        sent.ends_with("+01:00") || sent.ends_with("+02:00"),
        "the header's date in the desks' time: {sent}"
    );
}

#[test]
fn a_visit_saved_now_leaves_in_the_current_schema_with_its_competence_inputs_and_next_change() {
    let sandbox = Sandbox::new();
    // The earlier database keeps loading and takes new visits.
    let db = earlier_database(&sandbox, "visit-1-batches");
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
    let mut visit = identified_visit("2026-11-25T10:00:00+01:00");
    visit.competence = Some(outcome.record());
    visit.reason = Some("Miete".into());
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
    let lines = exported_lines(&dir);
    let line = lines
        .iter()
        .find(|l| l["visitId"] == id.as_str())
        .expect("the new visit was exported");
    assert_eq!(line["schema"], "intake-desk/visit/5");
    assert_eq!(line["reason"], "Miete");
    assert_eq!(line["interpreterNeeded"], true);
    assert_eq!(line["competence"]["nextChange"]["on"], "2029-03-01");
    assert_eq!(line["competence"]["nextChange"]["body"], "red-cross");
    assert_eq!(line["competence"]["inputs"]["commune"], 6266);
    assert!(line["competence"]["since"].is_null());
    assert_eq!(line["person"]["nationalityStatus"], "2");
    assert_eq!(line["person"]["nationality"], "ER");
    assert_eq!(line["person"]["language"], "tir");
    assert_eq!(line["person"]["languageOfCorrespondence"], "ti");
}

#[test]
fn the_visits_of_one_person_carry_one_local_person_id_and_another_person_another() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let visit = |key: Option<uuid::Uuid>, name: &str, day: u32| {
        let mut visit = common::visits::identified(name, "Selam", "1990");
        visit.started_at =
            chrono::DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T10:00:00+01:00"))
                .unwrap();
        visit.consent_to_export = true;
        common::visits::person(&mut visit).key = key;
        visit
    };
    let mut store = intake_desk::store::Store::open(&db).unwrap();
    store.insert_visits([visit(None, "Tesfay", 2)]).unwrap();
    // The person's id as the first visit gave it, for the visits recognised as theirs.
    let out = sandbox.run(&[
        "visits",
        "list",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = listed[0]["id"].as_str().unwrap();
    let out = sandbox.run(&["visits", "show", first, "--db", db.to_str().unwrap()]);
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let key: uuid::Uuid = shown["person"]["stable_id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    store
        .insert_visits([
            visit(Some(key), "Tesfay", 9),
            visit(Some(key), "Tesfai", 16),
            visit(None, "Haddad", 17),
        ])
        .unwrap();
    drop(store);
    let dir = sandbox.path("out");
    let out = sandbox.run(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--to",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut ids: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            for text in std::fs::read_to_string(&path).unwrap().lines() {
                let line: serde_json::Value = serde_json::from_str(text).unwrap();
                ids.push((
                    line["person"]["officialName"].as_str().unwrap().to_string(),
                    line["person"]["localPersonId"]["personId"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                ));
            }
        }
    }
    assert_eq!(ids.len(), 4, "{ids:?}");
    let of = |name: &str| -> Vec<&str> {
        ids.iter()
            .filter(|(n, _)| n == name || (name == "Tesfay" && n == "Tesfai"))
            .map(|(_, id)| id.as_str())
            .collect()
    };
    assert!(
        of("Tesfay").iter().all(|id| *id == key.to_string()),
        "three visits, one person, the spelling corrected at the last: {ids:?}"
    );
    assert_eq!(of("Tesfay").len(), 3);
    assert_ne!(of("Haddad"), vec![key.to_string().as_str()]);
}

#[test]
fn nationality_and_language_of_correspondence_follow_ech_0011_in_json_and_csv() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    // (names, nationality, language) → (status, nationality, language of correspondence)
    let cases = [
        ("Stateless", Some("stateless"), Some("gsw"), "1", None, None),
        ("Unknown", None, None, "0", None, None),
        (
            "Known",
            Some("CH"),
            Some("deu"),
            "2",
            Some("CH"),
            Some("de"),
        ),
    ];
    let visits: Vec<_> = cases
        .iter()
        .map(|(name, nationality, language, ..)| {
            let mut visit = common::visits::identified(name, "Selam", "1990");
            visit.consent_to_export = true;
            let person = common::visits::person(&mut visit);
            person.nationality = nationality.map(|n| n.parse().unwrap());
            person.language = language.map(|l| l.parse().unwrap());
            visit
        })
        .collect();
    intake_desk::store::Store::open(&db)
        .unwrap()
        .insert_visits(&visits)
        .unwrap();
    let db = db.to_str().unwrap();
    let copy = sandbox.path("copy.db").to_str().unwrap().to_string();
    std::fs::copy(db, &copy).unwrap();
    let json_dir = sandbox.path("json");
    let out = sandbox.run(&["export", "--db", db, "--to", json_dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = exported_lines(&json_dir);
    assert_eq!(lines.len(), 3);
    for (name, _, _, status, nationality, correspondence) in cases {
        let line = lines
            .iter()
            .find(|l| l["person"]["officialName"] == name)
            .unwrap();
        let person = &line["person"];
        assert_eq!(person["nationalityStatus"], status, "{name}");
        assert_eq!(person["nationality"].as_str(), nationality, "{name}");
        assert_eq!(
            person["languageOfCorrespondence"].as_str(),
            correspondence,
            "{name}"
        );
    }
    // The same in a CSV export of the same visits (from a copy of the database made before).
    let csv_dir = sandbox.path("csv");
    let out = sandbox.run(&[
        "export",
        "--db",
        &copy,
        "--to",
        csv_dir.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = std::fs::read_dir(&csv_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .unwrap();
    let text = std::fs::read_to_string(file).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (status, country, correspondence, official) = (
        column("nationalityStatus"),
        column("nationality"),
        column("languageOfCorrespondence"),
        column("officialName"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let stateless = rows.iter().find(|r| &r[official] == "Stateless").unwrap();
    assert_eq!(
        (
            &stateless[status],
            &stateless[country],
            &stateless[correspondence]
        ),
        ("1", "", "")
    );
    let known = rows.iter().find(|r| &r[official] == "Known").unwrap();
    assert_eq!(
        (&known[status], &known[country], &known[correspondence]),
        ("2", "CH", "de")
    );
}
