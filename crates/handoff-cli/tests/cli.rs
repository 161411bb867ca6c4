//! The `handoff` binary as a user runs it: exit codes, JSON shapes, the message for each
//! kind of bad file, and the library subcommands against a temporary library.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod common;

fn fixture(name: &str) -> PathBuf {
    common::repo("tests/fixtures").join(name)
}

/// Runs `handoff` with the given arguments, isolated from the user's own library.
fn handoff(args: &[&str], data_dir: &Path) -> Output {
    common::handoff_in(data_dir, args)
}

fn run(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    handoff(args, dir.path())
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(out)))
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

const DATE: &str = "--date=2026-07-01";

#[test]
fn validate_exit_codes_follow_the_worst_finding() {
    let clean = fixture("cli-clean.handoff.json");
    let dangling = fixture("cli-dangling.handoff.json");
    let truncated = fixture("cli-truncated.handoff.json");
    assert_eq!(code(&run(&["validate", DATE, path_str(&clean)])), 0);
    assert_eq!(code(&run(&["validate", DATE, path_str(&dangling)])), 1);
    assert_eq!(
        code(&run(&[
            "validate",
            DATE,
            path_str(&clean),
            path_str(&dangling)
        ])),
        1
    );
    let mixed = run(&["validate", DATE, path_str(&dangling), path_str(&truncated)]);
    assert_eq!(code(&mixed), 2, "an unreadable file wins over findings");
    // The readable file is still checked and reported.
    assert!(
        stdout(&mixed).contains("error[dangling-decision]"),
        "{}",
        stdout(&mixed)
    );
    // Without --date the review date is judged against today; the clean fixture's review
    // (due 2026-09-01) is then overdue, which is a warning and keeps exit code 0.
    assert_eq!(code(&run(&["validate", path_str(&clean)])), 0);
}

#[test]
fn validate_text_names_file_code_and_hint() {
    let dangling = fixture("cli-dangling.handoff.json");
    let out = run(&["validate", DATE, path_str(&dangling)]);
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "{}: error[dangling-decision] Decision 'Order complete?' has 1 branch",
            dangling.display()
        )),
        "{text}"
    );
    assert!(text.contains("\n  hint: "), "{text}");
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );

    let forced = Command::new(env!("CARGO_BIN_EXE_handoff"))
        .args(["validate", DATE, path_str(&dangling)])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(
        stdout(&forced).contains('\x1b'),
        "CLICOLOR_FORCE turns colour on"
    );
}

#[test]
fn validate_json_is_an_array_of_files_with_diagnostics_or_an_error() {
    let clean = fixture("cli-clean.handoff.json");
    let dangling = fixture("cli-dangling.handoff.json");
    let truncated = fixture("cli-truncated.handoff.json");

    let one = run(&["validate", "--format", "json", DATE, path_str(&clean)]);
    assert_eq!(code(&one), 0);
    let v = json(&one);
    let arr = v.as_array().expect("an array even for one file");
    assert_eq!(arr.len(), 1);
    assert_eq!(arr[0]["file"], path_str(&clean));
    assert_eq!(arr[0]["diagnostics"], Value::Array(vec![]));

    let out = run(&[
        "validate",
        "--format=json",
        DATE,
        path_str(&dangling),
        path_str(&truncated),
    ]);
    assert_eq!(code(&out), 2);
    let v = json(&out);
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);

    let entry = arr[0].as_object().unwrap();
    let keys: Vec<&str> = entry.keys().map(String::as_str).collect();
    assert_eq!(keys, ["diagnostics", "file"]);
    let diags = entry["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1);
    let d = diags[0].as_object().unwrap();
    let mut keys: Vec<&str> = d.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["code", "elements", "hint", "message", "severity"]);
    assert_eq!(d["code"], "dangling-decision");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["elements"], serde_json::json!(["n-ok"]));
    assert!(d["message"].as_str().unwrap().contains("Order complete?"));
    assert!(!d["hint"].as_str().unwrap().is_empty());

    let bad = arr[1].as_object().unwrap();
    assert_eq!(bad["file"], path_str(&truncated));
    assert!(bad.get("diagnostics").is_none());
    let reason = bad["error"].as_str().unwrap();
    assert!(reason.contains("line 12, column"), "{reason}");
}

