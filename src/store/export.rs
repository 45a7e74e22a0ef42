//! What the export needs from the database: which visits are due (new ones with consent, and
//! corrections of visits already delivered), batches with the exact version of each visit they
//! carried, and marking — all in the transaction that records the batch.

use super::records::{RECORD_COLUMNS, RECORD_JOINS, VisitRecord, record_at};
use super::{Store, now_rfc3339};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde::Serialize;

/// eCH-0058 action codes used by batches.
pub const ACTION_NEW: u8 = 1;
pub const ACTION_CORRECTION: u8 = 4;

/// A batch as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchInfo {
    pub id: String,
    pub created_at: String,
    /// `folder:<path>` or `http:<url>`.
    pub target: String,
    /// `jsonl`, `csv` or `json` (the HTTP body).
    pub format: String,
    pub action: u8,
    pub test: bool,
    pub visit_count: u64,
    pub sha256: Option<String>,
    /// `delivered`, or `outbox` (written, waiting for the HTTP server to accept it).
    pub status: String,
    pub delivered_at: Option<String>,
    /// The batch header (eCH-0058) as written, kept so the batch can be written again unchanged.
    pub header: String,
}

/// A batch about to be written.
#[derive(Debug, Clone)]
pub struct NewBatch {
    pub id: String,
    pub created_at: String,
    pub target: String,
    pub format: String,
    pub action: u8,
    pub test: bool,
    pub header: String,
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

/// The write transaction of one export: it holds the database's write lock from choosing the
/// visits to recording the batch, so nothing saved meanwhile is half in and half out.
pub struct ExportTx<'c> {
    tx: Transaction<'c>,
}

const BATCH_COLUMNS: &str =
    "id, created_at, target, format, action, test, visit_count, sha256, status,
                             delivered_at, header";

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
    })
}

/// Which visits a batch of this action takes.
fn due_condition(action: u8) -> &'static str {
    if action == ACTION_CORRECTION {
        "person_id IS NOT NULL AND consent_to_export = 1
         AND exported_revision IS NOT NULL AND revision > exported_revision"
    } else {
        "person_id IS NOT NULL AND consent_to_export = 1 AND exported_batch IS NULL"
    }
}

impl Store {
    /// Starts an export; see [`ExportTx`].
    pub fn begin_export(&mut self) -> rusqlite::Result<ExportTx<'_>> {
        Ok(ExportTx {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
        })
    }

    /// Visits waiting for export: new ones with consent, and corrections of delivered ones.
    pub fn pending_export_count(&self) -> rusqlite::Result<u64> {
        let count = |action| -> rusqlite::Result<u64> {
            self.conn
                .query_row(
                    &format!(
                        "SELECT count(*) FROM visits WHERE {}",
                        due_condition(action)
                    ),
                    [],
                    |r| r.get::<_, i64>(0),
                )
                .map(|n| n as u64)
        };
        Ok(count(ACTION_NEW)? + count(ACTION_CORRECTION)?)
    }

    /// Visits in batches written but not yet accepted by the HTTP server.
    pub fn outbox_visit_count(&self) -> rusqlite::Result<u64> {
        self.conn
            .query_row(
                "SELECT coalesce(sum(visit_count), 0) FROM export_batches WHERE status = 'outbox'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as u64)
    }

    /// The latest batches, newest first.
    pub fn export_batches(&self, limit: usize) -> rusqlite::Result<Vec<BatchInfo>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {BATCH_COLUMNS} FROM export_batches ORDER BY created_at DESC, id DESC LIMIT ?1"
        ))?;
        let rows = statement.query_map([limit as i64], batch_info)?;
        rows.collect()
    }

    pub fn export_batch(&self, id: &str) -> rusqlite::Result<Option<BatchInfo>> {
        self.conn
            .query_row(
                &format!("SELECT {BATCH_COLUMNS} FROM export_batches WHERE id = ?1"),
                [id],
                batch_info,
            )
            .optional()
    }

    /// Every line of a recorded batch, in order, each in the version the batch carried.
    pub fn for_each_batch_line(
        &self,
        batch_id: &str,
        f: impl FnMut(BatchLine) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        each_line(&self.conn, batch_id, f)
    }

    /// The HTTP server accepted the batch.
    pub fn set_batch_delivered(&self, id: &str) -> rusqlite::Result<()> {
        self.conn.execute(
            "UPDATE export_batches SET status = 'delivered', delivered_at = ?2 WHERE id = ?1",
            params![id, now_rfc3339()],
        )?;
        Ok(())
    }

    /// Takes a batch back (the server refused it): its visits are due again as before.
    pub fn undo_batch(&mut self, id: &str) -> rusqlite::Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE visits SET exported_batch = i.previous_batch, exported_revision = i.previous_revision
             FROM export_items i WHERE i.batch_id = ?1 AND visits.id = i.visit_id",
            [id],
        )?;
        tx.execute("DELETE FROM export_items WHERE batch_id = ?1", [id])?;
        tx.execute("DELETE FROM export_batches WHERE id = ?1", [id])?;
        tx.commit()
    }

    /// Records a complete batch found in the export folder that the database does not know (the
    /// process stopped after publishing it, before its transaction committed): its visits are
    /// marked, so they are not sent twice.
    pub fn adopt_batch(
        &mut self,
        batch: &NewBatch,
        sha256: &str,
        visits: &[(String, u32)],
    ) -> rusqlite::Result<()> {
        let tx = self.conn.transaction()?;
        insert_batch(&tx, batch, "delivered")?;
        for (position, (visit_id, revision)) in visits.iter().enumerate() {
            tx.execute(
                "INSERT INTO export_items (batch_id, position, visit_id, revision, previous_batch, previous_revision)
                 SELECT ?1, ?2, id, ?3, exported_batch, exported_revision FROM visits WHERE id = ?4",
                params![batch.id, position as i64 + 1, revision, visit_id],
            )?;
        }
        tx.execute(
            "UPDATE visits SET exported_batch = ?1, exported_revision = i.revision
             FROM export_items i WHERE i.batch_id = ?1 AND visits.id = i.visit_id
               AND (visits.exported_revision IS NULL OR visits.exported_revision < i.revision)",
            [&batch.id],
        )?;
        tx.execute(
            "UPDATE export_batches SET visit_count = ?2, sha256 = ?3, delivered_at = ?4 WHERE id = ?1",
            params![batch.id, visits.len() as i64, sha256, now_rfc3339()],
        )?;
        tx.commit()
    }
}

