//! The standard operating procedure for one process: document control, purpose, scope,
//! trigger, roles, inputs, the numbered procedure, the swimlane map, expected output,
//! failure signals, RACI, open findings and revision history.

use std::collections::{BTreeSet, HashSet};

use chrono::{Months, NaiveDate};
use handoff_core::procedure::Procedure;
use handoff_core::review::{next_review, review_interval_months};
use handoff_core::{check, Document, NodeTag, Rules, SeatId};

use crate::directions::{direction_lines, item_title, moves, Names};
use crate::typeset::{Cell, Column, Running, Style, Typesetter, GREY};
use crate::{map, raci, Rendered};

/// One earlier revision, for the revision history table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionNote {
    pub revision: u32,
    pub date: NaiveDate,
    /// What changed, in a sentence.
    pub summary: String,
}

/// What the SOP needs besides the map itself.
#[derive(Debug, Clone)]
pub struct SopOptions {
    /// The effective date of this edition. It is also the PDF's document date, so the same
    /// map and date always give the same bytes.
    pub date: NaiveDate,
    /// The revision number in the library, when the map comes from one.
    pub revision: Option<u32>,
    /// Saved revisions, in any order (printed newest first).
    pub history: Vec<RevisionNote>,
    /// The library's rule settings, for the appendix of open findings.
    pub rules: Rules,
}

impl SopOptions {
    /// Options for a map outside any library: no revision number or history, default rules.
    pub fn new(date: NaiveDate) -> SopOptions {
        SopOptions {
            date,
            revision: None,
            history: Vec::new(),
            rules: Rules::default(),
        }
    }
}

/// Writes the SOP for `doc` as a PDF.
///
/// Never fails: gaps in the map (no owner, no trigger, dangling branches) are written as
/// such and listed in the findings appendix. Characters the bundled font lacks are printed
/// as a placeholder and reported in [`Rendered::warnings`].
///
/// # Complexity
/// Linear in the size of the map (about 1 ms per step, dominated by PDF serialisation).
pub fn sop(doc: &Document, opts: &SopOptions) -> Rendered {
    let p = &doc.process;
    let names = Names { doc };
    let procedure = Procedure::new(p);
    let mut t = Typesetter::new();
    let title = title(p);
    let owner = owner_name(&names);
    let revision = revision_text(opts);

    // Title block.
    t.paragraph("Standard operating procedure", Style::SMALL);
    let title_lines = t.wrap(&title, Style::TITLE, t.width());
    t.lines_at(0.0, &title_lines, Style::TITLE);
    t.space(6.0);

    t.heading(1, "Document control", 40.0);
    let next = next_review_on(p, opts.date);
    t.field("Title", &title);
    t.field("Revision", &revision);
    t.field("Effective date", &opts.date.to_string());
    t.field("Next review", &next.to_string());
    t.field("Owner", &owner);
    t.field("Status", &status_line(p));
    if let Some(last) = p.last_reviewed {
        t.field("Last reviewed", &last.to_string());
    }

    t.heading(1, "Purpose", 20.0);
    t.paragraph(
        or_missing(&p.purpose, "No purpose written yet."),
        Style::BODY,
    );

    t.heading(1, "Scope", 20.0);
    t.field("Starts when", starts_when(p));
    t.field("Ends with", &ends_with(p));
    t.field("Covers", &covers(p));

    t.heading(1, "Trigger and cadence", 20.0);
    t.field("Trigger", &trigger_text(p));
    t.field("Cadence", p.cadence.label());

    t.heading(1, "Roles", 40.0);
    let rows: Vec<Vec<Cell>> = role_rows(doc)
        .into_iter()
        .map(|row| row.into_iter().map(Cell::from).collect())
        .collect();
    if rows.is_empty() {
        t.paragraph("No seats are placed in this process yet.", Style::BODY);
    } else {
        t.table(
            &[
                Column::new("Seat", 3.0),
                Column::new("Kind", 1.6),
                Column::new("Held by", 2.2),
                Column::new("Role in this process", 4.0),
            ],
            &rows,
        );
    }

    inputs_section(&mut t, doc);

    // The procedure.
    t.heading(1, "Procedure", 60.0);
    if procedure.is_empty() {
        t.paragraph("The map has no steps yet.", Style::BODY);
    }
    let start_line = start_sentence(doc, &procedure);
    if let Some(line) = start_line {
        t.linked_paragraph(0.0, &line, Style::BODY.with_color(GREY));
        t.space(4.0);
    }
    for (k, &ix) in procedure.order().iter().enumerate() {
        let number = k + 1;
        let node = &p.nodes[ix];
        write_item(&mut t, &names, &procedure, node, number);
    }

    map::draw(&mut t, doc, &procedure);

    t.break_page();
    t.heading(1, "Expected output", 20.0);
    t.paragraph(
        or_missing(&p.expected_output, "No expected output written yet."),
        Style::BODY,
    );
    t.heading(1, "Failure signals", 20.0);
    if p.failure_signals.is_empty() {
        t.paragraph("No failure signals written yet.", Style::BODY);
    }
    for s in &p.failure_signals {
        t.bullet(s, Style::BODY);
    }

    t.heading(1, "RACI", 60.0);
    t.paragraph(
        "R: does the work (the step's lane) · A: answers for the result · C: asked before · I: told after.",
        Style::SMALL,
    );
    let matrix = raci::RaciMatrix::new(doc);
    raci::write_table(&mut t, &matrix);

    t.heading(1, "Appendix: open findings", 40.0);
    let findings = check(doc, opts.date, &opts.rules);
    if findings.is_empty() {
        t.paragraph("The map passes every check.", Style::BODY);
    } else {
        let rows: Vec<Vec<Cell>> = findings
            .iter()
            .map(|d| {
                vec![
                    Cell::from(d.severity.label()),
                    Cell::from(d.code.as_str()),
                    Cell::from(format!("{} {}", d.message, d.hint)),
                ]
            })
            .collect();
        t.table(
            &[
                Column::new("Severity", 1.2),
                Column::new("Check", 2.0),
                Column::new("Finding and how to fix it", 7.0),
            ],
            &rows,
        );
    }

    t.heading(1, "Revision history", 30.0);
    let mut history = opts.history.clone();
    history.sort_by_key(|h| std::cmp::Reverse(h.revision));
    if history.is_empty() {
        t.paragraph(
            &format!(
                "No saved revisions: this edition was printed from a file on {}.",
                opts.date
            ),
            Style::BODY,
        );
    } else {
        let rows: Vec<Vec<Cell>> = history
            .iter()
            .map(|h| {
                vec![
                    Cell::from(h.revision.to_string()),
                    Cell::from(h.date.to_string()),
                    Cell::from(h.summary.clone()),
                ]
            })
            .collect();
        t.table(
            &[
                Column::new("Revision", 1.2),
                Column::new("Date", 1.6),
                Column::new("Change", 7.0),
            ],
            &rows,
        );
    }

    let running = Running {
        header_left: format!("SOP · {title}"),
        header_right: format!("Revision {revision} · effective {}", opts.date),
        footer_left: format!("Owner: {owner} · next review {next}"),
    };
    let warnings = t.warnings();
    let pdf = t.finish(&title, opts.date, &running);
    Rendered { pdf, warnings }
}

