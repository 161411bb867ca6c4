//! `handoff handout --seat NAME [--db PATH] -o OUT.pdf [--date YYYY-MM-DD]`: the onboarding
//! handout for one seat, across every process in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_core::Document;
use handoff_docs::{handout, HandoutError};

use super::{library, write_output, CommandError, DateArg, World};
use crate::output::print_warning;

/// Arguments of `handoff handout`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The seat, by name (any case) or id.
    #[arg(long, value_name = "NAME")]
    pub seat: String,
    /// The library file [default: the app's library]
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Where to write the PDF (replaced if it exists).
    #[arg(short, long, value_name = "OUT.pdf")]
    pub output: PathBuf,
    #[command(flatten)]
    pub date: DateArg,
}

/// Writes the handout.
///
/// # Errors
/// [`CommandError::Store`] when the library cannot be read, [`CommandError::UnknownSeat`]
/// when no seat has that name or id, [`CommandError::Write`] when OUT cannot be written.
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    let today = args.date.or_today(world);
    let lib = library::open(args.db, false, world)?;
    let seats = lib.seats()?;
    let wanted = args.seat.trim();
    let seat = seats
        .iter()
        .find(|s| s.id.as_str() == wanted)
        .or_else(|| {
            seats
                .iter()
                .find(|s| s.name.trim().eq_ignore_ascii_case(wanted))
        })
        .ok_or_else(|| CommandError::UnknownSeat {
            name: wanted.to_owned(),
            detail: format!(
                "in the library (its seats: {})",
                seats
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })?;
    let docs = lib
        .processes(today)?
        .iter()
        .map(|p| lib.load(&p.id))
        .collect::<Result<Vec<Document>, _>>()?;
    let rendered = handout(&docs, &seat.id, today).map_err(|e| match e {
        HandoutError::UnknownSeat(_) => CommandError::UnknownSeat {
            name: seat.name.clone(),
            detail: "takes part in any process of the library".to_owned(),
        },
    })?;
    for w in &rendered.warnings {
        print_warning(w);
    }
    write_output(&args.output, &rendered.pdf)?;
    Ok(ExitCode::SUCCESS)
}
