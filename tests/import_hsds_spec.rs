//! The HSDS import against what the Open Referral specification allows: only its required
//! columns, optional tables without their optional links, foreign keys to absent tables, CRLF
//! line ends, ISO 639-3 codes, phones reached through a location; and no input makes it panic.

mod common;

use common::variants::variants;
use intake_desk::catalog::services::Service;
use intake_desk::import::hsds::{ImportOptions, import};
use std::path::Path;

fn options() -> ImportOptions {
    ImportOptions {
        lang: "fr".into(),
        category: "debt".into(),
        regions: vec![],
        today: "2026-12-02".parse().unwrap(),
        known_regions: Default::default(),
    }
}

/// A package of the given files (name, text) in a fresh folder.
fn package(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn imported(files: &[(&str, &str)]) -> Vec<Service> {
    let dir = package(files);
    import(dir.path(), &options()).unwrap_or_else(|e| panic!("refused: {e:?}"))
}

fn refused(files: &[(&str, &str)]) -> Vec<String> {
    let dir = package(files);
    let errors = import(dir.path(), &options()).expect_err("refused");
    errors
        .iter()
        .map(|e| {
            let file = Path::new(&e.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            format!("{file}:{}:{} {}", e.line, e.column, e.message)
        })
        .collect()
}

#[test]
fn only_the_required_columns_are_required() {
    let services = imported(&[
        ("services.csv", "id,name,status\nsvc-1,Budget,active\n"),
        ("phones.csv", "id,number\nph-1,000 000 00 01\n"),
        ("schedules.csv", "id\nsch-1\n"),
        ("languages.csv", "id,code\nla-1,fra\n"),
        ("organizations.csv", "id,name\norg-1,Org\n"),
    ]);
    assert_eq!(services.len(), 1);
    assert_eq!(services[0].name_fr, "Budget");
    assert_eq!(
        services[0].phone, None,
        "a phone linked to nothing is nobody's"
    );
}

#[test]
fn a_service_may_name_an_organization_the_package_does_not_hold() {
    let services = imported(&[(
        "services.csv",
        "id,organization_id,name,status\nsvc-1,org-elsewhere,Budget,active\n",
    )]);
    assert_eq!(services.len(), 1);
}

#[test]
fn phones_languages_and_schedules_reach_a_service_through_its_places() {
    let services = imported(&[
        (
            "services.csv",
            "id,name,status\nsvc-1,Budget,active\nsvc-2,Repas,active\n",
        ),
        ("locations.csv", "id,name\nloc-1,Bureau\n"),
        (
            "service_at_location.csv",
            "id,service_id,location_id\nsal-1,svc-1,loc-1\n",
        ),
        (
            "phones.csv",
            "id,location_id,service_at_location_id,number\nph-1,loc-1,,\"\"\"+41 27 000 00 00\"\"\"\n",
        ),
        (
            "languages.csv",
            "id,service_id,location_id,code\nla-1,,loc-1,spa\nla-2,,loc-1,gsw\nla-3,svc-2,,por\nla-4,svc-2,,tur\n",
        ),
        (
            "schedules.csv",
            "id,service_at_location_id,description\nsch-1,sal-1,Mardi 14h-17h\n",
        ),
    ]);
    let budget = services.iter().find(|s| s.name_fr == "Budget").unwrap();
    assert_eq!(
        budget.phone.as_deref(),
        Some("+41 27 000 00 00"),
        "quotes of the spec's example gone"
    );
    assert_eq!(
        budget.languages,
        ["es", "gsw"],
        "ISO 639-1 where one exists, else the three letters"
    );
    assert_eq!(budget.hours_fr.as_deref(), Some("Mardi 14h-17h"));
    let repas = services.iter().find(|s| s.name_fr == "Repas").unwrap();
    assert_eq!(repas.languages, ["pt", "tr"]);
    assert_eq!(repas.phone, None, "the other service's place is not theirs");
}

#[test]
fn positions_are_right_with_crlf_and_duplicates_and_collisions_are_named_where_they_stand() {
    let errors = refused(&[(
        "services.csv",
        "id,name,status\r\nsvc-1,Budget,active\r\nsvc-2,,active\r\nsvc-1,Again,active\r\nABC_1,A,active\r\nabc-1,B,active\r\n",
    )]);
    assert!(
        errors.contains(&"services.csv:3:7 the field name is empty".to_string()),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e
                .starts_with("services.csv:4:1 the id \"svc-1\" appears twice (first on line 2)")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.starts_with(
            "services.csv:6:1 the id \"abc-1\" becomes hsds-abc-1 as \"ABC_1\" on line 5"
        )),
        "{errors:?}"
    );
}

#[test]
fn a_name_with_a_line_break_becomes_one_line() {
    let services = imported(&[(
        "services.csv",
        "id,name,description,status\nsvc-1,\"Budget\nconseil\",\"Un\tdeux\",active\n",
    )]);
    assert_eq!(services[0].name_fr, "Budget conseil");
    assert_eq!(services[0].description_fr.as_deref(), Some("Un deux"));
}

#[test]
fn no_variant_of_any_fixture_file_makes_the_import_panic() {
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hsds/good");
    let files: Vec<(String, String)> = std::fs::read_dir(&good)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect();
    let mut tried = 0;
    for (name, text) in &files {
        for variant in variants(text) {
            let dir = tempfile::tempdir().unwrap();
            for (other, other_text) in &files {
                let text = if other == name { &variant } else { other_text };
                std::fs::write(dir.path().join(other), text).unwrap();
            }
            // Refused or imported, never a panic; a refusal names file:line:column.
            if let Err(errors) = import(dir.path(), &options()) {
                for e in errors {
                    assert!(e.line >= 1 && e.column >= 1, "{e:?}");
                }
            }
            tried += 1;
        }
    }
    assert!(tried > 100, "{tried} variants");
}
