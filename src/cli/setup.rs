//! What every command needs from the global options: configuration, data, language, keymap, store.

use super::Cli;
use crate::catalog::{Catalog, DataSource};
use crate::config::{self, Config, ConfigLocation};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::tui::keymap::{self, Keymap, builtin_names};
use std::path::PathBuf;

pub struct Setup {
    pub config: Config,
    pub config_location: ConfigLocation,
    pub catalog: Catalog,
}

pub fn setup(cli: &Cli) -> Result<Setup> {
    let config_location = ConfigLocation::resolve(cli.config.as_deref());
    let config = config::load(&config_location, cli.config.is_some()).map_err(Error::Config)?;
    let source = match &cli.data {
        Some(dir) => {
            if !dir.is_dir() {
                return Err(Error::Usage(format!(
                    "--data {}: no such folder",
                    dir.display()
                )));
            }
            DataSource::with_overlay(dir)
        }
        None => DataSource::embedded(),
    };
    let catalog = Catalog::load(&source)?;
    config::check(
        &config,
        &config_location,
        catalog.i18n.languages(),
        builtin_names(),
        &catalog
            .regions
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
    )
    .map_err(Error::Config)?;
    Ok(Setup {
        config,
        config_location,
        catalog,
    })
}

impl Setup {
    pub fn db_path(cli: &Cli) -> PathBuf {
        cli.db.clone().unwrap_or_else(crate::paths::default_db_path)
    }

    /// Lays the directory corrections made at the desks over the catalog's services, when the
    /// database exists (a command that only reads the directory creates none).
    pub fn with_local_directory(&mut self, cli: &Cli) -> Result<()> {
        let path = Setup::db_path(cli);
        if path.exists() {
            let corrections = Store::open_read_unchecked(&path)?.service_corrections()?;
            crate::catalog::services::apply_local(&mut self.catalog.services, &corrections);
        }
        Ok(())
    }

    /// The store for a command that writes (refused when damaged or read-only).
    pub fn open_store(cli: &Cli) -> Result<Store> {
        Ok(Store::open(&Setup::db_path(cli))?)
    }

    /// The store for a command that only reads (works on a read-only file or folder).
    pub fn read_store(cli: &Cli) -> Result<Store> {
        Ok(Store::open_read(&Setup::db_path(cli))?)
    }

    /// The store for looking at the file itself, damaged or not (`db info`, `db check`, `db backup`).
    pub fn inspect_store(cli: &Cli) -> Result<Store> {
        Ok(Store::open_read_unchecked(&Setup::db_path(cli))?)
    }

    /// The interface language: `--lang`, else the one remembered, else the config's, else German.
    pub fn language(&self, cli: &Cli, remembered: Option<String>) -> Result<String> {
        let available = self.catalog.i18n.languages();
        if let Some(lang) = &cli.lang {
            if !self.catalog.i18n.has_language(lang) {
                return Err(Error::Usage(format!(
                    "--lang {lang}: unknown interface language; available: {}",
                    available.join(", ")
                )));
            }
            return Ok(lang.clone());
        }
        Ok([remembered, self.config.language.clone()]
            .into_iter()
            .flatten()
            .find(|l| self.catalog.i18n.has_language(l))
            .unwrap_or_else(|| crate::catalog::i18n::REFERENCE_LANGUAGE.to_string()))
    }

    /// The keymap: `--keymap`, else the config's `keymap`, else `keymap.toml` in the config
    /// folder if it exists, else the default. Returns it with a description for the screen.
    pub fn keymap(&self, cli: &Cli) -> Result<(Keymap, String)> {
        let choice = cli.keymap.clone().or_else(|| self.config.keymap.clone());
        let user_file = self.config_location.dir.join("keymap.toml");
        let (map, description) = match choice {
            Some(name) if builtin_names().contains(&name.as_str()) => {
                (keymap::load_builtin(&name)?, name)
            }
            Some(path) => {
                let map = keymap::load(Some(std::path::Path::new(&path)))?;
                let description = format!("{} + {path}", map.base);
                (map, description)
            }
            None if user_file.is_file() => {
                let map = keymap::load(Some(&user_file))?;
                let description = format!("{} + {}", map.base, user_file.display());
                (map, description)
            }
            None => (keymap::load_builtin("default")?, "default".to_string()),
        };
        Ok((map, description))
    }
}
