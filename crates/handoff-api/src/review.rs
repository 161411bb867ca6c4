//! Keeping processes alive: recording a review and the list of reviews due.

use chrono::NaiveDate;
use handoff_core::review::ReviewStatus;
use handoff_core::ProcessId;
use handoff_store::{Reviews, Saved};
use serde::Serialize;

use crate::ctx::Ctx;
use crate::error::ApiResult;

/// A review recorded, and what it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recorded {
    pub id: ProcessId,
    pub name: String,
    pub reviewed_on: NaiveDate,
    /// The revision that holds the review.
    pub revision: u32,
    /// When the next review is due, from the process's cadence.
    pub next_due: Option<NaiveDate>,
}

/// Records a review today of the process with this id, or else this name (any case), and
/// says when the next one is due.
///
/// # Errors
/// `NotFound` naming the library's processes when none matches; the store's write errors.
pub fn record(ctx: &Ctx, name_or_id: &str) -> ApiResult<Recorded> {
    let process = crate::survey::find_process(ctx, name_or_id)?;
    let saved = mark_reviewed(ctx, &process.id)?;
    let after = crate::survey::find_process(ctx, process.id.as_str())?;
    let next_due = match after.review {
        ReviewStatus::NeverReviewed => None,
        ReviewStatus::Current { due }
        | ReviewStatus::Upcoming { due }
        | ReviewStatus::Overdue { due } => Some(due),
    };
    Ok(Recorded {
        id: process.id,
        name: process.name,
        reviewed_on: ctx.today(),
        revision: saved.revision,
        next_due,
    })
}

/// Records a review today (a new revision).
///
/// # Errors
/// `NotFound` for an unknown process; the store's write errors.
pub fn mark_reviewed(ctx: &Ctx, id: &ProcessId) -> ApiResult<Saved> {
    let (today, now) = (ctx.today(), ctx.now());
    ctx.with(|lib| lib.mark_reviewed(id, today, now))
}

/// Overdue, upcoming (next 30 days) and never-reviewed processes as of today.
///
/// # Errors
/// The store's read errors.
pub fn reviews(ctx: &Ctx) -> ApiResult<Reviews> {
    let today = ctx.today();
    ctx.with(|lib| lib.reviews(today))
}
