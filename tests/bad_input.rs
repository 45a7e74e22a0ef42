//! Bad input gets one clear line on standard error and exit code 2: never a panic, never a hang,
//! never a raw terminal command echoed back. Each row is a case a person or a broken file makes.

mod common;
use common::{Sandbox, stderr, stdout};

const SERVICES: &str = include_str!("../data/services.csv");

/// services.csv with `text` put into the first service's German description (line 2).
fn services_with(text: &str) -> String {
    let mut lines: Vec<String> = SERVICES.lines().map(str::to_string).collect();
    lines[1] = lines[1].replacen("Sozialdienst", &format!("Sozial{text}dienst"), 1);
    lines.join("\n") + "\n"
}

struct Case {
    name: &'static str,
    /// Files to write into the sandbox first: (relative path, bytes).
    files: Vec<(&'static str, Vec<u8>)>,
    args: Vec<&'static str>,
    /// Every fragment must stand in the one line on standard error.
    expect: Vec<&'static str>,
}

fn case(
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: &[&'static str],
    expect: &[&'static str],
) -> Case {
    Case {
        name,
        files,
        args: args.to_vec(),
        expect: expect.to_vec(),
    }
}

#[test]
fn every_bad_input_is_refused_with_exit_2_and_one_line_naming_it() {
    let latin1 = services_with("\u{0}").replace('\u{0}', "").into_bytes();
    let mut latin1 = latin1;
    let at = SERVICES.lines().next().unwrap().len() + 1 + 5; // line 2, after "smzo,"
    latin1.insert(at, 0xFC);
    let config = |text: &str| vec![("config.toml", text.as_bytes().to_vec())];
    let cases = vec![
        case(
            "a data file in Latin-1",
            vec![("data/services.csv", latin1)],
            &["directory", "search", "x", "--data", "data"],
            &["data/services.csv:2:6:", "0xFC is not UTF-8"],
        ),
        case(
            "a keymap file in Latin-1",
            vec![("keys.toml", b"[list]\n# Gr\xfcn\n".to_vec())],
            &["keymap", "check", "keys.toml"],
            &["keys.toml:2:5:", "not UTF-8"],
        ),
        case(
            "a configuration file in Latin-1",
            config("desk = \"Sitten \u{0}\"\n")
                .into_iter()
                .map(|(p, b)| {
                    (
                        p,
                        b.into_iter()
                            .map(|c| if c == 0 { 0xE9 } else { c })
                            .collect(),
                    )
                })
                .collect(),
            &["report", "--config", "config.toml"],
            &["config.toml:1:16:", "not UTF-8"],
        ),
        case(
            "services.csv with its header only",
            vec![(
                "data/services.csv",
                format!("{}\n", SERVICES.lines().next().unwrap()).into_bytes(),
            )],
            &["directory", "search", "x", "--data", "data"],
            &["data/services.csv:2:1:", "header but no rows"],
        ),
        case(
            "a NUL byte in a field",
            vec![("data/services.csv", services_with("\u{0}").into_bytes())],
            &["data", "check", "data"],
            &["data/services.csv:2:", "U+0000"],
        ),
        case(
            "an escape sequence in a field",
            vec![(
                "data/services.csv",
                services_with("\u{1b}[31m").into_bytes(),
            )],
            &["directory", "search", "x", "--data", "data"],
            &["data/services.csv:2:", "U+001B"],
        ),
        case(
            "a bell in a field",
            vec![("data/services.csv", services_with("\u{7}").into_bytes())],
            &["directory", "search", "x", "--data", "data"],
            &["U+0007"],
        ),
        case(
            "an OSC written as a TOML escape in a topic",
            vec![(
                "data/topics/it.toml",
                b"[social-assistance]\ntitle = \"x\\u001b]0;y\\u0007\"\ntext = \"t\"\n".to_vec(),
            )],
            &["data", "check", "data"],
            &["data/topics/it.toml:2:11:", "\\u001b"],
        ),
        case(
            "a data file cut short inside a quoted field",
            vec![("data/financial_documents.csv", {
                let full = include_str!("../data/financial_documents.csv");
                let cut = full.rfind(",\"").unwrap() + 5;
                full.as_bytes()[..cut].to_vec()
            })],
            &["data", "check", "data"],
            &[
                "data/financial_documents.csv:",
                "a quoted field is not closed",
            ],
        ),
        case(
            "a token with a line break in the configuration",
            config("export_token = \"secret\\nX-Injected: 1\"\n"),
            &[
                "export",
                "--url",
                "http://127.0.0.1:9/in",
                "--config",
                "config.toml",
            ],
            &[
                "config.toml:1:16:",
                "export_token may hold only visible characters",
            ],
        ),
        case(
            "a device as the database",
            vec![],
            &["visits", "list", "--db", "/dev/null"],
            &["/dev/null is not a regular file"],
        ),
        case(
            "a database cut to its first 100 bytes",
            vec![("cut.db", {
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("whole.db");
                intake_desk::store::build_old_schema(&path, intake_desk::store::SCHEMA_VERSION);
                std::fs::read(&path).unwrap()[..100].to_vec()
            })],
            &["visits", "list", "--db", "cut.db"],
            // Encrypted, a cut first page cannot be told from a wrong key.
            &[
                "cut.db",
                if common::test_key().is_some() {
                    "left untouched"
                } else {
                    "damaged"
                },
            ],
        ),
        case(
            "an unknown language in the configuration",
            config("language = \"xx\"\n"),
            &["report", "--config", "config.toml"],
            &["config.toml:1:12:", "\"xx\" is not an interface language"],
        ),
        case(
            "a keymap in the configuration that does not exist",
            config("keymap = \"emacs\"\n"),
            &["report", "--config", "config.toml"],
            &[
                "config.toml:1:10:",
                "neither a shipped keymap nor an existing file",
            ],
        ),
        case(
            "an empty path in the configuration",
            config("slips_dir = \"\"\n"),
            &["report", "--config", "config.toml"],
            &["config.toml:1:13:", "slips_dir is empty"],
        ),
        case(
            "an export_url that is not http",
            config("export_url = \"file:///etc/passwd\"\n"),
            &["export", "--config", "config.toml"],
            &["config.toml:1:14:", "only http and https"],
        ),
        case(
            "a --url that is not a URL",
            vec![],
            &["export", "--url", "case.example/in"],
            &["export URL case.example/in: not a URL"],
        ),
        case(
            "demo --visits beyond the bound",
            vec![],
            &["demo", "--visits", "10000001"],
            &["--visits 10000001: give a number from 1 to 10000000"],
        ),
        case(
            "demo --until before 1901",
            vec![],
            &["demo", "--visits", "5", "--until", "1850-01-01"],
            &["--until 1850-01-01: give a day from 1971-01-01"],
        ),
        case(
            "export --retry-delay-ms beyond the bound",
            vec![],
            &[
                "export",
                "--url",
                "http://127.0.0.1:9/x",
                "--retry-delay-ms",
                "99999999",
            ],
            &["--retry-delay-ms 99999999: give a number from 0 to 30000"],
        ),
        case(
            "export --attempts beyond the bound",
            vec![],
            &[
                "export",
                "--url",
                "http://127.0.0.1:9/x",
                "--attempts",
                "1000",
            ],
            &["--attempts 1000: give a number from 1 to 20"],
        ),
        case(
            "export --wait beyond the bound",
            vec![],
            &["export", "--to", "out", "--wait", "86400"],
            &["--wait 86400: give a number from 0 to 3600"],
        ),
        case(
            "export --redo of an unknown batch",
            vec![("visits.db", vec![])],
            &["export", "--to", "out", "--redo", "01a2-nothing"],
            &["no export batch with the id 01a2-nothing"],
        ),
        case(
            "directory search --language zz",
            vec![],
            &["directory", "search", "x", "--language", "zz"],
            &["--language zz: no service of the directory works in that language"],
        ),
        case(
            "check --commune empty",
            vec![],
            &["check", "--canton", "VS", "--status", "b", "--commune", ""],
            &["--commune is empty"],
        ),
        case(
            "a --lang with a terminal command in it",
            vec![],
            &["directory", "search", "x", "--lang", "\u{1b}]0;pwned\u{7}"],
            &["--lang \\u{1b}]0;pwned\\u{7}: unknown interface language"],
        ),
    ];
    for case in cases {
        let sandbox = Sandbox::new();
        for (path, bytes) in &case.files {
            let full = sandbox.path(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, bytes).unwrap();
        }
        let db = sandbox.db();
        let mut args = case.args.clone();
        if !args.contains(&"--db") {
            args.extend(["--db", db.to_str().unwrap()]);
        }
        let out = sandbox.run(&args);
        let err = stderr(&out);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}: {err}{}",
            case.name,
            stdout(&out)
        );
        assert_eq!(err.lines().count(), 1, "{}: {err}", case.name);
        for fragment in &case.expect {
            assert!(
                err.contains(fragment),
                "{}: {fragment:?} not in {err:?}",
                case.name
            );
        }
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{7}'),
            "{}: a raw control character reached the terminal",
            case.name
        );
    }
}

