//! `cargo xtask test`, MCP: `handoff mcp` driven from outside the project by the official
//! MCP Python SDK (`mcp` from PyPI), which starts the server over stdio on a library seeded
//! from the templates, lists its tools and calls each one (tests/mcp/client.py). The SDK is
//! installed into a private virtual environment under `target/`, pinned to the release the
//! test was written against.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{ensure_packages, Report, Result};

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

/// The python of the virtual environment `target/<dir>` with `requirement` installed,
/// creating the environment and installing it the first time (checked by importing
/// `module`).
fn venv_python(root: &Path, dir: &str, requirement: &str, module: &str) -> Result<PathBuf> {
    let venv = root.join("target").join(dir);
    let python = venv.join("bin/python");
    let has = |python: &Path| {
        Command::new(python)
            .args(["-c", &format!("import {module}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if python.exists() && has(&python) {
        return Ok(python);
    }
    eprintln!("\n==> installing {requirement} into {}", venv.display());
    let ok = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success())
        && Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", requirement])
            .status()
            .is_ok_and(|s| s.success());
    if ok && has(&python) {
        Ok(python)
    } else {
        Err(format!(
            "could not install {requirement} from PyPI into {}",
            venv.display()
        ))
    }
}
