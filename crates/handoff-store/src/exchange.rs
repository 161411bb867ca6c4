//! Moving processes in and out of the library as `*.handoff.json` files.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};
use handoff_core::file::MAX_FILE_BYTES;
use handoff_core::{parse_document, to_json, Document, LoadError, ProcessId};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::library::{fresh_id, save_in, sql, Library};
use crate::table::process;

/// What to do when an imported process's id is already in the library.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ImportMode {
    /// The file becomes a new revision of the existing process.
    #[default]
    NewRevision,
    /// The file becomes a new process under a fresh id (`<id>-2`, …).
    FreshId,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    pub id: ProcessId,
    /// The revision the import created (or the latest, when nothing changed).
    pub revision: u32,
    /// Whether the import created a new process rather than revising one.
    pub created: bool,
    pub summary: String,
}

/// Reads and parses a `*.handoff.json` file, refusing one larger than
/// [`MAX_FILE_BYTES`] before reading it, so a huge file never fills memory.
///
/// # Errors
/// [`StoreError::Io`] when the file cannot be read; [`StoreError::Load`] with the
/// [`LoadError`] (empty, too large, syntax with line and column, shape with JSON path,
/// unknown format) otherwise. Both name the file.
pub fn read_document(path: &Path) -> Result<Document> {
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_FILE_BYTES as u64 {
        return Err(StoreError::Load {
            path: path.to_owned(),
            source: LoadError::TooLarge {
                bytes: usize::try_from(len).unwrap_or(usize::MAX),
            },
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    parse_document(&bytes).map_err(|source| StoreError::Load {
        path: path.to_owned(),
        source,
    })
}

impl Library {
    /// Imports the map in a `*.handoff.json` file (see [`read_document`]) as
    /// [`Library::import_document`] does, recording the file name in the revision.
    ///
    /// # Errors
    /// As [`read_document`] and [`Library::import_document`]; nothing changes then.
    pub fn import_file(
        &mut self,
        path: &Path,
        mode: ImportMode,
        now: DateTime<Utc>,
    ) -> Result<Imported> {
        let doc = read_document(path)?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.import_document(doc, mode, &name, now)
    }

    /// Adds a map read from elsewhere (a file, a BPMN import). A new id creates a process;
    /// an id the library already has (deleted or not) becomes a new revision of it, or with
    /// [`ImportMode::FreshId`] a new process under a fresh id. The revision summary says
    /// "Imported from <source>".
    ///
    /// # Errors
    /// [`StoreError::Sqlite`], [`StoreError::CorruptRecord`]; nothing changes then.
    pub fn import_document(
        &mut self,
        mut doc: Document,
        mode: ImportMode,
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<Imported> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(sql(&path))?;
        let exists = process::exists(&tx, doc.process.id.as_str()).map_err(sql(&path))?;
        if exists && mode == ImportMode::FreshId {
            doc.process.id = fresh_id(&tx, &path, doc.process.id.as_str())?;
        }
        let created = !exists || mode == ImportMode::FreshId;
        let saved = save_in(
            &tx,
            &path,
            &doc,
            now,
            Some(format!("Imported from {source}")),
        )?;
        tx.commit().map_err(sql(&path))?;
        Ok(Imported {
            id: saved.id,
            revision: saved.revision,
            created,
            summary: saved.summary,
        })
    }

    /// Writes a process to `out` as a `*.handoff.json` file (see
    /// [`Library::export_document`]). The file is written beside `out` first and then
    /// renamed over it, so a failed export never leaves a half-written file.
    ///
    /// # Errors
    /// As [`Library::load`]; [`StoreError::Io`] naming `out` when it cannot be written.
    pub fn export(&self, id: &ProcessId, out: &Path) -> Result<()> {
        let doc = self.export_document(id)?;
        write_atomically(out, to_json(&doc).as_bytes())
    }
}

fn write_atomically(out: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| StoreError::Io {
        path: out.to_owned(),
        source,
    };
    let mut tmp_name = out
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    tmp_name.push(".partial");
    let tmp = out.with_file_name(tmp_name);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, out)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}
