//! A [`Diff`] in words: the one-line summary a revision list shows, the text the CLI
//! prints, the metric deltas and the backlog CSV.

use serde::{Deserialize, Serialize};

use super::{Change, Diff, Element, ElementKind, Field, FieldChange};
use crate::metrics::{format_minutes, Metrics};
use crate::model::NodeTag;

/// What a metric counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Unit {
    Count,
    Minutes,
}

/// One number of both maps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MetricDelta {
    /// The metric's name in words ("cycle time").
    pub metric: String,
    pub unit: Unit,
    /// `None` when the map has no value (no cycle time when no outcome can be reached).
    pub before: Option<u64>,
    pub after: Option<u64>,
}

impl MetricDelta {
    /// Whether the number differs.
    pub fn changed(&self) -> bool {
        self.before != self.after
    }

    /// A value as a person reads it ("3", "2 d 4 h", "—" for none).
    pub fn format(&self, value: Option<u64>) -> String {
        match (value, self.unit) {
            (None, _) => "—".to_owned(),
            (Some(v), Unit::Count) => v.to_string(),
            (Some(v), Unit::Minutes) => format_minutes(v),
        }
    }

    /// The signed change as a person reads it: "−4", "+2", "−4 h 5 min"; empty when the
    /// number did not change or one side has none.
    pub fn change(&self) -> String {
        let (Some(b), Some(a)) = (self.before, self.after) else {
            return String::new();
        };
        if a == b {
            return String::new();
        }
        let sign = if a > b { '+' } else { '−' };
        format!("{sign}{}", self.format(Some(a.abs_diff(b))))
    }

    /// "handoffs 7 → 3".
    pub fn describe(&self) -> String {
        format!(
            "{} {} → {}",
            self.metric,
            self.format(self.before),
            self.format(self.after)
        )
    }
}

/// The numbers the comparison reports, in a fixed order: steps, decisions, handoffs,
/// seats, touch time, waiting time (both along the typical path) and the typical cycle
/// time.
pub fn metric_deltas(diff: &Diff) -> Vec<MetricDelta> {
    let (b, a) = (&diff.metrics.before, &diff.metrics.after);
    let count = |name: &str, f: fn(&Metrics) -> u32| MetricDelta {
        metric: name.to_owned(),
        unit: Unit::Count,
        before: Some(f(b) as u64),
        after: Some(f(a) as u64),
    };
    let time = |name: &str, f: fn(&Metrics) -> Option<u64>| MetricDelta {
        metric: name.to_owned(),
        unit: Unit::Minutes,
        before: f(b),
        after: f(a),
    };
    vec![
        count("steps", |m| m.steps),
        count("decisions", |m| m.decisions),
        count("handoffs", |m| m.handoffs),
        count("seats", |m| m.seats),
        time("touch time", |m| m.cycle.map(|_| m.touch_minutes)),
        time("waiting time", |m| m.cycle.map(|_| m.wait_minutes)),
        time("cycle time", |m| m.cycle.map(|c| c.typical.total)),
    ]
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// "2 steps and 1 decision" for a list of node kinds and a flow count.
fn tally(kinds: &[NodeTag], flows: usize) -> String {
    let mut order: Vec<NodeTag> = kinds.to_vec();
    order.sort();
    order.dedup();
    let mut parts: Vec<String> = order
        .into_iter()
        .map(|k| plural(kinds.iter().filter(|&&x| x == k).count(), k.label()))
        .collect();
    if flows > 0 {
        parts.push(plural(flows, "flow"));
    }
    join_words(parts)
}

/// "a", "a and b", "a, b and c".
fn join_words<S: AsRef<str>>(mut parts: Vec<S>) -> String {
    match parts.len() {
        0 => String::new(),
        1 => parts.remove(0).as_ref().to_owned(),
        _ => {
            let last = parts
                .pop()
                .map(|s| s.as_ref().to_owned())
                .unwrap_or_default();
            let rest: Vec<&str> = parts.iter().map(AsRef::as_ref).collect();
            format!("{} and {last}", rest.join(", "))
        }
    }
}

fn added_or_removed(verb: &str, elements: &[Element]) -> Option<String> {
    let nodes: Vec<&Element> = elements
        .iter()
        .filter(|e| e.element == ElementKind::Node)
        .collect();
    let flows = elements.len() - nodes.len();
    match (nodes.as_slice(), flows) {
        ([], 0) => None,
        ([one], flows) => {
            let mut s = format!(
                "{verb} {} '{}'",
                one.kind.map_or("node", NodeTag::label),
                one.label
            );
            if flows > 0 {
                s.push_str(&format!(" and {}", plural(flows, "flow")));
            }
            Some(s)
        }
        _ => {
            let kinds: Vec<NodeTag> = nodes.iter().filter_map(|e| e.kind).collect();
            Some(format!("{verb} {}", tally(&kinds, flows)))
        }
    }
}

fn with_field<'a>(diff: &'a Diff, fields: &'a [Field]) -> impl Iterator<Item = &'a Change> + 'a {
    diff.changed
        .iter()
        .filter(move |c| c.fields.iter().any(|f| fields.contains(&f.field)))
}

