//! Signing in against the accounts of a database: the PIN checked, wrong ones counted with the
//! growing wait they bring, each attempt in the audit trail.

use super::{Role, SignedIn, StaffId, verify_pin, wait_after};
use crate::store::Store;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error(
        "there is no staff account yet: create the first admin with `intake-desk staff add NAME --role admin` (or start the app)"
    )]
    NoStaff,
    #[error("there is no staff member {0}")]
    Unknown(String),
    #[error("{0} is disabled; an admin can add a new account")]
    Disabled(StaffId),
    #[error("wrong PIN for {who}{}", left_or_wait(.failures, .wait))]
    WrongPin {
        who: StaffId,
        failures: u32,
        /// How long the next attempt must wait.
        wait: Duration,
    },
    #[error(
        "too many wrong PINs for {who}: wait {} s before the next attempt",
        .wait.as_secs().max(1)
    )]
    Wait { who: StaffId, wait: Duration },
    #[error(transparent)]
    Pin(#[from] super::PinError),
    #[error(transparent)]
    Store(#[from] crate::store::Error),
}

fn left_or_wait(failures: &u32, wait: &Duration) -> String {
    if wait.is_zero() {
        let left = super::FREE_ATTEMPTS + 1 - failures;
        format!(" ({left} more before a wait)")
    } else {
        format!("; wait {} s before the next attempt", wait.as_secs())
    }
}

/// Checks `pin` for the account `name`. `via` says where (cli, tui), for the audit trail. On a
/// read-only database the PIN is checked but nothing is counted or recorded.
pub fn sign_in(
    store: &mut Store,
    name: &str,
    pin: &str,
    via: &str,
) -> Result<SignedIn, SignInError> {
    let now_ms = chrono::Utc::now().timestamp_millis();
    let Some(account) = store.staff_account(name.trim())? else {
        return Err(if store.has_staff()? {
            SignInError::Unknown(crate::text::escape_control(name.trim()).into_owned())
        } else {
            SignInError::NoStaff
        });
    };
    if !account.is_enabled() {
        return Err(SignInError::Disabled(account.id));
    }
    if let Some(until) = account.wait_until_ms.filter(|until| *until > now_ms) {
        return Err(SignInError::Wait {
            who: account.id,
            wait: Duration::from_millis((until - now_ms) as u64),
        });
    }
    let read_only = store.is_read_only();
    if !verify_pin(pin, &account.pin_hash)? {
        let recorded = if read_only {
            Err(crate::store::Error::ReadOnly(String::new()))
        } else {
            store.record_failed_sign_in(account.id.as_str(), wait_after, now_ms)
        };
        let failures = match recorded {
            Ok(count) => count,
            Err(e) if cannot_record(&e) => account.failed_count + 1,
            Err(e) => return Err(e.into()),
        };
        return Err(SignInError::WrongPin {
            who: account.id,
            failures,
            wait: wait_after(failures),
        });
    }
    if !read_only {
        match store.record_sign_in(account.id.as_str(), via) {
            // A damaged database (or one that stopped writing because of damage) is still
            // signed into, so that a copy can be saved and the damage looked at.
            Err(e) if cannot_record(&e) => {}
            other => other?,
        }
    }
    Ok(SignedIn {
        id: account.id,
        role: account.role,
    })
}

/// A database that can be read but not written: damaged, or read-only.
fn cannot_record(e: &crate::store::Error) -> bool {
    matches!(
        e,
        crate::store::Error::Damaged(_) | crate::store::Error::ReadOnly(_)
    )
}

/// The first admin of a database without staff.
pub fn create_first_admin(store: &mut Store, name: &str, pin: &str) -> Result<SignedIn, String> {
    let id = StaffId::parse(name)?;
    if let Some(problem) = super::pin_problem(pin) {
        return Err(problem);
    }
    let hash = super::hash_pin(pin).map_err(|e| e.to_string())?;
    store
        .add_staff(&id, Role::Admin, &hash, None)
        .map_err(|e| e.to_string())?;
    store
        .record_sign_in(id.as_str(), "first-admin")
        .map_err(|e| e.to_string())?;
    Ok(SignedIn {
        id,
        role: Role::Admin,
    })
}
