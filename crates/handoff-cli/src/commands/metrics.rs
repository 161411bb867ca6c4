//! `handoff metrics FILE`: the numbers of one map.

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_core::metrics::{format_minutes, metrics};

use super::{CommandError, World};
use crate::input::load_map;
use crate::output::{pad, strong, Format, Stdout};

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
    let mut out = Stdout::new(args.format);
    if args.format == Format::Json {
        out.json(&m);
        out.finish();
        return Ok(ExitCode::SUCCESS);
    }
    let p = out.palette();
    writeln!(
        out,
        "{} ({})",
        p.paint(&doc.process.name, strong()),
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
        writeln!(out, "  {} {value:>6}", pad(label, 24));
    }
    match &m.cycle {
        Some(c) => {
            writeln!(
                out,
                "  {} {}",
                pad("Touch time (typical)", 24),
                format_minutes(m.touch_minutes)
            );
            writeln!(
                out,
                "  {} {}",
                pad("Waiting time (typical)", 24),
                format_minutes(m.wait_minutes)
            );
            writeln!(
                out,
                "  {} shortest {} · typical {} · longest {}",
                pad("Cycle time", 24),
                format_minutes(c.shortest.total),
                format_minutes(c.typical.total),
                format_minutes(c.longest.total)
            );
            writeln!(
                out,
                "  {} {:.0}%",
                pad("Waiting after handoffs", 24),
                m.handoff_wait_share * 100.0
            );
        }
        None => writeln!(
            out,
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
        writeln!(out);
        writeln!(
            out,
            "  {}",
            p.paint(
                format_args!(
                    "{} {:>5} {:>9} {:>12} {:>11} {:>12}",
                    pad("Seat", width),
                    "Steps",
                    "Decisions",
                    "Touch time",
                    "Handoffs in",
                    "Handoffs out"
                ),
                strong()
            )
        );
        for w in &m.per_seat {
            writeln!(
                out,
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
    out.finish();
    Ok(ExitCode::SUCCESS)
}
