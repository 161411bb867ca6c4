//! The project's commands, run as `cargo xtask <command>` from anywhere in the repository.
//!
//! - `run`: install what is missing, build the UI and the desktop app, and launch it on the
//!   library in the default app-data folder.
//! - `test`: install what is missing, then run every check and test in one go: formatting,
//!   clippy, the Rust tests (engine, store, CLI, BPMN, documents, bindings freshness), the UI's
//!   type check and unit tests, the MCP server driven by the official Python client, and the
//!   end-to-end tests in the real app window under Xvfb.
//! - `bench`: the benchmarks whose figures the README quotes.
//! - `fuzz [SECONDS]`: every fuzz target (cargo-fuzz, libFuzzer) for SECONDS each (default
//!   300); `test` runs the light ones for a short fixed budget.
//!
//! Everything that needs installing is installed here, so a fresh Debian/Ubuntu machine with
//! Rust needs nothing else: Debian packages through apt (as root, or through `sudo -n`), npm
//! packages with `npm ci` from the committed lock files. Elsewhere the command stops and says
//! exactly what to install.

mod mcp;
mod reality;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

/// Debian packages needed to build the Tauri shell.
const BUILD_PACKAGES: &[&str] = &["build-essential", "pkg-config", "libwebkit2gtk-4.1-dev"];
/// Debian packages needed to run the window headless, drive it and read PDFs in tests.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "imagemagick",
    "poppler-utils",
    // close.py (run.mjs) closes the window as a window manager would; frames.py counts frames.
    "python3-xlib",
    // instance.mjs gives the app a session bus of its own, as a desktop does.
    "dbus-daemon",
    // The team library's tests start a throwaway PostgreSQL cluster (handoff-pg-cluster).
    "postgresql",
];

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = repo_root();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&root, &args[1..]),
        Some("test") => test(&root),
        Some("bench") if args.get(1).is_some_and(|a| a == "reality") => {
            let (mut report, started) = (Report::default(), Instant::now());
            reality::bench(&root, &mut report);
            report.finish(started)
        }
        Some("bench") => bench(&root),
        Some("fuzz") => fuzz(&root, &args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n\
                 commands:\n  \
                 run     install what is missing, build and launch the desktop app\n  \
                 test    install what is missing and run every test (Rust, UI, end-to-end)\n  \
                 bench   run the benchmarks quoted in the README (bench reality: only\n          handoff reality against pm4py)\n  \
                 fuzz    run every fuzz target for SECONDS each (default 300)"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

type Result<T = ()> = std::result::Result<T, String>;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits in the repository root")
        .to_path_buf()
}

fn has_app(root: &Path) -> bool {
    root.join("src-tauri/Cargo.toml").exists() && root.join("ui/package.json").exists()
}

// ---------------------------------------------------------------------------------------
// run

fn run(root: &Path, extra: &[String]) -> Result {
    if !has_app(root) {
        // Before the desktop app existed, `run` built the CLI and validated the templates.
        ensure_packages(&["build-essential"])?;
        step(
            root,
            "build the handoff command",
            cargo(&["build", "-p", "handoff-cli"]),
        )?;
        let templates = template_files(root)?;
        eprintln!("\n==> validate the templates");
        let status = Command::new(root.join("target/debug/handoff"))
            .arg("validate")
            .args(&templates)
            .current_dir(root)
            .status()
            .map_err(|e| format!("could not run handoff validate: {e}"))?;
        // Exit code 1 means findings (the flawed as-is example has them on purpose);
        // only 2, a file that cannot be read, is a failure here.
        return match status.code() {
            Some(0 | 1) => Ok(()),
            _ => Err(format!("handoff validate failed ({status})")),
        };
    }
    let headless = env::var_os("DISPLAY").is_none() && env::var_os("WAYLAND_DISPLAY").is_none();
    let mut packages = BUILD_PACKAGES.to_vec();
    if headless {
        packages.extend(["xvfb", "xauth"]);
    }
    ensure_packages(&packages)?;
    ensure_npm()?;
    npm_ci(root, "ui")?;
    step(
        root,
        "build the UI",
        npm(&["--prefix", "ui", "run", "build"]),
    )?;
    step(
        root,
        "build the desktop app",
        cargo(&[
            "build",
            "-p",
            "handoff-app",
            "--features",
            "custom-protocol",
        ]),
    )?;
    let app = root.join("target/debug/handoff-app");
    let mut cmd = if headless {
        eprintln!(
            "\nNo display found (DISPLAY and WAYLAND_DISPLAY are unset): starting the app under \
             Xvfb on a virtual 1440x900 screen. Stop it with Ctrl-C."
        );
        let mut c = Command::new("xvfb-run");
        c.args(["-a", "-s", "-screen 0 1440x900x24"]).arg(&app);
        c
    } else {
        Command::new(&app)
    };
    cmd.args(extra);
    eprintln!("\n==> launch {}", app.display());
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {}: {e}", app.display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the app exited with {status}"))
    }
}

