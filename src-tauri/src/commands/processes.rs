//! One process: open, save (each save a revision), history, review, and the library
//! screen's actions on it.

use handoff_api::editing::{self, Opened};
use handoff_api::{review, ApiResult};
use handoff_core::{Document, ProcessId};
use handoff_store::{RevisionInfo, Saved};

use super::Api;

#[tauri::command]
#[specta::specta]
pub fn open_process(api: Api<'_>, id: ProcessId) -> ApiResult<Opened> {
    editing::open(&api, &id)
}

/// Saves on top of revision `base`; a newer revision saved by someone else is a conflict.
#[tauri::command]
#[specta::specta]
pub fn save_process(api: Api<'_>, doc: Document, base: Option<u32>) -> ApiResult<Saved> {
    editing::save(&api, &doc, base)
}

#[tauri::command]
#[specta::specta]
pub fn create_process(api: Api<'_>, name: String) -> ApiResult<Saved> {
    editing::create(&api, &name)
}

#[tauri::command]
#[specta::specta]
pub fn create_from_template(api: Api<'_>, file_name: String) -> ApiResult<Saved> {
    editing::create_from_template(&api, &file_name)
}

#[tauri::command]
#[specta::specta]
pub fn duplicate_process(api: Api<'_>, id: ProcessId) -> ApiResult<Saved> {
    editing::duplicate(&api, &id)
}

#[tauri::command]
#[specta::specta]
pub fn rename_process(api: Api<'_>, id: ProcessId, name: String) -> ApiResult<Saved> {
    editing::rename(&api, &id, &name)
}

#[tauri::command]
#[specta::specta]
pub fn delete_process(api: Api<'_>, id: ProcessId) -> ApiResult<()> {
    editing::delete(&api, &id)
}

#[tauri::command]
#[specta::specta]
pub fn undelete_process(api: Api<'_>, id: ProcessId) -> ApiResult<()> {
    editing::undelete(&api, &id)
}

#[tauri::command]
#[specta::specta]
pub fn mark_reviewed(api: Api<'_>, id: ProcessId) -> ApiResult<Saved> {
    review::mark_reviewed(&api, &id)
}

#[tauri::command]
#[specta::specta]
pub fn list_revisions(api: Api<'_>, id: ProcessId) -> ApiResult<Vec<RevisionInfo>> {
    editing::revisions(&api, &id)
}

/// An old revision, which the editor restores as an edit of its own (saved like any other).
#[tauri::command]
#[specta::specta]
pub fn load_revision(api: Api<'_>, id: ProcessId, number: u32) -> ApiResult<Document> {
    editing::load_revision(&api, &id, number)
}
