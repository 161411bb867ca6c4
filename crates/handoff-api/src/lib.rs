//! Handoff's application layer: every operation a user can do, as a plain function over a
//! [`Ctx`], one module per domain. The desktop shell (`src-tauri`) and the `handoff` command
//! are thin front ends over these functions: they parse their input, call one function and
//! show the result; neither has a format switch, a file writer or a naming rule of its own.
//!
//! What flows through it:
//!
//! - **The world comes in.** A [`Ctx`] holds the open library and a [`Clock`]; today's date
//!   and the current time are read from it, never from the system, so a front end (or a test)
//!   decides what "today" is. Long operations take a progress callback ([`Progress`]) that
//!   the shell forwards over a per-call channel and the CLI draws as a progress bar.
//! - **Files** are read only by [`files::read_bounded`] (size checked before reading, read
//!   with a bound) and written only by [`files::write_atomic`] (temporary file in the same
//!   folder, fsync, rename). [`maps::load_map`] turns a path into a map.
//! - **Domains:** [`library`] (open, list, settings), [`editing`] (create, save, rename,
//!   delete, revisions), [`review`], [`seats`], [`analysis`] (checks and metrics of the map
//!   being edited), [`compare`], [`import`], [`export`], [`reality`] (a map held against
//!   an event log) and [`survey`] (the whole library as an assistant asks about it: processes
//!   by function, owner, state and review status, what each seat holds, gaps, findings).
//! - **Errors** are one [`ApiError`] with a small [`ErrorCode`] the front ends branch on.

pub mod analysis;
pub mod compare;
mod ctx;
pub mod editing;
mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod library;
pub mod maps;
pub mod reality;
pub mod review;
pub mod seats;
pub mod settings;
pub mod survey;

pub use ctx::{Clock, Ctx, FixedClock, Progress};
pub use error::{ApiError, ApiResult, ErrorCode};
pub use maps::Warned;
