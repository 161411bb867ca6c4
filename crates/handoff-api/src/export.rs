//! Documents out of the library or out of map files: the SOP and the seat handout (PDF or
//! Markdown), the RACI matrix (XLSX, CSV, PDF), BPMN, the Handoff map file, an agent seat's
//! runbook and the improvement backlog of a comparison (CSV or PDF). One renderer
//! ([`render`]) and one writer serve the app's export dialog, the CLI's `sop`, `handout`,
//! `raci`, `runbook`, `convert` and `diff`, and the MCP server, so all give the same bytes
//! for the same input and date.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use handoff_core::vacancy::SeatChange;
use handoff_core::{Document, ProcessId, SeatId};
use handoff_docs::{
    HandoutError, OpenFindings, RaciMatrix, RevisionNote, RunbookError, SopOptions,
};
use handoff_store::Library;
use serde::{Deserialize, Serialize};

use crate::compare::{load_ref, MapRef};
use crate::ctx::{Ctx, Progress};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::files::{write_atomic, Expected, Replace, WriteError, WriteReason};
use crate::maps::{has_extension, Warned};

/// The RACI matrix's file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RaciFormat {
    Xlsx,
    Csv,
    Pdf,
}

/// The improvement backlog's file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BacklogFormat {
    Csv,
    Pdf,
}

/// An agent seat's runbook's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RunbookFormat {
    /// Markdown, to paste into an agent's instructions.
    Markdown,
    /// JSON in the shape of `docs/runbook.schema.json`.
    Json,
}

/// The runbook format OUT's extension names (`.md` or `.json`).
///
/// # Errors
/// [`WriteReason::UnknownFormat`] naming the path for any other extension.
pub fn runbook_format(path: &Path) -> Result<RunbookFormat, WriteError> {
    if has_extension(path, "md") {
        Ok(RunbookFormat::Markdown)
    } else if has_extension(path, "json") {
        Ok(RunbookFormat::Json)
    } else {
        Err(unknown_format(path, &["md", "json"]))
    }
}

/// The formats of the SOP and of the seat handout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    /// A PDF to print or hand out.
    Pdf,
    /// Markdown, for assistants, wikis and anywhere text beats a page.
    Markdown,
}

/// The SOP or handout format OUT's extension names (`.pdf` or `.md`).
///
/// # Errors
/// [`WriteReason::UnknownFormat`] naming the path for any other extension.
pub fn document_format(path: &Path) -> Result<DocumentFormat, WriteError> {
    if has_extension(path, "pdf") {
        Ok(DocumentFormat::Pdf)
    } else if has_extension(path, "md") {
        Ok(DocumentFormat::Markdown)
    } else {
        Err(unknown_format(path, &["pdf", "md"]))
    }
}

/// The formats one map can be converted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapFormat {
    /// BPMN 2.0 XML with diagram layout.
    Bpmn,
    /// A Handoff map, `*.handoff.json`.
    Handoff,
}

/// The RACI format OUT's extension names.
///
/// # Errors
/// [`WriteReason::UnknownFormat`] naming the path for any other extension.
pub fn raci_format(path: &Path) -> Result<RaciFormat, WriteError> {
    [
        ("xlsx", RaciFormat::Xlsx),
        ("csv", RaciFormat::Csv),
        ("pdf", RaciFormat::Pdf),
    ]
    .into_iter()
    .find(|(ext, _)| has_extension(path, ext))
    .map(|(_, f)| f)
    .ok_or_else(|| unknown_format(path, &["xlsx", "csv", "pdf"]))
}

/// The map format OUT's extension names (`.bpmn`, or `.json` for a Handoff map).
///
/// # Errors
/// [`WriteReason::UnknownFormat`] naming the path for any other extension.
pub fn map_format(path: &Path) -> Result<MapFormat, WriteError> {
    if has_extension(path, "bpmn") {
        Ok(MapFormat::Bpmn)
    } else if has_extension(path, "json") {
        Ok(MapFormat::Handoff)
    } else {
        Err(unknown_format(path, &["bpmn", "handoff.json"]))
    }
}

fn unknown_format(path: &Path, expected: &'static [&'static str]) -> WriteError {
    WriteError {
        path: path.to_owned(),
        reason: WriteReason::UnknownFormat(Expected(expected)),
    }
}

