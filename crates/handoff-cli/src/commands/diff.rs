//! `handoff diff AS_IS TO_BE`: what changed between two maps of one process, the
//! improvement backlog, printed and optionally written as CSV and as a PDF with both maps.
//! Like diff(1), the exit code says whether anything differs.

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_api::export::{self, BacklogFormat, Rendering};
use handoff_api::files::Replace;
use handoff_core::diff::{diff, to_text};
use owo_colors::Style;

use super::{print_warnings, CommandError, DateArg, World};
use crate::input::load_map;
use crate::output::{strong, Format, Stdout};

/// Arguments of `handoff diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The current-state map, or the older revision (`*.handoff.json` or `*.bpmn`).
    #[arg(value_name = "AS_IS")]
    pub before: PathBuf,
    /// The to-be map, or the newer revision.
    #[arg(value_name = "TO_BE")]
    pub after: PathBuf,
    /// How to print the differences.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Also write the differences as CSV (UTF-8 with BOM, one row per difference).
    #[arg(long, value_name = "OUT.csv")]
    pub csv: Option<PathBuf>,
    /// Also write the backlog as a PDF: the numbers, every difference, then both maps.
    #[arg(long, value_name = "OUT.pdf")]
    pub pdf: Option<PathBuf>,
    /// The PDF's date.
    #[command(flatten)]
    pub date: DateArg,
}

/// Compares the two maps and prints the differences; JSON is
/// [`handoff_core::diff::Diff`] with camelCase keys. Exit code 0 when the maps say the
/// same thing, 1 when they differ.
///
/// # Errors
/// [`CommandError::Input`] when a map cannot be read, [`CommandError::Api`] when the CSV
/// or the PDF cannot be written.
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    let before = load_map(&args.before)?;
    let after = load_map(&args.after)?;
    let d = diff(&before, &after);
    let today = args.date.or_today(world);
    for (path, format) in [
        (&args.csv, BacklogFormat::Csv),
        (&args.pdf, BacklogFormat::Pdf),
    ] {
        let Some(path) = path else { continue };
        let what = Rendering::Backlog(Box::new(before.clone()), Box::new(after.clone()), format);
        let written = export::write(what, today, path, Replace::Yes, &|_| {})?;
        print_warnings(&written.warnings);
    }
    let mut out = Stdout::new(args.format);
    match args.format {
        Format::Json => out.json(&d),
        Format::Text => {
            let p = out.palette();
            writeln!(
                out,
                "{} → {}",
                p.paint(&before.process.name, strong()),
                p.paint(&after.process.name, strong())
            );
            for line in to_text(&d).lines() {
                writeln!(out, "{}", p.paint(line, line_style(line)));
            }
        }
    }
    out.finish();
    Ok(if d.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Added lines green, removed red, moved yellow, changed cyan, headings bold.
fn line_style(line: &str) -> Style {
    if !line.starts_with("  ") {
        return if line.ends_with("):") {
            strong()
        } else {
            Style::new()
        };
    }
    match line.trim_start().chars().next() {
        Some('+') => Style::new().green(),
        Some('-') => Style::new().red(),
        Some('>') => Style::new().yellow(),
        Some('~') => Style::new().cyan(),
        _ => Style::new(),
    }
}
