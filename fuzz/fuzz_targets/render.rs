//! Arbitrary maps (structure-aware, through `arbitrary`) through every document renderer:
//! the SOP, the seat handout, the RACI matrix as CSV, XLSX and PDF, and the backlog PDF of
//! the comparison with a changed copy. None may panic.

#![no_main]

use handoff_docs::{backlog, handout, raci, sop, RaciMatrix, SopOptions};
use handoff_fuzz::Pair;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: Pair| {
    let (before, after) = input.build();
    let date = input.case.today.build();

    let _ = sop(&before, &SopOptions::new(date));
    let docs = [before.clone(), after.clone()];
    for seat in before.seats.iter().take(2) {
        let _ = handout(&docs, &seat.id, date);
    }
    let matrix = RaciMatrix::new(&before);
    let _ = raci::to_csv(&matrix);
    let _ = raci::to_xlsx(&matrix, date);
    let _ = raci::to_pdf(&matrix, date);
    let d = handoff_core::diff::diff(&before, &after);
    let _ = backlog::to_pdf(&before, &after, &d, date);
});