/// Each bad file: exit code 2, and stderr says `error: <path>: <reason>`.
fn assert_refused(path: &Path, reason: &str) {
    let out = run(&["validate", path_str(path)]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}: {reason}", path.display())),
        "expected `{}: {reason}` in: {err}",
        path.display()
    );
}

#[test]
fn each_bad_file_gets_its_own_clear_message() {
    assert_refused(&fixture("cli-empty.handoff.json"), "the file is empty");
    assert_refused(
        &fixture("cli-truncated.handoff.json"),
        "line 12, column 7: EOF while parsing",
    );
    assert_refused(
        &fixture("cli-wrong-types.handoff.json"),
        "at process.nodes[0].label (line 7, column 47): invalid type: integer `42`, expected a string",
    );
    assert_refused(
        &fixture("cli-unknown-format.handoff.json"),
        "unsupported format \"handoff/9\"",
    );
    assert_refused(&fixture("cli-does-not-exist.handoff.json"), "no such file");

    let dir = tempfile::tempdir().unwrap();
    assert_refused(dir.path(), "is a folder, not a file");
    // A 50 MB file, sparse so the test writes nothing; the size check must refuse it from
    // its metadata (reading it would also fail the JSON parse, with another message).
    let big = dir.path().join("big.handoff.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    assert_refused(
        &big,
        "the file is 50.0 MB; a Handoff map may be at most 32 MB",
    );
}

#[test]
fn metrics_json_has_every_number() {
    let out = run(&[
        "metrics",
        "--format",
        "json",
        path_str(&fixture("cli-clean.handoff.json")),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v = json(&out);
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "cycle",
            "decisions",
            "handoffWaitShare",
            "handoffs",
            "lanes",
            "perSeat",
            "seats",
            "steps",
            "touchMinutes",
            "waitMinutes"
        ]
    );
    assert_eq!(v["steps"], 2);
    assert_eq!(v["handoffs"], 1);
    assert_eq!(v["touchMinutes"], 45);
    assert_eq!(v["waitMinutes"], 120);
    assert_eq!(v["cycle"]["typical"]["total"], 165);
    assert_eq!(v["perSeat"][1]["name"], "Finance");
    assert_eq!(v["perSeat"][1]["handoffsIn"], 1);

    let text = run(&["metrics", path_str(&fixture("cli-clean.handoff.json"))]);
    let t = stdout(&text);
    assert!(t.contains("Invoicing"), "{t}");
    assert!(t.contains("typical 2 h 45 min"), "{t}");

    let bad = run(&["metrics", path_str(&fixture("cli-empty.handoff.json"))]);
    assert_eq!(code(&bad), 2);
    assert!(stderr(&bad).contains("the file is empty"));
}

#[test]
fn library_import_list_export_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.handoff-db");
    let db = path_str(&db);
    let clean = fixture("cli-clean.handoff.json");

    let imported = handoff(
        &["library", "import", path_str(&clean), "--db", db],
        dir.path(),
    );
    assert_eq!(code(&imported), 0, "{}", stderr(&imported));
    assert!(stdout(&imported).contains("Imported 'Invoicing' as cli-invoicing (revision 1)"));
    let again = handoff(
        &[
            "library",
            "--db",
            db,
            "import",
            "--new-id",
            path_str(&clean),
        ],
        dir.path(),
    );
    assert!(
        stdout(&again).contains("as cli-invoicing-2"),
        "{}",
        stdout(&again)
    );

    let list = handoff(
        &["library", "list", "--db", db, "--format", "json", DATE],
        dir.path(),
    );
    assert_eq!(code(&list), 0, "{}", stderr(&list));
    let v = json(&list);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2, "a library named with --db is not seeded");
    assert_eq!(rows[0]["id"], "cli-invoicing");
    assert_eq!(rows[0]["ownerName"], "Finance");
    assert_eq!(rows[0]["problems"]["errors"], 0);
    assert_eq!(rows[0]["review"]["status"], "current");
    assert_eq!(rows[0]["review"]["due"], "2026-09-01");

    let text = handoff(&["library", "list", "--db", db], dir.path());
    assert!(stdout(&text).contains("cli-invoicing"), "{}", stdout(&text));

    let out = dir.path().join("out.handoff.json");
    let exported = handoff(
        &[
            "library",
            "export",
            "cli-invoicing",
            path_str(&out),
            "--db",
            db,
        ],
        dir.path(),
    );
    assert_eq!(code(&exported), 0, "{}", stderr(&exported));
    let original = handoff_core::parse_document(&std::fs::read(&clean).unwrap()).unwrap();
    let back = handoff_core::parse_document(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(back, original);

    let missing = handoff(
        &["library", "export", "nope", path_str(&out), "--db", db],
        dir.path(),
    );
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("no process with id \"nope\""));
}

