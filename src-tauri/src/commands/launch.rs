//! Files the app is asked to open: those on its own command line, and those a second launch
//! hands over. A second launch (a double-click on a `.bpmn` file, "Open with Handoff", the
//! app started again from the menu) does not open a second window on the same library: the
//! single-instance plugin passes its arguments to this, the running app, whose window comes
//! to the front and offers to import the files. The page registers one channel with
//! [`watch_launches`]; files that arrive before it does wait for it.

use std::path::Path;
use std::sync::Mutex;

use handoff_api::files::{launch_files, MapKind};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager};

/// A file the app was asked to open, and which import takes it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LaunchFile {
    pub path: String,
    /// BPMN 2.0 XML (imported as a new process); otherwise a Handoff map file.
    pub bpmn: bool,
}

/// The page's channel, and the files that arrived before the page asked for them.
#[derive(Default)]
pub struct Launches(Mutex<Inbox>);

#[derive(Default)]
struct Inbox {
    channel: Option<Channel<Vec<LaunchFile>>>,
    waiting: Vec<LaunchFile>,
}

impl std::fmt::Debug for Launches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Launches").finish_non_exhaustive()
    }
}

impl Launches {
    /// Hands the map files among `args` (a command line, program name first) to the page.
    pub fn arrive(&self, args: &[String], cwd: &Path) {
        let files: Vec<LaunchFile> = launch_files(args, cwd)
            .into_iter()
            .map(|p| LaunchFile {
                bpmn: MapKind::of(&p) == Some(MapKind::Bpmn),
                path: p.display().to_string(),
            })
            .collect();
        if files.is_empty() {
            return;
        }
        let mut inbox = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let delivered = inbox
            .channel
            .as_ref()
            .is_some_and(|c| c.send(files.clone()).is_ok());
        if !delivered {
            inbox.waiting.extend(files);
        }
    }
}

/// Asks to be told of every file the app is asked to open, starting with those waiting.
#[tauri::command]
#[specta::specta]
pub fn watch_launches(launches: tauri::State<'_, Launches>, on_open: Channel<Vec<LaunchFile>>) {
    let mut inbox = launches.0.lock().unwrap_or_else(|p| p.into_inner());
    let waiting = std::mem::take(&mut inbox.waiting);
    if !waiting.is_empty() && on_open.send(waiting.clone()).is_err() {
        inbox.waiting = waiting;
    }
    inbox.channel = Some(on_open);
}

/// A second launch: its window is this one, brought to the front; its files arrive here.
pub fn second_launch(app: &AppHandle, args: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    app.state::<Launches>().arrive(&args, Path::new(&cwd));
}

/// The name the running app holds on the session bus. One per library folder: two windows on
/// two libraries (`HANDOFF_DATA_DIR`, as the tests use) are two instances; two launches on
/// the same library are one.
#[must_use]
pub fn instance_id(identifier: &str, data_dir: Option<&std::ffi::OsStr>) -> String {
    match data_dir {
        None => identifier.to_owned(),
        Some(dir) => {
            // FNV-1a: stable across runs and builds, unlike the standard library's hasher.
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for byte in dir.as_encoded_bytes() {
                hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
            }
            format!("{identifier}.l{hash:016x}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::instance_id;
    use std::ffi::OsStr;

    #[test]
    fn each_library_folder_is_an_instance_of_its_own() {
        let id = "app.handoff.desktop";
        assert_eq!(instance_id(id, None), id);
        let a = instance_id(id, Some(OsStr::new("/tmp/a")));
        let b = instance_id(id, Some(OsStr::new("/tmp/b")));
        assert_ne!(a, b);
        assert_eq!(a, instance_id(id, Some(OsStr::new("/tmp/a"))));
        // A D-Bus name element: letters, digits, '_' and '-', not starting with a digit.
        let last = a.rsplit('.').next().expect("an element");
        assert!(last.starts_with('l') && last[1..].chars().all(|c| c.is_ascii_hexdigit()));
    }
}
