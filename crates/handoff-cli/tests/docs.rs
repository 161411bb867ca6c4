//! `handoff sop`, `handoff raci` and `handoff handout` as a user runs them: the files they
//! write (checked through pdftotext, the CSV's bytes and the XLSX's zip signature), the
//! same bytes for the same date, and the message and exit code for each kind of mistake.

use std::path::Path;
use std::process::{Command, Output};

mod common;

use common::template;

fn handoff(args: &[&str], data_dir: &Path) -> Output {
    common::handoff_in(data_dir, args)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "{}: not a readable PDF",
        path.display()
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

const DATE: &str = "--date=2026-11-21";

#[test]
fn sop_writes_the_procedure_and_is_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let map = template("lead-intake.handoff.json");
    let a = dir.path().join("a.pdf");
    let b = dir.path().join("b.pdf");
    for out in [&a, &b] {
        let run = handoff(&["sop", s(&map), "-o", s(out), DATE], dir.path());
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let text = pdf_text(&a);
    for want in [
        "Lead intake",
        "Effective date 2026-11-21",
        "Step 1: ",
        "Process map",
        "RACI",
    ] {
        assert!(text.contains(want), "'{want}' missing");
    }
}

#[test]
fn raci_format_follows_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let map = template("order-to-cash.handoff.json");
    for ext in ["xlsx", "csv", "pdf"] {
        let out = dir.path().join(format!("raci.{ext}"));
        let run = handoff(&["raci", s(&map), "-o", s(&out), DATE], dir.path());
        assert_eq!(run.status.code(), Some(0), "{ext}: {}", stderr(&run));
        let bytes = std::fs::read(&out).unwrap();
        match ext {
            "xlsx" => assert_eq!(&bytes[..2], b"PK", "an XLSX is a zip"),
            "csv" => {
                assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
                assert!(String::from_utf8(bytes)
                    .unwrap()
                    .starts_with("\u{FEFF}Step,Name,"));
            }
            _ => assert!(pdf_text(&out).contains("RACI · Order to cash")),
        }
    }
    let bad = dir.path().join("raci.txt");
    let run = handoff(&["raci", s(&map), "-o", s(&bad)], dir.path());
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("*.xlsx, *.csv or *.pdf"),
        "{}",
        stderr(&run)
    );
    assert!(!bad.exists());
}

#[test]
fn sop_and_handout_write_markdown_to_an_md_file() {
    let dir = tempfile::tempdir().unwrap();
    let map = template("order-to-cash.handoff.json");
    let out = dir.path().join("o2c.md");
    let run = handoff(&["sop", s(&map), "-o", s(&out), DATE], dir.path());
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("# Standard operating procedure: Order to cash\n"));
    assert!(md.contains("- **Effective date:** 2026-11-21\n"));
    assert!(md.contains("### Step 10: Review the customer's credit\n"));
    assert!(md.contains(
        "- → If released, hand over credit release note to Warehouse team, then go to step 3.\n"
    ));

    let db = dir.path().join("lib.handoff-db");
    let run = handoff(&["library", "--db", s(&db), "import", s(&map)], dir.path());
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let out = dir.path().join("warehouse.md");
    let run = handoff(
        &[
            "handout",
            "--seat",
            "warehouse team",
            "--db",
            s(&db),
            "-o",
            s(&out),
            DATE,
        ],
        dir.path(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.starts_with("# Onboarding handout: Warehouse team\n"),
        "{md}"
    );
    assert!(md.contains("\n## Order to cash\n"));
    assert!(md.contains("#### Step 3: Pick, pack and ship\n"));
    assert!(md.contains("- Hand over delivery note to Accounting system, after step 3\n"));

    let bad = dir.path().join("o2c.docx");
    let run = handoff(&["sop", s(&map), "-o", s(&bad)], dir.path());
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("*.pdf or *.md"), "{}", stderr(&run));
    assert!(!bad.exists());
}

#[test]
fn a_missing_map_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    let run = handoff(&["sop", "no-such.handoff.json", "-o", s(&out)], dir.path());
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("no-such.handoff.json: no such file"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn handout_reads_the_library_and_finds_the_seat_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.handoff-db");
    for t in ["lead-intake.handoff.json", "proposal-approval.handoff.json"] {
        let run = handoff(
            &["library", "--db", s(&db), "import", s(&template(t))],
            dir.path(),
        );
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    let out = dir.path().join("rep.pdf");
    let run = handoff(
        &[
            "handout",
            "--seat",
            "SALES REP",
            "--db",
            s(&db),
            "-o",
            s(&out),
            DATE,
        ],
        dir.path(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = pdf_text(&out);
    assert!(text.contains("Sales rep"));
    assert!(text.contains("Lead intake"));
    assert!(text.contains("Your steps, in order"));

    let run = handoff(
        &[
            "handout",
            "--seat",
            "Astronaut",
            "--db",
            s(&db),
            "-o",
            s(&out),
        ],
        dir.path(),
    );
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert!(
        err.contains("no seat \"Astronaut\"") && err.contains("Sales rep"),
        "{err}"
    );
}

/// The desktop app renders through `handoff_api::export::render` too: for the same map and
/// date the CLI's files are the app's bytes.
#[test]
fn the_cli_writes_the_same_bytes_as_the_application_layer() {
    use handoff_api::export::{render, MapFormat, RaciFormat, Rendering};
    let dir = tempfile::tempdir().unwrap();
    let map = common::template("order-to-cash.handoff.json");
    let doc = handoff_core::parse_document(&std::fs::read(&map).unwrap()).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let cases = [
        (
            "sop",
            "o2c.pdf",
            Rendering::Sop(Box::new(doc.clone()), handoff_docs::SopOptions::new(date)),
        ),
        (
            "raci",
            "o2c.xlsx",
            Rendering::Raci(Box::new(doc.clone()), RaciFormat::Xlsx),
        ),
        (
            "convert",
            "o2c.bpmn",
            Rendering::Map(Box::new(doc.clone()), MapFormat::Bpmn),
        ),
    ];
    for (command, file, rendering) in cases {
        let out = dir.path().join(file);
        let (map, out_s) = (map.to_str().unwrap(), out.to_str().unwrap());
        let args: Vec<&str> = if command == "convert" {
            vec![command, map, out_s]
        } else {
            vec![command, map, "-o", out_s, "--date", "2026-12-02"]
        };
        let run = common::handoff_in(dir.path(), &args);
        assert!(
            run.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let expected = render(rendering, date).unwrap().output;
        assert!(
            std::fs::read(&out).unwrap() == expected,
            "{command}: the bytes differ"
        );
    }
}
