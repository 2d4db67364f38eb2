//! The report engine's speed: the sample five-page voortgangsrapportage (tables, four charts, a
//! quote, a callout, signatures) from document to PDF bytes, engine already warm. Budget: a
//! median ≤ 100 ms on the 2-core machine (issue "Inside the trajectory (2/3)"). Figures in the
//! crate README.

use criterion::{Criterion, criterion_group, criterion_main};
use koers_reports::{pdf, sample};
use std::hint::black_box;

fn render(c: &mut Criterion) {
    let doc = match sample::voortgangsrapportage() {
        Ok(doc) => doc,
        Err(e) => panic!("sample: {e}"),
    };
    if let Err(e) = pdf::warm_up() {
        panic!("engine: {e}");
    }
    c.bench_function("voortgangsrapportage_5_pages_to_pdf", |b| {
        b.iter(|| pdf::render_pdf(black_box(&doc)).map(|bytes| bytes.len()))
    });
    let charts = || {
        let a = sample::results_chart().map(|s| s.as_str().len());
        black_box(a)
    };
    c.bench_function("results_chart_svg", |b| b.iter(charts));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = render
}
criterion_main!(benches);
