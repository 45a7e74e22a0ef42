//! Where data files come from: the `data/` folder embedded at build time, optionally
//! overridden file by file from a folder given with `--data`.

use super::error::DataError;
use include_dir::{Dir, include_dir};
use std::path::{Path, PathBuf};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data");

/// One data file's text and the name to show in error messages.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub display_name: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct DataSource {
    overlay: Option<PathBuf>,
}

impl DataSource {
    pub fn embedded() -> DataSource {
        DataSource { overlay: None }
    }

    pub fn with_overlay(dir: impl Into<PathBuf>) -> DataSource {
        DataSource {
            overlay: Some(dir.into()),
        }
    }

    pub fn overlay(&self) -> Option<&Path> {
        self.overlay.as_deref()
    }

    /// Reads `relative` (e.g. `i18n/de.toml`), preferring the overlay folder; a file that is
    /// not UTF-8 or holds control characters is refused where the first bad byte stands.
    pub fn read(&self, relative: &str) -> Result<Option<DataFile>, DataError> {
        if let Some(dir) = &self.overlay {
            let path = dir.join(relative);
            if path.is_file()
                && let Some(text) = super::text_file::read(&path)?
            {
                return Ok(Some(DataFile {
                    display_name: path.display().to_string(),
                    text,
                }));
            }
        }
        let Some(file) = EMBEDDED.get_file(relative) else {
            return Ok(None);
        };
        let display_name = format!("data/{relative} (embedded)");
        // The shipped files pass the checks of files people edit (a test proves it for each);
        // at start they are only decoded, which keeps the start fast.
        let text = String::from_utf8_lossy(file.contents()).into_owned();
        Ok(Some(DataFile { display_name, text }))
    }

    /// Every file of the overlay folder, as paths relative to it (`i18n/fr.toml`), skipping
    /// hidden files and READMEs.
    pub fn overlay_files(&self) -> std::io::Result<Vec<String>> {
        let Some(dir) = &self.overlay else {
            return Ok(Vec::new());
        };
        let mut found = Vec::new();
        let mut pending = vec![(dir.clone(), String::new())];
        while let Some((path, prefix)) = pending.pop() {
            for entry in std::fs::read_dir(&path)? {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') || name.to_ascii_lowercase().starts_with("readme") {
                    continue;
                }
                let relative = format!("{prefix}{name}");
                if entry.file_type()?.is_dir() {
                    pending.push((entry.path(), format!("{relative}/")));
                } else {
                    found.push(relative);
                }
            }
        }
        found.sort();
        Ok(found)
    }

    /// Every embedded file as (relative path, bytes), for the test that they pass the checks.
    pub fn embedded_files() -> Vec<(String, &'static [u8])> {
        fn walk(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
            for file in dir.files() {
                out.push((file.path().display().to_string(), file.contents()));
            }
            for sub in dir.dirs() {
                walk(sub, out);
            }
        }
        let mut out = Vec::new();
        walk(&EMBEDDED, &mut out);
        out
    }

    /// File names (not paths) in a data sub-folder, from both the embedded data and the overlay.
    pub fn list(&self, folder: &str) -> std::io::Result<Vec<String>> {
        let mut names: Vec<String> = EMBEDDED
            .get_dir(folder)
            .map(|dir| {
                dir.files()
                    .filter_map(|f| f.path().file_name()?.to_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(dir) = &self.overlay {
            let path = dir.join(folder);
            if path.is_dir() {
                for entry in std::fs::read_dir(path)? {
                    let entry = entry?;
                    if entry.file_type()?.is_file()
                        && let Some(name) = entry.file_name().to_str()
                    {
                        names.push(name.to_string());
                    }
                }
            }
        }
        names.sort();
        names.dedup();
        Ok(names)
    }
}
