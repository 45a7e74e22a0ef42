//! The examples in README.md work as written.

mod common;
use common::{Sandbox, stderr, stdout};

const README: &str = include_str!("../README.md");

/// The body of the first fenced block whose first line contains `marker`.
fn block_starting_with(marker: &str) -> String {
    let mut blocks = README.split("```").skip(1).step_by(2);
    let block = blocks
        .find(|b| b.lines().nth(1).is_some_and(|l| l.contains(marker)))
        .unwrap_or_else(|| panic!("no block starting with {marker:?}"));
    block.lines().skip(1).collect::<Vec<_>>().join("\n") + "\n"
}

#[test]
fn the_first_lines_are_the_two_commands() {
    let start: Vec<&str> = README
        .lines()
        .skip_while(|l| !l.starts_with("```"))
        .skip(1)
        .take(2)
        .collect();
    assert!(start[0].starts_with("cargo run --release"), "{start:?}");
    assert!(start[1].starts_with("cargo test"), "{start:?}");
}

#[test]
fn the_keymap_override_example_is_valid_and_does_what_it_says() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("keymap.toml", &block_starting_with("keymap.toml"));
    let out = sandbox.run(&["keymap", "check", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sandbox.run(&[
        "--keymap",
        file.to_str().unwrap(),
        "keymap",
        "show",
        "--context",
        "list",
    ]);
    let text = stdout(&out);
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("x ") && l.contains("quit")),
        "{text}"
    );
    assert!(
        !text.lines().any(|l| l.trim_start().starts_with("q ")),
        "{text}"
    );
    assert!(text.contains("g s"), "{text}");
}

#[test]
fn the_configuration_example_is_valid() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("config.toml", &block_starting_with("desk ="));
    // It holds the export token: the owner's alone, as the README says.
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let out = sandbox.run(&[
        "--config",
        file.to_str().unwrap(),
        "keymap",
        "show",
        "--context",
        "list",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The example chooses the vim keymap and French.
    assert!(stdout(&out).contains("# keymap: vim"), "{}", stdout(&out));
    assert!(stdout(&out).contains("Quitter"), "{}", stdout(&out));
}

#[test]
fn every_subcommand_is_documented() {
    let out = Sandbox::new().run(&["--help"]);
    let help = stdout(&out);
    let commands = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help");
    for command in commands {
        assert!(
            README.contains(&format!("`intake-desk {command} ")),
            "README does not document `{command}`"
        );
    }
}

#[test]
fn the_check_text_example_is_what_the_command_prints() {
    let intro = "Text output of `intake-desk ";
    let start = README.find(intro).expect("the example's introduction") + intro.len();
    let command: Vec<&str> = README[start..]
        .split('`')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    let example = README[start..]
        .split("```text\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let out = Sandbox::new().run(&command);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    let printed: Vec<&str> = printed.lines().collect();
    let shown: Vec<&str> = example.lines().collect();
    assert_eq!(printed.len(), shown.len(), "{printed:#?}");
    for (shown, printed) in shown.iter().zip(&printed) {
        let shown = shown.trim_end_matches("...").trim_end();
        assert!(
            printed.starts_with(shown),
            "README shows {shown:?}, the command prints {printed:?}"
        );
    }
}
