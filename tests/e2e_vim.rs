//! The vim keymap in the real binary: on History and the Directory, keys move in the list
//! (normal mode) and nothing is typed into the search line until `/` goes into it; `Esc`
//! comes back out; counts, `gg`, `G` and `Ctrl-D` move as in vim.

mod common;
use common::{Sandbox, Tui};
use std::time::{Duration, Instant};

/// The screen row of the selected line (marked `›` at the list's left edge).
fn selected_row(screen: &str) -> Option<usize> {
    screen.lines().position(|l| l.starts_with("│›"))
}

/// Waits until the selected line stands at `row`.
fn wait_row(tui: &Tui, row: usize, what: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if selected_row(&tui.screen()) == Some(row) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "{what}: the selection is not on row {row}:\n{}",
        tui.screen()
    );
}

/// The search line's text after its label.
fn search_line(screen: &str) -> String {
    screen
        .lines()
        .find_map(|l| {
            l.split_once("Search: ")
                .map(|(_, rest)| rest.trim_end_matches(['│', ' ']).to_string())
        })
        .unwrap_or_default()
}

fn moves_like_vim(tui: &mut Tui, title: &str) {
    tui.wait_for(title);
    let untouched = search_line(&tui.screen());
    let first = {
        let start = Instant::now();
        loop {
            if let Some(row) = selected_row(&tui.screen()) {
                break row;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{}",
                tui.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    tui.press("j");
    wait_row(tui, first + 1, "j");
    tui.press("k");
    wait_row(tui, first, "k");
    tui.press("3");
    tui.press("j");
    wait_row(tui, first + 3, "3j");
    tui.press("g");
    tui.press("g");
    wait_row(tui, first, "gg");
    tui.press("ctrl-d");
    wait_row(tui, first + 5, "ctrl-d");
    tui.press("G");
    let start = Instant::now();
    while selected_row(&tui.screen()).is_none_or(|r| r <= first + 5) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "G:\n{}",
            tui.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        search_line(&tui.screen()),
        untouched,
        "nothing typed:\n{}",
        tui.screen()
    );
    // Into the search, typed there, and out again with the query kept.
    tui.press("/");
    tui.type_text("zz");
    let start = Instant::now();
    while search_line(&tui.screen()) != "zz" {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "/zz:\n{}",
            tui.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    tui.press("esc");
    tui.press("j");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        search_line(&tui.screen()),
        "zz",
        "j after Esc is no letter:\n{}",
        tui.screen()
    );
    tui.wait_for(title);
    // Clear it for the next screen.
    tui.press("/");
    tui.press("ctrl-u");
    tui.press("esc");
}

#[test]
fn history_and_directory_move_with_vim_keys_and_search_only_after_slash() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    sandbox.demo(db, "60");
    let mut tui = sandbox.start_tui(&["--db", db, "--lang", "en", "--keymap", "vim"], 120, 40);
    tui.press("f4");
    moves_like_vim(&mut tui, "┌ History");
    tui.press("f5");
    moves_like_vim(&mut tui, "┌ Services");
    assert_eq!(tui.quit(), 0);
}
