//! A birth date as typed at the desk: no panic, and a date that is accepted lies between 1900
//! and today and prints back to itself.
#![no_main]

use chrono::NaiveDate;
use intake_desk::domain::PartialDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    if let Ok(date) = input.parse::<PartialDate>() {
        let shown = date.to_string();
        assert_eq!(shown.parse::<PartialDate>(), Ok(date), "{shown}");
        assert_eq!(shown, input.trim(), "a date prints as it was written");
    }
    if let Ok(date) = PartialDate::parse_birth_date(input, today) {
        assert!(date.year >= 1900);
        assert!(date.earliest() <= today, "{date} lies after {today}");
    }
});
