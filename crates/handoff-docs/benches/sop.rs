//! SOP rendering speed for generated maps (targets: 200 steps under 300 ms, 1,000 steps
//! under 2 s), plus the RACI exports of the 200-step map.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use handoff_core::build::generate;
use handoff_docs::raci::{to_csv, to_xlsx};
use handoff_docs::{sop, RaciMatrix, SopOptions};

fn bench(c: &mut Criterion) {
    let date = NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date");
    let opts = SopOptions::new(date);
    let mut g = c.benchmark_group("sop");
    g.sample_size(10);
    for steps in [200, 1000] {
        let doc = generate(steps, 8);
        g.bench_function(format!("{steps} steps"), |b| b.iter(|| sop(&doc, &opts)));
    }
    g.finish();
    let doc = generate(200, 8);
    let m = RaciMatrix::new(&doc);
    c.bench_function("raci xlsx 200 steps", |b| b.iter(|| to_xlsx(&m, date)));
    c.bench_function("raci csv 200 steps", |b| b.iter(|| to_csv(&m)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