/// A document to render, with everything it is made from.
#[derive(Debug, Clone)]
pub enum Rendering {
    /// The standard operating procedure of one map, as a PDF.
    Sop(Box<Document>, SopOptions),
    /// One seat's onboarding handout across these maps, as a PDF.
    Handout(Vec<Document>, SeatId),
    /// The RACI matrix of one map.
    Raci(Box<Document>, RaciFormat),
    /// One map in another format.
    Map(Box<Document>, MapFormat),
    /// The differences between two maps (before, after).
    Backlog(Box<Document>, Box<Document>, BacklogFormat),
    /// An agent seat's runbook across these maps.
    Runbook(Vec<Document>, SeatId, RunbookFormat),
    /// The successor's handover pack for a seat: its handout, the drill, the open findings.
    HandoverPack(Vec<Document>, SeatId, Box<SeatChange>, Vec<OpenFindings>),
    /// The standard operating procedure of one map, as Markdown.
    SopMarkdown(Box<Document>, SopOptions),
    /// One seat's onboarding handout across these maps, as Markdown.
    HandoutMarkdown(Vec<Document>, SeatId),
}

impl Rendering {
    /// The SOP of `doc` in `format`.
    pub fn sop(doc: Document, opts: SopOptions, format: DocumentFormat) -> Rendering {
        match format {
            DocumentFormat::Pdf => Rendering::Sop(Box::new(doc), opts),
            DocumentFormat::Markdown => Rendering::SopMarkdown(Box::new(doc), opts),
        }
    }
}

/// The file's bytes and warnings (a character the PDF font could not print, ...). Pure:
/// the same rendering and date give the same bytes.
///
/// # Errors
/// [`ErrorCode::NotFound`] for a handout of a seat that takes part in none of the maps;
/// [`ErrorCode::Io`] when the workbook writer fails.
pub fn render(what: Rendering, today: NaiveDate) -> ApiResult<Warned<Vec<u8>>> {
    let pdf = |r: handoff_docs::Rendered| Warned {
        output: r.pdf,
        warnings: r.warnings,
    };
    Ok(match what {
        Rendering::Sop(doc, opts) => pdf(handoff_docs::sop(&doc, &opts)),
        Rendering::Handout(docs, seat) => pdf(handoff_docs::handout(&docs, &seat, today)
            .map_err(|e| handout_error(&docs, &seat, e))?),
        Rendering::HandoutMarkdown(docs, seat) => Warned::clean(
            handoff_docs::handout_markdown(&docs, &seat, today)
                .map_err(|e| handout_error(&docs, &seat, e))?
                .into_bytes(),
        ),
        Rendering::SopMarkdown(doc, opts) => {
            Warned::clean(handoff_docs::sop_markdown(&doc, &opts).into_bytes())
        }
        Rendering::Raci(doc, format) => {
            let m = RaciMatrix::new(&doc);
            match format {
                RaciFormat::Csv => Warned::clean(handoff_docs::raci::to_csv(&m)),
                RaciFormat::Xlsx => Warned::clean(
                    handoff_docs::raci::to_xlsx(&m, today)
                        .map_err(|e| ApiError::new(ErrorCode::Io, e.to_string()))?,
                ),
                RaciFormat::Pdf => pdf(handoff_docs::raci::to_pdf(&m, today)),
            }
        }
        Rendering::Map(doc, MapFormat::Bpmn) => {
            Warned::clean(handoff_bpmn::export(&doc).into_bytes())
        }
        Rendering::Map(doc, MapFormat::Handoff) => {
            Warned::clean(handoff_core::file::to_json(&doc).into_bytes())
        }
        Rendering::Runbook(docs, seat, format) => {
            let r = handoff_docs::runbook(&docs, &seat, today).map_err(|e| match e {
                RunbookError::UnknownSeat(_) => ApiError::new(
                    ErrorCode::NotFound,
                    format!("no seat \"{seat}\" takes part in any process of the library"),
                ),
                RunbookError::NotAnAgent { .. } => ApiError::invalid(e.to_string()),
            })?;
            Warned::clean(
                match format {
                    RunbookFormat::Markdown => handoff_docs::runbook::to_markdown(&r),
                    RunbookFormat::Json => handoff_docs::runbook::to_json(&r),
                }
                .into_bytes(),
            )
        }
        Rendering::HandoverPack(docs, seat, drill, open) => pdf(handoff_docs::handover_pack(
            &docs, &seat, today, &drill, &open,
        )
        .map_err(|_| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("no seat \"{seat}\" takes part in any process of the library"),
            )
        })?),
        Rendering::Backlog(before, after, format) => {
            let d = handoff_core::diff::diff(&before, &after);
            match format {
                BacklogFormat::Csv => Warned::clean(handoff_core::diff::to_csv(&d).into_bytes()),
                BacklogFormat::Pdf => {
                    pdf(handoff_docs::backlog::to_pdf(&before, &after, &d, today))
                }
            }
        }
    })
}

