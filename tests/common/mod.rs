//! Test helpers: a private home folder per test, and the real binary in a pseudo-terminal with
//! a vt100 parser reading its screen.
#![allow(dead_code)] // each test file uses a different part of the harness

pub mod db;
pub mod rules;
pub mod variants;
pub mod visits;

#[allow(unused_imports)] // not every test file opens the database itself
pub use db::{TEST_KEY_VARIABLE, copy_database, raw, test_key};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_intake-desk");
// Generous: the suite runs many binaries at once on two cores.
const WAIT: Duration = Duration::from_secs(30);

/// The staff member every sandbox signs in as (an admin), unless a test signs in itself.
pub const STAFF: &str = "tester";
pub const PIN: &str = "tester-pin-4711";

/// A throw-away home: database, config and data folders never touch the real ones.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    /// Whether commands that sign in find the [`STAFF`] admin made for them in their database.
    auto_staff: bool,
    /// The databases given their admin already.
    staffed: Mutex<std::collections::HashSet<PathBuf>>,
    /// Whether commands get the suite's key ([`TEST_KEY_VARIABLE`]) when it is set.
    suite_key: bool,
}

/// Commands that sign in (they read or write personal data).
fn signs_in(args: &[&str]) -> bool {
    match args {
        ["visits" | "persons" | "export" | "audit" | "purge", ..] => true,
        ["staff", sub, ..] => *sub != "add",
        ["db", "backup", ..] | ["directory", "correct", ..] => true,
        _ => false,
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        // The library's connections in this test use the suite's key too.
        intake_desk::store::use_key(
            test_key().map(|k| intake_desk::store::DbKey::new(&k).expect("a usable test key")),
        );
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
            auto_staff: true,
            staffed: Mutex::default(),
            suite_key: true,
        }
    }

    /// Commands and the library's connections without the suite's key: for the tests that
    /// choose plain and encrypted files themselves.
    pub fn without_suite_key(self) -> Sandbox {
        intake_desk::store::use_key(None);
        Sandbox {
            suite_key: false,
            ..self
        }
    }

    /// A sandbox whose databases get no staff of their own: for the tests of signing in.
    pub fn without_staff() -> Sandbox {
        Sandbox {
            auto_staff: false,
            ..Sandbox::new()
        }
    }

    /// The database a command line works on: `--db`, else the default in the data folder.
    fn db_of(&self, args: &[&str]) -> PathBuf {
        match args.iter().position(|a| *a == "--db") {
            Some(i) if i + 1 < args.len() => self.dir.path().join(args[i + 1]),
            _ => self.path("share/intake-desk/visits.db"),
        }
    }

    /// Gives the database its [`STAFF`] admin once, as a desk's setup would.
    pub fn ensure_staff(&self, db: &Path) {
        if !self.auto_staff || !self.staffed.lock().unwrap().insert(db.to_path_buf()) {
            return;
        }
        let db = db.to_str().expect("a UTF-8 path");
        let mut command = self.command(
            &["staff", "add", STAFF, "--role", "admin", "--db", db],
            &[("INTAKE_DESK_NEW_PIN", PIN)],
        );
        // Refused when the database has staff already or cannot be written: the command under
        // test then meets that as it is.
        let _ = command.output().expect("binary runs");
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn db(&self) -> PathBuf {
        self.path("visits.db")
    }

    pub fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn env(&self) -> Vec<(&'static str, PathBuf)> {
        let mut env = vec![
            ("HOME", self.dir.path().to_path_buf()),
            ("XDG_CONFIG_HOME", self.path("config")),
            ("XDG_DATA_HOME", self.path("share")),
            ("INTAKE_DESK_STAFF", STAFF.into()),
            ("INTAKE_DESK_PIN", PIN.into()),
        ];
        if let Some(key) = test_key().filter(|_| self.suite_key) {
            env.push(("INTAKE_DESK_DB_KEY", key.into()));
        }
        env
    }

    /// Runs a subcommand to completion.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with_env(args, &[])
    }

    /// Fills the database with demo visits over the year ending 2026-11-20.
    pub fn demo(&self, db: &str, visits: &str) {
        let out = self.run(&[
            "demo",
            "--visits",
            visits,
            "--until",
            "2026-11-20",
            "--db",
            db,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        self.ensure_staff(&self.dir.path().join(db));
    }

    /// Fills the database with demo visits (ending 2026-11-20) and gives the ids of those due for
    /// export (identified, with consent), sorted.
    pub fn demo_due_for_export(&self, db: &str, visits: &str) -> Vec<String> {
        self.demo(db, visits);
        self.with_consent(db)
    }

    /// The ids of every identified visit with consent to export (due or already sent), sorted.
    pub fn with_consent(&self, db: &str) -> Vec<String> {
        let out = self.run(&["visits", "list", "--db", db, "--format", "json"]);
        let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        let mut ids: Vec<String> = all
            .iter()
            .filter(|v| v["anonymous"] == false && v["consent_to_export"] == true)
            .map(|v| v["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    }

    /// The binary with this sandbox's environment and `extra`; a command that signs in finds
    /// the [`STAFF`] admin in its database.
    fn command(&self, args: &[&str], extra: &[(&str, &str)]) -> Command {
        if signs_in(args) {
            self.ensure_staff(&self.db_of(args));
        }
        let mut command = Command::new(BIN);
        command.args(args).current_dir(self.dir.path());
        for (key, value) in self.env() {
            command.env(key, value);
        }
        for (key, value) in extra {
            command.env(key, value);
        }
        command
    }

    /// Runs the binary with extra environment variables.
    pub fn run_with_env(&self, args: &[&str], extra: &[(&str, &str)]) -> Output {
        self.command(args, extra).output().expect("binary runs")
    }

    /// Starts a subcommand and returns at once (for runs that must overlap).
    pub fn spawn(&self, args: &[&str], extra: &[(&str, &str)]) -> std::process::Child {
        self.command(args, extra)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("binary starts")
    }

    /// Starts the interface in a pseudo-terminal of the given size and waits until it owns the
    /// terminal (keys sent before raw mode would be mangled: Enter arriving as Ctrl-J), signed
    /// in as [`STAFF`] (the database gets that admin first, as a desk's setup would).
    pub fn start_tui(&self, args: &[&str], cols: u16, rows: u16) -> Tui {
        self.start_tui_with_env(args, cols, rows, &[])
    }

    /// Like [`Sandbox::start_tui`] with extra environment variables.
    pub fn start_tui_with_env(
        &self,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Tui {
        self.ensure_staff(&self.db_of(args));
        let mut tui = self.start_tui_signed_out(args, cols, rows, env);
        tui.sign_in(PIN);
        tui
    }

    /// The interface at its sign-in (or wherever it stops before it), nobody signed in.
    pub fn start_tui_signed_out(
        &self,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Tui {
        let tui = Tui::start(self, args, cols, rows, env);
        tui.wait_until_alternate_screen();
        tui
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    /// `None` once the terminal was hung up.
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    /// Every byte the program wrote, to check how it left the terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Tells the reader thread to let go of its end of the terminal.
    stop_reading: Arc<AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
}

impl Tui {
    fn start(sandbox: &Sandbox, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open pty");
        let mut command = CommandBuilder::new(BIN);
        command.args(args);
        command.cwd(sandbox.dir.path());
        command.env("TERM", "xterm-256color");
        for (key, value) in sandbox.env() {
            command.env(key, value);
        }
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair.slave.spawn_command(command).expect("spawn in pty");
        drop(pair.slave);
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let reader = {
            // Our own copy of the terminal's master side, read with a timeout so that the
            // thread can close it on `hang_up`.
            let master_fd = pair.master.as_raw_fd().expect("a unix pty");
            let fd = unsafe { OwnedFd::from_raw_fd(libc::dup(master_fd)) };
            let parser = Arc::clone(&parser);
            let raw = Arc::clone(&raw);
            let stop = Arc::clone(&stop_reading);
            thread::spawn(move || read_until_stopped(fd, &parser, &raw, &stop))
        };
        Tui {
            parser,
            writer: Some(writer),
            child,
            master: Some(pair.master),
            raw,
            stop_reading,
            reader: Some(reader),
        }
    }

    fn wait_until_alternate_screen(&self) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.parser.lock().unwrap().screen().alternate_screen() {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!(
            "the program did not take the terminal; the screen:\n{}",
            self.screen()
        );
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Whether the sign-in (or the lock) stands in front of the screens.
    pub fn at_sign_in(&self) -> bool {
        self.screen().contains(" intake-desk · ")
    }

    /// Signs in with `pin` for the name the sign-in offers, once it shows, and waits until it
    /// has let the screens through. Returns at once when the program stopped before it (a
    /// refused database, a message instead).
    pub fn sign_in(&mut self, pin: &str) {
        let start = Instant::now();
        while !self.at_sign_in() {
            if start.elapsed() > WAIT || self.child.try_wait().unwrap().is_some() {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        self.type_text(pin);
        self.press("enter");
        self.wait_gone(" intake-desk · ");
    }

    /// The text of one screen cell (a wide character sits in its first cell).
    pub fn cell(&self, row: u16, col: u16) -> String {
        let parser = self.parser.lock().unwrap();
        parser
            .screen()
            .cell(row, col)
            .map(|c| c.contents().to_string())
            .unwrap_or_default()
    }

    /// Waits until `text` is on screen; fails with the screen shown.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} did not appear; the screen:\n{}", self.screen());
    }

    /// Presses `key` until `text` is on screen (at most ten times): PgDn reads a long text to
    /// its end before it goes on to the next stage.
    pub fn press_until(&mut self, key: &str, text: &str) {
        for _ in 0..10 {
            self.press(key);
            let start = Instant::now();
            while start.elapsed() < Duration::from_millis(400) {
                if self.screen().contains(text) {
                    return;
                }
                thread::sleep(Duration::from_millis(20));
            }
        }
        panic!("{text:?} did not appear; the screen:\n{}", self.screen());
    }

    /// Waits until `text` is gone from the screen.
    pub fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if !self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} is still there; the screen:\n{}", self.screen());
    }

    /// Types text as it is.
    pub fn type_text(&mut self, text: &str) {
        self.write(text.as_bytes());
    }

    fn write(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal was hung up");
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
    }

    /// Closes the terminal under the program, as closing its window would.
    pub fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        self.writer = None;
        self.master = None;
    }

    /// Presses one named key: enter, esc, tab, shift-tab, backspace, arrows, f1..f12, ctrl-x,
    /// or a single character. Any other name is a mistake in the test and panics.
    pub fn press(&mut self, key: &str) {
        const FUNCTION_KEYS: [&str; 12] = [
            "\x1bOP", "\x1bOQ", "\x1bOR", "\x1bOS", "\x1b[15~", "\x1b[17~", "\x1b[18~", "\x1b[19~",
            "\x1b[20~", "\x1b[21~", "\x1b[23~", "\x1b[24~",
        ];
        let bytes: Vec<u8> = match key {
            "enter" => b"\r".to_vec(),
            "esc" => b"\x1b".to_vec(),
            "tab" => b"\t".to_vec(),
            "shift-tab" => b"\x1b[Z".to_vec(),
            "backspace" => b"\x7f".to_vec(),
            "up" => b"\x1b[A".to_vec(),
            "down" => b"\x1b[B".to_vec(),
            "right" => b"\x1b[C".to_vec(),
            "left" => b"\x1b[D".to_vec(),
            "pageup" => b"\x1b[5~".to_vec(),
            "pagedown" => b"\x1b[6~".to_vec(),
            "home" => b"\x1b[H".to_vec(),
            "end" => b"\x1b[F".to_vec(),
            k if k.starts_with('f')
                && k[1..].parse::<usize>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                FUNCTION_KEYS[k[1..].parse::<usize>().unwrap() - 1]
                    .as_bytes()
                    .to_vec()
            }
            k if k.starts_with("ctrl-") && k.len() == 6 => {
                vec![k.as_bytes()[5].to_ascii_lowercase() - b'a' + 1]
            }
            // Alt and a letter: ESC, then the letter, as terminals send it.
            k if k.starts_with("alt-") && k.len() == 5 => vec![0x1b, k.as_bytes()[4]],
            k if k.chars().count() == 1 => k.as_bytes().to_vec(),
            k => panic!("the test harness does not know the key {k:?}"),
        };
        self.write(&bytes);
        // A lone ESC is told apart from an escape sequence by a pause.
        if key == "esc" {
            thread::sleep(Duration::from_millis(60));
        }
    }

    /// Quits with Ctrl-Q, answering yes when the program asks first (an intake open, visitors
    /// waiting), and returns the exit code.
    pub fn quit(&mut self) -> u32 {
        self.press("ctrl-q");
        let start = Instant::now();
        let mut answered = false;
        while start.elapsed() < WAIT {
            if let Some(status) = self.child.try_wait().unwrap() {
                thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            let screen = self.screen();
            if !answered
                && ["Enter or y", "Eingabe oder j", "Entrée ou o"]
                    .iter()
                    .any(|keys| screen.contains(keys))
            {
                self.press("y");
                answered = true;
            }
            thread::sleep(Duration::from_millis(20));
        }
        self.wait_exit()
    }

    /// Waits for the program to end and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last bytes.
                thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        self.child.kill().ok();
        panic!("the program did not exit; the screen:\n{}", self.screen());
    }

    /// Resizes the terminal, as dragging the window edge would.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("the terminal was hung up")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
        self.parser.lock().unwrap().set_size(rows, cols);
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Kills the program with SIGKILL, as a crash or a power cut would end it, and waits for it.
    pub fn kill_9(&mut self) {
        let pid = self.pid().expect("pid");
        std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .unwrap();
        self.wait_exit();
    }

    /// Whether the program handed the terminal back: main screen, cursor shown, and the last
    /// mode changes it wrote leave raw input and the alternate screen.
    pub fn terminal_restored(&self) -> bool {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let raw = self.raw.lock().unwrap();
        let text = String::from_utf8_lossy(&raw);
        let left_alternate = text.rfind("\x1b[?1049l") > text.rfind("\x1b[?1049h");
        !screen.alternate_screen() && !screen.hide_cursor() && left_alternate
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.child.kill().ok();
        }
    }
}

pub fn file_mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Feeds the program's output to the parser until the terminal closes or `stop` is set.
fn read_until_stopped(
    fd: OwnedFd,
    parser: &Mutex<vt100::Parser>,
    raw: &Mutex<Vec<u8>>,
    stop: &AtomicBool,
) {
    use std::os::fd::AsRawFd;
    let mut file = std::fs::File::from(fd);
    let mut buf = [0u8; 8192];
    while !stop.load(Ordering::SeqCst) {
        let mut poll = libc::pollfd {
            fd: file.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ready = unsafe { libc::poll(&mut poll, 1, 20) };
        if ready == 0 {
            continue;
        }
        match file.read(&mut buf) {
            Ok(n) if n > 0 => {
                parser.lock().unwrap().process(&buf[..n]);
                raw.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            _ => break,
        }
    }
}

/// Visit ids in the published batches of the folders (those with a manifest), with how often.
pub fn delivered(dirs: &[&Path]) -> std::collections::BTreeMap<String, usize> {
    let mut seen = std::collections::BTreeMap::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let Some(id) = name.strip_suffix(".manifest.json") else {
                continue;
            };
            let text = std::fs::read_to_string(dir.join(format!("{id}.jsonl")))
                .unwrap_or_else(|_| panic!("batch {id} has a manifest but no file"));
            for line in text.lines() {
                let value: serde_json::Value = serde_json::from_str(line).unwrap();
                *seen
                    .entry(value["visitId"].as_str().unwrap().to_string())
                    .or_insert(0) += 1;
            }
        }
    }
    seen
}
