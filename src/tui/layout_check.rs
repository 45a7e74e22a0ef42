//! The layout test: every screen and window, drawn from a demo database through the real
//! effects, at 80×24, 120×35 and 200×60 in German, French and English. For each it asserts that
//! what staff must read is whole on screen (wrapped where need be) or marked as continuing
//! (`▼`), that footers and the status line are not cut, and that a word is never cut without
//! its `…`.

use super::action::Action;
use super::effect::Effect;
use super::overlays::Overlay;
use super::test_desk::Desk;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 35), (200, 60)];
const LANGUAGES: [&str; 3] = ["de", "fr", "en"];

/// Each word of `wanted` stands whole somewhere on the screen: not cut (a cut word ends in `…`
/// or runs into a border), though it may have wrapped to another line than its neighbours.
fn whole_words(screen: &str, wanted: &str) -> Result<(), String> {
    let words: Vec<&str> = screen
        .split(|c: char| c.is_whitespace() || "│┌┐└┘─▲▼›‹,;:()·«»\"'’".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    for word in wanted
        .split(|c: char| c.is_whitespace() || ",;:()·«»\"'’".contains(c))
        .filter(|w| !w.is_empty())
    {
        if !words.contains(&word) {
            return Err(format!("{word:?} of {wanted:?}"));
        }
    }
    Ok(())
}

/// Footers are not cut: the text in a bottom border ends before its corner with a space.
fn footers_whole(screen: &str) -> Result<(), String> {
    for line in screen.lines().filter(|l| l.contains('└')) {
        for segment in line.split('┘') {
            let Some(start) = segment.find('└') else {
                continue;
            };
            let inside = &segment[start + '└'.len_utf8()..];
            if inside.chars().any(char::is_alphanumeric)
                && !inside.trim_end_matches('─').ends_with(' ')
            {
                return Err(format!("footer cut: {line}"));
            }
        }
    }
    Ok(())
}

/// `check` on the screen, or a mark that it continues; the screen in the message otherwise.
fn on_screen_or_marked(screen: &str, what: &str, at: &str) {
    if let Err(missing) = whole_words(screen, what)
        && !screen.contains('▼')
    {
        panic!("{at}: {missing} not whole\n{screen}");
    }
}

fn must_read(screen: &str, what: &str, at: &str) {
    if let Err(missing) = whole_words(screen, what) {
        panic!("{at}: {missing} not whole\n{screen}");
    }
}

/// What every drawing must keep: footers and the status line's help key whole.
fn always(desk: &Desk, screen: &str, at: &str) {
    if let Err(why) = footers_whole(screen) {
        panic!("{at}: {why}\n{screen}");
    }
    // A notice takes the status lines: it is whole, wrapped over them.
    if let Some(notice) = desk.app.message() {
        must_read(screen, notice, &format!("{at} notice"));
        return;
    }
    let status = screen.lines().last().unwrap_or_default().trim_end();
    let help = desk.t("status.hints");
    // The hint's last word (Befehle, Commandes, Commands) ends the line: nothing after it was cut.
    let last_word = help.split_whitespace().last().unwrap_or_default();
    assert!(
        status.ends_with(last_word),
        "{at}: status line cut: {status}\n{screen}"
    );
}

#[test]
fn every_screen_and_window_keeps_what_must_be_read_at_every_size_and_language() {
    for lang in LANGUAGES {
        let mut desk = Desk::new(lang);
        for (width, height) in SIZES {
            let at = |what: &str| format!("{lang} {width}x{height} {what}");
            // Queue: the selected visitor whole under the list.
            desk.press(Action::ScreenQueue);
            let screen = desk.text(width, height);
            always(&desk, &screen, &at("queue"));
            must_read(
                &screen,
                "Von Hohenberg-Schwarzenbach-Oberländer, Maximilian-Alexander Friedrich",
                &at("queue"),
            );
            must_read(
                &screen,
                "Demande de prestations complémentaires et aide au logement urgente",
                &at("queue"),
            );
            // Check-in with a long reason: it wraps in its field.
            desk.press(Action::CheckIn);
            desk.type_text("Ticket 99");
            desk.press(Action::NextField);
            desk.type_text("Rückforderung der Sozialhilfe nach Erbschaft und Hausverkauf");
            let screen = desk.text(width, height);
            always(&desk, &screen, &at("check-in"));
            must_read(
                &screen,
                "Rückforderung der Sozialhilfe nach Erbschaft und Hausverkauf",
                &at("check-in"),
            );
            desk.press(Action::Close);
            desk.press(Action::Close);
            // Every screen with its help window: the screen's keys listed whole or marked.
            for screen_action in [
                Action::ScreenQueue,
                Action::ScreenHistory,
                Action::ScreenDirectory,
                Action::ScreenInformation,
                Action::ScreenCompetence,
                Action::ScreenExport,
                Action::ScreenReports,
                Action::ScreenSettings,
                Action::ScreenGlossary,
            ] {
                desk.press(screen_action);
                let name = format!("{screen_action:?}");
                let screen = desk.text(width, height);
                always(&desk, &screen, &at(&name));
                desk.press(Action::Help);
                let Some(Overlay::Help(help)) = desk.app.overlay() else {
                    panic!("{name}: help opens");
                };
                let first = help
                    .actions
                    .iter()
                    .find(|a| !desk.app.ctx().keymap.keys_for(help.context, **a).is_empty())
                    .map(|a| desk.t(&a.label_key()));
                let screen = desk.text(width, height);
                always(&desk, &screen, &at(&format!("{name} help")));
                if let Some(first) = first {
                    must_read(&screen, &first, &at(&format!("{name} help")));
                }
                desk.press(Action::Close);
            }
            // History: a visit opened reads whole or marks that it continues.
            desk.press(Action::ScreenHistory);
            desk.press(Action::Confirm);
            let screen = desk.text(width, height);
            always(&desk, &screen, &at("visit"));
            on_screen_or_marked(&screen, &desk.t("intake.note"), &at("visit"));
            desk.press(Action::Close);
            // Glossary: the selected term whole in its four languages.
            desk.press(Action::ScreenGlossary);
            desk.type_text("Integrationspauschale");
            let screen = desk.text(width, height);
            for term in &desk.catalog.glossary[..]
                .iter()
                .find(|t| t.terms[0] == "Integrationspauschale")
                .expect("a shipped term")
                .terms
            {
                must_read(&screen, term, &at("glossary"));
            }
            desk.press(Action::ClearInput);
            // Information: the selected topic's title whole above its text.
            desk.press(Action::ScreenInformation);
            desk.press(Action::Down);
            let screen = desk.text(width, height);
            let topic = desk
                .app
                .screens()
                .information
                .selected_topic(&desk.catalog, lang);
            let title = desk
                .catalog
                .topics
                .get(&topic.unwrap(), lang)
                .unwrap()
                .0
                .title
                .clone();
            must_read(&screen, &title, &at("information"));
            // Directory: the selected service's name whole in its details.
            desk.press(Action::ScreenDirectory);
            let screen = desk.text(width, height);
            let hits = desk
                .app
                .screens()
                .directory
                .hits(&desk.catalog, desk.app.ctx().directory_index);
            let service = &desk.catalog.services[hits[0]];
            must_read(&screen, service.name(lang), &at("directory"));
            // Correcting it: the explanation and every field's label whole.
            desk.press(Action::CorrectService);
            let screen = desk.text(width, height);
            always(&desk, &screen, &at("service correction"));
            for field in ["phone", "address", "hours", "languages", "note"] {
                must_read(
                    &screen,
                    &desk.t(&format!("directory.field_{field}")),
                    &at("service correction"),
                );
            }
            desk.press(Action::Close);
            // Settings: every label and value whole.
            desk.press(Action::ScreenSettings);
            let screen = desk.text(width, height);
            for label in [
                "settings.desk",
                "settings.centre",
                "settings.language",
                "settings.print_command",
                "settings.export_dir",
                "settings.database",
            ] {
                must_read(&screen, &desk.t(label), &at("settings"));
            }
            // Competence: a commune suggested while typing is whole in its list.
            desk.press(Action::ScreenCompetence);
            desk.app.screens_mut().competence.focus =
                crate::tui::screens::competence::FormField::Commune;
            desk.type_text("zerm");
            let screen = desk.text(width, height);
            must_read(&screen, "Zermatt", &at("commune suggestions"));
            desk.press(Action::ClearInput);
            // Reports: the sections' titles, or a mark that they continue.
            desk.press(Action::ScreenReports);
            let screen = desk.text(width, height);
            on_screen_or_marked(&screen, &desk.t("report.by_service"), &at("reports"));
            // The palette: each key whole beside its command.
            desk.press(Action::Palette);
            let screen = desk.text(width, height);
            always(&desk, &screen, &at("palette"));
            let shift_tab = super::hints::key_label(&desk.app.ctx(), "shift-tab");
            must_read(&screen, &shift_tab, &at("palette"));
            desk.press(Action::Close);
            // The intake: each stage's name whole where it is the current one, every footer whole.
            desk.press(Action::ScreenIntake);
            // From the first stage (the intake is where the last size left it).
            while desk.app.screens().intake.stage > 0 {
                desk.text(width, height);
                desk.press(Action::PageUp);
            }
            for stage in 1..=5 {
                assert_eq!(
                    desk.app.screens().intake.stage + 1,
                    stage,
                    "{}",
                    at("stage")
                );
                let screen = desk.text(width, height);
                always(&desk, &screen, &at(&format!("intake stage {stage}")));
                must_read(
                    &screen,
                    &desk.t(&format!("intake.stage_{stage}")),
                    &at(&format!("intake stage {stage}")),
                );
                // The windows of the stages: the minutes (from every stage), the appointment.
                desk.press(Action::InterpreterMinutes);
                let window = desk.text(width, height);
                always(&desk, &window, &at(&format!("minutes, stage {stage}")));
                desk.press(Action::Close);
                if stage == 4 {
                    desk.press(Action::Appointment);
                    let window = desk.text(width, height);
                    always(&desk, &window, &at("appointment"));
                    must_read(&window, &desk.t("appointment.title"), &at("appointment"));
                    desk.press(Action::Close);
                }
                // PgDn reads on in a long text first: go on until the next stage.
                let before = desk.app.screens().intake.stage;
                for _ in 0..20 {
                    // As the app does: a frame after each key (the pane learns where it ends).
                    desk.text(width, height);
                    desk.press(Action::PageDown);
                    if desk.app.screens().intake.stage != before {
                        break;
                    }
                }
            }
            // A dossier over the screen: who is responsible now, whole.
            let key = desk
                .store
                .latest_competence_by_person(
                    "1900-01-01".parse().unwrap(),
                    "2100-01-01".parse().unwrap(),
                )
                .unwrap()
                .into_iter()
                .find_map(|l| l.person.stable_id);
            if let Some(key) = key {
                desk.carry(vec![Effect::OpenDossier(key)]);
                let screen = desk.text(width, height);
                always(&desk, &screen, &at("dossier"));
                must_read(&screen, &desk.t("dossier.next_change"), &at("dossier"));
                // Its look-alikes to merge, when it has some: whole too.
                desk.press(Action::MergePerson);
                let screen = desk.text(width, height);
                always(&desk, &screen, &at("dossier merge"));
                if let Some(Overlay::Dossier(d)) = desk.app.overlay()
                    && d.merging.is_some()
                {
                    must_read(
                        &screen,
                        &desk.t("dossier.merge_choose"),
                        &at("dossier merge"),
                    );
                    desk.press(Action::Close);
                }
                desk.press(Action::Close);
            }
            // A visitor typed anew who resembles someone recorded: both side by side, whole.
            let mut twin = crate::demo::visits(crate::demo::DemoOptions {
                visits: 120,
                seed: 7,
                now: chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+01:00").unwrap(),
                communes: desk.catalog.communes.iter().map(|c| c.bfs_nr).collect(),
                catalog: Some(desk.catalog.clone()),
            })
            .into_iter()
            .find(|v| v.person.as_ref().is_some_and(|p| p.birth_date.is_some()))
            .expect("demo visits identify people");
            twin.id = uuid::Uuid::now_v7();
            let person = twin.person.as_mut().unwrap();
            person.key = None;
            let name = person.official_name.clone();
            desk.carry(vec![Effect::SaveVisit {
                visit: Box::new(twin),
                draft: None,
            }]);
            assert!(
                matches!(desk.app.overlay(), Some(Overlay::SamePerson(_))),
                "{}",
                at("same person asks")
            );
            let screen = desk.text(width, height);
            always(&desk, &screen, &at("same person"));
            must_read(
                &screen,
                &desk.t("same_person.this_visit"),
                &at("same person"),
            );
            must_read(&screen, &desk.t("same_person.recorded"), &at("same person"));
            must_read(&screen, &name, &at("same person"));
            desk.press(Action::Close);
            // Quitting with an intake begun asks, in words that are whole.
            desk.press(Action::Quit);
            let screen = desk.text(width, height);
            always(&desk, &screen, &at("quit question"));
            assert!(
                matches!(desk.app.overlay(), Some(Overlay::Confirm(_))),
                "{}",
                at("quit asks")
            );
            desk.press(Action::Close);
        }
    }
}

#[test]
fn every_table_goes_through_the_helper_that_keeps_cells_apart() {
    // Cells touching and cut without "…" came from tables drawn by hand; the helper is the one
    // place that lays columns out (tested in `table`).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut by_hand = Vec::new();
    for entry in walk(&dir) {
        let text = std::fs::read_to_string(&entry).unwrap();
        let name = entry.display().to_string();
        let helper = name.ends_with("table.rs") || name.ends_with("layout_check.rs");
        if !helper && (text.contains("Table::new(") || text.contains("List::new(")) {
            by_hand.push(name);
        }
    }
    assert!(by_hand.is_empty(), "tables drawn by hand: {by_hand:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}