// ---------------------------------------------------------------------------------------
// test

fn test(root: &Path) -> Result {
    let started = Instant::now();
    let app = has_app(root);
    let mut packages = BUILD_PACKAGES.to_vec();
    packages.extend_from_slice(TEST_PACKAGES);
    ensure_packages(&packages)?;

    let mut report = Report::default();
    let node_dirs: Vec<&str> = ["ui", "tests/e2e", "tests/bpmnlint"]
        .into_iter()
        .filter(|d| root.join(d).join("package.json").exists())
        .collect();
    if !node_dirs.is_empty() {
        ensure_npm()?;
    }
    for dir in &node_dirs {
        npm_ci(root, dir)?;
    }
    if app {
        // The shell embeds ui/dist when built with custom-protocol, so build the UI first;
        // then one cargo build serves clippy, the tests and the end-to-end binary.
        report.run(
            root,
            "build the UI",
            npm(&["--prefix", "ui", "run", "build"]),
        );
    }
    let features: &[&str] = if app {
        &["--features", "handoff-app/custom-protocol"]
    } else {
        &[]
    };

    report.run(
        root,
        "cargo fmt --check",
        cargo(&["fmt", "--all", "--check"]),
    );
    let mut clippy = vec!["clippy", "--workspace", "--all-targets"];
    clippy.extend_from_slice(features);
    clippy.extend(["--", "-D", "warnings"]);
    report.run(root, "cargo clippy", cargo(&clippy));
    let mut tests = vec!["test", "--workspace"];
    tests.extend_from_slice(features);
    let mut rust_tests = cargo(&tests);
    // Tests that lean on installed tools (bpmnlint, pdftotext) fail rather than skip.
    rust_tests.env("HANDOFF_FULL_TESTS", "1");
    report.run(root, "Rust tests", rust_tests);
    fuzz_short(root, &mut report);

    if app {
        report.run(
            root,
            "UI type check (tsc --strict)",
            npm(&["--prefix", "ui", "run", "typecheck"]),
        );
        report.run(
            root,
            "UI unit tests (vitest)",
            npm(&["--prefix", "ui", "test"]),
        );
        // Same package set and features as the test run above, so cargo reuses that build
        // (`-p handoff-app` alone would unify features differently and rebuild half of it).
        let mut build = vec!["build", "--workspace"];
        build.extend_from_slice(features);
        let built = report.run(root, "build the desktop app", cargo(&build));
        if built {
            mcp::client(root, &mut report);
        }
        // Each suite starts its own Xvfb and WebKitWebDriver and stops them by PID.
        for (suite, what) in [
            ("run.mjs", "end-to-end: editor, library, relaunch"),
            (
                "features.mjs",
                "end-to-end: compare, RACI, export, BPMN import",
            ),
            (
                "crash.mjs",
                "end-to-end: SIGKILL at 20 random moments, nothing saved is lost",
            ),
            (
                "instance.mjs",
                "end-to-end: a second launch hands its file to the running window",
            ),
        ] {
            let script = root.join("tests/e2e").join(suite);
            if built && script.exists() {
                let mut e2e = Command::new("node");
                e2e.arg(script)
                    .env("HANDOFF_APP", root.join("target/debug/handoff-app"))
                    .env("HANDOFF_ARTIFACTS", root.join("artifacts/e2e"));
                report.run(root, what, e2e);
            }
        }
    } else {
        // Without the app, the Rust tests built the `handoff` binary.
        mcp::client(root, &mut report);
    }

    report.finish(started)
}

