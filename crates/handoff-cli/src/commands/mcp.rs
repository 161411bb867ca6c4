//! `handoff mcp [--db PATH|URL] [--allow-writes [--author NAME]] [--date YYYY-MM-DD]`: the
//! library as a
//! Model Context Protocol server over stdio, for the assistant the owner already uses
//! (Claude Desktop, Cursor, any MCP client).
//!
//! Each tool is one call into the application layer ([`handoff_api::survey`],
//! [`handoff_api::export`], [`handoff_api::review`]); this module only declares the tools,
//! reads their arguments and turns the answer into a tool result: JSON for lists, Markdown
//! for documents, and a tool error carrying the application layer's message for anything it
//! refuses. The server reads only the library it was started on (no tool takes a path), and
//! it offers the one tool that writes (`mark_reviewed`) only when started with
//! `--allow-writes`. Standard output carries the protocol and nothing else; messages go to
//! standard error.

use std::process::ExitCode;
use std::sync::Arc;

use handoff_api::export::{self, ExportJob, RunbookFormat};
use handoff_api::library::{self as api_library, LibraryAt, Open};
use handoff_api::survey::{self, FindingQuery, ProcessQuery};
use handoff_api::{review, seats, ApiError, ApiResult, Ctx};
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::{schemars, tool, tool_handler, tool_router, ServerHandler, ServiceExt};
use serde::{Deserialize, Serialize};

use super::{print_warnings, CommandError, DateArg, World};

/// Arguments of `handoff mcp`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The library: a file or a team library's postgres:// URL; it must exist [default:
    /// the app's library]
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<String>,
    /// Also offer the tool that writes to the library (mark_reviewed). Without it the
    /// server only reads.
    #[arg(long)]
    pub allow_writes: bool,
    /// Who the reviews the assistant marks are recorded as [default: the operating-system
    /// user, "via an assistant"]
    #[arg(long, value_name = "NAME", requires = "allow_writes")]
    pub author: Option<String>,
    #[command(flatten)]
    pub date: DateArg,
}

/// Serves the library until the client closes standard input.
///
/// # Errors
/// [`CommandError::Api`] when the library cannot be opened (the server does not start);
/// [`CommandError::Server`] when the protocol cannot be spoken over stdio.
pub fn run(args: Args, world: &World) -> Result<ExitCode, CommandError> {
    let ctx = world.ctx(args.date.or_today(world));
    let author = args
        .author
        .or_else(|| super::library::os_user().map(|user| format!("{user} (via an assistant)")));
    ctx.set_author(author.as_deref());
    // An assistant reads the library the user already has: never create or seed one here.
    let at = match args.db.as_deref() {
        Some(db) => LibraryAt::parse(db),
        None => LibraryAt::File(api_library::default_path()?),
    };
    let opened = api_library::open_at(&ctx, &at, Open::Existing)?;
    print_warnings(&opened.warnings);
    let server = LibraryServer::new(ctx, args.allow_writes);
    anstream::eprintln!(
        "handoff mcp: serving {} over stdio, {}, {} tools; stops when the client closes the connection",
        at.display(),
        if args.allow_writes {
            "reads and marks reviews"
        } else {
            "read-only"
        },
        server.tools.list_all().len(),
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CommandError::Server(format!("cannot start the runtime: {e}")))?;
    runtime.block_on(async {
        let running = server
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|e| CommandError::Server(e.to_string()))?;
        running
            .waiting()
            .await
            .map_err(|e| CommandError::Server(e.to_string()))?;
        Ok(ExitCode::SUCCESS)
    })
}

/// The server: the context every tool reads through, and the tools it offers.
#[derive(Debug, Clone)]
pub struct LibraryServer {
    ctx: Arc<Ctx>,
    tools: ToolRouter<LibraryServer>,
}

impl LibraryServer {
    /// A server over the library open in `ctx`; the writing tool only with `writes`.
    pub fn new(ctx: Ctx, writes: bool) -> LibraryServer {
        let mut tools = Self::read_tools();
        if writes {
            tools += Self::write_tools();
        }
        LibraryServer {
            ctx: Arc::new(ctx),
            tools,
        }
    }

