//! `intake-desk staff add|list|disable|pin`: the accounts that sign in at the desks.

use super::Cli;
use super::directory::ListFormat;
use super::setup::Setup;
use super::sign_in::{PIN_VARIABLE, require};
use crate::error::{Error, Result};
use crate::staff::{Needs, Role, StaffId, hash_pin, pin_problem};
use crate::store::StaffError;
use std::io::{IsTerminal, Write};

/// The new PIN of an account made or changed by a script (INTAKE_DESK_PIN is the PIN of the
/// one who signs in).
pub const NEW_PIN_VARIABLE: &str = "INTAKE_DESK_NEW_PIN";

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Sign-in name: initials or a staff number (letters, digits, . - _)
    pub name: String,
    #[arg(long, value_parser = parse_role)]
    pub role: Role,
}

fn parse_role(text: &str) -> std::result::Result<Role, String> {
    Role::parse(text)
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

fn staff_error(e: StaffError) -> Error {
    match e {
        StaffError::Store(db) => Error::from(db),
        other => Error::Usage(other.to_string()),
    }
}

/// A new PIN: INTAKE_DESK_NEW_PIN (for the first admin also INTAKE_DESK_PIN), else asked twice.
fn new_pin(for_whom: &StaffId, first: bool) -> Result<String> {
    let from_env = std::env::var(NEW_PIN_VARIABLE)
        .ok()
        .or_else(|| first.then(|| std::env::var(PIN_VARIABLE).ok()).flatten())
        .filter(|p| !p.is_empty());
    let pin = match from_env {
        Some(pin) => pin,
        None if std::io::stdin().is_terminal() => {
            let pin = rpassword::prompt_password(format!("new PIN for {for_whom}: "))?;
            if let Some(problem) = pin_problem(&pin) {
                return Err(Error::Usage(problem));
            }
            let again = rpassword::prompt_password(format!("new PIN for {for_whom}, again: "))?;
            if again != pin {
                return Err(Error::Usage(
                    "the two PINs differ; nothing was changed".into(),
                ));
            }
            pin
        }
        None => {
            return Err(Error::Usage(format!(
                "no new PIN: give it at the prompt (on a terminal) or in {NEW_PIN_VARIABLE}"
            )));
        }
    };
    if let Some(problem) = pin_problem(&pin) {
        return Err(Error::Usage(problem));
    }
    hash_pin(&pin).map_err(|e| Error::Other(e.into()))
}

pub fn add(cli: &Cli, args: &AddArgs) -> Result<()> {
    let id = StaffId::parse(&args.name).map_err(Error::Usage)?;
    let mut store = Setup::open_store(cli)?;
    let first = store.staff_accounts()?.is_empty();
    let by = if first {
        if args.role != Role::Admin {
            return Err(Error::Usage(format!(
                "the first account of a database must be an admin (who then adds the others): give --role admin for {id}"
            )));
        }
        None
    } else {
        Some(require(cli, &mut store, Needs::ManageStaff)?.id)
    };
    let hash = new_pin(&id, first)?;
    store
        .add_staff(&id, args.role, &hash, by.as_ref())
        .map_err(staff_error)?;
    writeln!(
        super::stdout_for(true),
        "added {id} as {}{}",
        args.role,
        if first {
            " (the first admin of this database)"
        } else {
            ""
        }
    )?;
    Ok(())
}

pub fn list(cli: &Cli, args: &ListArgs) -> Result<()> {
    let mut store = Setup::open_store(cli)?;
    require(cli, &mut store, Needs::ManageStaff)?;
    let accounts = store.staff_accounts()?;
    let mut out = super::stdout_for(args.format == ListFormat::Text);
    match args.format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = accounts
                .iter()
                .map(|a| {
                    serde_json::json!({
                        "id": a.id.as_str(),
                        "role": a.role.code(),
                        "enabled": a.is_enabled(),
                        "created_at": a.created_at,
                        "created_by": a.created_by,
                        "disabled_at": a.disabled_at,
                        "wrong_pins_in_a_row": a.failed_count,
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::Value::Array(rows))?;
        }
        ListFormat::Text => {
            for a in &accounts {
                writeln!(
                    out,
                    "{:<12} {:<14} {:<9} since {}",
                    a.id.as_str(),
                    a.role.code(),
                    if a.is_enabled() {
                        "enabled"
                    } else {
                        "disabled"
                    },
                    a.created_at.get(..10).unwrap_or(&a.created_at)
                )?;
            }
        }
    }
    Ok(())
}

pub fn disable(cli: &Cli, name: &str) -> Result<()> {
    let mut store = Setup::open_store(cli)?;
    let who = require(cli, &mut store, Needs::ManageStaff)?;
    let account = store
        .disable_staff(name.trim(), &who.id)
        .map_err(staff_error)?;
    writeln!(
        super::stdout_for(true),
        "disabled {}: they can no longer sign in; their visits and audit entries keep the name",
        account.id
    )?;
    Ok(())
}

/// A new PIN for oneself, or, for an admin, for anyone.
pub fn pin(cli: &Cli, name: &str) -> Result<()> {
    let mut store = Setup::open_store(cli)?;
    let who = require(cli, &mut store, Needs::Intake)?;
    let target = StaffId::parse(name).map_err(Error::Usage)?;
    if !target.as_str().eq_ignore_ascii_case(who.id.as_str()) {
        who.may(Needs::ManageStaff)
            .map_err(|e| Error::Denied(e.to_string()))?;
    }
    let hash = new_pin(&target, false)?;
    store
        .set_staff_pin(target.as_str(), &hash, &who.id)
        .map_err(staff_error)?;
    writeln!(super::stdout_for(true), "new PIN set for {target}")?;
    Ok(())
}
