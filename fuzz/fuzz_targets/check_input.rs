//! The competence check as asked from the command line or the Competence screen, one input a
//! line (canton, status, asylum date, entry date, commune, reference date; the first byte's
//! bits are the three yes/no answers): no panic, a refusal says why in every language, and an
//! answer explains itself and serialises as JSON.
#![no_main]

use chrono::NaiveDate;
use intake_desk::check::{Input, check};
use intake_desk_fuzz::catalog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let mut lines = text.split('\n');
    let mut next = || lines.next();
    let canton = next().unwrap_or("");
    let status = next().unwrap_or("");
    let input = Input {
        canton,
        status,
        asylum_date: next(),
        entry_date: next(),
        commune: next(),
        on: next(),
        c_entitled: flags & 1 != 0,
        b_granted: flags & 2 != 0,
        resident_in_commune: flags & 4 != 0,
    };
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let i18n = &catalog().i18n;
    match check(catalog(), &input, today) {
        Ok(outcome) => {
            for lang in ["de", "fr", "en"] {
                assert!(!outcome.text(i18n, lang).trim().is_empty());
                let json: serde_json::Value =
                    serde_json::from_str(&outcome.json(lang)).expect("the answer is JSON");
                assert!(json.is_object());
            }
            let _ = outcome.record();
        }
        Err(e) => {
            for lang in ["de", "fr", "en"] {
                let message = e.message(i18n, lang, |f| f.cli_flag().to_string());
                assert!(!message.trim().is_empty(), "{e:?}");
            }
        }
    }
});
