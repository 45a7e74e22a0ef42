//! An acronym staff type finds its service first (LAVI, OHG, KESB, APEA, SMZ, CMS), before
//! services that only mention it in a text, whatever the case typed.

use intake_desk::catalog::Catalog;
use intake_desk::search::directory::{DirectoryIndex, Filters};

#[test]
fn each_acronym_finds_a_service_named_by_it_first() {
    let catalog = Catalog::embedded();
    let index = DirectoryIndex::new(&catalog.services, &catalog.i18n);
    for (typed, named) in [
        ("LAVI", &["lavi"][..]),
        ("ohg", &["ohg", "lavi"][..]),
        ("KESB", &["kesb"][..]),
        ("apea", &["apea", "kesb"][..]),
        ("SMZ", &["smz"][..]),
        ("cms", &["cms"][..]),
    ] {
        let hits = index.search(&catalog.services, typed, &Filters::default());
        let first = &catalog.services[*hits.first().unwrap_or_else(|| panic!("{typed}: nothing"))];
        let said = format!("{} {} {}", first.id, first.name_de, first.name_fr).to_lowercase();
        assert!(
            named.iter().any(|n| said.contains(n)),
            "{typed}: first is {} ({})",
            first.id,
            first.name_de
        );
    }
}