#[test]
fn library_review_lists_an_overdue_process() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.handoff-db");
    let db = path_str(&db);
    let clean = fixture("cli-clean.handoff.json");
    handoff(
        &["library", "import", path_str(&clean), "--db", db],
        dir.path(),
    );

    // Weekly, last reviewed 2026-06-01: due 2026-09-01, overdue by 2026-11-21.
    let out = handoff(
        &["library", "review", "--db", db, "--date", "2026-11-21"],
        dir.path(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let overdue = text.find("Overdue").expect("an Overdue section");
    let upcoming = text.find("Upcoming").expect("an Upcoming section");
    let entry = text
        .find("Invoicing (Finance, id cli-invoicing): was due 2026-09-01, 81 days ago")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(overdue < entry && entry < upcoming, "{text}");

    let v = json(&handoff(
        &[
            "library",
            "review",
            "--db",
            db,
            "--date=2026-11-21",
            "--format=json",
        ],
        dir.path(),
    ));
    assert_eq!(v["overdue"][0]["id"], "cli-invoicing");
    assert_eq!(v["overdue"][0]["days"], -81);
    assert_eq!(v["upcoming"], Value::Array(vec![]));
}

#[test]
fn library_refuses_a_foreign_or_missing_file_without_touching_it() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&foreign).unwrap();
    for args in [
        vec!["library", "list", "--db", path_str(&foreign)],
        vec![
            "library",
            "import",
            path_str(&fixture("cli-clean.handoff.json")),
            "--db",
            path_str(&foreign),
        ],
    ] {
        let out = handoff(&args, dir.path());
        assert_eq!(code(&out), 2);
        assert!(
            stderr(&out).contains(&format!("{}: not a Handoff library", foreign.display())),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&foreign).unwrap(), before);
    }

    let missing = dir.path().join("missing.db");
    let out = handoff(&["library", "list", "--db", path_str(&missing)], dir.path());
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no such library file"),
        "{}",
        stderr(&out)
    );
    assert!(!missing.exists(), "listing never creates a library");
}

#[test]
fn library_copy_to_a_team_library_and_back_and_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.handoff-db");
    let file = path_str(&file);
    let clean = fixture("cli-clean.handoff.json");
    let imported = handoff(
        &["library", "import", path_str(&clean), "--db", file],
        dir.path(),
    );
    assert_eq!(code(&imported), 0, "{}", stderr(&imported));
    let team = handoff_pg_cluster::database();
    // A password in the URL is used, never printed (the test cluster trusts everyone).
    let with_password = team.replacen("postgres@", "postgres:s3cret@", 1);
    let list = |db: &str| {
        let out = handoff(
            &["library", "list", "--db", db, "--format", "json", DATE],
            dir.path(),
        );
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        json(&out)
    };

    let copied = handoff(&["library", "copy", file, &with_password], dir.path());
    assert_eq!(code(&copied), 0, "{}", stderr(&copied));
    assert!(
        stdout(&copied).contains(&format!("Copied 1 new process, 0 updated, 1 revision, 2 seats and 0 rule settings from {file} to {team}")),
        "{}",
        stdout(&copied)
    );
    let in_team = list(&team);
    assert_eq!(in_team, list(file));

    let again = handoff(&["library", "copy", file, &with_password], dir.path());
    assert_eq!(code(&again), 2);
    assert!(
        stderr(&again).contains(&format!("{team} is not empty (1 process, 2 seats)")),
        "{}",
        stderr(&again)
    );
    let merged = handoff(&["library", "copy", "--merge", file, &team], dir.path());
    assert_eq!(code(&merged), 0, "{}", stderr(&merged));
    assert!(
        stdout(&merged).contains("nothing to copy"),
        "{}",
        stdout(&merged)
    );
    assert_eq!(
        list(&team),
        in_team,
        "a second copy changed the team library"
    );

    let history = handoff(
        &["library", "history", "cli-invoicing", "--db", &team],
        dir.path(),
    );
    assert_eq!(code(&history), 0, "{}", stderr(&history));
    assert!(
        stdout(&history).contains("Imported from"),
        "{}",
        stdout(&history)
    );

    let back = dir.path().join("back.handoff-db");
    let back = path_str(&back);
    let home = handoff(&["library", "copy", &team, back], dir.path());
    assert_eq!(code(&home), 0, "{}", stderr(&home));
    assert_eq!(list(back), in_team);

    let check = handoff(&["library", "check", "--db", &with_password], dir.path());
    assert_eq!(code(&check), 2);
    assert!(
        stderr(&check).contains(&format!("{team} is a team library on PostgreSQL")),
        "{}",
        stderr(&check)
    );
    for out in [&copied, &again, &merged, &history, &home, &check] {
        assert!(!stdout(out).contains("s3cret") && !stderr(out).contains("s3cret"));
    }
}

