//! Information topics: complete in German and French, visible fallback, new languages by file.

use intake_desk::catalog::{Catalog, DataSource};
use intake_desk::tui::keymap::load_builtin;
use intake_desk::tui::render::render;
use intake_desk::tui::{Action, App, Session};
use ratatui::{Terminal, backend::TestBackend};

#[test]
fn every_topic_exists_in_german_french_english_and_italian() {
    let catalog = Catalog::embedded();
    assert_eq!(catalog.topics.ids().len(), 9);
    for lang in ["de", "fr", "en", "it"] {
        for id in catalog.topics.ids() {
            let (topic, shown) = catalog.topics.get(id, lang).unwrap();
            assert_eq!(shown, lang, "{id} is missing in {lang}");
            assert!(
                !topic.title.is_empty() && topic.text.len() > 100,
                "{id} in {lang}"
            );
        }
    }
}

#[test]
fn the_emergency_numbers_topic_names_the_numbers_in_every_language() {
    let catalog = Catalog::embedded();
    for lang in ["de", "fr", "en", "it"] {
        let (topic, _) = catalog.topics.get("emergency-numbers", lang).unwrap();
        for number in ["117", "118", "143", "144", "147", "0848 200 300"] {
            assert!(topic.text.contains(number), "{lang}: {number}");
        }
    }
}

/// A data folder with a new language that has one topic only.
fn with_tigrinya() -> (tempfile::TempDir, Catalog) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("topics")).unwrap();
    std::fs::write(
        dir.path().join("topics/ti.toml"),
        "[emergency-numbers]\ntitle = \"ቁጽሪ ህጹጽ ረድኤት\"\ntext = \"\"\"\n- 117 ፖሊስ\n- 144 ኣምቡላንስ\n\"\"\"\n",
    )
    .unwrap();
    let catalog = Catalog::load(&DataSource::with_overlay(dir.path())).unwrap();
    (dir, catalog)
}

#[test]
fn a_new_language_file_shows_up_without_code_changes() {
    let (_dir, catalog) = with_tigrinya();
    assert!(catalog.topics.languages().contains(&"ti".to_string()));
    let (topic, shown) = catalog.topics.get("emergency-numbers", "ti").unwrap();
    assert_eq!(shown, "ti");
    assert!(topic.title.starts_with("ቁጽሪ"));
}

#[test]
fn a_topic_missing_in_a_language_falls_back_to_german_with_a_marker() {
    let (_dir, catalog) = with_tigrinya();
    let (topic, shown) = catalog.topics.get("subsidiarity", "ti").unwrap();
    assert_eq!(shown, "de");
    assert_eq!(topic.title, "Zuerst andere Hilfen (Subsidiarität)");

    // On screen: staff language French, visitor language Tigrinya, a topic Tigrinya lacks.
    let mut app = App::new(
        catalog,
        load_builtin("default").unwrap(),
        Session::default(),
        "fr".into(),
    );
    app.update(Action::ScreenInformation);
    for c in "subsidiar".chars() {
        app.handle_key(c.to_string().parse().unwrap());
    }
    while app.information().visitor_lang.as_deref() != Some("ti") {
        app.update(Action::VisitorLanguage);
    }
    let mut terminal = Terminal::new(TestBackend::new(140, 30)).unwrap();
    terminal.draw(|f| render(&app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let text: String = (0..30)
        .map(|y| {
            (0..140)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect();
    assert!(text.contains("D'abord les autres aides"), "{text}");
    assert!(
        text.contains("Zuerst andere Hilfen"),
        "the German text stands in: {text}"
    );
    assert!(
        text.contains("⚠ pas de traduction, Allemand"),
        "with a marker: {text}"
    );
}

#[test]
fn a_topics_file_naming_an_unknown_topic_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("topics")).unwrap();
    std::fs::write(
        dir.path().join("topics/fr.toml"),
        "\n[no-such-topic]\ntitle = \"x\"\ntext = \"y\"\n",
    )
    .unwrap();
    let errors = Catalog::load(&DataSource::with_overlay(dir.path())).unwrap_err();
    let text = errors.to_string();
    assert!(
        text.contains("fr.toml:2:1")
            && text.contains("topic \"no-such-topic\" is not in the German file"),
        "{text}"
    );
}

#[test]
fn the_glossary_has_the_required_terms_in_four_languages() {
    let catalog = Catalog::embedded();
    for german in [
        "Sozialhilfe",
        "Unterstützungswohnsitz",
        "Aufenthaltsgemeinde",
        "Subsidiarität",
        "vorläufige Aufnahme",
        "Integrationspauschale",
        "Kostengutsprache",
        "Massnahmenplan",
    ] {
        let term = catalog
            .glossary
            .iter()
            .find(|t| t.terms[0] == german)
            .unwrap_or_else(|| panic!("{german}"));
        assert!(term.terms.iter().all(|t| !t.is_empty()), "{german}");
        assert!(!term.explanation("fr").is_empty());
    }
}

#[test]
fn a_glossary_term_is_found_from_any_of_its_languages() {
    use intake_desk::tui::screens::glossary::GlossaryState;
    let catalog = Catalog::embedded();
    for (query, german) in [
        ("domicile d'assist", "Unterstützungswohnsitz"),
        ("massnahmen", "Massnahmenplan"),
        ("sussidiarieta", "Subsidiarität"),
    ] {
        let state = GlossaryState {
            query: query.into(),
            ..Default::default()
        };
        assert_eq!(state.hits(&catalog)[0].terms[0], german, "{query}");
    }
}
