//! The library file: which one is open, choosing another, and its processes.

use handoff_api::library::{self, LibraryInfo, Open};
use handoff_api::{settings, ApiResult};
use handoff_store::ProcessSummary;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use super::Api;
use crate::clock::settings_file;

#[tauri::command]
#[specta::specta]
pub fn library_info(api: Api<'_>) -> LibraryInfo {
    library::info(&api)
}

/// Lets the user pick (or name a new) library file, opens it and remembers the choice.
/// `None` when the user cancels; a library that cannot be opened is reported in the info.
#[tauri::command]
#[specta::specta]
pub async fn choose_library(app: AppHandle, api: Api<'_>) -> ApiResult<Option<LibraryInfo>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Open or create a Handoff library")
        .add_filter("Handoff library", &["handoff-db"])
        .set_file_name(handoff_store::DEFAULT_FILE_NAME)
        .blocking_save_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    if library::open(&api, &path, Open::CreateAndSeed).is_ok() {
        if let Some(file) = settings_file(&app) {
            settings::remember_library(&file, &path)?;
        }
    }
    Ok(Some(library::info(&api)))
}

#[tauri::command]
#[specta::specta]
pub fn list_processes(api: Api<'_>) -> ApiResult<Vec<ProcessSummary>> {
    library::list_processes(&api)
}
