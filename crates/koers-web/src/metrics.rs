//! Observability (issue 12): `/metrics` in the Prometheus text format (prometheus-client, the
//! Prometheus project's own Rust client), `/health` (liveness) and `/ready` (database reachable,
//! migrations current).
//!
//! Metrics: requests by method, matched route and status (`koers_http_requests_total`), their
//! latency per route (`koers_http_request_duration_seconds`, a histogram), the register upload's
//! duration (`koers_import_duration_seconds`), the database pool (`koers_db_pool_connections`,
//! `koers_db_pool_idle`), the outbox queue (`koers_outbox_pending`) and the public page cache
//! (`koers_page_cache_*`). Routes are the router's patterns (`/scholen/{id}`), never raw paths,
//! so the label set stays small.
//!
//! Access: `/metrics` on the public listener answers only with `Authorization: Bearer <token>`
//! when a token is configured ([`AppState::with_metrics_token`]) and is a 404 otherwise; or it is
//! served without a token on a separate, internal listener ([`internal_router`], `koers serve
//! --metrics-listen 127.0.0.1:9100`).

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::sync::atomic::Ordering;
use std::time::Instant;

use crate::state::AppState;

/// The OpenMetrics content type Prometheus asks for and understands.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Latency buckets in seconds: 0,25 ms … 10 s.
const BUCKETS: [f64; 14] =
    [0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];
/// Import buckets in seconds: 0,1 s … 5 min.
const IMPORT_BUCKETS: [f64; 10] = [0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0];

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: &'static str,
    status: u16,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: &'static str,
}

/// The router's pattern as a `&'static str`: each distinct pattern is leaked once (the router's
/// routes are a fixed set, plus "(geen route)"), so counting a request allocates nothing.
fn interned(route: &str) -> &'static str {
    static ROUTES: std::sync::OnceLock<std::sync::RwLock<std::collections::HashSet<&'static str>>> =
        std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(Default::default);
    if let Some(r) = routes.read().ok().and_then(|set| set.get(route).copied()) {
        return r;
    }
    let Ok(mut set) = routes.write() else { return "(onbekend)" };
    if let Some(r) = set.get(route) {
        return r;
    }
    let leaked: &'static str = Box::leak(route.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// The standard methods by name; any other is counted as "OTHER" (the label set stays small).
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

fn latency_histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

