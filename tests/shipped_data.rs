//! The data that ships in the binary: complete, consistent, and honest about what is unverified.

use intake_desk::catalog::i18n::COMPLETE_LANGUAGES;
use intake_desk::catalog::{Catalog, Confidence};
use intake_desk::tui::Action;
use intake_desk::tui::screens::ScreenId;
use std::collections::{HashMap, HashSet};

#[test]
fn all_122_valais_communes_with_unique_numbers_and_a_known_region() {
    let catalog = Catalog::embedded();
    assert_eq!(catalog.communes.len(), 122);
    let numbers: HashSet<u32> = catalog.communes.iter().map(|c| c.bfs_nr).collect();
    assert_eq!(numbers.len(), 122);
    for commune in &catalog.communes {
        assert!(
            catalog.region(&commune.region).is_some(),
            "{}",
            commune.name
        );
        assert!(
            (6001..=6300).contains(&commune.bfs_nr),
            "{} {}",
            commune.name,
            commune.bfs_nr
        );
    }
    assert_eq!(
        catalog.commune_by_bfs(6266).map(|c| c.name.as_str()),
        Some("Sion")
    );
}

#[test]
fn communes_per_district_match_the_cantonal_list() {
    // Counts from the cantonal list of communes by district (reference REPORT.md, section 2).
    let expected: HashMap<&str, usize> = [
        ("Goms", 8),
        ("Östlich Raron", 6),
        ("Westlich Raron", 11),
        ("Brig", 7),
        ("Visp", 19),
        ("Leuk", 12),
        ("Siders", 10),
        ("Sitten", 5),
        ("Ering", 6),
        ("Gundis", 5),
        ("Martinach", 10),
        ("Entremont", 5),
        ("St-Maurice", 9),
        ("Monthey", 9),
    ]
    .into_iter()
    .collect();
    let catalog = Catalog::embedded();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for commune in &catalog.communes {
        *counts.entry(commune.district_de.as_str()).or_default() += 1;
    }
    assert_eq!(counts, expected);
}

#[test]
fn the_upper_valais_is_served_by_the_smzo_except_salgesch() {
    let catalog = Catalog::embedded();
    for commune in catalog.communes.iter().filter(|c| c.language == "de") {
        let expected = if commune.name == "Salgesch" {
            "cms-sierre"
        } else {
            "smzo"
        };
        assert_eq!(commune.region, expected, "{}", commune.name);
    }
}

#[test]
fn unverified_region_mappings_are_marked_as_such() {
    let catalog = Catalog::embedded();
    let low: Vec<&str> = catalog
        .communes
        .iter()
        .filter(|c| c.provenance.confidence == Confidence::Low)
        .map(|c| c.name.as_str())
        .collect();
    // No public source read names the CMS of Martigny and Entremont.
    assert_eq!(low.len(), 15);
    assert!(low.contains(&"Martigny") && low.contains(&"Orsières"));
    assert!(
        catalog
            .communes
            .iter()
            .all(|c| !c.provenance.source.is_empty())
    );
    let region = catalog.region("cms-martigny-entremont").unwrap();
    assert_eq!(region.provenance.confidence, Confidence::Low);
    // Contact data that was not found stays missing.
    assert_eq!(catalog.region("cms-sierre").unwrap().phone, None);
}

#[test]
fn every_action_and_screen_is_labelled_in_every_complete_language() {
    let catalog = Catalog::embedded();
    for lang in COMPLETE_LANGUAGES {
        for action in Action::all() {
            let key = action.label_key();
            assert_ne!(catalog.i18n.text(lang, &key), key, "{lang}: {key}");
        }
        for screen in ScreenId::ALL {
            for key in [screen.title_key(), format!("placeholder.{}", screen.key())] {
                assert_ne!(catalog.i18n.text(lang, &key), key, "{lang}: {key}");
            }
        }
    }
}

#[test]
fn french_labels_differ_from_german_ones() {
    let catalog = Catalog::embedded();
    let same: Vec<String> = Action::all()
        .map(|a| a.label_key())
        .filter(|k| catalog.i18n.text("de", k) == catalog.i18n.text("fr", k))
        .collect();
    assert!(same.is_empty(), "untranslated: {same:?}");
}

#[test]
fn every_service_category_is_labelled_in_every_complete_language() {
    let catalog = Catalog::embedded();
    for lang in COMPLETE_LANGUAGES {
        for category in intake_desk::catalog::services::CATEGORIES {
            let key = format!("category.{category}");
            assert_ne!(catalog.i18n.text(lang, &key), key, "{lang}: {key}");
        }
    }
}

