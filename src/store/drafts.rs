//! Drafts of unfinished intakes: written as each field is left, offered back at the next start.

use super::{Store, now_rfc3339};
use rusqlite::OptionalExtension;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub stage: String,
    pub data: String,
    pub updated_at: String,
}

impl Store {
    /// Writes the draft, replacing its earlier state (one committed transaction: durable).
    pub fn save_draft(&self, id: &str, stage: &str, data: &str) -> super::Result<()> {
        self.conn.execute(
            "INSERT INTO drafts (id, stage, data, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET stage = excluded.stage, data = excluded.data, updated_at = excluded.updated_at",
            (id, stage, data, now_rfc3339()),
        )?;
        Ok(())
    }

    /// The most recently saved draft, if any.
    pub fn latest_draft(&self) -> super::Result<Option<Draft>> {
        Ok(self.conn
            .query_row(
                "SELECT id, stage, data, updated_at FROM drafts ORDER BY updated_at DESC, rowid DESC LIMIT 1",
                [],
                |r| Ok(Draft { id: r.get(0)?, stage: r.get(1)?, data: r.get(2)?, updated_at: r.get(3)? }),
            )
            .optional()?)
    }

    pub fn delete_draft(&self, id: &str) -> super::Result<()> {
        self.conn
            .execute("DELETE FROM drafts WHERE id = ?1", [id])?;
        Ok(())
    }
}
