//! Nothing lost, nothing let in, from the command line: input that never ends or is far too
//! big is refused at once and named, a write that fails part-way leaves the previous file as
//! it was, two programs importing into one library at once both get all their maps in, and
//! `library check` reports and restores.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{handoff_in, template};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `handoff` and kills it if it has not finished in `limit`: a test of bounded input
/// must not hang the suite when the bound is gone.
fn handoff_within(data: &Path, args: &[&str], limit: Duration) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_handoff"))
        .args(args)
        .env("HANDOFF_DATA_DIR", data)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("handoff {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[cfg(unix)]
#[test]
fn endless_or_huge_input_is_refused_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.handoff.json");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let sparse = dir.path().join("sparse.handoff.json");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    for (file, words) in [
        ("/dev/zero", "not a regular file"),
        (fifo.to_str().unwrap(), "not a regular file"),
        (sparse.to_str().unwrap(), "may be at most"),
    ] {
        let out = handoff_within(dir.path(), &["validate", file], Duration::from_secs(10));
        assert_eq!(out.status.code(), Some(2), "{file}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(file) && err.contains(words), "{file}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_part_way_leaves_the_previous_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("existing.pdf");
    std::fs::write(&out, b"the good file, as it was").unwrap();
    // A shell lowers the file size limit (in 512-byte blocks) for the command alone: the
    // SOP is far bigger than 4 KB, so its write fails part-way. SIGXFSZ is ignored, as a
    // shell or service manager may have it, so the write fails with an error the writer
    // sees (with the signal's default action the process dies on the spot: the previous file
    // is still intact then, but the temporary file stays behind).
    let status = Command::new("sh")
        .arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f 8; exec "$0" sop "$1" -o "$2""#)
        .arg(env!("CARGO_BIN_EXE_handoff"))
        .arg(template("order-to-cash.handoff.json"))
        .arg(&out)
        .env("HANDOFF_DATA_DIR", dir.path())
        .output()
        .expect("sh runs");
    assert!(
        !status.status.success(),
        "the write must fail under the limit"
    );
    assert_eq!(std::fs::read(&out).unwrap(), b"the good file, as it was");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "existing.pdf")
        .collect();
    assert!(left.is_empty(), "no temporary file left behind: {left:?}");
}

#[test]
fn two_programs_importing_into_one_library_both_get_every_map_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.handoff-db");
    let source = std::fs::read_to_string(template("monthly-invoicing.handoff.json")).unwrap();
    let mut files = Vec::new();
    for i in 0..80 {
        let path = dir.path().join(format!("map-{i}.handoff.json"));
        let mut map: serde_json::Value = serde_json::from_str(&source).unwrap();
        map["process"]["id"] = format!("import-{i}").into();
        let text = serde_json::to_string(&map).unwrap();
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    let halves: Vec<Vec<std::path::PathBuf>> = files.chunks(40).map(<[_]>::to_vec).collect();
    let loops: Vec<_> = halves
        .into_iter()
        .map(|half| {
            let (db, data) = (db.clone(), dir.path().to_owned());
            std::thread::spawn(move || {
                half.iter()
                    .filter(|file| {
                        let db = db.to_str().unwrap();
                        let out = handoff_in(
                            &data,
                            ["library", "import", "--db", db, file.to_str().unwrap()],
                        );
                        !out.status.success()
                    })
                    .count()
            })
        })
        .collect();
    let failed: usize = loops.into_iter().map(|l| l.join().unwrap()).sum();
    assert_eq!(failed, 0, "every import succeeds");
    let listed = handoff_in(
        dir.path(),
        [
            "library",
            "list",
            "--format",
            "json",
            "--db",
            db.to_str().unwrap(),
        ],
    );
    let list: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 80, "all 80 maps are there");
}

#[test]
fn library_check_reports_a_sound_library_and_restore_needs_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.handoff-db");
    let db = db.to_str().unwrap();
    let imported = handoff_in(
        dir.path(),
        [
            "library",
            "import",
            "--db",
            db,
            template("lead-intake.handoff.json").to_str().unwrap(),
        ],
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
    let checked = handoff_in(dir.path(), ["library", "check", "--db", db]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    assert!(String::from_utf8_lossy(&checked.stdout).contains(": ok"));
    let restore = handoff_in(dir.path(), ["library", "check", "--restore", "--db", db]);
    assert_eq!(restore.status.code(), Some(1));
    assert!(
        stderr(&restore).contains("no backup"),
        "{}",
        stderr(&restore)
    );

    // A file that is not a library at all is refused with its name.
    let junk = dir.path().join("junk.handoff-db");
    std::fs::write(&junk, vec![7u8; 4096]).unwrap();
    let out = handoff_in(
        dir.path(),
        ["library", "check", "--db", junk.to_str().unwrap()],
    );
    assert_ne!(out.status.code(), Some(0));
    let said = format!("{}{}", stderr(&out), String::from_utf8_lossy(&out.stdout));
    assert!(said.contains("junk.handoff-db"), "{said}");
}
