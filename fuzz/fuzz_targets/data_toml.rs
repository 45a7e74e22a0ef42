//! The data TOML files (a canton's rules, a language's topics, a language's interface texts) as
//! someone may have edited them, read through a data folder as `--data` reads it: no panic, and
//! every error at a place in a file that was read.
#![no_main]

use intake_desk::catalog::source::DataFile;
use intake_desk::catalog::{DataSource, i18n, rules, text_file, topics};
use intake_desk_fuzz::{assert_all_located, assert_inside, catalog, scratch, text_of};
use libfuzzer_sys::fuzz_target;

/// What the errors may name: the fuzzed file, and the shipped files read beside it.
fn files_read(fuzzed: &str, text: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = DataSource::embedded_files()
        .into_iter()
        .map(|(path, bytes)| {
            (
                format!("data/{path} (embedded)"),
                String::from_utf8_lossy(bytes).into_owned(),
            )
        })
        .collect();
    files.push((fuzzed.to_string(), text.to_string()));
    files
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    match which % 3 {
        0 => {
            let name = "data/rules/vs.toml";
            let text = match text_file::decode(name, bytes.to_vec()) {
                Ok(text) => text,
                Err(e) => return assert_inside(&e, name, &text_of(bytes)),
            };
            let file = DataFile {
                display_name: name.into(),
                text: text.clone(),
            };
            if let Err(errors) = rules::parse(&file, "vs") {
                assert_all_located(&errors, &files_read(name, &text));
            }
        }
        kind => {
            let (folder, lang) = if kind == 1 {
                ("topics", ["de", "fr", "ti"][usize::from(which / 3) % 3])
            } else {
                ("i18n", ["de", "fr", "en"][usize::from(which / 3) % 3])
            };
            let root = scratch(&format!("{folder}-{lang}"));
            std::fs::create_dir_all(root.join(folder)).unwrap();
            let path = root.join(folder).join(format!("{lang}.toml"));
            std::fs::write(&path, bytes).unwrap();
            let name = path.display().to_string();
            let text = text_of(bytes);
            let source = DataSource::with_overlay(&root);
            let result = if kind == 1 {
                let terms: Vec<String> = catalog().glossary.iter().map(|t| t.id.clone()).collect();
                topics::load(&source, &terms).err()
            } else {
                i18n::load(&source).err()
            };
            if let Some(errors) = result {
                assert_all_located(&errors, &files_read(&name, &text));
            }
        }
    }
});
