//! The library as a whole, as someone reading it asks about it: which processes there are
//! (by function, owner, state, review status), what each seat holds, where the gaps are
//! (seats that own nothing, processes with no owner or overdue for review) and what the
//! checks find across every process. Read-only; the MCP server's tools are these functions,
//! and the filters take the words a person or an assistant types ("finance", "as-is",
//! "overdue", a seat's name) and refuse anything else with the words they accept.

use handoff_core::review::ReviewStatus;
use handoff_core::{
    check, BusinessFunction, Document, NodeTag, ProcessState, Seat, SeatId, SeatKind, Severity,
};
use handoff_store::{Library, ProcessSummary, ReviewItem};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult, ErrorCode};

/// Which processes to list, as typed: every field given narrows the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProcessQuery {
    /// A business function: sales, finance, delivery, marketing, people, systems, other.
    pub function: Option<String>,
    /// The owner seat, by name (any case) or id.
    pub owner: Option<String>,
    /// as-is, to-be or draft.
    pub state: Option<String>,
    /// A review status: overdue, upcoming, due (overdue or upcoming), never-reviewed or
    /// current.
    pub review: Option<String>,
    /// Words the process's name contains (any case).
    pub name: Option<String>,
}

/// Which findings to list, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingQuery {
    /// A check's code ("process-no-owner") or its beginning ("agent-", "raci-").
    pub code: Option<String>,
    /// error, warning or info.
    pub severity: Option<String>,
    /// One process, by name (any case) or id.
    pub process: Option<String>,
}

/// One finding of the checks, with the process it is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LibraryFinding {
    pub process_id: String,
    pub process: String,
    pub code: String,
    pub severity: Severity,
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// Ids of the nodes, flows, lanes or seats involved.
    pub elements: Vec<String>,
}

/// A seat and what it holds across the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeatHoldings {
    pub id: String,
    pub name: String,
    pub kind: SeatKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// The processes it owns, by name.
    pub owns: Vec<String>,
    /// Steps it does (in its lanes), summed over the library.
    pub steps: u32,
    /// Steps it is Accountable for, summed over the library.
    pub accountable: u32,
    /// Every process it takes part in (a lane, ownership or RACI), in library order.
    pub processes: Vec<SeatPart>,
}

/// A seat's part in one process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeatPart {
    pub process_id: String,
    pub process: String,
    pub owner: bool,
    /// Steps in the seat's lanes.
    pub steps: u32,
    /// Decisions in the seat's lanes.
    pub decisions: u32,
    /// Steps where the seat is Accountable, Consulted or Informed.
    pub accountable: u32,
    pub consulted: u32,
    pub informed: u32,
    /// Handoffs into the seat's lanes from another seat's.
    pub receives: u32,
    /// Handoffs from the seat's lanes to another seat's.
    pub hands_over: u32,
}

/// Where the library has gaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gaps {
    /// Seats that own no process (people and teams first; systems, agents and outsiders
    /// rarely own one).
    pub seats_owning_no_process: Vec<SeatRef>,
    /// Seats no process uses at all: no lane, no ownership, no RACI.
    pub seats_without_work: Vec<SeatRef>,
    /// Processes with no owner seat.
    pub processes_without_owner: Vec<ProcessRef>,
    /// Processes past their review date, most overdue first.
    pub overdue_for_review: Vec<ReviewItem>,
    /// Processes never reviewed and with no review date set.
    pub never_reviewed: Vec<ReviewItem>,
    /// Processes whose stored map cannot be read, with the reason.
    pub damaged: Vec<ProcessRef>,
}

/// A seat, named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeatRef {
    pub id: String,
    pub name: String,
    pub kind: SeatKind,
}

/// A process, named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessRef {
    pub id: String,
    pub name: String,
    /// Why it is listed, when that needs saying (a damaged map's reason).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The library's processes that match `query`, in the library's order, with owner, state,
