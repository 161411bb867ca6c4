//! The library's seats: list, add or edit, delete, merge, where each is used, and the seat
//! change drill.

use handoff_api::{seats, ApiResult};
use handoff_core::vacancy::SeatChange;
use handoff_core::{Seat, SeatId};
use handoff_store::SeatUse;

use super::Api;

#[tauri::command]
#[specta::specta]
pub fn list_seats(api: Api<'_>) -> ApiResult<Vec<Seat>> {
    seats::list(&api)
}

#[tauri::command]
#[specta::specta]
pub fn put_seat(api: Api<'_>, seat: Seat) -> ApiResult<()> {
    seats::put(&api, &seat)
}

#[tauri::command]
#[specta::specta]
pub fn delete_seat(api: Api<'_>, id: SeatId) -> ApiResult<()> {
    seats::delete(&api, &id)
}

#[tauri::command]
#[specta::specta]
pub fn merge_seats(api: Api<'_>, kept: SeatId, absorbed: SeatId) -> ApiResult<u32> {
    seats::merge(&api, &kept, &absorbed)
}

#[tauri::command]
#[specta::specta]
pub fn seat_usage(api: Api<'_>, id: SeatId) -> ApiResult<Vec<SeatUse>> {
    seats::usage(&api, &id)
}

/// The seat change drill: what the seat holds across the library and what becomes ownerless
/// while it is empty.
#[tauri::command]
#[specta::specta]
pub async fn seat_drill(api: Api<'_>, id: SeatId) -> ApiResult<SeatChange> {
    super::blocking(&api, move |ctx| seats::drill(ctx, &id)).await
}
