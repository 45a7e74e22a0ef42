//! One key press to one drawn frame, measured per keystroke: each iteration is one key handled
//! and one full frame drawn (200×50), cycling through a sequence that returns to where it began.

use criterion::{Criterion, criterion_group, criterion_main};
use intake_desk::catalog::Catalog;
use intake_desk::tui::keymap::{Key, load_builtin};
use intake_desk::tui::render::render;
use intake_desk::tui::{App, Session};
use ratatui::{Terminal, backend::TestBackend};

fn app() -> App {
    App::new(
        Catalog::embedded(),
        load_builtin("default").unwrap(),
        Session::default(),
        "de".into(),
    )
}

fn key(text: &str) -> Key {
    text.parse().unwrap()
}

/// Benchmarks one keystroke and its frame: `setup` keys first, then `keys` in a cycle.
fn per_keystroke(c: &mut Criterion, name: &str, setup: &[&str], keys: &[&str]) {
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    let mut app = app();
    for k in setup {
        app.handle_key(key(k));
    }
    let keys: Vec<Key> = keys.iter().map(|k| key(k)).collect();
    let mut next = 0;
    // The keys do their work: each one changes the frame.
    terminal.draw(|f| render(&app, f)).unwrap();
    let mut frames = vec![terminal.backend().buffer().clone()];
    for k in &keys {
        app.handle_key(*k);
        terminal.draw(|f| render(&app, f)).unwrap();
        frames.push(terminal.backend().buffer().clone());
    }
    assert!(
        frames.windows(2).all(|w| w[0] != w[1]),
        "{name}: every key changes the screen"
    );
    c.bench_function(name, |b| {
        b.iter(|| {
            app.handle_key(keys[next % keys.len()]);
            next += 1;
            terminal.draw(|f| render(&app, f)).unwrap();
        })
    });
}

const SEARCH: [&str; 8] = [
    "z",
    "u",
    "s",
    "t",
    "backspace",
    "backspace",
    "backspace",
    "backspace",
];

fn keystroke_to_frame(c: &mut Criterion) {
    per_keystroke(c, "keystroke/palette_filter", &["ctrl-p"], &SEARCH);
    per_keystroke(c, "keystroke/switch_screen", &[], &["tab"]);
    per_keystroke(c, "keystroke/directory_search", &["f5"], &SEARCH);
    per_keystroke(c, "keystroke/information_search", &["f6"], &SEARCH);
    per_keystroke(c, "keystroke/glossary_search", &["alt-left"], &SEARCH);
    // The commune field of the competence form, with its suggestions.
    let to_commune = ["f7", "tab", "tab", "tab", "tab", "tab", "tab", "tab"];
    per_keystroke(
        c,
        "keystroke/competence_commune",
        &to_commune,
        &["s", "a", "i", "backspace", "backspace", "backspace"],
    );
}

fn catalog_load(c: &mut Criterion) {
    c.bench_function("startup/load_and_validate_embedded_data", |b| {
        b.iter(Catalog::embedded)
    });
}

criterion_group!(benches, keystroke_to_frame, catalog_load);
criterion_main!(benches);
