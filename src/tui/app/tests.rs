//! The App's own tests: keys in, state and effects out.

use super::*;
use crate::tui::keymap::load_builtin;

pub(crate) fn app() -> App {
    App::new(
        Catalog::embedded(),
        load_builtin("default").unwrap(),
        Session::default(),
        "de".into(),
    )
}

fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    keys.split_whitespace()
        .flat_map(|k| app.handle_key(k.parse().unwrap()))
        .collect()
}

#[test]
fn a_check_in_or_note_that_could_not_be_saved_comes_back_with_what_was_typed() {
    let mut app = app();
    let entry = crate::store::QueueEntry {
        id: "q-1".into(),
        label: "Ticket 40".into(),
        reason: "Miete".into(),
        urgency: crate::domain::Urgency::Today,
        language: None,
        interpreter_needed: true,
        checked_in_ms: 1,
    };
    app.on_event(super::super::effects::Event::CheckInFailed {
        entry,
        error: "locked".into(),
    });
    let Some(Overlay::CheckIn(form)) = &app.overlay else {
        panic!("the check-in form is open again");
    };
    assert_eq!(
        (form.label.as_str(), form.reason.as_str()),
        ("Ticket 40", "Miete")
    );
    assert_eq!(form.urgency, crate::domain::Urgency::Today);
    assert!(form.interpreter_needed);
    assert!(app.message.clone().unwrap().contains("locked"));
    let mut app = super::tests::app();
    app.on_event(super::super::effects::Event::NoteFailed {
        visit_id: "v-1".into(),
        text: "rief zurück".into(),
        error: "locked".into(),
    });
    let Some(Overlay::Prompt(prompt)) = &app.overlay else {
        panic!("the note window is open again");
    };
    assert_eq!(prompt.reason, "rief zurück");
    assert_eq!(
        prompt.asks,
        crate::tui::overlays::prompt::Asks::FollowUpNote {
            visit_id: "v-1".into()
        }
    );
}

#[test]
fn a_draft_that_does_not_read_is_kept_and_the_reason_shown() {
    let mut app = app();
    app.overlay = Some(Overlay::RestoreDraft(crate::store::Draft {
        id: "d-1".into(),
        stage: "0".into(),
        data: "{\"stage\": \"not a number\"}".into(),
        updated_at: "2026-12-01T09:00:00+01:00".into(),
    }));
    let effects = press(&mut app, "enter");
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::DiscardDraft(_))),
        "the draft is not thrown away"
    );
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.contains("Entwurf konnte nicht gelesen werden"),
        "{message}"
    );
    assert_ne!(app.screen, ScreenId::Intake);
}

#[test]
fn settings_saved_with_another_language_switch_it_and_remember_it() {
    let mut app = app();
    press(&mut app, "f10");
    // Desk, centre, then the language: → to the next one, Enter saves.
    for _ in 0..2 {
        press(&mut app, "down");
    }
    press(&mut app, "right");
    let effects = press(&mut app, "enter");
    let Some(Effect::SaveSettings(settings)) = effects.first().cloned() else {
        panic!("{effects:?}");
    };
    let chosen = settings.language.clone().unwrap();
    assert_ne!(chosen, app.shared.lang);
    let after = app.on_event(super::super::effects::Event::SettingsSaved(settings));
    assert_eq!(app.shared.lang, chosen);
    assert_eq!(after, vec![Effect::SaveLanguage(chosen)]);
}

