//! What the export needs from the database: which visits are due (new ones with consent, and
//! corrections of visits already delivered) and batches that remember exactly which version of
//! which visit they carried. A batch of new visits covers a range of `export_seq` (the order in
//! which identified visits with consent were saved), so recording it marks its visits without
//! writing a row per visit; `export_items` lists the exceptions (visits carried in a later
//! version) and every visit of a correction batch.

use super::LineSchema;
use super::batch_lines::each_line;
use super::records::VisitRecord;
use super::{BatchAction, BatchStatus, Store, now_rfc3339};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde::Serialize;

/// A batch as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchInfo {
    pub id: String,
    pub created_at: String,
    /// `folder:<path>` or `http:<url>`.
    pub target: String,
    /// `jsonl`, `csv` or `json` (the HTTP body).
    pub format: String,
    pub action: BatchAction,
    pub test: bool,
    pub visit_count: u64,
    pub sha256: Option<String>,
    pub status: BatchStatus,
    pub delivered_at: Option<String>,
    /// The batch header (eCH-0058) as written, kept so the batch can be written again unchanged.
    pub header: String,
    /// The version of its lines.
    pub schema: LineSchema,
}

/// A batch about to be written.
#[derive(Debug, Clone)]
pub struct NewBatch {
    pub id: String,
    pub created_at: String,
    pub target: String,
    pub format: String,
    pub action: BatchAction,
    pub test: bool,
    pub header: String,
    pub schema: LineSchema,
    /// Who exports: the signed-in staff member (or the scheduled job's account).
    pub staff_id: String,
}

/// One visit of a batch, in the version the batch carries.
#[derive(Debug, Clone)]
pub struct BatchLine {
    pub position: u64,
    pub revision: u32,
    /// For a correction: the batch that carried the version before.
    pub previous_batch: Option<String>,
    pub record: VisitRecord,
}

const BATCH_COLUMNS: &str =
    "id, created_at, target, format, action, test, visit_count, sha256, status,
                             delivered_at, header, schema";

fn batch_info(r: &rusqlite::Row<'_>) -> rusqlite::Result<BatchInfo> {
    Ok(BatchInfo {
        id: r.get(0)?,
        created_at: r.get(1)?,
        target: r.get(2)?,
        format: r.get(3)?,
        action: r.get(4)?,
        test: r.get(5)?,
        visit_count: r.get::<_, i64>(6)? as u64,
        sha256: r.get(7)?,
        status: r.get(8)?,
        delivered_at: r.get(9)?,
        header: r.get(10)?,
        schema: r.get(11)?,
    })
}

/// The highest `export_seq` a batch of new visits covers: everything above is due.
fn high_water(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT coalesce(max(last_seq), 0) FROM export_batches WHERE action = 1",
        [],
        |r| r.get(0),
    )
}

/// Visits corrected since the version last delivered (they must have left once).
const CORRECTIONS_DUE: &str = "FROM visits v
    WHERE v.export_seq IS NOT NULL AND v.revision > 1 AND v.export_seq <= ?1
      AND v.revision > coalesce((SELECT max(e.revision) FROM export_items e WHERE e.visit_id = v.id), 1)";

impl Store {
    /// A larger page cache for an export (16 MB): the inner pages of the indexes its four
    /// side-by-side reads walk stay in memory.
    pub fn cache_for_export(&self) -> super::Result<()> {
        Ok(self.conn.pragma_update(None, "cache_size", -16384)?)
    }

