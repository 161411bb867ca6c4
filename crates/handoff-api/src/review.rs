//! Keeping processes alive: recording a review and the list of reviews due.

use handoff_core::ProcessId;
use handoff_store::{Reviews, Saved};

use crate::ctx::Ctx;
use crate::error::ApiResult;

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
