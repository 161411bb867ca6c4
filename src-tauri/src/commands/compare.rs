//! The compare view and making a to-be map from an as-is map.

use handoff_api::compare::{self, Comparison, MapRef};
use handoff_api::ApiResult;
use handoff_core::ProcessId;
use handoff_store::Saved;

use super::Api;

#[tauri::command]
#[specta::specta]
pub fn compare_maps(api: Api<'_>, before: MapRef, after: MapRef) -> ApiResult<Comparison> {
    compare::compare_maps(&api, &before, &after)
}

#[tauri::command]
#[specta::specta]
pub fn derive_to_be(api: Api<'_>, id: ProcessId) -> ApiResult<Saved> {
    compare::derive_to_be(&api, &id)
}
