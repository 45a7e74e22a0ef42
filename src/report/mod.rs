//! Monthly statistics for the SMZ and the cantonal social service (the SMZ service mandate, Anhang II, "Führungsinstrumente":
//! each SMZ collects and forwards the data that lets the canton steer social assistance). Every
//! figure is an anonymous count over the period, derived from data that a purge of personal data
//! leaves in place, so a past report stays the same.

pub mod format;
pub mod xlsx;

use crate::catalog::Catalog;
use crate::store::{PeriodCounts, Store};
use chrono::{Datelike, NaiveDate, TimeZone, Timelike};
use serde::Serialize;

/// The days a report covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// A calendar month, from `YYYY-MM`.
    pub fn month(text: &str) -> Option<Period> {
        let from = NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok()?;
        let next = from.checked_add_months(chrono::Months::new(1))?;
        Some(Period {
            from,
            to: next.pred_opt()?,
        })
    }

    pub fn of_day(day: NaiveDate) -> Period {
        let from = day.with_day(1).expect("the first exists");
        let to = from
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .expect("a month has a last day");
        Period { from, to }
    }

    /// The month before or after, for switching on the Reports screen.
    pub fn shifted_months(self, months: i32) -> Period {
        let from = if months >= 0 {
            self.from
                .checked_add_months(chrono::Months::new(months as u32))
        } else {
            self.from
                .checked_sub_months(chrono::Months::new((-months) as u32))
        };
        Period::of_day(from.unwrap_or(self.from))
    }

    /// `2026-11`, or `2026-11-03 – 2026-11-20` for other ranges.
    pub fn label(self) -> String {
        if self == Period::of_day(self.from) {
            self.from.format("%Y-%m").to_string()
        } else {
            format!("{} – {}", self.from, self.to)
        }
    }

    /// Milliseconds (UTC) of the desks' midnight (Europe/Zurich, whatever the machine's zone)
    /// at the start, and after the last day.
    pub fn range_ms(self) -> (i64, i64) {
        let ms = |day: NaiveDate| {
            let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
            chrono_tz::Europe::Zurich
                .from_local_datetime(&midnight)
                .earliest()
                .map_or_else(
                    || midnight.and_utc().timestamp_millis(),
                    |t| t.timestamp_millis(),
                )
        };
        (ms(self.from), ms(self.to.succ_opt().unwrap_or(self.to)))
    }
}

/// An id and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub id: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Interpreting {
    pub language: String,
    pub mode: String,
    pub minutes: u64,
    pub uses: u64,
}

/// Every figure of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub period: Period,
    /// The day the report was made: the 30-day dates are compared with it.
    pub made_on: NaiveDate,
    pub visits: u64,
    /// anonymous-information, identified, financial-request, urgent-handover.
    pub by_kind: Vec<Count>,
    pub by_topic: Vec<Count>,
    pub by_referral_category: Vec<Count>,
    pub by_service: Vec<Count>,
    pub unmet_needs: u64,
    /// The body found responsible; `not-checked` when no competence check was made.
    pub by_competence: Vec<Count>,
    /// ISO 639-3; `unknown` when not recorded.
    pub by_language: Vec<Count>,
    pub interpreting: Vec<Interpreting>,
    pub interpreter_minutes: u64,
    /// Nearest-rank median and 90th percentile of the waiting time in the queue, in seconds.
    pub waiting_median_seconds: Option<u32>,
    pub waiting_p90_seconds: Option<u32>,
    pub waited_visits: u64,
    pub left_unseen: u64,
    /// Monday first.
    pub by_weekday: [u64; 7],
    pub by_hour: [u64; 24],
    /// Financial requests of the period whose 30-day decision date has passed.
    pub financial_overdue: u64,
}

/// The kinds in the order reports show them.
pub const KINDS: [&str; 4] = [
    "anonymous-information",
    "identified",
    "financial-request",
    "urgent-handover",
];

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[u32], p: u32) -> Option<u32> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p as usize * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

