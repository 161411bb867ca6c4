//! The library-wide seats: listing, editing, finding where one is used, and merging two
//! seats that turned out to be the same.

use std::path::Path;

use chrono::{DateTime, Utc};
use handoff_core::{Document, ProcessId, Seat, SeatId};
use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::library::{parse_stored, referenced_seats, save_in, sql, write, Library};
use crate::table::{process, seat};

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
    /// [`StoreError::Sqlite`]; [`StoreError::CorruptRecord`] for a seat with an unknown kind.
    pub fn seats(&self) -> Result<Vec<Seat>> {
        let rows = seat::all(&self.conn).map_err(sql(&self.path))?;
        rows.into_iter().map(|r| self.row_seat(r)).collect()
    }

    /// The seat with this id.
    ///
    /// # Errors
    /// [`StoreError::NoSuchSeat`], [`StoreError::Sqlite`], [`StoreError::CorruptRecord`].
    pub fn seat(&self, id: &SeatId) -> Result<Seat> {
        stored_seat(&self.conn, &self.path, id)
    }

    /// Adds a seat or updates the one with the same id. Processes see the change the next
    /// time they are loaded (their seat copies are refreshed from here).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`].
    pub fn put_seat(&mut self, s: &Seat) -> Result<()> {
        seat::upsert(&self.conn, s).map_err(sql(&self.path))
    }

    /// Removes a seat no process uses (deleted processes included, since they can come
    /// back).
    ///
    /// # Errors
    /// [`StoreError::SeatInUse`] naming the processes that still use it;
    /// [`StoreError::NoSuchSeat`]; [`StoreError::Sqlite`].
    pub fn delete_seat(&mut self, id: &SeatId) -> Result<()> {
        let path = self.path.clone();
        // The usage check and the delete must see the same library. (Unchecked because the
        // usage check reads through `self`; nothing else runs on this connection meanwhile.)
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(sql(&path))?;
        let users: Vec<String> = self
            .uses(id, true)?
            .into_iter()
            .map(|u| format!("'{}'", u.process_name))
            .collect();
        if !users.is_empty() {
            return Err(StoreError::SeatInUse {
                seat: id.to_string(),
                processes: users,
            });
        }
        if !seat::delete(&tx, id.as_str()).map_err(sql(&path))? {
            return Err(StoreError::NoSuchSeat { id: id.to_string() });
        }
        tx.commit().map_err(sql(&path))
    }

    /// Where a seat is used: every live process that gives it a lane, makes it the owner or
    /// names it in a RACI, in process id order.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`], [`StoreError::CorruptRecord`].
    ///
    /// # Complexity
    /// Parses every process: linear in the total size of the maps.
    pub fn seat_usage(&self, id: &SeatId) -> Result<Vec<SeatUse>> {
        self.uses(id, false)
    }

    fn uses(&self, id: &SeatId, include_deleted: bool) -> Result<Vec<SeatUse>> {
        let rows = process::every(&self.conn).map_err(sql(&self.path))?;
        let mut out = Vec::new();
        for row in rows {
            if row.deleted_at.is_some() && !include_deleted {
                continue;
            }
            let doc = parse_stored(&self.path, &row.id, &row.document)?;
            if let Some(u) = usage(&doc, id) {
                out.push(u);
            }
        }
        Ok(out)
    }

    /// Merges seat `absorbed` into seat `kept`: every process (deleted ones too) that refers
    /// to `absorbed` in a lane, as owner or in a RACI is rewritten to refer to `kept`, with
    /// a new revision ("Merged seat 'Sales rep' into 'Sales'"), and `absorbed` is removed.
    /// A RACI that named both keeps `kept` once. Returns the processes rewritten.
    ///
    /// # Errors
    /// [`StoreError::MergeIntoSelf`]; [`StoreError::NoSuchSeat`] for either seat;
    /// [`StoreError::Sqlite`], [`StoreError::CorruptRecord`]. Nothing changes then.
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
        let path = self.path.clone();
        let tx = write(&mut self.conn, &path)?;
        let kept_seat = stored_seat(&tx, &path, kept)?;
        let absorbed_seat = stored_seat(&tx, &path, absorbed)?;
        let rows = process::every(&tx).map_err(sql(&path))?;
        let summary = format!(
            "Merged seat '{}' into '{}'",
            absorbed_seat.name, kept_seat.name
        );
        let mut rewritten = Vec::new();
        for row in rows {
            let mut doc = parse_stored(&path, &row.id, &row.document)?;
            if !referenced_seats(&doc).contains(absorbed) && doc.seat(absorbed).is_none() {
                continue;
            }
            replace_seat(&mut doc, &kept_seat, absorbed);
            save_in(&tx, &path, &doc, now, Some(summary.clone()))?;
            if row.deleted_at.is_some() {
                // Saving revives a process; a merge must not.
                process::set_deleted(
                    &tx,
                    &row.id,
                    crate::table::parse_time(row.deleted_at.as_deref().unwrap_or_default()),
                )
                .map_err(sql(&path))?;
            }
            rewritten.push(doc.process.id);
        }
        seat::delete(&tx, absorbed.as_str()).map_err(sql(&path))?;
        tx.commit().map_err(sql(&path))?;
        Ok(rewritten)
    }

    fn row_seat(&self, row: seat::Row) -> Result<Seat> {
        row_seat(&self.path, row)
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
    /// [`StoreError::Sqlite`].
    pub fn contains(&self, id: &ProcessId) -> Result<bool> {
        match process::get(&self.conn, id.as_str()).map_err(sql(&self.path))? {
            Some(row) => Ok(row.deleted_at.is_none()),
            None => Ok(false),
        }
    }
}

fn stored_seat(conn: &Connection, path: &Path, id: &SeatId) -> Result<Seat> {
    match seat::get(conn, id.as_str()).map_err(sql(path))? {
        Some(row) => row_seat(path, row),
        None => Err(StoreError::NoSuchSeat { id: id.to_string() }),
    }
}

fn row_seat(path: &Path, row: seat::Row) -> Result<Seat> {
    let id = row.id.clone();
    row.into_seat().map_err(|reason| StoreError::CorruptRecord {
        path: path.to_owned(),
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
