//! Malformed data, keymap and config files are refused with file:line:column and exit code 2,
//! by the check commands and by the app itself.

mod common;
use common::{Sandbox, stderr, stdout};

const SHIPPED_COMMUNES: &str = include_str!("../data/communes.csv");

#[test]
fn version_is_printed() {
    let out = Sandbox::new().run(&["--version"]);
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("intake-desk "), "{}", stdout(&out));
}

#[test]
fn data_check_of_the_embedded_data_reports_what_it_holds() {
    let out = Sandbox::new().run(&["data", "check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("122 communes"), "{text}");
    assert!(
        text.contains("25 with a region mapping that is not verified"),
        "{text}"
    );
    assert!(text.contains("5 SMZ/CMS regions"), "{text}");
    assert!(
        text.contains(
            "competence rules for AG, LU, VS (19 rules, each case answered exactly once)"
        ),
        "{text}"
    );
    assert!(text.contains("de, fr, en"), "{text}");
    assert!(
        text.lines().any(|l| l
            .starts_with("not verified: cms-martigny-entremont serves Bourg-Saint-Pierre")
            && l.contains("Martigny")
            && l.contains("(low confidence; source: NOT VERIFIED)")),
        "{text}"
    );
}

/// The shipped communes.csv with fields replaced: (line number, column name, new value).
fn communes_with(edits: &[(usize, &str, &str)]) -> String {
    let mut lines: Vec<String> = SHIPPED_COMMUNES.lines().map(str::to_string).collect();
    let header: Vec<String> = lines[0].split(',').map(str::to_string).collect();
    for (line_no, column, value) in edits {
        let index = header.iter().position(|h| h == column).unwrap();
        // The first columns never hold quoted commas, so a plain split is exact up to `region`.
        let mut fields: Vec<String> = lines[line_no - 1]
            .splitn(index + 2, ',')
            .map(str::to_string)
            .collect();
        fields[index] = value.to_string();
        lines[line_no - 1] = fields.join(",");
    }
    lines.join("\n") + "\n"
}

#[test]
fn a_malformed_data_file_is_named_with_line_and_column_and_exits_2() {
    let sandbox = Sandbox::new();
    // Line 5 is Ried-Brig: "6008,Ried-Brig,,Brigue,Brig,de,..."; the language starts at column 29.
    sandbox.write(
        "data/communes.csv",
        &communes_with(&[(5, "language", "it")]),
    );
    let dir = sandbox.path("data");
    let out = sandbox.run(&["data", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let expected = format!(
        "{}:5:29: \"it\" is not an official language of Valais",
        dir.join("communes.csv").display()
    );
    assert!(err.contains(&expected), "{err}");
    assert!(err.contains("fix: write de or fr"), "{err}");

    // The app refuses to start on the same data, with the same message, before touching the terminal.
    let db = sandbox.db();
    let out = sandbox.run(&[
        "--data",
        dir.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&expected));
    assert!(
        !db.exists(),
        "nothing should be created for a refused start"
    );
}

#[test]
fn every_problem_of_a_data_folder_is_listed_in_one_run() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "data/communes.csv",
        &communes_with(&[(3, "region", "cms-nowhere"), (4, "name", "")]),
    );
    let out = sandbox.run(&["data", "check", sandbox.path("data").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("communes.csv:3:") && err.contains("unknown SMZ/CMS region \"cms-nowhere\""),
        "{err}"
    );
    assert!(
        err.contains("use an id from regions.csv: cms-bas-valais, cms-martigny-entremont"),
        "{err}"
    );
    assert!(
        err.contains("communes.csv:4:6: the commune has no name"),
        "{err}"
    );
}

#[test]
fn a_broken_ui_string_file_names_its_position() {
    let sandbox = Sandbox::new();
    let shipped = include_str!("../data/i18n/fr.toml");
    sandbox.write(
        "data/i18n/fr.toml",
        &shipped.replace("quit = \"Quitter\"", "quit = \"Quitter"),
    );
    let out = sandbox.run(&["data", "check", sandbox.path("data").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let line = shipped
        .lines()
        .position(|l| l.starts_with("quit = "))
        .unwrap()
        + 1;
    assert!(
        stderr(&out).contains(&format!("fr.toml:{line}:")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_translation_is_named_with_the_german_text() {
    let sandbox = Sandbox::new();
    let shipped = include_str!("../data/i18n/en.toml");
    sandbox.write(
        "data/i18n/en.toml",
        &shipped.replace("quit = \"Quit\"\n", ""),
    );
    let out = sandbox.run(&["data", "check", sandbox.path("data").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("the translation of `action.quit` is missing"),
        "{err}"
    );
    assert!(err.contains("(German: \"Beenden\")"), "{err}");
}

#[test]
fn a_new_partial_language_file_is_accepted_without_code_changes() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "data/i18n/it.toml",
        "[meta]\nname = \"Italiano\"\n\n[screen]\nqueue = \"Coda\"\n",
    );
    let dir = sandbox.path("data");
    let out = sandbox.run(&["data", "check", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("de, fr, en, it"));
    let out = sandbox.run(&[
        "--data",
        dir.to_str().unwrap(),
        "--lang",
        "it",
        "keymap",
        "show",
        "--context",
        "list",
    ]);
    // Italian has no action labels yet: they fall back to German.
    assert!(stdout(&out).contains("Beenden"), "{}", stdout(&out));
}

#[test]
fn keymap_check_accepts_a_good_file_and_names_errors_in_a_bad_one() {
    let sandbox = Sandbox::new();
    let good = sandbox.write(
        "good.toml",
        "base = \"vim\"\nlist = [ { on = \"x\", run = \"quit\" } ]\n",
    );
    let out = sandbox.run(&["keymap", "check", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("over the vim keymap"));

    let bad = sandbox.write(
        "bad.toml",
        "list = [\n  { on = \"x\", run = \"quit\" },\n  { on = \"ctrl+x\", run = \"help\" },\n  { on = \"y\", run = \"fly\" },\n  { on = \"x\", run = \"help\" },\n]\n",
    );
    let out = sandbox.run(&["keymap", "check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let name = bad.display().to_string();
    assert!(
        err.contains(&format!("{name}:3:10: \"ctrl+x\" is not a key")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{name}:4:21: unknown action \"fly\"")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{name}:5:10: `x` is bound twice in [list]: to quit on line 2 and to help here"
        )),
        "{err}"
    );

    // Bindings that could never fire where they stand are refused too, all at once.
    let never = sandbox.write(
        "never.toml",
        "form = [\n  { on = \"a\", run = \"save-visit\" },\n]\nlist = [\n  { on = \"ctrl-ä\", run = \"quit\" },\n  { on = \"x\", run = \"fly\" },\n]\n",
    );
    let out = sandbox.run(&["keymap", "check", never.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let never_name = never.display().to_string();
    for expected in [
        format!("{never_name}:2:10: `a` in [form] is a character typed into the field"),
        format!("{never_name}:5:10: no terminal sends ctrl-ä"),
        format!("{never_name}:6:21: unknown action \"fly\""),
    ] {
        assert!(err.contains(&expected), "{expected} in\n{err}");
    }

    // The app refuses the same file before it takes the terminal.
    let db = sandbox.db();
    let out = sandbox.run(&[
        "--keymap",
        bad.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    // In one line: the first problem, and how many more `keymap check` lists.
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with(&format!("{name}:")), "{err}");
    assert!(err.contains("more problem(s)"), "{err}");
}

#[test]
fn a_user_keymap_in_the_config_folder_is_picked_up() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "config/intake-desk/keymap.toml",
        "list = [ { on = \"x\", run = \"quit\" } ]\n",
    );
    let out = sandbox.run(&["keymap", "show", "--context", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("# keymap: default + "), "{text}");
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("x ") && l.contains("quit")),
        "{text}"
    );
}

#[test]
fn keymap_show_lists_bindings_with_labels_and_refuses_unknown_contexts() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["--lang", "fr", "keymap", "show", "--context", "palette"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("[palette]"));
    assert!(
        text.lines()
            .any(|l| l.contains("enter") && l.contains("confirm") && l.contains("Valider")),
        "{text}"
    );
    assert!(!text.contains("[list]"));

    let out = sandbox.run(&["keymap", "show", "--context", "lsit"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("contexts: global, list, form, picker, palette, help"));
}

#[test]
fn a_malformed_config_file_is_named_with_its_line() {
    let sandbox = Sandbox::new();
    let config = sandbox.write("desk.toml", "desk = \"Visp 1\"\nstaff = 12\n");
    let out = sandbox.run(&["--config", config.to_str().unwrap(), "keymap", "show"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{}:2:9", config.display())),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unknown_interface_language_is_refused() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let out = sandbox.run(&["--lang", "xx", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("available: de, fr, en"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let sandbox = Sandbox::new();
    let mut child = std::process::Command::new(common::BIN)
        .args(["keymap", "show"])
        .env("HOME", sandbox.dir.path())
        .env("XDG_CONFIG_HOME", sandbox.path("config"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the program writes, as `| head -0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

#[test]
fn a_misnamed_file_in_a_data_folder_is_not_silently_ignored() {
    let sandbox = Sandbox::new();
    sandbox.write("data/comunes.csv", SHIPPED_COMMUNES);
    sandbox.write("data/README.md", "notes about this folder\n");
    let dir = sandbox.path("data");
    let out = sandbox.run(&["data", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}:1:1: intake-desk does not read this file",
            dir.join("comunes.csv").display()
        )),
        "{err}"
    );
    assert!(
        err.contains(
            "communes.csv, regions.csv, services.csv, i18n/<language>.toml, rules/<canton>.toml, topics/<language>.toml"
        ),
        "{err}"
    );
    assert!(!err.contains("README"), "{err}");
}

const SHIPPED_VS_RULES: &str = include_str!("../data/rules/vs.toml");

/// Line number (1-based) of the first line of the shipped Valais rules containing `text`.
fn vs_line(text: &str) -> usize {
    SHIPPED_VS_RULES
        .lines()
        .position(|l| l.contains(text))
        .unwrap()
        + 1
}

#[test]
fn a_rule_with_an_unknown_status_is_refused_with_its_position() {
    let sandbox = Sandbox::new();
    let broken =
        SHIPPED_VS_RULES.replacen("status = [\"refugee-f\"]", "status = [\"refugee-x\"]", 1);
    sandbox.write("data/rules/vs.toml", &broken);
    let dir = sandbox.path("data");
    let out = sandbox.run(&["data", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let line = vs_line("status = [\"refugee-f\"]");
    let expected = format!(
        "{}:{line}:11: unknown status \"refugee-x\"",
        dir.join("rules/vs.toml").display()
    );
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
    // The check command and the app refuse the same data.
    let out = sandbox.run(&[
        "--data",
        dir.to_str().unwrap(),
        "check",
        "--canton",
        "VS",
        "--status",
        "b",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&expected));
}

#[test]
fn overlapping_rules_are_found_by_data_check_with_both_lines() {
    let sandbox = Sandbox::new();
    // The first five years now run to the sixth anniversary: year 6 gets two answers.
    let broken = SHIPPED_VS_RULES.replacen("before-year = 5", "before-year = 6", 1);
    sandbox.write("data/rules/vs.toml", &broken);
    let dir = sandbox.path("data");
    let out = sandbox.run(&["data", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let first = vs_line("id = \"vs-refugee-b-first-5-years\"") - 1;
    let second = vs_line("id = \"vs-refugee-b-from-year-6\"") - 1;
    let expected = format!(
        "{}:{second}:1: rules vs-refugee-b-first-5-years (line {first}) and vs-refugee-b-from-year-6 (line {second}) both answer status refugee-b",
        dir.join("rules/vs.toml").display()
    );
    assert!(err.contains(&expected), "{err}");
}

#[test]
fn a_status_no_rule_answers_is_found_by_data_check() {
    let sandbox = Sandbox::new();
    let broken = SHIPPED_VS_RULES.replace("\"ci\", \"none\"]", "\"ci\"]");
    sandbox.write("data/rules/vs.toml", &broken);
    let out = sandbox.run(&["data", "check", sandbox.path("data").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no rule answers status none"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_source_with_a_term_that_is_not_a_date_is_refused_with_its_position() {
    let sandbox = Sandbox::new();
    let broken = SHIPPED_VS_RULES.replacen(
        "valid-until = \"2026-12-31\"",
        "valid-until = \"31.12.2026\"",
        1,
    );
    assert_ne!(broken, SHIPPED_VS_RULES, "the mandate has a term");
    sandbox.write("data/rules/vs.toml", &broken);
    let dir = sandbox.path("data");
    let out = sandbox.run(&["data", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let line = vs_line("valid-until = ");
    let expected = format!(
        "{}:{line}:15: valid-until \"31.12.2026\" is not a date",
        dir.join("rules/vs.toml").display()
    );
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
    assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
}

#[test]
fn a_theme_the_app_does_not_have_is_refused_with_its_line_and_the_three_it_has() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "config/intake-desk/config.toml",
        "desk = \"Visp 1\"\ntheme = \"neon\"\n",
    );
    let out = sandbox.run(&["keymap", "show"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("config.toml:2:"), "{err}");
    for theme in ["dark", "light", "high-contrast"] {
        assert!(err.contains(theme), "{theme} in {err}");
    }
    sandbox.write(
        "config/intake-desk/config.toml",
        "theme = \"high-contrast\"\n",
    );
    let out = sandbox.run(&["keymap", "show"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
