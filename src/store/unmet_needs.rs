//! Needs no service could meet ("no suitable service"), recorded with a reason and counted.

use super::{Store, now_rfc3339};

/// What staff record when the directory has nothing for a visitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmetNeed {
    pub desk_id: String,
    /// The visit it belongs to, when recorded during an intake.
    pub visit_id: Option<String>,
    /// What was searched for in the directory.
    pub searched_for: String,
    pub reason: String,
}

impl Store {
    pub fn record_unmet_need(&self, need: &UnmetNeed) -> super::Result<()> {
        self.conn.execute(
            "INSERT INTO unmet_needs (recorded_at, recorded_ms, desk_id, visit_id, searched_for, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            (
                now_rfc3339(),
                chrono::Utc::now().timestamp_millis(),
                &need.desk_id,
                &need.visit_id,
                &need.searched_for,
                &need.reason,
            ),
        )?;
        Ok(())
    }

    pub fn unmet_need_count(&self) -> super::Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM unmet_needs", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as u64)?)
    }
}
