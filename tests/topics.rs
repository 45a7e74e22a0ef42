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
        concat!(
            "[about]\ntranslated_by = \"test\"\n\n",
            "[texts]\nmissing = \"እዚ ጽሑፍ ብትግርኛ ገና የለን።\"\nunreviewed = \"ዘይተመርመረ\"\n",
            "copy_title = \"ሓበሬታ\"\ncopy_given = \"{date}\"\nglossary_title = \"ቃላት\"\noriginal = \"ጀርመን\"\n\n",
            "[emergency-numbers]\ntitle = \"ቁጽሪ ህጹጽ ረድኤት\"\ntext = \"\"\"\n- 117 ፖሊስ\n- 144 ኣምቡላንስ\n\"\"\"\n",
        ),
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
fn a_topic_missing_in_the_visitors_language_says_so_in_it_and_falls_back() {
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
    // The visitor's language is picked by typing part of its name.
    app.update(Action::VisitorLanguage);
    for c in "tigr".chars() {
        app.handle_key(c.to_string().parse().unwrap());
    }
    app.update(Action::Confirm);
    assert_eq!(
        app.information()
            .visitor_lang
            .map(|c| c.to_string())
            .as_deref(),
        Some("tir")
    );
    let text = screen_text(&app, 140, 30);
    assert!(text.contains("D'abord les autres aides"), "{text}");
    // Without a second language, the desk's French stands in, once, not German beside it.
    assert!(
        !text.contains("Zuerst andere Hilfen"),
        "the desk's language stands in: {text}"
    );
    assert!(
        text.contains("⚠ እዚ ጽሑፍ ብትግርኛ ገና የለን።"),
        "the visitor reads why, in Tigrinya: {text}"
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

/// The visitors' languages the shipped data must speak, by ISO 639-3 code and topics file.
const VISITOR_LANGUAGES: [(&str, &str); 12] = [
    ("tir", "ti"),
    ("ara", "ar"),
    ("pes", "fa"),
    ("prs", "prs"),
    ("ukr", "uk"),
    ("sqi", "sq"),
    ("por", "pt"),
    ("tur", "tr"),
    ("som", "so"),
    ("tam", "ta"),
    ("spa", "es"),
    ("ita", "it"),
];

#[test]
fn every_visitor_language_has_every_topic_the_glossary_and_the_slip_and_says_who_translated_it() {
    use intake_desk::catalog::visitor_texts::SLIP_KEYS;
    let catalog = Catalog::embedded();
    let topics = &catalog.topics;
    for (code, file) in VISITOR_LANGUAGES {
        assert_eq!(topics.language_for(code), Some(file), "{code}");
        for id in topics.ids() {
            let topic = topics
                .get_exact(id, file)
                .unwrap_or_else(|| panic!("{file}: topic {id} missing"));
            assert!(
                !topic.title.trim().is_empty() && topic.text.len() > 80,
                "{file}: {id}"
            );
        }
        let about = topics
            .about(file)
            .unwrap_or_else(|| panic!("{file}: no [about]"));
        assert!(
            !about.translated_by.trim().is_empty(),
            "{file}: translated_by"
        );
        // A review names who and when, or neither: then the marker shows.
        assert_eq!(
            about.reviewed_by.is_some(),
            about.reviewed_on.is_some(),
            "{file}: reviewed_by and reviewed_on go together"
        );
        let texts = topics
            .visitor_texts(file)
            .unwrap_or_else(|| panic!("{file}: no [texts]"));
        assert!(
            !texts.missing.is_empty() && !texts.unreviewed.is_empty(),
            "{file}"
        );
        if !about.reviewed() {
            assert!(
                !topics.reviewed(file),
                "{file}: unreviewed texts are marked"
            );
        }
        for term in &catalog.glossary {
            let (name, explanation) = catalog
                .term_in(term, file)
                .unwrap_or_else(|| panic!("{file}: glossary term {} missing", term.id));
            assert!(
                !name.is_empty() && !explanation.is_empty(),
                "{file}: {}",
                term.id
            );
        }
        if !catalog.i18n.has_language(file) {
            for (key, _) in SLIP_KEYS {
                assert!(
                    topics.slip_text(file, key).is_some(),
                    "{file}: slip text {key} missing"
                );
            }
        }
    }
}

#[test]
fn the_italian_glossary_terms_of_the_table_and_of_the_italian_file_agree() {
    let catalog = Catalog::embedded();
    for term in &catalog.glossary {
        let file = catalog.topics.glossary("it", &term.id).unwrap();
        assert_eq!(Some(file.term.as_str()), term.term("it"), "{}", term.id);
    }
}

#[test]
fn a_glossary_term_is_found_by_a_word_form_and_in_the_visitors_script() {
    use intake_desk::tui::screens::glossary::GlossaryState;
    let catalog = Catalog::embedded();
    let in_file = |lang: &str, id: &str| catalog.topics.glossary(lang, id).unwrap().term.clone();
    for (query, id) in [
        ("vorläufig aufgenommen".to_string(), "vorlaeufige-aufnahme"),
        (in_file("ti", "sozialhilfe"), "sozialhilfe"),
        (in_file("ar", "kostengutsprache"), "kostengutsprache"),
        (in_file("uk", "subsidiaritaet"), "subsidiaritaet"),
    ] {
        let state = GlossaryState {
            query: query.clone(),
            ..Default::default()
        };
        assert_eq!(state.hits(&catalog)[0].id, id, "{query}");
    }
}

/// The screen's text, row by row.
fn screen_text(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn the_glossary_shows_the_visitor_a_term_in_their_language_on_the_whole_screen() {
    let catalog = Catalog::embedded();
    let term = catalog
        .topics
        .glossary("ti", "vorlaeufige-aufnahme")
        .unwrap()
        .clone();
    let mut app = App::new(
        catalog,
        load_builtin("default").unwrap(),
        Session::default(),
        "de".into(),
    );
    app.update(Action::ScreenInformation);
    app.update(Action::VisitorLanguage);
    for c in "tigr".chars() {
        app.handle_key(c.to_string().parse().unwrap());
    }
    app.update(Action::Confirm);
    app.update(Action::ScreenGlossary);
    for c in "vorläufig aufgenommen".chars() {
        let key = if c == ' ' {
            "space".to_string()
        } else {
            c.to_string()
        };
        app.handle_key(key.parse().unwrap());
    }
    let desk = screen_text(&app, 120, 35);
    assert!(
        desk.contains(&term.term),
        "beside the four languages: {desk}"
    );
    app.update(Action::ClientView);
    let view = screen_text(&app, 80, 24);
    let first_word = term.explanation.split_whitespace().next().unwrap();
    assert!(view.contains(first_word), "{view}");
    assert!(
        view.contains("vorläufige Aufnahme"),
        "the German below: {view}"
    );
    assert!(
        !view.contains("Suche"),
        "no search line for the visitor: {view}"
    );
    app.update(Action::Close);
    assert!(
        screen_text(&app, 80, 24).contains("Suche"),
        "one key closes it"
    );
}

#[test]
fn the_visitor_view_of_a_topic_explains_its_glossary_terms_in_the_visitors_language() {
    let catalog = Catalog::embedded();
    let term = catalog
        .topics
        .glossary("ti", "unterstuetzungswohnsitz")
        .unwrap()
        .clone();
    let heading = catalog
        .topics
        .visitor_texts("ti")
        .unwrap()
        .glossary_title
        .clone();
    let mut app = App::new(
        catalog,
        load_builtin("default").unwrap(),
        Session::default(),
        "de".into(),
    );
    app.update(Action::ScreenInformation);
    for c in "sozialhilfe".chars() {
        app.handle_key(c.to_string().parse().unwrap());
    }
    app.update(Action::VisitorLanguage);
    for c in "tigr".chars() {
        app.handle_key(c.to_string().parse().unwrap());
    }
    app.update(Action::Confirm);
    app.update(Action::ClientView);
    let view = screen_text(&app, 200, 60);
    assert!(view.contains(&heading), "{view}");
    assert!(view.contains(&term.term), "{view}");
    assert!(!view.contains("Export"), "nothing of the desk: {view}");
}

/// An app in `lang` on the Information screen, the visitor's language picked by typing
/// `language`, the topic found by `topic`, in the visitor view.
fn visitor_view(lang: &str, language: &str, topic: &str) -> App {
    let mut app = App::new(
        Catalog::embedded(),
        load_builtin("default").unwrap(),
        Session::default(),
        lang.into(),
    );
    app.update(Action::ScreenInformation);
    for c in topic.chars() {
        app.handle_key(c.to_string().parse().unwrap());
    }
    app.update(Action::VisitorLanguage);
    for c in language.chars() {
        app.handle_key(c.to_string().parse().unwrap());
    }
    app.update(Action::Confirm);
    app.update(Action::ClientView);
    app
}

#[test]
fn arabic_stands_at_the_right_edge_and_the_german_original_under_it_at_the_left() {
    let mut app = visitor_view("en", "arab", "rights");
    let view = screen_text(&app, 120, 35);
    let title = view
        .lines()
        .find(|l| l.contains("حقوقك وواجباتك"))
        .unwrap_or_else(|| panic!("{view}"));
    let leading = title.chars().take_while(|c| *c == ' ').count();
    assert!(leading > 60, "the Arabic title at the right: {view}");
    app.update(Action::Last);
    let end = screen_text(&app, 120, 35);
    let german = end
        .lines()
        .find(|l| l.contains("Ihre Rechte und Pflichten"))
        .unwrap_or_else(|| panic!("the German original at the end: {end}"));
    let leading = german.chars().take_while(|c| *c == ' ').count();
    assert!(leading < 20, "the German at the left: {end}");
}

#[test]
fn a_language_without_texts_is_told_in_the_language_the_visitor_is_shown() {
    let app = visitor_view("fr", "wolof", "droits");
    let view = screen_text(&app, 160, 40);
    assert!(view.contains("VOS DROITS"), "the desk's French: {view}");
    assert!(view.contains("affiché en français"), "{view}");
    assert!(!view.contains("kein Text"), "{view}");
}