fn field(c: &Change, field: Field) -> Option<&FieldChange> {
    c.fields.iter().find(|f| f.field == field)
}

pub(super) fn summary(diff: &Diff) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(added_or_removed("added", &diff.added));
    parts.extend(added_or_removed("removed", &diff.removed));

    if diff.moved.len() <= 2 {
        for m in &diff.moved {
            parts.push(format!(
                "moved '{}' from {} to {}",
                m.label, m.from_seat.name, m.to_seat.name
            ));
        }
    } else {
        let kinds: Vec<NodeTag> = diff.moved.iter().map(|m| m.kind).collect();
        parts.push(format!("moved {} to other seats", tally(&kinds, 0)));
    }

    let renamed: Vec<&Change> = with_field(diff, &[Field::Label])
        .filter(|c| c.element == ElementKind::Node)
        .collect();
    match renamed.as_slice() {
        [] => {}
        [one] => {
            if let Some(f) = field(one, Field::Label) {
                parts.push(format!("renamed '{}' to '{}'", f.before, f.after));
            }
        }
        many => parts.push(format!("renamed {}", plural(many.len(), "node"))),
    }

    let laned: Vec<&Change> = with_field(diff, &[Field::Lane]).collect();
    match laned.as_slice() {
        [] => {}
        [one] => {
            if let Some(f) = field(one, Field::Lane) {
                parts.push(if f.after.is_empty() {
                    format!("took '{}' out of {}'s lane", one.label, f.before)
                } else {
                    format!("gave '{}' to {}", one.label, f.after)
                });
            }
        }
        many => parts.push(format!("{} changed lane", plural(many.len(), "node"))),
    }
    let counted: [(&[Field], &str, &str); 6] = [
        (&[Field::Kind], "node", "changed kind"),
        (&[Field::Duration, Field::Wait], "step", "with new times"),
        (
            &[
                Field::Instructions,
                Field::Inputs,
                Field::Outputs,
                Field::Systems,
                Field::Tries,
            ],
            "step",
            "with new details",
        ),
        (
            &[Field::Accountable, Field::Consulted, Field::Informed],
            "step",
            "with new RACI",
        ),
        (&[Field::Condition], "branch condition", "changed"),
        (&[Field::Handover], "handed-over item", "changed"),
    ];
    for (fields, noun, what) in counted {
        let n = with_field(diff, fields).count();
        if n > 0 {
            parts.push(format!("{} {what}", plural(n, noun)));
        }
    }
    let rewired = with_field(diff, &[Field::From, Field::To]).count();
    if rewired > 0 {
        parts.push(format!("{} rewired", plural(rewired, "flow")));
    }
    if let Some(header) = diff
        .changed
        .iter()
        .find(|c| c.element == ElementKind::Process)
    {
        let names: Vec<&str> = header.fields.iter().map(|f| f.field.label()).collect();
        parts.push(format!("changed the process's {}", join_words(names)));
    }

    for (verb, seats) in [
        ("added", &diff.seats.added),
        ("removed", &diff.seats.removed),
    ] {
        match seats.as_slice() {
            [] => {}
            [one] => parts.push(format!("{verb} seat '{}'", one.name)),
            many => parts.push(format!("{verb} {}", plural(many.len(), "seat"))),
        }
    }

    let (hb, ha) = (diff.metrics.before.handoffs, diff.metrics.after.handoffs);
    if hb != ha {
        parts.push(format!("handoffs {hb} → {ha}"));
    } else if !diff.handoffs.added.is_empty() || !diff.handoffs.removed.is_empty() {
        parts.push(format!(
            "{} added and {} removed",
            plural(diff.handoffs.added.len(), "handoff"),
            diff.handoffs.removed.len()
        ));
    }

    if parts.is_empty() {
        return "No changes".to_owned();
    }
    let line = parts.join("; ");
    let mut chars = line.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => line,
    }
}

