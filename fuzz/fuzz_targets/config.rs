//! A desk's config.toml as someone may have edited it: no panic, and every error, from reading
//! or from checking the values, at a place in the file.
#![no_main]

use intake_desk::config::{self, ConfigLocation};
use intake_desk_fuzz::{assert_inside, catalog, scratch, text_of};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = scratch("config");
    let file = dir.join("config.toml");
    std::fs::write(&file, data).unwrap();
    let name = file.display().to_string();
    let location = ConfigLocation { file, dir };
    let text = text_of(data);
    match config::load(&location, true) {
        Ok(loaded) => {
            let languages: Vec<String> = catalog().i18n.languages().to_vec();
            let centres: Vec<&str> = catalog().regions.iter().map(|r| r.id.as_str()).collect();
            let keymaps = intake_desk::tui::keymap::builtin_names();
            if let Err(e) = config::check(&loaded, &location, &languages, keymaps, &centres) {
                assert_inside(&e, &name, &text);
            }
        }
        Err(e) => assert_inside(&e, &name, &text),
    }
});
