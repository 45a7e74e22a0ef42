//! Each operation of ours beside the bare machinery it is built on, timed in the same process on
//! the same data, in alternating rounds (ours, bare, bare, ours, …) so a machine's drift hits
//! both alike. Prints one table: the medians, their ratio and the target. Absolute times do not
//! carry from one machine to another; the ratios do.
//!
//!     cargo bench --bench ratios
//!     cargo bench --bench ratios -- lookup save    (only these: frame, lookup, save, report, export)
//!
//! Targets: key → frame ≤ 1.5×, lookup ≤ 2×, save ≤ 3×, export ≤ 1.5×; the report has none.

mod common;

use intake_desk::catalog::Catalog;
use intake_desk::demo;
use intake_desk::export::{ExportOptions, Format, Target};
use intake_desk::report::{Period, figures};
use intake_desk::store::Store;
use intake_desk::tui::keymap::{Key, load_builtin};
use intake_desk::tui::render::render;
use intake_desk::tui::screens::intake::RETURNING_SHOWN;
use intake_desk::tui::{App, Session};
use ratatui::widgets::{Block, Borders, Row, Table};
use ratatui::{Terminal, backend::TestBackend, layout::Constraint};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

// As the binary: see src/main.rs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const VISITS: usize = 100_000;
/// Timed rounds per side; the median of them is reported.
const ROUNDS: usize = 15;
/// How long one round of one side aims to take.
const ROUND: Duration = Duration::from_millis(40);
const WIDTH: u16 = 120;
const HEIGHT: u16 = 35;

/// One call of an operation, timing only what it should (setup between calls is left out).
type Timed<'a> = Box<dyn FnMut() -> Duration + 'a>;

struct Line {
    operation: String,
    ours: Duration,
    bare: Duration,
    target: Option<f64>,
}

/// How many calls make a round of about `ROUND`.
fn calls_per_round(op: &mut Timed) -> u32 {
    let once = (0..3).map(|_| op()).min().unwrap_or(ROUND);
    (ROUND.as_secs_f64() / once.as_secs_f64().max(1e-9)).clamp(1.0, 100_000.0) as u32
}

/// The median time per call of each side, over `ROUNDS` alternating rounds.
fn race(mut ours: Timed, mut bare: Timed) -> (Duration, Duration) {
    let (n_ours, n_bare) = (calls_per_round(&mut ours), calls_per_round(&mut bare));
    let round = |op: &mut Timed, n: u32| (0..n).map(|_| op()).sum::<Duration>() / n;
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for i in 0..ROUNDS {
        if i % 2 == 0 {
            a.push(round(&mut ours, n_ours));
            b.push(round(&mut bare, n_bare));
        } else {
            b.push(round(&mut bare, n_bare));
            a.push(round(&mut ours, n_ours));
        }
    }
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    (median(a), median(b))
}

fn timed(mut f: impl FnMut()) -> Duration {
    let started = Instant::now();
    f();
    started.elapsed()
}

fn key(text: &str) -> Key {
    text.parse().expect("a key")
}

/// Our app at 120×35: a key handled and the whole frame drawn, the keys cycling back to where
/// they began; beside it a bare ratatui table filling the same terminal, scrolled a row a frame.
fn key_to_frame(lines: &mut Vec<Line>) {
    let catalog = Catalog::embedded();
    let names: Vec<[String; 4]> = catalog
        .services
        .iter()
        .map(|s| {
            [
                s.name_de.clone(),
                s.categories.join(", "),
                s.phone.clone().unwrap_or_default(),
                s.address.clone().unwrap_or_default(),
            ]
        })
        .collect();
    assert!(
        names.len() > usize::from(HEIGHT),
        "a table that fills the screen"
    );
    let cases: [(&str, &[&str], &[&str]); 3] = [
        (
            "directory search",
            &["f5"],
            &["z", "u", "s", "backspace", "backspace", "backspace"],
        ),
        ("directory scroll", &["f5"], &["down", "down", "up", "up"]),
        ("switch screen", &[], &["tab"]),
    ];
    for (name, setup, keys) in cases {
        let mut app = App::new(
            catalog.clone(),
            load_builtin("default").unwrap(),
            Session::default(),
            "en".into(),
        );
        for k in setup {
            app.handle_key(key(k));
        }
        let keys: Vec<Key> = keys.iter().map(|k| key(k)).collect();
        let mut ours_terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
        let mut next = 0;
        let ours: Timed = Box::new(move || {
            timed(|| {
                app.handle_key(keys[next % keys.len()]);
                next += 1;
                ours_terminal.draw(|f| render(&app, f)).unwrap();
            })
        });
        let mut bare_terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
        let mut offset = 0;
        let names = &names;
        let bare: Timed = Box::new(move || {
            timed(|| {
                offset = (offset + 1) % names.len();
                let rows = names
                    .iter()
                    .cycle()
                    .skip(offset)
                    .take(usize::from(HEIGHT))
                    .map(|r| Row::new(r.iter().map(String::as_str)));
                let table = Table::new(
                    rows,
                    [
                        Constraint::Percentage(40),
                        Constraint::Percentage(20),
                        Constraint::Percentage(15),
                        Constraint::Percentage(25),
                    ],
                )
                .block(Block::default().borders(Borders::ALL));
                bare_terminal
                    .draw(|f| f.render_widget(table, f.area()))
                    .unwrap();
            })
        });
        let (ours, bare) = race(ours, bare);
        lines.push(Line {
            operation: format!("key → frame: {name}"),
            ours,
            bare,
            target: Some(1.5),
        });
    }
}

