//! `handoff raci FILE -o OUT.xlsx|OUT.csv|OUT.pdf [--date YYYY-MM-DD]`: the RACI matrix of
//! one map (steps × seats). The format follows OUT's extension.

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_api::export::{self, raci_format, Rendering};
use handoff_api::files::Replace;

use super::{print_warnings, CommandError, DateArg, World};
use crate::input::load_map;

/// Arguments of `handoff raci`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The map (`*.handoff.json` or `*.bpmn`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to write the matrix: `*.xlsx`, `*.csv` (UTF-8 with BOM) or `*.pdf`; replaced if
    /// it exists.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    #[command(flatten)]
    pub date: DateArg,
}

/// Writes the matrix in the format OUT's extension names.
///
/// # Errors
/// [`CommandError::Write`] when OUT has an unknown extension (checked before FILE is
/// read); [`CommandError::Input`] when FILE cannot be read; [`CommandError::Api`] when OUT
/// cannot be written.
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    let format = raci_format(&args.output)?;
    let doc = load_map(&args.file)?;
    let what = Rendering::Raci(Box::new(doc), format);
    let bar = crate::progress::bar("RACI");
    let written = export::write(
        what,
        args.date.or_today(world),
        &args.output,
        Replace::Yes,
        &bar,
    )?;
    print_warnings(&written.warnings);
    Ok(ExitCode::SUCCESS)
}
