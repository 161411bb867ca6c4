//! `handoff convert IN OUT`: a map from one format to the other. The input is read like
//! every other command's (`*.bpmn` is imported, with the import notes as warnings); the
//! output format follows OUT's extension: `.bpmn` writes BPMN 2.0 XML with diagram layout,
//! `.json` writes a Handoff map.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CommandError, World};
use crate::input::{is_bpmn, load_map};

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
/// [`CommandError::Input`] when IN cannot be read, [`CommandError::Write`] when OUT has an
/// unknown extension, already exists (without `--force`) or cannot be written.
pub fn run(args: Args, _world: &World) -> Result<ExitCode, CommandError> {
    let refuse = |message: &str| CommandError::Write {
        path: args.output.clone(),
        source: std::io::Error::other(message.to_owned()),
    };
    let to_bpmn = is_bpmn(&args.output);
    let to_json = args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if !to_bpmn && !to_json {
        return Err(refuse(
            "unknown output format: name the file *.bpmn or *.handoff.json",
        ));
    }
    if args.output.exists() && !args.force {
        return Err(refuse("already exists (use --force to replace it)"));
    }
    let doc = load_map(&args.input)?;
    let text = if to_bpmn {
        handoff_bpmn::export(&doc)
    } else {
        handoff_core::to_json(&doc)
    };
    std::fs::write(&args.output, text).map_err(|source| CommandError::Write {
        path: args.output.clone(),
        source,
    })?;
    Ok(ExitCode::SUCCESS)
}