fn write_item(
    t: &mut Typesetter,
    names: &Names<'_>,
    procedure: &Procedure,
    node: &handoff_core::Node,
    number: usize,
) {
    let doc = names.doc;
    let heading = format!("Step {number}: {}", item_title(node));
    let head_style = Style::BOLD.with_size(10.5);
    let lines = t.wrap(&heading, head_style, t.width());
    t.ensure(head_style.leading() * lines.len() as f32 + 3.0 * Style::BODY.leading());
    t.space(5.0);
    t.anchor_step(number);
    t.lines_at(0.0, &lines, head_style);
    const IN: f32 = 14.0;
    t.paragraph_indented(IN, &step_meta(names, node).join(" · "), Style::SMALL);
    if let Some(d) = node.details() {
        if !d.instructions.trim().is_empty() {
            for para in d.instructions.lines().filter(|l| !l.trim().is_empty()) {
                t.paragraph_indented(IN, para, Style::BODY);
            }
        }
    }
    for line in step_facts(names, node) {
        t.paragraph_indented(IN, &line, Style::BODY);
    }
    let ms = moves(doc, procedure, &node.id);
    for line in direction_lines(names, node, number, &ms) {
        t.linked_paragraph(IN, &format!("→ {line}"), Style::BODY);
    }
}

/// The process's name, or "Untitled process".
pub(crate) fn title(p: &handoff_core::Process) -> String {
    if p.name.trim().is_empty() {
        "Untitled process".to_owned()
    } else {
        p.name.trim().to_owned()
    }
}

/// The owner seat's name, or "no owner assigned".
pub(crate) fn owner_name(names: &Names<'_>) -> String {
    names
        .doc
        .process
        .owner
        .as_ref()
        .map_or_else(|| "no owner assigned".to_owned(), |s| names.seat(s))
}

