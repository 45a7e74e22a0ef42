//! The shell drawn at real sizes: tab bar, status line, the visitor's view.

use super::*;
use crate::catalog::Catalog;
use crate::tui::action::Action;
use crate::tui::app::Session;
use crate::tui::keymap::load_builtin;

fn app(lang: &str) -> App {
    App::new(
        Catalog::embedded(),
        load_builtin("default").unwrap(),
        Session {
            desk: "Visp 1".into(),
            db_path: "/home/desk/.local/share/intake-desk/visits.db".into(),
            pending_exports: 42,
            ..Session::default()
        },
        lang.into(),
    )
}

use super::screen_text;

#[test]
fn the_visitors_view_fills_the_terminal_without_the_desk_and_closes_on_one_key() {
    let catalog = Catalog::embedded();
    for (lang, export) in [("de", "Export ausstehend: 42"), ("fr", "42"), ("en", "42")] {
        let mut app = app(lang);
        app.update(Action::ScreenInformation);
        // The longest topic, the likeliest not to fit 80×24.
        let hits = app.information().hits(&catalog, lang);
        let length = |id: &String| {
            catalog
                .topics
                .get(id, lang)
                .map_or(0, |(t, _)| t.text.len())
        };
        let longest = (0..hits.len()).max_by_key(|&i| length(&hits[i])).unwrap();
        for _ in 0..longest {
            app.update(Action::Down);
        }
        assert!(screen_text(&app, 80, 24).contains(export), "{lang}");
        app.update(Action::ClientView);
        let shown = screen_text(&app, 80, 24);
        for desk_only in ["visits.db", export, "Visp 1", "f2 ", "F1 "] {
            assert!(
                !shown.contains(desk_only),
                "{lang}: {desk_only:?} on the visitor's view:\n{shown}"
            );
        }
        let title = shown.lines().find(|l| !l.trim().is_empty()).unwrap().trim();
        assert!(
            title
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase),
            "{lang}: the topic's title heads it: {shown}"
        );
        app.update(Action::Close);
        assert!(screen_text(&app, 80, 24).contains(export), "{lang}: closed");
    }
}

#[test]
fn a_topic_longer_than_the_visitors_view_reads_on_with_page_down() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("topics")).unwrap();
    let long: String = (1..=40).map(|n| format!("Zeile {n}.\n")).collect();
    let topics = include_str!("../../../data/topics/de.toml").replacen(
        "text = \"\"\"\n",
        &format!("text = \"\"\"\n{long}"),
        1,
    );
    std::fs::write(dir.path().join("topics/de.toml"), topics).unwrap();
    let catalog = Catalog::load(&crate::catalog::DataSource::with_overlay(dir.path())).unwrap();
    let mut app = App::new(
        catalog,
        load_builtin("default").unwrap(),
        Session::default(),
        "de".into(),
    );
    app.update(Action::ScreenInformation);
    app.update(Action::ClientView);
    let shown = screen_text(&app, 80, 24);
    assert!(shown.contains("Zeile 1.") && shown.contains('▼'), "{shown}");
    assert!(!shown.contains("Zeile 40."), "{shown}");
    let mut presses = 0;
    while screen_text(&app, 80, 24).contains('▼') && presses < 100 {
        app.update(Action::PageDown);
        presses += 1;
    }
    let end = screen_text(&app, 80, 24);
    assert!(end.contains('▲') && !end.contains("Zeile 1."), "{end}");
    assert!(
        end.contains("innerhalb von 30 Tagen"),
        "the end of the text: {end}"
    );
}

#[test]
fn shell_shows_tabs_screen_and_status_bar() {
    let mut shell = app("de");
    let text = screen_text(&shell, 100, 30);
    let tab_bar = text.lines().next().unwrap().to_string();
    // Every tab with the key that reaches it from anywhere, the Glossary too.
    assert!(tab_bar.contains("F2 Warte"), "{tab_bar}");
    assert!(tab_bar.contains("F10 Ein"), "{tab_bar}");
    assert!(tab_bar.contains("Alt-G Glo"), "{tab_bar}");
    // The same bar on a form screen: it does not jump as screens change.
    shell.update(Action::ScreenIntake);
    let on_intake = screen_text(&shell, 100, 30);
    assert_eq!(on_intake.lines().next().unwrap(), tab_bar);
    assert!(text.contains("Schalter: Visp 1"));
    assert!(text.contains("Export ausstehend: 42"));
    assert!(text.contains("visits.db"));
    assert!(
        text.contains("Niemand wartet. Mit a eine Person anmelden."),
        "{text}"
    );
}

