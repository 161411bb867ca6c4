//! The seat change drill: what a seat holds across the library, and what breaks when it is
//! empty (someone leaves, a role is merged away, its work goes to an agent).
//!
//! [`drill`] lists, for one seat and every process it takes part in, the steps it does
//! (numbered as in the SOP), the steps it is Accountable for, the handoffs it receives and
//! makes, and the processes it owns. It then runs the checks on each process as if the seat
//! were empty ([`vacate`]: the seat gone, so its lanes have no one, its RACI letters and
//! its ownership are dropped) and keeps the findings that the empty seat causes: the work
//! that would be ownerless.

use chrono::NaiveDate;
use serde::Serialize;

use crate::checks::{check, Diagnostic, Rules};
use crate::model::{Document, SeatId};
use crate::procedure::Procedure;

/// Everything one seat holds, and what its vacancy breaks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SeatChange {
    pub seat: SeatId,
    pub seat_name: String,
    /// The processes the seat takes part in, in library order.
    pub processes: Vec<SeatInProcess>,
}

/// One seat's part in one process.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SeatInProcess {
    pub process: String,
    pub process_name: String,
    /// Whether the seat owns the process.
    pub owns: bool,
    /// The steps and decisions it does.
    pub steps: Vec<HeldStep>,
    /// The steps it is Accountable for (its own or others').
    pub accountable: Vec<HeldStep>,
    /// Handoffs to the seat: what, from whom.
    pub receives: Vec<HeldHandoff>,
    /// Handoffs from the seat: what, to whom.
    pub hands_over: Vec<HeldHandoff>,
    /// The findings the process would get with the seat empty, that it does not have now.
    pub if_empty: Vec<Diagnostic>,
}

/// A step, by its SOP number and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HeldStep {
    /// Its number in the process's SOP, when it has one.
    pub number: Option<u32>,
    pub id: String,
    pub name: String,
}

/// A handoff between the seat and another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HeldHandoff {
    /// What is handed over; empty when the map does not say.
    pub item: String,
    /// The other seat's name.
    pub other: String,
    pub flow: String,
}

/// Whether the seat has any part in `doc`: a lane, ownership or a RACI letter.
#[must_use]
pub fn takes_part(doc: &Document, seat: &SeatId) -> bool {
    let p = &doc.process;
    p.owner.as_ref() == Some(seat)
        || p.lanes.iter().any(|l| &l.seat == seat)
        || p.nodes.iter().filter_map(|n| n.details()).any(|d| {
            d.raci.accountable.contains(seat)
                || d.raci.consulted.contains(seat)
                || d.raci.informed.contains(seat)
        })
}

/// `doc` with the seat empty: the seat is gone from the document (its lanes stay, held by no
/// one), it no longer owns the process, and its RACI letters are dropped.
#[must_use]
pub fn vacate(doc: &Document, seat: &SeatId) -> Document {
    let mut d = doc.clone();
    d.seats.retain(|s| &s.id != seat);
    if d.process.owner.as_ref() == Some(seat) {
        d.process.owner = None;
    }
    for n in &mut d.process.nodes {
        if let crate::model::NodeKind::Step { details } = &mut n.kind {
            let r = &mut details.raci;
            for list in [&mut r.accountable, &mut r.consulted, &mut r.informed] {
                list.retain(|s| s != seat);
            }
        }
    }
    d
}

/// The drill for `seat` across `docs` (the library's processes in order), checked on
/// `today` with the library's `rules`. Processes the seat has no part in are left out.
///
/// # Complexity
/// Linear in the total size of the maps (each is checked twice).
#[must_use]
pub fn drill(docs: &[Document], seat: &SeatId, today: NaiveDate, rules: &Rules) -> SeatChange {
    let seat_name = docs
        .iter()
        .find_map(|d| d.seat(seat))
        .map_or_else(|| seat.to_string(), |s| s.name.clone());
    let processes = docs
        .iter()
        .filter(|d| takes_part(d, seat))
        .map(|d| part(d, seat, today, rules))
        .collect();
    SeatChange {
        seat: seat.clone(),
        seat_name,
        processes,
    }
}

