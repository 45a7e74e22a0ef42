//! The optional user configuration file (`config.toml` in the config folder, or `--config PATH`).

use crate::catalog::error::{DataError, line_column};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Identifies this desk in every visit, e.g. "SMZO Visp 1".
    pub desk: String,
    /// The staff name the sign-in offers first at this desk (who signs in is always asked).
    pub staff: Option<String>,
    /// Minutes without a key before the screen locks and hides every personal field (1 to 120).
    pub lock_after_minutes: Option<u32>,
    /// Days the personal data of a visit is kept here once it was exported (or when it is never
    /// to be): `purge`, and every start of the app, remove it after that (30 to 3650).
    pub retention_days: Option<u32>,
    /// The SMZ/CMS this desk belongs to (a region id of `regions.csv`, e.g. `smzo`): its name,
    /// address and phone stand on every referral slip.
    pub centre: Option<String>,
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
    /// A file (0600) holding the passphrase of the encrypted database; INTAKE_DESK_DB_KEY wins.
    pub db_key_file: Option<PathBuf>,
    /// `dark` (default), `light` or `high-contrast`.
    pub theme: Option<crate::tui::theme::ThemeName>,
}

/// The screen locks after this many idle minutes unless `lock_after_minutes` says otherwise.
pub const DEFAULT_LOCK_AFTER_MINUTES: u32 = 5;
/// A desk left alone longer than two hours with a visitor's data on screen is not allowed for.
pub const MAX_LOCK_AFTER_MINUTES: u32 = 120;
/// Personal data stays two years after a visit unless `retention_days` says otherwise: the case
/// system holds the file; the desk needs the returning visitors of the recent past.
pub const DEFAULT_RETENTION_DAYS: u32 = 730;
pub const RETENTION_DAYS_RANGE: std::ops::RangeInclusive<u32> = 30..=3650;

