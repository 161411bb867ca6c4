//! The library-wide seats: listing, editing, finding where one is used, and merging two
//! seats that turned out to be the same.

use chrono::{DateTime, Utc};
use handoff_core::{Document, ProcessId, Seat, SeatId};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::library::{parse_stored, referenced_seats, save_in, Library, Scope};
use crate::table::{seat, Tables, Which};

/// Where a seat appears in one process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SeatUse {
    pub process: ProcessId,
    pub process_name: String,
    /// Lanes the seat has in the process.
    pub lanes: u32,
    /// Whether the seat owns the process.
    pub owner: bool,
    /// Steps where the seat is Accountable, Consulted or Informed.
    pub raci_steps: u32,
}

impl Library {
    /// Every seat in the library, by name.
    ///
    /// # Errors
    /// The backend's database error; [`StoreError::CorruptRecord`] for a seat with an
    /// unknown kind.
    pub fn seats(&self) -> Result<Vec<Seat>> {
        self.read(|t| {
            let rows = t.seats()?;
            rows.into_iter().map(|r| row_seat(t.library(), r)).collect()
        })
    }

    /// The seat with this id.
    ///
    /// # Errors
    /// [`StoreError::NoSuchSeat`], [`StoreError::CorruptRecord`], the backend's database
    /// error.
    pub fn seat(&self, id: &SeatId) -> Result<Seat> {
        self.read(|t| stored_seat(t, id))
    }

    /// Adds a seat or updates the one with the same id. Processes see the change the next
    /// time they are loaded (their seat copies are refreshed from here).
    ///
    /// # Errors
    /// The backend's database error.
    pub fn put_seat(&mut self, s: &Seat) -> Result<()> {
        self.write(Scope::Library, |t| t.put_seat(s))
    }

    /// Removes a seat no process uses (deleted processes included, since they can come
    /// back).
    ///
    /// # Errors
    /// [`StoreError::SeatInUse`] naming the processes that still use it;
    /// [`StoreError::NoSuchSeat`]; the backend's database error.
    pub fn delete_seat(&mut self, id: &SeatId) -> Result<()> {
        // The usage check and the delete see the same library: both run under the lock.
        self.write(Scope::Library, |t| {
            let users: Vec<String> = uses(t, id, true)?
                .into_iter()
                .map(|u| format!("'{}'", u.process_name))
                .collect();
            if !users.is_empty() {
                return Err(StoreError::SeatInUse {
                    seat: id.to_string(),
                    processes: users,
                });
            }
            if !t.delete_seat(id.as_str())? {
                return Err(StoreError::NoSuchSeat { id: id.to_string() });
            }
            Ok(())
        })
    }

    /// Where a seat is used: every live process that gives it a lane, makes it the owner or
    /// names it in a RACI, in process id order.
    ///
    /// # Errors
    /// [`StoreError::CorruptRecord`], the backend's database error.
    ///
    /// # Complexity
    /// Parses every process: linear in the total size of the maps.
    pub fn seat_usage(&self, id: &SeatId) -> Result<Vec<SeatUse>> {
        self.read(|t| uses(t, id, false))
    }

    /// Merges seat `absorbed` into seat `kept`: every process (deleted ones too) that refers
    /// to `absorbed` in a lane, as owner or in a RACI is rewritten to refer to `kept`, with
    /// a new revision ("Merged seat 'Sales rep' into 'Sales'"), and `absorbed` is removed.
    /// A RACI that named both keeps `kept` once. Returns the processes rewritten.
    ///
    /// # Errors
    /// [`StoreError::MergeIntoSelf`]; [`StoreError::NoSuchSeat`] for either seat;
    /// [`StoreError::CorruptRecord`], the backend's database error. Nothing changes then.
    pub fn merge_seats(
        &mut self,
        kept: &SeatId,
        absorbed: &SeatId,
        now: DateTime<Utc>,
    ) -> Result<Vec<ProcessId>> {
        if kept == absorbed {
            return Err(StoreError::MergeIntoSelf {
                id: kept.to_string(),
            });
        }
        self.write(Scope::Library, |t| {
            let kept_seat = stored_seat(t, kept)?;
            let absorbed_seat = stored_seat(t, absorbed)?;
            let rows = t.processes(Which::Every)?;
            let summary = format!(
                "Merged seat '{}' into '{}'",
                absorbed_seat.name, kept_seat.name
            );
            let mut rewritten = Vec::new();
            for row in rows {
                let mut doc = parse_stored(t.library(), &row.id, &row.document)?;
                if !referenced_seats(&doc).contains(absorbed) && doc.seat(absorbed).is_none() {
                    continue;
                }
                replace_seat(&mut doc, &kept_seat, absorbed);
                save_in(t, &doc, now, Some(summary.clone()))?;
                if let Some(at) = &row.deleted_at {
                    // Saving revives a process; a merge must not.
                    t.set_deleted(&row.id, crate::table::parse_time(at))?;
                }
                rewritten.push(doc.process.id);
            }
            t.delete_seat(absorbed.as_str())?;
            Ok(rewritten)
        })
    }

