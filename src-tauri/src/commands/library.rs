//! The library file: which one is open, and choosing another.

use std::path::PathBuf;

use handoff_store::ProcessSummary;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::CmdResult;
use crate::state::{self, AppState, LibraryInfo};

/// The open library's file, or why none is open.
#[tauri::command]
#[specta::specta]
pub fn library_info(state: State<'_, AppState>) -> LibraryInfo {
    state.info()
}

/// Lets the user pick (or name a new) library file, opens it and remembers the choice.
/// Returns `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn choose_library(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<LibraryInfo>> {
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
    let info = state.open(&path);
    if info.error.is_none() {
        if let Some(settings) = settings_file(&app) {
            state::remember_choice(&settings, &path)?;
        }
    }
    Ok(Some(info))
}

/// Every process that is not deleted, with owner, state, problem counts and review status.
#[tauri::command]
#[specta::specta]
pub fn list_processes(state: State<'_, AppState>) -> CmdResult<Vec<ProcessSummary>> {
    state.with(|lib| lib.processes(state::today()))
}

/// Where the app remembers the library the user chose.
pub fn settings_file(app: &AppHandle) -> Option<PathBuf> {
    app.path()
        .app_config_dir()
        .ok()
        .map(|d| d.join("settings.json"))
}
