//! Documents: SOP PDFs, seat handouts and RACI exports, checked through what a reader gets:
//! the PDF's extracted text (pdftotext), its page count (pdfinfo), the XLSX read back with
//! calamine and the CSV's bytes. Branch directions and handoffs are checked against the map
//! itself, not against the numbering code that wrote them.

use std::collections::{BTreeSet, HashMap};
use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use handoff_core::build::{generate, Builder};
use handoff_core::{Document, NodeKind, NodeTag, SeatId, SeatKind};
use handoff_docs::raci::{to_csv, to_pdf, to_xlsx};
use handoff_docs::{handout, sop, RaciMatrix, Rendered, SopOptions};
use handoff_tests::{templates, today};

const SECTIONS: [&str; 13] = [
    "Document control",
    "Purpose",
    "Scope",
    "Trigger and cadence",
    "Roles",
    "Inputs and prerequisites",
    "Procedure",
    "Process map",
    "Expected output",
    "Failure signals",
    "RACI",
    "Appendix: open findings",
    "Revision history",
];

fn scratch(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("handoff-docs-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write scratch file");
    path
}

fn run(cmd: &str, args: &[&str], path: &Path) -> String {
    let out = Command::new(cmd)
        .args(args)
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{cmd} (poppler-utils) must be installed: {e}"));
    assert!(
        out.status.success(),
        "{cmd} failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 text")
}

