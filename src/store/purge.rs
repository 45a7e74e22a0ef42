//! Removing personal data: the visits past the retention period (once exported, or never to be
//! exported) and a person's visits on their request to be forgotten. What the reports count
//! stays (kind, topics, languages, referrals' services, competence answer, times); names, birth
//! dates, AHV numbers, phones, notes, free text and the facts of competence answers go, from
//! the visits, their earlier versions, their persons and the drafts. Afterwards the file is
//! rewritten (secure delete, VACUUM, the write-ahead log emptied) so purged text is gone from
//! the bytes on disk, not only from the tables.

use super::audit::{AuditAction, NewAuditEntry, append};
use super::{Result, Store, now_rfc3339};

/// What a purge removed (or, dry, would remove).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PurgeReport {
    pub visits: u64,
    pub persons: u64,
    pub revisions: u64,
    pub drafts: u64,
    pub queue_entries: u64,
    /// The write-ahead log could not be emptied (another program has the database open): its
    /// old pages go at the next checkpoint.
    pub log_kept: bool,
}

/// How a purge runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Run {
    /// Counts, changes nothing.
    Dry,
    /// Removes, then rewrites the whole file (VACUUM).
    Rewrite,
    /// Removes at the app's start: secure delete has zeroed it; no VACUUM to wait for.
    AtStart,
}

/// Which visits a purge takes.
enum Selection<'a> {
    /// Started before this instant (ms since the epoch) and exported or never to be.
    OlderThan(i64),
    /// Every visit of this person (a stable id), whatever its age or export.
    Person(&'a str),
}

/// Visits that left in a delivered batch, in their latest version.
const EXPORTED: &str = "EXISTS (SELECT 1 FROM export_batches b
        WHERE b.action = 1 AND b.status = 'delivered'
          AND b.first_seq < v.export_seq AND b.last_seq >= v.export_seq)
    AND (v.revision = 1 OR EXISTS (SELECT 1 FROM export_items e
        JOIN export_batches b ON b.id = e.batch_id
        WHERE e.visit_id = v.id AND e.revision = v.revision AND b.status = 'delivered'))";

/// The stage data that is about the person rather than the visit: the reason in their words,
/// the facts and dates behind a competence answer, the financial documents.
const PERSONAL_STAGE_DATA: &str = "json_remove(stage_data, '$.reason', '$.competence.inputs',
    '$.competence.since', '$.competence.next_change', '$.financial_request.documents')";

impl Store {
    /// Purges the personal data of visits started before `cutoff_ms` that were exported or are
    /// never to be (anonymous, or without consent), and drafts older than it. `dry_run` counts
    /// only. In the name of `staff`, in the audit trail.
    pub fn purge(&mut self, cutoff_ms: i64, staff: &str, dry_run: bool) -> Result<PurgeReport> {
        let run = if dry_run { Run::Dry } else { Run::Rewrite };
        self.purge_selected(Selection::OlderThan(cutoff_ms), staff, run)
    }

    /// The purge the app runs at every start: as [`Store::purge`], without rewriting the whole
    /// file (secure delete has zeroed what was removed; the log is emptied).
    pub fn purge_at_start(&mut self, cutoff_ms: i64) -> Result<PurgeReport> {
        self.purge_selected(Selection::OlderThan(cutoff_ms), "retention", Run::AtStart)
    }