#[test]
fn services_keep_their_sources_and_missing_contacts_stay_missing() {
    let catalog = Catalog::embedded();
    assert!(catalog.services.len() >= 50);
    assert!(catalog.services.iter().all(|s| !s.source.is_empty()));
    // No public source gave these numbers: they must not appear invented.
    for id in [
        "caritas-vs",
        "red-cross-vs",
        "addiction-valais",
        "asloca-vs",
    ] {
        assert_eq!(catalog.service(id).unwrap().phone, None, "{id}");
    }
    assert_eq!(
        catalog.service("lavi").unwrap().phone.as_deref(),
        Some("027 607 31 00")
    );
}

#[test]
fn communes_are_found_by_their_other_name_too() {
    let catalog = Catalog::embedded();
    for (other, official) in [
        ("Sitten", "Sion"),
        ("Siders", "Sierre"),
        ("Viège", "Visp"),
        ("Brigue-Glis", "Brig-Glis"),
        ("Martinach", "Martigny"),
    ] {
        let commune = intake_desk::catalog::communes::find(&catalog.communes, other).unwrap();
        assert_eq!(commune.name, official);
    }
    // Every commune, by name or by its other name, resolves to an SMZ/CMS region.
    for commune in &catalog.communes {
        for name in std::iter::once(&commune.name).chain(&commune.name_other) {
            let found = intake_desk::catalog::communes::find(&catalog.communes, name).unwrap();
            assert!(catalog.region(&found.region).is_some(), "{name}");
        }
    }
}

/// Strings that are the same word in German and in French or English (names, codes, loanwords).
const SAME_IN_GERMAN: &[&str] = &[
    "screen.information",
    "screen.export",
    "category.psychiatry",
    "category.integration",
    "domain.integration",
    "slip.address",
    "slip.web",
    "dossier.title",
    // Keys labelled alike on German, French and English keyboards.
    "key.tab",
    "key.alt",
    "key.esc",
    // The names of the centres in the canton's two languages.
    "settings.centre",
    "directory.none",
    "directory.region",
    "language.prs",
    "language.som",
    "language.tir",
    "language.tam",
    "info.none",
    "history.kind_information",
    "history.name",
    "intake.stage_2",
    "intake.person",
    "intake.official_name",
    "report.total",
    "report.median",
    "check.line",
    "check.status",
    "check.smz",
    "urgency.normal",
    "history.revisions",
    "signin.pin",
    "signin.name",
];

#[test]
fn no_french_or_english_text_is_left_in_german() {
    let catalog = intake_desk::catalog::Catalog::embedded();
    let i18n = &catalog.i18n;
    let mut german_left = Vec::new();
    for lang in ["fr", "en"] {
        for key in i18n.keys() {
            let (german, other) = (i18n.text("de", key), i18n.text(lang, key));
            if german == other && !SAME_IN_GERMAN.contains(&key) {
                german_left.push(format!("{lang} {key} = {other:?}"));
            }
        }
    }
    assert!(
        german_left.is_empty(),
        "untranslated (or add to the allow-list when the word is the same):\n{}",
        german_left.join("\n")
    );
}

/// Every file under `data/`, with its path relative to the project.
fn shipped_files(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            shipped_files(&path, found);
        } else {
            found.push(path);
        }
    }
}

#[test]
fn sources_are_cited_by_title_issuer_and_date_never_by_a_file_number() {
    let mut files = Vec::new();
    shipped_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        &mut files,
    );
    assert!(files.len() > 10, "{files:?}");
    for file in &files {
        let text = String::from_utf8_lossy(&std::fs::read(file).unwrap()).to_lowercase();
        // The source documents are numbered only for filing ("seed 001"): users cannot know that.
        assert!(
            !text.contains("seed"),
            "{} names a source by its number",
            file.display()
        );
    }
    let catalog = Catalog::embedded();
    let mut cited = 0;
    for pack in &catalog.rules {
        for source in &pack.sources {
            for (field, value) in [
                ("title", &source.title),
                ("issuer", &source.issuer),
                ("date", &source.date),
            ] {
                assert!(
                    !value.trim().is_empty(),
                    "{}: {} has no {field}",
                    pack.canton,
                    source.id
                );
            }
            cited += 1;
        }
        for rule in &pack.rules {
            assert!(pack.source(&rule.source).is_some(), "{}", rule.id);
        }
    }
    assert!(cited >= 6, "{cited}");
    // The Valais service mandate runs at most until the end of 2026.
    let mandate = catalog
        .rule_pack("VS")
        .unwrap()
        .sources
        .iter()
        .find(|s| s.title.contains("Leistungsauftrag"))
        .unwrap();
    assert_eq!(
        mandate.valid_until,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 31)
    );
}