fn quoted(s: &str) -> String {
    if s.is_empty() {
        "—".to_owned()
    } else {
        format!("'{s}'")
    }
}

fn element_words(e: &Element) -> String {
    let kind = e.kind.map_or(e.element.label(), NodeTag::label);
    match &e.seat {
        Some(seat) if e.element == ElementKind::Node => {
            format!("{kind} '{}' ({})", e.label, seat.name)
        }
        _ => format!("{kind} '{}'", e.label),
    }
}

/// The comparison as plain text for a terminal: the summary, the numbers that changed
/// ("handoffs 7 → 3, cycle time 11 d → 4 d"), then every difference, one per line.
pub fn to_text(diff: &Diff) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "{}", diff.summary());
    let deltas: Vec<String> = metric_deltas(diff)
        .iter()
        .filter(|d| d.changed())
        .map(MetricDelta::describe)
        .collect();
    if !deltas.is_empty() {
        let _ = writeln!(out, "{}", deltas.join(", "));
    }
    if diff.is_empty() {
        return out;
    }
    let mut section = |title: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            let _ = writeln!(out, "\n{title} ({}):", lines.len());
            for l in lines {
                let _ = writeln!(out, "  {l}");
            }
        }
    };
    section(
        "Added",
        diff.added
            .iter()
            .map(|e| format!("+ {}", element_words(e)))
            .collect(),
    );
    section(
        "Removed",
        diff.removed
            .iter()
            .map(|e| format!("- {}", element_words(e)))
            .collect(),
    );
    section(
        "Moved",
        diff.moved
            .iter()
            .map(|m| {
                format!(
                    "> {} '{}': {} → {}",
                    m.kind.label(),
                    m.label,
                    m.from_seat.name,
                    m.to_seat.name
                )
            })
            .collect(),
    );
    section(
        "Changed",
        diff.changed
            .iter()
            .map(|c| {
                let what = c.kind.map_or(c.element.label(), NodeTag::label);
                let fields: Vec<String> = c
                    .fields
                    .iter()
                    .map(|f| {
                        format!(
                            "{} {} → {}",
                            f.field.label(),
                            quoted(&f.before),
                            quoted(&f.after)
                        )
                    })
                    .collect();
                format!("~ {what} '{}': {}", c.label, fields.join("; "))
            })
            .collect(),
    );
    let handoff_line = |sign: char, h: &super::Handoff| {
        let seat =
            |s: &Option<super::SeatRef>| s.as_ref().map_or("no lane", |s| &s.name).to_owned();
        let item = if h.handover.is_empty() {
            "nothing named".to_owned()
        } else {
            h.handover.clone()
        };
        format!(
            "{sign} {} → {}: '{}' → '{}' ({item})",
            seat(&h.from_seat),
            seat(&h.to_seat),
            h.from,
            h.to
        )
    };
    let mut handoffs: Vec<String> = diff
        .handoffs
        .added
        .iter()
        .map(|h| handoff_line('+', h))
        .collect();
    handoffs.extend(diff.handoffs.removed.iter().map(|h| handoff_line('-', h)));
    section("Handoffs", handoffs);
    let mut seats: Vec<String> = diff
        .seats
        .added
        .iter()
        .map(|s| format!("+ {}", s.name))
        .collect();
    seats.extend(diff.seats.removed.iter().map(|s| format!("- {}", s.name)));
    section("Seats", seats);
    out
}

