//! The export dialog: SOP and seat-handout PDFs, the RACI matrix (XLSX, CSV, PDF), BPMN and
//! the improvement backlog of a comparison (CSV or PDF). The documents come from `handoff-docs`,
//! `handoff-bpmn` and `handoff_core::diff`; this module reads the library, runs the writer
//! off the UI thread with [`Progress`] events, writes the file and opens or reveals it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use handoff_core::{Document, ProcessId, SeatId};
use handoff_docs::{RaciMatrix, RevisionNote, SopOptions};
use handoff_store::Library;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_specta::Event;

use super::compare::{load_ref, MapRef};
use crate::error::{AppError, CmdResult, ErrorCode};
use crate::events::Progress;
use crate::state::{self, lock, AppState};

/// The RACI matrix's file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum RaciFormat {
    Xlsx,
    Csv,
    Pdf,
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ExportJob {
    /// The standard operating procedure of one process, as a PDF.
    Sop { process: ProcessId },
    /// One seat's onboarding handout across every process in the library, as a PDF.
    Handout { seat: SeatId },
    /// The RACI matrix of one process.
    Raci {
        process: ProcessId,
        format: RaciFormat,
    },
    /// One process as BPMN 2.0 XML with diagram layout.
    Bpmn { process: ProcessId },
    /// One process as a Handoff map file (`*.handoff.json`), to share or to import into
    /// another library.
    Map { process: ProcessId },
    /// The differences between two maps, one row per difference, as CSV.
    BacklogCsv { before: MapRef, after: MapRef },
    /// The differences, the metric deltas and both maps, as a PDF.
    BacklogPdf { before: MapRef, after: MapRef },
}

impl ExportJob {
    /// The file extension the job writes.
    pub fn extension(&self) -> &'static str {
        match self {
            ExportJob::Sop { .. } | ExportJob::Handout { .. } | ExportJob::BacklogPdf { .. } => {
                "pdf"
            }
            ExportJob::Raci {
                format: RaciFormat::Xlsx,
                ..
            } => "xlsx",
            ExportJob::Raci {
                format: RaciFormat::Csv,
                ..
            }
            | ExportJob::BacklogCsv { .. } => "csv",
            ExportJob::Raci {
                format: RaciFormat::Pdf,
                ..
            } => "pdf",
            ExportJob::Bpmn { .. } => "bpmn",
            ExportJob::Map { .. } => "handoff.json",
        }
    }
}

/// A finished export.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub path: String,
    pub bytes: u32,
    /// What the reader should know (a character the PDF font could not print, ...).
    pub warnings: Vec<String>,
}

/// What a job needs from the library, read while holding its lock (rendering happens after
/// the lock is released, so a long export never blocks the editor's saves).
enum Input {
    Sop(Box<Document>, SopOptions),
    Handout(Vec<Document>, SeatId),
    Raci(Box<Document>, RaciFormat),
    Bpmn(Box<Document>),
    Map(Box<Document>),
    Backlog(Box<Document>, Box<Document>, BacklogFormat),
}

#[derive(Debug, Clone, Copy)]
enum BacklogFormat {
    Csv,
    Pdf,
}

fn read_input(lib: &Library, job: &ExportJob, today: NaiveDate) -> CmdResult<Input> {
    Ok(match job {
        ExportJob::Sop { process } => {
            let doc = lib.load(process)?;
            let revisions = lib.revisions(process)?;
            let opts = SopOptions {
                date: today,
                revision: revisions.first().map(|r| r.number),
                history: revisions
                    .into_iter()
                    .map(|r| RevisionNote {
                        revision: r.number,
                        date: r.created_at.date_naive(),
                        summary: r.summary,
                    })
                    .collect(),
                rules: lib.rules()?,
            };
            Input::Sop(Box::new(doc), opts)
        }
        ExportJob::Handout { seat } => {
            let mut docs = Vec::new();
            for p in lib.processes(today)? {
                docs.push(lib.load(&p.id)?);
            }
            Input::Handout(docs, seat.clone())
        }
        ExportJob::Raci { process, format } => Input::Raci(Box::new(lib.load(process)?), *format),
        ExportJob::Bpmn { process } => Input::Bpmn(Box::new(lib.load(process)?)),
        ExportJob::Map { process } => Input::Map(Box::new(lib.export_document(process)?)),
        ExportJob::BacklogCsv { before, after } => Input::Backlog(
            Box::new(load_ref(lib, before)?),
            Box::new(load_ref(lib, after)?),
            BacklogFormat::Csv,
        ),
        ExportJob::BacklogPdf { before, after } => Input::Backlog(
            Box::new(load_ref(lib, before)?),
            Box::new(load_ref(lib, after)?),
            BacklogFormat::Pdf,
        ),
    })
}

