//! `*.handoff.json` files into the library. Imports of several files run off the UI thread
//! and report progress as [`Progress`] events. (Maps go out through the export dialog's
//! `ExportJob::Map`.)

use std::path::PathBuf;

use handoff_store::{ImportMode, Imported};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_specta::Event;

use crate::error::{AppError, CmdResult, ErrorCode};
use crate::events::Progress;
use crate::state::{self, lock, AppState};

/// Asks the user for files to import; empty when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn pick_import_files(app: AppHandle) -> Vec<String> {
    app.dialog()
        .file()
        .set_title("Import Handoff maps")
        .add_filter("Handoff map", &["json"])
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
        .collect()
}

/// Imports each file as a process (a file whose process id exists gets a fresh id, so
/// nothing is overwritten). Stops at the first bad file, naming it; files before it stay
/// imported. Emits `Progress { task: "import" }` after each file.
#[tauri::command]
#[specta::specta]
pub async fn import_files(
    app: AppHandle,
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> CmdResult<Vec<Imported>> {
    let library = state.library.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let total = paths.len() as u32;
        let mut out = Vec::with_capacity(paths.len());
        for (i, path) in paths.iter().enumerate() {
            let _ = Progress {
                task: "import".into(),
                done: i as u32,
                total,
                detail: path.clone(),
            }
            .emit(&app);
            let mut guard = lock(&library);
            let lib = guard
                .as_mut()
                .ok_or_else(|| AppError::new(ErrorCode::Library, "no library is open"))?;
            out.push(lib.import_file(&PathBuf::from(path), ImportMode::FreshId, state::now())?);
        }
        let _ = Progress {
            task: "import".into(),
            done: total,
            total,
            detail: String::new(),
        }
        .emit(&app);
        Ok(out)
    })
    .await
    .map_err(|e| AppError::new(ErrorCode::Io, format!("the import stopped: {e}")))?
}