fn counts(pairs: Vec<(String, u64)>, empty_as: &str) -> Vec<Count> {
    pairs
        .into_iter()
        .map(|(id, count)| Count {
            id: if id.is_empty() {
                empty_as.to_string()
            } else {
                id
            },
            count,
        })
        .collect()
}

/// Adds counts by a key derived from each id, largest first (ties by id).
fn regroup(items: &[Count], key: impl Fn(&str) -> String) -> Vec<Count> {
    let mut grouped: std::collections::BTreeMap<String, u64> = Default::default();
    for item in items {
        *grouped.entry(key(&item.id)).or_default() += item.count;
    }
    let mut list: Vec<Count> = grouped
        .into_iter()
        .map(|(id, count)| Count { id, count })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
    list
}

pub fn figures(
    store: &Store,
    catalog: &Catalog,
    period: Period,
    made_on: NaiveDate,
) -> crate::store::Result<Figures> {
    let (since, until) = period.range_ms();
    let raw: PeriodCounts = store.period_counts(since, until, &made_on.to_string())?;
    let mut kinds = [0u64; 4];
    for (kind, anonymous, count) in &raw.kinds {
        let slot = match (kind.as_str(), anonymous) {
            ("information", true) => 0,
            ("information", false) | ("identified", _) => 1,
            ("financial-request", _) => 2,
            _ => 3,
        };
        kinds[slot] += count;
    }
    let by_service = counts(raw.referrals, "");
    let by_referral_category = regroup(&by_service, |id| {
        catalog
            .service(id)
            .and_then(|s| s.categories.first().cloned())
            .unwrap_or_else(|| "unknown".into())
    });
    let mut by_weekday = [0u64; 7];
    let mut by_hour = [0u64; 24];
    // By the desks' clock, not the machine's: a report made on a server set to UTC counts a
    // 08:30 visit at 08, as the desk saw it.
    for started in &raw.started {
        if let Some(at) = crate::desk_time::wall_clock(started) {
            by_weekday[at.weekday().num_days_from_monday() as usize] += 1;
            by_hour[at.hour() as usize] += 1;
        }
    }
    let interpreting: Vec<Interpreting> = raw
        .interpreting
        .into_iter()
        .map(|(language, mode, minutes, uses)| Interpreting {
            language,
            mode,
            minutes,
            uses,
        })
        .collect();
    Ok(Figures {
        period,
        made_on,
        visits: kinds.iter().sum(),
        by_kind: KINDS
            .iter()
            .zip(kinds)
            .map(|(id, count)| Count {
                id: id.to_string(),
                count,
            })
            .collect(),
        by_topic: counts(raw.topics, ""),
        by_referral_category,
        by_service,
        unmet_needs: raw.unmet_needs,
        by_competence: counts(raw.competence, "not-checked"),
        by_language: counts(raw.languages, "unknown"),
        interpreter_minutes: interpreting.iter().map(|i| i.minutes).sum(),
        interpreting,
        waiting_median_seconds: percentile(&raw.waiting_seconds, 50),
        waiting_p90_seconds: percentile(&raw.waiting_seconds, 90),
        waited_visits: raw.waiting_seconds.len() as u64,
        left_unseen: raw.left_unseen,
        by_weekday,
        by_hour,
        financial_overdue: raw.financial_overdue,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
        assert_eq!(percentile(&values, 50), Some(50));
        assert_eq!(percentile(&values, 90), Some(90));
        assert_eq!(percentile(&[7], 90), Some(7));
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[1, 2, 3], 50), Some(2));
    }

    #[test]
    fn months_switch_across_years() {
        let november = Period::month("2026-11").unwrap();
        assert_eq!(november.to.to_string(), "2026-11-30");
        assert_eq!(november.shifted_months(2).label(), "2027-01");
        assert_eq!(november.shifted_months(-11).label(), "2025-12");
        assert_eq!(Period::month("2026-13"), None);
    }
}
