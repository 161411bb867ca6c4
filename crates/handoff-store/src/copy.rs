//! Copying a whole library into another: a library file into a team library and back.
//! Everything moves as stored (every revision with its number, time and summary, deleted
//! processes, seats, rule settings, the seeding mark), not re-saved, so the history reads
//! the same on both sides.

use serde::Serialize;

use handoff_core::ProcessId;

use crate::error::{Result, StoreError};
use crate::library::{Library, Scope};
use crate::table::{meta, parse_time, process, revision, seat, Tables, Which};

/// What [`Library::copy_into`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Copied {
    /// Processes the target did not have, copied with their whole history.
    pub added: Vec<ProcessId>,
    /// Processes whose newer revisions were added to the target's history.
    pub updated: Vec<ProcessId>,
    /// Processes the target already had exactly so.
    pub unchanged: usize,
    /// Processes whose history in the target went another way (someone saved there too);
    /// left as the target has them.
    pub diverged: Vec<ProcessId>,
    /// Revisions written.
    pub revisions: usize,
    /// Seats the target did not have.
    pub seats: usize,
    /// Rule settings the target did not have.
    pub rules: usize,
}

impl Copied {
    /// Whether the copy wrote nothing.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.updated.is_empty()
            && self.revisions == 0
            && self.seats == 0
            && self.rules == 0
    }
}

/// Everything a library holds, read in one go.
struct Contents {
    seats: Vec<seat::Row>,
    rules: handoff_core::Rules,
    seeded_at: Option<String>,
    processes: Vec<(process::Row, Vec<revision::Full>)>,
}

impl Library {
    /// Copies every process (deleted ones too) with every revision, and every seat and
    /// rule setting, from this library into `target`, in one transaction of the target.
    ///
    /// Without `merge` the target must be empty (no process, deleted or not, and no seat).
    /// With `merge`, what the target already has is kept: a process it has with the same
    /// history is left alone, one whose history is the start of this one's gets the newer
    /// revisions, one whose history differs is left as it is and reported in
    /// [`Copied::diverged`]; seats and rule settings it has keep its version. So copying
    /// twice changes nothing the second time.
    ///
    /// # Errors
    /// [`StoreError::TargetNotEmpty`] without `merge`; a damaged seat or timestamp
    /// ([`StoreError::CorruptRecord`]); either backend's database error. The target is
    /// unchanged then.
    ///
    /// # Complexity
    /// Reads this whole library into memory: linear in its size, history included.
    pub fn copy_into(&self, target: &mut Library, merge: bool) -> Result<Copied> {
        let from = self.read(contents)?;
        target.write(Scope::Library, |t| {
            if !merge {
                refuse_unless_empty(t)?;
            }
            write_contents(t, &from)
        })
    }
}

fn contents(t: &mut dyn Tables) -> Result<Contents> {
    let seats = t.seats()?;
    let rules = t.rules()?;
    let seeded_at = t.meta(meta::SEEDED_AT)?;
    let mut processes = Vec::new();
    for row in t.processes(Which::Every)? {
        let revisions = t.full_revisions(&row.id)?;
        processes.push((row, revisions));
    }
    Ok(Contents {
        seats,
        rules,
        seeded_at,
        processes,
    })
}

fn refuse_unless_empty(t: &mut dyn Tables) -> Result<()> {
    let processes = t.processes(Which::Every)?.len();
    let seats = t.seats()?.len();
    if processes + seats == 0 {
        return Ok(());
    }
    Err(StoreError::TargetNotEmpty {
        library: t.library().to_owned(),
        detail: format!(
            "{processes} process{}, {seats} seat{}",
            if processes == 1 { "" } else { "es" },
            if seats == 1 { "" } else { "s" }
        ),
    })
}

fn write_contents(t: &mut dyn Tables, from: &Contents) -> Result<Copied> {
    let mut done = Copied::default();
    for row in &from.seats {
        if t.seat(&row.id)?.is_none() {
            let s = seat::Row {
                id: row.id.clone(),
                name: row.name.clone(),
                kind: row.kind.clone(),
                holder: row.holder.clone(),
            }
            .into_seat()
            .map_err(|reason| StoreError::CorruptRecord {
                library: t.library().to_owned(),
                what: format!("seat \"{}\"", row.id),
                reason,
            })?;
            t.put_seat(&s)?;
            done.seats += 1;
        }
    }
    let have = t.rules()?;
    for (code, setting) in &from.rules.overrides {
        if !have.overrides.contains_key(code) {
            t.set_rule(*code, Some(*setting))?;
            done.rules += 1;
        }
    }
    if let Some(at) = &from.seeded_at {
        if t.meta(meta::SEEDED_AT)?.is_none() {
            t.set_meta(meta::SEEDED_AT, at)?;
        }
    }
    for (row, revisions) in &from.processes {
        let id = ProcessId(row.id.clone());
        let theirs = t.full_revisions(&row.id)?;
        let shared = theirs.len().min(revisions.len());
        let same_start = theirs
            .iter()
            .zip(revisions)
            .all(|(a, b)| same_revision(a, b));
        if !same_start || theirs.len() > revisions.len() {
            done.diverged.push(id);
            continue;
        }
        let stored = t.process(&row.id)?;
        let row_same = stored.as_ref().is_some_and(|s| same_row(s, row));
        if shared == revisions.len() && row_same {
            done.unchanged += 1;
            continue;
        }
        // The row first: revisions refer to it.
        t.copy_process(row)?;
        for rev in &revisions[shared..] {
            t.insert_revision(rev)?;
            done.revisions += 1;
        }
        if stored.is_none() {
            done.added.push(id);
        } else {
            done.updated.push(id);
        }
    }
    Ok(done)
}

/// Two stored revisions are the same save (times compared as times: the two backends
/// write the same instant in the same text, but a file edited by hand may not).
fn same_revision(a: &revision::Full, b: &revision::Full) -> bool {
    a.number == b.number
        && same_time(&a.created_at, &b.created_at)
        && a.summary == b.summary
        && a.document == b.document
        && a.author == b.author
        && a.reviewed_on == b.reviewed_on
}

fn same_row(a: &process::Row, b: &process::Row) -> bool {
    a.head == b.head
        && a.document == b.document
        && same_time(&a.updated_at, &b.updated_at)
        && match (&a.deleted_at, &b.deleted_at) {
            (None, None) => true,
            (Some(x), Some(y)) => same_time(x, y),
            _ => false,
        }
}

fn same_time(a: &str, b: &str) -> bool {
    match (parse_time(a), parse_time(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}
