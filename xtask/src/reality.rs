//! `cargo xtask bench`, reality check: `handoff reality` and pm4py's token-based replay on
//! the same generated log (100,000 cases, about a million events) and the same 200-step map
//! (given to pm4py as Handoff's BPMN export), side by side in one run.
//!
//! Wanted: both count the same fitting cases; Handoff reads and checks the log in under
//! 2 s with under 500 MB at its peak, and at least 100 times faster than pm4py reads and
//! replays it. pm4py comes from PyPI into a private virtual environment under `target/`.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use super::{cargo, ensure_packages, venv_python, Report, Result};

/// The pm4py release the comparison was measured with.
const PM4PY: &str = "pm4py==2.7.23.11";
const MAX_SECONDS: f64 = 2.0;
const MAX_MB: f64 = 500.0;
const MIN_RATIO: f64 = 100.0;

/// What one side measured.
struct Side {
    seconds: f64,
    peak_mb: f64,
    fitting: u64,
}

/// Runs the comparison and adds its lines to `report`.
pub(super) fn bench(root: &Path, report: &mut Report) {
    let name = "handoff reality vs pm4py (1,000,000 events)";
    let dir = root.join("target/reality-bench");
    let map = dir.join("bench.handoff.json");
    let bpmn = dir.join("bench.bpmn");
    let log = dir.join("bench.xes");
    let handoff = root.join("target/release/handoff");
    let mut generate = cargo(&[
        "run",
        "--release",
        "-p",
        "handoff-reality",
        "--example",
        "bench_log",
        "--",
    ]);
    generate.arg(&dir);
    if !report.run(
        root,
        "reality bench: generate the map and the log",
        generate,
    ) || !report.run(
        root,
        "build the handoff command (release)",
        cargo(&["build", "--release", "-p", "handoff-cli"]),
    ) {
        return;
    }
    let mut convert = Command::new(&handoff);
    convert.arg("convert").arg(&map).arg(&bpmn).arg("--force");
    if !report.run(root, "reality bench: export the map as BPMN", convert) {
        return;
    }
    let outcome = (|| -> Result<(Side, Side)> {
        ensure_packages(&["time", "python3-venv"])?;
        let python = venv_python(root, "pm4py-venv", PM4PY, "pm4py")?;
        eprintln!("\n==> handoff reality vs pm4py, same log, same map");
        let mut ours = Vec::new();
        for _ in 0..3 {
            ours.push(run_handoff(&handoff, &map, &log)?);
        }
        ours.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
        let ours = ours.swap_remove(1);
        let theirs = run_pm4py(
            &python,
            &root.join("xtask/scripts/pm4py_replay.py"),
            &bpmn,
            &log,
        )?;
        Ok((ours, theirs))
    })();
    let (ours, theirs) = match outcome {
        Ok(sides) => sides,
        Err(e) => {
            eprintln!("FAIL: {e}");
            report.lines.push(format!("  FAIL {name}: {e}"));
            report.failed.push(name.to_owned());
            return;
        }
    };
    let ratio = theirs.seconds / ours.seconds;
    let line = format!(
        "handoff reality {:.2} s, {:.0} MB peak (median of 3); pm4py read + token replay \
         {:.0} s, {:.0} MB peak: {ratio:.0} times faster; fitting cases {} vs {}",
        ours.seconds, ours.peak_mb, theirs.seconds, theirs.peak_mb, ours.fitting, theirs.fitting
    );
    eprintln!("{line}");
    let mut problems = Vec::new();
    if ours.fitting != theirs.fitting {
        problems.push(format!(
            "handoff counts {} fitting cases, pm4py {}",
            ours.fitting, theirs.fitting
        ));
    }
    if ours.seconds >= MAX_SECONDS {
        problems.push(format!(
            "{:.2} s, under {MAX_SECONDS} s wanted",
            ours.seconds
        ));
    }
    if ours.peak_mb >= MAX_MB {
        problems.push(format!("{:.0} MB, under {MAX_MB} MB wanted", ours.peak_mb));
    }
    if ratio < MIN_RATIO {
        problems.push(format!("{ratio:.0} times faster, {MIN_RATIO} wanted"));
    }
    let ok = problems.is_empty();
    report.lines.push(format!(
        "  {:<4} {name}: {:.2} s / {:.0} MB vs {:.0} s, {ratio:.0}x, fitting {} = {}",
        if ok { "ok" } else { "FAIL" },
        ours.seconds,
        ours.peak_mb,
        theirs.seconds,
        ours.fitting,
        theirs.fitting
    ));
    if !ok {
        eprintln!("FAIL: {}", problems.join("; "));
        report.failed.push(name.to_owned());
    }
}

/// Runs `program args` under GNU time; its stdout, wall seconds and peak memory in MB.
fn timed(program: &Path, args: &[&Path], ok_codes: &[i32]) -> Result<(String, f64, f64)> {
    let started = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(program)
        .args(args)
        .output()
        .map_err(|e| format!("could not run {}: {e}", program.display()))?;
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // GNU time writes "Command exited with non-zero status N" and then the figure.
    let code = out.status.code().unwrap_or(-1);
    let kb: f64 = stderr
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .ok_or_else(|| format!("no memory figure from /usr/bin/time: {stderr}"))?;
    let code = if code == 0 {
        0
    } else {
        exit_code_of(&stderr).unwrap_or(code)
    };
    if !ok_codes.contains(&code) {
        return Err(format!(
            "{} failed ({}): {stderr}",
            program.display(),
            out.status
        ));
    }
    Ok((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        seconds,
        kb / 1024.0,
    ))
}

fn exit_code_of(time_stderr: &str) -> Option<i32> {
    time_stderr
        .lines()
        .find_map(|l| l.strip_prefix("Command exited with non-zero status "))
        .and_then(|n| n.trim().parse().ok())
}

/// The figure after `"key":` in a line of JSON.
fn json_number(json: &str, key: &str) -> Option<u64> {
    let at = json.find(&format!("\"{key}\":"))? + key.len() + 3;
    let digits: String = json[at..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn run_handoff(handoff: &Path, map: &Path, log: &Path) -> Result<Side> {
    // Exit code 1: some cases deviate, which is still a run.
    let (out, seconds, peak_mb) = timed(
        handoff,
        &[Path::new("reality"), map, log, Path::new("--format=json")],
        &[0, 1],
    )?;
    let fitting = json_number(&out, "fitting_cases").ok_or("no fitting_cases in the output")?;
    Ok(Side {
        seconds,
        peak_mb,
        fitting,
    })
}

fn run_pm4py(python: &Path, script: &Path, bpmn: &Path, log: &Path) -> Result<Side> {
    let (out, seconds, peak_mb) = timed(python, &[script, bpmn, log], &[0])?;
    let fitting = json_number(&out, "fitting").ok_or_else(|| format!("pm4py said: {out}"))?;
    Ok(Side {
        seconds,
        peak_mb,
        fitting,
    })
}
