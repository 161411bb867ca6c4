//! One module per subcommand. To add one: write `commands/<name>.rs` with a clap `Args`
//! struct and `pub fn run(args, world) -> Result<ExitCode, CommandError>`, add a variant
//! to [`Command`] and a line to [`run`].

pub mod convert;
pub mod diff;
pub mod handout;
pub mod library;
pub mod mcp;
pub mod metrics;
pub mod raci;
pub mod reality;
pub mod runbook;
pub mod seat_change;
pub mod sop;
pub mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Parser, Subcommand};
use handoff_api::files::WriteError;
use handoff_api::{ApiError, Ctx, FixedClock};

use crate::input::InputError;

/// Map, check and hand off recurring work: Handoff's engine on the command line.
#[derive(Debug, Parser)]
#[command(name = "handoff", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check maps for problems. Exit code 0: no errors; 1: some finding is an error;
    /// 2: a file cannot be read or parsed.
    Validate(validate::Args),
    /// Count steps, handoffs and seats and estimate cycle times of a map.
    Metrics(metrics::Args),
    /// Compare two maps of one process (as-is and to-be, or two revisions): added,
    /// removed, changed and moved steps, handoffs and metric deltas. Exit code 0: no
    /// differences; 1: the maps differ; 2: a file cannot be read or written.
    Diff(diff::Args),
    /// Work with a process library (by default the app's own library).
    Library(library::Args),
    /// Convert a map between Handoff (`*.handoff.json`) and BPMN 2.0 XML (`*.bpmn`); the
    /// direction follows the file extensions. Exit code 0: written; 2: cannot read or write.
    Convert(convert::Args),
    /// Write the standard operating procedure of a map as a PDF.
    Sop(sop::Args),
    /// Write the onboarding handout for one seat, across every process in the library, as
    /// a PDF.
    Handout(handout::Args),
    /// Write the RACI matrix of a map as XLSX, CSV or PDF (by OUT's extension).
    Raci(raci::Args),
    /// Hold a map against an event log (XES, .xes.gz or CSV): how many cases follow it
    /// exactly, where the others deviate, and how long each step really takes. Exit code 0:
    /// every case follows the map; 1: some case does not; 2: a file cannot be read.
    Reality(reality::Args),
    /// Write an AI agent seat's runbook across every process in the library (Markdown or
    /// JSON), to paste into the agent's instructions.
    Runbook(runbook::Args),
    /// Seat change drill: what a seat holds across the library and what becomes ownerless
    /// while it is empty; with -o, the successor's handover pack (PDF). Exit code 0: nothing
    /// becomes ownerless; 1: something does; 2: cannot read or write.
    SeatChange(seat_change::Args),
    /// Serve the library to an assistant (Claude Desktop, Cursor, any MCP client) as a
    /// Model Context Protocol server over stdio: processes, SOPs, seats, gaps, findings,
    /// handouts and runbooks. Read-only unless started with --allow-writes.
    Mcp(mcp::Args),
}

/// What the outside world contributes: read once in `main`, passed to every command.
#[derive(Debug, Clone, Copy)]
pub struct World {
    /// Today's local date (overridable per command with `--date`).
    pub today: NaiveDate,
    /// The current time, for library revisions.
    pub now: DateTime<Utc>,
}

impl World {
    /// The application layer's context for a command that treats `today` as today.
    pub fn ctx(&self, today: NaiveDate) -> Ctx {
        Ctx::new(FixedClock {
            today,
            now: self.now,
        })
    }
}

/// Why a command could not do its work; `main` prints it and exits with code 2.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// An input map could not be read.
    #[error(transparent)]
    Input(#[from] InputError),
    /// An output file could not be written, or its name says no known format.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The application layer refused (the library could not be opened or changed, no such
    /// seat or process, ...); the message names the file or element.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// The MCP server could not speak the protocol over stdio (the client went away
    /// during the handshake, stdio is closed).
    #[error("MCP server: {0}")]
    Server(String),
    /// OUT exists and `--force` was not given.
    #[error("{}: already exists (use --force to replace it)", .0.display())]
    Exists(PathBuf),
}

/// Prints what the reader of a written document should know, one `warning:` line each.
pub fn print_warnings(warnings: &[String]) {
    for w in warnings {
        crate::output::print_warning(w);
    }
}

/// Runs the chosen subcommand.
///
/// # Errors
/// A [`CommandError`] when the command cannot do its work at all; findings in a map are
/// not errors here but an exit code.
pub fn run(cli: Cli, world: &World) -> Result<ExitCode, CommandError> {
    match cli.command {
        Command::Validate(args) => validate::run(args, world),
        Command::Metrics(args) => metrics::run(args, world),
        Command::Diff(args) => diff::run(args, world),
        Command::Library(args) => library::run(args, world),
        Command::Convert(args) => convert::run(args, world),
        Command::Sop(args) => sop::run(args, world),
        Command::Handout(args) => handout::run(args, world),
        Command::Raci(args) => raci::run(args, world),
        Command::Reality(args) => reality::run(args, world),
        Command::Runbook(args) => runbook::run(args, world),
        Command::SeatChange(args) => seat_change::run(args, world),
        Command::Mcp(args) => mcp::run(args, world),
    }
}

/// `--date YYYY-MM-DD`: the day to treat as today (review dates depend on it).
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct DateArg {
    /// Treat this day as today, e.g. 2026-11-21 [default: today's local date]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
}

impl DateArg {
    /// The given date, or today.
    pub fn or_today(&self, world: &World) -> NaiveDate {
        self.date.unwrap_or(world.today)
    }
}
