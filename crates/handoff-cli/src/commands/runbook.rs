//! `handoff runbook --seat NAME [--db PATH|URL] [--format md|json] [-o OUT]`: an AI agent
//! seat's runbook across every process in the library, to paste into the agent's
//! instructions. Printed to standard output, or written to OUT (the format then follows its
//! extension unless `--format` says otherwise).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use handoff_api::export::{self, runbook_format, ExportJob, RunbookFormat};
use handoff_api::files::Replace;
use handoff_api::seats;

use super::{library, CommandError, DateArg, World};

/// The runbook's formats on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Markdown.
    Md,
    /// JSON (see docs/runbook.schema.json).
    Json,
}

/// Arguments of `handoff runbook`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agent's seat, by name (any case) or id.
    #[arg(long, value_name = "NAME")]
    pub seat: String,
    /// The library: a file or a team library's postgres:// URL [default: the app's library]
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<String>,
    /// The format [default: md, or what OUT's extension says]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to this file (replaced if it exists) instead of standard output.
    #[arg(short, long, value_name = "OUT.md|OUT.json")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub date: DateArg,
}

/// Writes the runbook.
///
/// # Errors
/// [`CommandError::Api`] when the library cannot be read, no seat has that name or id, the
/// seat is not an agent's, or OUT cannot be written; [`CommandError::Write`] for an OUT
/// whose extension names no runbook format.
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    let format = match (args.format, &args.output) {
        (Some(Format::Md), _) => RunbookFormat::Markdown,
        (Some(Format::Json), _) => RunbookFormat::Json,
        (None, Some(out)) => runbook_format(out)?,
        (None, None) => RunbookFormat::Markdown,
    };
    let ctx = world.ctx(args.date.or_today(world));
    library::open(&ctx, args.db, false)?;
    let seat = seats::find(&ctx, &args.seat)?;
    let job = ExportJob::Runbook {
        seat: seat.id,
        format,
    };
    match args.output {
        Some(out) => {
            export::export_file(&ctx, &job, &out, Replace::Yes, &|_| {})?;
        }
        None => {
            let text = export::export_bytes(&ctx, &job)?.output;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not a failure of the command.
            let _ = stdout.write_all(&text).and_then(|()| stdout.flush());
        }
    }
    Ok(ExitCode::SUCCESS)
}
