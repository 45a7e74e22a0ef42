//! Reading the lines of a recorded batch, each visit in the version the batch carried: a batch of
//! new visits reads its `export_seq` range from four tables side by side, a batch of corrections
//! the visits listed for it.

use super::BatchAction;
use super::export::BatchLine;
use super::records::{
    INTERPRETER_COLUMNS, PERSON_COLUMNS, RECORD_COLUMNS, RECORD_JOINS, ReferralRecord,
    VISIT_COLUMNS, VisitRecord, interpreter_at, person_at, record_at, visit_at,
};
use rusqlite::{Connection, OptionalExtension, params};

/// Streams the lines of a batch; a visit corrected since is read from the version kept for it.
pub(super) fn each_line(
    conn: &Connection,
    batch_id: &str,
    f: impl FnMut(BatchLine) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let (action, first, last): (BatchAction, Option<i64>, Option<i64>) = conn.query_row(
        "SELECT action, first_seq, last_seq FROM export_batches WHERE id = ?1",
        [batch_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    match (action, first, last) {
        (BatchAction::New, Some(first), Some(last)) => {
            new_visit_lines(conn, batch_id, first, last, f)
        }
        _ => correction_lines(conn, batch_id, f),
    }
}

/// A batch of new visits: the visits of its `export_seq` range and, read side by side in the same
/// order, their people, interpreters and referrals (which carry the same number), so no visit
/// needs a lookup of its own.
fn new_visit_lines(
    conn: &Connection,
    batch_id: &str,
    first: i64,
    last: i64,
    mut f: impl FnMut(BatchLine) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let range = params![first, last];
    let mut visits = conn.prepare_cached(&format!(
        "SELECT v.export_seq, {VISIT_COLUMNS} FROM visits v
         WHERE v.export_seq > ?1 AND v.export_seq <= ?2 ORDER BY v.export_seq"
    ))?;
    let mut people = conn.prepare_cached(&format!(
        "SELECT p.export_seq, p.id, {PERSON_COLUMNS} FROM people p
         WHERE p.export_seq > ?1 AND p.export_seq <= ?2 ORDER BY p.export_seq"
    ))?;
    let mut interpreters = conn.prepare_cached(&format!(
        "SELECT t.export_seq, {INTERPRETER_COLUMNS} FROM interpreter_use t
         WHERE t.export_seq > ?1 AND t.export_seq <= ?2 ORDER BY t.export_seq"
    ))?;
    let mut referrals = conn.prepare_cached(
        "SELECT export_seq, service_id, reason, status, appointment_on, consent_to_share
         FROM referrals WHERE export_seq > ?1 AND export_seq <= ?2 ORDER BY export_seq, id",
    )?;
    let mut revision_in_batch = conn.prepare_cached(
        "SELECT revision FROM export_items WHERE batch_id = ?1 AND visit_id = ?2",
    )?;
    let mut people = people
        .query_map(range, |r| {
            Ok((r.get::<_, i64>(0)?, person_at(r, 2, r.get(1)?)?))
        })?
        .peekable();
    let mut interpreters = interpreters
        .query_map(range, |r| Ok((r.get::<_, i64>(0)?, interpreter_at(r, 1)?)))?
        .peekable();
    let mut referrals = referrals
        .query_map(range, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                ReferralRecord {
                    service_id: r.get(1)?,
                    reason: r.get(2)?,
                    status: r.get(3)?,
                    appointment_on: r.get(4)?,
                    consent_to_share: r.get(5)?,
                    slip: None,
                },
            ))
        })?
        .peekable();
    /// Takes the next row of a side table when it belongs to visit `seq`.
    fn take<T>(
        rows: &mut std::iter::Peekable<impl Iterator<Item = rusqlite::Result<(i64, T)>>>,
        seq: i64,
    ) -> rusqlite::Result<Option<T>> {
        while let Some(Ok((next, _))) = rows.peek() {
            if *next >= seq {
                break;
            }
            rows.next();
        }
        match rows.peek() {
            Some(Ok((next, _))) if *next == seq => {
                rows.next().transpose().map(|r| r.map(|(_, v)| v))
            }
            Some(Err(_)) => rows.next().transpose().map(|_| None),
            _ => Ok(None),
        }
    }
    let mut rows = visits.query(range)?;
    let mut position = 0;
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let mut record = visit_at(row, 1)?;
        record.person = take(&mut people, seq)?;
        record.interpreter = take(&mut interpreters, seq)?.flatten();
        while let Some(referral) = take(&mut referrals, seq)? {
            record.referrals.push(referral);
        }
        record.attach_slips();
        // Only a visit corrected before it first left is listed in export_items.
        let mut revision = 1;
        if record.revision > 1 {
            revision = revision_in_batch
                .query_row(params![batch_id, record.id], |r| r.get(0))
                .optional()?
                .unwrap_or(1);
        }
        if record.revision != revision {
            record = kept_version(conn, &record.id, revision)?;
        }
        position += 1;
        f(BatchLine {
            position,
            revision,
            previous_batch: None,
            record,
        })?;
    }
    Ok(())
}

/// A batch of corrections: the visits listed for it, each with the batch of its version before.
fn correction_lines(
    conn: &Connection,
    batch_id: &str,
    mut f: impl FnMut(BatchLine) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT i.revision, i.previous_batch, {RECORD_COLUMNS}
         FROM export_items i JOIN visits v ON v.id = i.visit_id {RECORD_JOINS}
         WHERE i.batch_id = ?1 ORDER BY v.export_seq"
    ))?;
    let mut rows = statement.query([batch_id])?;
    let mut position = 0;
    while let Some(row) = rows.next()? {
        let revision: u32 = row.get(0)?;
        let mut record = record_at(row, 2)?;
        if record.revision != revision {
            record = kept_version(conn, &record.id, revision)?;
        }
        position += 1;
        f(BatchLine {
            position,
            revision,
            previous_batch: row.get(1)?,
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