/// The handout's refusal, naming the seat.
fn handout_error(docs: &[Document], seat: &SeatId, e: HandoutError) -> ApiError {
    match e {
        HandoutError::UnknownSeat(_) => {
            let name = docs
                .iter()
                .find_map(|d| d.seat(seat))
                .map_or_else(|| seat.to_string(), |s| s.name.clone());
            ApiError::new(
                ErrorCode::NotFound,
                format!("no seat \"{name}\" takes part in any process of the library"),
            )
        }
    }
}

/// Renders `what` and writes it to `path` atomically (see [`write_atomic`]), reporting two
/// steps of progress (writing the document, saving the file).
///
/// # Errors
/// As [`render`] and [`write_atomic`]; a failed write leaves any previous file untouched.
pub fn write(
    what: Rendering,
    today: NaiveDate,
    path: &Path,
    replace: Replace,
    progress: &dyn Fn(Progress),
) -> ApiResult<Warned<u64>> {
    progress(Progress::new(0, 2, "Writing the document"));
    let rendered = render(what, today)?;
    progress(Progress::new(1, 2, "Saving the file"));
    write_atomic(path, &rendered.output, replace)?;
    progress(Progress::new(2, 2, ""));
    Ok(Warned {
        output: rendered.output.len() as u64,
        warnings: rendered.warnings,
    })
}

/// What to export from the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
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
    /// An AI agent seat's runbook across every process in the library.
    Runbook { seat: SeatId, format: RunbookFormat },
    /// The successor's handover pack for a seat that changes hands, as a PDF: the handout,
    /// what becomes ownerless while the seat is empty, open findings, the people to meet.
    HandoverPack { seat: SeatId },
    /// The standard operating procedure of one process, as Markdown.
    SopMarkdown { process: ProcessId },
    /// One seat's onboarding handout across every process in the library, as Markdown.
    HandoutMarkdown { seat: SeatId },
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub path: String,
    pub bytes: u32,
    /// What the reader should know (a character the PDF font could not print, ...).
    pub warnings: Vec<String>,
}

/// What `job` is made from, read from the library. Called under the library's lock; the
/// rendering happens after it is released.
fn read_job(lib: &Library, job: &ExportJob, today: NaiveDate) -> ApiResult<Rendering> {
    Ok(match job {
        ExportJob::Sop { process } => {
            let (doc, opts) = sop_parts(lib, process, today)?;
            Rendering::Sop(Box::new(doc), opts)
        }
        ExportJob::Handout { seat } => Rendering::Handout(library_docs(lib, today)?, seat.clone()),
        ExportJob::Runbook { seat, format } => {
            Rendering::Runbook(library_docs(lib, today)?, seat.clone(), *format)
        }
        ExportJob::HandoverPack { seat } => {
            let docs = library_docs(lib, today)?;
            let rules = lib.rules()?;
            let drill = handoff_core::vacancy::drill(&docs, seat, today, &rules);
            let open = docs
                .iter()
                .filter(|d| handoff_core::vacancy::takes_part(d, seat))
                .map(|d| OpenFindings {
                    process_name: d.process.name.clone(),
                    findings: handoff_core::check(d, today, &rules),
                })
                .collect();
            Rendering::HandoverPack(docs, seat.clone(), Box::new(drill), open)
        }
        ExportJob::Raci { process, format } => {
            Rendering::Raci(Box::new(lib.load(process)?), *format)
        }
        ExportJob::Bpmn { process } => {
            Rendering::Map(Box::new(lib.load(process)?), MapFormat::Bpmn)
        }
        ExportJob::Map { process } => {
            Rendering::Map(Box::new(lib.export_document(process)?), MapFormat::Handoff)
        }
        ExportJob::BacklogCsv { before, after } => Rendering::Backlog(
            Box::new(load_ref(lib, before)?),
            Box::new(load_ref(lib, after)?),
            BacklogFormat::Csv,
        ),
        ExportJob::BacklogPdf { before, after } => Rendering::Backlog(
            Box::new(load_ref(lib, before)?),
            Box::new(load_ref(lib, after)?),
            BacklogFormat::Pdf,
        ),
        ExportJob::SopMarkdown { process } => {
            let (doc, opts) = sop_parts(lib, process, today)?;
            Rendering::SopMarkdown(Box::new(doc), opts)
        }
        ExportJob::HandoutMarkdown { seat } => {
            Rendering::HandoutMarkdown(library_docs(lib, today)?, seat.clone())
        }
    })
}

