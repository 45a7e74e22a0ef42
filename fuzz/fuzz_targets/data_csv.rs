//! The data CSV files as someone may have edited them: no panic, every error at a place in the
//! file, and services that load write back to the same services.
#![no_main]

use intake_desk::catalog::source::DataFile;
use intake_desk::catalog::{communes, documents, glossary, regions, services, text_file};
use intake_desk_fuzz::{assert_inside, catalog, text_of};
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;

const FILES: [&str; 5] = [
    "regions.csv",
    "communes.csv",
    "services.csv",
    "glossary.csv",
    "financial_documents.csv",
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let name = format!("data/{}", FILES[usize::from(which) % FILES.len()]);
    let text = match text_file::decode(&name, bytes.to_vec()) {
        Ok(text) => text,
        Err(e) => return assert_inside(&e, &name, &text_of(bytes)),
    };
    let file = DataFile {
        display_name: name.clone(),
        text: text.clone(),
    };
    let region_ids: HashSet<String> = catalog().regions.iter().map(|r| r.id.clone()).collect();
    let errors = match usize::from(which) % FILES.len() {
        0 => regions::parse(&file).err(),
        1 => communes::parse(&file, &region_ids).err(),
        2 => match services::parse(&file, &region_ids) {
            Ok(loaded) => {
                let written = DataFile {
                    display_name: name.clone(),
                    text: services::to_csv(&loaded),
                };
                let again = services::parse(&written, &region_ids)
                    .expect("services written by intake-desk load again");
                assert_eq!(again, loaded, "services change when written and read");
                None
            }
            Err(e) => Some(e),
        },
        3 => glossary::parse(&file).err(),
        _ => documents::parse(&file).err(),
    };
    for error in errors.iter().flatten() {
        assert_inside(error, &name, &text);
    }
});