/// One CSV field: quoted when it holds a comma, quote or line break, and prefixed with an
/// apostrophe when a spreadsheet would otherwise run it as a formula (a label that starts
/// with "=" must stay text when the backlog is opened in Excel).
fn csv_field(out: &mut String, value: &str) {
    let guarded;
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{value}");
        guarded.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

fn csv_row(out: &mut String, fields: [&str; 8]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, f);
    }
    out.push_str("\r\n");
}

/// The differences as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads
/// "Łódź" right), CRLF line ends, a header row, then one row per difference: every added
/// and removed element, every changed field, every move, handoff, seat and changed metric.
/// Columns: difference, type, id ("before → after" when the ids differ), element, seat,
/// field, before, after.
pub fn to_csv(diff: &Diff) -> String {
    let mut out = String::from("\u{feff}");
    csv_row(
        &mut out,
        [
            "Difference",
            "Type",
            "Id",
            "Element",
            "Seat",
            "Field",
            "Before",
            "After",
        ],
    );
    let seat_name = |e: &Element| e.seat.as_ref().map(|s| s.name.clone()).unwrap_or_default();
    let kind = |e: &Element| e.kind.map_or(e.element.label(), NodeTag::label);
    for e in &diff.added {
        csv_row(
            &mut out,
            ["added", kind(e), &e.id, &e.label, &seat_name(e), "", "", ""],
        );
    }
    for e in &diff.removed {
        csv_row(
            &mut out,
            [
                "removed",
                kind(e),
                &e.id,
                &e.label,
                &seat_name(e),
                "",
                "",
                "",
            ],
        );
    }
    for m in &diff.moved {
        let id = pair_id(&m.id, &m.after_id);
        csv_row(
            &mut out,
            [
                "moved",
                m.kind.label(),
                &id,
                &m.label,
                &m.to_seat.name,
                "seat",
                &m.from_seat.name,
                &m.to_seat.name,
            ],
        );
    }
    for c in &diff.changed {
        let id = pair_id(&c.id, &c.after_id);
        let what = c.kind.map_or(c.element.label(), NodeTag::label);
        let seat = c.seat.as_ref().map(|s| s.name.as_str()).unwrap_or_default();
        for f in &c.fields {
            csv_row(
                &mut out,
                [
                    "changed",
                    what,
                    &id,
                    &c.label,
                    seat,
                    f.field.label(),
                    &f.before,
                    &f.after,
                ],
            );
        }
    }
    for (what, list) in [
        ("handoff added", &diff.handoffs.added),
        ("handoff removed", &diff.handoffs.removed),
    ] {
        for h in list {
            let seat =
                |s: &Option<super::SeatRef>| s.as_ref().map(|s| s.name.clone()).unwrap_or_default();
            csv_row(
                &mut out,
                [
                    what,
                    "handoff",
                    &h.flow_id,
                    &format!("{} → {}", h.from, h.to),
                    &format!("{} → {}", seat(&h.from_seat), seat(&h.to_seat)),
                    "handed-over item",
                    "",
                    &h.handover,
                ],
            );
        }
    }
    for (what, list) in [
        ("seat added", &diff.seats.added),
        ("seat removed", &diff.seats.removed),
    ] {
        for s in list {
            csv_row(
                &mut out,
                [what, "seat", s.id.as_str(), &s.name, &s.name, "", "", ""],
            );
        }
    }
    for d in metric_deltas(diff).into_iter().filter(MetricDelta::changed) {
        csv_row(
            &mut out,
            [
                "metric",
                "metric",
                "",
                &d.metric,
                "",
                &d.metric,
                &d.format(d.before),
                &d.format(d.after),
            ],
        );
    }
    out
}

fn pair_id(before: &str, after: &str) -> String {
    if before == after {
        before.to_owned()
    } else {
        format!("{before} → {after}")
    }
}
