//! Public pages from the page cache (issue 12): a matching `If-None-Match` gets a 304, pages
//! are compressed when asked, and right after an import the page is fresh — on the server that
//! imported (at once) and on another app server after its sync (the once-a-second task, called
//! here directly: no timing).

mod common;

use axum::body::Body;
use axum::http::Request;
use common::{TestApp, app};
use koers_app::store::Actor;
use koers_web::{AppState, WebConfig};
use tower::ServiceExt;

/// Another app server on the same database: its own cache and search index.
fn other_server(app: &TestApp) -> (AppState, axum::Router) {
    let state = AppState::new(app.state.app.clone(), WebConfig::default());
    (state.clone(), koers_web::router(state))
}

async fn get(router: &axum::Router, uri: &str) -> (u16, String) {
    let req = Request::get(uri).body(Body::empty()).unwrap_or_else(|e| panic!("{e}"));
    let res = router.clone().oneshot(req).await.unwrap_or_else(|e| panic!("{e}"));
    let status = res.status().as_u16();
    let bytes = http_body_util::BodyExt::collect(res.into_body()).await.map(|b| b.to_bytes()).unwrap_or_default();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn a_matching_if_none_match_gets_304_and_another_etag_the_page() {
    let app = app().await;
    let uri = format!("/scholen/{}", app.ids.wereldwijs);
    let first = app.get(&uri).await;
    assert_eq!(first.status, 200);
    let etag = first.header("etag").to_owned();
    assert!(etag.starts_with("W/\""), "weak ETag: {etag}");
    assert_eq!(first.header("cache-control"), "no-cache");

    let again = app.get_with(&uri, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), etag);
    // Security headers and the request id are on cached answers too.
    assert!(again.header("content-security-policy").contains("default-src"));
    assert!(!again.header("x-request-id").is_empty());

    let other = app.get_with(&uri, &[("if-none-match", "W/\"0000000000000000\"")]).await;
    assert_eq!(other.status, 200);
    assert_eq!(other.body, first.body, "the same page from memory");
    assert!(app.state.pages.stats.hits.load(std::sync::atomic::Ordering::Relaxed) >= 2);

    // The search page and its htmx fragment are cached separately.
    let page = app.get("/scholen?q=wereld").await;
    let fragment = app.get_with("/scholen?q=wereld", &[("hx-request", "true")]).await;
    assert!(page.body.contains("<html") && !fragment.body.contains("<html"));
    let page304 = app.get_with("/scholen?q=wereld", &[("if-none-match", page.header("etag"))]).await;
    assert_eq!(page304.status, 304);
}

#[tokio::test]
async fn pages_are_compressed_when_the_browser_asks() {
    let app = app().await;
    let uri = format!("/scholen/{}", app.ids.wereldwijs);
    for (ask, expect) in [("br", "br"), ("gzip", "gzip"), ("gzip, deflate, br", "br gzip")] {
        let r = app.get_with(&uri, &[("accept-encoding", ask)]).await;
        assert_eq!(r.status, 200);
        let got = r.header("content-encoding");
        assert!(!got.is_empty() && expect.split(' ').any(|e| e == got), "{ask}: {got}");
        let vary: Vec<String> =
            r.headers.get_all("vary").iter().filter_map(|v| v.to_str().ok()).map(str::to_lowercase).collect();
        assert!(vary.iter().any(|v| v.contains("accept-encoding")), "{vary:?}");
    }
    let css = app.get_with(&koers_web::assets::url("koers.css"), &[("accept-encoding", "gzip")]).await;
    assert_eq!(css.header("content-encoding"), "gzip");
    assert!(css.header("cache-control").contains("immutable"));
    let plain = app.get(&uri).await;
    assert_eq!(plain.header("content-encoding"), "");
}

/// An Inspectie results file with new numbers for WereldWijs (00AP|C1).
fn results_file(pct_1f_2025: &str) -> Vec<u8> {
    format!(
        "{}\n00AP|C1;94,44;55,56;18;92,31;51,28;13;{pct_1f_2025};20,00;12;31,47;[31,32);85;47,43;90,00;42,00;43;\
         Boven de signaleringswaarde;Onder de signaleringswaarde\n",
        koers_testkit::synthetic::HEADER
    )
    .into_bytes()
}

#[tokio::test]
async fn right_after_an_import_every_server_shows_the_new_numbers() {
    let app = app().await;
    let (b_state, b) = other_server(&app);
    let uri = format!("/scholen/{}", app.ids.wereldwijs);
    let (_, before) = get(&app.router, &uri).await;
    let (_, before_b) = get(&b, &uri).await;
    assert_eq!(before, before_b);
    let (_, brug_before) = get(&b, &format!("/scholen/{}", app.ids.de_brug)).await;

    // The import (what /beheer/import does: import_bytes, then invalidate this server's index).
    let report = app
        .state
        .app
        .import_file(&results_file("60,00"), "leerresultaten.csv", &Actor::system("test"), 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(report.rejected.is_empty() && report.results_changed > 0, "{report:?}");
    app.state.search.invalidate();

    // A server that never cached anything renders from the database: the truth.
    let (_, fresh_state) = other_server(&app);
    let (_, truth) = get(&fresh_state, &uri).await;
    assert_ne!(truth, before, "the import changed the page");
    assert!(truth.contains("60,00"), "the new 2025 value is on the page");

    let (status, after) = get(&app.router, &uri).await;
    assert_eq!((status, &after), (200, &truth), "the importing server answers fresh at once");

    // The other server drops exactly what changed when its sync runs.
    let applied = b_state.pages.sync(b_state.app.read()).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(applied > 0);
    let (_, after_b) = get(&b, &uri).await;
    assert_eq!(after_b, truth);
    let misses = b_state.pages.stats.misses.load(std::sync::atomic::Ordering::Relaxed);
    let (_, brug_after) = get(&b, &format!("/scholen/{}", app.ids.de_brug)).await;
    assert_eq!(brug_after, brug_before);
    assert_eq!(
        b_state.pages.stats.misses.load(std::sync::atomic::Ordering::Relaxed),
        misses,
        "an untouched school's page stays cached"
    );
}

#[tokio::test]
async fn logged_in_or_token_requests_are_never_answered_from_the_cache() {
    let app = app().await;
    let uri = format!("/scholen/{}", app.ids.wereldwijs);
    app.get(&uri).await;
    let hits = app.state.pages.stats.hits.load(std::sync::atomic::Ordering::Relaxed);
    app.get_with(&uri, &[("cookie", "koers_sessie=abc; lang=nl")]).await;
    assert_eq!(app.state.pages.stats.hits.load(std::sync::atomic::Ordering::Relaxed), hits);
    // Another language is another page.
    let en = app.get_with(&uri, &[("cookie", "lang=en")]).await;
    assert!(en.body.contains("lang=\"en\""));
}
