//! The onboarding handout for one seat, across every process in the library: what the
//! seat owns, the steps it performs in order, what it receives and from whom, what it
//! hands over and to whom, and where it is accountable, consulted or informed.

use chrono::NaiveDate;
use handoff_core::procedure::{Procedure, Target};
use handoff_core::review::next_review;
use handoff_core::{Document, NodeTag, SeatId};

use crate::directions::{direction_lines, item_title, moves, Names};
use crate::typeset::{Cell, Column, Running, Style, Typesetter, GREY};
use crate::Rendered;

/// Why a handout could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HandoutError {
    /// No document in the library carries a seat with this id, so there is nobody to
    /// write for (a typo, or a seat that was merged away).
    #[error("no process in the library mentions a seat with id \"{0}\"")]
    UnknownSeat(String),
}

/// What the seat does in one process.
struct Part<'d> {
    doc: &'d Document,
    procedure: Procedure,
}

/// Writes the handout for `seat` from `docs` (the library's processes, in the order they
/// should appear; processes the seat has no part in are left out).
///
/// # Errors
/// [`HandoutError::UnknownSeat`] when no document carries the seat.
///
/// # Complexity
/// Linear in the total size of the maps.
pub fn handout(
    docs: &[Document],
    seat: &SeatId,
    date: NaiveDate,
) -> Result<Rendered, HandoutError> {
    handout_and(docs, seat, date, "Handout", &|_| {})
}

/// The handout, titled `kind` ("Handout", "Handover pack"), with `more` written after it
/// (the handover pack's findings and people to meet).
pub(crate) fn handout_and(
    docs: &[Document],
    seat: &SeatId,
    date: NaiveDate,
    kind: &str,
    more: &dyn Fn(&mut Typesetter),
) -> Result<Rendered, HandoutError> {
    let Some(info) = docs.iter().find_map(|d| d.seat(seat)) else {
        return Err(HandoutError::UnknownSeat(seat.to_string()));
    };
    let parts: Vec<Part<'_>> = docs
        .iter()
        .filter(|d| involved(d, seat))
        .map(|d| Part {
            doc: d,
            procedure: Procedure::new(&d.process),
        })
        .collect();
    let owned: Vec<&Part<'_>> = parts
        .iter()
        .filter(|p| p.doc.process.owner.as_ref() == Some(seat))
        .collect();

    let mut t = Typesetter::new();
    t.paragraph(
        if kind == "Handout" {
            "Onboarding handout"
        } else {
            kind
        },
        Style::SMALL,
    );
    let title = info.name.clone();
    let lines = t.wrap(&title, Style::TITLE, t.width());
    t.lines_at(0.0, &lines, Style::TITLE);
    let who = introduction(info, parts.len(), owned.len());
    t.paragraph(&who, Style::BODY);

    t.heading(1, "Processes you own", 30.0);
    if owned.is_empty() {
        t.paragraph("You own no process.", Style::BODY);
    } else {
        t.paragraph(OWNED_INTRO, Style::BODY);
        let rows: Vec<Vec<Cell>> = owned
            .iter()
            .map(|part| owned_row(part.doc).into_iter().map(Cell::from).collect())
            .collect();
        t.table(
            &[
                Column::new("Process", 4.0),
                Column::new("Function", 1.6),
                Column::new("Runs", 1.4),
                Column::new("Next review", 1.6),
            ],
            &rows,
        );
    }

    if !parts.is_empty() {
        t.heading(1, "Where you take part", 30.0);
        let rows: Vec<Vec<Cell>> = parts.iter().map(|part| overview_row(part, seat)).collect();
        t.table(
            &[
                Column::new("Process", 4.0),
                Column::new("Your steps", 1.3),
                Column::new("Handed to you", 1.4),
                Column::new("You hand over", 1.4),
                Column::new("Accountable for", 1.5),
            ],
            &rows,
        );
    }
    if parts.is_empty() {
        t.heading(1, "Your work", 20.0);
        t.paragraph(
            "No process in the library gives this seat any work yet.",
            Style::BODY,
        );
    }
    for part in &parts {
        write_process(&mut t, part, seat);
    }
    more(&mut t);

    let running = Running {
        header_left: format!("{kind} · {title}"),
        header_right: format!("as of {date}"),
        footer_left: format!("{} processes", parts.len()),
    };
    let warnings = t.warnings();
    let pdf = t.finish(&format!("{kind}: {title}"), date, &running);
    Ok(Rendered { pdf, warnings })
}