impl Config {
    /// The instant before which visits lose their personal data (ms since the epoch).
    pub fn retention_cutoff_ms(&self, now: chrono::DateTime<chrono::Utc>) -> i64 {
        let days = self.retention_days.unwrap_or(DEFAULT_RETENTION_DAYS);
        (now - chrono::Duration::days(i64::from(days))).timestamp_millis()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            desk: "desk-1".into(),
            staff: None,
            lock_after_minutes: None,
            retention_days: None,
            centre: None,
            language: None,
            keymap: None,
            print_command: None,
            slips_dir: None,
            export_dir: None,
            export_url: None,
            export_token: None,
            export_format: None,
            db_key_file: None,
            theme: None,
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

/// Checks the values a parse cannot: the interface language exists (one of `languages`), the
/// keymap is a shipped one or an existing file, no path is empty, the export URL is http(s) and
/// the export format known. A problem names the line of its key.
pub fn check(
    config: &Config,
    location: &ConfigLocation,
    languages: &[String],
    keymaps: &[&str],
    centres: &[&str],
) -> Result<(), DataError> {
    let problem = |key: &str, message: String, fix: &str| {
        let text = std::fs::read_to_string(&location.file).unwrap_or_default();
        let (line, column) = key_position(&text, key);
        Err(DataError {
            file: location.file.display().to_string(),
            line,
            column,
            message,
            fix: fix.to_string(),
        })
    };
    if let Some(lang) = &config.language
        && !languages.contains(lang)
    {
        return problem(
            "language",
            format!("language \"{lang}\" is not an interface language"),
            &format!("use one of {}", languages.join(", ")),
        );
    }
    let empty = [
        ("keymap", config.keymap.as_deref().map(str::is_empty)),
        (
            "print_command",
            config.print_command.as_deref().map(str::is_empty),
        ),
        (
            "slips_dir",
            config.slips_dir.as_ref().map(|p| p.as_os_str().is_empty()),
        ),
        (
            "export_dir",
            config.export_dir.as_ref().map(|p| p.as_os_str().is_empty()),
        ),
        (
            "export_url",
            config.export_url.as_deref().map(str::is_empty),
        ),
        ("desk", Some(config.desk.trim().is_empty())),
        (
            "staff",
            config.staff.as_deref().map(|s| s.trim().is_empty()),
        ),
    ];
    if let Some((key, _)) = empty.iter().find(|(_, e)| *e == Some(true)) {
        return problem(
            key,
            format!("{key} is empty"),
            "give a value or remove the line",
        );
    }
    if let Some(centre) = &config.centre
        && !centres.contains(&centre.as_str())
    {
        return problem(
            "centre",
            format!("centre \"{centre}\" is not an SMZ/CMS region"),
            &format!("use one of {}", centres.join(", ")),
        );
    }
    if let Some(keymap) = &config.keymap
        && !keymaps.contains(&keymap.as_str())
        && !Path::new(keymap).is_file()
    {
        return problem(
            "keymap",
            format!("keymap \"{keymap}\" is neither a shipped keymap nor an existing file"),
            &format!("use {} or the path of a keymap file", keymaps.join(", ")),
        );
    }
    if let Some(url) = &config.export_url
        && let Some(why) = crate::export::http::url_problem(url)
    {
        return problem(
            "export_url",
            format!("export_url: {why}"),
            "give it as https://host/path",
        );
    }
    if let Some(token) = &config.export_token
        && let Some(why) = crate::export::http::token_problem(token)
    {
        return problem(
            "export_token",
            format!("export_token {why}"),
            "copy the token again, on one line",
        );
    }
    if config.export_token.is_some()
        && let Some(mode) = readable_by_others(&location.file)
    {
        // As ssh refuses a private key others can read: the token sends visits anywhere.
        return problem(
            "export_token",
            format!(
                "{} holds export_token and can be read by others (mode {mode:04o})",
                location.file.display()
            ),
            &format!(
                "chmod 600 {} (or give the token in INTAKE_DESK_TOKEN instead)",
                location.file.display()
            ),
        );
    }
    if let Some(minutes) = config.lock_after_minutes
        && !(1..=MAX_LOCK_AFTER_MINUTES).contains(&minutes)
    {
        return problem(
            "lock_after_minutes",
            format!("lock_after_minutes = {minutes} is out of range"),
            &format!(
                "give 1 to {MAX_LOCK_AFTER_MINUTES} (minutes without a key before the screen locks)"
            ),
        );
    }
    if let Some(days) = config.retention_days
        && !RETENTION_DAYS_RANGE.contains(&days)
    {
        return problem(
            "retention_days",
            format!("retention_days = {days} is out of range"),
            &format!(
                "give {} to {} (days personal data is kept after a visit)",
                RETENTION_DAYS_RANGE.start(),
                RETENTION_DAYS_RANGE.end()
            ),
        );
    }
    if let Some(format) = &config.export_format
        && !matches!(
            format.parse::<crate::export::Format>(),
            Ok(crate::export::Format::Jsonl
                | crate::export::Format::Csv(_)
                | crate::export::Format::Xlsx)
        )
    {
        return problem(
            "export_format",
            format!("export_format \"{format}\" is not known"),
            "use jsonl, csv, xlsx (an Excel workbook), or for Excel set to Swiss German csv-semicolon-bom (also csv-semicolon, csv-bom)",
        );
    }
    Ok(())
}

/// The permission bits of a file its group or others may read, if they may.
fn readable_by_others(file: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).ok()?.permissions().mode() & 0o777;
        (mode & 0o044 != 0).then_some(mode)
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        None
    }
}

/// Where `key = ...` stands in a TOML text: the line and the column of its value.
fn key_position(text: &str, key: &str) -> (usize, usize) {
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            let value = line.find('=').map_or(0, |i| i + 1);
            let skipped = line[value..].len() - line[value..].trim_start().len();
            return (n + 1, line[..value + skipped].chars().count() + 1);
        }
    }
    (1, 1)
}

/// Reads the file; a missing file means the defaults, a broken one is an error with its position.
/// `required` is set when the user named the file with `--config`.
pub fn load(location: &ConfigLocation, required: bool) -> Result<Config, DataError> {
    let name = location.file.display().to_string();
    let text = match crate::catalog::text_file::read(&location.file)? {
        Some(text) => text,
        None if !required => return Ok(Config::default()),
        None => {
            return Err(DataError {
                file: name,
                line: 1,
                column: 1,
                message: "the configuration file does not exist".into(),
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
            fix: "the keys are desk, staff, lock_after_minutes, retention_days, db_key_file, centre, language, keymap, print_command, slips_dir, export_dir, export_url, export_token and export_format (see README.md)".into(),
        }
    })
}

/// What the Settings screen changes in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskSettings {
    pub desk: String,
    /// The SMZ/CMS region id; `None` removes the key.
    pub centre: Option<String>,
    /// The interface language.
    pub language: Option<String>,
    /// `None` removes the key: nothing is printed.
    pub print_command: Option<String>,
    /// Where batches go; `None` removes the key.
    pub export_dir: Option<String>,
}