    /// Reserves a batch in one short write transaction: the due visits of its action (in the
    /// order saved, at most `limit`) become its own, so no other run takes them, and it is
    /// recorded as being written. The count taken; 0 records nothing. The file is written
    /// afterwards, outside the write lock, and [`Store::finish_batch`] records it done; a run that
    /// stops in between leaves the batch reserved, and the next run into the same folder writes it.
    pub fn reserve_batch(&mut self, batch: &NewBatch, limit: Option<u64>) -> super::Result<u64> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let taken = reserve(&tx, batch, limit)?;
        if taken > 0 {
            audit_export(&tx, batch, taken)?;
        }
        tx.commit()?;
        Ok(taken)
    }

    /// Records a reserved batch as written: its hash, count and status (`delivered` in a folder,
    /// `outbox` for HTTP).
    pub fn finish_batch(
        &self,
        batch_id: &str,
        sha256: &str,
        count: u64,
        status: BatchStatus,
    ) -> super::Result<()> {
        let delivered_at = (status == BatchStatus::Delivered).then(now_rfc3339);
        self.conn.execute(
            "UPDATE export_batches SET visit_count = ?2, sha256 = ?3, status = ?4, delivered_at = ?5
             WHERE id = ?1",
            params![batch_id, count as i64, sha256, status, delivered_at],
        )?;
        Ok(())
    }

    /// Batches reserved and not yet written (a run stopped half-way), oldest first.
    pub fn unfinished_batches(&self) -> super::Result<Vec<BatchInfo>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {BATCH_COLUMNS} FROM export_batches WHERE status = ?1 ORDER BY created_at, id"
        ))?;
        let rows = statement.query_map([BatchStatus::Writing], batch_info)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Visits waiting for export: new ones with consent, and corrections of delivered ones.
    pub fn pending_export_count(&self) -> super::Result<u64> {
        let high = high_water(&self.conn)?;
        let new: i64 = self.conn.query_row(
            "SELECT count(*) FROM visits WHERE export_seq > ?1",
            [high],
            |r| r.get(0),
        )?;
        let corrections: i64 =
            self.conn
                .query_row(&format!("SELECT count(*) {CORRECTIONS_DUE}"), [high], |r| {
                    r.get(0)
                })?;
        Ok((new + corrections) as u64)
    }

    /// Visits in batches written but not yet accepted by the HTTP server.
    pub fn outbox_visit_count(&self) -> super::Result<u64> {
        Ok(self
            .conn
            .query_row(
                "SELECT coalesce(sum(visit_count), 0) FROM export_batches WHERE status = ?1",
                [BatchStatus::Outbox],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as u64)?)
    }

    /// The latest batches, newest first.
    pub fn export_batches(&self, limit: usize) -> super::Result<Vec<BatchInfo>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {BATCH_COLUMNS} FROM export_batches ORDER BY created_at DESC, id DESC LIMIT ?1"
        ))?;
        let rows = statement.query_map([limit as i64], batch_info)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn export_batch(&self, id: &str) -> super::Result<Option<BatchInfo>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {BATCH_COLUMNS} FROM export_batches WHERE id = ?1"),
                [id],
                batch_info,
            )
            .optional()?)
    }

    /// Every line of a recorded batch, in order, each in the version the batch carried.
    pub fn for_each_batch_line(
        &self,
        batch_id: &str,
        f: impl FnMut(BatchLine) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        // One read transaction: every line from the same snapshot, while desks go on writing
        // (WAL lets readers and the writer pass each other).
        let read = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?;
        each_line(&read, batch_id, f)?;
        read.finish()?;
        Ok(())
    }

    /// The HTTP server accepted the batch.
    pub fn set_batch_delivered(&self, id: &str) -> super::Result<()> {
        self.conn.execute(
            "UPDATE export_batches SET status = ?3, delivered_at = ?2 WHERE id = ?1",
            params![id, now_rfc3339(), BatchStatus::Delivered],
        )?;
        Ok(())
    }

    /// Takes a batch back (the server refused it): its visits are due again as before. Only the
    /// newest batch of new visits can go back (an older one would leave a gap); `false` if not.
    pub fn undo_batch(&mut self, id: &str) -> super::Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let newest = high_water(&tx)?;
        let last: Option<i64> = tx
            .query_row(
                "SELECT last_seq FROM export_batches WHERE id = ?1 AND action = 1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        if last.is_some_and(|last| last < newest) {
            return Ok(false);
        }
        tx.execute("DELETE FROM export_items WHERE batch_id = ?1", [id])?;
        tx.execute("DELETE FROM export_batches WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(true)
    }

    /// Whether any of these visits is in this database: a batch whose visits are all unknown
    /// was written by another database into the same folder, and is not this one's to record.
    pub fn knows_any_visit(&self, ids: &[&str]) -> super::Result<bool> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT 1 FROM visits WHERE id = ?1")?;
        for id in ids {
            if statement.exists([id])? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Records a complete batch found in the export folder that the database does not know (the
    /// process stopped after publishing it, before its transaction committed), so its visits are
    /// not sent twice. Nothing else was exported since: a batch of new visits covers the range
    /// from the current high-water mark to the last of its visits.
    pub fn adopt_batch(
        &mut self,
        batch: &NewBatch,
        sha256: &str,
        lines: &[AdoptedLine],
    ) -> super::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        insert_batch(&tx, batch, BatchStatus::Delivered)?;
        audit_export(&tx, batch, lines.len() as u64)?;
        let mut last_seq = high_water(&tx)?;
        let first_seq = last_seq;
        for line in lines {
            let seq: Option<i64> = tx
                .query_row(
                    "SELECT export_seq FROM visits WHERE id = ?1",
                    [&line.visit_id],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            last_seq = last_seq.max(seq.unwrap_or(0));
            if batch.action == BatchAction::Correction || line.revision > 1 {
                tx.execute(
                    "INSERT INTO export_items (batch_id, visit_id, revision, previous_batch)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![batch.id, line.visit_id, line.revision, line.previous_batch],
                )?;
            }
        }
        tx.execute(
            "UPDATE export_batches SET visit_count = ?2, sha256 = ?3, delivered_at = ?4,
                    first_seq = ?5, last_seq = ?6
             WHERE id = ?1",
            params![
                batch.id,
                lines.len() as i64,
                sha256,
                now_rfc3339(),
                (batch.action == BatchAction::New).then_some(first_seq),
                (batch.action == BatchAction::New).then_some(last_seq),
            ],
        )?;
        Ok(tx.commit()?)
    }
}

/// A visit as a published batch file names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdoptedLine {
    pub visit_id: String,
    pub revision: u32,
    pub previous_batch: Option<String>,
}

