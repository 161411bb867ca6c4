//! The export dialog: the document is made and written by `handoff_api::export`; the shell
//! adds the native save dialog and opening or revealing the written file.

use std::path::PathBuf;

use handoff_api::export::{self, ExportJob, Exported};
use handoff_api::files::Replace;
use handoff_api::{ApiError, ApiResult, ErrorCode, Progress};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use super::{blocking, reporter, Api};

/// Makes the document for `job` off the UI thread and writes it to `path`; an existing file
/// is replaced only when `replace` says the user confirmed it.
#[tauri::command]
#[specta::specta]
pub async fn export_file(
    api: Api<'_>,
    job: ExportJob,
    path: String,
    replace: bool,
    on_progress: Channel<Progress>,
) -> ApiResult<Exported> {
    let replace = if replace { Replace::Yes } else { Replace::No };
    blocking(&api, move |ctx| {
        export::export_file(ctx, &job, path.as_ref(), replace, &reporter(on_progress))
    })
    .await
}

/// Where an export is saved unless the user picks another place: in the user's Documents
/// folder, or the home folder when there is none.
#[tauri::command]
#[specta::specta]
pub fn default_export_path(app: AppHandle, file_name: String) -> String {
    let paths = app.path();
    let folder = paths
        .document_dir()
        .ok()
        .filter(|d| d.is_dir())
        .or_else(|| paths.home_dir().ok())
        .unwrap_or_default();
    export::default_path(&folder, &file_name)
        .display()
        .to_string()
}

/// Asks where to save an export of type `extension`; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn pick_save_path(
    app: AppHandle,
    suggested: String,
    extension: String,
) -> Option<String> {
    let p = PathBuf::from(&suggested);
    let name = p
        .file_name()
        .map_or_else(|| suggested.clone(), |n| n.to_string_lossy().into_owned());
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Export")
        .add_filter(extension.to_uppercase(), &[extension.as_str()])
        .set_file_name(name);
    if let Some(dir) = p.parent().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    dialog
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}

/// Opens a file this session exported in the program the system uses for it.
#[tauri::command]
#[specta::specta]
pub fn open_exported(api: Api<'_>, path: String) -> ApiResult<()> {
    let file = export::exported_file(&api, path.as_ref())?;
    tauri_plugin_opener::open_path(&file, None::<&str>)
        .map_err(|e| ApiError::new(ErrorCode::Io, format!("{path}: {e}")))
}

/// Shows a file this session exported in the system's file manager.
#[tauri::command]
#[specta::specta]
pub fn reveal_exported(api: Api<'_>, path: String) -> ApiResult<()> {
    let file = export::exported_file(&api, path.as_ref())?;
    tauri_plugin_opener::reveal_item_in_dir(&file)
        .map_err(|e| ApiError::new(ErrorCode::Io, format!("{path}: {e}")))
}
