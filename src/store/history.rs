//! Finding past visits for the History screen: by name (through the full-text index of people),
//! by date range, by topic and by referral, newest first.

use super::Store;
use super::returning::fts_query;
use rusqlite::params;

/// One line of the visit history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitSummary {
    pub id: String,
    pub started_at: String,
    pub kind: String,
    /// "Official name, first name" of an identified visitor.
    pub name: Option<String>,
    pub topics: Vec<String>,
    pub interpreter_language: Option<String>,
}

/// What to look for; every part given must match. `None` leaves that part open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitFilter {
    /// Words the visitor's names or AHV number start with.
    pub name: Option<String>,
    /// Start of the range, milliseconds since the epoch (inclusive).
    pub since_ms: Option<i64>,
    /// End of the range (exclusive).
    pub until_ms: Option<i64>,
    /// The visit gave at least one of these topics.
    pub topics: Option<Vec<String>>,
    /// The visit referred to at least one of these services.
    pub services: Option<Vec<String>>,
}

impl Store {
    /// The latest visits, newest first.
    pub fn recent_visits(&self, limit: usize) -> rusqlite::Result<Vec<VisitSummary>> {
        self.search_visits(&VisitFilter::default(), limit)
    }

    /// Visits matching the filter, newest first.
    pub fn search_visits(
        &self,
        filter: &VisitFilter,
        limit: usize,
    ) -> rusqlite::Result<Vec<VisitSummary>> {
        let name = match &filter.name {
            Some(typed) => match fts_query(typed) {
                Some(query) => Some(query),
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        let list = |ids: &Option<Vec<String>>| {
            ids.as_ref()
                .map(|ids| serde_json::to_string(ids).expect("strings serialise"))
        };
        let mut statement = self.conn.prepare_cached(
            "SELECT v.id, v.started_at, v.kind, p.official_name, p.first_name, v.topics, i.language
             FROM visits v
             LEFT JOIN people p ON p.id = v.person_id
             LEFT JOIN interpreter_use i ON i.visit_id = v.id
             WHERE (?1 IS NULL OR v.person_id IN (
                        SELECT q.id FROM people_fts f JOIN people q ON q.rowid = f.rowid
                        WHERE people_fts MATCH ?1))
               AND (?2 IS NULL OR v.started_ms >= ?2)
               AND (?3 IS NULL OR v.started_ms < ?3)
               AND (?4 IS NULL OR EXISTS (
                        SELECT 1 FROM json_each(v.topics) t
                        WHERE t.value IN (SELECT value FROM json_each(?4))))
               AND (?5 IS NULL OR EXISTS (
                        SELECT 1 FROM referrals r
                        WHERE r.visit_id = v.id
                          AND r.service_id IN (SELECT value FROM json_each(?5))))
             ORDER BY v.started_ms DESC
             LIMIT ?6",
        )?;
        let rows = statement.query_map(
            params![
                name,
                filter.since_ms,
                filter.until_ms,
                list(&filter.topics),
                list(&filter.services),
                limit as i64
            ],
            |r| {
                let official: Option<String> = r.get(3)?;
                let first: Option<String> = r.get(4)?;
                let topics: String = r.get(5)?;
                Ok(VisitSummary {
                    id: r.get(0)?,
                    started_at: r.get(1)?,
                    kind: r.get(2)?,
                    name: official.map(|o| match first {
                        Some(f) if !f.is_empty() => format!("{o}, {f}"),
                        _ => o,
                    }),
                    topics: serde_json::from_str(&topics).unwrap_or_default(),
                    interpreter_language: r.get(6)?,
                })
            },
        )?;
        rows.collect()
    }
}
