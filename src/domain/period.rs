//! Periods in years as Swiss law counts them (Art. 77 OR by analogy): a period of n years ends on
//! the n-th anniversary of the start date, or on the last day of that month where the day does not
//! exist (29 February → 28 February). On the anniversary the new period has begun.

use chrono::{Datelike, NaiveDate};

/// The n-th anniversary of `date`.
pub fn anniversary(date: NaiveDate, years: u32) -> NaiveDate {
    let year = date.year() + years as i32;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .unwrap_or_else(|| last_day_of_month(year, date.month()))
}

fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)
        .and_then(|d| d.pred_opt())
        .expect("a valid month")
}

/// Whether `on` falls in the years `[from, before)` counted from `since`: on or after the
/// `from`-th anniversary and before the `before`-th.
pub fn within_years(
    since: NaiveDate,
    on: NaiveDate,
    from: Option<u32>,
    before: Option<u32>,
) -> bool {
    from.is_none_or(|f| on >= anniversary(since, f))
        && before.is_none_or(|b| on < anniversary(since, b))
}

/// A full date as staff write it: 2026-11-25 or 25.11.2026.
pub fn parse_day(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn anniversaries_keep_the_day() {
        assert_eq!(anniversary(d("2021-03-15"), 5), d("2026-03-15"));
        assert_eq!(anniversary(d("2021-03-15"), 0), d("2021-03-15"));
    }

    #[test]
    fn the_29th_of_february_falls_on_the_28th_in_common_years() {
        assert_eq!(anniversary(d("2020-02-29"), 5), d("2025-02-28"));
        assert_eq!(anniversary(d("2020-02-29"), 4), d("2024-02-29"));
        assert_eq!(anniversary(d("2020-02-29"), 7), d("2027-02-28"));
    }

    #[test]
    fn the_new_period_begins_on_the_anniversary() {
        let since = d("2021-06-30");
        assert!(within_years(since, d("2026-06-29"), None, Some(5)));
        assert!(!within_years(since, d("2026-06-30"), None, Some(5)));
        assert!(within_years(since, d("2026-06-30"), Some(5), None));
        assert!(!within_years(since, d("2026-06-29"), Some(5), None));
    }
}