    /// Runs `f` on the context off the async thread (the library is a blocking database
    /// handle) and makes its answer a tool result; a refusal or a failure of `f` becomes a
    /// tool error with the message, never a crash of the server.
    async fn answer(
        &self,
        f: impl FnOnce(&Ctx) -> ApiResult<Answer> + Send + 'static,
    ) -> CallToolResult {
        let ctx = Arc::clone(&self.ctx);
        match tokio::task::spawn_blocking(move || f(&ctx)).await {
            Ok(Ok(Answer(text))) => CallToolResult::success(vec![ContentBlock::text(text)]),
            Ok(Err(e)) => CallToolResult::error(vec![ContentBlock::text(e.message)]),
            Err(e) => CallToolResult::error(vec![ContentBlock::text(format!(
                "Handoff could not answer: {e}"
            ))]),
        }
    }
}

/// A tool's text: JSON or Markdown.
struct Answer(String);

impl Answer {
    fn json(value: &impl Serialize) -> ApiResult<Answer> {
        serde_json::to_string_pretty(value)
            .map(Answer)
            .map_err(|e| ApiError::new(handoff_api::ErrorCode::Io, e.to_string()))
    }

    fn bytes(bytes: Vec<u8>) -> Answer {
        Answer(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// Arguments of `list_processes`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
pub struct ProcessFilter {
    /// Only this business function: sales, finance, delivery, marketing, people, systems or
    /// other.
    pub function: Option<String>,
    /// Only processes this seat owns (the seat's name or id).
    pub owner: Option<String>,
    /// Only this state: as-is, to-be or draft.
    pub state: Option<String>,
    /// Only this review status: overdue, upcoming (due within 30 days), due (overdue or
    /// upcoming), never-reviewed or current.
    pub review: Option<String>,
    /// Only processes whose name contains these words.
    pub name: Option<String>,
}

/// Arguments of tools about one process.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct ProcessArg {
    /// The process's name (any case) or id, as list_processes gives them.
    pub process: String,
}

/// Arguments of `list_seats`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
pub struct SeatFilter {
    /// Only seats of this kind: person, team, agent, system or external.
    pub kind: Option<String>,
}

/// Arguments of tools about one seat.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct SeatArg {
    /// The seat's name (any case) or id, as list_seats gives them.
    pub seat: String,
}

/// Arguments of `agent_runbook`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct RunbookArg {
    /// The agent's seat: its name (any case) or id.
    pub seat: String,
    /// markdown (the default) or json (the shape of docs/runbook.schema.json).
    pub format: Option<String>,
}

/// Arguments of `list_findings`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
pub struct FindingFilter {
    /// Only this check's code (e.g. process-no-owner, review-overdue) or codes beginning
    /// with it (e.g. agent-, raci-, process-).
    pub code: Option<String>,
    /// Only this severity: error, warning or info.
    pub severity: Option<String>,
    /// Only this process (its name or id).
    pub process: Option<String>,
}