/// The revision number, or "working copy" for a map outside a library.
pub(crate) fn revision_text(opts: &SopOptions) -> String {
    opts.revision
        .map_or_else(|| "working copy".to_owned(), |r| r.to_string())
}

/// The next review date: the process's own, or one cadence interval after `date` for a
/// process never reviewed.
pub(crate) fn next_review_on(p: &handoff_core::Process, date: NaiveDate) -> NaiveDate {
    next_review(p).unwrap_or_else(|| {
        date.checked_add_months(Months::new(review_interval_months(p.cadence)))
            .unwrap_or(date)
    })
}

/// "As-is · operational process · Finance".
pub(crate) fn status_line(p: &handoff_core::Process) -> String {
    format!(
        "{} · {} process · {}",
        p.state.label(),
        category_label(p.category),
        p.function.label()
    )
}

/// What starts the process, or that the trigger is not described.
pub(crate) fn starts_when(p: &handoff_core::Process) -> &str {
    or_missing(&p.trigger.description, "the trigger is not described")
}

/// The outcomes' names, or that none is drawn.
pub(crate) fn ends_with(p: &handoff_core::Process) -> String {
    let outcomes: Vec<String> = p
        .nodes
        .iter()
        .filter(|n| n.tag() == NodeTag::Outcome)
        .map(|n| n.display_name())
        .collect();
    if outcomes.is_empty() {
        "no outcome is drawn".to_owned()
    } else {
        outcomes.join("; ")
    }
}

/// "12 steps and 3 decisions across 5 seats".
pub(crate) fn covers(p: &handoff_core::Process) -> String {
    let count = |tag| p.nodes.iter().filter(|n| n.tag() == tag).count();
    format!(
        "{} steps and {} decisions across {} seats",
        count(NodeTag::Step),
        count(NodeTag::Decision),
        p.lanes.len()
    )
}

/// "when something happens — A customer sends a purchase order."
pub(crate) fn trigger_text(p: &handoff_core::Process) -> String {
    format!(
        "{}{}",
        p.trigger
            .kind
            .map(|k| format!("{} — ", trigger_label(k)))
            .unwrap_or_default(),
        or_missing(&p.trigger.description, "not described")
    )
}

/// One row per lane: seat, kind, holder, role in this process.
pub(crate) fn role_rows(doc: &Document) -> Vec<[String; 4]> {
    let p = &doc.process;
    let names = Names { doc };
    p.lanes
        .iter()
        .map(|lane| {
            let seat = doc.seat(&lane.seat);
            let n = p
                .nodes
                .iter()
                .filter(|n| n.lane.as_ref() == Some(&lane.id) && n.tag() == NodeTag::Step)
                .count();
            let mut role = format!("Responsible for {n} step{}", if n == 1 { "" } else { "s" });
            if p.owner.as_ref() == Some(&lane.seat) {
                role.push_str("; owns the process");
            }
            [
                names.seat(&lane.seat),
                seat.map_or("unknown", |s| s.kind.label()).to_owned(),
                seat.and_then(|s| s.holder.clone()).unwrap_or_default(),
                role,
            ]
        })
        .collect()
}

/// Who does a numbered node and who answers for it, how long it takes and waits:
/// "Responsible: Bookkeeper", "Accountable: Owner", "Takes about 15 min", ...
pub(crate) fn step_meta(names: &Names<'_>, node: &handoff_core::Node) -> Vec<String> {
    let mut meta = vec![format!("Responsible: {}", names.owner_of(node))];
    if let Some(d) = node.details() {
        if !d.raci.accountable.is_empty() {
            meta.push(format!(
                "Accountable: {}",
                seat_list(names, &d.raci.accountable)
            ));
        }
        if let Some(m) = d.duration_minutes {
            meta.push(format!(
                "Takes about {}",
                handoff_core::metrics::format_minutes(u64::from(m))
            ));
        }
        if let Some(w) = d.wait_minutes.filter(|&w| w > 0) {
            meta.push(format!(
                "usually waits {} before",
                handoff_core::metrics::format_minutes(u64::from(w))
            ));
        }
    }
    meta
}

