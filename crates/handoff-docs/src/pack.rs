//! The successor's handover pack for a seat that changes hands: the seat's handout, then
//! what the seat change drill found ([`handoff_core::vacancy`]): the open findings in the
//! processes the seat works in, what would be left ownerless while the seat is empty, and the
//! people to meet (those who hand work to the seat, those it hands work to, and the owners of
//! its processes).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use handoff_core::vacancy::SeatChange;
use handoff_core::{Diagnostic, Document, SeatId};

use crate::handout::{handout_and, HandoutError};
use crate::typeset::{Cell, Column, Style, Typesetter, GREY};
use crate::Rendered;

/// The open findings of one process, for the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenFindings {
    pub process_name: String,
    pub findings: Vec<Diagnostic>,
}

/// Writes the handover pack for `seat`: its handout from `docs`, then the drill's findings
/// and the people to meet.
///
/// # Errors
/// [`HandoutError::UnknownSeat`] when no document carries the seat.
pub fn handover_pack(
    docs: &[Document],
    seat: &SeatId,
    date: NaiveDate,
    drill: &SeatChange,
    open: &[OpenFindings],
) -> Result<Rendered, HandoutError> {
    let people = people_to_meet(docs, seat);
    handout_and(docs, seat, date, "Handover pack", &|t| {
        t.break_page();
        t.link_scope = "pack/".to_owned();
        t.heading(1, "Taking over the seat", 40.0);
        t.paragraph(
            "What the seat holds today, what is already open, and what goes wrong while the seat is empty. Read it with the person leaving, if you can.",
            Style::BODY,
        );
        write_held(t, drill);
        write_if_empty(t, drill);
        write_open(t, open);
        write_people(t, &people);
    })
}

fn write_held(t: &mut Typesetter, drill: &SeatChange) {
    t.heading(2, "What the seat holds", 30.0);
    if drill.processes.is_empty() {
        t.paragraph(
            "The seat takes part in no process.",
            Style::BODY.with_color(GREY),
        );
        return;
    }
    let steps = |list: &[handoff_core::vacancy::HeldStep]| {
        if list.is_empty() {
            "—".to_owned()
        } else {
            list.iter()
                .map(|s| {
                    s.number
                        .map_or_else(|| s.name.clone(), |n| format!("{n}. {}", s.name))
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    let rows: Vec<Vec<Cell>> = drill
        .processes
        .iter()
        .map(|p| {
            vec![
                Cell::from(if p.owns {
                    format!("{} (owner)", p.process_name)
                } else {
                    p.process_name.clone()
                }),
                Cell::from(steps(&p.steps)),
                Cell::from(steps(&p.accountable)),
                Cell::from(format!(
                    "{} in, {} out",
                    p.receives.len(),
                    p.hands_over.len()
                )),
            ]
        })
        .collect();
    t.table(
        &[
            Column::new("Process", 2.4),
            Column::new("Steps done", 3.0),
            Column::new("Accountable for", 3.0),
            Column::new("Handoffs", 1.2),
        ],
        &rows,
    );
}

fn write_if_empty(t: &mut Typesetter, drill: &SeatChange) {
    t.heading(2, "While the seat is empty", 30.0);
    let broken: Vec<_> = drill
        .processes
        .iter()
        .filter(|p| !p.if_empty.is_empty())
        .collect();
    if broken.is_empty() {
        t.paragraph(
            "Nothing becomes ownerless: every process still checks clean without this seat.",
            Style::BODY.with_color(GREY),
        );
        return;
    }
    t.paragraph(
        "Until someone takes the seat, the checks find these problems. Each one is work with no one to do it or answer for it.",
        Style::BODY,
    );
    for p in broken {
        t.paragraph(&p.process_name, Style::BOLD);
        for f in &p.if_empty {
            t.bullet(&f.message, Style::BODY);
        }
    }
}

fn write_open(t: &mut Typesetter, open: &[OpenFindings]) {
    t.heading(2, "Open findings in your processes", 30.0);
    let with: Vec<_> = open.iter().filter(|o| !o.findings.is_empty()).collect();
    if with.is_empty() {
        t.paragraph(
            "None: every process you work in checks clean.",
            Style::BODY.with_color(GREY),
        );
        return;
    }
    for o in with {
        t.paragraph(&o.process_name, Style::BOLD);
        for f in &o.findings {
            t.bullet(
                &format!("{} ({})", f.message, f.severity.label()),
                Style::BODY,
            );
        }
    }
}

/// A person or seat to meet, and why.
struct Meet {
    holder: Option<String>,
    reasons: Vec<String>,
}

fn write_people(t: &mut Typesetter, people: &BTreeMap<String, Meet>) {
    t.heading(2, "People to meet", 30.0);
    if people.is_empty() {
        t.paragraph(
            "No other seat works with this one.",
            Style::BODY.with_color(GREY),
        );
        return;
    }
    let rows: Vec<Vec<Cell>> = people
        .iter()
        .map(|(name, m)| {
            vec![
                Cell::from(name.clone()),
                Cell::from(m.holder.clone().unwrap_or_else(|| "—".to_owned())),
                Cell::from(m.reasons.join("; ")),
            ]
        })
        .collect();
    t.table(
        &[
            Column::new("Seat", 2.0),
            Column::new("Held by", 1.6),
            Column::new("Why", 5.0),
        ],
        &rows,
    );
}

/// The seats that hand work to `seat`, take work from it, or own its processes, by name.
fn people_to_meet(docs: &[Document], seat: &SeatId) -> BTreeMap<String, Meet> {
    let mut out: BTreeMap<String, Meet> = BTreeMap::new();
    let mut add = |doc: &Document, other: &SeatId, reason: String| {
        if other == seat {
            return;
        }
        let Some(s) = doc.seat(other) else { return };
        let entry = out.entry(s.name.clone()).or_insert_with(|| Meet {
            holder: s.holder.clone().filter(|h| !h.trim().is_empty()),
            reasons: Vec::new(),
        });
        if !entry.reasons.contains(&reason) {
            entry.reasons.push(reason);
        }
    };
    for doc in docs
        .iter()
        .filter(|d| handoff_core::vacancy::takes_part(d, seat))
    {
        let p = &doc.process;
        let name = &p.name;
        if let Some(owner) = &p.owner {
            add(doc, owner, format!("owns {name}"));
        }
        let lane_seat = |id: &handoff_core::NodeId| {
            p.node(id)
                .and_then(|n| n.lane.as_ref())
                .and_then(|l| p.lane(l))
                .map(|l| &l.seat)
        };
        for f in &p.flows {
            let (Some(a), Some(b)) = (lane_seat(&f.from), lane_seat(&f.to)) else {
                continue;
            };
            let item = if f.handover.trim().is_empty() {
                "work".to_owned()
            } else {
                f.handover.trim().to_owned()
            };
            if b == seat && a != seat {
                add(doc, a, format!("hands you {item} ({name})"));
            } else if a == seat && b != seat {
                add(doc, b, format!("takes {item} from you ({name})"));
            }
        }
    }
    out
}
