//! An AHV number as typed or read from a file: no panic, and a number that parses prints as on
//! the card, reads back to itself and keeps the digits that were typed.
#![no_main]

use intake_desk::domain::Ahvn13;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(number) = input.parse::<Ahvn13>() else {
        return;
    };
    let shown = number.to_string();
    assert_eq!(shown.len(), 16, "{shown}");
    assert!(shown.starts_with("756."), "{shown}");
    assert_eq!(shown.parse::<Ahvn13>(), Ok(number), "{shown}");
    let typed: String = input.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(typed, number.digits());
});