#[test]
fn a_running_export_shows_its_progress_bar_and_an_ended_one_its_result() {
    let mut app = app("en");
    app.update(Action::ScreenExport);
    app.screens_mut().export.pending = 1000;
    app.screens_mut().export.progress = Some((250, 1000));
    let text = screen_text(&app, 100, 30);
    assert!(text.contains("250 / 1000"), "{text}");
    assert!(text.contains("Due: 1000 visits"), "{text}");
    assert!(text.contains("No export target set up"), "{text}");
    app.screens_mut().export.progress = None;
    app.screens_mut().export.result = Some(Err("HTTP 400: unknown commune".into()));
    let text = screen_text(&app, 100, 30);
    assert!(!text.contains("250 / 1000"));
    assert!(
        text.contains("Export failed: HTTP 400: unknown commune"),
        "{text}"
    );
}

#[test]
fn too_small_terminal_shows_the_message_instead_of_the_layout() {
    let text = screen_text(&app("fr"), 60, 20);
    assert!(text.contains("trop petit"), "{text}");
    assert!(text.contains("60×20"));
    assert!(!text.contains("File d'attente"));
}

#[test]
fn help_lists_bindings_with_labels_in_the_ui_language() {
    let mut app = app("en");
    app.update(Action::Help);
    let text = screen_text(&app, 100, 30);
    assert!(text.contains("Key bindings: Queue"), "{text}");
    assert!(
        text.contains("Ctrl-P, :") || text.contains(":, Ctrl-P"),
        "{text}"
    );
    assert!(text.contains("Open the command palette"));
    // The screen's own keys first, then what works everywhere; nothing of no use here.
    let own = text
        .find("Check a visitor in")
        .expect("the queue's own key");
    let everywhere = text.find("Everywhere:").expect("the heading");
    let palette = text.find("Open the command palette").unwrap();
    assert!(own < everywhere && everywhere < palette, "{text}");
    assert!(!text.contains("Write the referral slip"), "{text}");
}

#[test]
fn competence_screen_snapshot() {
    let mut app = app("de");
    app.session_mut().today = "2026-11-25".parse().unwrap();
    app.screens_mut().competence = crate::tui::screens::competence::CompetenceForm::new(
        &Catalog::embedded(),
        "2026-11-25".parse().unwrap(),
    );
    app.update(Action::ScreenCompetence);
    app.screens_mut().competence.status = crate::domain::ResidenceStatus::RefugeeF;
    app.screens_mut().competence.entry_date = "2020-02-29".into();
    app.screens_mut().competence.commune = "Visp".into();
    insta::assert_snapshot!(screen_text(&app, 110, 28));
}

