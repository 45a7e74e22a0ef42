//! The waiting queue: visitors checked in and not yet seen. On disk, so a restart loses nobody;
//! waiting times are kept for the reports.

use super::{Store, now_rfc3339};
use crate::domain::Urgency;
use rusqlite::{OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry {
    pub id: String,
    /// Name or ticket number, as the visitor gave it.
    pub label: String,
    pub reason: String,
    pub urgency: Urgency,
    /// The visitor's language, if known.
    pub language: Option<crate::domain::LanguageCode>,
    pub interpreter_needed: bool,
    /// Milliseconds since the epoch (UTC) of the check-in.
    pub checked_in_ms: i64,
}

/// How a waiting visitor left the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueExit {
    /// Taken into a visit.
    Taken,
    /// Left without being seen.
    Left,
}

impl Store {
    pub fn queue_add(&self, desk_id: &str, entry: &QueueEntry) -> super::Result<()> {
        self.conn.execute(
            "INSERT INTO queue (id, desk_id, checked_in_at, checked_in_ms, label, reason, urgency, language,
                                interpreter_needed, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'waiting')",
            params![
                entry.id,
                desk_id,
                now_rfc3339(),
                entry.checked_in_ms,
                entry.label,
                entry.reason,
                <&str>::from(entry.urgency),
                entry.language.as_ref().map(|l| l.as_str()),
                entry.interpreter_needed,
            ],
        )?;
        Ok(())
    }

    /// Everyone waiting: urgent first (today, this week, normal), then by arrival.
    pub fn queue_waiting(&self) -> super::Result<Vec<QueueEntry>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, label, reason, urgency, language, interpreter_needed, checked_in_ms
             FROM queue WHERE status = 'waiting'
             ORDER BY CASE urgency WHEN 'today' THEN 0 WHEN 'this-week' THEN 1 ELSE 2 END, checked_in_ms",
        )?;
        let rows = statement.query_map([], |r| {
            let urgency: String = r.get(3)?;
            Ok(QueueEntry {
                id: r.get(0)?,
                label: r.get(1)?,
                reason: r.get(2)?,
                urgency: urgency.parse().map_err(|_| {
                    rusqlite::Error::FromSqlConversionFailure(
                        3,
                        rusqlite::types::Type::Text,
                        format!("unknown urgency {urgency:?}").into(),
                    )
                })?,
                language: match r.get::<_, Option<String>>(4)? {
                    None => None,
                    Some(text) => Some(crate::domain::LanguageCode::from_stored(&text).map_err(
                        |e| {
                            rusqlite::Error::FromSqlConversionFailure(
                                4,
                                rusqlite::types::Type::Text,
                                e.into(),
                            )
                        },
                    )?),
                },
                interpreter_needed: r.get(5)?,
                checked_in_ms: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Puts a visitor noted as gone unseen back in the queue, in their old place (the waiting
    /// time runs on from the check-in); false when they were not noted so.
    pub fn queue_reopen(&self, id: &str) -> super::Result<bool> {
        let changed = self.conn.execute(
            "UPDATE queue SET status = 'waiting', ended_ms = NULL WHERE id = ?1 AND status = 'left'",
            [id],
        )?;
        Ok(changed == 1)
    }

    /// Ends a waiting entry; returns the seconds waited, or `None` if it was not waiting.
    pub fn queue_end(&self, id: &str, exit: QueueExit, now_ms: i64) -> super::Result<Option<u32>> {
        let checked_in: Option<i64> = self
            .conn
            .query_row(
                "SELECT checked_in_ms FROM queue WHERE id = ?1 AND status = 'waiting'",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(checked_in) = checked_in else {
            return Ok(None);
        };
        let status = match exit {
            QueueExit::Taken => "taken",
            QueueExit::Left => "left",
        };
        self.conn.execute(
            "UPDATE queue SET status = ?2, ended_ms = ?3 WHERE id = ?1",
            params![id, status, now_ms],
        )?;
        Ok(Some(((now_ms - checked_in).max(0) / 1000) as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, urgency: Urgency, at: i64) -> QueueEntry {
        QueueEntry {
            id: id.into(),
            label: format!("ticket {id}"),
            reason: String::new(),
            urgency,
            language: None,
            interpreter_needed: false,
            checked_in_ms: at,
        }
    }

    #[test]
    fn urgent_visitors_come_first_then_by_arrival_and_ending_records_the_wait() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("q.db")).unwrap();
        store
            .queue_add("d", &entry("a", Urgency::Normal, 1_000))
            .unwrap();
        store
            .queue_add("d", &entry("b", Urgency::Today, 5_000))
            .unwrap();
        store
            .queue_add("d", &entry("c", Urgency::Normal, 2_000))
            .unwrap();
        store
            .queue_add("d", &entry("e", Urgency::ThisWeek, 9_000))
            .unwrap();
        let order: Vec<String> = store
            .queue_waiting()
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(order, ["b", "e", "a", "c"]);
        assert_eq!(
            store.queue_end("a", QueueExit::Taken, 61_000).unwrap(),
            Some(60)
        );
        assert_eq!(
            store.queue_end("a", QueueExit::Left, 99_000).unwrap(),
            None,
            "only once"
        );
        assert_eq!(
            store.queue_end("c", QueueExit::Left, 3_000).unwrap(),
            Some(1)
        );
        let order: Vec<String> = store
            .queue_waiting()
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(order, ["b", "e"]);
    }
}
