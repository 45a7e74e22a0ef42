//! Drawing the whole interface from the state alone: tab bar, screen, status bar, overlays.

use super::action::Action;
use super::app::App;
use super::fit::{fit_titles, shorten_left};
use super::overlays;
use super::overlays::Overlay;
use super::screens::ScreenId;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs, Wrap};
use unicode_width::UnicodeWidthStr;

/// Below this the layout cannot show a form and its labels; a message is shown instead.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(app, frame, area);
        return;
    }
    // Signed out or locked: the sign-in alone, nothing of any visitor.
    if let Some(gate) = app.gate() {
        super::gate::render(&app.ctx(), gate, frame, area);
        return;
    }
    if app.shows_visitor_view() {
        render_screen(app, frame, area);
        return;
    }
    // A notice longer than the line takes up to three: it is what must be read now.
    let status_height =
        app.message()
            .map_or(1, |m| notice_lines(app, m, area.width).len().clamp(1, 3)) as u16;
    let [tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_height),
    ])
    .areas(area);
    render_tabs(app, frame, tabs);
    render_screen(app, frame, body);
    render_status(app, frame, status);
    match app.overlay() {
        Some(Overlay::Help(state)) => overlays::help::render(&app.ctx(), state, frame, body),
        Some(Overlay::Palette(state)) => overlays::palette::render(&app.ctx(), state, frame, body),
        Some(Overlay::Prompt(state)) => overlays::prompt::render(&app.ctx(), state, frame, body),
        Some(Overlay::CheckIn(form)) => {
            super::screens::queue::check_in_render(&app.ctx(), form, frame, body)
        }
        Some(Overlay::RestoreDraft(draft)) => {
            overlays::draft::render(&app.ctx(), draft, frame, body)
        }
        Some(Overlay::Confirm(state)) => overlays::confirm::render(&app.ctx(), state, frame, body),
        Some(Overlay::Minutes(form)) => overlays::minutes::render(&app.ctx(), form, frame, body),
        Some(Overlay::Dossier(state)) => overlays::dossier::render(&app.ctx(), state, frame, body),
        Some(Overlay::ServiceEdit(form)) => {
            overlays::service_edit::render(&app.ctx(), form, frame, body)
        }
        Some(Overlay::SamePerson(state)) => {
            overlays::same_person::render(&app.ctx(), state, frame, body)
        }
        None => {}
    }
}

fn render_too_small(app: &App, frame: &mut Frame, area: Rect) {
    let text = app.tf(
        "small.message",
        &[
            ("width", &area.width.to_string()),
            ("height", &area.height.to_string()),
            ("min_width", &MIN_WIDTH.to_string()),
            ("min_height", &MIN_HEIGHT.to_string()),
        ],
    );
    let top = area.height / 3;
    let [_, middle] = Layout::vertical([Constraint::Length(top), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        middle,
    );
}

/// The tab bar is the same on every screen: each tab with the key that reaches it from
/// anywhere (a global key), shortened alike, so it never jumps; the screen's own title stands
/// whole in its frame.
fn render_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let titles: Vec<String> = ScreenId::ALL
        .iter()
        .map(|s| {
            let keymap = app.ctx().keymap;
            let key = keymap
                .keys_for(crate::tui::keymap::Context::Global, s.action())
                .into_iter()
                .next()
                .or_else(|| {
                    keymap
                        .keys_for(app.screen().context(), s.action())
                        .into_iter()
                        .next()
                });
            let name = app.t(&s.title_key());
            key.map_or_else(|| name.to_string(), |k| format!("{k} {name}"))
        })
        .collect();
    let selected = ScreenId::ALL
        .iter()
        .position(|s| *s == app.screen())
        .unwrap_or(0);
    let titles = fit_titles(&titles, usize::MAX, area.width as usize, 1);
    frame.render_widget(
        Tabs::new(titles)
            .select(selected)
            .highlight_style(Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD))
            .divider("│")
            .padding("", ""),
        area,
    );
}

/// The screen shown, from its own state and what every screen may read.
fn render_screen(app: &App, frame: &mut Frame, area: Rect) {
    app.screens()
        .get(app.screen())
        .render(&app.ctx(), frame, area);
}

/// "Serving: … │ 12:30 │ ": who is served and a running interpreter timer, within `room`.
fn serving_text(app: &App, room: usize) -> String {
    let mut serving = app.serving().map_or_else(String::new, |who| {
        let who = super::fit::shorten_right(&crate::text::escape_control(&who), room);
        format!("{} │ ", app.tf("status.serving", &[("who", &who)]))
    });
    // A running interpreter timer shows on every screen, so it is not forgotten.
    if let Some(timer) = app.running_timer() {
        serving.push_str(&format!("{timer} │ "));
    }
    serving
}

