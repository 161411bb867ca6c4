//! `handoff validate FILE...`: the checks of every map, as text or JSON.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use handoff_core::checks::{check, has_errors, Rules};
use handoff_core::{Diagnostic, Severity};
use owo_colors::Style;
use serde::{Serialize, Serializer};

use super::{CommandError, DateArg, World};
use crate::input::load_map;
use crate::output::{dim, print_error, severity_style, strong, Format, Stdout};

/// Arguments of `handoff validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The maps to check (`*.handoff.json`).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    #[command(flatten)]
    pub date: DateArg,
}

/// One file's entry in the JSON output: `diagnostics` when it was read, `error` when not.
#[derive(Debug, Serialize)]
struct FileReport<'a> {
    #[serde(serialize_with = "path_text")]
    file: &'a Path,
    #[serde(skip_serializing_if = "Option::is_none")]
    diagnostics: Option<Vec<Diagnostic>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// A path as the user typed it, lossily as text, without an intermediate string.
fn path_text<S: Serializer>(path: &&Path, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&path.display())
}

/// Checks every file. Exit code 2 when any file cannot be read, else 1 when any finding is
/// an error, else 0. Unreadable files are reported and the rest still checked.
///
/// # Errors
/// None of its own: unreadable files are part of the report.
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    let today = args.date.or_today(world);
    let rules = Rules::default();
    let (mut unreadable, mut failing) = (false, false);
    let mut reports = Vec::with_capacity(args.files.len());
    for (i, path) in args.files.iter().enumerate() {
        match load_map(path) {
            Ok(doc) => {
                let diagnostics = check(&doc, today, &rules);
                failing |= has_errors(&diagnostics);
                reports.push(FileReport {
                    file: path,
                    diagnostics: Some(diagnostics),
                    error: None,
                });
                if i + 1 == args.files.len() {
                    // The process ends once the report is out: leave the last map's many
                    // small allocations to the OS instead of freeing them one by one.
                    std::mem::forget(doc);
                }
            }
            Err(e) => {
                unreadable = true;
                print_error(&e);
                reports.push(FileReport {
                    file: path,
                    diagnostics: None,
                    error: Some(e.reason.to_string()),
                });
            }
        }
    }
    let mut out = Stdout::new(args.format);
    match args.format {
        Format::Json => out.json(&reports),
        Format::Text => print_text(&mut out, &reports),
    }
    out.finish();
    Ok(ExitCode::from(if unreadable {
        2
    } else if failing {
        1
    } else {
        0
    }))
}

fn print_text(out: &mut Stdout, reports: &[FileReport]) {
    let p = out.palette();
    let mut counts = [0usize; 3];
    let mut checked = 0;
    for r in reports {
        let Some(diagnostics) = &r.diagnostics else {
            continue;
        };
        checked += 1;
        let file = r.file.display();
        if diagnostics.is_empty() {
            let ok = p.paint("no problems", Style::new().green());
            writeln!(out, "{}: {ok}", p.paint(&file, strong()));
        }
        for d in diagnostics {
            counts[d.severity as usize] += 1;
            let style = severity_style(d.severity);
            writeln!(
                out,
                "{}: {}{} {}",
                p.paint(&file, strong()),
                p.paint(d.severity.label(), style),
                p.paint(format_args!("[{}]", d.code), style),
                d.message
            );
            if !d.hint.is_empty() {
                writeln!(out, "  {} {}", p.paint("hint:", dim()), d.hint);
            }
        }
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let unreadable = reports.len() - checked;
    let files = if unreadable == 0 {
        format!("{} checked", plural(checked, "file"))
    } else {
        format!(
            "{} checked, {unreadable} unreadable",
            plural(checked, "file")
        )
    };
    writeln!(
        out,
        "{}: {}, {}, {}",
        p.paint(files, strong()),
        plural(counts[Severity::Error as usize], "error"),
        plural(counts[Severity::Warning as usize], "warning"),
        plural(counts[Severity::Info as usize], "note"),
    );
}