/// The file's bytes and warnings. Pure: the same input and date give the same bytes.
fn render(input: Input, today: NaiveDate) -> CmdResult<(Vec<u8>, Vec<String>)> {
    Ok(match input {
        Input::Sop(doc, opts) => {
            let r = handoff_docs::sop(&doc, &opts);
            (r.pdf, r.warnings)
        }
        Input::Handout(docs, seat) => {
            let r = handoff_docs::handout(&docs, &seat, today)
                .map_err(|e| AppError::new(ErrorCode::NotFound, e.to_string()))?;
            (r.pdf, r.warnings)
        }
        Input::Raci(doc, format) => {
            let m = RaciMatrix::new(&doc);
            match format {
                RaciFormat::Csv => (handoff_docs::raci::to_csv(&m), Vec::new()),
                RaciFormat::Xlsx => (
                    handoff_docs::raci::to_xlsx(&m, today)
                        .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?,
                    Vec::new(),
                ),
                RaciFormat::Pdf => {
                    let r = handoff_docs::raci::to_pdf(&m, today);
                    (r.pdf, r.warnings)
                }
            }
        }
        Input::Bpmn(doc) => (handoff_bpmn::export(&doc).into_bytes(), Vec::new()),
        Input::Map(doc) => (handoff_core::file::to_json(&doc).into_bytes(), Vec::new()),
        Input::Backlog(before, after, format) => {
            let d = handoff_core::diff::diff(&before, &after);
            match format {
                BacklogFormat::Csv => (handoff_core::diff::to_csv(&d).into_bytes(), Vec::new()),
                BacklogFormat::Pdf => {
                    let r = handoff_docs::backlog::to_pdf(&before, &after, &d, today);
                    (r.pdf, r.warnings)
                }
            }
        }
    })
}

/// Writes `bytes` beside `path` and renames the file over it, so a failed export never
/// leaves half a file where the user expects their document.
fn write_file(path: &Path, bytes: &[u8]) -> CmdResult<()> {
    let named =
        |e: std::io::Error| AppError::new(ErrorCode::Io, format!("{}: {e}", path.display()));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(named)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(named)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        named(e)
    })
}

/// Runs the export off the UI thread and writes the file to `path`. Emits
/// `Progress { task: "export" }` as it reads, renders and writes.
#[tauri::command]
#[specta::specta]
pub async fn export_file(
    app: AppHandle,
    state: State<'_, AppState>,
    job: ExportJob,
    path: String,
) -> CmdResult<Exported> {
    if path.trim().is_empty() {
        return Err(AppError::new(
            ErrorCode::Invalid,
            "choose where to save the file",
        ));
    }
    let library = state.library.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let progress = |done, detail: &str| {
            let _ = Progress {
                task: "export".into(),
                done,
                total: 3,
                detail: detail.into(),
            }
            .emit(&app);
        };
        let today = state::today();
        progress(0, "Reading the library");
        let input = {
            let guard = lock(&library);
            let lib = guard
                .as_ref()
                .ok_or_else(|| AppError::new(ErrorCode::Library, "no library is open"))?;
            read_input(lib, &job, today)?
        };
        progress(1, "Writing the document");
        let (bytes, warnings) = render(input, today)?;
        progress(2, "Saving the file");
        let target = PathBuf::from(&path);
        write_file(&target, &bytes)?;
        progress(3, "");
        Ok(Exported {
            path,
            bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            warnings,
        })
    })
    .await
    .map_err(|e| AppError::new(ErrorCode::Io, format!("the export stopped: {e}")))?
}

