//! `handoff handout --seat NAME [--db PATH|URL] -o OUT.pdf|OUT.md [--date YYYY-MM-DD]`: the
//! onboarding handout for one seat, across every process in the library, as a PDF or as
//! Markdown by OUT's extension.

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_api::export::{self, document_format, DocumentFormat, ExportJob};
use handoff_api::files::Replace;
use handoff_api::seats;

use super::{library, print_warnings, CommandError, DateArg, World};

/// Arguments of `handoff handout`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The seat, by name (any case) or id.
    #[arg(long, value_name = "NAME")]
    pub seat: String,
    /// The library: a file or a team library's postgres:// URL [default: the app's library]
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<String>,
    /// Where to write the handout (replaced if it exists): a PDF, or Markdown for `*.md`.
    #[arg(short, long, value_name = "OUT.pdf|OUT.md")]
    pub output: PathBuf,
    #[command(flatten)]
    pub date: DateArg,
}

/// Writes the handout.
///
/// # Errors
/// [`CommandError::Write`] for an OUT that is neither `*.pdf` nor `*.md`;
/// [`CommandError::Api`] when the library cannot be read, no seat has that name or id (the
/// message lists the library's seats) or OUT cannot be written.
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    let format = document_format(&args.output)?;
    let ctx = world.ctx(args.date.or_today(world));
    library::open(&ctx, args.db, false)?;
    let seat = seats::find(&ctx, &args.seat)?;
    let job = match format {
        DocumentFormat::Pdf => ExportJob::Handout { seat: seat.id },
        DocumentFormat::Markdown => ExportJob::HandoutMarkdown { seat: seat.id },
    };
    let bar = crate::progress::bar("Handout");
    let done = export::export_file(&ctx, &job, &args.output, Replace::Yes, &bar)?;
    print_warnings(&done.warnings);
    Ok(ExitCode::SUCCESS)
}
