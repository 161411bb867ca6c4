//! Events the shell sends to the UI while long work runs.

use serde::{Deserialize, Serialize};

/// How far a long task (import, export, seeding) has got.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Which task: the UI shows progress for the task it started.
    pub task: String,
    pub done: u32,
    pub total: u32,
    /// What is being worked on now, in words.
    pub detail: String,
}