/// findings counts and review status as of the context's today.
///
/// # Errors
/// [`ErrorCode::Invalid`] for a function, state or review status that is not one of the
/// words it accepts (the message lists them); [`ErrorCode::NotFound`] for an owner seat
/// the library does not have (the message lists its seats); the store's read errors.
///
/// # Complexity
/// Runs the checks on every process: linear in the size of the library.
pub fn processes(ctx: &Ctx, query: &ProcessQuery) -> ApiResult<Vec<ProcessSummary>> {
    let function: Option<BusinessFunction> =
        parse_word("function", query.function.as_deref(), FUNCTIONS)?;
    let state: Option<ProcessState> = parse_word("state", query.state.as_deref(), STATES)?;
    let review = query
        .review
        .as_deref()
        .map(ReviewFilter::parse)
        .transpose()?;
    let owner = match &query.owner {
        Some(o) => Some(crate::seats::find(ctx, o)?.id),
        None => None,
    };
    let name = query.name.as_deref().map(|n| n.trim().to_lowercase());
    let mut list = crate::library::list_processes(ctx)?;
    list.retain(|p| {
        function.is_none_or(|f| p.function == f)
            && state.is_none_or(|s| p.state == s)
            && owner.as_ref().is_none_or(|o| p.owner.as_ref() == Some(o))
            && review.is_none_or(|r| r.admits(p.review))
            && name
                .as_deref()
                .is_none_or(|n| p.name.to_lowercase().contains(n))
    });
    Ok(list)
}

/// The process with this id, or else with this name (any case, surrounding spaces
/// ignored).
///
/// # Errors
/// [`ErrorCode::NotFound`] naming the library's processes when none matches.
pub fn find_process(ctx: &Ctx, name_or_id: &str) -> ApiResult<ProcessSummary> {
    let mut list = crate::library::list_processes(ctx)?;
    let wanted = name_or_id.trim();
    let found = list
        .iter()
        .position(|p| p.id.as_str() == wanted)
        .or_else(|| {
            list.iter()
                .position(|p| p.name.trim().eq_ignore_ascii_case(wanted))
        });
    match found {
        Some(i) => Ok(list.swap_remove(i)),
        None => {
            let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
            Err(ApiError::new(
                ErrorCode::NotFound,
                format!(
                    "no process \"{wanted}\" in the library (its processes: {})",
                    names.join(", ")
                ),
            ))
        }
    }
}

/// The library's seats of kind `kind` (person, team, agent, system, external; every seat
/// for `None`) with what each holds: the processes it owns, and per process its steps,
/// decisions, RACI parts and handoffs. Seats in library order (by name).
///
/// # Errors
/// [`ErrorCode::Invalid`] for a kind that is none of those words; the store's read errors.
///
/// # Complexity
/// O(seats × size of the library).
pub fn seats(ctx: &Ctx, kind: Option<&str>) -> ApiResult<Vec<SeatHoldings>> {
    let kind: Option<SeatKind> = parse_word("seat kind", kind, KINDS)?;
    let today = ctx.today();
    ctx.with_api(|lib| {
        let docs = readable(lib, today)?;
        let seats = lib.seats()?;
        Ok(seats
            .iter()
            .filter(|s| kind.is_none_or(|k| s.kind == k))
            .map(|s| holdings(s, &docs))
            .collect())
    })
}

/// Where the library has gaps: seats that own nothing or do nothing, processes without an
/// owner, overdue or never reviewed, and damaged ones.
///
/// # Errors
/// The store's read errors.
pub fn gaps(ctx: &Ctx) -> ApiResult<Gaps> {
    let today = ctx.today();
    ctx.with_api(|lib| {
        let summaries = lib.processes(today)?;
        let docs = readable(lib, today)?;
        let mut holdings: Vec<SeatHoldings> =
            lib.seats()?.iter().map(|s| holdings(s, &docs)).collect();
        // People and teams first: they are the ones expected to own processes.
        holdings.sort_by_key(|h| !matches!(h.kind, SeatKind::Person | SeatKind::Team));
        let seat_ref = |h: &SeatHoldings| SeatRef {
            id: h.id.clone(),
            name: h.name.clone(),
            kind: h.kind,
        };
        let process_ref = |p: &ProcessSummary, note: Option<String>| ProcessRef {
            id: p.id.to_string(),
            name: p.name.clone(),
            note,
        };
        let reviews = lib.reviews(today)?;
        Ok(Gaps {
            seats_owning_no_process: holdings
                .iter()
                .filter(|h| h.owns.is_empty())
                .map(seat_ref)
                .collect(),
            seats_without_work: holdings
                .iter()
                .filter(|h| h.processes.is_empty())
                .map(seat_ref)
                .collect(),
            processes_without_owner: summaries
                .iter()
                .filter(|p| p.owner.is_none() && p.damaged.is_none())
                .map(|p| process_ref(p, None))
                .collect(),
            overdue_for_review: reviews.overdue,
            never_reviewed: reviews.never_reviewed,
            damaged: summaries
                .iter()
                .filter_map(|p| p.damaged.clone().map(|why| process_ref(p, Some(why))))
                .collect(),
        })
    })
}

