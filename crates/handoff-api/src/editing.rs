//! One process: create, open, save (each save a revision), rename, duplicate, delete and
//! bring back, and its revision history.

use handoff_core::{Document, Process, ProcessId};
use handoff_store::{RevisionInfo, Saved};
use serde::Serialize;

use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult, ErrorCode};

/// The process as last saved.
///
/// # Errors
/// [`ErrorCode::NotFound`] for an unknown id; the store's read errors.
pub fn load(ctx: &Ctx, id: &ProcessId) -> ApiResult<Document> {
    ctx.with(|lib| lib.load(id))
}

/// A process as an editor opens it: the document and the revision it is, which the
/// editor's saves name as their base.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Opened {
    pub doc: Document,
    pub revision: u32,
}

/// The process as last saved, with its revision number.
///
/// # Errors
/// [`ErrorCode::NotFound`] for an unknown id; the store's read errors.
pub fn open(ctx: &Ctx, id: &ProcessId) -> ApiResult<Opened> {
    let (doc, revision) = ctx.with(|lib| lib.load_with_revision(id))?;
    Ok(Opened { doc, revision })
}

/// Saves the document as a new revision on top of revision `base` (the one the editor
/// opened or last saved; `None` for a process not saved yet). Nothing is added when the
/// document did not change. The document is checked first: one that would not read back is
/// refused.
///
/// # Errors
/// [`ErrorCode::Conflict`] when `base` is no longer the newest revision (someone else saved
/// in the meantime: their revision is kept, nothing is written); [`ErrorCode::Invalid`] for
/// a document that would not read back; the store's write errors.
pub fn save(ctx: &Ctx, doc: &Document, base: Option<u32>) -> ApiResult<Saved> {
    let now = ctx.now();
    ctx.with(|lib| lib.save_on(doc, base, now))
}

/// An old revision of the process, to look at or to restore as a new edit.
///
/// # Errors
/// [`ErrorCode::NotFound`] for an unknown process or revision.
pub fn load_revision(ctx: &Ctx, id: &ProcessId, number: u32) -> ApiResult<Document> {
    ctx.with(|lib| lib.load_revision(id, number))
}

/// A new, empty process named `name`, with an id derived from the name ([`slug`]).
///
/// # Errors
/// [`ErrorCode::Invalid`] for a blank name; the store's write errors.
pub fn create(ctx: &Ctx, name: &str) -> ApiResult<Saved> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ApiError::invalid("a process needs a name"));
    }
    let now = ctx.now();
    let doc = Document::new(Vec::new(), Process::blank(ProcessId(slug(name)), name));
    ctx.with(|lib| lib.save_new(doc, now))
}

/// A new process copied from the template `file_name`, under a fresh id.
///
/// # Errors
/// [`ErrorCode::NotFound`] for an unknown template; the store's write errors.
pub fn create_from_template(ctx: &Ctx, file_name: &str) -> ApiResult<Saved> {
    let template = handoff_templates::get(file_name).ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            format!("no template named {file_name}"),
        )
    })?;
    let doc = template.document()?;
    let now = ctx.now();
    ctx.with(|lib| lib.save_new(doc, now))
}

/// A copy of the process under a new id, named "<name> (copy)".
///
/// # Errors
/// [`ErrorCode::NotFound`]; the store's write errors.
pub fn duplicate(ctx: &Ctx, id: &ProcessId) -> ApiResult<Saved> {
    let now = ctx.now();
    ctx.with(|lib| lib.duplicate(id, now))
}

/// Renames the process (a new revision).
///
/// # Errors
/// [`ErrorCode::NotFound`]; the store's write errors.
pub fn rename(ctx: &Ctx, id: &ProcessId, name: &str) -> ApiResult<Saved> {
    let now = ctx.now();
    ctx.with(|lib| lib.rename(id, name.trim(), now))
}

/// Moves the process to the bin; [`undelete`] brings it back.
///
/// # Errors
/// [`ErrorCode::NotFound`]; the store's write errors.
pub fn delete(ctx: &Ctx, id: &ProcessId) -> ApiResult<()> {
    let now = ctx.now();
    ctx.with(|lib| lib.delete(id, now))
}

/// Brings a deleted process back.
///
/// # Errors
/// [`ErrorCode::NotFound`]; the store's write errors.
pub fn undelete(ctx: &Ctx, id: &ProcessId) -> ApiResult<()> {
    ctx.with(|lib| lib.undelete(id))
}

/// The process's revisions, newest first.
///
/// # Errors
/// [`ErrorCode::NotFound`]; the store's read errors.
pub fn revisions(ctx: &Ctx, id: &ProcessId) -> ApiResult<Vec<RevisionInfo>> {
    ctx.with(|lib| lib.revisions(id))
}

/// A process id from a name: lower-case words joined by dashes ("process" when no word
/// is left).
pub fn slug(name: &str) -> String {
    let s: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() {
        "process".to_owned()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slug_keeps_words_and_drops_punctuation() {
        assert_eq!(slug("Client onboarding (v2)!"), "client-onboarding-v2");
        assert_eq!(slug("  ?? "), "process");
    }
}
