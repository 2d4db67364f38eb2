//! Criterion benchmarks of screening: the model alone per school, the real national file
//! (6,205 schools) parsed and screened in memory, and a synthetic file counted in school-years.
//! Run: `cargo bench -p koers-app --bench screening`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use koers_app::screening::{screen_row, window_for};
use koers_core::programme::BandRule;
use koers_core::{NormLibrary, TestYear};
use std::hint::black_box;

const NATIONAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/inspectie-leerresultaten-po-2023-2025.csv");

fn screen_bytes(bytes: &[u8], lib: &NormLibrary) -> usize {
    let window = window_for(TestYear::new(2025).unwrap_or_else(|e| panic!("{e}")));
    let norms = lib.for_test_year(window[2]).unwrap_or_else(|e| panic!("{e}"));
    let rule = BandRule::default();
    let mut eligible = 0usize;
    let r = koers_import::stream_inspectie_results(bytes, "bench.csv", |row| {
        if let Ok(row) = row
            && let Ok(s) = screen_row("bench.csv", &row, window, norms, &rule)
        {
            eligible += usize::from(s.eligibility.verdict == koers_core::Verdict::Eligible);
        }
    });
    assert!(r.is_ok());
    eligible
}

fn benches(c: &mut Criterion) {
    let lib = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
    let national = std::fs::read(NATIONAL).unwrap_or_else(|e| panic!("{e}"));

    let mut g = c.benchmark_group("screen");
    g.throughput(Throughput::Elements(6205 * 3));
    g.bench_function("national_file_6205_schools", |b| b.iter(|| screen_bytes(black_box(&national), &lib)));
    let rows = 100_000usize;
    let bytes = koers_testkit::synthetic::file_bytes(rows, 42);
    g.throughput(Throughput::Elements(rows as u64 * 3));
    g.sample_size(10);
    g.bench_with_input(BenchmarkId::new("synthetic_school_years", rows * 3), &bytes, |b, bytes| {
        b.iter(|| screen_bytes(black_box(bytes), &lib))
    });
    g.finish();

    // The model and the rule alone, one school.
    let table = koers_import::read_table(&national, "n.csv").unwrap_or_else(|e| panic!("{e}"));
    let parsed = koers_import::parse_inspectie_results(&table).unwrap_or_else(|e| panic!("{e}"));
    let window = window_for(TestYear::new(2025).unwrap_or_else(|e| panic!("{e}")));
    let norms = lib.for_test_year(window[2]).unwrap_or_else(|e| panic!("{e}"));
    let inputs: Vec<_> =
        parsed.records.iter().filter_map(|r| koers_app::screening::input_from_row("n", r, window).ok()).collect();
    let mut g = c.benchmark_group("model");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_function("assess_and_band_all_schools", |b| {
        b.iter(|| {
            let rule = BandRule::default();
            let mut n = 0usize;
            for i in &inputs {
                let a = koers_core::results::assess(black_box(i), norms);
                let next = koers_core::eligibility::NextYear::from_input(i, None);
                let e = koers_core::eligibility::assess_band(&a, norms, &rule, &Default::default(), next.as_ref());
                n += e.bands.len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(screening, benches);
criterion_main!(screening);