/// One line of the overview: how much of a process falls to the seat.
fn overview_row(part: &Part<'_>, seat: &SeatId) -> Vec<Cell> {
    let p = &part.doc.process;
    let counts = overview(part.doc, &part.procedure, seat);
    let mut row = vec![Cell::from(p.name.clone())];
    row.extend(counts.iter().map(|n| Cell::from(n.to_string())));
    row
}

/// How much of a process falls to the seat: its numbered steps, the handoffs it receives
/// and makes, and the steps it is Accountable for.
pub(crate) fn overview(doc: &Document, procedure: &Procedure, seat: &SeatId) -> [usize; 4] {
    let p = &doc.process;
    let names = Names { doc };
    let mine = |n: &handoff_core::Node| names.lane_seat(n.lane.as_ref()) == Some(seat);
    let steps = procedure
        .order()
        .iter()
        .filter(|&&i| mine(&p.nodes[i]))
        .count();
    let (mut received, mut handed) = (0, 0);
    for f in &p.flows {
        let (Some(a), Some(b)) = (p.node(&f.from), p.node(&f.to)) else {
            continue;
        };
        if a.lane.is_none() || b.lane.is_none() || a.lane == b.lane {
            continue;
        }
        received += usize::from(mine(b) && !mine(a));
        handed += usize::from(mine(a) && !mine(b));
    }
    let accountable = p
        .nodes
        .iter()
        .filter_map(|n| n.details())
        .filter(|d| d.raci.accountable.contains(seat))
        .count();
    [steps, received, handed, accountable]
}

/// "A person seat, currently held by Ann. You take part in 3 processes and own 1."
pub(crate) fn introduction(info: &handoff_core::Seat, parts: usize, owned: usize) -> String {
    let kind = info.kind.label();
    let article = if kind.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']) {
        "An"
    } else {
        "A"
    };
    let mut who = format!("{article} {kind} seat");
    if let Some(h) = info.holder.as_ref().filter(|h| !h.trim().is_empty()) {
        who.push_str(&format!(", currently held by {}", h.trim()));
    }
    who.push_str(&format!(
        ". You take part in {} process{} and own {}.",
        parts,
        if parts == 1 { "" } else { "es" },
        owned
    ));
    who
}

/// A process the seat owns: name, function, cadence, next review.
pub(crate) fn owned_row(doc: &Document) -> [String; 4] {
    let p = &doc.process;
    [
        p.name.clone(),
        p.function.label().to_owned(),
        p.cadence.label().to_owned(),
        next_review(p).map_or_else(|| "not set".to_owned(), |d| d.to_string()),
    ]
}

/// Whether the seat has any part in `doc`: a lane, ownership or a RACI mention.
pub(crate) fn involved(doc: &Document, seat: &SeatId) -> bool {
    let p = &doc.process;
    p.owner.as_ref() == Some(seat)
        || p.lanes.iter().any(|l| &l.seat == seat)
        || p.nodes.iter().filter_map(|n| n.details()).any(|d| {
            d.raci.accountable.contains(seat)
                || d.raci.consulted.contains(seat)
                || d.raci.informed.contains(seat)
        })
}

