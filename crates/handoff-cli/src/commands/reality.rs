//! `handoff reality MAP LOG`: hold a map against an event log (fitting cases, deviations,
//! measured times), as text or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_api::reality::{reality, Reality, RealityArgs};
use handoff_core::metrics::format_minutes;
use handoff_reality::conformance::StepReport;
use handoff_reality::stats::Times;
use handoff_reality::CsvOptions;
use owo_colors::Style;

use super::{print_warnings, CommandError, World};
use crate::output::{dim, pad, strong, Format, Stdout};

/// Arguments of `handoff reality`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The map (`*.handoff.json` or `*.bpmn`).
    #[arg(value_name = "MAP")]
    pub map: PathBuf,
    /// The event log (`*.xes`, `*.xes.gz` or `*.csv`).
    #[arg(value_name = "LOG")]
    pub log: PathBuf,
    /// A saved mapping of log activities to steps and resources to seats (JSON).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// CSV: the column holding the case id [default: guessed].
    #[arg(long, value_name = "NAME")]
    pub case_column: Option<String>,
    /// CSV: the column holding the activity [default: guessed].
    #[arg(long, value_name = "NAME")]
    pub activity_column: Option<String>,
    /// CSV: the column holding the time the activity was done [default: guessed].
    #[arg(long, value_name = "NAME")]
    pub timestamp_column: Option<String>,
    /// CSV: the column holding the resource (who did it) [default: guessed].
    #[arg(long, value_name = "NAME")]
    pub resource_column: Option<String>,
    /// CSV: the date format, "ISO 8601" or a pattern such as "%d/%m/%Y %H:%M"
    /// [default: guessed].
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,
}

/// Checks the log against the map. Exit code 0: every case follows the map; 1: some case
/// does not; 2: a file cannot be read.
///
/// # Errors
/// [`CommandError::Api`] when the map, the mapping or the log cannot be read.
pub fn run(args: Args, _world: &World) -> Result<ExitCode, CommandError> {
    let csv = CsvOptions {
        case: args.case_column,
        activity: args.activity_column,
        timestamp: args.timestamp_column,
        resource: args.resource_column,
        date_format: args.date_format,
        ..CsvOptions::default()
    };
    let result = reality(&RealityArgs {
        map: &args.map,
        log: &args.log,
        mapping: args.mapping.as_deref(),
        csv,
    })?;
    print_warnings(&result.warnings);
    let r = &result.output;
    let mut out = Stdout::new(args.format);
    match args.format {
        Format::Json => out.json(r),
        Format::Text => print_text(&mut out, r),
    }
    out.finish();
    let all_fit = r.report.fitting_cases == r.report.cases;
    Ok(ExitCode::from(if all_fit { 0 } else { 1 }))
}

/// Milliseconds as minutes, hours and days.
fn duration(ms: i64) -> String {
    let minutes = u64::try_from(ms.max(0)).unwrap_or(0) / 60_000;
    if minutes == 0 && ms > 0 {
        return format!("{} s", ms / 1000);
    }
    format_minutes(minutes)
}

fn times(t: Option<Times>) -> String {
    t.map_or_else(
        || "-".to_owned(),
        |t| format!("{} / {}", duration(t.median_ms), duration(t.p90_ms)),
    )
}

fn print_text(out: &mut Stdout, r: &Reality) {
    let p = out.palette();
    let rep = &r.report;
    let log = &r.log;
    writeln!(
        out,
        "{} against {}: {} cases, {} events",
        p.paint(&r.process, strong()),
        log.file,
        rep.cases,
        rep.events
    );
    if let Some(csv) = &log.csv {
        writeln!(
            out,
            "  {} case \"{}\", activity \"{}\", time \"{}\" ({}){}",
            p.paint("columns:", dim()),
            csv.case,
            csv.activity,
            csv.timestamp,
            csv.date_format.format,
            csv.resource
                .as_ref()
                .map(|c| format!(", resource \"{c}\""))
                .unwrap_or_default()
        );
    }
    let share = rep.fitness * 100.0;
    let style = if rep.fitting_cases == rep.cases {
        Style::new().green()
    } else {
        Style::new().yellow()
    };
    writeln!(
        out,
        "{} {} of {} cases follow the map exactly ({share:.1}%)",
        p.paint("fitting:", strong()),
        p.paint(rep.fitting_cases, style),
        rep.cases
    );
    if rep.undecided_cases > 0 {
        writeln!(
            out,
            "  {} cases could not be decided (the map's parallel parts multiply without end)",
            rep.undecided_cases
        );
    }
    if rep.bad_rows.count > 0 {
        writeln!(
            out,
            "{} {} rows could not be used",
            p.paint("bad rows:", strong()),
            rep.bad_rows.count
        );
        for b in rep.bad_rows.examples.iter().take(5) {
            writeln!(out, "  line {}: {}", b.line, b.reason);
        }
    }
    if !rep.deviations.is_empty() {
        writeln!(out, "{}", p.paint("deviations:", strong()));
        for d in &rep.deviations {
            writeln!(
                out,
                "  {} {:>7} cases  {} {}",
                pad(d.kind.code(), 16),
                d.cases,
                d.message,
                p.paint(format_args!("(e.g. {})", d.examples.join(", ")), dim())
            );
        }
    }
    writeln!(
        out,
        "{} {}",
        p.paint("steps:", strong()),
        p.paint(
            "cases, time in step and wait before it (median / 90%)",
            dim()
        )
    );
    let width = rep
        .steps
        .iter()
        .map(|s| s.label.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, 40);
    for s in &rep.steps {
        print_step(out, s, width);
    }
    if !rep.undrawn_paths.is_empty() {
        writeln!(out, "{}", p.paint("paths taken but not drawn:", strong()));
        let label = |id: &str| {
            rep.steps
                .iter()
                .find(|s| s.id == id)
                .map_or(id.to_owned(), |s| s.label.clone())
        };
        for u in &rep.undrawn_paths {
            writeln!(
                out,
                "  \"{}\" -> \"{}\": {} cases",
                label(&u.from),
                label(&u.to),
                u.cases
            );
        }
    }
    if !rep.unreached_steps.is_empty() {
        let names: Vec<String> = rep
            .steps
            .iter()
            .filter(|s| s.cases == 0)
            .map(|s| format!("\"{}\"", s.label))
            .collect();
        writeln!(
            out,
            "{} {}",
            p.paint("steps no case reached:", strong()),
            names.join(", ")
        );
    }
}

fn print_step(out: &mut Stdout, s: &StepReport, width: usize) {
    writeln!(
        out,
        "  {} {:>7}  in step {:<22} wait {}",
        pad(&s.label, width),
        s.cases,
        times(s.time_in_step),
        times(s.wait_before)
    );
}
