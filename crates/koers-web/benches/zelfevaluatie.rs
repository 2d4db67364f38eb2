//! Criterion benchmarks of the zelfevaluatie (issue 8): the filled-in PO form page rendered
//! through the whole router (session, access, store reads, result, askama), and saving one item
//! through the use case on SQLite (version check, audit, in one transaction).
//! Run: `cargo bench -p koers-web --bench zelfevaluatie`.

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

fn benches(c: &mut Criterion) {
    let rt = ok(tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build());
    let (w, cs) = rt.block_on(async {
        let w = auth_support::world().await;
        let cs = case(&w).await;
        fill_all(&w, &cs).await;
        (w, cs)
    });
    let mut g = c.benchmark_group("zelfevaluatie");
    g.bench_function("render_filled_po_page", |b| {
        b.iter(|| {
            rt.block_on(async {
                let req = auth_support::browser("GET", &cs.base, Some(&cs.leader)).body(Body::empty());
                let r = w.send(ok(req)).await;
                assert_eq!(r.status, 200);
                r.body.len()
            })
        });
    });
    let leader = rt.block_on(principal(&w, "leider-d@test.nl"));
    let f = form_ref(&cs);
    let mut version = rt.block_on(async {
        ok(w.state.app.form(&leader, &f).await).answers.get("op1-dekking").map_or(0, |a| a.version)
    });
    let actor = Actor::system("bench");
    g.bench_function("save_one_item_sqlite", |b| {
        b.iter(|| {
            let input = AnswerInput {
                answer: Some(Answer::Reflection(TextAnswer {
                    text: format!("Versie {version}: het aanbod dekt de kerndoelen."),
                })),
                verbeterpunt: None,
                expected_version: version,
            };
            let saved = rt.block_on(w.state.app.answer_item(&leader, &f, "op1-dekking", input, &actor, 40));
            version = ok(saved).version;
        });
    });
    g.finish();
}

criterion_group!(zelfevaluatie, benches);
criterion_main!(zelfevaluatie);
