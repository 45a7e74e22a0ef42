//! Counting for the reports: anonymous aggregates over a period, each from data that survives a
//! purge of personal data (visit kind, topics, referrals, the competence rule, interpreter use,
//! waiting times, the visitor's language as kept with the visit), never from names.

use super::Store;
use rusqlite::params;
use std::collections::BTreeMap;

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
    /// One pass over the period's visits (they are read once, whatever the number of figures),
    /// then the narrow tables of referrals, interpreting, unmet needs and the queue.
    pub fn period_counts(
        &self,
        since_ms: i64,
        until_ms: i64,
        today: &str,
    ) -> super::Result<PeriodCounts> {
        let range = params![since_ms, until_ms];
        let mut kinds: BTreeMap<(String, bool), u64> = BTreeMap::new();
        let mut topics: BTreeMap<String, u64> = BTreeMap::new();
        let mut competence: BTreeMap<String, u64> = BTreeMap::new();
        let mut languages: BTreeMap<String, u64> = BTreeMap::new();
        let mut counts = PeriodCounts::default();
        let mut statement = self.conn.prepare_cached(
            "SELECT kind, person_id IS NULL, topics,
                    coalesce(json_extract(stage_data, '$.competence.primary'), ''),
                    coalesce(json_extract(stage_data, '$.visitor_language'), ''),
                    waiting_seconds, started_at,
                    json_extract(stage_data, '$.financial_request.decide_by')
             FROM visits WHERE started_ms >= ?1 AND started_ms < ?2",
        )?;
        let mut rows = statement.query(range)?;
        while let Some(row) = rows.next()? {
            let kind: String = row.get(0)?;
            *kinds.entry((kind.clone(), row.get(1)?)).or_default() += 1;
            let listed: Vec<String> = serde_json::from_str(row.get_ref(2)?.as_str()?)?;
            for topic in listed {
                *topics.entry(topic).or_default() += 1;
            }
            *competence.entry(row.get(3)?).or_default() += 1;
            *languages.entry(row.get(4)?).or_default() += 1;
            if let Some(waited) = row.get::<_, Option<u32>>(5)? {
                counts.waiting_seconds.push(waited);
            }
            counts.started.push(row.get(6)?);
            let decide_by: Option<String> = row.get(7)?;
            if kind == "financial-request" && decide_by.is_some_and(|d| d.as_str() < today) {
                counts.financial_overdue += 1;
            }
        }
        counts.kinds = kinds.into_iter().map(|((k, a), n)| (k, a, n)).collect();
        counts.topics = by_count(topics);
        counts.competence = by_count(competence);
        counts.languages = by_count(languages);
        counts.waiting_seconds.sort_unstable();
        counts.referrals = self.pairs(
            "SELECT r.service_id, count(*) FROM referrals r JOIN visits v ON v.id = r.visit_id
             WHERE v.started_ms >= ?1 AND v.started_ms < ?2 GROUP BY 1 ORDER BY 2 DESC, 1",
            range,
        )?;
        counts.interpreting = self.rows(
            "SELECT i.language, i.mode, sum(i.minutes), count(*)
             FROM interpreter_use i JOIN visits v ON v.id = i.visit_id
             WHERE v.started_ms >= ?1 AND v.started_ms < ?2
             GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2",
            range,
            |r| Ok((r.get(0)?, r.get(1)?, count(r, 2)?, count(r, 3)?)),
        )?;
        counts.unmet_needs = self.conn.query_row(
            "SELECT count(*) FROM unmet_needs WHERE recorded_ms >= ?1 AND recorded_ms < ?2",
            range,
            |r| count(r, 0),
        )?;
        counts.left_unseen = self.conn.query_row(
            "SELECT count(*) FROM queue WHERE status = 'left' AND ended_ms >= ?1 AND ended_ms < ?2",
            range,
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

/// Largest first, then by id.
fn by_count(map: BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let mut list: Vec<(String, u64)> = map.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}
