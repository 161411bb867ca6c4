//! `handoff sop FILE -o OUT.pdf [--date YYYY-MM-DD]`: the standard operating procedure of
//! one map as a PDF. The date is the edition's effective date (and the PDF's date), so the
//! same map and date always give the same file.

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_docs::{sop, SopOptions};

use super::{write_output, CommandError, DateArg, World};
use crate::input::load_map;
use crate::output::print_warning;

/// Arguments of `handoff sop`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The map (`*.handoff.json` or `*.bpmn`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to write the PDF (replaced if it exists).
    #[arg(short, long, value_name = "OUT.pdf")]
    pub output: PathBuf,
    #[command(flatten)]
    pub date: DateArg,
}

/// Writes the SOP; characters the bundled font lacks are reported as warnings.
///
/// # Errors
/// [`CommandError::Input`] when FILE cannot be read, [`CommandError::Write`] when OUT
/// cannot be written.
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    let doc = load_map(&args.file)?;
    let rendered = sop(&doc, &SopOptions::new(args.date.or_today(world)));
    for w in &rendered.warnings {
        print_warning(w);
    }
    write_output(&args.output, &rendered.pdf)?;
    Ok(ExitCode::SUCCESS)
}