/// A notice with who is served before it, wrapped to the width: never cut at its start.
fn notice_lines(app: &App, message: &str, width: u16) -> Vec<String> {
    let serving = serving_text(app, (width as usize * 2 / 5).max(20));
    super::form::wrap(
        &format!(" {serving}{message}"),
        (width as usize).saturating_sub(1),
    )
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let reversed = Style::default().add_modifier(Modifier::REVERSED);
    if let Some(message) = app.message() {
        let lines: Vec<Line> = notice_lines(app, message, area.width)
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(
            Paragraph::new(lines).style(reversed.add_modifier(Modifier::BOLD)),
            area,
        );
        return;
    }
    // Who is being served stands first, shortened if need be (the screen has the name whole).
    let mut serving = serving_text(app, (area.width as usize * 2 / 5).max(20));
    let session = app.session();
    // Short enough for 80 columns in every language; `db check` lists the damage itself.
    if session.damaged.is_some() {
        let text = app.t("status.damaged");
        frame.render_widget(
            Paragraph::new(Span::raw(format!(" {text}"))).style(
                Style::default()
                    .fg(ratatui::style::Color::White)
                    .bg(ratatui::style::Color::Red),
            ),
            area,
        );
        return;
    }
    let first_key = |action| {
        app.ctx()
            .keymap
            .keys_for(app.screen().context(), action)
            .into_iter()
            .next()
            .map_or_else(|| "-".into(), |k| super::hints::key_label(&app.ctx(), &k))
    };
    let hints = app.tf(
        "status.hints",
        &[
            ("help", &first_key(Action::Help)),
            ("palette", &first_key(Action::Palette)),
        ],
    );
    let pending = app.tf(
        "status.pending_exports",
        &[("count", &session.pending_exports.to_string())],
    );
    // "label: value" as each language writes it (French puts a space before the colon); a long
    // desk name gives way (Settings shows it whole). Who is signed in stands beside it.
    let mut desk_value = super::fit::shorten_right(&session.desk, 24);
    if !session.staff.is_empty() {
        desk_value = format!(
            "{desk_value} · {}",
            super::fit::shorten_right(&session.staff, 12)
        );
    }
    let desk = app.tf(
        "check.line",
        &[("label", &app.t("status.desk")), ("value", &desk_value)],
    );
    let working = app.working().then(|| app.t("status.working"));
    // Parts by importance; what does not fit leaves from the least important, so the help
    // key is always on the line.
    let mut parts: Vec<(u8, String)> =
        vec![(0, desk), (3, app.lang().to_uppercase()), (2, pending)];
    if let Some(working) = working {
        parts.insert(0, (1, working));
    }
    let hints_width = hints.width() + 1;
    let width = |parts: &[(u8, String)]| {
        1 + serving.width() + parts.iter().map(|(_, p)| p.width() + 3).sum::<usize>() + hints_width
    };
    while width(&parts) > area.width as usize {
        let Some(least) = parts
            .iter()
            .enumerate()
            .max_by_key(|(_, (rank, _))| *rank)
            .map(|(i, _)| i)
        else {
            break;
        };
        if parts[least].0 == 0 {
            break;
        }
        parts.remove(least);
    }
    // Still too long: the name gives way further, down to a few letters.
    let over = width(&parts).saturating_sub(area.width as usize);
    if over > 0 && app.serving().is_some() {
        let room = (area.width as usize * 2 / 5)
            .max(20)
            .saturating_sub(over)
            .max(6);
        serving = serving_text(app, room);
    }
    let fixed = format!(
        " {serving}{}",
        parts
            .iter()
            .map(|(_, p)| format!("{p} │ "))
            .collect::<String>()
    );
    // The database path gets what is left and is shortened from the left: its end says most.
    let room = (area.width as usize).saturating_sub(fixed.width() + hints_width + 3);
    // Too little room for a path that says anything: leave it out (Settings shows it whole).
    let path = if room >= 12 {
        vec![
            Span::raw(shorten_left(&session.db_path, room)),
            Span::raw(" │ "),
        ]
    } else {
        Vec::new()
    };
    let line = Line::from(
        std::iter::once(Span::raw(fixed))
            .chain(path)
            .chain([Span::styled(
                hints,
                Style::default().add_modifier(Modifier::BOLD),
            )])
            .collect::<Vec<_>>(),
    );
    frame.render_widget(Paragraph::new(line).style(reversed), area);
}

/// The screen as text, drawn at `width`×`height`: for tests.
#[cfg(test)]
pub(crate) fn screen_text(app: &App, width: u16, height: u16) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
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
        let topics = include_str!("../../data/topics/de.toml").replacen(
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
        assert!(tab_bar.contains("f2 Warte"), "{tab_bar}");
        assert!(tab_bar.contains("f10 Ein"), "{tab_bar}");
        assert!(tab_bar.contains("alt-g Glo"), "{tab_bar}");
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
                                .any(|p| *p == last
                                    || (last.ends_with(" +") && p.starts_with(number))),
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
}
