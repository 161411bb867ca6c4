//! Declares the app's commands to Tauri's access control: with an app manifest, a command
//! runs only when a capability grants its `allow-<name>` permission
//! (`capabilities/default.json`), so the page can call exactly these and nothing else.

include!("src/commands/allowed.rs");

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build: the app manifest or the capabilities are invalid");
}
