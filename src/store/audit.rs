//! The audit trail: who read, stored, changed, disclosed or removed which record, and when (DSV
//! Art. 4), never the personal data itself. Append-only (triggers refuse updates and deletes);
//! each entry carries a SHA-256 over itself and the entry before, so `audit verify` finds an
//! entry changed or removed behind the program's back. Nothing purges it.

use super::{Result, Store, now_rfc3339};
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// The hash the first entry follows.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What was done. Stored as its code; entries written by earlier versions keep theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
pub enum AuditAction {
    SignIn,
    SignInFailed,
    SignOut,
    Lock,
    /// Personal data shown: a visit, a dossier, a list of visits with persons, a slip with a name.
    Read,
    Create,
    Correct,
    Note,
    Export,
    Purge,
    Erase,
    Merge,
    Split,
    StaffAdd,
    StaffDisable,
    StaffPin,
    Backup,
    /// The database encrypted, or its key changed.
    Encrypt,
    Rekey,
    Demo,
    Settings,
}

impl AuditAction {
    pub fn code(self) -> &'static str {
        self.into()
    }
}

/// An entry to append: no personal data in any field, only ids, counts and targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    pub staff: String,
    pub action: AuditAction,
    /// The kind of record: visit, visits, person, batch, service, staff, database …
    pub entity: &'static str,
    pub record_ids: Vec<String>,
    /// Further facts as a JSON object: a batch's count and target, a filter, a reason code.
    pub detail: serde_json::Map<String, serde_json::Value>,
}

impl NewAuditEntry {
    pub fn new(staff: &str, action: AuditAction, entity: &'static str) -> NewAuditEntry {
        NewAuditEntry {
            staff: staff.to_string(),
            action,
            entity,
            record_ids: Vec::new(),
            detail: serde_json::Map::new(),
        }
    }

    pub fn record(mut self, id: impl Into<String>) -> Self {
        self.record_ids.push(id.into());
        self
    }

    pub fn records<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.record_ids.extend(ids.into_iter().map(Into::into));
        self
    }

    pub fn detail(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.detail.insert(key.to_string(), value.into());
        self
    }
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub staff: String,
    pub action: String,
    pub entity: String,
    pub record_ids: Vec<String>,
    pub detail: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// From this instant on (milliseconds since the epoch).
    pub since_ms: Option<i64>,
    pub staff: Option<String>,
    pub record: Option<String>,
}

/// What `audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditCheck {
    pub entries: i64,
    /// The last entry's hash: noted elsewhere, it also shows entries removed from the end.
    pub head: String,
    pub problems: Vec<AuditProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditProblem {
    /// The entry's fields no longer give its hash: changed after it was written.
    Changed { seq: i64 },
    /// Entries are missing before this one.
    Missing { from: i64, to: i64 },
    /// The entry does not follow the one before it (one before it was changed, replaced or removed).
    Unlinked { seq: i64 },
}

impl std::fmt::Display for AuditProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuditProblem::Changed { seq } => {
                write!(f, "entry {seq} was changed after it was written")
            }
            AuditProblem::Missing { from, to } if from == to => {
                write!(f, "entry {from} is missing")
            }
            AuditProblem::Missing { from, to } => write!(f, "entries {from} to {to} are missing"),
            AuditProblem::Unlinked { seq } => write!(
                f,
                "entry {seq} does not follow the entry before it (that one was changed or replaced)"
            ),
        }
    }
}

