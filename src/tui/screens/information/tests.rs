//! The Information panel's own tests: actions in, state out.
use super::*;

#[test]
fn a_begun_minute_counts_in_full() {
    let start = Instant::now();
    let mut i = Interpreter {
        language: "tir".parse().unwrap(),
        mode: InterpreterMode::Phone,
        provider: None,
        counted: Duration::ZERO,
        running_since: Some(start),
    };
    assert_eq!(i.minutes(start), 0);
    assert_eq!(i.minutes(start + Duration::from_secs(1)), 1);
    assert_eq!(i.minutes(start + Duration::from_secs(60)), 1);
    assert_eq!(i.minutes(start + Duration::from_secs(61)), 2);
    i.running_since = None;
    i.counted = Duration::from_secs(125);
    assert_eq!(
        i.minutes(start + Duration::from_secs(999)),
        3,
        "a stopped timer does not run on"
    );
}

#[test]
fn enter_marks_a_topic_given_in_the_visitors_language() {
    let catalog = Catalog::embedded();
    let mut state = InformationState::default();
    let now = Instant::now();
    for c in "notruf".chars() {
        state.type_char(c);
    }
    state.choose_visitor_language(Some("fra".parse().unwrap()));
    state.handle(Action::Confirm, &catalog, "de", now);
    let effect = state.written_copy(&catalog, "de");
    assert_eq!(
        effect,
        Some(Effect::WriteCopy {
            topics: vec!["emergency-numbers".into()],
            visitor_lang: Some("fra".parse().unwrap()),
            visitor_second: None,
        })
    );
    assert_eq!(
        state.given,
        vec![TopicGiven {
            topic: "emergency-numbers".into(),
            language: "fr".into(),
            written_copy: true,
            copy: None,
        }]
    );
    state.handle(Action::Confirm, &catalog, "de", now);
    assert!(state.given.is_empty(), "Enter again takes it back");
}

fn tigrinya_visitor() -> InformationState {
    let mut state = InformationState::default();
    state.preset_visitor(Some("tir".parse().unwrap()), true);
    state
}

#[test]
fn a_tigrinya_visitor_from_the_check_in_is_shown_tigrinya_with_an_interpreter_for_it() {
    let catalog = Catalog::embedded();
    let state = tigrinya_visitor();
    assert_eq!(
        state.visitor_lang.map(|c| c.to_string()).as_deref(),
        Some("tir")
    );
    assert_eq!(
        state
            .interpreter
            .as_ref()
            .map(|i| i.language.to_string())
            .as_deref(),
        Some("tir")
    );
    let shown = state
        .visitor_text(&catalog, "social-assistance", "de")
        .unwrap();
    assert_eq!(shown.lang, "ti");
    assert_eq!(shown.missing, None);
    assert_eq!(
        shown.unreviewed.as_deref(),
        catalog
            .topics
            .visitor_texts("ti")
            .map(|t| t.unreviewed.as_str()),
        "not yet reviewed: marked in Tigrinya"
    );
}

#[test]
fn a_language_without_texts_falls_back_to_the_second_and_says_so_to_staff() {
    let catalog = Catalog::embedded();
    let mut state = InformationState::default();
    state.choose_visitor_language(Some("wol".parse().unwrap()));
    state.visitor_second = Some("fra".parse().unwrap());
    let shown = state
        .visitor_text(&catalog, "social-assistance", "de")
        .unwrap();
    assert_eq!(shown.lang, "fr");
    // The visit keeps the language the visitor speaks, not the one the text was shown in.
    let now = crate::tui::context::Now {
        instant: Instant::now(),
        local: chrono::Local::now().fixed_offset(),
    };
    let visit = state.visit(
        "d",
        "s",
        crate::domain::VisitKind::Information,
        Default::default(),
        now,
    );
    assert_eq!(
        visit.visitor_language.map(|c| c.to_string()).as_deref(),
        Some("wol")
    );
    let missing = shown.missing.unwrap();
    assert!(
        missing.contains("Wolof") && missing.contains("Französisch"),
        "{missing}"
    );
}

#[test]
fn choosing_the_visitors_language_moves_an_interpreter_who_was_for_the_old_one() {
    let mut state = tigrinya_visitor();
    state.choose_visitor_language(Some("ara".parse().unwrap()));
    assert_eq!(state.interpreter.as_ref().unwrap().language.as_str(), "ara");
    // An interpreter for another language than the visitor's stays as chosen.
    state.interpreter.as_mut().unwrap().language = "eng".parse().unwrap();
    state.choose_visitor_language(Some("tir".parse().unwrap()));
    assert_eq!(state.interpreter.as_ref().unwrap().language.as_str(), "eng");
}

#[test]
fn a_draft_of_an_earlier_version_keeps_its_two_letter_visitor_language() {
    let state: InformationState =
        serde_json::from_str(r#"{"visitor_lang":"fr","given":[]}"#).unwrap();
    assert_eq!(
        state.visitor_lang.map(|c| c.to_string()).as_deref(),
        Some("fra")
    );
    let state: InformationState = serde_json::from_str(r#"{"visitor_lang":null}"#).unwrap();
    assert_eq!(state.visitor_lang, None);
}