/// A process with what its SOP needs from the library: the revision number, the history
/// and the rule settings.
fn sop_parts(
    lib: &Library,
    process: &ProcessId,
    today: NaiveDate,
) -> ApiResult<(Document, SopOptions)> {
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
    Ok((doc, opts))
}

/// Every process of the library that is not deleted, in the library's order.
pub(crate) fn library_docs(lib: &Library, today: NaiveDate) -> ApiResult<Vec<Document>> {
    let mut docs = Vec::new();
    for p in lib.processes(today)? {
        docs.push(lib.load(&p.id)?);
    }
    Ok(docs)
}

/// `job` rendered from the library, without writing a file: for the CLI's standard output
/// and the agent server.
///
/// # Errors
/// As [`export_file`], without the writing.
pub fn export_bytes(ctx: &Ctx, job: &ExportJob) -> ApiResult<Warned<Vec<u8>>> {
    let today = ctx.today();
    let rendering = ctx.with_api(|lib| read_job(lib, job, today))?;
    render(rendering, today)
}

/// Exports `job` from the library to `path`, reporting three steps of progress (reading
/// the library, writing the document, saving the file).
///
/// # Errors
/// [`ErrorCode::Invalid`] for an empty path or an existing file with [`Replace::No`];
/// `NotFound` for an unknown process, revision or seat; the write's I/O error, naming the
/// path. A failed export leaves any previous file untouched.
pub fn export_file(
    ctx: &Ctx,
    job: &ExportJob,
    path: &Path,
    replace: Replace,
    progress: &dyn Fn(Progress),
) -> ApiResult<Exported> {
    if path.as_os_str().is_empty() || path.to_string_lossy().trim().is_empty() {
        return Err(ApiError::invalid("choose where to save the file"));
    }
    let target = allowed_target(ctx, path)?;
    let today = ctx.today();
    progress(Progress::new(0, 3, "Reading the library"));
    let rendering = ctx.with_api(|lib| read_job(lib, job, today))?;
    progress(Progress::new(1, 3, "Writing the document"));
    let rendered = render(rendering, today)?;
    progress(Progress::new(2, 3, "Saving the file"));
    write_atomic(path, &rendered.output, replace)?;
    ctx.remember_written(target);
    progress(Progress::new(3, 3, ""));
    Ok(Exported {
        path: path.display().to_string(),
        bytes: u32::try_from(rendered.output.len()).unwrap_or(u32::MAX),
        warnings: rendered.warnings,
    })
}

/// The absolute, symlink-free form of an export's target, if Handoff may write there: never
/// over the open library (or its journal and backups beside it), never into a folder the
/// context guards (the app's own data).
///
/// # Errors
/// [`ErrorCode::Invalid`] naming the path and why.
fn allowed_target(ctx: &Ctx, path: &Path) -> ApiResult<PathBuf> {
    let target = resolve(path);
    let refuse = |why: &str| {
        ApiError::invalid(format!(
            "{}: {why}; choose another place for the export",
            path.display()
        ))
    };
    if let Some(library) = ctx.library_path().map(|l| resolve(&l)) {
        let beside = target.parent() == library.parent();
        let named = library
            .file_name()
            .zip(target.file_name())
            .is_some_and(|(l, t)| {
                t.to_string_lossy()
                    .starts_with(l.to_string_lossy().as_ref())
            });
        if beside && named {
            return Err(refuse("that is the library itself or one of its own files"));
        }
    }
    if ctx
        .guarded()
        .iter()
        .any(|folder| target.starts_with(resolve(folder)))
    {
        return Err(refuse("that is inside Handoff's own data folder"));
    }
    Ok(target)
}

/// `path` made absolute with symbolic links resolved as far as the path exists (the file
/// itself usually does not yet).
fn resolve(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) if !dir.as_os_str().is_empty() => resolve(dir).join(name),
        _ => std::env::current_dir().map_or_else(|_| path.to_owned(), |d| d.join(path)),
    }
}

/// The file an export wrote since the context was made, for a front end to open or reveal;
/// Handoff never asks the system to open anything else (a program, a file the page names).
///
/// # Errors
/// [`ErrorCode::Invalid`] when no export of this session wrote `path`.
pub fn exported_file(ctx: &Ctx, path: &Path) -> ApiResult<PathBuf> {
    let target = resolve(path);
    if ctx.was_written(&target) {
        Ok(target)
    } else {
        Err(ApiError::invalid(format!(
            "{}: Handoff opens only the files it exported itself",
            path.display()
        )))
    }
}

