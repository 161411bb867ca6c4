//! The improvement backlog of a comparison as a PDF: what happened to the numbers, every
//! difference between the as-is and the to-be map (re-owned, added, removed, changed,
//! handoffs, seats), then both maps, each on landscape pages of its own.
//!
//! The differences come from [`handoff_core::diff`]; this module only lays them out.

use chrono::NaiveDate;
use handoff_core::diff::{metric_deltas, Diff, Element, ElementKind, Field, SeatRef};
use handoff_core::procedure::Procedure;
use handoff_core::Document;

use crate::typeset::{Cell, Column, Rgb3, Running, Style, Typesetter, GREY};
use crate::{map, Rendered};

const BETTER: Rgb3 = Rgb3(0.18, 0.49, 0.34);
const WORSE: Rgb3 = Rgb3(0.76, 0.25, 0.23);

/// Writes the backlog of `diff` (from `before` to `after`) as a PDF dated `date`.
///
/// Never fails; characters the bundled font lacks are printed as a placeholder and listed
/// in [`Rendered::warnings`].
///
/// # Complexity
/// Linear in the size of the diff and of both maps.
pub fn to_pdf(before: &Document, after: &Document, diff: &Diff, date: NaiveDate) -> Rendered {
    let (t, title, running) = lay_out(before, after, diff, date);
    let warnings = t.warnings();
    let pdf = t.finish(&title, date, &running);
    Rendered { pdf, warnings }
}

