//! One key press to one drawn frame: the palette filtering as staff type, and screen switching.

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

fn keystroke_to_frame(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    c.bench_function("interaction/palette_type_and_draw", |b| {
        let mut app = app();
        app.handle_key(key("ctrl-p"));
        b.iter(|| {
            for k in [
                "z",
                "u",
                "s",
                "t",
                "backspace",
                "backspace",
                "backspace",
                "backspace",
            ] {
                app.handle_key(key(k));
                terminal.draw(|f| render(&app, f)).unwrap();
            }
        })
    });
    c.bench_function("interaction/switch_screen_and_draw", |b| {
        let mut app = app();
        b.iter(|| {
            app.handle_key(key("tab"));
            terminal.draw(|f| render(&app, f)).unwrap();
        })
    });
}

fn competence_form(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    c.bench_function("interaction/competence_type_commune_and_draw", |b| {
        let mut app = app();
        app.handle_key(key("f7"));
        for _ in 0..7 {
            app.handle_key(key("tab"));
        }
        b.iter(|| {
            for k in ["s", "a", "i", "backspace", "backspace", "backspace"] {
                app.handle_key(key(k));
                terminal.draw(|f| render(&app, f)).unwrap();
            }
        })
    });
}

fn catalog_load(c: &mut Criterion) {
    c.bench_function("startup/load_and_validate_embedded_data", |b| {
        b.iter(Catalog::embedded)
    });
}

criterion_group!(benches, keystroke_to_frame, competence_form, catalog_load);
criterion_main!(benches);
