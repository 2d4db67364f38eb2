//! `/metrics` (scraped and parsed as Prometheus text), its access rule, `/health` and `/ready`.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::app;
use std::collections::BTreeMap;
use tower::ServiceExt;

/// Parse the Prometheus/OpenMetrics text format strictly enough to catch a broken exposition:
/// `# TYPE`/`# HELP`/`# UNIT` comments, `# EOF` at the end, and samples `name{l="v",…} value`.
/// Returns every sample as (name with labels) → value.
fn parse(text: &str) -> BTreeMap<String, f64> {
    let mut samples = BTreeMap::new();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.last(), Some(&"# EOF"), "OpenMetrics ends with # EOF");
    for line in &lines[..lines.len() - 1] {
        if let Some(comment) = line.strip_prefix("# ") {
            let kind = comment.split(' ').next().unwrap_or_default();
            assert!(["TYPE", "HELP", "UNIT"].contains(&kind), "unknown comment: {line}");
            continue;
        }
        let (series, value) = line.rsplit_once(' ').unwrap_or_else(|| panic!("no value: {line}"));
        let value: f64 = value.parse().unwrap_or_else(|_| panic!("bad value: {line}"));
        let name = series.split('{').next().unwrap_or_default();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'),
            "bad metric name: {line}"
        );
        if let Some(labels) = series.strip_prefix(name)
            && !labels.is_empty()
        {
            assert!(labels.starts_with('{') && labels.ends_with('}'), "bad labels: {line}");
            for pair in labels[1..labels.len() - 1].split("\",").filter(|p| !p.is_empty()) {
                let (k, v) = pair.split_once("=\"").unwrap_or_else(|| panic!("bad label: {line}"));
                assert!(k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "bad label name: {line}");
                assert!(!v.contains('\n'), "{line}");
            }
        }
        samples.insert(series.to_owned(), value);
    }
    samples
}

#[tokio::test]
async fn metrics_are_scraped_with_the_token_and_parse_as_prometheus_text() {
    let mut app = app().await;
    // Without a token configured, /metrics is not on the public listener at all.
    assert_eq!(app.get("/metrics").await.status, 404);

    app.state = app.state.clone().with_metrics_token(Some("geheim-token".into()));
    app.router = koers_web::router(app.state.clone());
    let school = format!("/scholen/{}", app.ids.wereldwijs);
    app.get(&school).await;
    app.get(&school).await;
    app.get("/bestaat-niet").await;
    assert_eq!(app.get("/metrics").await.status, 401);
    assert_eq!(app.get_with("/metrics", &[("authorization", "Bearer fout")]).await.status, 401);

    let r = app.get_with("/metrics", &[("authorization", "Bearer geheim-token")]).await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("application/openmetrics-text"), "{}", r.header("content-type"));
    let m = parse(&r.body);
    let get = |k: &str| m.get(k).copied().unwrap_or_else(|| panic!("missing {k} in\n{}", r.body));
    assert_eq!(get("koers_http_requests_total{method=\"GET\",route=\"/scholen/{id}\",status=\"200\"}"), 2.0);
    assert!(m.keys().any(|k| k.starts_with("koers_http_requests_total{") && k.contains("status=\"404\"")));
    assert_eq!(get("koers_http_request_duration_seconds_count{route=\"/scholen/{id}\"}"), 2.0);
    assert!(
        m.keys().any(|k| k.starts_with("koers_http_request_duration_seconds_bucket{") && k.contains("le=\"+Inf\""))
    );
    assert!(m.contains_key("koers_import_duration_seconds_count"));
    assert!(get("koers_db_pool_connections") >= 1.0);
    assert_eq!(get("koers_outbox_pending"), 0.0);
    assert_eq!(get("koers_page_cache_hits"), 1.0);
    assert!(get("koers_page_cache_pages") >= 1.0);
}

#[tokio::test]
async fn the_internal_listener_serves_metrics_without_a_token() {
    let app = app().await;
    let internal = koers_web::metrics::internal_router(app.state.clone());
    for path in ["/metrics", "/health", "/ready"] {
        let req = Request::get(path).body(Body::empty()).unwrap_or_else(|e| panic!("{e}"));
        let res = internal.clone().oneshot(req).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(res.status(), 200, "{path}");
    }
}

#[tokio::test]
async fn ready_means_the_database_answers_with_current_migrations() {
    let app = app().await;
    let r = app.get("/ready").await;
    assert_eq!((r.status.as_u16(), r.body.as_str()), (200, "klaar"));
    assert!(app.get("/health").await.body.starts_with("ok sqlite"));
}