    /// A person's request to be forgotten: the personal data of every visit of theirs. Visits
    /// of theirs not exported yet never will be. `None` when there is no such person.
    pub fn erase_person(&mut self, person: &str, staff: &str) -> Result<Option<PurgeReport>> {
        let exists: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM persons WHERE id = ?1)",
            [person],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(None);
        }
        self.purge_selected(Selection::Person(person), staff, Run::Rewrite)
            .map(Some)
    }

    fn purge_selected(
        &mut self,
        selection: Selection<'_>,
        staff: &str,
        run: Run,
    ) -> Result<PurgeReport> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS purge_visits (id TEXT PRIMARY KEY, person_id TEXT)
                WITHOUT ROWID;
             DELETE FROM temp.purge_visits;",
        )?;
        let (action, record, cutoff_ms) = match selection {
            Selection::OlderThan(cutoff) => {
                tx.execute(
                    &format!(
                        "INSERT INTO temp.purge_visits (id, person_id)
                         SELECT v.id, v.person_id FROM visits v
                         WHERE v.purged_at IS NULL AND v.started_ms < ?1
                           AND (v.export_seq IS NULL OR ({EXPORTED}))"
                    ),
                    [cutoff],
                )?;
                (AuditAction::Purge, None, Some(cutoff))
            }
            Selection::Person(person) => {
                tx.execute(
                    "INSERT INTO temp.purge_visits (id, person_id)
                     SELECT v.id, v.person_id FROM visits v JOIN people p ON p.id = v.person_id
                     WHERE p.person_key = ?1",
                    [person],
                )?;
                // Not exported yet: never, now (the high-water mark of new batches stays).
                let high: i64 = tx.query_row(
                    "SELECT coalesce(max(last_seq), 0) FROM export_batches WHERE action = 1",
                    [],
                    |r| r.get(0),
                )?;
                tx.execute_batch(&format!(
                    "UPDATE visits SET export_seq = NULL, consent_to_export = 0
                     WHERE export_seq > {high} AND id IN (SELECT id FROM temp.purge_visits);
                     UPDATE people SET export_seq = NULL
                     WHERE export_seq > {high} AND id IN (SELECT person_id FROM temp.purge_visits);
                     UPDATE interpreter_use SET export_seq = NULL
                     WHERE export_seq > {high} AND visit_id IN (SELECT id FROM temp.purge_visits);
                     UPDATE referrals SET export_seq = NULL
                     WHERE export_seq > {high} AND visit_id IN (SELECT id FROM temp.purge_visits);"
                ))?;
                (AuditAction::Erase, Some(person.to_string()), None)
            }
        };
        let now = now_rfc3339();
        let mut report = PurgeReport {
            visits: tx.query_row("SELECT count(*) FROM temp.purge_visits", [], |r| {
                r.get::<_, i64>(0)
            })? as u64,
            ..PurgeReport::default()
        };
        // Removing tokens from the name index one row at a time (secure-delete) is what would
        // take the time of a large purge: the index is rebuilt from the blanked rows instead.
        if report.visits > 0 {
            tx.execute_batch(
                "INSERT INTO people_fts (people_fts, rank) VALUES ('secure-delete', 0);",
            )?;
        }
        tx.execute(
            "UPDATE people SET official_name = '', first_name = '', birth_date = NULL, vn = NULL,
                sex = NULL, nationality = NULL, language = NULL, phone = NULL,
                residence_status = 'none', commune_of_stay = NULL, support_domicile = NULL,
                name_key = NULL, latin = ''
             WHERE id IN (SELECT person_id FROM temp.purge_visits WHERE person_id IS NOT NULL)",
            [],
        )?;
        tx.execute(
            &format!(
                "UPDATE visits SET note = NULL, stage_data = {PERSONAL_STAGE_DATA}, purged_at = ?1
                 WHERE id IN (SELECT id FROM temp.purge_visits)"
            ),
            [&now],
        )?;
        tx.execute(
            "UPDATE referrals SET reason = '' WHERE visit_id IN (SELECT id FROM temp.purge_visits)",
            [],
        )?;
        report.revisions = tx.execute(
            "DELETE FROM visit_revisions WHERE visit_id IN (SELECT id FROM temp.purge_visits)",
            [],
        )? as u64;
        // A person's competence answer (with its facts) goes once no visit of theirs keeps data.
        report.persons = tx.execute(
            "UPDATE persons SET competence = NULL, competence_at = NULL, competence_ms = NULL,
                next_change_on = NULL
             WHERE id IN (SELECT p.person_key FROM people p
                          WHERE p.id IN (SELECT person_id FROM temp.purge_visits))
               AND NOT EXISTS (SELECT 1 FROM people p JOIN visits v ON v.person_id = p.id
                               WHERE p.person_key = persons.id AND v.purged_at IS NULL)",
            [],
        )? as u64;
        if let Some(cutoff) = cutoff_ms {
            report.drafts = tx.execute(
                "DELETE FROM drafts WHERE unixepoch(updated_at) * 1000 < ?1",
                [cutoff],
            )? as u64;
            report.queue_entries = tx.execute(
                "UPDATE queue SET label = '', reason = ''
                 WHERE status <> 'waiting' AND checked_in_ms < ?1 AND (label <> '' OR reason <> '')",
                [cutoff],
            )? as u64;
        }
        if report.visits > 0 {
            tx.execute_batch(
                "INSERT INTO people_fts (people_fts) VALUES ('rebuild');
                 INSERT INTO people_fts (people_fts, rank) VALUES ('secure-delete', 1);",
            )?;
        }
        if run == Run::Dry {
            tx.rollback()?;
            return Ok(report);
        }
        if report.visits + report.drafts + report.queue_entries > 0 || record.is_some() {
            let ids: Vec<String> = {
                let mut statement = tx.prepare("SELECT id FROM temp.purge_visits ORDER BY id")?;
                statement
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            };
            let entry = NewAuditEntry::new(staff, action, "visits")
                .records(record)
                .records(ids)
                .detail("visits", report.visits)
                .detail("drafts", report.drafts)
                .detail("queue_entries", report.queue_entries);
            let entry = match cutoff_ms {
                Some(cutoff) => entry.detail("before_ms", cutoff),
                None => entry,
            };
            append(&tx, &entry)?;
        }
        tx.commit()?;
        if report.visits + report.drafts + report.queue_entries > 0 {
            report.log_kept = !self.compact(run == Run::Rewrite)?;
        }
        Ok(report)
    }

    /// Leaves no deleted text in the file: the name index merged (its deleted entries dropped),
    /// with `vacuum` the whole file rewritten, the write-ahead log checkpointed and truncated.
    /// `false` when another connection kept the log from being emptied.
    pub fn compact(&mut self, vacuum: bool) -> Result<bool> {
        self.conn
            .execute_batch("INSERT INTO people_fts (people_fts) VALUES ('optimize');")?;
        if vacuum {
            self.conn.execute_batch("VACUUM;")?;
        }
        let (busy, _, _): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        Ok(busy == 0)
    }
}
