//! The library's seats: list, add or edit, delete, merge, and where each is used.

use handoff_core::{Seat, SeatId};
use handoff_store::SeatUse;
use tauri::State;

use crate::error::CmdResult;
use crate::state::{self, AppState};

#[tauri::command]
#[specta::specta]
pub fn list_seats(state: State<'_, AppState>) -> CmdResult<Vec<Seat>> {
    state.with(|lib| lib.seats())
}

/// Adds the seat, or updates the one with its id (name, kind, holder).
#[tauri::command]
#[specta::specta]
pub fn put_seat(state: State<'_, AppState>, seat: Seat) -> CmdResult<()> {
    state.with(|lib| lib.put_seat(&seat))
}

/// Deletes a seat no process uses; a used seat must be merged instead.
#[tauri::command]
#[specta::specta]
pub fn delete_seat(state: State<'_, AppState>, id: SeatId) -> CmdResult<()> {
    state.with(|lib| lib.delete_seat(&id))
}

/// Folds `absorbed` into `kept` everywhere; returns how many processes changed.
#[tauri::command]
#[specta::specta]
pub fn merge_seats(state: State<'_, AppState>, kept: SeatId, absorbed: SeatId) -> CmdResult<u32> {
    state.with(|lib| {
        lib.merge_seats(&kept, &absorbed, state::now())
            .map(|v| v.len() as u32)
    })
}

#[tauri::command]
#[specta::specta]
pub fn seat_usage(state: State<'_, AppState>, id: SeatId) -> CmdResult<Vec<SeatUse>> {
    state.with(|lib| lib.seat_usage(&id))
}
