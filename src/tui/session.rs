//! Facts about this run of the interface, fixed at start.

/// Facts about this run, shown in the status bar and on the Settings screen.
#[derive(Debug, Clone, Default)]
pub struct Session {
    pub desk: String,
    /// Who is signed in (their staff id goes on every visit, note, correction and export).
    pub staff: String,
    /// Their role; `None` only where no one signs in (the tests of single screens).
    pub role: Option<crate::staff::Role>,
    pub db_path: String,
    pub data_dir: Option<String>,
    pub config_path: String,
    pub keymap: String,
    pub pending_exports: u64,
    pub visit_count: u64,
    /// The day the app runs on: the default reference date of checks.
    pub today: chrono::NaiveDate,
    /// Where referral slips are written, and the command that prints them.
    pub slips_dir: std::path::PathBuf,
    pub print_command: Option<String>,
    /// The SMZ/CMS of this desk (a region id), named on slips.
    pub centre: Option<String>,
    /// Where the Export screen sends batches (from the configuration); `None`: not set up.
    pub export: Option<crate::export::ExportOptions>,
    /// The export folder of the configuration, as the Settings screen edits it.
    pub export_dir: Option<String>,
    /// The check at start found the database damaged: saving is off, this says why.
    pub damaged: Option<String>,
    /// The colour scheme (config `theme`; Alt-T switches for the session).
    pub theme: crate::tui::theme::ThemeName,
}