fn write_process(t: &mut Typesetter, part: &Part<'_>, seat: &SeatId) {
    let doc = part.doc;
    let p = &doc.process;
    let names = Names { doc };
    let procedure = &part.procedure;

    t.break_page();
    // Step numbers restart in every process.
    t.link_scope = format!("{}/", p.id);
    t.heading(1, &p.name, 40.0);
    if !p.purpose.trim().is_empty() {
        t.paragraph(p.purpose.trim(), Style::BODY);
    }
    if !p.trigger.description.trim().is_empty() {
        t.field("Starts when", p.trigger.description.trim());
    }
    t.field("Runs", p.cadence.label());
    t.field("Owner", &crate::sop::owner_name(&names));

    // The steps this seat performs, in procedure order.
    t.heading(2, "Your steps, in order", 30.0);
    let my_items = my_items(doc, procedure, seat);
    if my_items.is_empty() {
        t.paragraph(NO_STEPS, Style::BODY.with_color(GREY));
    }
    for &(number, ix) in &my_items {
        let node = &p.nodes[ix];
        let head = Style::BOLD.with_size(10.0);
        t.ensure(head.leading() + 2.0 * Style::BODY.leading());
        t.space(3.0);
        t.anchor_step(number);
        let lines = t.wrap(
            &format!("Step {number}: {}", item_title(node)),
            head,
            t.width(),
        );
        t.lines_at(0.0, &lines, head);
        if let Some(d) = node.details() {
            let meta = step_meta(d);
            if !meta.is_empty() {
                t.paragraph_indented(14.0, &meta.join(" · "), Style::SMALL);
            }
            if !d.instructions.trim().is_empty() {
                for para in d.instructions.lines().filter(|l| !l.trim().is_empty()) {
                    t.paragraph_indented(14.0, para, Style::BODY);
                }
            }
            for line in step_io(d) {
                t.paragraph_indented(14.0, &line, Style::BODY);
            }
        }
        let ms = moves(doc, procedure, &node.id);
        for line in direction_lines(&names, node, number, &ms) {
            t.linked_paragraph(14.0, &format!("→ {line}"), Style::BODY);
        }
    }

    for (title, items, none) in sections(doc, procedure, seat) {
        bullet_section(t, title, &items, none);
    }
}

/// What the handout says above the processes the seat owns.
pub(crate) const OWNED_INTRO: &str =
    "You answer for these processes as a whole: keep them running, reviewed and up to date.";

/// "You do no step in this process."
pub(crate) const NO_STEPS: &str = "You do no step in this process.";

/// The seat's numbered nodes in `doc`: (number, index into the process's nodes), in
/// procedure order.
pub(crate) fn my_items(
    doc: &Document,
    procedure: &Procedure,
    seat: &SeatId,
) -> Vec<(usize, usize)> {
    let p = &doc.process;
    let names = Names { doc };
    procedure
        .order()
        .iter()
        .enumerate()
        .filter(|(_, &i)| names.lane_seat(p.nodes[i].lane.as_ref()) == Some(seat))
        .map(|(k, &i)| (k + 1, i))
        .collect()
}

/// "takes about 15 min", "in CRM, Email": what the handout says under a step's title.
pub(crate) fn step_meta(d: &handoff_core::StepDetails) -> Vec<String> {
    let mut meta = Vec::new();
    if let Some(m) = d.duration_minutes {
        meta.push(format!(
            "takes about {}",
            handoff_core::metrics::format_minutes(u64::from(m))
        ));
    }
    if !d.systems.is_empty() {
        meta.push(format!("in {}", d.systems.join(", ")));
    }
    meta
}

/// "Inputs: ...", "Outputs: ..." for those the step names.
pub(crate) fn step_io(d: &handoff_core::StepDetails) -> Vec<String> {
    let mut out = Vec::new();
    if !d.inputs.is_empty() {
        out.push(format!("Inputs: {}", d.inputs.join(", ")));
    }
    if !d.outputs.is_empty() {
        out.push(format!("Outputs: {}", d.outputs.join(", ")));
    }
    out
}

