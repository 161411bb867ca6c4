//! Closing the window without losing an edit: the window asks the page first. The page
//! registers a channel with [`watch_close`]; when the user closes the window, the close is
//! held, the page is told, saves what is pending and answers with [`close_window`]: close, or
//! stay open because a save failed (the page then shows why). A page that does not answer
//! within a few seconds (it hung) does not keep the window open.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use tauri::ipc::Channel;
use tauri::{Manager, Window, WindowEvent};

/// How long a close waits for the page's answer.
const ANSWER_WITHIN: Duration = Duration::from_secs(5);

/// The page's channel, and which close request is waiting for an answer (0: none).
#[derive(Default)]
pub struct CloseWatch {
    channel: Mutex<Option<Channel<()>>>,
    waiting: AtomicU64,
}

impl std::fmt::Debug for CloseWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CloseWatch")
            .field("waiting", &self.waiting.load(Ordering::SeqCst))
            .finish_non_exhaustive()
    }
}

/// Asks to be told (once per close request) before the window closes.
#[tauri::command]
#[specta::specta]
pub fn watch_close(watch: tauri::State<'_, CloseWatch>, on_close: Channel<()>) {
    *watch.channel.lock().unwrap_or_else(|p| p.into_inner()) = Some(on_close);
}

/// The page's answer to a close request: `close` once everything is saved, or not.
#[tauri::command]
#[specta::specta]
pub fn close_window(window: Window, watch: tauri::State<'_, CloseWatch>, close: bool) {
    watch.waiting.store(0, Ordering::SeqCst);
    if close {
        let _ = window.destroy();
    }
}

/// Holds a close request while the page saves; see the module's overview.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let watch = window.state::<CloseWatch>();
    let channel = watch
        .channel
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let Some(channel) = channel else { return };
    if channel.send(()).is_err() {
        return;
    }
    api.prevent_close();
    let request = watch.waiting.fetch_add(1, Ordering::SeqCst) + 1;
    let window = window.clone();
    std::thread::spawn(move || {
        std::thread::sleep(ANSWER_WITHIN);
        let watch = window.state::<CloseWatch>();
        if watch.waiting.load(Ordering::SeqCst) == request {
            let _ = window.destroy();
        }
    });
}
