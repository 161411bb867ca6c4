//! The committed TypeScript bindings match the commands: regenerates them into a string and
//! fails when `ui/src/bindings.gen.ts` differs. `UPDATE_BINDINGS=1` rewrites the file.

use std::path::PathBuf;

#[test]
fn bindings_are_up_to_date() {
    let fresh = handoff_app::bindings_text().expect("bindings generate");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.gen.ts");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write ui/src/bindings.gen.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/bindings.gen.ts is stale: the Tauri commands changed. Regenerate it with\n\n    \
         UPDATE_BINDINGS=1 cargo test -p handoff-app --test bindings\n\nand commit the result."
    );
}