/// Why the settings were not saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{0} must not be empty")]
    Empty(&'static str),
    #[error("{0}: {1}")]
    Forbidden(&'static str, String),
    #[error("{}: {}; fix the file first (nothing was changed)", .0.file, .0.message)]
    Unreadable(DataError),
    #[error("{0} could not be written: {1}")]
    Io(String, std::io::Error),
}

/// Writes the desk's settings into the configuration file, keeping every other key and the
/// comments as they are; the file is replaced atomically (written beside it, synced, renamed)
/// and is readable by its owner only. Values are checked as the file's are.
pub fn save(file: &Path, settings: &DeskSettings) -> Result<(), SaveError> {
    if settings.desk.trim().is_empty() {
        return Err(SaveError::Empty("desk"));
    }
    let values = [
        ("desk", Some(&settings.desk)),
        ("centre", settings.centre.as_ref()),
        ("language", settings.language.as_ref()),
        ("print_command", settings.print_command.as_ref()),
        ("export_dir", settings.export_dir.as_ref()),
    ];
    for (key, value) in values {
        if let Some(problem) = value.and_then(|v| crate::text::forbidden_in_input(v, false)) {
            return Err(SaveError::Forbidden(key, problem.to_string()));
        }
    }
    let location = ConfigLocation::resolve(Some(file));
    // A file that does not read as a configuration is not overwritten.
    let text = crate::catalog::text_file::read(file)
        .map_err(SaveError::Unreadable)?
        .unwrap_or_default();
    load(&location, false).map_err(SaveError::Unreadable)?;
    let mut document: toml_edit::DocumentMut =
        text.parse().map_err(|e: toml_edit::TomlError| {
            SaveError::Unreadable(DataError {
                file: file.display().to_string(),
                line: 1,
                column: 1,
                message: e.message().to_string(),
                fix: String::new(),
            })
        })?;
    for (key, value) in values {
        match value {
            Some(value) => document[key] = toml_edit::value(value.trim()),
            None => {
                document.remove(key);
            }
        }
    }
    let io = |e| SaveError::Io(file.display().to_string(), e);
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::paths::create_private_dir(dir).map_err(io)?;
    }
    let partial = file.with_extension("toml.partial");
    {
        use std::io::Write;
        let mut out = crate::paths::create_private_file(&partial).map_err(io)?;
        out.write_all(document.to_string().as_bytes()).map_err(io)?;
        out.sync_all().map_err(io)?;
    }
    std::fs::rename(&partial, file).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_settings_keeps_the_rest_of_the_file_and_refuses_bad_values() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(
            &file,
            "# our desk\ndesk = \"Visp 1\"\nexport_dir = \"/srv/out\"\n",
        )
        .unwrap();
        let settings = DeskSettings {
            desk: "Visp 2".into(),
            centre: Some("smzo".into()),
            language: Some("fr".into()),
            print_command: Some("lp -d desk".into()),
            export_dir: Some("/srv/out".into()),
        };
        save(&file, &settings).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("# our desk") && text.contains("/srv/out"),
            "{text}"
        );
        let config = load(&ConfigLocation::resolve(Some(&file)), true).unwrap();
        assert_eq!(config.desk, "Visp 2");
        assert_eq!(config.print_command.as_deref(), Some("lp -d desk"));
        assert_eq!(
            (config.centre.as_deref(), config.language.as_deref()),
            (Some("smzo"), Some("fr"))
        );
        let no_folder = DeskSettings {
            export_dir: None,
            ..settings.clone()
        };
        save(&file, &no_folder).unwrap();
        let config = load(&ConfigLocation::resolve(Some(&file)), true).unwrap();
        assert_eq!(
            config.export_dir, None,
            "an emptied export folder is removed"
        );
        save(&file, &settings).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let empty = DeskSettings {
            desk: " ".into(),
            ..settings.clone()
        };
        assert!(matches!(save(&file, &empty), Err(SaveError::Empty("desk"))));
        let control = DeskSettings {
            desk: "m\u{1b}b".into(),
            ..settings.clone()
        };
        assert!(matches!(
            save(&file, &control),
            Err(SaveError::Forbidden("desk", _))
        ));
        // A broken file is left alone.
        std::fs::write(&file, "desk = \n").unwrap();
        assert!(matches!(
            save(&file, &settings),
            Err(SaveError::Unreadable(_))
        ));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "desk = \n");
    }

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