/// The hash of an entry: over the previous hash and every stored field, each length-prefixed so
/// no two different entries give the same input.
fn entry_hash(prev_hash: &str, seq: i64, f: &Stored<'_>) -> String {
    let mut hasher = Sha256::new();
    for field in [
        prev_hash,
        &seq.to_string(),
        f.at,
        &f.at_ms.to_string(),
        f.staff,
        f.action,
        f.entity,
        f.record_ids,
        f.detail,
    ] {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hex(&hasher.finalize())
}

/// An entry's fields as they are stored (old entries keep their own action and entity codes).
struct Stored<'a> {
    at: &'a str,
    at_ms: i64,
    staff: &'a str,
    action: &'a str,
    entity: &'a str,
    /// JSON array.
    record_ids: &'a str,
    /// JSON object.
    detail: &'a str,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends within the caller's transaction (so the entry and what it records are stored
/// together or not at all); the caller holds the write lock, so no other entry comes between.
pub(crate) fn append(conn: &Connection, entry: &NewAuditEntry) -> Result<i64> {
    let at = now_rfc3339();
    let record_ids = serde_json::to_string(&entry.record_ids)?;
    let detail = serde_json::Value::Object(entry.detail.clone()).to_string();
    Ok(append_stored(
        conn,
        &Stored {
            at: &at,
            at_ms: chrono::Utc::now().timestamp_millis(),
            staff: &entry.staff,
            action: entry.action.code(),
            entity: entry.entity,
            record_ids: &record_ids,
            detail: &detail,
        },
    )?)
}

fn append_stored(conn: &Connection, f: &Stored<'_>) -> rusqlite::Result<i64> {
    let (last_seq, prev_hash): (i64, String) = conn
        .prepare_cached("SELECT seq, hash FROM audit_trail ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_string()));
    let seq = last_seq + 1;
    let hash = entry_hash(&prev_hash, seq, f);
    conn.prepare_cached(
        "INSERT INTO audit_trail (seq, at, at_ms, staff, action, entity, record_ids, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(rusqlite::params![
        seq, f.at, f.at_ms, f.staff, f.action, f.entity, f.record_ids, f.detail, prev_hash, hash
    ])?;
    Ok(seq)
}

/// Migration 14: the entries of the old, unchained log become the first of the trail, in order.
pub(crate) fn chain_old_log(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let old: Vec<(String, String, String, String, Option<String>)> = {
        let mut statement =
            tx.prepare("SELECT at, actor, action, entity, entity_id FROM audit_log ORDER BY id")?;
        statement
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?
    };
    for (at, actor, action, entity, entity_id) in old {
        let at_ms = chrono::DateTime::parse_from_rfc3339(&at).map_or(0, |t| t.timestamp_millis());
        let record_ids = serde_json::to_string(&Vec::from_iter(entity_id))
            .expect("a list of strings serialises");
        let stored = Stored {
            at: &at,
            at_ms,
            staff: &actor,
            action: &action,
            entity: &entity,
            record_ids: &record_ids,
            detail: "{}",
        };
        append_stored(tx, &stored)?;
    }
    tx.execute_batch("DROP TABLE audit_log;")
}

impl Store {
    /// Appends one entry in a transaction of its own.
    pub fn audit(&mut self, entry: &NewAuditEntry) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let seq = append(&tx, entry)?;
        tx.commit()?;
        Ok(seq)
    }

    /// The entries that pass the filter, oldest first.
    pub fn audit_entries(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let mut statement = self.conn.prepare(
            "SELECT seq, at, staff, action, entity, record_ids, detail, prev_hash, hash
             FROM audit_trail
             WHERE (?1 IS NULL OR at_ms >= ?1)
               AND (?2 IS NULL OR staff = ?2 COLLATE NOCASE)
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(record_ids) WHERE value = ?3))
             ORDER BY seq",
        )?;
        let rows = statement.query_map(
            rusqlite::params![filter.since_ms, filter.staff, filter.record],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                ))
            },
        )?;
        let mut entries = Vec::new();
        for row in rows {
            let (seq, at, staff, action, entity, record_ids, detail, prev_hash, hash) = row?;
            entries.push(AuditEntry {
                seq,
                at,
                staff,
                action,
                entity,
                record_ids: serde_json::from_str(&record_ids)?,
                detail: serde_json::from_str(&detail)?,
                prev_hash,
                hash,
            });
        }
        Ok(entries)
    }

    /// Recomputes every entry's hash and link.
    pub fn verify_audit(&self) -> Result<AuditCheck> {
        let mut statement = self.conn.prepare(
            "SELECT seq, at, at_ms, staff, action, entity, record_ids, detail, prev_hash, hash
             FROM audit_trail ORDER BY seq",
        )?;
        let mut rows = statement.query([])?;
        let mut check = AuditCheck {
            entries: 0,
            head: GENESIS.to_string(),
            problems: Vec::new(),
        };
        let mut expected_seq = 1;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let prev_hash: String = r.get(8)?;
            let hash: String = r.get(9)?;
            let (at, at_ms, staff, action, entity, record_ids, detail): (
                String,
                i64,
                String,
                String,
                String,
                String,
                String,
            ) = (
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            );
            let computed = entry_hash(
                &prev_hash,
                seq,
                &Stored {
                    at: &at,
                    at_ms,
                    staff: &staff,
                    action: &action,
                    entity: &entity,
                    record_ids: &record_ids,
                    detail: &detail,
                },
            );
            if seq != expected_seq {
                check.problems.push(AuditProblem::Missing {
                    from: expected_seq,
                    to: seq - 1,
                });
            } else if prev_hash != check.head {
                check.problems.push(AuditProblem::Unlinked { seq });
            }
            if computed != hash {
                check.problems.push(AuditProblem::Changed { seq });
            }
            check.entries += 1;
            check.head = hash;
            expected_seq = seq + 1;
        }
        Ok(check)
    }
}
