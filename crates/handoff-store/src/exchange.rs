//! Adding maps read from elsewhere (a `*.handoff.json` file, a BPMN import) to the
//! library. Reading the files is the application layer's job (`handoff-api`); the store
//! takes documents.

use chrono::{DateTime, Utc};
use handoff_core::{Document, ProcessId};
use serde::Serialize;

use crate::error::Result;
use crate::library::{fresh_id, save_in, Library, Scope};

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

impl Library {
    /// Adds a map read from elsewhere (a file, a BPMN import). A new id creates a process;
    /// an id the library already has (deleted or not) becomes a new revision of it, or with
    /// [`ImportMode::FreshId`] a new process under a fresh id. The revision summary says
    /// "Imported from <source>".
    ///
    /// # Errors
    /// [`crate::StoreError::Invalid`] when the document would not read back from the library;
    /// the backend's database error.
    /// Nothing changes then.
    pub fn import_document(
        &mut self,
        mut doc: Document,
        mode: ImportMode,
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<Imported> {
        let (saved, created) = self.write(Scope::Library, |t| {
            let exists = t.process_exists(doc.process.id.as_str())?;
            if exists && mode == ImportMode::FreshId {
                doc.process.id = fresh_id(t, doc.process.id.as_str())?;
            }
            let created = !exists || mode == ImportMode::FreshId;
            let saved = save_in(t, &doc, now, Some(format!("Imported from {source}")))?;
            Ok((saved, created))
        })?;
        Ok(Imported {
            id: saved.id,
            revision: saved.revision,
            created,
            summary: saved.summary,
        })
    }
}
