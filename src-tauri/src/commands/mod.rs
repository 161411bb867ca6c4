//! One module per domain, one `handoff-api` function per command: each command takes its
//! arguments, calls the application layer and returns its result. No command reads or
//! writes a file or decides anything itself.

pub mod allowed;
pub mod analysis;
pub mod compare;
pub mod export;
pub mod import;
pub mod launch;
pub mod library;
pub mod processes;
pub mod seats;
pub mod window;

use std::sync::Arc;

use handoff_api::{ApiError, ApiResult, Ctx, ErrorCode, Progress};
use tauri::ipc::Channel;

/// The application context, as the commands receive it.
pub type Api<'a> = tauri::State<'a, Arc<Ctx>>;

/// Runs long work on the blocking pool so the window's event loop keeps painting.
pub async fn blocking<T: Send + 'static>(
    ctx: &Arc<Ctx>,
    work: impl FnOnce(&Ctx) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let ctx = Arc::clone(ctx);
    tauri::async_runtime::spawn_blocking(move || work(&ctx))
        .await
        .map_err(|e| ApiError::new(ErrorCode::Io, format!("the work stopped: {e}")))?
}

/// Forwards an operation's progress to the page over the call's own channel.
pub fn reporter(channel: Channel<Progress>) -> impl Fn(Progress) {
    move |p| {
        // A page that navigated away no longer listens; the work goes on regardless.
        let _ = channel.send(p);
    }
}
