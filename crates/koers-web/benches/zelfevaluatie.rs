//! Criterion benchmarks of the zelfevaluatie (issue 8): the filled-in PO form rendered through
//! the whole router (session, access, store reads, result, askama) — its largest section page
//! (the form shows one section per page) and the whole form on one page (`?sectie=alle`) —, and
//! saving one item through the use case on SQLite (version check, audit, in one transaction).
//! Run: `cargo bench -p koers-web --bench zelfevaluatie`. Besides criterion's estimates, each
//! function prints the p50/p99 of every single call it timed (warm-up included), since the
//! targets (issue 8) are percentiles: page p99 < 20 ms (its req/s under 50 connections is
//! `MODE=zelfevaluatie scripts/load-test`), one save p99 < 20 ms on SQLite (a file database in
//! WAL mode with `synchronous = FULL`, as `koers serve` runs it).

#[path = "../tests/auth_support/mod.rs"]
mod auth_support;
#[path = "../tests/forms_support/mod.rs"]
mod forms_support;

use axum::body::Body;
use criterion::{Criterion, criterion_group, criterion_main};
use forms_support::{case, fill_all, form_ref, ok, principal};
use koers_app::selfevals::edit::AnswerInput;
use koers_app::store::Actor;
use koers_core::format::Answer;
use koers_core::format::answer::TextAnswer;
use std::time::{Duration, Instant};

/// Print the p50 / p99 / max of `samples` (one per call).
fn percentiles(name: &str, samples: &mut [Duration]) {
    samples.sort_unstable();
    let at = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples.get(i).copied().unwrap_or_default().as_secs_f64() * 1000.0
    };
    println!("{name}: {} calls, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms", samples.len(), at(0.50), at(0.99), at(1.0));
}

fn benches(c: &mut Criterion) {
    let rt = ok(tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build());
    let (w, cs) = rt.block_on(async {
        let w = auth_support::world().await;
        let cs = case(&w).await;
        fill_all(&w, &cs).await;
        (w, cs)
    });
    // The form shows one section per page: the largest section page as it stands, and the
    // whole form on one page (`?sectie=alle`, to read through and print).
    let get = |uri: &str| {
        rt.block_on(async {
            let req = auth_support::browser("GET", uri, Some(&cs.leader)).body(Body::empty());
            let r = w.send(ok(req)).await;
            assert_eq!(r.status, 200, "{uri}");
            r.body.len()
        })
    };
    let format = rt.block_on(async { ok(w.state.app.format("zelfevaluatie-po").await) });
    let (largest, size) = format
        .sections
        .iter()
        .map(|s| {
            let uri = format!("{}?sectie={}", cs.base, s.id);
            let n = get(&uri);
            (uri, n)
        })
        .max_by_key(|(_, n)| *n)
        .unwrap_or_default();
    let whole = format!("{}?sectie=alle", cs.base);
    println!("zelfevaluatie: largest section page {largest} {size} B, whole form {} B", get(&whole));
    let mut g = c.benchmark_group("zelfevaluatie");
    let mut page_times = Vec::new();
    let mut whole_times = Vec::new();
    for (name, uri, times) in [
        ("render_filled_po_section", &largest, &mut page_times),
        ("render_filled_po_whole_form", &whole, &mut whole_times),
    ] {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    get(uri);
                    let d = start.elapsed();
                    times.push(d);
                    total += d;
                }
                total
            });
        });
    }
    let leader = rt.block_on(principal(&w, "leider-d@test.nl"));
    let f = form_ref(&cs);
    let mut version = rt.block_on(async {
        ok(w.state.app.form(&leader, &f).await).answers.get("op1-dekking").map_or(0, |a| a.version)
    });
    let actor = Actor::system("bench");
    let mut save_times = Vec::new();
    g.bench_function("save_one_item_sqlite", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let input = AnswerInput {
                    answer: Some(Answer::Reflection(TextAnswer {
                        text: format!("Versie {version}: het aanbod dekt de kerndoelen."),
                    })),
                    verbeterpunt: None,
                    expected_version: version,
                };
                let start = Instant::now();
                let saved = rt.block_on(w.state.app.answer_item(&leader, &f, "op1-dekking", input, &actor, 40));
                let d = start.elapsed();
                version = ok(saved).version;
                save_times.push(d);
                total += d;
            }
            total
        });
    });
    g.finish();
    percentiles("zelfevaluatie/render_filled_po_section", &mut page_times);
    percentiles("zelfevaluatie/render_filled_po_whole_form", &mut whole_times);
    percentiles("zelfevaluatie/save_one_item_sqlite", &mut save_times);
}

criterion_group!(zelfevaluatie, benches);
criterion_main!(zelfevaluatie);
