//! Prints a generated map as `*.handoff.json` on stdout, for benchmarks that need a big map
//! in the real app (the app itself has no command to make one):
//!
//!     cargo run --release -p handoff-core --example generate -- STEPS LANES > map.handoff.json

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let (Some(Ok(steps)), Some(Ok(lanes))) = (args.next(), args.next()) else {
        eprintln!("usage: generate STEPS LANES");
        std::process::exit(2);
    };
    let doc = handoff_core::build::generate(steps, lanes);
    let mut out = std::io::stdout().lock();
    if out
        .write_all(handoff_core::to_json(&doc).as_bytes())
        .is_err()
    {
        std::process::exit(1);
    }
}
