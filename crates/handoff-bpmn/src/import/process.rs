//! Phase 7: the process itself (name, id, purpose, the header a Handoff export carries)
//! and the finished document.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use handoff_core::{Document, Process, ProcessId, Seat, SeatId};

use super::words::short;
use super::{Conversion, Notes};
use crate::header::Header;
use crate::parse::Model;
use crate::Import;

impl Conversion<'_> {
    /// The map with the notes of every phase.
    pub(super) fn finish(mut self) -> Import {
        let model = self.model;
        let first = model.processes.first();
        let name = [
            single_pool_name(model),
            first.map(|p| p.name.clone()).unwrap_or_default(),
            model.definitions_name.clone(),
        ]
        .into_iter()
        .find(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "Imported process".to_owned());
        let pid = first
            .map(|p| p.id.clone())
            .filter(|s| !s.is_empty())
            .or_else(|| Some(model.definitions_id.clone()).filter(|s| !s.is_empty()))
            .unwrap_or_else(|| "imported".to_owned());
        let mut process = Process::blank(ProcessId(pid), name);
        process.purpose = first.map(|p| p.documentation.clone()).unwrap_or_default();
        let header = first.and_then(|p| p.handoff_header.as_deref());
        let mut seats = std::mem::take(&mut self.seats);
        match header.map(serde_json::from_str::<Header>) {
            Some(Ok(mut h)) => {
                let header_seats = std::mem::take(&mut h.seats);
                if !header_seats.is_empty() {
                    seats = merge_seats(header_seats, seats, &mut self.notes);
                }
                h.apply(&mut process)
            }
            Some(Err(e)) => self.notes.add(
                first.map(|p| p.id.as_str()),
                format!(
                    "Handoff's process details in this file are unreadable and were skipped ({e})"
                ),
            ),
            None => {
                if let [kind] = self.start_triggers.as_slice() {
                    process.trigger.kind = Some(*kind);
                }
            }
        }
        for p in model.processes.iter().skip(1) {
            if !p.documentation.is_empty() {
                self.notes.add(
                    Some(&p.id),
                    format!(
                        "the documentation of process \"{}\" was not kept: \"{}\"",
                        p.name,
                        short(&p.documentation)
                    ),
                );
            }
        }
        for p in &model.participants {
            if !p.documentation.is_empty() {
                self.notes.add(
                    Some(&p.id),
                    format!(
                        "the documentation of pool \"{}\" was not kept: \"{}\"",
                        p.name,
                        short(&p.documentation)
                    ),
                );
            }
        }
        process.lanes = self.lanes;
        process.nodes = self.nodes;
        process.flows = self.flows;
        Import {
            document: Document::new(seats, process),
            notes: self.notes.0,
        }
    }
}

/// The file's seat list, with each lane's seat as the lane now reads (a lane may have
/// been renamed in another tool), then any seat only a lane knows. A seat id the file
/// lists twice is kept once, as first listed, with a note: a map's seat ids are unique.
fn merge_seats(header_seats: Vec<Seat>, lane_seats: Vec<Seat>, notes: &mut Notes) -> Vec<Seat> {
    let by_id: HashMap<&SeatId, &Seat> = lane_seats.iter().rev().map(|s| (&s.id, s)).collect();
    let mut all: Vec<Seat> = Vec::with_capacity(header_seats.len());
    let mut listed: HashSet<SeatId> = HashSet::default();
    for s in header_seats {
        if !listed.insert(s.id.clone()) {
            notes.add(
                None,
                format!(
                    "the seat id \"{}\" is listed twice in Handoff's process details; the second (\"{}\") was left out",
                    s.id, s.name
                ),
            );
            continue;
        }
        all.push(by_id.get(&s.id).map_or(s, |&l| l.clone()));
    }
    for s in lane_seats {
        if listed.insert(s.id.clone()) {
            all.push(s);
        }
    }
    all
}

fn single_pool_name(model: &Model) -> String {
    let with_process: Vec<_> = model
        .participants
        .iter()
        .filter(|p| p.process_ref.is_some())
        .collect();
    match with_process.as_slice() {
        [p] => p.name.clone(),
        _ => String::new(),
    }
}
