//! Writes the reality-check benchmark's inputs into a folder: a 200-step map
//! (`bench.handoff.json`) and an XES log of 100,000 cases, about a million events
//! (`bench.xes`), that mostly follows it.
//!
//! The map: a start, a decision between 20 kinds of work, each a line of 10 steps over five
//! seats with a rework loop (after its sixth step, "not right" goes back to its fourth),
//! all ending in one outcome. Cases pick a kind (some far more often than others), go
//! round the rework loop now and then, and now and then skip a step, swap two steps or do
//! something that is not on the map. Seeded: the same arguments give the same bytes.
//!
//! `cargo run --release -p handoff-reality --example bench_log -- DIR [CASES]`

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use handoff_core::build::Builder;
use handoff_core::{Document, NodeKind, SeatKind};

const KINDS: usize = 20;
const LINE: usize = 10;
const SEATS: usize = 5;

/// splitmix64: small, fast and good enough to make test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn step_id(kind: usize, k: usize) -> String {
    format!("k{kind}s{k}")
}

fn step_label(kind: usize, k: usize) -> String {
    format!("Work {} step {}", kind + 1, k + 1)
}

fn map() -> Document {
    let mut b = Builder::new("Benchmark process: 20 kinds of work");
    for s in 0..SEATS {
        b = b.lane(&format!("l{s}"), &format!("Seat {s}"), SeatKind::Team);
    }
    b = b
        .node("start", NodeKind::Start, Some("l0"))
        .node("kind", NodeKind::Decision, Some("l0"))
        .node("done", NodeKind::Outcome, Some("l0"))
        .arrow("start", "kind");
    for kind in 0..KINDS {
        for k in 0..LINE {
            b = b.step(&step_id(kind, k), &format!("l{}", (k / 2) % SEATS));
        }
        let check = format!("k{kind}check");
        b = b.node(&check, NodeKind::Decision, Some("l2")).flow(
            "kind",
            &step_id(kind, 0),
            &format!("work of kind {}", kind + 1),
            "",
        );
        for k in 0..LINE - 1 {
            if k == 5 {
                b = b
                    .arrow(&step_id(kind, k), &check)
                    .flow(&check, &step_id(kind, k + 1), "right", "")
                    .flow(&check, &step_id(kind, 3), "not right", "");
            } else {
                b = b.arrow(&step_id(kind, k), &step_id(kind, k + 1));
            }
        }
        b = b.arrow(&step_id(kind, LINE - 1), "done");
    }
    b.with(|d| {
        for n in &mut d.process.nodes {
            if let Some((kind, k)) = n.id.0.strip_prefix('k').and_then(|r| {
                let (a, b) = r.split_once('s')?;
                Some((a.parse::<usize>().ok()?, b.parse::<usize>().ok()?))
            }) {
                n.label = step_label(kind, k);
            }
        }
    })
    .build()
}

/// The activities of one case.
fn case(rng: &mut Rng) -> Vec<(String, usize)> {
    // Kind 1 is the most common, kind 20 the rarest.
    let kind = (rng.below(KINDS) * rng.below(KINDS)) / KINDS;
    let mut acts: Vec<(String, usize)> = Vec::with_capacity(16);
    let mut k = 0;
    let mut loops = 0;
    while k < LINE {
        acts.push((step_label(kind, k), k));
        if k == 5 && loops < 3 && rng.chance(0.1) {
            loops += 1;
            k = 3;
        } else {
            k += 1;
        }
    }
    if rng.chance(0.03) {
        let i = 1 + rng.below(acts.len() - 2);
        acts.remove(i);
    }
    if rng.chance(0.02) {
        let i = rng.below(acts.len() - 1);
        acts.swap(i, i + 1);
    }
    if rng.chance(0.01) {
        let i = rng.below(acts.len());
        acts.insert(i, ("Call the customer".to_owned(), 0));
    }
    acts
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "target".into()));
    let cases: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    std::fs::create_dir_all(&dir)?;
    let doc = map();
    std::fs::write(dir.join("bench.handoff.json"), handoff_core::to_json(&doc))?;

    let mut rng = Rng(13);
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join("bench.xes"))?);
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<log xes.version=\"1.0\" xmlns=\"http://www.xes-standard.org/\">"
    )?;
    // 2024-01-01T00:00:00Z, in seconds.
    let mut t: i64 = 1_704_067_200;
    let mut events = 0usize;
    let mut line = String::with_capacity(512);
    for c in 0..cases {
        writeln!(
            out,
            "\t<trace>\n\t\t<string key=\"concept:name\" value=\"case {}\"/>",
            c + 1
        )?;
        t += 60 * rng.below(30) as i64;
        let mut when = t;
        for (activity, k) in case(&mut rng) {
            when += 60 * (5 + rng.below(240)) as i64;
            let seat = if rng.chance(0.02) {
                rng.below(SEATS)
            } else {
                (k / 2) % SEATS
            };
            let stamp = chrono::DateTime::from_timestamp(when, 0)
                .unwrap_or_default()
                .format("%Y-%m-%dT%H:%M:%S%.3f+00:00");
            line.clear();
            let _ = write!(
                line,
                "\t\t<event>\n\t\t\t<string key=\"concept:name\" value=\"{activity}\"/>\n\t\t\t<string key=\"org:resource\" value=\"Seat {seat}\"/>\n\t\t\t<date key=\"time:timestamp\" value=\"{stamp}\"/>\n\t\t</event>\n"
            );
            out.write_all(line.as_bytes())?;
            events += 1;
        }
        writeln!(out, "\t</trace>")?;
    }
    writeln!(out, "</log>")?;
    out.flush()?;
    println!("{cases} cases, {events} events, {} steps", KINDS * LINE);
    Ok(())
}
