//! `handoff library list | import | export | history | review | check | copy`: the process
//! library from the command line. Without `--db` it works on the app's own library
//! (created and seeded with the templates on first use); with `--db` on the given file or
//! team library (`postgres://USER@HOST/DATABASE`).

use std::path::PathBuf;
use std::process::ExitCode;

use handoff_api::export::{self, ExportJob};
use handoff_api::files::Replace;
use handoff_api::library::{self as api_library, LibraryAt, Open};
use handoff_api::{editing, import, review, Ctx};
use handoff_core::review::ReviewStatus;
use handoff_core::ProcessId;
use handoff_store::{ImportMode, ReviewItem};
use owo_colors::OwoColorize;

use super::{print_warnings, CommandError, DateArg, World};
use crate::output::{dim, pad, print_json, severity_style, strong, Format};

/// Arguments of `handoff library`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The library: a file, or a team library's URL postgres://USER@HOST:PORT/DATABASE
    /// (a password is best left to ~/.pgpass or PGPASSWORD, out of the shell's history)
    /// [default: the app's library in the OS app-data folder, or
    /// $HANDOFF_DATA_DIR/library.handoff-db]
    #[arg(long, global = true, value_name = "PATH|URL")]
    pub db: Option<String>,
    /// Who saves: recorded with each revision this command writes, and as the reviewer
    /// [default: the operating-system user ($USER, $LOGNAME or $USERNAME)]
    #[arg(long, global = true, value_name = "NAME")]
    pub author: Option<String>,
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
    /// Check the library file's integrity and list its backups; with --restore, put the
    /// newest backup back (the replaced file is kept beside it). Exit code 0: sound (or
    /// restored); 1: damaged.
    Check {
        /// Put the newest backup back in place of the library. Close the app first.
        #[arg(long)]
        restore: bool,
    },
    /// List a process's revisions, newest first.
    History {
        /// The process id (see `handoff library list`).
        id: String,
        /// How to print the history.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Copy every process with every revision, seat and rule setting from one library to
    /// another: a library file into a team library, or back. The target is created when it
    /// is not there (a new file, or the tables in an empty database). Exit code 0: copied;
    /// 1: with --merge, some process had gone another way in the target and was left as it
    /// is there.
    Copy {
        /// The library to copy from (a file or a postgres:// URL); it must exist.
        #[arg(value_name = "FROM")]
        from: String,
        /// The library to copy to (a file or a postgres:// URL).
        #[arg(value_name = "TO")]
        to: String,
        /// Copy into a library that already has processes: what it has is kept, processes
        /// it lacks are added, newer revisions are appended. Copying twice changes nothing.
        #[arg(long)]
        merge: bool,
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
/// [`CommandError::Api`] when the library cannot be opened or changed or an imported file
/// cannot be read (the message names the file).
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    if let Action::Check { restore } = args.action {
        // A damaged library may not open: check the file as it is, without opening it.
        let path = match args.db.as_deref().map(LibraryAt::parse) {
            Some(LibraryAt::File(p)) => p,
            Some(team @ LibraryAt::Team(_)) => {
                return Err(api_library::file_only(&team, "handoff library check").into())
            }
            None => api_library::default_path()?,
        };
        return check(&path, restore);
    }
    if let Action::Copy { from, to, merge } = &args.action {
        return copy(&LibraryAt::parse(from), &LibraryAt::parse(to), *merge);
    }
    let creates = matches!(args.action, Action::Import { .. });
    let today = match &args.action {
        Action::List { date, .. } | Action::Review { date, .. } => date.or_today(world),
        _ => world.today,
    };
    let ctx = world.ctx(today);
    ctx.set_author(args.author.or_else(os_user).as_deref());
    let path = open(&ctx, args.db, creates)?;
    match args.action {
        Action::List { format, .. } => {
            let list = api_library::list_processes(&ctx)?;
            if format == Format::Json {
                print_json(&list);
                return Ok(ExitCode::SUCCESS);
            }
            if list.is_empty() {
                anstream::println!("The library {path} has no processes.");
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
                let problems = if p.damaged.is_some() {
                    "DAMAGED (see library check)".to_owned()
                } else if p.problems.errors + p.problems.warnings + p.problems.infos == 0 {
                    "none".to_owned()
                } else {
                    format!(
                        "{} err, {} warn, {} info",
                        p.problems.errors, p.problems.warnings, p.problems.infos
                    )
                };
                let problems = pad(&problems, 22);
                let problems = if p.problems.errors > 0 || p.damaged.is_some() {
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
            let mode = if new_id {
                ImportMode::FreshId
            } else {
                ImportMode::NewRevision
            };
            let done = import::import_map(&ctx, &file, mode)?;
            print_warnings(&done.warnings);
            let (name, done) = (done.output.name, done.output.imported);
            anstream::println!(
                "{} '{}' as {} (revision {}) into {path}",
                if done.created { "Imported" } else { "Updated" },
                name,
                done.id.as_str().style(strong()),
                done.revision,
            );
        }
        Action::Export { id, out } => {
            let job = ExportJob::Map {
                process: ProcessId(id.clone()),
            };
            export::export_file(&ctx, &job, &out, Replace::Yes, &|_| {})?;
            anstream::println!("Exported {} to {}", id.style(strong()), out.display());
        }
        Action::History { id, format } => {
            let id = ProcessId(id);
            let revisions = editing::revisions(&ctx, &id)?;
            if format == Format::Json {
                print_json(&revisions);
                return Ok(ExitCode::SUCCESS);
            }
            anstream::println!("{} in {path}", id.as_str().style(strong()));
            let by_width = revisions
                .iter()
                .map(|r| r.author.as_deref().map_or(0, |a| a.chars().count()))
                .max()
                .unwrap_or(0);
            for r in &revisions {
                anstream::println!(
                    "  {:>4}  {}  {}  {}",
                    r.number,
                    r.created_at.format("%Y-%m-%d %H:%M"),
                    pad(r.author.as_deref().unwrap_or(""), by_width),
                    r.summary
                );
            }
        }
        Action::Check { .. } | Action::Copy { .. } => {
            unreachable!("handled before the library is opened")
        }
        Action::Review { format, .. } => {
            let reviews = review::reviews(&ctx)?;
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
                    let by = i
                        .reviewed_by
                        .as_ref()
                        .map_or_else(String::new, |b| format!(", last reviewed by {b}"));
                    let when = match (i.due, i.days) {
                        (Some(due), Some(d)) if d < 0 => format!("was due {due}, {} days ago", -d),
                        (Some(due), Some(0)) => format!("due today ({due})"),
                        (Some(due), Some(d)) => format!("due {due}, in {d} days"),
                        _ => "never reviewed".to_owned(),
                    };
                    anstream::println!("  {} ({owner}, id {}): {when}{by}", i.name, i.id);
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

/// `handoff library check [--restore]`.
fn check(path: &std::path::Path, restore: bool) -> Result<ExitCode, CommandError> {
    let report = api_library::check(path)?;
    if report.is_ok() {
        anstream::println!("{}: ok", path.display());
    }
    for problem in &report.problems {
        anstream::println!("{}: {problem}", path.display());
    }
    for b in &report.backups {
        let when = b.written_at.map_or_else(String::new, |t| {
            format!(", written {}", t.format("%Y-%m-%d %H:%M"))
        });
        anstream::println!(
            "  backup {} (library schema {}{when})",
            b.path.display(),
            b.schema_version
        );
    }
    if !restore {
        return Ok(if report.is_ok() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let Some(newest) = report.backups.first() else {
        anstream::eprintln!("{}: there is no backup to restore", path.display());
        return Ok(ExitCode::from(1));
    };
    let kept = api_library::restore_backup(path, &newest.path)?;
    anstream::println!("Restored {} from {}", path.display(), newest.path.display());
    if let Some(kept) = kept {
        anstream::println!("The replaced file is kept as {}", kept.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The operating-system user, who saves when `--author` is not given. Read here rather
/// than in `main`: only the library's writes need it.
pub(crate) fn os_user() -> Option<String> {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.trim().is_empty()))
}

/// `handoff library copy FROM TO [--merge]`.
fn copy(from: &LibraryAt, to: &LibraryAt, merge: bool) -> Result<ExitCode, CommandError> {
    let done = api_library::copy(from, to, merge)?;
    let (from, to) = (from.display(), to.display());
    if done.is_empty() {
        anstream::println!("{to} already has everything in {from}: nothing to copy");
    } else {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        anstream::println!(
            "Copied {}, {} updated, {}, {} and {} from {from} to {to}",
            plural(done.added.len(), "new process", "new processes"),
            done.updated.len(),
            plural(done.revisions, "revision", "revisions"),
            plural(done.seats, "seat", "seats"),
            plural(done.rules, "rule setting", "rule settings"),
        );
    }
    for id in &done.diverged {
        crate::output::print_warning(&format!(
            "process {id} has revisions in {to} that {from} does not have; it was left as it is in {to}"
        ));
    }
    Ok(if done.diverged.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
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

/// Opens the library and returns where it is, as messages show it (a team library's URL
/// without the password). The default library is created and seeded with the templates on
/// first use; a library named with `--db` (a file or a `postgres://` URL) must exist
/// unless the action adds to it.
pub(crate) fn open(ctx: &Ctx, db: Option<String>, creates: bool) -> Result<String, CommandError> {
    let (at, how) = match db.as_deref().map(LibraryAt::parse) {
        None => (
            LibraryAt::File(api_library::default_path()?),
            Open::CreateAndSeed,
        ),
        Some(at) if creates => (at, Open::Create),
        Some(at) => (at, Open::Existing),
    };
    let opened = api_library::open_at(ctx, &at, how)?;
    print_warnings(&opened.warnings);
    Ok(at.display())
}