/// The checks' findings across the library (with its rule settings, as of today) that
/// match `query`, process by process in library order.
///
/// # Errors
/// [`ErrorCode::Invalid`] for a code that is no check's code nor the beginning of one, or a
/// severity that is not error, warning or info; [`ErrorCode::NotFound`] for an unknown
/// process; the store's read errors.
///
/// # Complexity
/// Linear in the size of the library.
pub fn findings(ctx: &Ctx, query: &FindingQuery) -> ApiResult<Vec<LibraryFinding>> {
    let code = query
        .code
        .as_deref()
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty());
    if let Some(code) = &code {
        if !handoff_core::Code::ALL
            .iter()
            .any(|c| c.as_str().starts_with(code.as_str()))
        {
            let all: Vec<&str> = handoff_core::Code::ALL.iter().map(|c| c.as_str()).collect();
            return Err(ApiError::invalid(format!(
                "no check has the code \"{code}\"; the codes are: {}",
                all.join(", ")
            )));
        }
    }
    let severity: Option<Severity> = parse_word("severity", query.severity.as_deref(), SEVERITIES)?;
    let process = match &query.process {
        Some(p) => Some(find_process(ctx, p)?.id),
        None => None,
    };
    let today = ctx.today();
    ctx.with_api(|lib| {
        let rules = lib.rules()?;
        let mut out = Vec::new();
        for (summary, doc) in readable(lib, today)? {
            if process.as_ref().is_some_and(|p| p != &summary.id) {
                continue;
            }
            for d in check(&doc, today, &rules) {
                if code
                    .as_deref()
                    .is_some_and(|c| !d.code.as_str().starts_with(c))
                    || severity.is_some_and(|s| s != d.severity)
                {
                    continue;
                }
                out.push(LibraryFinding {
                    process_id: summary.id.to_string(),
                    process: summary.name.clone(),
                    code: d.code.as_str().to_owned(),
                    severity: d.severity,
                    message: d.message,
                    hint: d.hint,
                    elements: d.elements,
                });
            }
        }
        Ok(out)
    })
}

/// Every process whose map reads, with its summary, in library order (damaged ones are
/// reported by [`gaps`], not here).
fn readable(lib: &Library, today: chrono::NaiveDate) -> ApiResult<Vec<(ProcessSummary, Document)>> {
    let mut out = Vec::new();
    for p in lib.processes(today)? {
        if p.damaged.is_none() {
            let doc = lib.load(&p.id)?;
            out.push((p, doc));
        }
    }
    Ok(out)
}

/// What `seat` holds in `docs`.
fn holdings(seat: &Seat, docs: &[(ProcessSummary, Document)]) -> SeatHoldings {
    let parts: Vec<SeatPart> = docs
        .iter()
        .filter_map(|(_, doc)| part(doc, &seat.id))
        .collect();
    SeatHoldings {
        id: seat.id.to_string(),
        name: seat.name.clone(),
        kind: seat.kind,
        holder: seat.holder.clone().filter(|h| !h.trim().is_empty()),
        owns: parts
            .iter()
            .filter(|p| p.owner)
            .map(|p| p.process.clone())
            .collect(),
        steps: parts.iter().map(|p| p.steps).sum(),
        accountable: parts.iter().map(|p| p.accountable).sum(),
        processes: parts,
    }
}

