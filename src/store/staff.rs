//! Staff accounts: sign-in names, roles, PIN hashes and the count of wrong PINs in a row.

use super::audit::{AuditAction, NewAuditEntry, append};
use super::{Result, Store, now_rfc3339};
use crate::staff::{Role, StaffId};
use rusqlite::OptionalExtension;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAccount {
    pub id: StaffId,
    pub role: Role,
    pub pin_hash: String,
    pub created_at: String,
    pub created_by: Option<String>,
    pub disabled_at: Option<String>,
    /// Wrong PINs since the last sign-in.
    pub failed_count: u32,
    /// No sign-in before this instant (ms since the epoch), after too many wrong PINs.
    pub wait_until_ms: Option<i64>,
}

impl StaffAccount {
    pub fn is_enabled(&self) -> bool {
        self.disabled_at.is_none()
    }
}

/// Why an account change was refused.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("there is already a staff member {0}; choose another name")]
    Exists(String),
    #[error("there is no staff member {0}; `intake-desk staff list` shows who there is")]
    Unknown(String),
    #[error(
        "{0} is the last admin who can sign in; add another admin first (`intake-desk staff add NAME --role admin`)"
    )]
    LastAdmin(String),
    #[error("staff exist already: sign in as an admin to add more (--staff NAME)")]
    NotFirst,
    #[error("{0} is disabled already")]
    AlreadyDisabled(String),
    #[error(transparent)]
    Store(#[from] super::Error),
}

impl From<rusqlite::Error> for StaffError {
    fn from(e: rusqlite::Error) -> Self {
        StaffError::Store(e.into())
    }
}

const COLUMNS: &str =
    "id, role, pin_hash, created_at, created_by, disabled_at, failed_count, wait_until_ms";

fn account(r: &rusqlite::Row<'_>) -> rusqlite::Result<StaffAccount> {
    let text = |i: usize| r.get::<_, String>(i);
    let bad = |i: usize, why: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, why.into())
    };
    Ok(StaffAccount {
        id: StaffId::parse(&text(0)?).map_err(|why| bad(0, why))?,
        role: Role::parse(&text(1)?).map_err(|why| bad(1, why))?,
        pin_hash: text(2)?,
        created_at: text(3)?,
        created_by: r.get(4)?,
        disabled_at: r.get(5)?,
        failed_count: r.get(6)?,
        wait_until_ms: r.get(7)?,
    })
}

impl Store {
    /// Every account, enabled or not, by name.
    pub fn staff_accounts(&self) -> Result<Vec<StaffAccount>> {
        let mut statement = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM staff ORDER BY id"))?;
        let rows = statement.query_map([], account)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn staff_account(&self, id: &str) -> Result<Option<StaffAccount>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM staff WHERE id = ?1"),
                [id],
                account,
            )
            .optional()?)
    }

    /// Whether anyone can sign in (no one: the first admin is still to be made).
    pub fn has_staff(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM staff WHERE disabled_at IS NULL)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Adds an account. `by` is who signed in to add it; `None` only for the first admin of a
    /// database without staff (checked here, in the same transaction, so two first starts at
    /// once make one first admin and refuse the other).
    pub fn add_staff(
        &mut self,
        id: &StaffId,
        role: Role,
        pin_hash: &str,
        by: Option<&StaffId>,
    ) -> std::result::Result<(), StaffError> {
        let tx = self.conn.transaction()?;
        let any: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM staff)", [], |r| r.get(0))?;
        if by.is_none() && any {
            return Err(StaffError::NotFirst);
        }
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM staff WHERE id = ?1)",
            [id.as_str()],
            |r| r.get(0),
        )?;
        if exists {
            return Err(StaffError::Exists(id.to_string()));
        }
        tx.execute(
            "INSERT INTO staff (id, role, pin_hash, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)",
            (
                id.as_str(),
                role.code(),
                pin_hash,
                now_rfc3339(),
                by.map(StaffId::as_str),
            ),
        )?;
        let actor = by.unwrap_or(id);
        append(
            &tx,
            &NewAuditEntry::new(actor.as_str(), AuditAction::StaffAdd, "staff")
                .record(id.as_str())
                .detail("role", role.code()),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Disables an account (kept, so its visits and audit entries keep a name); the last admin
    /// who can sign in is not disabled.
    pub fn disable_staff(
        &mut self,
        id: &str,
        by: &StaffId,
    ) -> std::result::Result<StaffAccount, StaffError> {
        let tx = self.conn.transaction()?;
        let found = tx
            .query_row(
                &format!("SELECT {COLUMNS} FROM staff WHERE id = ?1"),
                [id],
                account,
            )
            .optional()?
            .ok_or_else(|| StaffError::Unknown(id.to_string()))?;
        if !found.is_enabled() {
            return Err(StaffError::AlreadyDisabled(found.id.to_string()));
        }
        let other_admins: i64 = tx.query_row(
            "SELECT count(*) FROM staff WHERE role = 'admin' AND disabled_at IS NULL AND id <> ?1",
            [id],
            |r| r.get(0),
        )?;
        if found.role == Role::Admin && other_admins == 0 {
            return Err(StaffError::LastAdmin(found.id.to_string()));
        }
        tx.execute(
            "UPDATE staff SET disabled_at = ?2 WHERE id = ?1",
            (id, now_rfc3339()),
        )?;
        append(
            &tx,
            &NewAuditEntry::new(by.as_str(), AuditAction::StaffDisable, "staff")
                .record(found.id.as_str()),
        )?;
        tx.commit()?;
        Ok(found)
    }

    /// Sets a new PIN hash (and clears the wrong-PIN count).
    pub fn set_staff_pin(
        &mut self,
        id: &str,
        pin_hash: &str,
        by: &StaffId,
    ) -> std::result::Result<(), StaffError> {
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE staff SET pin_hash = ?2, failed_count = 0, wait_until_ms = NULL WHERE id = ?1",
            (id, pin_hash),
        )?;
        if changed == 0 {
            return Err(StaffError::Unknown(id.to_string()));
        }
        append(
            &tx,
            &NewAuditEntry::new(by.as_str(), AuditAction::StaffPin, "staff").record(id),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Counts a wrong PIN (and the wait it brings, from `wait`), with its audit entry; the new
    /// count. One statement, so two desks failing at once both count.
    pub fn record_failed_sign_in(
        &mut self,
        id: &str,
        wait: impl Fn(u32) -> std::time::Duration,
        now_ms: i64,
    ) -> Result<u32> {
        let tx = self.conn.transaction()?;
        let count: u32 = tx.query_row(
            "UPDATE staff SET failed_count = failed_count + 1 WHERE id = ?1 RETURNING failed_count",
            [id],
            |r| r.get(0),
        )?;
        let until = now_ms + wait(count).as_millis() as i64;
        tx.execute(
            "UPDATE staff SET wait_until_ms = ?2 WHERE id = ?1",
            (id, (until > now_ms).then_some(until)),
        )?;
        append(
            &tx,
            &NewAuditEntry::new(id, AuditAction::SignInFailed, "staff")
                .record(id)
                .detail("wrong_in_a_row", count),
        )?;
        tx.commit()?;
        Ok(count)
    }

    /// A sign-in that succeeded: the wrong-PIN count starts again, with its audit entry.
    pub fn record_sign_in(&mut self, id: &str, via: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE staff SET failed_count = 0, wait_until_ms = NULL WHERE id = ?1",
            [id],
        )?;
        append(
            &tx,
            &NewAuditEntry::new(id, AuditAction::SignIn, "staff")
                .record(id)
                .detail("via", via),
        )?;
        tx.commit()?;
        Ok(())
    }
}