#[test]
fn library_history_names_who_saved_each_revision() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.handoff-db");
    let db = path_str(&db);
    let clean = fixture("cli-clean.handoff.json");
    let as_user = |user: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_handoff"))
            .args(args)
            .env("HANDOFF_DATA_DIR", dir.path())
            .env("USER", user)
            .env_remove("LOGNAME")
            .env_remove("USERNAME")
            .env_remove("CLICOLOR_FORCE")
            .output()
            .unwrap()
    };
    // The operating-system user by default; --author wins.
    let first = as_user("dana", &["library", "import", path_str(&clean), "--db", db]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let mut changed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&clean).unwrap()).unwrap();
    changed["process"]["name"] = "Invoices".into();
    let file = dir.path().join("changed.handoff.json");
    std::fs::write(&file, changed.to_string()).unwrap();
    let second = as_user(
        "dana",
        &[
            "library",
            "import",
            path_str(&file),
            "--db",
            db,
            "--author",
            "Ann Lee",
        ],
    );
    assert_eq!(code(&second), 0, "{}", stderr(&second));

    let history = as_user("dana", &["library", "history", "cli-invoicing", "--db", db]);
    assert_eq!(code(&history), 0, "{}", stderr(&history));
    let lines: Vec<String> = stdout(&history).lines().map(str::to_owned).collect();
    assert!(
        lines[1].contains("Ann Lee") && lines[1].contains("Imported from"),
        "{lines:?}"
    );
    assert!(lines[2].contains("dana"), "{lines:?}");
    let json = as_user(
        "dana",
        &[
            "library",
            "history",
            "cli-invoicing",
            "--db",
            db,
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[0]["author"], "Ann Lee");
    assert_eq!(v[1]["author"], "dana");
}

#[test]
fn the_default_library_is_seeded_with_the_templates_once() {
    let dir = tempfile::tempdir().unwrap();
    let list = handoff(&["library", "list", "--format", "json"], dir.path());
    assert_eq!(code(&list), 0, "{}", stderr(&list));
    let n = json(&list).as_array().unwrap().len();
    assert_eq!(n, handoff_templates::all().len());
    assert!(n > 0);
    assert!(dir.path().join("library.handoff-db").exists());
    // Seeding again would fail on nothing, but must not add copies.
    let again = json(&handoff(
        &["library", "list", "--format", "json"],
        dir.path(),
    ));
    assert_eq!(again.as_array().unwrap().len(), n);
}

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["validate", "--help"],
        vec!["metrics", "--help"],
        vec!["library", "--help"],
        vec!["library", "list", "--help"],
        vec!["library", "import", "--help"],
        vec!["library", "export", "--help"],
        vec!["library", "review", "--help"],
    ] {
        let out = run(&args);
        assert_eq!(code(&out), 0, "{args:?}");
        assert!(stdout(&out).contains("Usage: handoff"), "{args:?}");
    }
}