/// The disclosure, for the audit trail: the batch, how many visits, to whom.
fn audit_export(tx: &Transaction<'_>, batch: &NewBatch, count: u64) -> super::Result<()> {
    super::audit::append(
        tx,
        &super::NewAuditEntry::new(&batch.staff_id, super::AuditAction::Export, "batch")
            .record(batch.id.as_str())
            .detail("count", count)
            .detail("target", batch.target.as_str())
            .detail(
                "action",
                if batch.action == BatchAction::Correction {
                    "correction"
                } else {
                    "new"
                },
            )
            .detail("test", batch.test),
    )?;
    Ok(())
}

fn insert_batch(
    tx: &Transaction<'_>,
    batch: &NewBatch,
    status: BatchStatus,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO export_batches (id, created_at, target, format, visit_count, status, action, test, header,
                                     schema, staff_id)
         VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            batch.id,
            batch.created_at,
            batch.target,
            batch.format,
            status,
            batch.action,
            batch.test,
            batch.header,
            batch.schema,
            batch.staff_id
        ],
    )?;
    Ok(())
}

/// Takes the due visits of the batch's action into it, in the order saved, at most `limit`; the
/// count taken (the batch is recorded only when it takes some).
fn reserve(tx: &Transaction<'_>, batch: &NewBatch, limit: Option<u64>) -> rusqlite::Result<u64> {
    let high = high_water(tx)?;
    let limit = limit.map_or(-1, |l| l as i64);
    if batch.action == BatchAction::Correction {
        insert_batch(tx, batch, BatchStatus::Writing)?;
        let taken = tx.execute(
            &format!(
                "INSERT INTO export_items (batch_id, visit_id, revision, previous_batch)
                 SELECT ?2, v.id, v.revision,
                    coalesce((SELECT e.batch_id FROM export_items e WHERE e.visit_id = v.id
                              ORDER BY e.revision DESC LIMIT 1),
                             (SELECT b.id FROM export_batches b WHERE b.action = 1
                              AND b.first_seq < v.export_seq AND b.last_seq >= v.export_seq))
                 {CORRECTIONS_DUE} ORDER BY v.export_seq LIMIT ?3"
            ),
            params![high, batch.id, limit],
        )?;
        if taken == 0 {
            tx.execute("DELETE FROM export_batches WHERE id = ?1", [&batch.id])?;
        } else {
            tx.execute(
                "UPDATE export_batches SET visit_count = ?2 WHERE id = ?1",
                params![batch.id, taken as i64],
            )?;
        }
        return Ok(taken as u64);
    }
    let last: Option<i64> = tx.query_row(
        "SELECT max(export_seq) FROM (SELECT export_seq FROM visits WHERE export_seq > ?1
                                         ORDER BY export_seq LIMIT ?2)",
        params![high, limit],
        |r| r.get(0),
    )?;
    let Some(last) = last else {
        return Ok(0);
    };
    let taken: i64 = tx.query_row(
        "SELECT count(*) FROM visits WHERE export_seq > ?1 AND export_seq <= ?2",
        params![high, last],
        |r| r.get(0),
    )?;
    insert_batch(tx, batch, BatchStatus::Writing)?;
    tx.execute(
        "UPDATE export_batches SET first_seq = ?2, last_seq = ?3, visit_count = ?4 WHERE id = ?1",
        params![batch.id, high, last, taken],
    )?;
    // Visits corrected before they first leave go in their current version: noted.
    tx.execute(
        "INSERT INTO export_items (batch_id, visit_id, revision)
         SELECT ?1, id, revision FROM visits
         WHERE export_seq > ?2 AND export_seq <= ?3 AND revision > 1",
        params![batch.id, high, last],
    )?;
    Ok(taken as u64)
}
