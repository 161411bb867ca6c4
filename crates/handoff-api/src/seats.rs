//! The library's seats: list, add or edit, delete, merge, where each is used, and finding
//! one by the name a person types.

use handoff_core::vacancy::SeatChange;
use handoff_core::{Seat, SeatId};
use handoff_store::SeatUse;

use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult, ErrorCode};

/// Every seat in the library.
///
/// # Errors
/// The store's read errors.
pub fn list(ctx: &Ctx) -> ApiResult<Vec<Seat>> {
    ctx.with(|lib| lib.seats())
}

/// Adds the seat, or updates the one with its id (name, kind, holder).
///
/// # Errors
/// The store's write errors.
pub fn put(ctx: &Ctx, seat: &Seat) -> ApiResult<()> {
    ctx.with(|lib| lib.put_seat(seat))
}

/// Deletes a seat no process uses; a used seat must be merged instead.
///
/// # Errors
/// [`ErrorCode::Invalid`] when processes still use it; `NotFound`.
pub fn delete(ctx: &Ctx, id: &SeatId) -> ApiResult<()> {
    ctx.with(|lib| lib.delete_seat(id))
}

/// Folds `absorbed` into `kept` everywhere; returns how many processes changed.
///
/// # Errors
/// [`ErrorCode::Invalid`] when both are the same seat; `NotFound`; write errors.
pub fn merge(ctx: &Ctx, kept: &SeatId, absorbed: &SeatId) -> ApiResult<u32> {
    let now = ctx.now();
    ctx.with(|lib| lib.merge_seats(kept, absorbed, now).map(|v| v.len() as u32))
}

/// Where the seat is used: lanes, ownership and RACI, per process.
///
/// # Errors
/// The store's read errors.
pub fn usage(ctx: &Ctx, id: &SeatId) -> ApiResult<Vec<SeatUse>> {
    ctx.with(|lib| lib.seat_usage(id))
}

/// The seat change drill for a seat: every step, Accountable and handoff it holds across
/// the library, and the findings each process would get with the seat empty.
///
/// # Errors
/// [`ErrorCode::NotFound`] when no process mentions the seat; the store's read errors.
pub fn drill(ctx: &Ctx, id: &SeatId) -> ApiResult<SeatChange> {
    let today = ctx.today();
    let (docs, rules) =
        ctx.with_api(|lib| Ok((crate::export::library_docs(lib, today)?, lib.rules()?)))?;
    if !docs
        .iter()
        .any(|d| handoff_core::vacancy::takes_part(d, id))
    {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!("no process in the library mentions the seat \"{id}\""),
        ));
    }
    Ok(handoff_core::vacancy::drill(&docs, id, today, &rules))
}

/// The seat with this id, or else with this name (any case, surrounding spaces ignored).
///
/// # Errors
/// [`ErrorCode::NotFound`] naming the library's seats when none matches.
pub fn find(ctx: &Ctx, name_or_id: &str) -> ApiResult<Seat> {
    let seats = list(ctx)?;
    let wanted = name_or_id.trim();
    let found = seats.iter().find(|s| s.id.as_str() == wanted).or_else(|| {
        seats
            .iter()
            .find(|s| s.name.trim().eq_ignore_ascii_case(wanted))
    });
    found.cloned().ok_or_else(|| {
        let names: Vec<&str> = seats.iter().map(|s| s.name.as_str()).collect();
        ApiError::new(
            ErrorCode::NotFound,
            format!(
                "no seat \"{wanted}\" in the library (its seats: {})",
                names.join(", ")
            ),
        )
    })
}
