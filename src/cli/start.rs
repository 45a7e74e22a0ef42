//! No subcommand: open the store and start the terminal interface.

use super::Cli;
use super::setup::{Setup, setup};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::tui::{self, App, Session};
use std::io::IsTerminal;

pub fn run(cli: &Cli) -> Result<()> {
    let setup = setup(cli)?;
    let (keymap, keymap_description) = setup.keymap(cli)?;
    // Without a terminal nothing is created; a database there is still checked, so a file that
    // is not ours is named as such, and so is an unknown --lang.
    setup.language(cli, None)?;
    if !std::io::stdout().is_terminal() {
        let db_path = Setup::db_path(cli);
        if db_path.exists() {
            Store::open_read(&db_path)?;
        }
        return Err(Error::Usage(
            "intake-desk needs a terminal to start its interface; for scripting use a subcommand (see --help)".into(),
        ));
    }
    let mut store = Store::open_unchecked(&Setup::db_path(cli))?;
    // Personal data past the retention period goes before anything is shown.
    let purged = store.purge_at_start(setup.config.retention_cutoff_ms(chrono::Utc::now()));
    let lang = setup.language(cli, store.setting(crate::UI_LANGUAGE_SETTING)?)?;
    let session = Session {
        desk: setup.config.desk.clone(),
        // Nobody until the sign-in.
        staff: String::new(),
        role: None,
        db_path: store.path().display().to_string(),
        data_dir: cli.data.as_ref().map(|d| d.display().to_string()),
        config_path: setup.config_location.file.display().to_string(),
        keymap: keymap_description,
        pending_exports: store.pending_export_count()?,
        visit_count: store.visit_count()?,
        today: crate::desk_time::today(),
        slips_dir: setup
            .config
            .slips_dir
            .clone()
            .unwrap_or_else(|| crate::paths::default_slips_dir(store.path())),
        print_command: setup.config.print_command.clone(),
        centre: setup.config.centre.clone(),
        export_dir: setup
            .config
            .export_dir
            .as_ref()
            .map(|d| d.display().to_string()),
        damaged: None,
        theme: setup.config.theme.unwrap_or_default(),
        export: super::export::options(
            &setup.config,
            store.path(),
            None,
            None,
            None,
            false,
            super::export::HttpSettings::default(),
        )?,
    };
    let first_admin = !store.has_staff()?;
    let name = sign_in_name(cli, &setup, &store)?;
    let lock_after = lock_after(&setup.config);
    let retention_days = setup
        .config
        .retention_days
        .unwrap_or(crate::config::DEFAULT_RETENTION_DAYS);
    let mut app = App::new(setup.catalog, keymap, session, lang);
    app.require_sign_in(first_admin, name);
    app.set_lock_after(lock_after);
    match purged {
        Ok(report) if report.visits > 0 => app.tell(app.tf(
            "retention.purged",
            &[
                ("count", &report.visits.to_string()),
                ("days", &retention_days.to_string()),
            ],
        )),
        Ok(_) => {}
        Err(e) => app.tell(app.tf("retention.failed", &[("error", &e.to_string())])),
    }
    app.set_directory_corrections(&store.service_corrections()?);
    app.starting_with(store.queue_waiting()?, store.latest_draft()?);
    tui::run(app, store)?;
    Ok(())
}

/// The name the sign-in offers: `--staff` or INTAKE_DESK_STAFF, else the config's `staff`, else
/// the only account there is.
fn sign_in_name(cli: &super::Cli, setup: &Setup, store: &Store) -> Result<Option<String>> {
    if let Some(name) = super::sign_in::staff_name(cli).or_else(|| setup.config.staff.clone()) {
        return Ok(Some(name));
    }
    let enabled: Vec<String> = store
        .staff_accounts()?
        .into_iter()
        .filter(|a| a.is_enabled())
        .map(|a| a.id.to_string())
        .collect();
    Ok(match enabled.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    })
}

/// The idle time before the lock: the configuration's minutes (the test suite may give seconds).
fn lock_after(config: &crate::config::Config) -> std::time::Duration {
    if let Some(seconds) = std::env::var(crate::tui::app::LOCK_AFTER_SECONDS_ENV)
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        return std::time::Duration::from_secs(seconds);
    }
    let minutes = config
        .lock_after_minutes
        .unwrap_or(crate::config::DEFAULT_LOCK_AFTER_MINUTES);
    std::time::Duration::from_secs(60 * u64::from(minutes))
}