/// The seat's part in `doc`, or `None` when it has none.
fn part(doc: &Document, seat: &SeatId) -> Option<SeatPart> {
    let p = &doc.process;
    let lanes: Vec<&handoff_core::LaneId> = p
        .lanes
        .iter()
        .filter(|l| &l.seat == seat)
        .map(|l| &l.id)
        .collect();
    let mine = |node: &handoff_core::NodeId| {
        p.node(node)
            .and_then(|n| n.lane.as_ref())
            .is_some_and(|l| lanes.contains(&l))
    };
    let lane_of = |node: &handoff_core::NodeId| p.node(node).and_then(|n| n.lane.as_ref());
    let count = |tag: NodeTag| {
        p.nodes
            .iter()
            .filter(|n| n.tag() == tag && mine(&n.id))
            .count() as u32
    };
    let raci = |pick: fn(&handoff_core::Raci) -> &Vec<SeatId>| {
        p.nodes
            .iter()
            .filter_map(|n| n.details())
            .filter(|d| pick(&d.raci).contains(seat))
            .count() as u32
    };
    let (mut receives, mut hands_over) = (0, 0);
    for f in &p.flows {
        let (Some(a), Some(b)) = (lane_of(&f.from), lane_of(&f.to)) else {
            continue;
        };
        if a == b {
            continue;
        }
        receives += u32::from(mine(&f.to) && !mine(&f.from));
        hands_over += u32::from(mine(&f.from) && !mine(&f.to));
    }
    let out = SeatPart {
        process_id: p.id.to_string(),
        process: p.name.clone(),
        owner: p.owner.as_ref() == Some(seat),
        steps: count(NodeTag::Step),
        decisions: count(NodeTag::Decision),
        accountable: raci(|r| &r.accountable),
        consulted: raci(|r| &r.consulted),
        informed: raci(|r| &r.informed),
        receives,
        hands_over,
    };
    let involved =
        out.owner || !lanes.is_empty() || out.accountable + out.consulted + out.informed > 0;
    involved.then_some(out)
}

/// Review statuses as a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReviewFilter {
    Overdue,
    Upcoming,
    /// Overdue or upcoming.
    Due,
    NeverReviewed,
    Current,
}

const REVIEWS: &[&str] = &["overdue", "upcoming", "due", "never-reviewed", "current"];

impl ReviewFilter {
    fn parse(text: &str) -> ApiResult<ReviewFilter> {
        match normalise(text).as_str() {
            "overdue" => Ok(ReviewFilter::Overdue),
            "upcoming" => Ok(ReviewFilter::Upcoming),
            "due" => Ok(ReviewFilter::Due),
            "never-reviewed" | "never" => Ok(ReviewFilter::NeverReviewed),
            "current" => Ok(ReviewFilter::Current),
            _ => Err(not_one_of("review status", text, REVIEWS)),
        }
    }

    fn admits(self, status: ReviewStatus) -> bool {
        matches!(
            (self, status),
            (
                ReviewFilter::Overdue | ReviewFilter::Due,
                ReviewStatus::Overdue { .. }
            ) | (
                ReviewFilter::Upcoming | ReviewFilter::Due,
                ReviewStatus::Upcoming { .. }
            ) | (ReviewFilter::NeverReviewed, ReviewStatus::NeverReviewed)
                | (ReviewFilter::Current, ReviewStatus::Current { .. })
        )
    }
}

const FUNCTIONS: &[&str] = &[
    "sales",
    "finance",
    "delivery",
    "marketing",
    "people",
    "systems",
    "other",
];
const STATES: &[&str] = &["as-is", "to-be", "draft"];
const SEVERITIES: &[&str] = &["error", "warning", "info"];
const KINDS: &[&str] = &["person", "team", "agent", "system", "external"];

/// "As is", " AS-IS " and "as_is" all read as "as-is".
fn normalise(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase()
}

/// One of `allowed` (the value's serde names), read from `text`; `None` for no text.
fn parse_word<T: DeserializeOwned>(
    what: &str,
    text: Option<&str>,
    allowed: &[&str],
) -> ApiResult<Option<T>> {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return Ok(None);
    };
    let word = normalise(text);
    if !allowed.contains(&word.as_str()) {
        return Err(not_one_of(what, text, allowed));
    }
    serde_json::from_value(serde_json::Value::String(word))
        .map(Some)
        .map_err(|_| not_one_of(what, text, allowed))
}

