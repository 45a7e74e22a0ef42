//! Hints follow the keymap: with every binding of the default keymap moved to another key, each
//! footer, empty-state text, window key line and the status line name the new keys, and none
//! the old ones. Drawn on a test backend through the real state.

use super::action::Action;
use super::keymap::{Context, Key, Keymap};
use super::test_desk::Desk;

/// The default keymap with binding number i moved to `Ctrl-Alt-<letter> <letter>`, a sequence
/// no shipped keymap uses, so any key named on screen that is not of this form is a key that
/// was written by hand.
fn everything_rebound() -> Keymap {
    let mut keymap = super::keymap::load_builtin("default").unwrap();
    let letters: Vec<char> = ('a'..='z').collect();
    for (i, binding) in keymap.bindings.iter_mut().enumerate() {
        let first: Key = format!("ctrl-alt-{}", letters[i / 26]).parse().unwrap();
        let second: Key = letters[i % 26].to_string().parse().unwrap();
        binding.keys = vec![first, second];
    }
    keymap
}

/// The `key: label` parts of every footer (the text in a bottom border) of `screen`.
fn footer_parts(screen: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for line in screen.lines().filter(|l| l.contains('└')) {
        for segment in line.split('┘') {
            let Some(start) = segment.find('└') else {
                continue;
            };
            let inside = segment[start + '└'.len_utf8()..].trim_matches(|c| c == '─' || c == ' ');
            parts.extend(
                inside
                    .split(" · ")
                    .filter(|p| p.contains(": "))
                    .map(str::to_string),
            );
        }
    }
    parts
}

fn assert_new_keys(screen: &str, at: &str) {
    let parts = footer_parts(screen);
    for part in &parts {
        let key = part.split(": ").next().unwrap_or_default();
        assert!(
            key.starts_with("Ctrl-Alt-"),
            "{at}: the footer names {key:?}, not a key of the keymap: {part}\n{screen}"
        );
    }
    let tabs = screen.lines().next().unwrap_or_default();
    assert!(
        tabs.starts_with("Ctrl-Alt-A e "),
        "{at}: the tabs name the screens' keys: {tabs}"
    );
    let status = screen.lines().last().unwrap_or_default();
    assert!(
        status.matches("Ctrl-Alt-").count() >= 2,
        "{at}: the status line names the help and palette keys: {status}"
    );
}

#[test]
fn every_hint_names_the_key_the_keymap_binds() {
    let keymap = everything_rebound();
    let key = |context: Context, action: Action| -> String {
        let keys = keymap.keys_for(context, action);
        let key = keys.first().expect("bound");
        super::hints::pretty_key(key)
    };
    let check_in = key(Context::List, Action::CheckIn);
    let confirm = key(Context::Form, Action::Confirm);
    let close = key(Context::Form, Action::Close);
    let mut desk = Desk::with_keymap("en", keymap.clone());
    let screens = [
        Action::ScreenQueue,
        Action::ScreenIntake,
        Action::ScreenHistory,
        Action::ScreenDirectory,
        Action::ScreenInformation,
        Action::ScreenCompetence,
        Action::ScreenExport,
        Action::ScreenReports,
        Action::ScreenSettings,
        Action::ScreenGlossary,
    ];
    let mut footers = 0;
    for screen in screens {
        desk.press(screen);
        let text = desk.text(200, 60);
        assert_new_keys(&text, &format!("{screen:?}"));
        footers += footer_parts(&text).len();
        for window in [Action::Help, Action::Palette] {
            desk.press(window);
            assert_new_keys(&desk.text(200, 60), &format!("{screen:?} {window:?}"));
            desk.press(Action::Close);
        }
    }
    assert!(
        footers > 30,
        "the screens have footers to check ({footers})"
    );

    // The intake's stages, each with its own keys.
    desk.press(Action::ScreenIntake);
    for stage in 0..6 {
        assert_new_keys(&desk.text(200, 60), &format!("intake stage {stage}"));
        desk.press(Action::PageDown);
    }
    desk.press(Action::Close);
    desk.press(Action::Confirm);

    // The check-in window; a visitor noted as gone unseen, and the key that takes it back.
    desk.press(Action::ScreenQueue);
    desk.press(Action::CheckIn);
    assert_new_keys(&desk.text(200, 60), "check-in");
    desk.press(Action::Close);
    let undo = key(Context::List, Action::Undo);
    while !desk.store.queue_waiting().unwrap().is_empty() {
        desk.press(Action::ScreenQueue);
        desk.press(Action::LeftUnseen);
        let notice = desk.text(200, 60);
        assert!(notice.contains(&format!("{undo}: undo")), "{notice}");
    }

    // With nobody waiting, the queue says which key checks someone in.
    desk.press(Action::ScreenQueue);
    let empty = desk.text(200, 60);
    assert!(
        empty.contains(&format!("Press {check_in} to check a visitor in")),
        "{empty}"
    );
    assert!(!empty.contains("Press a "), "{empty}");

    // A question's keys: quitting with an intake begun asks first.
    desk.press(Action::ScreenIntake);
    desk.press(Action::NextField);
    desk.type_text("Miete");
    desk.press(Action::Quit);
    let question = desk.text(200, 60);
    assert!(
        question.contains(&format!("{confirm} or y: yes · {close} or n: no")),
        "the question names the keymap's keys: {question}"
    );
    assert!(
        !question.contains("Esc or n") && !question.contains("Enter or y"),
        "{question}"
    );
}