#[test]
fn with_the_vim_keymap_letters_move_until_slash_goes_into_the_search() {
    let mut app = App::new(
        Catalog::embedded(),
        load_builtin("vim").unwrap(),
        Session::default(),
        "de".into(),
    );
    press(&mut app, "f5");
    // Normal mode: j and k move, nothing is typed.
    press(&mut app, "j j k");
    assert_eq!(app.screens.directory.query, "");
    assert_eq!(app.screens.directory.selected, 1);
    // A count, G and g g.
    press(&mut app, "3 j");
    assert_eq!(app.screens.directory.selected, 4);
    press(&mut app, "G");
    assert!(app.screens.directory.selected > 4);
    press(&mut app, "g g");
    assert_eq!(app.screens.directory.selected, 0);
    press(&mut app, "ctrl-d");
    assert_eq!(app.screens.directory.selected, crate::tui::list::PAGE / 2);
    // / goes into the search; letters are typed there; Esc comes back and keeps them.
    press(&mut app, "/ j k");
    assert_eq!(app.screens.directory.query, "jk");
    press(&mut app, "esc");
    assert_eq!(app.screen, ScreenId::Directory);
    press(&mut app, "ctrl-u");
    assert_eq!(
        app.screens.directory.query, "jk",
        "ctrl-u is a half page here"
    );
    press(&mut app, "i ctrl-u");
    assert_eq!(
        app.screens.directory.query, "",
        "and clears the search inside it"
    );
    press(&mut app, "ctrl-j ctrl-j");
    assert_eq!(app.screens.directory.selected, 2);
}

#[test]
fn help_over_the_check_in_window_gives_it_back_with_what_was_typed() {
    let mut app = app();
    press(&mut app, "a");
    for c in "Ticket 5".chars() {
        app.handle_key(if c == ' ' {
            "space".parse().unwrap()
        } else {
            c.to_string().parse().unwrap()
        });
    }
    press(&mut app, "f1");
    assert!(matches!(app.overlay, Some(Overlay::Help(_))));
    press(&mut app, "esc");
    let Some(Overlay::CheckIn(form)) = &app.overlay else {
        panic!("the check-in window is back: {:?}", app.overlay);
    };
    assert_eq!(form.label, "Ticket 5");
    // Another screen waits until the window is done.
    press(&mut app, "f4");
    assert_eq!(app.screen, ScreenId::Queue);
    assert!(matches!(app.overlay, Some(Overlay::CheckIn(_))));
}

#[test]
fn alt_d_on_a_visit_in_history_opens_its_persons_dossier() {
    let mut app = app();
    press(&mut app, "f4");
    let visit = |key: Option<&str>| crate::store::VisitSummary {
        id: "v-1".into(),
        started_at: "2026-11-25T10:00:00+01:00".into(),
        kind: "identified".into(),
        name: Some("Tesfay, Selam".into()),
        topics: vec![],
        interpreter_language: None,
        person_key: key.map(str::to_string),
    };
    app.screens.history.visits = vec![visit(Some("k-1"))];
    assert_eq!(
        press(&mut app, "alt-d"),
        vec![Effect::OpenDossier("k-1".into())]
    );
    app.screens.history.visits = vec![visit(None)];
    assert!(press(&mut app, "alt-d").is_empty());
    assert!(app.message.is_some(), "an anonymous visit says it has none");
}

#[test]
fn screen_keys_switch_screens_and_tab_cycles() {
    let mut app = app();
    press(&mut app, "f10");
    assert_eq!(app.screen, ScreenId::Settings);
    // Settings is a form: Tab moves between its fields, Alt-→ to the next screen.
    press(&mut app, "tab");
    assert_eq!(app.screen, ScreenId::Settings);
    press(&mut app, "alt-right");
    assert_eq!(app.screen, ScreenId::Glossary);
    press(&mut app, "tab");
    assert_eq!(app.screen, ScreenId::Queue);
    press(&mut app, "shift-tab");
    assert_eq!(app.screen, ScreenId::Glossary);
}

#[test]
fn typing_in_the_palette_filters_and_enter_runs_the_command() {
    let mut app = app();
    press(&mut app, "ctrl-p e i n s t");
    assert_eq!(app.context(), Context::Palette);
    // "q" is text in the palette, it must not quit.
    press(&mut app, "enter");
    assert_eq!(app.screen, ScreenId::Settings);
    assert!(app.overlay.is_none());
    assert!(!app.quit);
}

#[test]
fn q_in_the_palette_is_text_not_quit() {
    let mut app = app();
    press(&mut app, ": q");
    assert!(!app.quit);
    press(&mut app, "esc q");
    assert!(app.quit);
}