/// The returning-visitor lookup, for as many people as the intake screen lists, beside the bare
/// FTS5 prefix query for the fewest records such a list needs: that many of the newest that
/// match and one to tell there are more.
fn lookup(lines: &mut Vec<Line>, path: &Path) {
    let store = Store::open(path).unwrap();
    let bare_conn = rusqlite::Connection::open(path).unwrap();
    for typed in ["mül", "krasn", "756.12"] {
        assert!(
            !store
                .find_returning(typed, RETURNING_SHOWN)
                .unwrap()
                .people
                .is_empty(),
            "{typed:?} finds someone: the lookup does its work"
        );
        let query = intake_desk::store::returning::fts_query(typed).unwrap();
        let mut statement = bare_conn
            .prepare(
                "SELECT rowid FROM people_fts WHERE people_fts MATCH ?1
                 ORDER BY rowid DESC LIMIT ?2",
            )
            .unwrap();
        let store = &store;
        let ours: Timed = Box::new(move || {
            timed(|| {
                black_box(
                    store
                        .find_returning(black_box(typed), RETURNING_SHOWN)
                        .unwrap(),
                );
            })
        });
        let bare: Timed = Box::new(move || {
            timed(|| {
                let rows: Vec<i64> = statement
                    .query_map(rusqlite::params![query, RETURNING_SHOWN as i64 + 1], |r| {
                        r.get(0)
                    })
                    .unwrap()
                    .map(Result::unwrap)
                    .collect();
                assert!(!rows.is_empty());
            })
        });
        let (ours, bare) = race(ours, bare);
        lines.push(Line {
            operation: format!("lookup {typed:?}"),
            ours,
            bare,
            target: Some(2.0),
        });
    }
}

/// Saving one visit (its person, referrals, audit entry; synchronous=FULL) beside one bare
/// INSERT of a row as large as the visit, on its own connection to the same database.
fn save(lines: &mut Vec<Line>, path: &Path) {
    let mut store = Store::open(path).unwrap();
    let bare_conn = rusqlite::Connection::open(path).unwrap();
    bare_conn
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
             CREATE TABLE IF NOT EXISTS bench_bare (id TEXT PRIMARY KEY, body TEXT NOT NULL);",
        )
        .unwrap();
    let options = common::demo_options(usize::MAX, 42, "2026-11-21T10:00:00+01:00");
    let mut fresh = demo::visits(options).filter(|v| v.person.is_some());
    let body = "x".repeat(600);
    let mut n = 0u64;
    let ours: Timed = Box::new(move || {
        let visit = fresh.next().expect("enough demo visits");
        timed(|| assert_eq!(store.insert_visits([&visit]).unwrap(), 1))
    });
    let bare: Timed = Box::new(move || {
        n += 1;
        let id = format!("bare-{n}");
        timed(|| {
            let inserted = bare_conn
                .execute(
                    "INSERT INTO bench_bare (id, body) VALUES (?1, ?2)",
                    [&id, &body],
                )
                .unwrap();
            assert_eq!(inserted, 1);
        })
    });
    let (ours, bare) = race(ours, bare);
    lines.push(Line {
        operation: "save one visit".into(),
        ours,
        bare,
        target: Some(3.0),
    });
}

