//! Parsing throughput: the streaming Inspectie reader on a synthetic file (in school-years),
//! every public file of `testdata/` in one pass and as a table (in rows), the exam trend, and
//! how fast each upload bomb is refused.
//! Run: `cargo bench -p koers-import --bench parse` (peak memory: `scripts/bench-import`).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use koers_import::{Limits, ParsedFile, exam_trends, parse_any, parse_bytes, read_table};
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

const FILES: [&str; 9] = [
    "inspectie-leerresultaten-po-2023-2025.csv",
    "inspectie-schoolweging-driejaars-2021-2024.csv",
    "inspectie-schoolweging-per-jaar-2021-2024.csv",
    "duo-referentieniveaus-bo-2024-2025.csv",
    "duo-vestigingen-bo.csv",
    "duo-vestigingen-vo.csv",
    "duo-leerlingen-po-soort-cluster-2024-2025.csv",
    "duo-examens-vo-2021-2025.csv",
    "scholen-locaties-geo-20241122.csv",
];

fn testdata(name: &str) -> Vec<u8> {
    let path = format!("{}/../../testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn files(c: &mut Criterion) {
    let mut g = c.benchmark_group("files");
    g.sample_size(10);
    let limits = Limits::default();
    for name in FILES {
        let bytes = testdata(name);
        let lines = bytes.iter().filter(|b| **b == b'\n').count() as u64;
        g.throughput(Throughput::Elements(lines));
        g.bench_function(format!("{name}/one_pass"), |b| {
            b.iter(|| parse_bytes(black_box(&bytes), name, &limits, None).map(|p| p.accepted()))
        });
        g.bench_function(format!("{name}/table"), |b| {
            b.iter(|| read_table(black_box(&bytes), name).and_then(|t| parse_any(&t)).map(|p| p.accepted()))
        });
    }
    let exams = parse_bytes(&testdata(FILES[7]), FILES[7], &limits, None);
    if let Ok(ParsedFile::DuoExamensVo(p)) = exams {
        g.throughput(Throughput::Elements(p.records.len() as u64));
        g.bench_function("exam_trends_13041_rows", |b| b.iter(|| exam_trends(black_box(&p.records)).len()));
    }
    g.finish();
}

fn bombs(c: &mut Criterion) {
    use koers_testkit::bombs;
    let mut g = c.benchmark_group("bombs_refused");
    g.sample_size(10);
    let limits = Limits::default();
    let cases: [(&str, Vec<u8>); 5] = [
        ("xlsx_a1_xfd1048576", bombs::xlsx_corners()),
        ("xlsx_1_8_gb_xml", bombs::xlsx_expanding(1_800_000_000, true)),
        ("xlsx_1_8_gb_xml_lying_sizes", bombs::xlsx_expanding(1_800_000_000, false)),
        ("ods_whole_grid", bombs::ods_repeats(16_384, 1_048_575)),
        ("csv_3m_bad_rows_table", bombs::csv_bad_rows(3_000_000)),
    ];
    for (name, bytes) in &cases {
        g.bench_function(*name, |b| b.iter(|| read_table(black_box(bytes), "bom").is_err()));
    }
    let csv = bombs::csv_bad_rows(3_000_000);
    g.bench_function("csv_3m_bad_rows_one_pass_report", |b| {
        b.iter(|| parse_bytes(black_box(&csv), "bom.csv", &limits, None).map(|p| p.rejected_total()))
    });
    g.finish();
}

criterion_group!(benches, parse, files, bombs);
criterion_main!(benches);