#[test]
fn help_opens_and_closes_with_the_same_key() {
    let mut app = app();
    press(&mut app, "?");
    assert_eq!(app.context(), Context::Help);
    press(&mut app, "?");
    assert!(app.overlay.is_none());
}

#[test]
fn switching_language_asks_to_remember_it() {
    let mut app = app();
    let effects = press(&mut app, "f12");
    assert_eq!(app.lang(), "fr");
    assert_eq!(effects, vec![Effect::SaveLanguage("fr".into())]);
    assert_eq!(app.t("screen.queue"), "File d'attente");
}

#[test]
fn the_reports_screen_lists_the_coming_changes_of_responsibility_whole() {
    let mut app = app();
    app.shared.lang = "en".into();
    let effects = app.update(Action::ScreenReports);
    assert!(effects.contains(&Effect::LoadChanges), "{effects:?}");
    let person = crate::store::PersonRecord {
        id: "p-1".into(),
        official_name: "Haddad".into(),
        first_name: "Fatima".into(),
        birth_date: Some("1985".into()),
        vn: None,
        sex: None,
        nationality: None,
        language: None,
        residence_status: "refugee-b".into(),
        commune_of_stay: None,
        support_domicile: None,
        phone: None,
        stable_id: Some("k-1".into()),
    };
    let change = crate::persons::Upcoming {
        on: "2026-12-15".parse().unwrap(),
        person,
        now: "asylum-office".into(),
        next: "red-cross".into(),
    };
    assert!(
        app.on_event(crate::tui::effects::Event::ChangesLoaded(vec![change]))
            .is_empty()
    );
    for (width, height) in [(80, 24), (200, 60)] {
        let screen = crate::tui::render::screen_text(&app, width, height);
        for wanted in [
            "Change of responsibility in the next 30 days: 1",
            "15.12.2026  Haddad, Fatima",
            "Red Cross",
        ] {
            assert!(
                screen.contains(wanted),
                "{wanted} at {width}x{height}:\n{screen}"
            );
        }
    }
}

#[test]
fn during_an_intake_the_directory_ranks_the_visitors_region_first_until_staff_choose() {
    let mut app = app();
    let visp = app
        .shared
        .catalog
        .communes
        .iter()
        .find(|c| c.name == "Visp")
        .unwrap()
        .region
        .clone();
    // Without an intake: all regions alike.
    app.update(Action::ScreenDirectory);
    assert_eq!(app.screens.directory.region, None);
    app.update(Action::ScreenIntake);
    press(&mut app, "space");
    app.screens.intake.reception.commune_of_stay = "Visp".into();
    app.update(Action::ScreenDirectory);
    assert_eq!(app.screens.directory.region.as_deref(), Some(visp.as_str()));
    // Staff choose another region: kept when they come back.
    app.update(Action::NextRegion);
    let chosen = app.screens.directory.region.clone();
    app.update(Action::ScreenIntake);
    app.update(Action::ScreenDirectory);
    assert_eq!(app.screens.directory.region, chosen);
}

#[test]
fn reception_sees_that_an_urgent_handover_happened_but_not_who_and_cannot_open_it() {
    let mut app = App::new(
        Catalog::embedded(),
        load_builtin("default").unwrap(),
        Session {
            staff: "rz".into(),
            role: Some(crate::staff::Role::Reception),
            ..Session::default()
        },
        "en".into(),
    );
    press(&mut app, "f4");
    app.screens.history.visits = vec![crate::store::VisitSummary {
        id: "v-9".into(),
        started_at: "2026-11-25T10:00:00+01:00".into(),
        kind: "urgent-handover".into(),
        name: Some("Tesfay, Selam".into()),
        topics: vec![],
        interpreter_language: None,
        person_key: Some("k-9".into()),
    }];
    let screen = crate::tui::render::screen_text(&app, 120, 35);
    assert!(!screen.contains("Tesfay"), "{screen}");
    assert!(screen.contains("(for the social workers)"), "{screen}");
    assert!(press(&mut app, "enter").is_empty(), "nothing is opened");
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.contains("needs the role social worker"),
        "{message}"
    );
    // A social worker opens it.
    app.shared.session.role = Some(crate::staff::Role::SocialWorker);
    assert!(crate::tui::render::screen_text(&app, 120, 35).contains("Tesfay"));
    assert_eq!(
        press(&mut app, "enter"),
        vec![Effect::OpenVisit("v-9".into())]
    );
}

