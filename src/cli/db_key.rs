//! The database key for this run (INTAKE_DESK_DB_KEY, else `db_key_file` of the configuration),
//! and `intake-desk db encrypt` / `db rekey`, which write the database anew under a new key.

use super::Cli;
use super::setup::Setup;
use super::sign_in::require;
use crate::config::{self, ConfigLocation};
use crate::error::{Error, Result};
use crate::staff::Needs;
use crate::store::{AuditAction, DbKey, KEY_VARIABLE, NEW_KEY_VARIABLE, NewAuditEntry, Store};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// The key configured for this run: the variable, else the configuration's key file. A broken
/// configuration is reported by the command that reads it, not here.
pub fn configured(cli: &Cli) -> Result<Option<DbKey>> {
    if let Some(key) = DbKey::from_variable(KEY_VARIABLE).map_err(Error::Usage)? {
        return Ok(Some(key));
    }
    let location = ConfigLocation::resolve(cli.config.as_deref());
    match config::load(&location, false) {
        Ok(config) => match config.db_key_file {
            Some(file) => Ok(Some(DbKey::from_file(&file).map_err(Error::Usage)?)),
            None => Ok(None),
        },
        Err(_) => Ok(None),
    }
}

/// The new key: INTAKE_DESK_NEW_DB_KEY, else `fallback`, else asked twice on the terminal.
fn new_key(fallback: Option<DbKey>) -> Result<DbKey> {
    if let Some(key) = DbKey::from_variable(NEW_KEY_VARIABLE).map_err(Error::Usage)? {
        return Ok(key);
    }
    if let Some(key) = fallback {
        return Ok(key);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage(format!(
            "no new database key: give it at the prompt (on a terminal) or in {NEW_KEY_VARIABLE}"
        )));
    }
    let first = rpassword::prompt_password("new database key: ")?;
    let key = DbKey::new(&first).map_err(Error::Usage)?;
    if rpassword::prompt_password("new database key, again: ")? != first {
        return Err(Error::Usage(
            "the two keys differ; nothing was changed".into(),
        ));
    }
    Ok(key)
}

/// Writes the database anew under `key` beside it, then puts it in its place. Every desk must
/// have closed the app: a process with the old file open would go on writing into it.
fn rewrite(cli: &Cli, mut store: Store, key: &DbKey, action: AuditAction) -> Result<PathBuf> {
    let who = require(cli, &mut store, Needs::Administer)?;
    store.audit(&NewAuditEntry::new(who.id.as_str(), action, "database"))?;
    let path = store.path().to_path_buf();
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Usage(format!("{}: not a file name", path.display())))?;
    let partial = path.with_file_name(format!(".{name}.rekeying"));
    let _ = std::fs::remove_file(&partial);
    crate::paths::create_private_file(&partial)?;
    if let Err(e) = store.export_with_key(&partial, Some(key)) {
        let _ = std::fs::remove_file(&partial);
        return Err(e.into());
    }
    drop(store);
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, &path)?;
    // The old file's log and index are gone with it (the last connection removed them).
    for beside in ["-wal", "-shm"] {
        let mut stale = path.as_os_str().to_os_string();
        stale.push(beside);
        let _ = std::fs::remove_file(PathBuf::from(stale));
    }
    Ok(path)
}

/// `db encrypt`: a plain database encrypted with the configured key (or the new one given).
pub fn encrypt(cli: &Cli) -> Result<()> {
    let key = new_key(configured(cli)?)?;
    // The plain file is opened without a key.
    crate::store::use_key(None);
    let store = Setup::open_store(cli)?;
    let path = rewrite(cli, store, &key, AuditAction::Encrypt)?;
    writeln!(
        super::stdout_for(true),
        "{} is encrypted now; open it with the same key ({KEY_VARIABLE} or db_key_file)",
        path.display()
    )?;
    Ok(())
}

/// `db rekey`: an encrypted database written anew under a new key.
pub fn rekey(cli: &Cli) -> Result<()> {
    if configured(cli)?.is_none() {
        return Err(Error::Usage(format!(
            "db rekey needs the current key ({KEY_VARIABLE} or db_key_file) and the new one ({NEW_KEY_VARIABLE} or the prompt); a plain database is encrypted with `db encrypt`"
        )));
    }
    let store = Setup::open_store(cli)?;
    let key = new_key(None)?;
    let path = rewrite(cli, store, &key, AuditAction::Rekey)?;
    writeln!(
        super::stdout_for(true),
        "{} has its new key now; set it where the desks take theirs ({KEY_VARIABLE} or db_key_file)",
        path.display()
    )?;
    Ok(())
}