#[tool_router(router = read_tools)]
impl LibraryServer {
    #[tool(
        description = "List the library's processes as JSON: id, name, business function, state, owner seat, counts of findings, review status with its due date, latest revision. Every filter given narrows the list.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn list_processes(&self, Parameters(f): Parameters<ProcessFilter>) -> CallToolResult {
        let query = ProcessQuery {
            function: f.function,
            owner: f.owner,
            state: f.state,
            review: f.review,
            name: f.name,
        };
        self.answer(move |ctx| Answer::json(&survey::processes(ctx, &query)?))
            .await
    }

    #[tool(
        description = "Read one process as its standard operating procedure in Markdown: owner, trigger, cadence, roles, the numbered steps with instructions and directions (\"If approved, go to step 7\"), handoffs, expected output, failure signals, RACI table, open findings and revision history.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn read_sop(&self, Parameters(p): Parameters<ProcessArg>) -> CallToolResult {
        self.answer(move |ctx| {
            let process = survey::find_process(ctx, &p.process)?.id;
            let job = ExportJob::SopMarkdown { process };
            Ok(Answer::bytes(export::export_bytes(ctx, &job)?.output))
        })
        .await
    }

    #[tool(
        description = "List the library's seats (roles, teams, AI agents, systems, outsiders) as JSON with what each holds: the processes it owns, its steps and Accountable steps in total, and per process its steps, decisions, RACI parts and the handoffs it receives and makes.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn list_seats(&self, Parameters(f): Parameters<SeatFilter>) -> CallToolResult {
        self.answer(move |ctx| Answer::json(&survey::seats(ctx, f.kind.as_deref())?))
            .await
    }

    #[tool(
        description = "The library's gaps as JSON: seats that own no process (people and teams first), seats no process uses, processes with no owner, processes overdue for review or never reviewed, and processes whose stored map is damaged.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn library_gaps(&self) -> CallToolResult {
        self.answer(|ctx| Answer::json(&survey::gaps(ctx)?)).await
    }

    #[tool(
        description = "The checks' findings across every process of the library as JSON (process, code, severity, message, how to fix it, elements involved), with the library's rule settings. Filter by check code or its beginning, severity or process.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn list_findings(&self, Parameters(f): Parameters<FindingFilter>) -> CallToolResult {
        let query = FindingQuery {
            code: f.code,
            severity: f.severity,
            process: f.process,
        };
        self.answer(move |ctx| Answer::json(&survey::findings(ctx, &query)?))
            .await
    }

    #[tool(
        description = "One seat's onboarding handout in Markdown, across every process of the library: the processes it owns, where it takes part, its steps in order (numbered as in each SOP) with their directions, what it receives and from whom, what it hands over and to whom, and where it is accountable, consulted or informed.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn seat_handout(&self, Parameters(s): Parameters<SeatArg>) -> CallToolResult {
        self.answer(move |ctx| {
            let seat = seats::find(ctx, &s.seat)?.id;
            let job = ExportJob::HandoutMarkdown { seat };
            Ok(Answer::bytes(export::export_bytes(ctx, &job)?.output))
        })
        .await
    }

    #[tool(
        description = "An AI agent seat's runbook across every process it works in, to use as the agent's instructions: triggers, its steps with instructions, inputs, outputs, tools and limits on tries, decisions with their conditions, what it receives and hands over, when and to whom it escalates, failure signals. Markdown by default, or JSON.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn agent_runbook(&self, Parameters(r): Parameters<RunbookArg>) -> CallToolResult {
        self.answer(move |ctx| {
            let format = match r.format.as_deref().map(|f| f.trim().to_lowercase()) {
                None => RunbookFormat::Markdown,
                Some(f) if f.is_empty() || f == "markdown" || f == "md" => RunbookFormat::Markdown,
                Some(f) if f == "json" => RunbookFormat::Json,
                Some(f) => {
                    return Err(ApiError::invalid(format!(
                        "\"{f}\" is not a runbook format; use markdown or json"
                    )))
                }
            };
            let seat = seats::find(ctx, &r.seat)?.id;
            let job = ExportJob::Runbook { seat, format };
            Ok(Answer::bytes(export::export_bytes(ctx, &job)?.output))
        })
        .await
    }
}

#[tool_router(router = write_tools)]
impl LibraryServer {
    #[tool(
        description = "Record that a process was reviewed today (a new revision in the library) and return when its next review is due.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            open_world_hint = false
        )
    )]
    async fn mark_reviewed(&self, Parameters(p): Parameters<ProcessArg>) -> CallToolResult {
        self.answer(move |ctx| Answer::json(&review::record(ctx, &p.process)?))
            .await
    }
}