fn part(doc: &Document, seat: &SeatId, today: NaiveDate, rules: &Rules) -> SeatInProcess {
    let p = &doc.process;
    let procedure = Procedure::new(p);
    let lane_seat =
        |lane: Option<&crate::model::LaneId>| lane.and_then(|l| p.lane(l)).map(|l| &l.seat);
    let held = |n: &crate::model::Node| HeldStep {
        number: procedure.number(&n.id).and_then(|k| u32::try_from(k).ok()),
        id: n.id.to_string(),
        name: n.display_name(),
    };
    let numbered = |n: &&crate::model::Node| crate::procedure::is_numbered(n.tag());
    let mut steps: Vec<HeldStep> = p
        .nodes
        .iter()
        .filter(numbered)
        .filter(|n| lane_seat(n.lane.as_ref()) == Some(seat))
        .map(held)
        .collect();
    let mut accountable: Vec<HeldStep> = p
        .nodes
        .iter()
        .filter(|n| {
            n.details()
                .is_some_and(|d| d.raci.accountable.contains(seat))
        })
        .map(held)
        .collect();
    for list in [&mut steps, &mut accountable] {
        list.sort_by_key(|s| s.number.unwrap_or(u32::MAX));
    }
    let seat_name = |s: Option<&SeatId>| {
        s.map_or_else(String::new, |s| {
            doc.seat(s)
                .map_or_else(|| s.to_string(), |x| x.name.clone())
        })
    };
    let (mut receives, mut hands_over) = (Vec::new(), Vec::new());
    for f in &p.flows {
        let (Some(a), Some(b)) = (p.node(&f.from), p.node(&f.to)) else {
            continue;
        };
        let (sa, sb) = (lane_seat(a.lane.as_ref()), lane_seat(b.lane.as_ref()));
        if sa.is_none() || sb.is_none() || sa == sb {
            continue;
        }
        let handoff = |other: Option<&SeatId>| HeldHandoff {
            item: f.handover.trim().to_owned(),
            other: seat_name(other),
            flow: f.id.to_string(),
        };
        if sb == Some(seat) {
            receives.push(handoff(sa));
        } else if sa == Some(seat) {
            hands_over.push(handoff(sb));
        }
    }
    let now = check(doc, today, rules);
    let if_empty = check(&vacate(doc, seat), today, rules)
        .into_iter()
        .filter(|d| !now.contains(d))
        .collect();
    SeatInProcess {
        process: p.id.to_string(),
        process_name: p.name.clone(),
        owns: p.owner.as_ref() == Some(seat),
        steps,
        accountable,
        receives,
        hands_over,
        if_empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::Builder;
    use crate::checks::Code;
    use crate::model::{NodeKind, SeatKind};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")
    }

    fn map() -> Document {
        Builder::new("Orders")
            .lane("a", "Sales", SeatKind::Team)
            .lane("b", "Finance", SeatKind::Person)
            .node("start", NodeKind::Start, Some("a"))
            .step("s1", "a")
            .step("s2", "b")
            .node("end", NodeKind::Outcome, Some("b"))
            .arrow("start", "s1")
            .flow("s1", "s2", "", "signed order")
            .arrow("s2", "end")
            .build()
    }

    #[test]
    fn the_drill_lists_what_the_seat_holds_and_what_its_vacancy_breaks() {
        let docs = vec![map()];
        let d = drill(&docs, &SeatId::from("seat-b"), today(), &Rules::default());
        assert_eq!(d.seat_name, "Finance");
        let p = &d.processes[0];
        assert!(!p.owns, "Sales owns the process");
        assert_eq!(
            p.steps.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            ["s2"]
        );
        assert_eq!(p.steps[0].number, Some(2));
        assert_eq!(p.accountable.len(), 1);
        assert_eq!(p.receives.len(), 1);
        assert_eq!(p.receives[0].item, "signed order");
        assert_eq!(p.receives[0].other, "Sales");
        assert!(p.hands_over.is_empty());
        let codes: Vec<Code> = p.if_empty.iter().map(|f| f.code).collect();
        assert!(codes.contains(&Code::OwnerlessStep), "{codes:?}");
        assert!(codes.contains(&Code::RaciNoAccountable), "{codes:?}");
        assert!(!codes.contains(&Code::ProcessNoOwner), "{codes:?}");
        // The owner's vacancy leaves the process without an owner.
        let d = drill(&docs, &SeatId::from("seat-a"), today(), &Rules::default());
        assert!(d.processes[0].owns);
        assert!(d.processes[0]
            .if_empty
            .iter()
            .any(|f| f.code == Code::ProcessNoOwner));
    }

    #[test]
    fn processes_without_the_seat_are_left_out() {
        let docs = vec![map()];
        let d = drill(
            &docs,
            &SeatId::from("seat-nobody"),
            today(),
            &Rules::default(),
        );
        assert!(d.processes.is_empty());
        assert_eq!(d.seat_name, "seat-nobody");
    }
}
