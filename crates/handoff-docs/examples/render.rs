//! Renders the SOP of a `*.handoff.json` file, or of a generated map, for looking at pages.
//!
//! `cargo run -p handoff-docs --example render -- <file.handoff.json | gen:STEPS> OUT.pdf`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out] = args.as_slice() else {
        return Err("usage: render <file.handoff.json | gen:STEPS> OUT.pdf".into());
    };
    let doc = match input.strip_prefix("gen:") {
        Some(n) => handoff_core::build::generate(n.parse()?, 8),
        None => handoff_core::parse_document(&std::fs::read(input)?)?,
    };
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).ok_or("date")?;
    let started = std::time::Instant::now();
    let r = handoff_docs::sop(&doc, &handoff_docs::SopOptions::new(date));
    eprintln!("{} bytes in {:?}", r.pdf.len(), started.elapsed());
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    std::fs::write(out, r.pdf)?;
    Ok(())
}