#[test]
fn quitting_with_an_information_visit_open_asks_and_puts_the_visitor_back_in_the_queue() {
    let mut app = app();
    app.screens.information.arrival = crate::tui::screens::information::Arrival {
        label: Some("Ticket 12".into()),
        reason: "Miete".into(),
        urgency: crate::domain::Urgency::Today,
        interpreter_needed: true,
        language: Some("tir".parse().unwrap()),
        checked_in_ms: Some(1_700_000_000_000),
    };
    assert!(press(&mut app, "f2 q").is_empty(), "nothing happens yet");
    let Some(Overlay::Confirm(question)) = &app.overlay else {
        panic!("quitting asks first");
    };
    assert!(
        question.question.contains("Ticket 12"),
        "{}",
        question.question
    );
    assert!(
        question.question.contains("Warteschlange"),
        "{}",
        question.question
    );
    assert!(!app.quitting());
    let effects = press(&mut app, "enter");
    assert!(app.quitting());
    let back = effects.iter().find_map(|e| match e {
        Effect::CheckIn(entry) => Some(entry),
        _ => None,
    });
    let back = back.expect("the visitor is checked in again");
    assert_eq!(back.label, "Ticket 12");
    assert_eq!(back.urgency, crate::domain::Urgency::Today);
    assert_eq!(back.checked_in_ms, 1_700_000_000_000, "in their old place");
}

#[test]
fn in_the_visitor_view_moving_keys_read_the_text_and_never_change_the_topic() {
    let mut app = app();
    press(&mut app, "f6");
    let topics = app
        .screens
        .information
        .hits(&app.shared.catalog, "de")
        .len();
    assert!(topics > 2);
    press(&mut app, "f11");
    assert!(app.screens.information.client_view);
    press(&mut app, "end down down pagedown");
    assert_eq!(app.screens.information.selected, 0, "still the first topic");
    assert!(!app.screens.information.text_scroll[0].at_top(), "scrolled");
    press(&mut app, "home");
    assert!(app.screens.information.text_scroll[0].at_top());
    press(&mut app, "f11 end");
    assert_eq!(
        app.screens.information.selected,
        topics - 1,
        "outside the visitor view End goes to the last topic"
    );
}

#[test]
fn an_action_of_another_screen_says_where_it_works() {
    let mut app = app();
    assert_eq!(app.screen, ScreenId::Queue);
    app.update(Action::WriteSlip);
    let message = app.message().unwrap_or_default().to_string();
    assert!(message.contains("Fachstellen"), "{message}");
    // One that works here says nothing of the kind.
    app.update(Action::Down);
    assert!(app.message().is_none(), "{:?}", app.message());
}

#[test]
fn a_referral_taken_off_by_a_second_enter_comes_back_with_its_appointment() {
    let mut app = app();
    press(&mut app, "f3");
    for _ in 0..3 {
        press(&mut app, "pagedown");
    }
    assert_eq!(app.screens.intake.stage, 3);
    press(&mut app, "enter");
    assert_eq!(app.screens.intake.referrals.len(), 1);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 14);
    app.screens.intake.referrals[0].appointment = day;
    let effects = press(&mut app, "enter");
    assert!(app.screens.intake.referrals.is_empty());
    let notice = effects
        .iter()
        .find_map(|e| match e {
            Effect::Notice(text) => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default();
    assert!(notice.contains("Strg-Z: rückgängig"), "{notice}");
    press(&mut app, "ctrl-z");
    assert_eq!(app.screens.intake.referrals.len(), 1);
    assert_eq!(app.screens.intake.referrals[0].appointment, day);
    let effects = press(&mut app, "ctrl-z");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Notice(t) if t == "Nichts rückgängig zu machen.")),
        "{effects:?}"
    );
}
