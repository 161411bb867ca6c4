//! `handoff library list | import | export | review`: the process library from the
//! command line. Without `--db` it works on the app's own library (created and seeded
//! with the templates on first use); with `--db` on the given file.

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_core::review::ReviewStatus;
use handoff_core::ProcessId;
use handoff_store::{ImportMode, Library, ReviewItem};
use owo_colors::OwoColorize;

use super::{CommandError, DateArg, World};
use crate::input::load_map;
use crate::output::{dim, pad, print_error, print_json, severity_style, strong, Format};

/// Arguments of `handoff library`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The library file [default: the app's library in the OS app-data folder, or
    /// $HANDOFF_DATA_DIR/library.handoff-db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub action: Action,
}

/// What to do with the library.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List the processes with their owner, problems and review status.
    List {
        /// How to print the list.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        #[command(flatten)]
        date: DateArg,
    },
    /// Add a map file to the library (a new revision when its id is already there).
    Import {
        /// The map to import (`*.handoff.json`).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Give the process a fresh id instead of revising the one with the same id.
        #[arg(long)]
        new_id: bool,
    },
    /// Write a process to a `*.handoff.json` file.
    Export {
        /// The process id (see `handoff library list`).
        id: String,
        /// Where to write the file.
        #[arg(value_name = "OUT")]
        out: PathBuf,
    },
    /// List overdue and upcoming reviews.
    Review {
        /// How to print the reviews.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        #[command(flatten)]
        date: DateArg,
    },
}

/// Runs a library action.
///
/// # Errors
/// [`CommandError::Store`] when the library cannot be opened or changed (the message names
/// the file); [`CommandError::Input`] when an imported file cannot be read.
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    let creates = matches!(args.action, Action::Import { .. });
    let mut lib = open(args.db, creates, world)?;
    match args.action {
        Action::List { format, date } => {
            let list = lib.processes(date.or_today(world))?;
            if format == Format::Json {
                print_json(&list);
                return Ok(ExitCode::SUCCESS);
            }
            if list.is_empty() {
                anstream::println!("The library {} has no processes.", lib.path().display());
            }
            let idw = list
                .iter()
                .map(|p| p.id.as_str().chars().count())
                .max()
                .unwrap_or(2)
                .max(2);
            let namew = list
                .iter()
                .map(|p| p.name.chars().count())
                .max()
                .unwrap_or(4)
                .max(4);
            if !list.is_empty() {
                anstream::println!(
                    "{}",
                    format!(
                        "{} {} {} {} {} {:<22} Review",
                        pad("ID", idw),
                        pad("Name", namew),
                        pad("Function", 10),
                        pad("State", 6),
                        pad("Owner", 16),
                        "Problems"
                    )
                    .style(strong())
                );
            }
            for p in &list {
                let problems = if p.problems.errors + p.problems.warnings + p.problems.infos == 0 {
                    "none".to_owned()
                } else {
                    format!(
                        "{} err, {} warn, {} info",
                        p.problems.errors, p.problems.warnings, p.problems.infos
                    )
                };
                let problems = pad(&problems, 22);
                let problems = if p.problems.errors > 0 {
                    problems
                        .style(severity_style(handoff_core::Severity::Error))
                        .to_string()
                } else {
                    problems
                };
                anstream::println!(
                    "{} {} {} {} {} {} {}",
                    pad(p.id.as_str(), idw),
                    pad(&p.name, namew),
                    pad(p.function.label(), 10),
                    pad(p.state.label(), 6),
                    pad(p.owner_name.as_deref().unwrap_or("(no owner)"), 16),
                    problems,
                    review_words(&p.review)
                );
            }
        }
        Action::Import { file, new_id } => {
            let doc = load_map(&file)?;
            let name = file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let mode = if new_id {
                ImportMode::FreshId
            } else {
                ImportMode::NewRevision
            };
            let process = doc.process.name.clone();
            let done = lib.import_document(doc, mode, &name, world.now)?;
            anstream::println!(
                "{} '{}' as {} (revision {}) into {}",
                if done.created { "Imported" } else { "Updated" },
                process,
                done.id.as_str().style(strong()),
                done.revision,
                lib.path().display()
            );
        }
        Action::Export { id, out } => {
            lib.export(&ProcessId(id.clone()), &out)?;
            anstream::println!("Exported {} to {}", id.style(strong()), out.display());
        }
        Action::Review { format, date } => {
            let today = date.or_today(world);
            let reviews = lib.reviews(today)?;
            if format == Format::Json {
                print_json(&reviews);
                return Ok(ExitCode::SUCCESS);
            }
            let section = |title: &str, items: &[ReviewItem]| {
                anstream::println!("{}", title.style(strong()));
                if items.is_empty() {
                    anstream::println!("  {}", "none".style(dim()));
                }
                for i in items {
                    let owner = i.owner_name.as_deref().unwrap_or("no owner");
                    let when = match (i.due, i.days) {
                        (Some(due), Some(d)) if d < 0 => format!("was due {due}, {} days ago", -d),
                        (Some(due), Some(0)) => format!("due today ({due})"),
                        (Some(due), Some(d)) => format!("due {due}, in {d} days"),
                        _ => "never reviewed".to_owned(),
                    };
                    anstream::println!("  {} ({owner}, id {}): {when}", i.name, i.id);
                }
            };
            anstream::println!("Reviews as of {today}");
            section("Overdue", &reviews.overdue);
            section("Upcoming (next 30 days)", &reviews.upcoming);
            section("Never reviewed", &reviews.never_reviewed);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn review_words(status: &ReviewStatus) -> String {
    match status {
        ReviewStatus::NeverReviewed => "never reviewed".to_owned(),
        ReviewStatus::Current { due } => format!("due {due}"),
        ReviewStatus::Upcoming { due } => format!("due {due} (soon)")
            .style(severity_style(handoff_core::Severity::Warning))
            .to_string(),
        ReviewStatus::Overdue { due } => format!("OVERDUE since {due}")
            .style(severity_style(handoff_core::Severity::Error))
            .to_string(),
    }
}

/// Opens the library. The default library is created and seeded with the templates on
/// first use; a library named with `--db` must exist unless the action adds to it.
pub(crate) fn open(
    db: Option<PathBuf>,
    creates: bool,
    world: &World,
) -> Result<Library, CommandError> {
    let Some(path) = db else {
        let path = Library::default_path()?;
        let mut lib = Library::create_or_open(&path)?;
        let mut templates = Vec::new();
        for (file, parsed) in handoff_templates::documents() {
            match parsed {
                Ok(doc) => templates.push(doc),
                Err(e) => print_error(&TemplateError { file, source: e }),
            }
        }
        lib.seed_if_first_use(&templates, world.now)?;
        return Ok(lib);
    };
    Ok(if creates {
        Library::create_or_open(&path)?
    } else {
        Library::open(&path)?
    })
}

/// A template that did not parse; reported, and the others are still seeded.
#[derive(Debug, thiserror::Error)]
#[error("template {file}: {source}")]
struct TemplateError {
    file: &'static str,
    source: handoff_core::LoadError,
}
