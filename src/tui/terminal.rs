//! Owning the terminal: raw mode and the alternate screen on the way in, restored on every way
//! out (normal exit, error, panic, SIGTERM/SIGHUP: see `shutdown`), and the event loop in between.

use super::app::App;
use super::context::Now;
use super::executor::Executor;
use super::keymap::Key;
use super::render::render;
use super::shutdown::Shutdown;
use crate::store::Store;
use crossterm::event::{self, Event, KeyEventKind};
use std::time::{Duration, Instant};

/// How often the loop wakes without input, to notice a termination signal.
const TICK: Duration = Duration::from_millis(200);
/// Fault injection for the test suite: when set, the first key press panics, so tests can prove
/// that a panic hands the terminal back.
const PANIC_ON_KEY_ENV: &str = "INTAKE_DESK_PANIC_ON_KEY";

pub fn run(mut app: App, store: Store) -> anyhow::Result<()> {
    let shutdown = Shutdown::install()?;
    let db_path = store.path().to_path_buf();
    let mut executor = Executor::spawn(store, app.catalog().clone());
    let check = executor.hold_jobs_for_check();
    // ratatui::try_init enables raw mode, enters the alternate screen and installs a panic hook
    // that restores the terminal before the panic message is printed.
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(
        &mut terminal,
        &mut app,
        &mut executor,
        DamageCheck {
            path: db_path,
            worker: check,
        },
        &shutdown,
    );
    ratatui::restore();
    // Every job already asked for (a visit being saved) is finished before the program ends.
    drop(executor);
    drop(shutdown);
    result
}

/// How long after a key the loop waits for the answers it asked for before it draws: most come
/// well within it, so the screen shows them at once; a slower one is drawn when it arrives, and
/// the status line says that work is going on meanwhile.
const FRAME: Duration = Duration::from_millis(40);

fn dispatch(effects: Vec<super::app::Effect>, app: &mut App, executor: &mut Executor) {
    for effect in effects {
        super::effects::apply(effect, app, executor);
    }
}

/// Takes in the answers that come until `deadline`; `true` when the state changed.
fn settle(app: &mut App, executor: &mut Executor, deadline: Instant) -> bool {
    let mut changed = false;
    while let Some(event) = executor.next_event(deadline) {
        let follow_up = app.on_event(event);
        dispatch(follow_up, app, executor);
        changed = true;
    }
    let working = executor.in_flight() > 0;
    if app.working() != working {
        app.on_event(super::effects::Event::Working(working));
        changed = true;
    }
    changed
}

/// What the damage check needs: the database, and the worker waiting for its answer.
struct DamageCheck {
    path: std::path::PathBuf,
    worker: std::sync::mpsc::Sender<bool>,
}

/// The damage check of the database on a second connection, so the first frame does not wait
/// for it (about 0.15 s for 100,000 visits); `Some(problem)` when damaged. The worker hears
/// first, so no job runs on a damaged file before writing is off.
fn check_in_background(
    DamageCheck { path, worker }: DamageCheck,
) -> std::sync::mpsc::Receiver<Option<String>> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let problem = Store::damage(&path);
        let _ = worker.send(problem.is_some());
        let _ = sender.send(problem);
    });
    receiver
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    executor: &mut Executor,
    damage_check: DamageCheck,
    shutdown: &Shutdown,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let panic_on_key = std::env::var_os(PANIC_ON_KEY_ENV).is_some();
    // Keys typed while a save they depend on is under way: applied in order once it answers.
    let mut held: std::collections::VecDeque<Key> = std::collections::VecDeque::new();
    // Started after the first frame, so it does not compete with it for the processor.
    let mut integrity: Option<std::sync::mpsc::Receiver<Option<String>>> = None;
    let mut damage_check = Some(damage_check);
    while !app.quitting() && !shutdown.is_requested() {
        app.set_now(Now::system());
        if let Some(Ok(result)) = integrity.as_ref().map(|r| r.try_recv()) {
            integrity = None;
            if let Some(problem) = result {
                // The worker heard it first and refuses every write from now on.
                app.on_event(super::effects::Event::Damaged(problem));
                dirty = true;
            }
        }
        dirty |= settle(app, executor, Instant::now());
        while !executor.holds_keys()
            && let Some(key) = held.pop_front()
        {
            let effects = app.handle_key(key);
            dispatch(effects, app, executor);
            settle(app, executor, Instant::now() + FRAME);
            dirty = true;
        }
        if dirty {
            terminal.draw(|frame| render(app, frame))?;
            dirty = false;
        }
        if let Some(check) = damage_check.take() {
            integrity = Some(check_in_background(check));
        }
        // While answers are awaited, look for them often.
        let wait = if executor.in_flight() > 0 {
            Duration::from_millis(10)
        } else {
            TICK
        };
        if !event::poll(wait)? {
            // A running timer or export changes the screen without input.
            dirty |= app.ticking();
            let effects = app.tick();
            dispatch(effects, app, executor);
            dirty |= settle(app, executor, Instant::now() + FRAME);
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                assert!(
                    !panic_on_key,
                    "{PANIC_ON_KEY_ENV} is set: panicking as asked"
                );
                let key = Key::from_event(key);
                app.set_now(Now::system());
                if executor.holds_keys() || !held.is_empty() {
                    held.push_back(key);
                } else {
                    let effects = app.handle_key(key);
                    dispatch(effects, app, executor);
                    settle(app, executor, Instant::now() + FRAME);
                }
                dirty = true;
            }
            Event::Resize(..) => dirty = true,
            _ => {}
        }
    }
    Ok(())
}
