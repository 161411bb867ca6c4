//! `handoff seat-change --seat NAME [--db PATH|URL] [-o PACK.pdf] [--format text|json]`: the
//! seat change drill. Someone leaves, a role is merged, a step goes to an agent: what does
//! the seat hold across the library, and what becomes ownerless while it is empty? With
//! `-o`, also writes the successor's handover pack (a PDF).

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_api::export::{self, ExportJob};
use handoff_api::files::Replace;
use handoff_api::seats;
use handoff_core::vacancy::{HeldStep, SeatChange};

use super::{library, print_warnings, CommandError, DateArg, World};
use crate::output::{severity_style, strong, Format, Stdout};

/// Arguments of `handoff seat-change`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The seat, by name (any case) or id.
    #[arg(long, value_name = "NAME")]
    pub seat: String,
    /// The library: a file or a team library's postgres:// URL [default: the app's library]
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<String>,
    /// Also write the successor's handover pack here (replaced if it exists).
    #[arg(short, long, value_name = "PACK.pdf")]
    pub output: Option<PathBuf>,
    /// How to print the drill.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    #[command(flatten)]
    pub date: DateArg,
}

/// Runs the drill. Exit code 0 when nothing becomes ownerless with the seat empty, 1 when
/// something does.
///
/// # Errors
/// [`CommandError::Api`] when the library cannot be read, no seat has that name or id, or
/// the pack cannot be written.
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    let ctx = world.ctx(args.date.or_today(world));
    library::open(&ctx, args.db, false)?;
    let seat = seats::find(&ctx, &args.seat)?;
    let drill = seats::drill(&ctx, &seat.id)?;
    if let Some(out) = &args.output {
        let job = ExportJob::HandoverPack {
            seat: seat.id.clone(),
        };
        let done = export::export_file(&ctx, &job, out, Replace::Yes, &|_| {})?;
        print_warnings(&done.warnings);
    }
    let mut stdout = Stdout::new(args.format);
    match args.format {
        Format::Json => stdout.json(&drill),
        Format::Text => print_text(&mut stdout, &drill),
    }
    stdout.finish();
    let breaks = drill.processes.iter().any(|p| !p.if_empty.is_empty());
    Ok(if breaks {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn steps(list: &[HeldStep]) -> String {
    list.iter()
        .map(|s| match s.number {
            Some(n) => format!("{n}. {}", s.name),
            None => s.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn print_text(out: &mut Stdout, d: &SeatChange) {
    let pal = out.palette();
    out.write_fmt(format_args!(
        "{} takes part in {} process{}.\n",
        pal.paint(&d.seat_name, strong()),
        d.processes.len(),
        if d.processes.len() == 1 { "" } else { "es" }
    ));
    let mut empty_total = 0;
    for p in &d.processes {
        out.write_fmt(format_args!(
            "\n{}{}\n",
            pal.paint(&p.process_name, strong()),
            if p.owns { " (owner)" } else { "" }
        ));
        if !p.steps.is_empty() {
            out.write_fmt(format_args!("  does:            {}\n", steps(&p.steps)));
        }
        if !p.accountable.is_empty() {
            out.write_fmt(format_args!(
                "  accountable for: {}\n",
                steps(&p.accountable)
            ));
        }
        for h in &p.receives {
            let item = if h.item.is_empty() { "work" } else { &h.item };
            out.write_fmt(format_args!("  receives:        {item} from {}\n", h.other));
        }
        for h in &p.hands_over {
            let item = if h.item.is_empty() { "work" } else { &h.item };
            out.write_fmt(format_args!("  hands over:      {item} to {}\n", h.other));
        }
        for f in &p.if_empty {
            empty_total += 1;
            out.write_fmt(format_args!(
                "  if empty:        {} {}\n",
                pal.paint(f.severity.label(), severity_style(f.severity)),
                f.message
            ));
        }
    }
    out.write_fmt(format_args!(
        "\n{}\n",
        if empty_total == 0 {
            "With the seat empty, nothing becomes ownerless.".to_owned()
        } else {
            format!(
                "With the seat empty, the checks find {empty_total} new problem{}.",
                if empty_total == 1 { "" } else { "s" }
            )
        }
    ));
}
