//! The `handoff` command: Handoff's engine without a window.
//!
//! `main` reads the arguments and the clock, hands both to one module per subcommand in
//! [`commands`], and turns the outcome into an exit code. Every subcommand is thin: load
//! the input ([`input::load_map`]), call the engine or the library, print ([`output`]).

mod commands;
mod input;
mod output;
mod progress;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: a BPMN import makes some 20,000 small
/// allocations, and glibc's malloc spent a quarter of `handoff validate`'s time on them and
/// on page faults (measured: 21.2 → 15.5 ms for the 2,000-task benchmark file, 3,262 → 268
/// minor page faults).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = commands::Cli::parse();
    let world = commands::World {
        today: chrono::Local::now().date_naive(),
        now: chrono::Utc::now(),
    };
    match commands::run(cli, &world) {
        Ok(code) => code,
        Err(e) => {
            output::print_error(&e);
            ExitCode::from(2)
        }
    }
}
