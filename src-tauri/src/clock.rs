//! The system clock: with the settings file's location, the only things the shell reads from
//! the machine itself. Everything else is done by `handoff-api`.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use tauri::{AppHandle, Manager};

/// Today and now as this machine's clock says.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl handoff_api::Clock for SystemClock {
    fn today(&self) -> NaiveDate {
        chrono::Local::now().date_naive()
    }
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Where the app remembers the library the user chose.
pub fn settings_file(app: &AppHandle) -> Option<PathBuf> {
    app.path()
        .app_config_dir()
        .ok()
        .map(|d| d.join("settings.json"))
}
