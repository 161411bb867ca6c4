//! `handoff sop FILE -o OUT.pdf|OUT.md [--date YYYY-MM-DD]`: the standard operating
//! procedure of one map as a PDF or as Markdown, by OUT's extension. The date is the
//! edition's effective date (and the PDF's date), so the same map and date always give the
//! same file.

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_api::export::{self, document_format, Rendering};
use handoff_api::files::Replace;
use handoff_docs::SopOptions;

use super::{print_warnings, CommandError, DateArg, World};
use crate::input::load_map;

/// Arguments of `handoff sop`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The map (`*.handoff.json` or `*.bpmn`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to write the SOP (replaced if it exists): a PDF, or Markdown for `*.md`.
    #[arg(short, long, value_name = "OUT.pdf|OUT.md")]
    pub output: PathBuf,
    #[command(flatten)]
    pub date: DateArg,
}

/// Writes the SOP; characters the bundled font lacks are reported as warnings.
///
/// # Errors
/// [`CommandError::Write`] for an OUT that is neither `*.pdf` nor `*.md`,
/// [`CommandError::Input`] when FILE cannot be read, [`CommandError::Api`] when OUT
/// cannot be written.
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    let format = document_format(&args.output)?;
    let doc = load_map(&args.file)?;
    let today = args.date.or_today(world);
    let what = Rendering::sop(doc, SopOptions::new(today), format);
    let bar = crate::progress::bar("SOP");
    let written = export::write(what, today, &args.output, Replace::Yes, &bar)?;
    print_warnings(&written.warnings);
    Ok(ExitCode::SUCCESS)
}