fn insert_batch(tx: &Transaction<'_>, batch: &NewBatch, status: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO export_batches (id, created_at, target, format, visit_count, status, action, test, header)
         VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8)",
        params![
            batch.id,
            batch.created_at,
            batch.target,
            batch.format,
            status,
            batch.action,
            batch.test,
            batch.header
        ],
    )?;
    Ok(())
}

impl ExportTx<'_> {
    /// Takes every due visit of the batch's action into it, oldest first; the count taken.
    /// At most `limit` visits when given.
    pub fn reserve(&self, batch: &NewBatch, limit: Option<u64>) -> rusqlite::Result<u64> {
        insert_batch(&self.tx, batch, "writing")?;
        let taken = self.tx.execute(
            &format!(
                "INSERT INTO export_items (batch_id, position, visit_id, revision, previous_batch, previous_revision)
                 SELECT ?1, row_number() OVER (ORDER BY started_ms, id), id, revision, exported_batch,
                        exported_revision
                 FROM visits WHERE {} ORDER BY started_ms, id LIMIT ?2",
                due_condition(batch.action)
            ),
            params![batch.id, limit.map_or(-1, |l| l as i64)],
        )?;
        if taken == 0 {
            self.tx
                .execute("DELETE FROM export_batches WHERE id = ?1", [&batch.id])?;
        }
        Ok(taken as u64)
    }

    pub fn for_each_line(
        &self,
        batch_id: &str,
        f: impl FnMut(BatchLine) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        each_line(&self.tx, batch_id, f)
    }

    /// Records the written batch and marks its visits; nothing of it is visible before this.
    pub fn finish(
        self,
        batch_id: &str,
        sha256: &str,
        count: u64,
        status: &str,
    ) -> rusqlite::Result<()> {
        let delivered_at = (status == "delivered").then(now_rfc3339);
        self.tx.execute(
            "UPDATE export_batches SET visit_count = ?2, sha256 = ?3, status = ?4, delivered_at = ?5
             WHERE id = ?1",
            params![batch_id, count as i64, sha256, status, delivered_at],
        )?;
        self.tx.execute(
            "UPDATE visits SET exported_batch = ?1, exported_revision = i.revision
             FROM export_items i WHERE i.batch_id = ?1 AND visits.id = i.visit_id",
            [batch_id],
        )?;
        self.tx.commit()
    }
}

/// Streams the lines of a batch; a visit corrected since is read from the version kept for it.
fn each_line(
    conn: &Connection,
    batch_id: &str,
    mut f: impl FnMut(BatchLine) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT i.position, i.revision, i.previous_batch, {RECORD_COLUMNS}
         FROM export_items i JOIN visits v ON v.id = i.visit_id {RECORD_JOINS}
         WHERE i.batch_id = ?1 ORDER BY i.position"
    ))?;
    let mut rows = statement.query([batch_id])?;
    while let Some(row) = rows.next()? {
        let revision: u32 = row.get(1)?;
        let mut record = record_at(row, 3)?;
        if record.revision != revision {
            record = kept_version(conn, &record.id, revision)?;
        }
        f(BatchLine {
            position: row.get::<_, i64>(0)? as u64,
            revision,
            previous_batch: row.get(2)?,
            record,
        })?;
    }
    Ok(())
}

fn kept_version(conn: &Connection, visit_id: &str, revision: u32) -> anyhow::Result<VisitRecord> {
    let text: Option<String> = conn
        .query_row(
            "SELECT record FROM visit_revisions WHERE visit_id = ?1 AND revision = ?2",
            params![visit_id, revision],
            |r| r.get(0),
        )
        .optional()?;
    let text = text.ok_or_else(|| {
        anyhow::anyhow!("version {revision} of visit {visit_id} is no longer kept")
    })?;
    Ok(serde_json::from_str(&text)?)
}
