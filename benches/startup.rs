//! Start-up on a database of 100,000 visits: what the app does before its first frame, in process,
//! and the real binary in a pseudo-terminal until the status bar is on screen.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use intake_desk::catalog::Catalog;
use intake_desk::store::Store;
use intake_desk::tui::keymap::load_builtin;
use intake_desk::tui::render::render;
use intake_desk::tui::{App, Session};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::{Terminal, backend::TestBackend};
use std::io::{Read, Write};
use std::time::{Duration, Instant};

fn in_process(c: &mut Criterion) {
    let (_dir, path) = common::demo_database(100_000);
    c.bench_function("startup/open_load_count_first_frame_100k", |b| {
        b.iter(|| {
            let store = Store::open_unchecked(&path).unwrap();
            let session = Session {
                pending_exports: store.pending_export_count().unwrap(),
                visit_count: store.visit_count().unwrap(),
                db_path: path.display().to_string(),
                ..Session::default()
            };
            let app = App::new(
                Catalog::embedded(),
                load_builtin("default").unwrap(),
                session,
                "de".into(),
            );
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            terminal.draw(|f| render(&app, f)).unwrap();
            assert_eq!(
                app.session().visit_count,
                100_000,
                "the visits were counted"
            );
        })
    });
}

/// Spawns the release binary in a pty and waits for the status bar; returns the time it took.
fn binary_first_frame(db: &std::path::Path, home: &std::path::Path) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_intake-desk"));
    command.args(["--db", db.to_str().unwrap()]);
    command.env("HOME", home);
    command.env("XDG_CONFIG_HOME", home.join("config"));
    command.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(command).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let mut parser = vt100::Parser::new(30, 100, 0);
    let mut buf = [0u8; 8192];
    let elapsed = loop {
        let n = reader.read(&mut buf).unwrap();
        parser.process(&buf[..n]);
        if parser.screen().contents().contains("Export ausstehend") {
            break start.elapsed();
        }
    };
    writer.write_all(b"\x11").unwrap(); // ctrl-q
    child.wait().unwrap();
    elapsed
}

fn real_binary(c: &mut Criterion) {
    let (dir, path) = common::demo_database(100_000);
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("binary_to_first_frame_in_pty_100k", |b| {
        b.iter_custom(|iterations| {
            (0..iterations)
                .map(|_| binary_first_frame(&path, dir.path()))
                .sum()
        })
    });
    group.finish();
}

criterion_group!(benches, in_process, real_binary);
criterion_main!(benches);
