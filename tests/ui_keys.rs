//! Every interface text the code asks for by a literal key exists in the German reference file
//! (French and English are proven complete against it when the data loads), so a wrong or
//! missing key cannot reach the screen as `section.key`.

use intake_desk::catalog::Catalog;
use std::collections::BTreeSet;
use std::path::Path;

fn sources(dir: &Path, found: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

/// String literals of the form `"section.key"` whose section is one of the interface's.
fn literal_keys(text: &str, sections: &BTreeSet<String>) -> Vec<(usize, String)> {
    let mut keys = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for (i, part) in line.split('"').enumerate() {
            // Odd parts stand between quotes.
            if i % 2 == 0 {
                continue;
            }
            let Some((section, key)) = part.split_once('.') else {
                continue;
            };
            let word = |s: &str| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            };
            if word(section) && word(key) && sections.contains(section) {
                keys.push((n + 1, part.to_string()));
            }
        }
    }
    keys
}

#[test]
fn every_text_key_in_the_code_exists_in_the_reference_language() {
    let catalog = Catalog::embedded();
    let known: BTreeSet<String> = catalog.i18n.keys().map(str::to_string).collect();
    let sections: BTreeSet<String> = known
        .iter()
        .filter_map(|k| k.split_once('.').map(|(s, _)| s.to_string()))
        .collect();
    let mut files = Vec::new();
    sources(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut files,
    );
    let mut checked = 0;
    let mut missing = Vec::new();
    for (file, text) in &files {
        for (line, key) in literal_keys(text, &sections) {
            checked += 1;
            if !known.contains(&key) {
                missing.push(format!("{file}:{line}: {key}"));
            }
        }
    }
    assert!(
        checked > 300,
        "only {checked} keys found: the scan is broken"
    );
    // Keys made from a value: every value has its text.
    use strum::IntoEnumIterator;
    for status in intake_desk::store::BatchStatus::iter() {
        let key = format!("export.status_{status}");
        if !known.contains(&key) {
            missing.push(format!("src/tui/screens/export.rs: {key}"));
        }
    }
    assert!(
        missing.is_empty(),
        "keys not in data/i18n/de.toml:\n{}",
        missing.join("\n")
    );
}
