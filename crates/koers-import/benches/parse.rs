//! Parsing throughput of the streaming Inspectie reader on a synthetic file, in school-years.
//! Run: `cargo bench -p koers-import --bench parse`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn parse(c: &mut Criterion) {
    let rows = 100_000usize;
    let bytes = koers_testkit::synthetic::file_bytes(rows, 42);
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Elements(rows as u64 * 3));
    g.sample_size(10);
    g.bench_function("stream_inspectie_results_300k_school_years", |b| {
        b.iter(|| {
            let mut n = 0usize;
            let r = koers_import::stream_inspectie_results(black_box(bytes.as_slice()), "s.csv", |row| {
                n += usize::from(row.is_ok());
            });
            assert!(r.is_ok());
            n
        })
    });
    g.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
