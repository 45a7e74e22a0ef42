//! Finding past visits for the History screen: by name (through the full-text index of people),
//! by date range, by topic and by referral, newest first.

use super::Store;
use super::returning::fts_query;

/// One line of the visit history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitSummary {
    pub id: String,
    pub started_at: String,
    pub kind: String,
    /// "Official name, first name" of an identified visitor.
    pub name: Option<String>,
    pub topics: Vec<String>,
    /// The person's stable id, for their dossier.
    pub person_key: Option<String>,
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
    pub fn recent_visits(&self, limit: usize) -> super::Result<Vec<VisitSummary>> {
        self.search_visits(&VisitFilter::default(), limit)
    }

    /// Visits matching the filter, newest first. The statement holds only the parts given, so
    /// SQLite can start from the most selective one (a name starts from the full-text index).
    pub fn search_visits(
        &self,
        filter: &VisitFilter,
        limit: usize,
    ) -> super::Result<Vec<VisitSummary>> {
        use rusqlite::types::Value;
        let mut sql = String::from(
            "SELECT v.id, v.started_at, v.kind, p.official_name, p.first_name, v.topics, i.language,
                    p.person_key ",
        );
        let mut values: Vec<Value> = Vec::new();
        match &filter.name {
            Some(typed) => {
                let Some(query) = fts_query(typed) else {
                    return Ok(Vec::new());
                };
                sql.push_str(
                    "FROM people_fts f JOIN people p ON p.rowid = f.rowid
                     JOIN visits v ON v.person_id = p.id
                     LEFT JOIN interpreter_use i ON i.visit_id = v.id
                     WHERE people_fts MATCH ?",
                );
                values.push(Value::Text(query));
            }
            None => sql.push_str(
                "FROM visits v LEFT JOIN people p ON p.id = v.person_id
                 LEFT JOIN interpreter_use i ON i.visit_id = v.id
                 WHERE 1",
            ),
        }
        if let Some(since) = filter.since_ms {
            sql.push_str(" AND v.started_ms >= ?");
            values.push(Value::Integer(since));
        }
        if let Some(until) = filter.until_ms {
            sql.push_str(" AND v.started_ms < ?");
            values.push(Value::Integer(until));
        }
        for (ids, condition) in [
            (
                &filter.topics,
                " AND EXISTS (SELECT 1 FROM json_each(v.topics) t
                              WHERE t.value IN (SELECT value FROM json_each(?)))",
            ),
            (
                &filter.services,
                " AND EXISTS (SELECT 1 FROM referrals r WHERE r.visit_id = v.id
                              AND r.service_id IN (SELECT value FROM json_each(?)))",
            ),
        ] {
            if let Some(ids) = ids {
                // Nothing can match an empty list: no need to ask.
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                sql.push_str(condition);
                values.push(Value::Text(
                    serde_json::to_string(ids).expect("strings serialise"),
                ));
            }
        }
        sql.push_str(" ORDER BY v.started_ms DESC LIMIT ?");
        values.push(Value::Integer(limit as i64));
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values), |r| {
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
                person_key: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
