//! One process: open, save (each save a revision), history, review, and the library
//! screen's actions on it.

use handoff_api::{editing, review, ApiResult};
use handoff_core::{Document, ProcessId};
use handoff_store::{RevisionInfo, Saved};

use super::Api;

#[tauri::command]
#[specta::specta]
pub fn load_process(api: Api<'_>, id: ProcessId) -> ApiResult<Document> {
    editing::load(&api, &id)
}

#[tauri::command]
#[specta::specta]
pub fn save_process(api: Api<'_>, doc: Document) -> ApiResult<Saved> {
    editing::save(&api, &doc)
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

#[tauri::command]
#[specta::specta]
pub fn restore_revision(api: Api<'_>, id: ProcessId, number: u32) -> ApiResult<Document> {
    editing::restore_revision(&api, &id, number)
}
