//! The documents Handoff hands to people.
//!
//! A [`Document`](handoff_core::Document) (or, for the seat handout, every document of a
//! library) goes in with the date to print; bytes come out:
//!
//! - [`sop()`]: the standard operating procedure of one process as a PDF, with the procedure
//!   numbered by [`handoff_core::procedure`], decisions as "If X, go to step N", handoffs
//!   called out, the swimlane map drawn as vectors, RACI, open findings and history;
//! - [`handout()`]: the onboarding handout for one seat across all processes, as a PDF;
//! - [`raci`]: the RACI matrix as XLSX, CSV or a PDF table;
//! - [`runbook()`]: an AI agent's seat as a runbook to paste into its instructions, as
//!   Markdown or JSON;
//! - [`markdown`]: the SOP ([`sop_markdown`]) and the seat handout ([`handout_markdown`])
//!   as Markdown, saying what the PDFs say (same step numbers, same directions), for
//!   assistants reading the library and anywhere text beats a page.
//!
//! PDFs are laid out by [`typeset`], a small layer over printpdf (word wrap, page breaks,
//! tables with repeated headers, running headers and footers, bookmarks) using the bundled
//! DejaVu Sans ([`fonts`]), subset into each file. Nothing reads the clock or the disk: the
//! same input and date give the same bytes. Characters the font lacks are printed as a
//! visible placeholder and listed in [`Rendered::warnings`]; nothing here panics on user
//! input.

pub mod backlog;
pub mod directions;
pub mod fonts;
pub mod handout;
mod map;
pub mod markdown;
pub mod pack;
pub mod raci;
pub mod runbook;
pub mod sop;
pub mod typeset;

pub use handout::{handout, HandoutError};
pub use markdown::{handout as handout_markdown, sop as sop_markdown};
pub use pack::{handover_pack, OpenFindings};
pub use raci::{RaciMatrix, Roles};
pub use runbook::{runbook, Runbook, RunbookError};
pub use sop::{sop, RevisionNote, SopOptions};

/// A finished PDF and what the reader should know about how it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The PDF file's bytes.
    pub pdf: Vec<u8>,
    /// Plain-language warnings, e.g. a character the bundled font cannot print (it appears
    /// as a placeholder instead). Empty when nothing was substituted.
    pub warnings: Vec<String>,
}