/// Exporting every identified visit with consent to JSON Lines in a folder beside writing and
/// fsyncing the same bytes with `std::fs`: the disk's limit.
fn export(lines: &mut Vec<Line>, dir: &Path) {
    let db = dir.join("exportable.db");
    common::exportable_database(&db, VISITS);
    let run = |out: &Path| {
        common::forget_batches(&db);
        let mut store = Store::open(&db).unwrap();
        let options = ExportOptions {
            target: Target::Folder(out.to_path_buf()),
            format: Format::Jsonl,
            test: true,
            desk: "bench".into(),
            lock_wait: intake_desk::export::DEFAULT_LOCK_WAIT,
            staff: "bench".into(),
        };
        let started = Instant::now();
        let report = intake_desk::export::run(&mut store, &options, &mut |_| {}).unwrap();
        let took = started.elapsed();
        assert_eq!(
            report.batches[0].count, VISITS as u64,
            "every visit exported"
        );
        took
    };
    // The bytes one export writes, to write bare.
    let sample = dir.join("sample-out");
    run(&sample);
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(&sample).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            bytes.extend(std::fs::read(path).unwrap());
        }
    }
    assert!(bytes.len() > VISITS * 100, "the export wrote its visits");
    let mut i = 0;
    let ours: Timed = Box::new(|| {
        i += 1;
        let out = dir.join(format!("ours-{i}"));
        let took = run(&out);
        std::fs::remove_dir_all(out).unwrap();
        took
    });
    let mut j = 0;
    let bytes = &bytes;
    let bare: Timed = Box::new(move || {
        j += 1;
        let out = dir.join(format!("bare-{j}"));
        std::fs::create_dir(&out).unwrap();
        let file = out.join("batch.jsonl");
        let took = timed(|| {
            use std::io::Write;
            let mut f = std::fs::File::create(&file).unwrap();
            f.write_all(bytes).unwrap();
            f.sync_all().unwrap();
        });
        std::fs::remove_dir_all(out).unwrap();
        took
    });
    let (ours, bare) = race(ours, bare);
    lines.push(Line {
        operation: format!("export {VISITS} visits"),
        ours,
        bare,
        target: Some(1.5),
    });
}

/// The month's report beside one bare count by kind over the same month.
fn report(lines: &mut Vec<Line>, path: &Path) {
    let store = Store::open(path).unwrap();
    let bare_conn = rusqlite::Connection::open(path).unwrap();
    let catalog = Catalog::embedded();
    let period = Period::month("2026-11").unwrap();
    let made_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let visits = figures(&store, &catalog, period, made_on).unwrap().visits;
    assert!(visits > 0, "the month has visits: the report does its work");
    let (since, until) = period.range_ms();
    let mut statement = bare_conn
        .prepare(
            "SELECT kind, count(*) FROM visits WHERE started_ms >= ?1 AND started_ms < ?2
             GROUP BY kind",
        )
        .unwrap();
    let (store, catalog) = (&store, &catalog);
    let ours: Timed = Box::new(move || {
        timed(|| {
            black_box(figures(store, catalog, period, made_on).unwrap());
        })
    });
    let bare: Timed = Box::new(move || {
        timed(|| {
            let total: i64 = statement
                .query_map([since, until], |r| r.get::<_, i64>(1))
                .unwrap()
                .map(Result::unwrap)
                .sum();
            assert_eq!(total as u64, visits);
        })
    });
    let (ours, bare) = race(ours, bare);
    lines.push(Line {
        operation: format!("report 2026-11 ({visits} visits)"),
        ours,
        bare,
        target: None,
    });
}

fn shown(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}

fn main() {
    // `cargo test --benches` runs a bench binary with no `--bench`: a quick pass is not asked for.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    // `cargo bench --bench ratios -- lookup save` times only those; nothing named times all.
    let named: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    const SECTIONS: [&str; 5] = ["frame", "lookup", "save", "report", "export"];
    if let Some(unknown) = named.iter().find(|n| !SECTIONS.contains(&n.as_str())) {
        eprintln!(
            "no section {unknown:?}; the sections: {}",
            SECTIONS.join(", ")
        );
        std::process::exit(2);
    }
    let wanted = |section: &str| named.is_empty() || named.iter().any(|n| n == section);
    let dir = tempfile::tempdir().unwrap();
    // The demo visits only where a section reads them.
    let demo = ["lookup", "save", "report"]
        .iter()
        .any(|s| wanted(s))
        .then(|| {
            let started = Instant::now();
            let demo = common::demo_database(VISITS);
            eprintln!(
                "built {VISITS} demo visits in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            demo
        });
    let path = demo.as_ref().map(|(_, path)| path.as_path());
    let mut lines = Vec::new();
    if wanted("frame") {
        key_to_frame(&mut lines);
    }
    if wanted("lookup") {
        lookup(&mut lines, path.expect("the demo visits"));
    }
    if wanted("save") {
        save(&mut lines, path.expect("the demo visits"));
    }
    if wanted("report") {
        report(&mut lines, path.expect("the demo visits"));
    }
    if wanted("export") {
        export(&mut lines, dir.path());
    }

    println!(
        "\n{:<40} {:>10} {:>10} {:>7} {:>7}  result",
        "operation", "ours", "bare", "ratio", "target"
    );
    for line in &lines {
        let ratio = line.ours.as_secs_f64() / line.bare.as_secs_f64();
        let (target, result) = match line.target {
            Some(t) if ratio <= t => (format!("≤ {t}×"), "met"),
            Some(t) => (format!("≤ {t}×"), "MISSED"),
            None => ("—".into(), ""),
        };
        println!(
            "{:<40} {:>10} {:>10} {:>6.2}× {:>7}  {result}",
            line.operation,
            shown(line.ours),
            shown(line.bare),
            ratio,
            target
        );
    }
}