/// Every screen and overlay at the documented minimum, 80×24, in German, on a fixed day:
/// a change to what staff see shows up in review as a changed snapshot.
#[test]
fn every_screen_and_overlay_at_80x24_in_german() {
    let german = || app("de");
    let fixed = |app: &mut App| {
        app.set_now(crate::tui::context::Now::at(
            chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+01:00").unwrap(),
        ));
        app.session_mut().today = "2026-11-25".parse().unwrap();
        app.session_mut().staff = "mb".into();
        app.session_mut().keymap = "default".into();
        app.session_mut().config_path = "/home/desk/.config/intake-desk/config.toml".into();
    };
    let screens = [
        ("queue", Action::ScreenQueue),
        ("intake", Action::ScreenIntake),
        ("history", Action::ScreenHistory),
        ("directory", Action::ScreenDirectory),
        ("information", Action::ScreenInformation),
        ("competence", Action::ScreenCompetence),
        ("export", Action::ScreenExport),
        ("reports", Action::ScreenReports),
        ("settings", Action::ScreenSettings),
        ("glossary", Action::ScreenGlossary),
    ];
    for (name, action) in screens {
        let mut app = german();
        fixed(&mut app);
        app.screens_mut().competence = crate::tui::screens::competence::CompetenceForm::new(
            &Catalog::embedded(),
            "2026-11-25".parse().unwrap(),
        );
        app.update(action);
        insta::assert_snapshot!(format!("screen_{name}_80x24_de"), screen_text(&app, 80, 24));
    }
    let overlays: [(&str, &[Action]); 3] = [
        ("help", &[Action::Help]),
        ("palette", &[Action::Palette]),
        ("check_in", &[Action::ScreenQueue, Action::CheckIn]),
    ];
    for (name, actions) in overlays {
        let mut app = german();
        fixed(&mut app);
        for action in actions {
            app.update(*action);
        }
        assert!(app.overlay().is_some(), "{name} opens an overlay");
        insta::assert_snapshot!(
            format!("overlay_{name}_80x24_de"),
            screen_text(&app, 80, 24)
        );
    }
    let mut app = german();
    fixed(&mut app);
    app.set_overlay(Some(crate::tui::overlays::Overlay::RestoreDraft(
        crate::store::Draft {
            id: "d-1".into(),
            stage: "0".into(),
            data: "{}".into(),
            updated_at: "2026-11-25T09:12:00+01:00".into(),
        },
    )));
    insta::assert_snapshot!("overlay_restore_draft_80x24_de", screen_text(&app, 80, 24));
    // Esc on it asks before the draft goes.
    app.update(Action::Close);
    assert!(
        matches!(
            app.overlay(),
            Some(crate::tui::overlays::Overlay::Confirm(_))
        ),
        "Esc asks"
    );
    insta::assert_snapshot!(
        "overlay_confirm_discard_80x24_de",
        screen_text(&app, 80, 24)
    );
    let mut app = german();
    fixed(&mut app);
    app.session_mut().damaged = Some("page 236".into());
    insta::assert_snapshot!("status_damaged_80x24_de", screen_text(&app, 80, 24));
}

#[test]
fn settings_screen_snapshot() {
    let mut app = app("de");
    app.session_mut().staff = "mb".into();
    app.session_mut().keymap = "default".into();
    app.session_mut().config_path = "/home/desk/.config/intake-desk/config.toml".into();
    app.session_mut().visit_count = 1234;
    app.update(Action::ScreenSettings);
    insta::assert_snapshot!(screen_text(&app, 100, 24));
}

