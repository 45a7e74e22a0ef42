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
