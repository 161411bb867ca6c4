//! Bytes as a `*.handoff.json` file: the loader must refuse them with an error or return a
//! map that checks, metrics and procedure numbering take without panicking, and that is
//! written and read back unchanged.

#![no_main]

use handoff_fuzz::{assert_file_round_trip, exercise, today};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match handoff_core::parse_document(data) {
        Ok(doc) => {
            exercise(&doc, today());
            assert_file_round_trip(&doc);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
