//! The optional user configuration file (`config.toml` in the config folder, or `--config PATH`).

use crate::catalog::error::{DataError, line_column};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Identifies this desk in every visit, e.g. "SMZO Visp 1".
    pub desk: String,
    /// Identifies the person at the desk (initials or staff number, no full name needed).
    pub staff: String,
    /// Interface language at first start; a language chosen in the app is remembered instead.
    pub language: Option<String>,
    /// A shipped keymap name (`default`, `vim`) or the path of a keymap file.
    pub keymap: Option<String>,
    /// Command that prints a file, given the file as its last argument (e.g. `lp`).
    pub print_command: Option<String>,
    /// Folder for referral slips [default: `slips` in the data folder].
    pub slips_dir: Option<PathBuf>,
    /// Where `export` writes batches when no `--to`/`--url` is given.
    pub export_dir: Option<PathBuf>,
    /// The case system's endpoint for batches (HTTP POST).
    pub export_url: Option<String>,
    /// Bearer token for `export_url`; the environment variable INTAKE_DESK_TOKEN takes precedence.
    pub export_token: Option<String>,
    /// `jsonl` (default) or `csv`.
    pub export_format: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            desk: "desk-1".into(),
            staff: "staff".into(),
            language: None,
            keymap: None,
            print_command: None,
            slips_dir: None,
            export_dir: None,
            export_url: None,
            export_token: None,
            export_format: None,
        }
    }
}

/// The configuration file and the folder beside it where `keymap.toml` is looked for.
#[derive(Debug, Clone)]
pub struct ConfigLocation {
    pub file: PathBuf,
    pub dir: PathBuf,
}

impl ConfigLocation {
    pub fn resolve(explicit: Option<&Path>) -> ConfigLocation {
        match explicit {
            Some(file) => ConfigLocation {
                file: file.to_path_buf(),
                dir: file
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            },
            None => {
                let dir = crate::paths::default_config_dir();
                ConfigLocation {
                    file: dir.join("config.toml"),
                    dir,
                }
            }
        }
    }
}

/// Reads the file; a missing file means the defaults, a broken one is an error with its position.
/// `required` is set when the user named the file with `--config`.
pub fn load(location: &ConfigLocation, required: bool) -> Result<Config, DataError> {
    let name = location.file.display().to_string();
    let text = match std::fs::read_to_string(&location.file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            return Ok(Config::default());
        }
        Err(e) => {
            return Err(DataError {
                file: name,
                line: 1,
                column: 1,
                message: format!("cannot read the configuration: {e}"),
                fix: "check the path given with --config".into(),
            });
        }
    };
    toml::from_str(&text).map_err(|e| {
        let (line, column) = line_column(&text, e.span().map_or(0, |s| s.start));
        DataError {
            file: name,
            line,
            column,
            message: e.message().trim().to_string(),
            fix: "the keys are desk, staff, language, keymap, print_command, slips_dir, export_dir, export_url, export_token and export_format (see README.md)".into(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults_unless_required() {
        let dir = tempfile::tempdir().unwrap();
        let location = ConfigLocation::resolve(Some(&dir.path().join("none.toml")));
        assert_eq!(load(&location, false).unwrap(), Config::default());
        assert!(load(&location, true).is_err());
    }

    #[test]
    fn unknown_key_is_reported_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "desk = \"Visp 1\"\ncolour = \"red\"\n").unwrap();
        let error = load(&ConfigLocation::resolve(Some(&file)), true).unwrap_err();
        assert_eq!(error.line, 2);
        assert!(error.message.contains("colour"), "{}", error.message);
    }
}