#[derive(Default)]
struct Report {
    lines: Vec<String>,
    failed: Vec<String>,
}

impl Report {
    /// Runs one step, records how it went, and goes on: one failing step should not hide
    /// what the others would say.
    fn run(&mut self, root: &Path, name: &str, cmd: Command) -> bool {
        let t = Instant::now();
        let ok = step(root, name, cmd).is_ok();
        let secs = t.elapsed().as_secs_f64();
        self.lines.push(format!(
            "  {:<4} {name} ({secs:.0} s)",
            if ok { "ok" } else { "FAIL" }
        ));
        if !ok {
            self.failed.push(name.to_owned());
        }
        ok
    }

    /// Prints the summary; fails naming the steps that failed.
    fn finish(&self, started: Instant) -> Result {
        self.print(started);
        if self.failed.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} step(s) failed: {}",
                self.failed.len(),
                self.failed.join(", ")
            ))
        }
    }

    fn print(&self, started: Instant) {
        eprintln!(
            "\n==> summary ({:.0} s in all)",
            started.elapsed().as_secs_f64()
        );
        for line in &self.lines {
            eprintln!("{line}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// bench

fn bench(root: &Path) -> Result {
    ensure_packages(BUILD_PACKAGES)?;
    let mut report = Report::default();
    let started = Instant::now();
    for (package, what) in [
        ("handoff-core", "engine: load, check, metrics, diff"),
        ("handoff-bpmn", "BPMN import + check"),
        ("handoff-docs", "SOP PDF"),
    ] {
        if root.join("crates").join(package).join("benches").exists() {
            report.run(root, what, cargo(&["bench", "-p", package]));
        }
    }
    let lint = root.join("crates/handoff-bpmn/benches/bpmnlint.sh");
    if lint.exists() {
        ensure_npm()?;
        npm_ci(root, "tests/bpmnlint")?;
        report.run(root, "bpmnlint on the same file", Command::new(lint));
    }

    // The `handoff validate` process against bpmnlint (`recommended`) on the same
    // 2,000-task file, both timed as whole processes, turn about, so that load on the machine
    // weighs on both alike. The file is the one the handoff-bpmn bench writes.
    const MIN_RATIO: f64 = 100.0;
    let bpmn = root.join("target/bpmn-bench-2000.bpmn");
    let lint_js = root.join("tests/bpmnlint/lint.js");
    let name = "handoff validate vs bpmnlint (processes)";
    if !bpmn.exists() {
        eprintln!(
            "\nFAIL: {} was not written by the handoff-bpmn bench",
            bpmn.display()
        );
        report
            .lines
            .push(format!("  FAIL {name}: no {}", bpmn.display()));
        report.failed.push(name.to_owned());
    } else if report.run(
        root,
        "build the handoff command (release)",
        cargo(&["build", "--release", "-p", "handoff-cli"]),
    ) {
        eprintln!("\n==> handoff validate vs bpmnlint, whole processes, same file");
        /// Wall-clock milliseconds of one run, output discarded; an error unless the exit
        /// code is one of `ok_codes`.
        fn time_ms(program: &Path, args: &[&Path], ok_codes: &[i32]) -> Result<f64> {
            let started = Instant::now();
            let status = Command::new(program)
                .args(args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .map_err(|e| format!("could not run {}: {e}", program.display()))?;
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            match status.code() {
                Some(code) if ok_codes.contains(&code) => Ok(ms),
                _ => Err(format!("{} {args:?} failed ({status})", program.display())),
            }
        }
        fn median(mut v: Vec<f64>) -> f64 {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        }
        let handoff = root.join("target/release/handoff");
        let validate = Path::new("validate");
        let json = Path::new("--format=json");
        // Exit code 1 is findings, which still counts as a run.
        let run_handoff = || time_ms(&handoff, &[validate, json, &bpmn], &[0, 1]);
        let run_lint = || time_ms(Path::new("node"), &[&lint_js, &bpmn], &[0, 1]);
        let timed = (|| -> Result<(f64, f64, usize, usize)> {
            for _ in 0..3 {
                run_handoff()?;
            }
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            for _ in 0..5 {
                theirs.push(run_lint()?);
                for _ in 0..10 {
                    ours.push(run_handoff()?);
                }
            }
            let (n_ours, n_theirs) = (ours.len(), theirs.len());
            Ok((median(ours), median(theirs), n_ours, n_theirs))
        })();
        match timed {
            Ok((ours, theirs, n_ours, n_theirs)) => {
                let ratio = theirs / ours;
                let line = format!(
                    "handoff validate {ours:.1} ms (median of {n_ours}), bpmnlint {theirs:.0} ms \
                     (median of {n_theirs}): {ratio:.0} times faster (at least {MIN_RATIO:.0} wanted)"
                );
                eprintln!("{line}");
                let ok = ratio >= MIN_RATIO;
                report.lines.push(format!(
                    "  {:<4} {name}: {ours:.1} ms vs {theirs:.0} ms, {ratio:.0}x",
                    if ok { "ok" } else { "FAIL" }
                ));
                if !ok {
                    eprintln!(
                        "FAIL: handoff validate is only {ratio:.0} times faster than bpmnlint \
                         on the same file; it must be at least {MIN_RATIO:.0} times faster"
                    );
                    report.failed.push(name.to_owned());
                }
            }
            Err(e) => {
                eprintln!("FAIL: {e}");
                report.lines.push(format!("  FAIL {name}: {e}"));
                report.failed.push(name.to_owned());
            }
        }
    }
    reality::bench(root, &mut report);
    let perf = root.join("tests/e2e/perf.mjs");
    if has_app(root) && perf.exists() {
        ensure_packages(TEST_PACKAGES)?;
        // perf.mjs counts the frames that reach the X server with tests/e2e/frames.py.
        ensure_packages(&["python3-xlib"])?;
        ensure_npm()?;
        npm_ci(root, "ui")?;
        npm_ci(root, "tests/e2e")?;
        report.run(
            root,
            "build the UI",
            npm(&["--prefix", "ui", "run", "build"]),
        );
        report.run(
            root,
            "build the desktop app (release)",
            cargo(&[
                "build",
                "--release",
                "-p",
                "handoff-app",
                "--features",
                "custom-protocol",
            ]),
        );
        let mut cmd = Command::new("node");
        cmd.arg(perf)
            .env("HANDOFF_APP", root.join("target/release/handoff-app"));
        report.run(root, "desktop app: 1,000-step map in the real window", cmd);
    }
    report.print(started);
    if report.failed.is_empty() {
        Ok(())
    } else {
        Err(format!("{} benchmark(s) failed", report.failed.len()))
    }
}

// ---------------------------------------------------------------------------------------
// fuzz

/// The fuzz targets quick to build and run: the loader, the BPMN importer and the engine on
/// arbitrary graphs. `cargo xtask test` runs these.
const LIGHT_FUZZ_TARGETS: &[&str] = &["load_map", "bpmn_import", "graph"];
/// The document renderers; they build printpdf again with the fuzzer's instrumentation
/// (many minutes on two cores), so only `cargo xtask fuzz` runs them.
const HEAVY_FUZZ_TARGETS: &[&str] = &["render"];
/// Seconds each light target runs within `cargo xtask test`.
const SHORT_FUZZ_SECONDS: u64 = 20;
/// Seconds each target runs under `cargo xtask fuzz` unless told otherwise.
const LONG_FUZZ_SECONDS: u64 = 300;

/// `cargo xtask fuzz [SECONDS]`: builds every target and runs each for SECONDS.
fn fuzz(root: &Path, args: &[String]) -> Result {
    let seconds = match args.first() {
        None => LONG_FUZZ_SECONDS,
        Some(s) => s
            .parse()
            .map_err(|_| format!("usage: cargo xtask fuzz [SECONDS], not {s:?}"))?,
    };
    ensure_packages(&["build-essential"])?;
    ensure_cargo_fuzz()?;
    let started = Instant::now();
    let mut report = Report::default();
    let mut targets = LIGHT_FUZZ_TARGETS.to_vec();
    targets.extend_from_slice(HEAVY_FUZZ_TARGETS);
    run_fuzz_targets(
        root,
        &mut report,
        "fuzz",
        &targets,
        &["--features", "render"],
        seconds,
    );
    report.finish(started)
}

/// The step of `cargo xtask test` that builds the light fuzz targets and runs each for
/// [`SHORT_FUZZ_SECONDS`]; a crash fails the test run.
fn fuzz_short(root: &Path, report: &mut Report) {
    let name = "fuzz (short budget): install cargo-fuzz";
    if let Err(e) = ensure_cargo_fuzz() {
        eprintln!("\nFAIL: {e}");
        report.lines.push(format!("  FAIL {name}"));
        report.failed.push(name.to_owned());
        return;
    }
    run_fuzz_targets(
        root,
        report,
        "fuzz (short budget)",
        LIGHT_FUZZ_TARGETS,
        &[],
        SHORT_FUZZ_SECONDS,
    );
}

/// Builds the fuzz crate with `features` and runs each of `targets` for `seconds`, seeded
/// with the committed inputs, each a step of `report` named after `label`. Building first,
/// once, keeps the build's time out of the targets' budgets.
fn run_fuzz_targets(
    root: &Path,
    report: &mut Report,
    label: &str,
    targets: &[&str],
    features: &[&str],
    seconds: u64,
) {
    let mut build = cargo_fuzz(root, "build");
    build.args(features);
    if !report.run(root, &format!("{label}: build the targets"), build) {
        return;
    }
    for target in targets {
        // New inputs go to a corpus under fuzz/target (not committed); the committed
        // inputs only seed it.
        let corpus = root.join("fuzz/target/corpus").join(target);
        if let Err(e) = std::fs::create_dir_all(&corpus) {
            eprintln!("\nFAIL: {}: {e}", corpus.display());
            report.failed.push(format!("{label}: {target}"));
            continue;
        }
        let mut run = cargo_fuzz(root, "run");
        run.args(features).arg(target).arg(&corpus);
        run.args(
            fuzz_seeds(root, target)
                .into_iter()
                .filter(|dir| dir.is_dir()),
        );
        run.args([
            "--".to_owned(),
            format!("-max_total_time={seconds}"),
            // A map that needs more than this is a leak or a blow-up, not a big map.
            "-rss_limit_mb=2048".to_owned(),
            // One input taking this long is a hang.
            "-timeout=10".to_owned(),
        ]);
        if matches!(*target, "graph" | "render") {
            // Structure-aware inputs: use the full length (maps of a few hundred elements)
            // from the start instead of growing it slowly from a few bytes.
            run.arg("-len_control=0");
        }
        report.run(root, &format!("{label}: {target} ({seconds} s)"), run);
    }
}

/// The committed inputs that seed a target: earlier findings (`fuzz/regressions/<target>`,
/// replayed first on every run) and, for the byte readers, the malformed-input corpus and
/// real files.
fn fuzz_seeds(root: &Path, target: &str) -> Vec<PathBuf> {
    let mut dirs = vec![root.join("fuzz/regressions").join(target)];
    let malformed = root.join("tests/fixtures/malformed");
    match target {
        "load_map" => dirs.extend([malformed, root.join("templates")]),
        "bpmn_import" => dirs.extend([malformed, root.join("../shared/corpus/bpmn-miwg")]),
        _ => {}
    }
    dirs
}

/// `cargo fuzz` with nightly features: rustup's nightly toolchain when it has one, else the
/// current (stable) toolchain with `RUSTC_BOOTSTRAP=1`, so a machine without nightly runs
/// the same targets.
fn cargo_fuzz(root: &Path, subcommand: &str) -> Command {
    let mut cmd = Command::new("cargo");
    if has_nightly() {
        cmd.arg("+nightly");
    } else {
        cmd.env("RUSTC_BOOTSTRAP", "1");
    }
    cmd.args(["fuzz", subcommand, "--fuzz-dir"])
        .arg(root.join("fuzz"));
    cmd
}

fn has_nightly() -> bool {
    Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.starts_with("nightly"))
        })
        .unwrap_or(false)
}

/// Installs cargo-fuzz from crates.io when `cargo fuzz` is not there.
fn ensure_cargo_fuzz() -> Result {
    let installed = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if installed {
        return Ok(());
    }
    let mut install = Command::new("cargo");
    install.args(["install", "cargo-fuzz", "--version", "0.13.2", "--locked"]);
    step(Path::new("."), "install cargo-fuzz", install)
}

// ---------------------------------------------------------------------------------------
// installing what is missing

fn ensure_packages(packages: &[&str]) -> Result {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| !debian_package_installed(p))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if which("apt-get").is_none() {
        return Err(format!(
            "this is not a Debian/Ubuntu machine, so Handoff cannot install its system \
             packages itself. Install the equivalents of: {}\n(WebKitGTK 4.1 development \
             files, a C toolchain and pkg-config to build; Xvfb, xauth, WebKitWebDriver, \
             ImageMagick, Poppler's pdftotext/pdftoppm and PostgreSQL's server to test.)",
            missing.join(" ")
        ));
    }
    let root_user = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let sudo: &[&str] = if root_user {
        &[]
    } else if which("sudo").is_some() {
        &["sudo", "-n"]
    } else {
        return Err(format!(
            "missing system packages and no root or sudo to install them. Run as root:\n  \
             apt-get update && apt-get install -y {}",
            missing.join(" ")
        ));
    };
    eprintln!("==> installing system packages: {}", missing.join(" "));
    let apt = |args: &[&str]| -> Result {
        let mut cmd = Command::new(sudo.first().copied().unwrap_or("apt-get"));
        if !sudo.is_empty() {
            cmd.args(&sudo[1..]).arg("apt-get");
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        let status = cmd
            .status()
            .map_err(|e| format!("could not run apt-get: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!(
                "apt-get {} failed ({status}). Install by hand:\n  sudo apt-get update && \
                 sudo apt-get install -y {}",
                args.join(" "),
                missing.join(" ")
            ))
        }
    };
    apt(&["update", "-qq"])?;
    let mut install = vec!["install", "-y", "-qq", "--no-install-recommends"];
    install.extend(&missing);
    apt(&install)
}

