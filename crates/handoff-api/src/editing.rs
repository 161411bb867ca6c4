//! One process: create, open, save (each save a revision), rename, duplicate, delete and
//! bring back, and its revision history.

use handoff_core::{Document, Process, ProcessId};
use handoff_store::{RevisionInfo, Saved};

use crate::ctx::Ctx;
use crate::error::{ApiError, ApiResult, ErrorCode};

/// The process as last saved.
///
/// # Errors
/// [`ErrorCode::NotFound`] for an unknown id; the store's read errors.
pub fn load(ctx: &Ctx, id: &ProcessId) -> ApiResult<Document> {
    ctx.with(|lib| lib.load(id))
}

/// Saves the document as a new revision (nothing is added when it did not change).
///
/// # Errors
/// The store's write errors; nothing is written then.
pub fn save(ctx: &Ctx, doc: &Document) -> ApiResult<Saved> {
    let now = ctx.now();
    ctx.with(|lib| lib.save(doc, now))
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
    ctx.with(|lib| {
        let id = lib.fresh_process_id(&slug(name))?;
        lib.save(&Document::new(Vec::new(), Process::blank(id, name)), now)
    })
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
    let mut doc = template.document()?;
    let now = ctx.now();
    ctx.with(|lib| {
        doc.process.id = lib.fresh_process_id(doc.process.id.as_str())?;
        lib.save(&doc, now)
    })
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

/// Makes an old revision current again, as a new revision; returns the restored document.
///
/// # Errors
/// [`ErrorCode::NotFound`] for an unknown process or revision; the store's errors.
pub fn restore_revision(ctx: &Ctx, id: &ProcessId, number: u32) -> ApiResult<Document> {
    let now = ctx.now();
    ctx.with(|lib| {
        lib.restore_revision(id, number, now)?;
        lib.load(id)
    })
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
