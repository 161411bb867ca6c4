//! How the window paints on Linux.
//!
//! WebKitGTK composites pages with OpenGL. On a machine with no GPU driver (a VM, a remote
//! desktop, a CI runner under Xvfb) that OpenGL is Mesa's software rasteriser, which redraws
//! and reads back the whole window for every frame: measured here on a 1,000-step map, the
//! window then reaches the screen 17-23 times a second while a step is dragged. Painting
//! without compositing redraws only what changed and reaches 53-58 frames a second on the
//! same machine (`tests/e2e/perf.mjs`, frames counted by the X server).
//!
//! So when no GPU render node can be opened, the app asks WebKit to paint without
//! compositing. A user's own `WEBKIT_DISABLE_COMPOSITING_MODE` always wins (`0` keeps
//! compositing on).

/// The WebKitGTK variable that turns accelerated compositing off when set to anything but `0`.
pub const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Whether the app should turn compositing off, given the user's own setting of
/// [`DISABLE_COMPOSITING`] (if any) and whether a GPU render node can be opened.
#[must_use]
pub fn should_disable_compositing(user_setting: Option<&str>, gpu_available: bool) -> bool {
    user_setting.is_none() && !gpu_available
}

/// Whether any `/dev/dri/renderD*` node can be opened for reading and writing, which is
/// what WebKit needs to render on the GPU. O(number of DRI nodes).
#[cfg(target_os = "linux")]
fn gpu_render_node_usable() -> bool {
    let Ok(entries) = std::fs::read_dir("/dev/dri") else {
        return false;
    };
    entries.flatten().any(|entry| {
        entry.file_name().to_string_lossy().starts_with("renderD")
            && std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(entry.path())
                .is_ok()
    })
}

/// Chooses the painting mode. Call first thing in `main`, before any thread starts and
/// before GTK is initialised.
pub fn choose_painting() {
    #[cfg(target_os = "linux")]
    {
        let user = std::env::var(DISABLE_COMPOSITING).ok();
        if should_disable_compositing(user.as_deref(), gpu_render_node_usable()) {
            std::env::set_var(DISABLE_COMPOSITING, "1");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::should_disable_compositing;

    #[test]
    fn software_only_machines_paint_without_compositing() {
        assert!(should_disable_compositing(None, false));
    }

    #[test]
    fn a_usable_gpu_keeps_compositing() {
        assert!(!should_disable_compositing(None, true));
    }

    #[test]
    fn the_users_own_setting_wins_either_way() {
        assert!(!should_disable_compositing(Some("0"), false));
        assert!(!should_disable_compositing(Some("1"), true));
    }
}