/// The handout's closing sections for one process, each with its title, its lines and
/// what to say when it has none: what the seat receives and hands over, and where it is
/// accountable, consulted or informed beyond doing the work.
pub(crate) fn sections(
    doc: &Document,
    procedure: &Procedure,
    seat: &SeatId,
) -> [(&'static str, Vec<String>, &'static str); 5] {
    let (received, handed) = transfers(doc, procedure, seat);
    let [accountable, consulted, informed] = raci_lines(doc, procedure, seat);
    [
        (
            "What you receive",
            received,
            "Nothing is handed to you from another seat.",
        ),
        (
            "What you hand over",
            handed,
            "You hand nothing over to another seat.",
        ),
        (
            "You are accountable for",
            accountable,
            "You are accountable for no step.",
        ),
        (
            "You are consulted on",
            consulted,
            "Nobody needs to consult you in this process.",
        ),
        (
            "You are informed of",
            informed,
            "Nobody needs to inform you in this process.",
        ),
    ]
}

/// Handoffs into and out of the seat's lanes, as sentences: "Signed contract from Sales
/// rep, for step 4" and "Hand over the invoice to Customer, after step 6".
fn transfers(doc: &Document, procedure: &Procedure, seat: &SeatId) -> (Vec<String>, Vec<String>) {
    let p = &doc.process;
    let names = Names { doc };
    let mine = |lane: Option<&handoff_core::LaneId>| names.lane_seat(lane) == Some(seat);
    let mut received = Vec::new();
    let mut handed = Vec::new();
    for (fi, flow) in p.flows.iter().enumerate() {
        let (Some(from), Some(to)) = (p.node(&flow.from), p.node(&flow.to)) else {
            continue;
        };
        let (fl, tl) = (from.lane.as_ref(), to.lane.as_ref());
        if fl.is_none() || tl.is_none() || fl == tl {
            continue;
        }
        let item = if flow.handover.trim().is_empty() {
            "work (the map does not say what)".to_owned()
        } else {
            flow.handover.trim().to_owned()
        };
        let other = |lane| {
            names
                .lane_seat(lane)
                .map_or_else(|| "no one".to_owned(), |s| names.seat(s))
        };
        if mine(tl) && !mine(fl) {
            let at = procedure
                .targets(p, fi)
                .iter()
                .filter_map(|t| match t {
                    Target::Step { number, .. } => Some(format!("step {number}")),
                    _ => None,
                })
                .collect::<Vec<_>>();
            let when = if at.is_empty() {
                String::new()
            } else {
                format!(", for {}", at.join(" and "))
            };
            received.push(capitalise(&format!("{item} from {}{when}", other(fl))));
        }
        if mine(fl) && !mine(tl) {
            let after = procedure.number(&from.id).map_or_else(
                || format!("after {}", from.display_name()),
                |n| format!("after step {n}"),
            );
            handed.push(format!("Hand over {item} to {}, {after}", other(tl)));
        }
    }
    (received, handed)
}

/// The steps the seat is Accountable for, Consulted on and Informed of: "Step 4: Approve
/// (done by Team lead)".
fn raci_lines(doc: &Document, procedure: &Procedure, seat: &SeatId) -> [Vec<String>; 3] {
    let p = &doc.process;
    let names = Names { doc };
    let mut accountable = Vec::new();
    let mut consulted = Vec::new();
    let mut informed = Vec::new();
    for (k, &ix) in procedure.order().iter().enumerate() {
        let node = &p.nodes[ix];
        if node.tag() != NodeTag::Step {
            continue;
        }
        let Some(d) = node.details() else { continue };
        let line = format!(
            "Step {}: {} (done by {})",
            k + 1,
            node.display_name(),
            names.owner_of(node)
        );
        if d.raci.accountable.contains(seat) {
            accountable.push(line.clone());
        }
        if d.raci.consulted.contains(seat) {
            consulted.push(line.clone());
        }
        if d.raci.informed.contains(seat) {
            informed.push(line);
        }
    }
    [accountable, consulted, informed]
}

/// A level-2 heading and a bullet per item, or the `none` line in grey when there are none.
fn bullet_section(t: &mut Typesetter, title: &str, items: &[String], none: &str) {
    t.heading(2, title, 20.0);
    if items.is_empty() {
        t.paragraph(none, Style::BODY.with_color(GREY));
    }
    for i in items {
        t.bullet(i, Style::BODY);
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
