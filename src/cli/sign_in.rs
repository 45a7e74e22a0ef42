//! Signing in for a command that reads or writes personal data: `--staff NAME` (or
//! INTAKE_DESK_STAFF), the PIN from INTAKE_DESK_PIN or a prompt on the terminal.

use super::Cli;
use crate::error::{Error, Result};
use crate::staff::{Needs, SignInError, SignedIn, sign_in};
use crate::store::Store;
use std::io::IsTerminal;

pub const STAFF_VARIABLE: &str = "INTAKE_DESK_STAFF";
pub const PIN_VARIABLE: &str = "INTAKE_DESK_PIN";

/// A variable that is set and not empty.
fn variable(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Who signs in: `--staff`, else INTAKE_DESK_STAFF.
pub fn staff_name(cli: &Cli) -> Option<String> {
    cli.staff.clone().or_else(|| variable(STAFF_VARIABLE))
}

/// The PIN: INTAKE_DESK_PIN, else asked on the terminal (not echoed); `None` without either.
pub fn pin(prompt: &str) -> Result<Option<String>> {
    if let Some(pin) = variable(PIN_VARIABLE) {
        return Ok(Some(pin));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    Ok(Some(rpassword::prompt_password(prompt)?))
}

/// Signs in and checks the role covers `needs`; refusals exit with 4 and say what to do.
pub fn require(cli: &Cli, store: &mut Store, needs: Needs) -> Result<SignedIn> {
    let Some(name) = staff_name(cli) else {
        return Err(Error::Denied(if store.has_staff()? {
            format!(
                "{} needs a signed-in staff member: give --staff NAME (or {STAFF_VARIABLE}) and the PIN at the prompt or in {PIN_VARIABLE}",
                needs.what()
            )
        } else {
            SignInError::NoStaff.to_string()
        }));
    };
    let Some(pin) = pin(&format!(
        "PIN for {}: ",
        crate::text::escape_control(name.trim())
    ))?
    else {
        return Err(Error::Denied(format!(
            "no PIN for {}: give it at the prompt (on a terminal) or in {PIN_VARIABLE}",
            crate::text::escape_control(name.trim())
        )));
    };
    let who = sign_in(store, &name, &pin, "cli").map_err(|e| match e {
        SignInError::Store(db) => Error::from(db),
        other => Error::Denied(other.to_string()),
    })?;
    who.may(needs).map_err(|e| Error::Denied(e.to_string()))?;
    if store.is_read_only() {
        eprintln!(
            "note: {} is read-only: this sign-in and what it reads are not recorded in its audit trail",
            store.path().display()
        );
    }
    Ok(who)
}

/// Appends an audit entry; on a read-only database (which can only be read) nothing can be.
/// On a damaged one (which `db backup` must still copy) the entry is left out with a warning.
pub fn record(store: &mut Store, entry: &crate::store::NewAuditEntry) -> Result<()> {
    if store.is_read_only() {
        return Ok(());
    }
    let damaged = |why: &str| {
        eprintln!("note: the database is damaged ({why}): this is not in its audit trail");
        Ok(())
    };
    match store.audit(entry) {
        Err(crate::store::Error::Damaged(why)) => damaged(&why),
        Ok(_) => Ok(()),
        // Encrypted, a page that failed its check leaves the connection unable to write
        // (SQLCipher): the same case, told the same way.
        Err(e) => match Store::damage(store.path()) {
            Some(why) => damaged(&why),
            None => Err(e.into()),
        },
    }
}
