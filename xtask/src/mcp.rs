//! `cargo xtask test`, MCP: `handoff mcp` driven from outside the project by the official
//! MCP Python SDK (`mcp` from PyPI), which starts the server over stdio on a library seeded
//! from the templates, lists its tools and calls each one (tests/mcp/client.py). The SDK is
//! installed into a private virtual environment under `target/`, pinned to the release the
//! test was written against.

use std::path::Path;
use std::process::Command;

use super::{ensure_packages, venv_python, Report};

/// The SDK release the client test was written against.
const MCP_SDK: &str = "mcp==2.3.0";

/// Runs the client test on `target/debug/handoff` as one step of `report`.
pub(super) fn client(root: &Path, report: &mut Report) {
    let name = "MCP server: the official Python SDK lists and calls every tool";
    let python = ensure_packages(&["python3-venv"])
        .and_then(|()| venv_python(root, "mcp-venv", MCP_SDK, "mcp"));
    match python {
        Ok(python) => {
            let mut cmd = Command::new(python);
            cmd.arg(root.join("tests/mcp/client.py"))
                .arg(root.join("target/debug/handoff"));
            report.run(root, name, cmd);
        }
        Err(e) => {
            eprintln!("\nFAIL: {e}");
            report.lines.push(format!("  FAIL {name}: {e}"));
            report.failed.push(name.to_owned());
        }
    }
}