/// Where an export is saved unless the user picks another place: `file_name`, made safe for
/// a file system ([`safe_file_name`]), in `folder`.
pub fn default_path(folder: &Path, file_name: &str) -> PathBuf {
    folder.join(safe_file_name(file_name))
}

/// A file name with the characters file systems refuse replaced by "-" ("export" when
/// nothing is left).
pub fn safe_file_name(name: &str) -> String {
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
        let bytes = |r| render(r, today()).expect("rendered").output;
        let pdf = bytes(Rendering::Sop(
            Box::new(doc.clone()),
            SopOptions::new(today()),
        ));
        assert!(pdf.starts_with(b"%PDF"));
        let xlsx = bytes(Rendering::Raci(Box::new(doc.clone()), RaciFormat::Xlsx));
        assert!(xlsx.starts_with(b"PK"), "an XLSX is a zip");
        let csv = bytes(Rendering::Raci(Box::new(doc.clone()), RaciFormat::Csv));
        assert!(String::from_utf8(csv).expect("utf-8").contains("Step"));
        let bpmn = bytes(Rendering::Map(Box::new(doc.clone()), MapFormat::Bpmn));
        assert!(String::from_utf8(bpmn)
            .expect("utf-8")
            .contains("definitions"));
        let map = bytes(Rendering::Map(Box::new(doc.clone()), MapFormat::Handoff));
        assert_eq!(
            handoff_core::parse_document(&map).expect("a Handoff map reads back"),
            doc,
            "the exported map is the same map"
        );
        let mut after = doc.clone();
        after.process.nodes.remove(1);
        let backlog = bytes(Rendering::Backlog(
            Box::new(doc.clone()),
            Box::new(after.clone()),
            BacklogFormat::Csv,
        ));
        assert!(String::from_utf8(backlog)
            .expect("utf-8")
            .contains("removed"));
        let pdf = bytes(Rendering::Backlog(
            Box::new(doc),
            Box::new(after),
            BacklogFormat::Pdf,
        ));
        assert!(pdf.starts_with(b"%PDF"));
    }

    #[test]
    fn a_handout_for_an_unknown_seat_is_not_found() {
        let err = render(
            Rendering::Handout(vec![generate(3, 1)], SeatId::from("nobody")),
            today(),
        )
        .expect_err("unknown seat");
        assert_eq!(err.code, ErrorCode::NotFound);
    }

    #[test]
    fn markdown_editions_say_what_the_pdfs_say_as_text() {
        let doc = generate(8, 3);
        let text =
            |r| String::from_utf8(render(r, today()).expect("rendered").output).expect("utf-8");
        let sop = text(Rendering::sop(
            doc.clone(),
            SopOptions::new(today()),
            DocumentFormat::Markdown,
        ));
        assert!(sop.starts_with("# Standard operating procedure: "), "{sop}");
        assert!(sop.contains("### Step 1: "), "{sop}");
        let seat = doc.seats[0].id.clone();
        let handout = text(Rendering::HandoutMarkdown(vec![doc.clone()], seat));
        assert!(handout.starts_with("# Onboarding handout: "), "{handout}");
        let err = render(
            Rendering::HandoutMarkdown(vec![doc], SeatId::from("nobody")),
            today(),
        )
        .expect_err("unknown seat");
        assert_eq!(err.code, ErrorCode::NotFound);
    }

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(
            document_format(Path::new("sop.MD")).expect("md"),
            DocumentFormat::Markdown
        );
        assert_eq!(
            document_format(Path::new("sop.pdf")).expect("pdf"),
            DocumentFormat::Pdf
        );
        let err = document_format(Path::new("sop.docx")).expect_err("unknown");
        assert!(err.to_string().contains("*.pdf or *.md"), "{err}");
        assert_eq!(
            raci_format(Path::new("m.XLSX")).expect("xlsx"),
            RaciFormat::Xlsx
        );
        let err = raci_format(Path::new("m.txt")).expect_err("unknown");
        assert!(err.to_string().contains("*.xlsx, *.csv or *.pdf"), "{err}");
        assert_eq!(
            map_format(Path::new("a.handoff.json")).expect("json"),
            MapFormat::Handoff
        );
        assert_eq!(
            map_format(Path::new("a.bpmn")).expect("bpmn"),
            MapFormat::Bpmn
        );
        assert!(map_format(Path::new("a.xml")).is_err());
    }
}