fn lay_out(
    before: &Document,
    after: &Document,
    diff: &Diff,
    date: NaiveDate,
) -> (Typesetter, String, Running) {
    let name = |d: &Document| {
        let n = d.process.name.trim();
        if n.is_empty() {
            "Untitled process".to_owned()
        } else {
            n.to_owned()
        }
    };
    let (bname, aname) = (name(before), name(after));
    let mut t = Typesetter::new();
    t.paragraph("Improvement backlog", Style::SMALL);
    let title = format!("{bname} → {aname}");
    let lines = t.wrap(&title, Style::TITLE, t.width());
    t.lines_at(0.0, &lines, Style::TITLE);
    t.space(4.0);
    t.paragraph(&diff.summary(), Style::BODY);

    t.heading(1, "The numbers", 40.0);
    let rows: Vec<Vec<Cell>> = metric_deltas(diff)
        .into_iter()
        .map(|d| {
            let change = match (d.before, d.after) {
                (Some(b), Some(a)) if a != b => {
                    let sign = if a < b { "−" } else { "+" };
                    let abs = a.abs_diff(b);
                    let text = match d.unit {
                        handoff_core::diff::Unit::Count => format!("{sign}{abs}"),
                        handoff_core::diff::Unit::Minutes => {
                            format!("{sign}{}", handoff_core::metrics::format_minutes(abs))
                        }
                    };
                    // Every number compared here is better smaller.
                    let color = if a < b { BETTER } else { WORSE };
                    Cell {
                        text,
                        style: Style::BOLD.with_size(8.5).with_color(color),
                        fill: None,
                    }
                }
                _ => Cell::from(""),
            };
            vec![
                Cell::from(d.metric.clone()),
                Cell::from(d.format(d.before)),
                Cell::from(d.format(d.after)),
                change,
            ]
        })
        .collect();
    t.table(
        &[
            Column::new("Metric", 3.0),
            Column::new("Before", 2.0),
            Column::new("After", 2.0),
            Column::new("Change", 2.0),
        ],
        &rows,
    );

    t.heading(1, "Differences", 40.0);
    if diff.is_empty() {
        t.paragraph("The two maps say the same thing.", Style::BODY);
    }
    let seat = |s: &Option<SeatRef>| {
        s.as_ref()
            .map_or_else(|| "no lane".to_owned(), |s| s.name.clone())
    };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row = |what: &str, element: String, detail: String| {
        rows.push(vec![
            Cell::from(what),
            Cell::from(element),
            Cell::from(detail),
        ]);
    };
    for m in &diff.moved {
        row(
            "Re-owned",
            m.label.clone(),
            format!("{} → {}", m.from_seat.name, m.to_seat.name),
        );
    }
    let element = |e: &Element| {
        let kind = e.kind.map_or(e.element.label(), |k| k.label());
        format!("{kind} '{}'", e.label)
    };
    for e in &diff.added {
        row(
            "Added",
            element(e),
            e.seat
                .as_ref()
                .map(|s| format!("in {}", s.name))
                .unwrap_or_default(),
        );
    }
    for e in &diff.removed {
        row(
            "Removed",
            element(e),
            e.seat
                .as_ref()
                .map(|s| format!("was in {}", s.name))
                .unwrap_or_default(),
        );
    }
    for c in &diff.changed {
        let what = if c.fields.iter().any(|f| f.field == Field::Lane) {
            "Re-owned"
        } else {
            "Changed"
        };
        let label = match c.element {
            ElementKind::Process => format!("process '{}'", c.label),
            _ => format!(
                "{} '{}'",
                c.kind.map_or(c.element.label(), |k| k.label()),
                c.label
            ),
        };
        let fields: Vec<String> = c
            .fields
            .iter()
            .map(|f| {
                format!(
                    "{}: {} → {}",
                    f.field.label(),
                    or_dash(&f.before),
                    or_dash(&f.after)
                )
            })
            .collect();
        row(what, label, fields.join("; "));
    }
    for (what, handoffs) in [
        ("New handoff", &diff.handoffs.added),
        ("Handoff gone", &diff.handoffs.removed),
    ] {
        for h in handoffs {
            row(
                what,
                format!("{} → {}", h.from, h.to),
                format!(
                    "{} → {}{}",
                    seat(&h.from_seat),
                    seat(&h.to_seat),
                    handed(&h.handover)
                ),
            );
        }
    }
    for s in &diff.seats.added {
        row("Seat joins", s.name.clone(), String::new());
    }
    for s in &diff.seats.removed {
        row("Seat leaves", s.name.clone(), String::new());
    }
    if !rows.is_empty() {
        t.table(
            &[
                Column::new("Difference", 1.3),
                Column::new("Element", 3.0),
                Column::new("Detail", 4.5),
            ],
            &rows,
        );
    }

    for (side, doc, name) in [("Before", before, &bname), ("After", after, &aname)] {
        let first = t.pages.len();
        map::draw(&mut t, doc, &Procedure::new(&doc.process));
        // map::draw heads its first page "Process map"; say which side it is on the right.
        let label = t.clean(&format!("{side}: {name}"));
        let style = Style::BOLD.with_color(GREY);
        let width = t.measure(&label, style);
        if let Some(page) = t.pages.get_mut(first) {
            let x = (page.width - crate::typeset::MARGIN_X - width).max(crate::typeset::MARGIN_X);
            page.text(x, 78.0, &label, style);
        }
    }

    let running = Running {
        header_left: format!("Improvement backlog · {aname}"),
        header_right: format!("as of {date}"),
        footer_left: format!("{bname} → {aname}"),
    };
    (t, title, running)
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "—"
    } else {
        s
    }
}

fn handed(item: &str) -> String {
    if item.is_empty() {
        String::new()
    } else {
        format!(" ({item})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use handoff_core::build::generate;
    use handoff_core::ProcessId;

    #[test]
    fn a_backlog_has_the_numbers_the_differences_and_both_maps() {
        let before = generate(8, 3);
        let mut after = handoff_core::diff::derive(&before, ProcessId::from("p2"), 1);
        after.process.nodes.remove(2);
        let d = handoff_core::diff::diff(&before, &after);
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        let r = to_pdf(&before, &after, &d, date);
        assert!(r.pdf.starts_with(b"%PDF"));
        // Same input, same bytes.
        assert_eq!(r.pdf, to_pdf(&before, &after, &d, date).pdf);
        // The summary page(s), then at least one landscape page per map.
        let (t, _, _) = lay_out(&before, &after, &d, date);
        let landscape = t.pages.iter().filter(|p| p.width > p.height).count();
        assert!(landscape >= 2, "{landscape} landscape pages");
        assert!(
            t.pages[0].width < t.pages[0].height,
            "the summary page is portrait"
        );
    }
}
