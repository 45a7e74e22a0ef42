//! The History search line as typed: no panic, a range never ends before it starts, and an
//! unknown topic or service is named with the word that was typed.
#![no_main]

use intake_desk::tui::screens::history::filter;
use intake_desk_fuzz::catalog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let Ok(query) = std::str::from_utf8(bytes) else {
        return;
    };
    let lang = ["de", "fr", "en"][usize::from(which) % 3];
    let parsed = filter::parse(query, catalog(), lang);
    if let Some(name) = &parsed.name {
        assert!(!name.trim().is_empty(), "an empty name filter");
    }
    if let Some(message) = filter::unknown_names(query, catalog(), lang) {
        assert!(!message.trim().is_empty());
    }
});
