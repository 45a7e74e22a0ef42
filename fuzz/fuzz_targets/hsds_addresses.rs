//! An HSDS package whose `addresses.csv` may be anything: see `fuzz_hsds_table`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    intake_desk_fuzz::fuzz_hsds_table("addresses.csv", data);
});
