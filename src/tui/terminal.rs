//! Owning the terminal: raw mode and the alternate screen on the way in, restored on every way
//! out (normal exit, error, panic, SIGTERM/SIGHUP: see `shutdown`), and the event loop in between.

use super::app::App;
use super::keymap::Key;
use super::render::render;
use super::shutdown::Shutdown;
use crate::store::Store;
use crossterm::event::{self, Event, KeyEventKind};
use std::time::Duration;

/// How often the loop wakes without input, to notice a termination signal.
const TICK: Duration = Duration::from_millis(200);
/// Fault injection for the test suite: when set, the first key press panics, so tests can prove
/// that a panic hands the terminal back.
const PANIC_ON_KEY_ENV: &str = "INTAKE_DESK_PANIC_ON_KEY";

pub fn run(mut app: App, store: &mut Store) -> anyhow::Result<()> {
    let shutdown = Shutdown::install()?;
    // ratatui::try_init enables raw mode, enters the alternate screen and installs a panic hook
    // that restores the terminal before the panic message is printed.
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, &mut app, store, &shutdown);
    ratatui::restore();
    drop(shutdown);
    result
}

/// The damage check of the database on a second connection, so the first frame does not wait
/// for it (about 0.15 s for 100,000 visits); `Some(problem)` when damaged.
fn check_in_background(path: std::path::PathBuf) -> std::sync::mpsc::Receiver<Option<String>> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let problem = Store::damage(&path);
        let _ = sender.send(problem);
    });
    receiver
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    shutdown: &Shutdown,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let panic_on_key = std::env::var_os(PANIC_ON_KEY_ENV).is_some();
    let mut integrity = Some(check_in_background(store.path().to_path_buf()));
    while !app.quit && !shutdown.is_requested() {
        if let Some(Ok(result)) = integrity.as_ref().map(|r| r.try_recv()) {
            integrity = None;
            if let Some(problem) = result {
                // Every later write fails with "read-only" instead of going into damaged pages.
                store.stop_writing();
                app.session.damaged = Some(problem);
                dirty = true;
            }
        }
        if dirty {
            terminal.draw(|frame| render(app, frame))?;
            dirty = false;
        }
        if !event::poll(TICK)? {
            // A running timer or export changes the screen without input.
            dirty |= app.ticking();
            for effect in app.tick() {
                super::effects::apply(effect, app, store);
            }
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                assert!(
                    !panic_on_key,
                    "{PANIC_ON_KEY_ENV} is set: panicking as asked"
                );
                for effect in app.handle_key(Key::from_event(key)) {
                    super::effects::apply(effect, app, store);
                }
                dirty = true;
            }
            Event::Resize(..) => dirty = true,
            _ => {}
        }
    }
    Ok(())
}
