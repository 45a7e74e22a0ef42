//! Counting for the reports: anonymous aggregates over a period, each from data that survives a
//! purge of personal data (visit kind, topics, referrals, the competence rule, interpreter use,
//! waiting times, the visitor's language as kept with the visit), never from names.

use super::Store;
use rusqlite::params;

/// Raw counts for `[since_ms, until_ms)`; the report module turns them into figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeriodCounts {
    /// (kind, anonymous, visits).
    pub kinds: Vec<(String, bool, u64)>,
    pub topics: Vec<(String, u64)>,
    /// (service id, referrals).
    pub referrals: Vec<(String, u64)>,
    pub unmet_needs: u64,
    /// (primary responsible body, or "" when no check was made, visits).
    pub competence: Vec<(String, u64)>,
    /// (language as kept with the visit, visits); "" when not known.
    pub languages: Vec<(String, u64)>,
    /// (language, mode, minutes, uses).
    pub interpreting: Vec<(String, String, u64, u64)>,
    /// Every waiting time in seconds, sorted.
    pub waiting_seconds: Vec<u32>,
    pub left_unseen: u64,
    /// Start of every visit as recorded (RFC 3339 with the desk's offset).
    pub started: Vec<String>,
    /// Financial requests of the period whose 30-day date lies before `today`.
    pub financial_overdue: u64,
}

/// SQLite counts are signed; ours are never negative.
fn count(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<u64> {
    Ok(row.get::<_, i64>(index)?.max(0) as u64)
}

impl Store {
    pub fn period_counts(
        &self,
        since_ms: i64,
        until_ms: i64,
        today: &str,
    ) -> rusqlite::Result<PeriodCounts> {
        let range = params![since_ms, until_ms];
        let mut counts = PeriodCounts {
            kinds: self.rows(
                "SELECT kind, person_id IS NULL, count(*) FROM visits
                 WHERE started_ms >= ?1 AND started_ms < ?2 GROUP BY 1, 2 ORDER BY 1, 2",
                range,
                |r| Ok((r.get(0)?, r.get(1)?, count(r, 2)?)),
            )?,
            topics: self.pairs(
                "SELECT t.value, count(*) FROM visits v, json_each(v.topics) t
                 WHERE v.started_ms >= ?1 AND v.started_ms < ?2 GROUP BY 1 ORDER BY 2 DESC, 1",
                range,
            )?,
            referrals: self.pairs(
                "SELECT r.service_id, count(*) FROM referrals r JOIN visits v ON v.id = r.visit_id
                 WHERE v.started_ms >= ?1 AND v.started_ms < ?2 GROUP BY 1 ORDER BY 2 DESC, 1",
                range,
            )?,
            unmet_needs: self.conn.query_row(
                "SELECT count(*) FROM unmet_needs WHERE recorded_ms >= ?1 AND recorded_ms < ?2",
                range,
                |r| count(r, 0),
            )?,
            competence: self.pairs(
                "SELECT coalesce(json_extract(stage_data, '$.competence.primary'), ''), count(*)
                 FROM visits WHERE started_ms >= ?1 AND started_ms < ?2
                 GROUP BY 1 ORDER BY 2 DESC, 1",
                range,
            )?,
            languages: self.pairs(
                "SELECT coalesce(json_extract(stage_data, '$.visitor_language'), ''), count(*)
                 FROM visits WHERE started_ms >= ?1 AND started_ms < ?2
                 GROUP BY 1 ORDER BY 2 DESC, 1",
                range,
            )?,
            interpreting: self.rows(
                "SELECT i.language, i.mode, sum(i.minutes), count(*)
                 FROM interpreter_use i JOIN visits v ON v.id = i.visit_id
                 WHERE v.started_ms >= ?1 AND v.started_ms < ?2
                 GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2",
                range,
                |r| Ok((r.get(0)?, r.get(1)?, count(r, 2)?, count(r, 3)?)),
            )?,
            waiting_seconds: self.rows(
                "SELECT waiting_seconds FROM visits
                 WHERE started_ms >= ?1 AND started_ms < ?2 AND waiting_seconds IS NOT NULL
                 ORDER BY 1",
                range,
                |r| r.get(0),
            )?,
            left_unseen: self.conn.query_row(
                "SELECT count(*) FROM queue WHERE status = 'left' AND ended_ms >= ?1 AND ended_ms < ?2",
                range,
                |r| count(r, 0),
            )?,
            started: self.rows(
                "SELECT started_at FROM visits WHERE started_ms >= ?1 AND started_ms < ?2",
                range,
                |r| r.get(0),
            )?,
            financial_overdue: 0,
        };
        counts.financial_overdue = self.conn.query_row(
            "SELECT count(*) FROM visits
             WHERE started_ms >= ?1 AND started_ms < ?2 AND kind = 'financial-request'
               AND json_extract(stage_data, '$.financial_request.decide_by') < ?3",
            params![since_ms, until_ms, today],
            |r| count(r, 0),
        )?;
        Ok(counts)
    }

    fn rows<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Vec<T>> {
        let mut statement = self.conn.prepare_cached(sql)?;
        let rows = statement.query_map(params, map)?;
        rows.collect()
    }

    fn pairs(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> rusqlite::Result<Vec<(String, u64)>> {
        self.rows(sql, params, |r| Ok((r.get(0)?, count(r, 1)?)))
    }
}