/// Every screen and the windows over them at the documented minimum and two larger sizes,
/// in German, French and English: what staff must tell apart or dial is on screen whole.
#[test]
fn what_must_be_read_is_whole_at_every_size_and_language() {
    use crate::domain::ResidenceStatus;
    for lang in ["de", "fr", "en"] {
        for (width, height) in [(80, 24), (120, 35), (200, 60)] {
            let at = format!("{lang} {width}x{height}");
            // The two F statuses, in the intake and on the Competence screen.
            for status in [ResidenceStatus::RefugeeF, ResidenceStatus::ProvisionalF] {
                let mut shell = app(lang);
                shell.update(Action::ScreenIntake);
                let intake = &mut shell.screens_mut().intake;
                intake.reception.anonymous = false;
                intake.reception.status = status;
                let name = shell.t(&format!("residence.{}", status.as_str()));
                let text = screen_text(&shell, width, height);
                assert!(joined(&text, width).contains(&name), "{at}: {name}\n{text}");
                shell.update(Action::ScreenCompetence);
                shell.screens_mut().competence.status = status;
                let text = screen_text(&shell, width, height);
                // The form is the left pane.
                let form = (width * 11 / 20).clamp(48, 64);
                assert!(joined(&text, form).contains(&name), "{at}: {name}\n{text}");
            }
            // Every phone number in the directory list is whole.
            let mut shell = app(lang);
            shell.update(Action::ScreenDirectory);
            let text = screen_text(&shell, width, height);
            let phones: Vec<&str> = shell
                .catalog()
                .services
                .iter()
                .filter_map(|s| s.phone.as_deref())
                .collect();
            for line in text.lines().skip(4) {
                // The list is the first cell; its phone stands last, after two spaces.
                let Some(cell) = line.split('│').nth(1) else {
                    continue;
                };
                let cell = cell.trim_end_matches(['▲', '▼', ' ']);
                let last = cell.rsplit("  ").next().unwrap_or("").trim();
                // The list shows a service's first number, "+" where it has more.
                let number = last.trim_end_matches(" +");
                if last.starts_with(|c: char| c.is_ascii_digit()) {
                    assert!(
                        phones
                            .iter()
                            .any(|p| *p == last || (last.ends_with(" +") && p.starts_with(number))),
                        "{at}: {last:?} cut\n{line}"
                    );
                }
            }
            // Each intake stage names save and urgent handover.
            let mut shell = app(lang);
            shell.update(Action::ScreenIntake);
            for _ in 0..5 {
                let text = screen_text(&shell, width, height);
                let urgent = if lang == "de" { "Strg-X" } else { "Ctrl-X" };
                assert!(text.contains(urgent), "{at}\n{text}");
                shell.update(Action::PageDown);
            }
            // A competence answer longer than its pane says so.
            let mut shell = app(lang);
            shell.update(Action::ScreenCompetence);
            let form = &mut shell.screens_mut().competence;
            form.status = ResidenceStatus::RefugeeB;
            form.asylum_date = "2019-03-01".into();
            form.commune = "Sion".into();
            form.on = "2026-11-25".into();
            let text = screen_text(&shell, width, height);
            let rule_shown = text.contains("vs-refugee-b");
            assert!(
                rule_shown || text.contains('▼'),
                "{at}: cut without a mark\n{text}"
            );
        }
    }
}

/// The first `columns` of the screen with its lines joined, so a wrapped value reads as one.
fn joined(text: &str, columns: u16) -> String {
    text.lines()
        .map(|l| l.chars().take(columns as usize).collect::<String>())
        .map(|l| {
            l.trim_matches(|c: char| c == '│' || c.is_whitespace())
                .to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The queue with a visitor of each urgency, in each theme: the snapshot keeps its styles.
#[test]
fn the_three_themes_mark_urgency_with_a_symbol_and_their_own_styles() {
    use crate::domain::Urgency;
    use crate::tui::theme::ThemeName;
    use strum::IntoEnumIterator;
    for theme in ThemeName::iter() {
        let mut shell = App::new(
            Catalog::embedded(),
            load_builtin("default").unwrap(),
            Session {
                desk: "Visp 1".into(),
                theme,
                ..Session::default()
            },
            "en".into(),
        );
        let at = |minutes: i64| 1_764_000_000_000 - minutes * 60_000;
        let entry = |id: &str, label: &str, urgency, minutes| crate::store::QueueEntry {
            id: id.into(),
            label: label.into(),
            reason: "Miete".into(),
            urgency,
            language: None,
            interpreter_needed: false,
            checked_in_ms: at(minutes),
        };
        shell.starting_with(
            vec![
                entry("a", "Ticket 1", Urgency::Today, 30),
                entry("b", "Ticket 2", Urgency::ThisWeek, 20),
                entry("c", "Ticket 3", Urgency::Normal, 10),
            ],
            None,
        );
        shell.set_now(crate::tui::context::Now::at(
            chrono::DateTime::from_timestamp_millis(1_764_000_000_000)
                .unwrap()
                .fixed_offset(),
        ));
        let plain = screen_text(&shell, 100, 24);
        // The symbol and the word, whatever the colours.
        assert!(plain.contains("‼ today"), "{plain}");
        assert!(plain.contains("! this week"), "{plain}");
        // The tabs, the list and the status line, where the styles are.
        let styled = super::styled_text(&shell, 100, 24);
        let lines: Vec<&str> = styled.lines().collect();
        let shown = [&lines[..7], &lines[22..]].concat().join("\n");
        insta::assert_snapshot!(format!("theme_{}", theme.name()), shown);
    }
}
