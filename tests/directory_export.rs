//! `directory export`: the package follows the HSDS 3.0 table schema, a tool that knows only the
//! standard reads the phones, addresses and hours, and importing it back gives the directory it
//! was written from, field by field.

mod common;

use common::variants::variants;
use intake_desk::catalog::Catalog;
use intake_desk::catalog::services::{Service, apply_local};
use intake_desk::hsds::export::{Directory, package};
use intake_desk::import::hsds::{ImportOptions, import};
use intake_desk::store::{ServiceCorrection, ServiceField};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A service with every field set, in texts a CSV writer must quote: commas, semicolons, quotes,
/// Arabic and Ethiopic.
fn every_field_set() -> Service {
    Service {
        id: "test-every-field".into(),
        name_de: "Beratung \"Neustart\", Sitten".into(),
        name_fr: "Conseil « Nouveau départ », Sion".into(),
        categories: vec!["aid".into(), "debt".into()],
        description_de: Some("Budget; Schulden, Briefe lesen".into()),
        description_fr: Some("Budget ; dettes, lire le courrier".into()),
        phone: Some("000 000 00 01; 000 000 00 02".into()),
        email: Some("kontakt@beratung.invalid".into()),
        web: Some("www.beratung.invalid".into()),
        address: Some("Teststrasse 1, Postfach 9, 1950 Sitten; Geheim".into()),
        address_fr: Some("Rue du Test 1, case postale 9, 1950 Sion; Secret".into()),
        hours: Some("Mo–Fr 8–12 Uhr".into()),
        hours_fr: Some("lu–ve 8 h–12 h".into()),
        local: Vec::new(),
        phone_note_de: Some("Sekretariat".into()),
        phone_note_fr: Some("secrétariat".into()),
        languages: vec![
            "de".into(),
            "fr".into(),
            "ar".into(),
            "ti".into(),
            "gsw".into(),
        ],
        regions: vec!["cms-shc".into(), "smzo".into()],
        keywords_de: "schulden budget مساعدة ርዳታ".into(),
        keywords_fr: "dettes budget".into(),
        bring_de: Some("Betreibungsregisterauszug, Lohnausweis".into()),
        bring_fr: Some("extrait du registre des poursuites".into()),
        source: "synthetic test entry".into(),
        last_checked: "2026-11-30".into(),
        note: Some("erfunden, für den Test".into()),
    }
}

fn correction(service: &str, field: ServiceField, value: &str) -> ServiceCorrection {
    ServiceCorrection {
        service_id: service.into(),
        field,
        value: value.into(),
        staff: "desk-1".into(),
        at: "2026-12-02T09:15:00+01:00".into(),
    }
}

/// The shipped directory, one synthetic entry with every field, and a desk's corrections.
fn directory() -> (Catalog, Vec<Service>) {
    let mut catalog = Catalog::embedded();
    catalog.services.push(every_field_set());
    let shipped = catalog.services.clone();
    apply_local(
        &mut catalog.services,
        &[
            correction("caritas-vs", ServiceField::Phone, "027 000 11 22"),
            correction("sipe", ServiceField::Address, "Neue Gasse 5, 1950 Sion"),
            correction("lavi-upper", ServiceField::Hours, "Di 9–11"),
            correction("emera", ServiceField::Languages, "de;fr;it"),
            correction("fmo", ServiceField::Note, "Nummer am Telefon bestätigt"),
            correction("smzo", ServiceField::Checked, "2026-12-02"),
        ],
    );
    (catalog, shipped)
}