/// The text of a PDF in content order, without the running headers and footers, with lines
/// joined by single spaces so wrapped sentences read whole.
fn text_of(name: &str, pdf: &[u8]) -> String {
    let path = scratch(name, pdf);
    let raw = run("pdftotext", &["-raw", "-enc", "UTF-8"], &path);
    raw.lines()
        .filter(|l| !is_running_line(l))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page lines of the PDF as printed, headers included.
fn raw_lines(name: &str, pdf: &[u8]) -> Vec<String> {
    let path = scratch(name, pdf);
    run("pdftotext", &["-raw", "-enc", "UTF-8"], &path)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn is_running_line(l: &str) -> bool {
    let l = l.trim();
    l.starts_with("SOP · ")
        || l.starts_with("Handout · ")
        || l.starts_with("RACI · ") && l.contains(" as of ")
        || l.contains("Page ")
            && l.split("Page ").last().is_some_and(|r| r.contains(" of "))
            && (l.starts_with("Owner: ") || l.ends_with(|c: char| c.is_ascii_digit()))
}

fn pages(name: &str, pdf: &[u8]) -> usize {
    let path = scratch(name, pdf);
    let out = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&out.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports a page count")
}

fn render(doc: &Document) -> Rendered {
    sop(doc, &SopOptions::new(today()))
}

/// The step headings "Step N: title" in the text, in order.
fn step_headings(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("Step ") {
        rest = &rest[at + 5..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || !rest[digits.len()..].starts_with(": ") {
            continue;
        }
        let after = &rest[digits.len() + 2..];
        // The title runs to the "Responsible:" line printed under every heading.
        let title = after
            .split(" Responsible: ")
            .next()
            .unwrap_or("")
            .trim()
            .to_owned();
        out.push((digits.parse().expect("number"), title));
    }
    out
}

/// What a flow leads to, worked out from the map alone: the label of the step or decision
/// it reaches (passing through gateways), or the outcome's label.
fn reaches(doc: &Document, node: &str, seen: &mut BTreeSet<String>) -> Vec<(bool, String)> {
    let p = &doc.process;
    let Some(n) = p.nodes.iter().find(|n| n.id.as_str() == node) else {
        return Vec::new();
    };
    if !seen.insert(node.to_owned()) {
        return Vec::new();
    }
    match n.tag() {
        NodeTag::Step | NodeTag::Decision => vec![(true, n.display_name())],
        NodeTag::Outcome => vec![(false, n.display_name())],
        _ => p
            .flows
            .iter()
            .filter(|f| f.from.as_str() == node)
            .flat_map(|f| reaches(doc, f.to.as_str(), seen))
            .collect(),
    }
}

fn title_of(label: &str, decision: bool) -> String {
    // Line breaks in a label print as spaces.
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if decision {
        format!("Decide: {label}")
    } else {
        label
    }
}

/// Checks every branch sentence and handoff of `doc` against the map.
fn assert_directions(name: &str, doc: &Document, text: &str) {
    let p = &doc.process;
    let headings: HashMap<usize, String> = step_headings(text).into_iter().collect();
    let lane_seat: HashMap<&str, &SeatId> =
        p.lanes.iter().map(|l| (l.id.as_str(), &l.seat)).collect();
    let seat_name = |s: &SeatId| doc.seat(s).map_or(s.to_string(), |s| s.name.clone());
    let node = |id: &str| p.nodes.iter().find(|n| n.id.as_str() == id);
    let lower = text.to_lowercase();
    for flow in &p.flows {
        let Some(from) = node(flow.from.as_str()) else {
            continue;
        };
        // Decision branches: "If <label>, ... go to step N" where N is the step reached.
        if from.tag() == NodeTag::Decision && !flow.label.trim().is_empty() {
            let cond = format!("If {}, ", flow.label.trim());
            // The branch sentences follow the decision's own heading.
            let head = format!(": Decide: {} Responsible: ", from.display_name());
            let own = text
                .find(&head)
                .unwrap_or_else(|| panic!("{name}: no heading for '{head}'"));
            let at = own
                + text[own..]
                    .find(&cond)
                    .unwrap_or_else(|| panic!("{name}: no sentence starts with '{cond}'"));
            let sentence: String = text[at..].chars().take(400).collect();
            let targets = reaches(doc, flow.to.as_str(), &mut BTreeSet::new());
            for (is_step, label) in targets {
                if is_step {
                    let go = sentence
                        .find("go to step ")
                        .unwrap_or_else(|| panic!("{name}: '{sentence}' says no step"));
                    let n: usize = sentence[go + 11..]
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect::<String>()
                        .parse()
                        .expect("step number");
                    let target = node_by_label(doc, &label);
                    let want = title_of(&label, target == Some(NodeTag::Decision));
                    assert_eq!(
                        headings.get(&n).map(String::as_str),
                        Some(want.as_str()),
                        "{name}: '{cond}' goes to step {n}, which must be '{want}'"
                    );
                } else {
                    assert!(
                        sentence.contains(&format!("the process ends: {label}")),
                        "{name}: '{sentence}' must end the process at '{label}'"
                    );
                }
            }
        }
        // Handoffs: "Hand over <item> to <seat of the receiving lane>".
        let Some(to) = node(flow.to.as_str()) else {
            continue;
        };
        if let (Some(a), Some(b)) = (&from.lane, &to.lane) {
            if a != b && !flow.handover.trim().is_empty() {
                let seat = seat_name(lane_seat[b.as_str()]);
                let want = format!("hand over {} to {}", flow.handover.trim(), seat).to_lowercase();
                assert!(lower.contains(&want), "{name}: missing '{want}'");
            }
        }
    }
}

fn node_by_label(doc: &Document, label: &str) -> Option<NodeTag> {
    doc.process
        .nodes
        .iter()
        .find(|n| n.display_name() == label)
        .map(|n| n.tag())
}

fn numbered_count(doc: &Document) -> usize {
    doc.process
        .nodes
        .iter()
        .filter(|n| matches!(n.tag(), NodeTag::Step | NodeTag::Decision))
        .count()
}

fn assert_sections_in_order(name: &str, text: &str) {
    let mut from = 0;
    for s in SECTIONS {
        let at = text[from..]
            .find(s)
            .unwrap_or_else(|| panic!("{name}: section '{s}' missing or out of order"));
        from += at + s.len();
    }
}

fn assert_numbering(name: &str, doc: &Document, text: &str) {
    let heads = step_headings(text);
    let numbers: Vec<usize> = heads.iter().map(|h| h.0).collect();
    let want: Vec<usize> = (1..=numbered_count(doc)).collect();
    assert_eq!(
        numbers, want,
        "{name}: steps numbered 1..n in order, once each"
    );
    let printed: BTreeSet<String> = heads.into_iter().map(|h| h.1).collect();
    let drawn: BTreeSet<String> = doc
        .process
        .nodes
        .iter()
        .filter(|n| matches!(n.tag(), NodeTag::Step | NodeTag::Decision))
        .map(|n| title_of(&n.display_name(), n.tag() == NodeTag::Decision))
        .collect();
    assert_eq!(printed, drawn, "{name}: every step and decision is printed");
}

#[test]
fn sop_of_every_template_is_complete_and_its_directions_match_the_map() {
    for (name, doc) in templates() {
        let out = render(&doc);
        assert!(out.warnings.is_empty(), "{name}: {:?}", out.warnings);
        let text = text_of(&format!("{name}.pdf"), &out.pdf);
        assert_sections_in_order(&name, &text);
        assert_numbering(&name, &doc, &text);
        assert_directions(&name, &doc, &text);
        assert!(
            text.contains(doc.process.name.trim()),
            "{name}: title printed"
        );
        let n = pages(&format!("{name}.pdf"), &out.pdf);
        assert!((4..=25).contains(&n), "{name}: {n} pages");
    }
}

#[test]
fn sop_of_a_200_step_process_numbers_every_step_and_stays_in_proportion() {
    let doc = generate(200, 8);
    let out = render(&doc);
    let text = text_of("generated-200.pdf", &out.pdf);
    assert_sections_in_order("generated", &text);
    assert_numbering("generated", &doc, &text);
    assert_directions("generated", &doc, &text);
    let n = pages("generated-200.pdf", &out.pdf);
    // About six steps a page of procedure, plus the map's pages and the RACI table.
    assert!((25..=150).contains(&n), "{n} pages for 200 steps");
}

#[test]
fn same_map_and_date_give_the_same_bytes() {
    let (_, doc) = templates().into_iter().next().expect("a template");
    let a = render(&doc);
    let b = render(&doc);
    assert!(a.pdf == b.pdf, "two renders differ");
    let later = sop(&doc, &SopOptions::new(today().succ_opt().expect("date")));
    assert!(later.pdf != a.pdf, "the date is part of the document");
    let m = RaciMatrix::new(&doc);
    assert_eq!(
        to_xlsx(&m, today()).expect("xlsx"),
        to_xlsx(&m, today()).expect("xlsx")
    );
}

fn international() -> Document {
    Builder::new("Dostawa — Łódź → Αθήνα → Москва")
        .lane("pl", "Magazyn Łódź", SeatKind::Team)
        .lane("gr", "Γραφείο Αθήνα", SeatKind::Person)
        .lane("ru", "Склад Москва", SeatKind::System)
        .node("start", NodeKind::Start, Some("pl"))
        .step("pack", "pl")
        .step("ship", "gr")
        .step("receive", "ru")
        .node("end", NodeKind::Outcome, Some("ru"))
        .arrow("start", "pack")
        .flow("pack", "ship", "", "paczka z fakturą")
        .flow("ship", "receive", "", "δέμα")
        .arrow("receive", "end")
        .with(|d| {
            d.process.nodes[1].label = "Spakować zamówienie (żółć)".into();
            d.process.nodes[2].label = "Αποστολή δέματος".into();
            d.process.nodes[3].label = "Принять посылку".into();
        })
        .build()
}

#[test]
fn latin_extended_greek_and_cyrillic_print_as_written() {
    let doc = international();
    let out = render(&doc);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let text = text_of("intl.pdf", &out.pdf);
    for s in [
        "Łódź",
        "Spakować zamówienie (żółć)",
        "Αποστολή δέματος",
        "Принять посылку",
        "Γραφείο Αθήνα",
        "Склад Москва",
        "Hand over paczka z fakturą to Γραφείο Αθήνα",
    ] {
        assert!(text.contains(s), "'{s}' missing from:\n{text}");
    }
}

#[test]
fn a_character_the_font_lacks_prints_a_placeholder_and_warns() {
    let doc = Builder::new("Hindi क and 東京")
        .lane("a", "Team ह", SeatKind::Team)
        .node("start", NodeKind::Start, Some("a"))
        .step("s", "a")
        .node("end", NodeKind::Outcome, Some("a"))
        .arrow("start", "s")
        .arrow("s", "end")
        .build();
    let out = render(&doc);
    let joined = out.warnings.join("\n");
    for code in ["U+0915", "U+6771", "U+4EAC", "U+0939"] {
        assert!(joined.contains(code), "no warning for {code}: {joined}");
    }
    let text = text_of("emoji.pdf", &out.pdf);
    assert!(
        text.contains("Hindi \u{FFFD} and \u{FFFD}\u{FFFD}"),
        "{text}"
    );
}

fn read_xlsx(bytes: Vec<u8>) -> (Vec<Vec<String>>, Vec<String>) {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("xlsx opens");
    let names = wb.sheet_names().to_vec();
    let range = wb.worksheet_range("RACI").expect("RACI sheet");
    let rows = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    (rows, names)
}

#[test]
fn raci_xlsx_reads_back_equal_to_the_model() {
    let mut docs: Vec<Document> = templates().into_iter().map(|t| t.1).collect();
    docs.push(international());
    for doc in docs {
        let m = RaciMatrix::new(&doc);
        let (rows, sheets) = read_xlsx(to_xlsx(&m, today()).expect("xlsx"));
        assert_eq!(sheets, ["RACI", "Legend"]);
        let mut header = vec!["Step".to_owned(), "Name".to_owned()];
        header.extend(m.seats.iter().map(|s| s.name.clone()));
        assert_eq!(rows[0], header);
        assert_eq!(rows.len(), m.rows.len() + 1);
        for (row, want) in rows[1..].iter().zip(&m.rows) {
            assert_eq!(row[0], want.number.to_string());
            assert_eq!(row[1], want.label);
            let letters: Vec<String> = want.roles.iter().map(|r| r.code().to_owned()).collect();
            // calamine trims trailing empty cells of a row.
            let mut got = row[2..].to_vec();
            got.resize(letters.len(), String::new());
            assert_eq!(got, letters, "{}: row {}", m.process, want.number);
        }
        // Every step in a lane has exactly one R (its lane's seat); a step in no lane none.
        for (row, want) in rows[1..].iter().zip(&m.rows) {
            let r = row[2..].iter().filter(|c| c.contains('R')).count();
            let node = doc.process.node(&want.step).expect("row names a step");
            let in_lane = node
                .lane
                .as_ref()
                .and_then(|l| doc.process.lane(l))
                .is_some();
            assert_eq!(r, usize::from(in_lane), "{}: {row:?}", m.process);
        }
    }
}

#[test]
fn raci_csv_starts_with_a_bom_and_keeps_accents() {
    let m = RaciMatrix::new(&international());
    let csv = to_csv(&m);
    assert_eq!(&csv[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(csv[3..].to_vec()).expect("utf-8");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("Step,Name,Magazyn Łódź,Γραφείο Αθήνα,Склад Москва")
    );
    assert_eq!(lines.next(), Some("1,Spakować zamówienie (żółć),R/A,,"));
    assert_eq!(lines.count(), 2);
}

#[test]
fn raci_pdf_lists_every_step_with_its_letters() {
    let doc = generate(40, 5);
    let m = RaciMatrix::new(&doc);
    let out = to_pdf(&m, today());
    let text = text_of("raci.pdf", &out.pdf);
    for row in &m.rows {
        assert!(
            text.contains(&format!("{} {} ", row.number, row.label)),
            "row {} missing",
            row.number
        );
    }
    // R/A where a step's Accountable is its own lane's seat; an agent's steps are answered
    // for by a person (generate's first seat), so they show R and A apart.
    let own = doc
        .process
        .nodes
        .iter()
        .filter_map(|n| {
            let lane = doc.process.lane(n.lane.as_ref()?)?;
            Some(n.details()?.raci.accountable.contains(&lane.seat))
        })
        .filter(|own| *own)
        .count();
    assert!(own < m.rows.len(), "some steps are an agent's");
    assert_eq!(text.matches("R/A").count(), own);
}

#[test]
fn seat_handout_gathers_the_seats_work_across_the_library() {
    let docs: Vec<Document> = templates().into_iter().map(|t| t.1).collect();
    // The seat with a lane in the most processes.
    let mut counts: HashMap<&SeatId, usize> = HashMap::new();
    for d in &docs {
        for l in &d.process.lanes {
            *counts.entry(&l.seat).or_default() += 1;
        }
    }
    let (seat, _) = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .expect("a seat");
    let seat = (*seat).clone();
    let out = handout(&docs, &seat, today()).expect("handout");
    let text = text_of("handout.pdf", &out.pdf);
    let lower = text.to_lowercase();
    for d in &docs {
        let p = &d.process;
        let Some(lane) = p.lanes.iter().find(|l| l.seat == seat) else {
            continue;
        };
        assert!(text.contains(p.name.trim()), "{} missing", p.name);
        let procedure = handoff_core::procedure::Procedure::new(p);
        let name = |s: &SeatId| d.seat(s).map_or(s.to_string(), |x| x.name.clone());
        for (k, &ix) in procedure.order().iter().enumerate() {
            let n = &p.nodes[ix];
            if n.lane.as_ref() == Some(&lane.id) {
                let head = format!(
                    "Step {}: {}",
                    k + 1,
                    title_of(&n.display_name(), n.tag() == NodeTag::Decision)
                );
                assert!(text.contains(&head), "{}: '{head}' missing", p.name);
            }
        }
        for f in &p.flows {
            let (Some(a), Some(b)) = (p.node(&f.from), p.node(&f.to)) else {
                continue;
            };
            if f.handover.trim().is_empty() || a.lane == b.lane {
                continue;
            }
            let seat_of = |n: &handoff_core::Node| {
                n.lane
                    .as_ref()
                    .and_then(|l| p.lane(l))
                    .map(|l| name(&l.seat))
            };
            if b.lane.as_ref() == Some(&lane.id) {
                let want = format!(
                    "{} from {}",
                    f.handover.trim(),
                    seat_of(a).unwrap_or_default()
                );
                assert!(
                    lower.contains(&want.to_lowercase()),
                    "{}: receives '{want}'",
                    p.name
                );
            }
            if a.lane.as_ref() == Some(&lane.id) {
                let want = format!(
                    "hand over {} to {}",
                    f.handover.trim(),
                    seat_of(b).unwrap_or_default()
                );
                assert!(
                    lower.contains(&want.to_lowercase()),
                    "{}: hands over '{want}'",
                    p.name
                );
            }
        }
    }
    assert!(text.contains("Processes you own"));
    assert!(text.contains("You are accountable for"));
}

#[test]
fn handout_for_an_unknown_seat_is_an_error() {
    let docs: Vec<Document> = templates().into_iter().map(|t| t.1).collect();
    let err = handout(&docs, &SeatId::from("nobody"), today()).expect_err("unknown seat");
    assert!(err.to_string().contains("nobody"));
}

#[test]
fn running_header_and_page_numbers_are_on_every_page() {
    let doc = generate(60, 4);
    let out = render(&doc);
    let n = pages("numbers.pdf", &out.pdf);
    let lines = raw_lines("numbers.pdf", &out.pdf);
    for k in 1..=n {
        let want = format!("Page {k} of {n}");
        assert!(lines.iter().any(|l| l.contains(&want)), "'{want}' missing");
    }
}

#[test]
fn a_table_longer_than_a_page_repeats_its_header_on_every_page() {
    let doc = generate(200, 8);
    let m = RaciMatrix::new(&doc);
    let out = to_pdf(&m, today());
    let path = scratch("raci-long.pdf", &out.pdf);
    let raw = run("pdftotext", &["-raw", "-enc", "UTF-8"], &path);
    // pdftotext ends every page with a form feed.
    let pages: Vec<&str> = raw
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 4, "{} pages", pages.len());
    let header = "# Step Seat 0 Seat 1 Seat 2 Seat 3 Seat 4 Seat 5 Seat 6 Seat 7";
    for (k, page) in pages.iter().enumerate() {
        assert!(page.contains(header), "page {} has no table header", k + 1);
    }
    // Every row once, none lost at a page break; numbers stay on one line.
    let text = text_of("raci-long.pdf", &out.pdf);
    for row in &m.rows {
        assert_eq!(
            text.matches(&format!(" {} {} ", row.number, row.label))
                .count(),
            1,
            "row {}",
            row.number
        );
    }
}

#[test]
fn step_references_are_borderless_links() {
    let doc = generate(30, 3);
    let pdf = render(&doc).pdf;
    let raw = String::from_utf8_lossy(&pdf);
    let links = raw.matches("/Subtype/Link").count();
    // Each decision's "go to step N" sentences and the start sentence link to their steps.
    assert!(links >= 3, "{links} links");
    assert_eq!(
        raw.matches("/Border[0 0 0]").count(),
        links,
        "every link borderless"
    );
}

/// Every `.bpmn` file under `dir`, sorted.
fn bpmn_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            bpmn_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "bpmn") {
            out.push(p);
        }
    }
    out.sort();
}

#[test]
fn sops_of_real_bpmn_diagrams_render_with_every_step_numbered() {
    // Imported geometry is whatever other tools drew: overlapping shapes, far-flung
    // positions, many lanes. Each must still give a complete, readable document.
    let mut files = Vec::new();
    bpmn_files(
        &handoff_tests::shared_dir().join("corpus").join("bpmn-miwg"),
        &mut files,
    );
    let mut rendered = 0;
    for path in files.iter().step_by(5) {
        let Ok(import) = handoff_bpmn::import(&std::fs::read(path).expect("readable")) else {
            continue;
        };
        let doc = import.document;
        let out = render(&doc);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = text_of(&format!("corpus-{rendered}.pdf"), &out.pdf);
        assert_sections_in_order(&name, &text);
        assert_numbering(&name, &doc, &text);
        rendered += 1;
    }
    assert!(rendered >= 20, "only {rendered} corpus files rendered");
}