/// Where an export is saved unless the user picks another place: `file_name` (made safe for
/// a file system) in the user's Documents folder, or the home folder when there is none.
#[tauri::command]
#[specta::specta]
pub fn default_export_path(app: AppHandle, file_name: String) -> String {
    let dir = app
        .path()
        .document_dir()
        .ok()
        .filter(|d| d.is_dir())
        .or_else(|| app.path().home_dir().ok())
        .unwrap_or_default();
    dir.join(safe_file_name(&file_name)).display().to_string()
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
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Export")
        .add_filter(extension.to_uppercase(), &[extension.as_str()])
        .set_file_name(
            p.file_name()
                .map_or_else(|| suggested.clone(), |n| n.to_string_lossy().into_owned()),
        );
    if let Some(dir) = p.parent().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    dialog
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}

/// Opens an exported file in the program the system uses for it.
#[tauri::command]
#[specta::specta]
pub fn open_exported(path: String) -> CmdResult<()> {
    tauri_plugin_opener::open_path(&path, None::<&str>)
        .map_err(|e| AppError::new(ErrorCode::Io, format!("{path}: {e}")))
}

/// Shows an exported file in the system's file manager.
#[tauri::command]
#[specta::specta]
pub fn reveal_exported(path: String) -> CmdResult<()> {
    tauri_plugin_opener::reveal_item_in_dir(&path)
        .map_err(|e| AppError::new(ErrorCode::Io, format!("{path}: {e}")))
}

/// A file name with the characters file systems refuse replaced by "-".
fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches(['.', ' ']).to_owned();
    if cleaned.is_empty() {
        "export".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use handoff_core::build::generate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).expect("a date")
    }

    #[test]
    fn file_names_lose_path_separators() {
        assert_eq!(
            safe_file_name("Sales / Finance: SOP.pdf"),
            "Sales - Finance- SOP.pdf"
        );
        assert_eq!(safe_file_name(" .. "), "export");
    }

    #[test]
    fn each_job_writes_its_format() {
        let doc = generate(8, 3);
        let (pdf, _) = render(
            Input::Sop(Box::new(doc.clone()), SopOptions::new(today())),
            today(),
        )
        .expect("sop");
        assert!(pdf.starts_with(b"%PDF"));
        let (xlsx, _) = render(
            Input::Raci(Box::new(doc.clone()), RaciFormat::Xlsx),
            today(),
        )
        .expect("xlsx");
        assert!(xlsx.starts_with(b"PK"), "an XLSX is a zip");
        let (csv, _) =
            render(Input::Raci(Box::new(doc.clone()), RaciFormat::Csv), today()).expect("csv");
        assert!(String::from_utf8(csv).expect("utf-8").contains("Step"));
        let (bpmn, _) = render(Input::Bpmn(Box::new(doc.clone())), today()).expect("bpmn");
        assert!(String::from_utf8(bpmn)
            .expect("utf-8")
            .contains("definitions"));
        let (map, _) = render(Input::Map(Box::new(doc.clone())), today()).expect("map");
        assert_eq!(
            handoff_core::parse_document(&map).expect("a Handoff map reads back"),
            doc,
            "the exported map is the same map"
        );
        let mut after = doc.clone();
        after.process.nodes.remove(1);
        let (backlog, _) = render(
            Input::Backlog(
                Box::new(doc.clone()),
                Box::new(after.clone()),
                BacklogFormat::Csv,
            ),
            today(),
        )
        .expect("backlog");
        assert!(String::from_utf8(backlog)
            .expect("utf-8")
            .contains("removed"));
        let (pdf, _) = render(
            Input::Backlog(Box::new(doc), Box::new(after), BacklogFormat::Pdf),
            today(),
        )
        .expect("backlog pdf");
        assert!(pdf.starts_with(b"%PDF"));
    }

    #[test]
    fn a_handout_for_an_unknown_seat_is_not_found() {
        let err = render(
            Input::Handout(vec![generate(3, 1)], SeatId::from("nobody")),
            today(),
        )
        .expect_err("unknown seat");
        assert_eq!(err.code, ErrorCode::NotFound);
    }

    #[test]
    fn the_file_appears_whole() {
        let dir = std::env::temp_dir().join(format!("handoff-export-test-{}", std::process::id()));
        let path = dir.join("sub").join("out.csv");
        write_file(&path, b"a,b\r\n").expect("written");
        assert_eq!(std::fs::read(&path).expect("read"), b"a,b\r\n");
        assert!(!dir.join("sub").join("out.csv.part").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