fn written(catalog: &Catalog, shipped: &[Service], lang: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in package(&Directory {
        services: &catalog.services,
        shipped,
        regions: &catalog.regions,
        lang,
    }) {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn options(catalog: &Catalog, lang: &str) -> ImportOptions {
    ImportOptions {
        lang: lang.into(),
        category: "aid".into(),
        regions: catalog.regions.iter().map(|r| r.id.clone()).collect(),
        today: "2027-01-15".parse().unwrap(),
        known_regions: catalog.regions.iter().map(|r| r.id.clone()).collect(),
    }
}

#[test]
fn importing_the_export_gives_every_field_of_every_service_back() {
    let (catalog, shipped) = directory();
    for lang in ["de", "fr"] {
        let dir = written(&catalog, &shipped, lang);
        let back = import(dir.path(), &options(&catalog, lang)).expect("our own package imports");
        assert_eq!(back.len(), catalog.services.len());
        for (before, after) in catalog.services.iter().zip(&back) {
            // The desk's corrections are part of the directory it shares; on the other side
            // they are its data, no longer corrections of that desk.
            let expected = Service {
                local: Vec::new(),
                ..before.clone()
            };
            assert_eq!(&expected, after, "{} ({lang})", before.id);
        }
    }
    let corrected = catalog.service("caritas-vs").unwrap();
    assert_eq!(corrected.phone.as_deref(), Some("027 000 11 22"));
}

/// A CSV file of the package as rows of named fields.
fn read_table(path: &Path) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn the_package_follows_the_hsds_table_schema() {
    let (catalog, shipped) = directory();
    let dir = written(&catalog, &shipped, "de");
    let spec: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/hsds/spec/datapackage.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let ours: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("datapackage.json")).unwrap(),
    )
    .unwrap();
    let described: HashMap<&str, &serde_json::Value> = ours["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["path"].as_str().unwrap(), r))
        .collect();
    let written_tables = [
        "organizations.csv",
        "services.csv",
        "locations.csv",
        "addresses.csv",
        "service_at_location.csv",
        "phones.csv",
        "schedules.csv",
        "languages.csv",
        "service_areas.csv",
        "required_documents.csv",
        "metadata.csv",
    ];
    let mut tables = HashMap::new();
    let mut ids_of: HashMap<String, HashSet<String>> = HashMap::new();
    for path in written_tables {
        let (header, rows) = read_table(&dir.path().join(path));
        let resource = spec["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["path"] == path)
            .unwrap_or_else(|| panic!("{path} is an HSDS table"));
        let fields = resource["schema"]["fields"].as_array().unwrap();
        let description = described
            .get(path)
            .unwrap_or_else(|| panic!("{path} in datapackage.json"));
        let described_names: Vec<&str> = description["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            described_names, header,
            "{path}: datapackage.json lists its columns"
        );
        for column in &header {
            let standard = fields.iter().any(|f| f["name"] == column.as_str());
            let added = column.starts_with("intake_desk_")
                && description["schema"]["fields"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f["name"] == column.as_str() && f["description"].is_string());
            assert!(
                standard || added,
                "{path}: {column} is HSDS's or a described addition"
            );
        }
        for field in fields {
            let name = field["name"].as_str().unwrap();
            let required = field["constraints"]["required"] == true;
            if required {
                assert!(
                    header.iter().any(|h| h == name),
                    "{path} lacks required {name}"
                );
            }
            for (i, row) in rows.iter().enumerate() {
                let Some(value) = row.get(name) else { continue };
                let at = format!("{path} row {} {name}={value:?}", i + 2);
                if value.is_empty() {
                    assert!(!required, "{at}: required");
                    continue;
                }
                if field["format"] == "uuid" {
                    assert!(uuid::Uuid::parse_str(value).is_ok(), "{at}: not a UUID");
                }
                if field["format"] == "uri" {
                    assert!(
                        value.starts_with("https://") || value.starts_with("http://"),
                        "{at}"
                    );
                }
                if field["type"] == "date" {
                    assert!(
                        chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok(),
                        "{at}"
                    );
                }
                if let Some(allowed) = field["constraints"]["enum"].as_array() {
                    assert!(
                        allowed.iter().any(|a| a == value.as_str()),
                        "{at}: not in {allowed:?}"
                    );
                }
            }
        }
        let ids: HashSet<String> = rows.iter().map(|r| r["id"].clone()).collect();
        assert_eq!(ids.len(), rows.len(), "{path}: ids are unique");
        ids_of.insert(resource["name"].as_str().unwrap().to_string(), ids);
        tables.insert(path, (resource.clone(), rows));
    }
    // Every foreign key points at a row of the package.
    for (path, (resource, rows)) in &tables {
        for key in resource["schema"]["foreignKeys"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let column = key["fields"].as_str().unwrap();
            let Some(target) = ids_of.get(key["reference"]["resource"].as_str().unwrap()) else {
                continue;
            };
            for row in rows {
                if let Some(value) = row.get(column).filter(|v| !v.is_empty()) {
                    assert!(
                        target.contains(value),
                        "{path}: {column} {value} points nowhere"
                    );
                }
            }
        }
    }
    // The corrections made at the desk are in the standard's change log.
    let (_, changes) = &tables["metadata.csv"];
    assert_eq!(changes.len(), 6);
    let phone = changes
        .iter()
        .find(|c| c["field_name"] == "phones.number")
        .unwrap();
    assert_eq!(phone["replacement_value"], "027 000 11 22");
    // Caritas had no phone in the data: the desk completed it.
    assert!(
        shipped
            .iter()
            .any(|s| s.id == "caritas-vs" && s.phone.is_none())
    );
    assert_eq!(phone["last_action_type"], "create");
    assert_eq!(phone["previous_value"], "(none)");
    let address = changes
        .iter()
        .find(|c| c["field_name"] == "intake_desk_address")
        .unwrap();
    assert_eq!(address["last_action_type"], "update");
    assert_eq!(
        address["previous_value"],
        "Avenue de Tourbillon 36, 1950 Sion"
    );
    assert_eq!(address["replacement_value"], "Neue Gasse 5, 1950 Sion");
    assert_eq!(phone["updated_by"], "desk-1");
}

#[test]
fn a_tool_that_knows_only_hsds_finds_names_phones_addresses_and_hours() {
    let (catalog, shipped) = directory();
    let dir = written(&catalog, &shipped, "de");
    // Drop every column we added: what is left is what any HSDS reader sees.
    let (header, rows) = read_table(&dir.path().join("services.csv"));
    let standard: Vec<&String> = header
        .iter()
        .filter(|h| !h.starts_with("intake_desk_"))
        .collect();
    let mut writer = csv::Writer::from_path(dir.path().join("services.csv")).unwrap();
    writer.write_record(&standard).unwrap();
    for row in &rows {
        writer
            .write_record(standard.iter().map(|h| row[h.as_str()].as_str()))
            .unwrap();
    }
    writer.flush().unwrap();
    let seen = import(dir.path(), &options(&catalog, "de")).expect("a plain HSDS package");
    assert_eq!(seen.len(), catalog.services.len());
    for (ours, theirs) in catalog.services.iter().zip(&seen) {
        assert_eq!(theirs.name_de, ours.name_de);
        assert_eq!(theirs.phone, ours.phone, "{}", ours.id);
        assert_eq!(
            theirs.hours,
            ours.hours.clone().or(ours.hours_fr.clone()),
            "{}",
            ours.id
        );
        assert_eq!(theirs.email, ours.email, "{}", ours.id);
    }
    let by_id = |id: &str| {
        let at = catalog.services.iter().position(|s| s.id == id).unwrap();
        &seen[at]
    };
    assert_eq!(
        by_id("smzo").address.as_deref(),
        Some("Nordstrasse 30, 3900 Brig")
    );
    assert_eq!(
        by_id("test-every-field").address.as_deref(),
        Some("Teststrasse 1, 1950 Sitten"),
        "the street and place of a split address"
    );
    assert_eq!(by_id("smzo").web.as_deref(), Some("https://www.smzo.ch"));
    assert_eq!(
        by_id("test-every-field").languages,
        ["de", "fr", "ar", "ti", "gsw"]
    );
}

#[test]
fn no_damaged_copy_of_our_package_makes_the_import_panic() {
    let (mut catalog, shipped) = directory();
    // A few services keep the run short; the one with every field set is among them.
    let keep = [
        "smzo",
        "caritas-vs",
        "sipe",
        "red-cross-vs",
        "test-every-field",
    ];
    catalog.services.retain(|s| keep.contains(&s.id.as_str()));
    let dir = written(&catalog, &shipped, "de");
    let files: Vec<(String, String)> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    let mut tried = 0;
    let mut refused = 0;
    for (name, text) in files
        .iter()
        .filter(|(n, _)| ["services.csv", "phones.csv", "languages.csv"].contains(&n.as_str()))
    {
        for variant in variants(text) {
            let damaged = tempfile::tempdir().unwrap();
            for (other, other_text) in &files {
                let text = if other == name { &variant } else { other_text };
                std::fs::write(damaged.path().join(other), text).unwrap();
            }
            // Refused or imported, never a panic; a refusal names file:line:column.
            if let Err(errors) = import(damaged.path(), &options(&catalog, "de")) {
                refused += 1;
                for e in errors {
                    assert!(e.line >= 1 && e.column >= 1, "{e:?}");
                }
            }
            tried += 1;
        }
    }
    assert!(tried > 100, "{tried} variants");
    assert!(refused > 10, "some damage is noticed: {refused} of {tried}");
}

#[test]
fn a_row_of_ours_with_an_unknown_category_or_region_is_refused_where_it_stands() {
    let (mut catalog, shipped) = directory();
    catalog.services.retain(|s| s.id == "smzo");
    let dir = written(&catalog, &shipped, "de");
    let path = dir.path().join("services.csv");
    let (header, mut rows) = read_table(&path);
    rows[0].insert("intake_desk_categories".into(), "smz;astrology".into());
    rows[0].insert("intake_desk_regions".into(), "atlantis".into());
    let mut writer = csv::Writer::from_path(&path).unwrap();
    writer.write_record(&header).unwrap();
    writer
        .write_record(header.iter().map(|h| rows[0][h].as_str()))
        .unwrap();
    writer.flush().unwrap();
    let line = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    let errors = import(dir.path(), &options(&catalog, "de")).expect_err("refused");
    let messages: Vec<String> = errors
        .iter()
        .map(|e| format!("{}:{} {}", e.line, e.column, e.message))
        .collect();
    // Each names the row and the column where the value stands.
    for (wrong, value) in [
        ("unknown category \"astrology\"", "smz;astrology"),
        ("unknown region \"atlantis\"", "atlantis"),
    ] {
        let error = errors
            .iter()
            .find(|e| e.message.contains(wrong))
            .unwrap_or_else(|| panic!("{wrong} in {messages:?}"));
        assert_eq!(error.line, 2);
        let at: String = line.chars().skip(error.column - 1).collect();
        assert!(
            at.starts_with(value),
            "column {} points at {at:?}",
            error.column
        );
    }
}
