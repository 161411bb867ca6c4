//! `handoff convert IN OUT`: a map from one format to the other. The input is read like
//! every other command's (`*.bpmn` is imported, with the import notes as warnings); the
//! output format follows OUT's extension: `.bpmn` writes BPMN 2.0 XML with diagram layout,
//! `.json` writes a Handoff map.

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_api::export::{self, map_format, Rendering};
use handoff_api::files::Replace;

use super::{CommandError, World};
use crate::input::load_map;

/// Arguments of `handoff convert`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The map to read (`*.handoff.json` or `*.bpmn`).
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// Where to write it (`*.bpmn` or `*.handoff.json`).
    #[arg(value_name = "OUT")]
    pub output: PathBuf,
    /// Replace OUT if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Reads IN and writes OUT in the format OUT's extension names.
///
/// # Errors
/// [`CommandError::Write`] when OUT has an unknown extension or already exists (without
/// `--force`), both checked before IN is read; [`CommandError::Input`] when IN cannot be
/// read; [`CommandError::Api`] when OUT cannot be written.
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    let format = map_format(&args.output)?;
    let replace = if args.force {
        Replace::Yes
    } else {
        Replace::No
    };
    if replace == Replace::No && args.output.exists() {
        return Err(CommandError::Exists(args.output));
    }
    let doc = load_map(&args.input)?;
    let bar = crate::progress::bar("Convert");
    let what = Rendering::Map(Box::new(doc), format);
    export::write(what, world.today, &args.output, replace, &bar)?;
    Ok(ExitCode::SUCCESS)
}
