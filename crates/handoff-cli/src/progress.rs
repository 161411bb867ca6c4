//! Progress of long work on stderr, drawn by indicatif: a bar when stderr is a terminal,
//! nothing at all when it is not (a pipe, a file, a test), so machine output stays clean.

use handoff_api::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar titled `title` that follows an operation's [`Progress`] reports and clears itself
/// when the operation reports that it is done.
pub fn bar(title: &'static str) -> impl Fn(Progress) {
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {msg}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(title);
    move |p: Progress| {
        bar.set_length(u64::from(p.total));
        bar.set_position(u64::from(p.done));
        bar.set_message(p.detail);
        if p.done >= p.total {
            bar.finish_and_clear();
        }
    }
}
