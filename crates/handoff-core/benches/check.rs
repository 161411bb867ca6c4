//! Load + check + metrics on generated maps of 100, 1,000 and 10,000 steps across 8 lanes
//! (the 10,000-step file is 7.8 MB of pretty-printed JSON with every step's details), and
//! loading alone. The README's performance table quotes these figures.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use handoff_core::{build::generate, check, file, metrics, Rules};

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date");
    let rules = Rules::default();
    for steps in [100usize, 1_000, 10_000] {
        let doc = generate(steps, 8);
        let json = file::to_json(&doc);
        let mut group = c.benchmark_group(format!("{steps} steps"));
        group.throughput(Throughput::Elements(steps as u64));
        group.bench_function(BenchmarkId::new("check", steps), |b| {
            b.iter(|| check(black_box(&doc), today, &rules))
        });
        group.bench_function(BenchmarkId::new("metrics", steps), |b| {
            b.iter(|| metrics(black_box(&doc)))
        });
        group.bench_function(BenchmarkId::new("load", steps), |b| {
            b.iter(|| {
                file::parse_document(black_box(json.as_bytes())).expect("generated map loads")
            })
        });
        group.bench_function(BenchmarkId::new("load+check+metrics", steps), |b| {
            b.iter(|| {
                let doc =
                    file::parse_document(black_box(json.as_bytes())).expect("generated map loads");
                (check(&doc, today, &rules), metrics(&doc))
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
