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