    /// The document to write to a `*.handoff.json` file: the current document with the
    /// library's version of exactly the seats it refers to.
    ///
    /// # Errors
    /// As [`Library::load`].
    pub fn export_document(&self, id: &ProcessId) -> Result<Document> {
        let mut doc = self.load(id)?;
        let used = referenced_seats(&doc);
        doc.seats.retain(|s| used.contains(&s.id));
        Ok(doc)
    }

    /// Whether a live process has this id.
    ///
    /// # Errors
    /// The backend's database error.
    pub fn contains(&self, id: &ProcessId) -> Result<bool> {
        self.read(|t| {
            Ok(t.process(id.as_str())?
                .is_some_and(|row| row.deleted_at.is_none()))
        })
    }
}

fn uses(t: &mut dyn Tables, id: &SeatId, include_deleted: bool) -> Result<Vec<SeatUse>> {
    let rows = t.processes(Which::Every)?;
    let mut out = Vec::new();
    for row in rows {
        if row.deleted_at.is_some() && !include_deleted {
            continue;
        }
        let doc = parse_stored(t.library(), &row.id, &row.document)?;
        if let Some(u) = usage(&doc, id) {
            out.push(u);
        }
    }
    Ok(out)
}

fn stored_seat(t: &mut dyn Tables, id: &SeatId) -> Result<Seat> {
    match t.seat(id.as_str())? {
        Some(row) => row_seat(t.library(), row),
        None => Err(StoreError::NoSuchSeat { id: id.to_string() }),
    }
}

fn row_seat(library: &str, row: seat::Row) -> Result<Seat> {
    let id = row.id.clone();
    row.into_seat().map_err(|reason| StoreError::CorruptRecord {
        library: library.to_owned(),
        what: format!("seat \"{id}\""),
        reason,
    })
}

fn usage(doc: &Document, id: &SeatId) -> Option<SeatUse> {
    let p = &doc.process;
    let lanes = p.lanes.iter().filter(|l| &l.seat == id).count() as u32;
    let owner = p.owner.as_ref() == Some(id);
    let raci_steps = p
        .nodes
        .iter()
        .filter_map(|n| n.details())
        .filter(|d| {
            d.raci.accountable.contains(id)
                || d.raci.consulted.contains(id)
                || d.raci.informed.contains(id)
        })
        .count() as u32;
    (lanes > 0 || owner || raci_steps > 0).then(|| SeatUse {
        process: p.id.clone(),
        process_name: p.name.clone(),
        lanes,
        owner,
        raci_steps,
    })
}

/// Rewrites every reference to `absorbed` into one to `kept`, and the seat copies with it.
fn replace_seat(doc: &mut Document, kept: &Seat, absorbed: &SeatId) {
    let swap = |s: &mut SeatId| {
        if s == absorbed {
            *s = kept.id.clone();
        }
    };
    let p = &mut doc.process;
    p.lanes.iter_mut().for_each(|l| swap(&mut l.seat));
    if let Some(o) = p.owner.as_mut() {
        swap(o);
    }
    for n in &mut p.nodes {
        if let handoff_core::NodeKind::Step { details } = &mut n.kind {
            for list in [
                &mut details.raci.accountable,
                &mut details.raci.consulted,
                &mut details.raci.informed,
            ] {
                list.iter_mut().for_each(swap);
                let mut seen = std::collections::HashSet::new();
                list.retain(|s| seen.insert(s.clone()));
            }
        }
    }
    doc.seats.retain(|s| &s.id != absorbed);
    if doc.seat(&kept.id).is_none() {
        doc.seats.push(kept.clone());
    }
}