#[tool_handler(router = self.tools)]
impl ServerHandler for LibraryServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("handoff", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "Handoff's process library: how recurring work moves through this company, \
                 seat by seat. Start with list_processes or list_seats; read_sop gives one \
                 process as the procedure people follow; library_gaps and list_findings say \
                 what is missing or wrong; seat_handout and agent_runbook give one seat's \
                 work across every process.",
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use handoff_api::FixedClock;

    /// A server over a library seeded with the starter templates, on 2026-12-20 (expense
    /// approval and the proposal are then overdue for review).
    fn server(writes: bool) -> (tempfile::TempDir, LibraryServer) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let ctx = Ctx::new(FixedClock {
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 20).expect("a date"),
            now: chrono::DateTime::from_timestamp(1_797_000_000, 0).expect("a time"),
        });
        ctx.set_author(Some("Ann (via an assistant)"));
        api_library::open(
            &ctx,
            &dir.path().join("lib.handoff-db"),
            Open::CreateAndSeed,
        )
        .expect("a seeded library");
        (dir, LibraryServer::new(ctx, writes))
    }

    /// The result's text, and whether it is a tool error.
    fn text(result: &CallToolResult) -> (String, bool) {
        let text = result
            .content
            .iter()
            .filter_map(|c| c.as_text().map(|t| t.text.clone()))
            .collect::<Vec<_>>()
            .join("\n");
        (text, result.is_error == Some(true))
    }

    fn tool_names(server: &LibraryServer) -> Vec<String> {
        let mut names: Vec<String> = server
            .tools
            .list_all()
            .into_iter()
            .map(|t| t.name.to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_writing_tool_is_offered_only_when_writes_are_allowed() {
        let reads = [
            "agent_runbook",
            "library_gaps",
            "list_findings",
            "list_processes",
            "list_seats",
            "read_sop",
            "seat_handout",
        ];
        assert_eq!(tool_names(&server(false).1), reads);
        let (_dir, writing) = server(true);
        let mut all: Vec<&str> = reads.to_vec();
        all.push("mark_reviewed");
        all.sort();
        assert_eq!(tool_names(&writing), all);
        for tool in writing.tools.list_all() {
            let read_only = tool.annotations.as_ref().and_then(|a| a.read_only_hint);
            assert_eq!(
                read_only,
                Some(tool.name != "mark_reviewed"),
                "{}",
                tool.name
            );
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn tools_answer_from_the_library_and_refusals_are_tool_errors() {
        let (_dir, s) = server(false);
        let (sop, failed) = text(
            &s.read_sop(Parameters(ProcessArg {
                process: "order to cash".into(),
            }))
            .await,
        );
        assert!(!failed, "{sop}");
        assert!(sop.starts_with("# Standard operating procedure: Order to cash\n"));
        assert!(
            sop.contains("- **Revision:** 1\n"),
            "from the library: {sop}"
        );
        assert!(sop.contains("### Step 12: Ask the customer to prepay\n"));

        let (list, failed) = text(
            &s.list_processes(Parameters(ProcessFilter {
                review: Some("overdue".into()),
                ..ProcessFilter::default()
            }))
            .await,
        );
        assert!(!failed, "{list}");
        let list: serde_json::Value = serde_json::from_str(&list).expect("JSON");
        let names: Vec<&str> = list
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        assert_eq!(
            names,
            ["Expense approval", "Proposal with partner approval"]
        );

        let (runbook, failed) = text(
            &s.agent_runbook(Parameters(RunbookArg {
                seat: "ticket triage agent".into(),
                format: Some("JSON".into()),
            }))
            .await,
        );
        assert!(!failed, "{runbook}");
        let runbook: serde_json::Value = serde_json::from_str(&runbook).expect("JSON");
        assert_eq!(runbook["seat"], "Ticket triage agent");

        let (err, failed) = text(
            &s.agent_runbook(Parameters(RunbookArg {
                seat: "Bookkeeper".into(),
                format: None,
            }))
            .await,
        );
        assert!(failed);
        assert!(err.contains("is a person seat"), "{err}");

        let (err, failed) = text(
            &s.list_processes(Parameters(ProcessFilter {
                state: Some("finished".into()),
                ..ProcessFilter::default()
            }))
            .await,
        );
        assert!(failed);
        assert_eq!(
            err,
            "\"finished\" is not a state; use one of: as-is, to-be, draft"
        );
    }

    #[tokio::test(flavor = "current_thread")]
    async fn marking_a_review_writes_a_revision() {
        let (_dir, s) = server(true);
        let (done, failed) = text(
            &s.mark_reviewed(Parameters(ProcessArg {
                process: "Expense approval".into(),
            }))
            .await,
        );
        assert!(!failed, "{done}");
        let done: serde_json::Value = serde_json::from_str(&done).expect("JSON");
        assert_eq!(done["reviewedOn"], "2026-12-20");
        assert_eq!(done["revision"], 2);
        let (sop, _) = text(
            &s.read_sop(Parameters(ProcessArg {
                process: "Expense approval".into(),
            }))
            .await,
        );
        assert!(sop.contains("- **Last reviewed:** 2026-12-20\n"), "{sop}");
        let history = handoff_api::editing::revisions(
            &s.ctx,
            &handoff_core::ProcessId::from("proc-expense-approval"),
        )
        .expect("history");
        assert_eq!(history[0].author.as_deref(), Some("Ann (via an assistant)"));
    }
}
