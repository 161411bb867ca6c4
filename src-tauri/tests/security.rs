//! Least privilege, read from the files that grant it: the Content-Security-Policy in
//! `tauri.conf.json` allows nothing remote and no `eval`, and the window's capability grants
//! exactly one `allow-<command>` permission per command the page calls, and nothing else (no
//! core plugin, no events, no file system, no shell). Fails when anything broader appears.

use std::collections::BTreeSet;
use std::path::PathBuf;

use handoff_app::commands::allowed::COMMANDS;

fn read_json(relative: &str) -> serde_json::Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

#[test]
fn the_content_security_policy_allows_only_the_app_itself() {
    let conf = read_json("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a Content-Security-Policy string is set (not null)");
    let directives: Vec<Vec<&str>> = csp
        .split(';')
        .map(|d| d.split_whitespace().collect())
        .filter(|d: &Vec<&str>| !d.is_empty())
        .collect();
    assert!(
        directives.iter().any(|d| d == &["default-src", "'self'"]),
        "default-src must be exactly 'self': {csp}"
    );
    for d in &directives {
        for source in &d[1..] {
            assert!(
                !source.contains("unsafe-eval") && !source.contains("unsafe-inline"),
                "{} allows {source}: {csp}",
                d[0]
            );
            let remote = source.starts_with("http") || source.starts_with("ws") || *source == "*";
            assert!(
                !remote || *source == "http://ipc.localhost",
                "{} allows remote content {source}: {csp}",
                d[0]
            );
        }
    }
    assert!(
        conf["app"]["security"]
            .get("dangerousDisableAssetCspModification")
            .is_none(),
        "Tauri's own CSP additions must stay on"
    );
}

#[test]
fn the_window_may_call_exactly_the_commands_it_uses() {
    let granted: BTreeSet<String> = read_json("capabilities/default.json")["permissions"]
        .as_array()
        .expect("a permission list")
        .iter()
        .map(|p| p.as_str().expect("plain permission identifiers").to_owned())
        .collect();
    let wanted: BTreeSet<String> = COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(
        granted, wanted,
        "the capability grants more or less than the commands"
    );

    let capabilities =
        std::fs::read_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("capabilities"))
            .expect("capabilities/")
            .count();
    assert_eq!(capabilities, 1, "one capability file, for the main window");
}

#[test]
fn the_allowed_commands_are_the_commands_the_bindings_offer() {
    let bindings = handoff_app::bindings_text().expect("bindings generate");
    let offered: BTreeSet<&str> = bindings
        .split("__TAURI_INVOKE")
        .skip(1)
        .filter(|rest| rest.starts_with('(') || rest.starts_with('<'))
        .filter_map(|rest| rest.split('"').nth(1))
        .collect();
    let allowed: BTreeSet<&str> = COMMANDS.iter().copied().collect();
    assert_eq!(
        offered, allowed,
        "every command in the bindings must be listed in src/commands/allowed.rs, and only those"
    );
}