fn not_one_of(what: &str, text: &str, allowed: &[&str]) -> ApiError {
    ApiError::invalid(format!(
        "\"{}\" is not a {what}; use one of: {}",
        text.trim(),
        allowed.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{self, Open};
    use crate::FixedClock;

    /// A library seeded with the starter templates, on 2026-12-20: expense approval and
    /// the proposal are past their review date, order to cash and four more come due
    /// within 30 days.
    fn templates() -> (tempfile::TempDir, Ctx) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let ctx = Ctx::new(FixedClock {
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 20).expect("a date"),
            now: chrono::DateTime::from_timestamp(1_797_000_000, 0).expect("a time"),
        });
        library::open(
            &ctx,
            &dir.path().join("lib.handoff-db"),
            Open::CreateAndSeed,
        )
        .expect("a seeded library");
        (dir, ctx)
    }

    fn names(list: &[ProcessSummary]) -> Vec<&str> {
        list.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn processes_are_filtered_by_function_owner_state_review_and_name() {
        let (_dir, ctx) = templates();
        let query = |q: ProcessQuery| processes(&ctx, &q).expect("a list");
        let all = query(ProcessQuery::default());
        assert_eq!(all.len(), handoff_templates::all().len());
        let finance = query(ProcessQuery {
            function: Some("Finance".into()),
            ..ProcessQuery::default()
        });
        let expected = all
            .iter()
            .filter(|p| p.function == BusinessFunction::Finance)
            .count();
        assert!(
            expected >= 4,
            "order to cash, invoicing, expenses, purchasing"
        );
        assert_eq!(finance.len(), expected, "{:?}", names(&finance));
        assert!(finance
            .iter()
            .all(|p| p.function == BusinessFunction::Finance));
        let bookkeeper = query(ProcessQuery {
            owner: Some("bookkeeper".into()),
            ..ProcessQuery::default()
        });
        assert_eq!(
            names(&bookkeeper),
            [
                "Expense approval",
                "Monthly invoicing and receivables follow-up"
            ]
        );
        let overdue = query(ProcessQuery {
            review: Some("overdue".into()),
            ..ProcessQuery::default()
        });
        assert_eq!(
            names(&overdue),
            ["Expense approval", "Proposal with partner approval"]
        );
        let due = query(ProcessQuery {
            review: Some("due".into()),
            state: Some("as-is".into()),
            name: Some("ORDER".into()),
            ..ProcessQuery::default()
        });
        assert_eq!(names(&due), ["Order to cash"]);
        let err = processes(
            &ctx,
            &ProcessQuery {
                owner: Some("Astronaut".into()),
                ..ProcessQuery::default()
            },
        )
        .expect_err("no such seat");
        assert_eq!(err.code, ErrorCode::NotFound);
        assert!(err.message.contains("Bookkeeper"), "{}", err.message);
    }

    #[test]
    fn a_process_is_found_by_id_or_name_and_an_unknown_one_lists_the_others() {
        let (_dir, ctx) = templates();
        let by_name = find_process(&ctx, " order TO cash ").expect("by name");
        assert_eq!(by_name.id.as_str(), "proc-order-to-cash");
        let by_id = find_process(&ctx, "proc-order-to-cash").expect("by id");
        assert_eq!(by_id.name, "Order to cash");
        let err = find_process(&ctx, "Payroll").expect_err("unknown");
        assert_eq!(err.code, ErrorCode::NotFound);
        assert!(err.message.contains("Lead intake"), "{}", err.message);
    }

    #[test]
    fn each_seat_says_what_it_holds() {
        let (_dir, ctx) = templates();
        let all = seats(&ctx, None).expect("seats");
        let seat = |name: &str| {
            all.iter()
                .find(|s| s.name == name)
                .unwrap_or_else(|| panic!("{name}"))
        };
        let bookkeeper = seat("Bookkeeper");
        assert_eq!(
            bookkeeper.owns,
            [
                "Expense approval",
                "Monthly invoicing and receivables follow-up"
            ]
        );
        let otc = bookkeeper
            .processes
            .iter()
            .find(|p| p.process == "Order to cash")
            .expect("the bookkeeper works in order to cash");
        // Steps 8-10 and the decision 11; handoffs as the handout counts them.
        assert_eq!((otc.steps, otc.decisions), (3, 1));
        assert_eq!((otc.receives, otc.hands_over), (3, 2));
        assert_eq!((otc.accountable, otc.consulted, otc.informed), (6, 0, 1));
        let agent = seat("Ticket triage agent");
        assert_eq!(agent.kind, SeatKind::Agent);
        assert!(agent.owns.is_empty());
        assert_eq!(agent.processes[0].process, "Support ticket routing");
        assert!(agent.steps >= 1 && agent.processes[0].decisions >= 1);
        let agents = seats(&ctx, Some("Agent")).expect("agents");
        assert!(agents.iter().all(|s| s.kind == SeatKind::Agent));
        assert!(agents.iter().any(|s| s.name == "Ticket triage agent"));
        assert!(agents.len() < all.len());
        assert!(seats(&ctx, Some("robot")).is_err());
    }

    #[test]
    fn gaps_name_seats_owning_nothing_and_processes_overdue() {
        let (_dir, ctx) = templates();
        let g = gaps(&ctx).expect("gaps");
        let owning_none: Vec<&str> = g
            .seats_owning_no_process
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert!(owning_none.contains(&"Sales rep"), "{owning_none:?}");
        assert!(!owning_none.contains(&"Bookkeeper"), "{owning_none:?}");
        // People and teams first.
        assert!(matches!(
            g.seats_owning_no_process[0].kind,
            SeatKind::Person | SeatKind::Team
        ));
        assert!(g.processes_without_owner.is_empty());
        let overdue: Vec<&str> = g
            .overdue_for_review
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(
            overdue,
            ["Expense approval", "Proposal with partner approval"]
        );
        assert!(g.damaged.is_empty());
    }

    #[test]
    fn a_recorded_review_takes_the_process_off_the_overdue_list() {
        let (_dir, ctx) = templates();
        let done = crate::review::record(&ctx, "expense approval").expect("recorded");
        assert_eq!(done.name, "Expense approval");
        assert_eq!(done.reviewed_on.to_string(), "2026-12-20");
        // Weekly: reviewed every quarter.
        assert_eq!(
            done.next_due.map(|d| d.to_string()).as_deref(),
            Some("2027-03-20")
        );
        let g = gaps(&ctx).expect("gaps");
        let overdue: Vec<&str> = g
            .overdue_for_review
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(overdue, ["Proposal with partner approval"]);
    }

    #[test]
    fn findings_across_the_library_filter_by_code_severity_and_process() {
        let (_dir, ctx) = templates();
        let all = findings(&ctx, &FindingQuery::default()).expect("findings");
        assert!(all
            .iter()
            .any(|f| f.code == "ownerless-step" && f.process == "Employee onboarding (as-is)"));
        let overdue = findings(
            &ctx,
            &FindingQuery {
                code: Some("review-".into()),
                ..FindingQuery::default()
            },
        )
        .expect("review findings");
        let processes: Vec<&str> = overdue.iter().map(|f| f.process.as_str()).collect();
        assert_eq!(
            processes,
            ["Expense approval", "Proposal with partner approval"]
        );
        let errors = findings(
            &ctx,
            &FindingQuery {
                severity: Some("error".into()),
                process: Some("Employee onboarding (as-is)".into()),
                ..FindingQuery::default()
            },
        )
        .expect("errors");
        let codes: Vec<&str> = errors.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["ownerless-step", "dead-end"]);
        let err = findings(
            &ctx,
            &FindingQuery {
                code: Some("typo".into()),
                ..FindingQuery::default()
            },
        )
        .expect_err("no such code");
        assert_eq!(err.code, ErrorCode::Invalid);
        assert!(
            err.message.contains("agent-no-escalation"),
            "{}",
            err.message
        );
    }

    #[test]
    fn words_are_read_as_people_type_them() {
        let f: Option<BusinessFunction> =
            parse_word("function", Some(" Finance "), FUNCTIONS).expect("finance");
        assert_eq!(f, Some(BusinessFunction::Finance));
        let s: Option<ProcessState> = parse_word("state", Some("As is"), STATES).expect("as-is");
        assert_eq!(s, Some(ProcessState::AsIs));
        let none: Option<ProcessState> = parse_word("state", Some("  "), STATES).expect("blank");
        assert_eq!(none, None);
        let err = parse_word::<ProcessState>("state", Some("final"), STATES).expect_err("final");
        assert_eq!(err.code, ErrorCode::Invalid);
        assert_eq!(
            err.message,
            "\"final\" is not a state; use one of: as-is, to-be, draft"
        );
        assert_eq!(
            ReviewFilter::parse("Never reviewed").expect("never"),
            ReviewFilter::NeverReviewed
        );
        assert!(ReviewFilter::parse("late").is_err());
    }

    #[test]
    fn due_admits_overdue_and_upcoming_only() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
        assert!(ReviewFilter::Due.admits(ReviewStatus::Overdue { due: day }));
        assert!(ReviewFilter::Due.admits(ReviewStatus::Upcoming { due: day }));
        assert!(!ReviewFilter::Due.admits(ReviewStatus::Current { due: day }));
        assert!(!ReviewFilter::Due.admits(ReviewStatus::NeverReviewed));
    }
}
