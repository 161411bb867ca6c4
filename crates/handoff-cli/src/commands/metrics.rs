//! `handoff metrics FILE`: the numbers of one map.

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_core::metrics::{format_minutes, metrics};
use owo_colors::OwoColorize;

use super::{CommandError, World};
use crate::input::load_map;
use crate::output::{pad, print_json, strong, Format};

/// Arguments of `handoff metrics`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The map to measure (`*.handoff.json`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// How to print the numbers.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Prints the metrics. JSON is [`handoff_core::Metrics`] with camelCase keys, times in
/// minutes.
///
/// # Errors
/// [`CommandError::Input`] when the file cannot be read.
pub fn run(args: Args, _world: &World) -> Result<ExitCode, CommandError> {
    let doc = load_map(&args.file)?;
    let m = metrics(&doc);
    if args.format == Format::Json {
        print_json(&m);
        return Ok(ExitCode::SUCCESS);
    }
    anstream::println!(
        "{} ({})",
        doc.process.name.style(strong()),
        args.file.display()
    );
    let rows: [(&str, String); 5] = [
        ("Steps", m.steps.to_string()),
        ("Decisions", m.decisions.to_string()),
        ("Handoffs", m.handoffs.to_string()),
        ("Lanes", m.lanes.to_string()),
        ("Seats", m.seats.to_string()),
    ];
    for (label, value) in rows {
        anstream::println!("  {} {value:>6}", pad(label, 24));
    }
    match &m.cycle {
        Some(c) => {
            anstream::println!(
                "  {} {}",
                pad("Touch time (typical)", 24),
                format_minutes(m.touch_minutes)
            );
            anstream::println!(
                "  {} {}",
                pad("Waiting time (typical)", 24),
                format_minutes(m.wait_minutes)
            );
            anstream::println!(
                "  {} shortest {} · typical {} · longest {}",
                pad("Cycle time", 24),
                format_minutes(c.shortest.total),
                format_minutes(c.typical.total),
                format_minutes(c.longest.total)
            );
            anstream::println!(
                "  {} {:.0}%",
                pad("Waiting after handoffs", 24),
                m.handoff_wait_share * 100.0
            );
        }
        None => anstream::println!(
            "  {} no outcome can be reached from a start",
            pad("Cycle time", 24)
        ),
    }
    if !m.per_seat.is_empty() {
        let width = m
            .per_seat
            .iter()
            .map(|w| w.name.chars().count())
            .max()
            .unwrap_or(0)
            .max(4);
        anstream::println!();
        anstream::println!(
            "  {}",
            format!(
                "{} {:>5} {:>9} {:>12} {:>11} {:>12}",
                pad("Seat", width),
                "Steps",
                "Decisions",
                "Touch time",
                "Handoffs in",
                "Handoffs out"
            )
            .style(strong())
        );
        for w in &m.per_seat {
            anstream::println!(
                "  {} {:>5} {:>9} {:>12} {:>11} {:>12}",
                pad(&w.name, width),
                w.steps,
                w.decisions,
                format_minutes(w.touch_minutes),
                w.handoffs_in,
                w.handoffs_out
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
