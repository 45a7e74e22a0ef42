//! A keymap file as a power user may write it: no panic, every error at a place in the file,
//! and every key sequence of a keymap that loads prints back to itself.
#![no_main]

use intake_desk::tui::keymap::{self, format_sequence, parse_sequence};
use intake_desk_fuzz::{assert_inside, scratch, text_of};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = scratch("keymap").join("keys.toml");
    std::fs::write(&path, data).unwrap();
    let name = path.display().to_string();
    match keymap::load(Some(&path)) {
        Ok(map) => {
            for binding in &map.bindings {
                let written = format_sequence(&binding.keys);
                let read = parse_sequence(&written)
                    .unwrap_or_else(|e| panic!("{written:?} does not read back: {e:?}"));
                assert_eq!(read, binding.keys, "{written:?}");
            }
        }
        Err(errors) => {
            assert!(!errors.0.is_empty());
            for error in &errors.0 {
                assert_inside(error, &name, &text_of(data));
            }
        }
    }
});
