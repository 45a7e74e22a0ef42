//! The desks' time: Europe/Zurich, whatever zone the machine runs in (a cron export on a UTC
//! server writes the same times as a desk in Sion). Moments are stored as RFC 3339; what leaves
//! for people and spreadsheets shows them in this zone.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, TimeZone};
use chrono_tz::Europe::Zurich;
use std::borrow::Cow;

/// Today at the desks.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&Zurich).date_naive()
}

/// The moment as the desks' wall-clock time (for Excel, which has no zones).
pub fn wall_clock(rfc3339: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(rfc3339)
        .ok()
        .map(|at| at.with_timezone(&Zurich).naive_local())
}

/// The moment in the desks' time with its offset: `2026-12-01T08:30:00+01:00`. Text that is not
/// a moment is given back as it was.
pub fn with_offset(rfc3339: &str) -> Cow<'_, str> {
    match DateTime::parse_from_rfc3339(rfc3339) {
        Ok(at) => Cow::Owned(rfc3339_at_desk(&at)),
        Err(_) => Cow::Borrowed(rfc3339),
    }
}

pub fn rfc3339_at_desk<Tz: TimeZone>(at: &DateTime<Tz>) -> String {
    at.with_timezone(&Zurich)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desks_time_follows_winter_and_summer_in_valais() {
        let winter = wall_clock("2026-12-01T07:30:00Z").unwrap();
        assert_eq!(winter.to_string(), "2026-12-01 08:30:00");
        let summer = wall_clock("2026-07-01T07:30:00Z").unwrap();
        assert_eq!(summer.to_string(), "2026-07-01 09:30:00");
        assert_eq!(wall_clock("yesterday"), None);
        assert_eq!(
            with_offset("2026-12-01T07:30:00Z"),
            "2026-12-01T08:30:00+01:00"
        );
        assert_eq!(
            with_offset("2026-07-01T09:30:00+02:00"),
            "2026-07-01T09:30:00+02:00"
        );
        // The night the clocks go back: the same wall-clock hour twice, told apart by the offset.
        assert_eq!(
            with_offset("2026-10-25T00:30:00Z"),
            "2026-10-25T02:30:00+02:00"
        );
        assert_eq!(
            with_offset("2026-10-25T01:30:00Z"),
            "2026-10-25T02:30:00+01:00"
        );
        assert_eq!(with_offset("soon"), "soon");
    }
}
