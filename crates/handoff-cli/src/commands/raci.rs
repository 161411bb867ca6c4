//! `handoff raci FILE -o OUT.xlsx|OUT.csv|OUT.pdf [--date YYYY-MM-DD]`: the RACI matrix of
//! one map (steps × seats). The format follows OUT's extension.

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_docs::raci::{to_csv, to_pdf, to_xlsx};
use handoff_docs::RaciMatrix;

use super::{write_output, CommandError, DateArg, World};
use crate::input::load_map;
use crate::output::print_warning;

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
/// [`CommandError::Input`] when FILE cannot be read; [`CommandError::Write`] when OUT has
/// an unknown extension or cannot be written.
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    let ext = args
        .output
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "xlsx" | "csv" | "pdf") {
        return Err(CommandError::Write {
            path: args.output,
            source: std::io::Error::other(
                "unknown output format: name the file *.xlsx, *.csv or *.pdf",
            ),
        });
    }
    let doc = load_map(&args.file)?;
    let matrix = RaciMatrix::new(&doc);
    let date = args.date.or_today(world);
    let bytes = match ext.as_str() {
        "xlsx" => to_xlsx(&matrix, date).map_err(|e| CommandError::Write {
            path: args.output.clone(),
            source: std::io::Error::other(e),
        })?,
        "csv" => to_csv(&matrix),
        _ => {
            let rendered = to_pdf(&matrix, date);
            for w in &rendered.warnings {
                print_warning(w);
            }
            rendered.pdf
        }
    };
    write_output(&args.output, &bytes)?;
    Ok(ExitCode::SUCCESS)
}