/// Every metric of one process.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    imports: Histogram,
    pool_connections: Gauge,
    pool_idle: Gauge,
    outbox_pending: Gauge,
    cache_pages: Gauge,
    cache_bytes: Gauge,
    cache_hits: Gauge,
    cache_not_modified: Gauge,
    cache_misses: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register("koers_http_requests", "HTTP requests by method, route and status", requests.clone());
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram);
        registry.register("koers_http_request_duration_seconds", "Time to answer, per route", latency.clone());
        let imports = Histogram::new(IMPORT_BUCKETS);
        registry.register(
            "koers_import_duration_seconds",
            "Register uploads (/beheer/import): parse and store, whole request",
            imports.clone(),
        );
        let gauge = |registry: &mut Registry, name: &str, help: &str| {
            let g = Gauge::default();
            registry.register(name, help, g.clone());
            g
        };
        Self {
            pool_connections: gauge(&mut registry, "koers_db_pool_connections", "Open database connections"),
            pool_idle: gauge(&mut registry, "koers_db_pool_idle", "Idle database connections"),
            outbox_pending: gauge(&mut registry, "koers_outbox_pending", "Mails in the outbox not sent yet"),
            cache_pages: gauge(&mut registry, "koers_page_cache_pages", "Public pages held in memory"),
            cache_bytes: gauge(&mut registry, "koers_page_cache_bytes", "Bytes of public pages held in memory"),
            cache_hits: gauge(&mut registry, "koers_page_cache_hits", "Public pages answered from memory"),
            cache_not_modified: gauge(&mut registry, "koers_page_cache_not_modified", "304 answers from the cache"),
            cache_misses: gauge(&mut registry, "koers_page_cache_misses", "Public pages rendered"),
            registry,
            requests,
            latency,
            imports,
        }
    }

    fn observe(&self, method: &Method, route: &str, status: StatusCode, seconds: f64) {
        let route = interned(route);
        let labels = RequestLabels { method: method_label(method), route, status: status.as_u16() };
        self.requests.get_or_create(&labels).inc();
        self.latency.get_or_create(&RouteLabels { route }).observe(seconds);
        if route == "/beheer/import" && method == Method::POST {
            self.imports.observe(seconds);
        }
    }

    /// Refresh the gauges and encode everything.
    pub async fn render(&self, state: &AppState) -> String {
        let (size, idle) = state.app.read().pool_stats();
        self.pool_connections.set(i64::from(size));
        self.pool_idle.set(i64::try_from(idle).unwrap_or(i64::MAX));
        match state.app.read().outbox_pending().await {
            Ok(n) => {
                self.outbox_pending.set(n);
            }
            Err(e) => tracing::warn!(error = %e, "outbox tellen mislukt"),
        }
        let (pages, bytes) = state.pages.size();
        let stats = &state.pages.stats;
        let to_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        self.cache_pages.set(i64::try_from(pages).unwrap_or(i64::MAX));
        self.cache_bytes.set(i64::try_from(bytes).unwrap_or(i64::MAX));
        self.cache_hits.set(to_i64(stats.hits.load(Ordering::Relaxed)));
        self.cache_not_modified.set(to_i64(stats.not_modified.load(Ordering::Relaxed)));
        self.cache_misses.set(to_i64(stats.misses.load(Ordering::Relaxed)));
        let mut out = String::with_capacity(16 * 1024);
        if let Err(e) = prometheus_client::encoding::text::encode(&mut out, &self.registry) {
            tracing::error!(error = %e, "metrics coderen mislukt");
        }
        out
    }
}

/// Count and time every request (installed with `Router::layer`, so the matched route is known).
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let route = interned(req.extensions().get::<MatchedPath>().map_or("(geen route)", MatchedPath::as_str));
    let res = next.run(req).await;
    state.metrics.observe(&method, route, res.status(), start.elapsed().as_secs_f64());
    res
}

async fn exposition(state: &AppState) -> Response {
    let body = state.metrics.render(state).await;
    ([(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE))], body).into_response()
}

/// `GET /metrics` on the public listener: only with the configured bearer token.
pub async fn metrics(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Response {
    let Some(token) = state.metrics_token.as_deref() else { return StatusCode::NOT_FOUND.into_response() };
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| constant_time_eq(g.trim().as_bytes(), token.as_bytes())) {
        // A body of its own (the JSON error envelope), so it is not turned into a login redirect.
        let body = serde_json::json!({"errors": [{"field": "Authorization", "detail": "het metrics-token ontbreekt of klopt niet"}]});
        let mut res = (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response();
        res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"metrics\""));
        return res;
    }
    exposition(&state).await
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `GET /health`: the process answers (liveness); says which backend.
pub async fn health(State(state): State<AppState>) -> String {
    format!("ok {}", state.app.backend())
}

/// `GET /ready`: the database answers and its migrations are current; else 503 with the reason.
pub async fn ready(State(state): State<AppState>) -> Response {
    match state.app.read().readiness().await {
        Ok(()) => (StatusCode::OK, "klaar").into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, format!("niet klaar: {e}")).into_response(),
    }
}

/// The internal listener's routes: `/metrics` without a token, `/health`, `/ready`. Bind it to
/// an address only the monitoring can reach.
pub fn internal_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(|State(s): State<AppState>| async move { exposition(&s).await }))
        .route("/health", get(health))
        .route("/ready", get(ready))
        .with_state(state)
}

/// Serve [`internal_router`] on `listener` until the process ends.
pub async fn serve_internal(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, internal_router(state)).await
}