fn debian_package_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

fn ensure_npm() -> Result {
    if which("node").is_some() && which("npm").is_some() {
        return Ok(());
    }
    Err(
        "Node.js 20 or newer with npm is needed for the UI and its tests. Install it from \
         https://nodejs.org or your distribution (Debian: apt-get install nodejs npm) and \
         run the command again."
            .into(),
    )
}

/// `npm ci` from the committed lock file; skipped when `node_modules` is already newer than
/// the lock file, so a second run does not reinstall.
fn npm_ci(root: &Path, dir: &str) -> Result {
    let lock = root.join(dir).join("package-lock.json");
    let marker = root.join(dir).join("node_modules/.package-lock.json");
    let fresh = match (modified(&lock), modified(&marker)) {
        (Some(l), Some(m)) => m >= l,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    step(
        root,
        &format!("npm ci in {dir}/"),
        npm(&["ci", "--prefix", dir, "--no-audit", "--no-fund"]),
    )
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

// ---------------------------------------------------------------------------------------
// small process helpers

fn cargo(args: &[&str]) -> Command {
    let mut cmd = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.args(args);
    cmd
}

fn npm(args: &[&str]) -> Command {
    let mut cmd = Command::new("npm");
    cmd.args(args);
    cmd
}

fn step(root: &Path, name: &str, mut cmd: Command) -> Result {
    eprintln!("\n==> {name}");
    cmd.current_dir(root);
    let status = cmd
        .status()
        .map_err(|e| format!("{name}: could not start {:?}: {e}", cmd.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{name} failed ({status})"))
    }
}

fn which(program: &str) -> Option<PathBuf> {
    env::var_os("PATH").and_then(|paths| {
        env::split_paths(&paths)
            .map(|p| p.join(program))
            .find(|p| p.is_file())
    })
}

fn template_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("templates"))
        .map_err(|e| format!("templates/: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".handoff.json"))
        .collect();
    files.sort();
    Ok(files)
}

/// The python of the virtual environment `target/<dir>` with `requirement` installed,
/// creating the environment and installing it the first time (checked by importing
/// `module`).
pub(crate) fn venv_python(
    root: &Path,
    dir: &str,
    requirement: &str,
    module: &str,
) -> Result<PathBuf> {
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