/// A step's inputs, outputs, systems and whom to consult and inform, one line each, for
/// those it has.
pub(crate) fn step_facts(names: &Names<'_>, node: &handoff_core::Node) -> Vec<String> {
    let mut out = Vec::new();
    let Some(d) = node.details() else {
        return out;
    };
    for (label, items) in [
        ("Inputs", &d.inputs),
        ("Outputs", &d.outputs),
        ("Systems", &d.systems),
    ] {
        if !items.is_empty() {
            out.push(format!("{label}: {}", items.join(", ")));
        }
    }
    if !d.raci.consulted.is_empty() {
        out.push(format!(
            "Consult first: {}",
            seat_list(names, &d.raci.consulted)
        ));
    }
    if !d.raci.informed.is_empty() {
        out.push(format!(
            "Inform afterwards: {}",
            seat_list(names, &d.raci.informed)
        ));
    }
    out
}

fn seat_list(names: &Names<'_>, seats: &[SeatId]) -> String {
    seats
        .iter()
        .map(|s| names.seat(s))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "The process starts at step 1." or where each start leads when that is not step 1.
pub(crate) fn start_sentence(doc: &Document, procedure: &Procedure) -> Option<String> {
    let p = &doc.process;
    let names = Names { doc };
    let starts: Vec<&handoff_core::Node> = p
        .nodes
        .iter()
        .filter(|n| n.tag() == NodeTag::Start)
        .collect();
    if starts.is_empty() {
        return Some(
            "The map has no start; the steps are listed in the order they are drawn.".to_owned(),
        );
    }
    let mut parts = Vec::new();
    for s in starts {
        for m in moves(doc, procedure, &s.id) {
            let mut part = String::new();
            for h in crate::directions::handover_sentences(&names, &m.handovers) {
                part.push_str(&h);
                part.push_str(", then ");
            }
            part.push_str(&crate::directions::destination(&names, &m.targets));
            parts.push(part);
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!("When the trigger fires: {}.", parts.join("; ")))
}

/// What the process needs from outside: inputs no step produces or hands over (in the
/// order first named), and the systems its steps use (sorted).
pub(crate) fn outside_inputs(doc: &Document) -> (Vec<String>, Vec<String>) {
    let p = &doc.process;
    let mut produced = HashSet::new();
    for n in &p.nodes {
        if let Some(d) = n.details() {
            for o in &d.outputs {
                produced.insert(o.trim().to_lowercase());
            }
        }
    }
    // What is handed over between seats comes from inside the process too.
    for f in &p.flows {
        produced.insert(f.handover.trim().to_lowercase());
    }
    let mut needed = Vec::new();
    let mut seen = HashSet::new();
    let mut systems = BTreeSet::new();
    for n in &p.nodes {
        if let Some(d) = n.details() {
            for i in &d.inputs {
                let key = i.trim().to_lowercase();
                if !key.is_empty() && !produced.contains(&key) && seen.insert(key) {
                    needed.push(i.trim().to_owned());
                }
            }
            for s in &d.systems {
                if !s.trim().is_empty() {
                    systems.insert(s.trim().to_owned());
                }
            }
        }
    }
    (needed, systems.into_iter().collect())
}

fn inputs_section(t: &mut Typesetter, doc: &Document) {
    let (needed, systems) = outside_inputs(doc);
    t.heading(1, "Inputs and prerequisites", 30.0);
    if needed.is_empty() && systems.is_empty() {
        t.paragraph(NO_INPUTS, Style::BODY);
        return;
    }
    if !needed.is_empty() {
        t.paragraph(HAVE_READY, Style::BODY);
        for i in &needed {
            t.bullet(i, Style::BODY);
        }
    }
    if !systems.is_empty() {
        t.space(3.0);
        t.paragraph(
            &format!("Access needed to: {}.", systems.join(", ")),
            Style::BODY,
        );
    }
}

pub(crate) const NO_INPUTS: &str =
    "The map names no inputs from outside the process and no systems.";
pub(crate) const HAVE_READY: &str =
    "Have these ready (no step of this process produces or hands them over):";

pub(crate) fn or_missing<'a>(text: &'a str, missing: &'a str) -> &'a str {
    if text.trim().is_empty() {
        missing
    } else {
        text.trim()
    }
}

fn category_label(c: handoff_core::Category) -> &'static str {
    match c {
        handoff_core::Category::Operational => "operational",
        handoff_core::Category::Management => "management",
        handoff_core::Category::Support => "support",
    }
}

fn trigger_label(k: handoff_core::TriggerKind) -> &'static str {
    match k {
        handoff_core::TriggerKind::Schedule => "on a schedule",
        handoff_core::TriggerKind::Event => "when something happens",
        handoff_core::TriggerKind::Threshold => "when a number crosses a line",
        handoff_core::TriggerKind::Request => "on request",
    }
}