#[test]
fn demo_twice_with_one_seed_says_so_and_adds_nothing() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let demo = || {
        sandbox.run(&[
            "demo",
            "--visits",
            "20",
            "--seed",
            "4",
            "--until",
            "2026-11-20",
            "--db",
            db,
        ])
    };
    assert!(demo().status.success());
    let again = demo();
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("the demo visits of --seed 4 for this --until are already in"),
        "{}",
        stderr(&again)
    );
    assert!(!stderr(&again).contains("UNIQUE"));
    assert!(stdout(&sandbox.run(&["db", "info", "--db", db])).contains("visits:          20"));
}

/// The exit codes of the README's table, each shown by a command that ends with it.
#[test]
fn each_row_of_the_readme_exit_code_table_is_what_the_program_does() {
    let readme = include_str!("../README.md");
    let table = readme
        .split("## Exit codes")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    let codes: Vec<i32> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| ")?.split(' ').next()?.parse().ok())
        .collect();
    assert_eq!(
        codes,
        [0, 1, 2, 3, 4],
        "the table documents exactly these codes"
    );
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    sandbox.demo_due_for_export(db, "60");
    std::fs::write(sandbox.path("a-file"), "not a folder").unwrap();
    let blocked = sandbox.path("a-file/inbox");
    let dir = sandbox.path("inbox");
    for code in codes {
        let out = match code {
            0 => sandbox.run(&["db", "info", "--db", db]),
            // A failure while working: the export folder cannot be made (a file is in the way).
            1 => sandbox.run(&["export", "--to", blocked.to_str().unwrap(), "--db", db]),
            2 => sandbox.run(&["report", "--month", "2026-13", "--db", db]),
            3 => {
                let slow = sandbox.spawn(
                    &["export", "--to", dir.to_str().unwrap(), "--db", db],
                    &[("INTAKE_DESK_FAILPOINT", "pause-while-writing")],
                );
                while !std::fs::read_dir(&dir).is_ok_and(|mut e| {
                    e.any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
                }) {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                let busy = sandbox.run(&[
                    "export",
                    "--to",
                    dir.to_str().unwrap(),
                    "--wait",
                    "0",
                    "--db",
                    db,
                ]);
                assert!(slow.wait_with_output().unwrap().status.success());
                busy
            }
            // Refused: the right staff member, the wrong PIN.
            4 => sandbox.run_with_env(
                &["visits", "list", "--db", db],
                &[("INTAKE_DESK_PIN", "not-the-pin")],
            ),
            other => panic!("no command shows exit code {other}"),
        };
        assert_eq!(out.status.code(), Some(code), "{}", stderr(&out));
        if code != 0 {
            assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
        }
    }
}

/// As ssh refuses a private key others can read: a configuration holding the export token must
/// be the owner's alone.
#[test]
fn a_configuration_with_the_export_token_that_others_can_read_is_refused_with_the_fix() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "desk.toml",
        "desk = \"Visp 1\"\nexport_token = \"abc123\"\n",
    );
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let args = [
        "directory",
        "search",
        "caritas",
        "--config",
        file.to_str().unwrap(),
    ];
    let out = sandbox.run(&args);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("desk.toml:2:16:"), "{err}");
    assert!(err.contains("can be read by others (mode 0644)"), "{err}");
    assert!(err.contains("chmod 600"), "{err}");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(sandbox.run(&args).status.success());
}
