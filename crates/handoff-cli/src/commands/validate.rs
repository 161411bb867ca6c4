//! `handoff validate FILE...`: the checks of every map, as text or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_core::checks::{check, has_errors, Rules};
use handoff_core::{Diagnostic, Severity};
use owo_colors::OwoColorize;
use serde::Serialize;

use super::{CommandError, DateArg, World};
use crate::input::load_map;
use crate::output::{dim, print_error, print_json, severity_style, strong, Format};

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
struct FileReport {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    diagnostics: Option<Vec<Diagnostic>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
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
    for path in &args.files {
        let file = path.display().to_string();
        match load_map(path) {
            Ok(doc) => {
                let diagnostics = check(&doc, today, &rules);
                failing |= has_errors(&diagnostics);
                reports.push(FileReport {
                    file,
                    diagnostics: Some(diagnostics),
                    error: None,
                });
            }
            Err(e) => {
                unreadable = true;
                print_error(&e);
                reports.push(FileReport {
                    file,
                    diagnostics: None,
                    error: Some(e.reason.to_string()),
                });
            }
        }
    }
    match args.format {
        Format::Json => print_json(&reports),
        Format::Text => print_text(&reports),
    }
    Ok(ExitCode::from(if unreadable {
        2
    } else if failing {
        1
    } else {
        0
    }))
}

fn print_text(reports: &[FileReport]) {
    let mut counts = [0usize; 3];
    let mut checked = 0;
    for r in reports {
        let Some(diagnostics) = &r.diagnostics else {
            continue;
        };
        checked += 1;
        if diagnostics.is_empty() {
            anstream::println!("{}: {}", r.file.style(strong()), "no problems".green());
        }
        for d in diagnostics {
            counts[d.severity as usize] += 1;
            let sev = d.severity.label();
            anstream::println!(
                "{}: {}{} {}",
                r.file.style(strong()),
                sev.style(severity_style(d.severity)),
                format_args!("[{}]", d.code).style(severity_style(d.severity)),
                d.message
            );
            if !d.hint.is_empty() {
                anstream::println!("  {} {}", "hint:".style(dim()), d.hint);
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
    anstream::println!(
        "{}: {}, {}, {}",
        files.style(strong()),
        plural(counts[Severity::Error as usize], "error"),
        plural(counts[Severity::Warning as usize], "warning"),
        plural(counts[Severity::Info as usize], "note"),
    );
}
