//! # koers-web — the web surface of Koers
//!
//! axum 0.8 with askama templates (laid out like the URL tree in `templates/`), htmx 2 vendored
//! in `static/` (progressive enhancement only: every page works without JavaScript), Fluent
//! translations in `locales/` (nl default, en), and a JSON API with its OpenAPI spec (utoipa).
//!
//! - [`state`]: [`AppState`] (the [`koers_app::App`] — reads and use cases, never the store's
//!   writes —, band rule, [`WebConfig`]).
//! - [`html`]: the HTML pages, one module per URL subtree (`/`, `/scholen`, `/check`, `/taal`).
//! - [`api`]: `/api/v1/…` JSON endpoints and `/api/openapi.json`.
//! - [`auth`]: sessions in the database (axum-login), login/logout, bearer tokens, CSRF, and the
//!   [`auth::MaybePrincipal`] / [`auth::CurrentUser`] extractors every route asks `may` with.
//! - [`error`]: [`AppError`] and the one place where errors become an HTML page or the JSON
//!   envelope `{"errors":[{"field":…,"detail":…}]}`.
//! - [`page_cache`]: public pages rendered once per data version, `ETag`/304, invalidated by
//!   register changes on every app server.
//! - [`metrics`]: `/metrics` (Prometheus), `/health`, `/ready`.
//! - [`security`]: security headers (strict CSP without `'unsafe-inline'`, HSTS behind HTTPS,
//!   `Cache-Control: no-store` on private responses) on every response.
//! - [`limits`]: rate limits on the login (per client address and global, 429 + `Retry-After`).
//! - [`server`]: the accept loop with header/idle timeouts and connection limits.
//! - [`assets`]: embedded static files under a content-hash URL with long cache headers.
//! - [`i18n`]: languages, the `t(key)` lookup and number formatting per language.
//! - [`check_input`]: parsing and validating hand-entered numbers, shared by form and API.

pub mod api;
pub mod assets;
pub mod auth;
pub mod check_input;
pub mod error;
pub mod html;
pub mod i18n;
pub mod limits;
pub mod metrics;
pub mod page_cache;
pub mod request_id;
pub mod security;
pub mod server;
pub mod state;
pub mod theme;

pub use error::AppError;
pub use state::{AppState, WebConfig};

use axum::Router;
use axum::routing::get;
use std::future::Future;
use std::net::SocketAddr;
use tower::ServiceBuilder;
use tower_http::CompressionLevel;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// The whole application: pages, API, static files, health, with errors rendered per surface,
/// security headers and request tracing on every response.
pub fn router(state: AppState) -> Router {
    router_and_tasks(state).0
}

/// [`router`] plus the background task of its rate limiter (forgetting idle clients), which
/// the server aborts when it stops.
pub fn router_and_tasks(state: AppState) -> (Router, Option<tokio::task::JoinHandle<()>>) {
    let (api_routes, spec) = api::routes();
    let spec = std::sync::Arc::new(api::document(&spec, &koers_app::check::norm_years(state.app.norms())));
    let (login, forget) = limits::login_limit(auth::public_routes(), &state.config);
    let request_timeout = state.config.server.request_timeout;
    let request_ids = request_id::Sequential::new();
    let cache = page_cache::CacheLayer { state: state.clone(), ids: request_ids.clone() };
    let router = Router::new()
        .merge(html::routes())
        .merge(login)
        .merge(auth::login::logout_routes())
        .merge(auth::oidc::routes())
        .merge(api_routes)
        .route("/api/openapi.json", get(move || api::serve_spec(spec.clone())))
        .route("/health", get(metrics::health))
        .route("/ready", get(metrics::ready))
        .route("/static/{version}/{file}", get(assets::serve))
        .route("/thema/{version}/thema.css", get(theme::serve_css))
        .route("/thema/{version}/logo", get(theme::serve_logo))
        .fallback(error::not_found)
        // Each `Router::layer` call boxes every route once more, and a route's whole stack is
        // cloned per request: two `ServiceBuilder`s (outermost layer first) instead of fourteen
        // calls save a box, a clone and a free per layer per request.
        .layer(
            ServiceBuilder::new()
                .layer(auth::csrf_layer(&state))
                .layer(auth::session_layer(&state))
                .layer(axum::middleware::from_fn_with_state(state.clone(), auth::resolve_principal)),
        )
        // Added after the auth layers, so they do not wrap it: its bearer token is the metrics
        // token, not an API token.
        .route("/metrics", get(metrics::metrics))
        .layer(
            ServiceBuilder::new()
                .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::track))
                // Outside compression (each encoding a browser asks for is compressed once and
                // kept) and outside the request-id and trace layers (a hit needs neither).
                .layer(axum::middleware::from_fn_with_state(cache, page_cache::layer))
                .layer(axum::Extension(state.theme.clone()))
                .layer(SetRequestIdLayer::x_request_id(request_ids))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
                    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
                    tracing::info_span!("request", method = %req.method(), uri = %req.uri(), request_id = %id)
                }))
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(compression())
                .layer(axum::middleware::from_fn_with_state(state.clone(), security::headers))
                .layer(axum::middleware::from_fn(error::render_errors))
                .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, request_timeout))
                .layer(CatchPanicLayer::custom(error::panic_response)),
        )
        .with_state(state);
    (router, forget)
}

/// gzip and brotli for HTML, CSS, JS and JSON (tower-http's default predicate: not for images,
/// gRPC or event streams, nor bodies under 32 bytes), at level 4: most of the gain at a fraction
/// of brotli's maximum cost on two cores.
fn compression() -> CompressionLayer {
    CompressionLayer::new().gzip(true).br(true).quality(CompressionLevel::Precise(4))
}

/// Serve on `addr` until ctrl-c, then finish the requests in flight.
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(addr = %listener.local_addr()?, "koers luistert");
    serve_listener(state, listener, async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("afsluiten: lopende verzoeken worden afgemaakt");
    })
    .await
}

/// Serve on an already bound listener until `shutdown` completes (tests, the CLI), with the
/// connection and time limits of [`WebConfig::server`] ([`server::serve`]).
pub async fn serve_listener(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Sessions live in the database: delete the expired ones (and prune old login attempts)
    // every 15 minutes.
    let cleanup = tokio::spawn(auth::session_store::cleanup_task(state.app.clone(), CLEANUP_PERIOD));
    let limits = state.config.server;
    // Drop cached public pages another app server's import made stale (once a second).
    let pages = tokio::spawn(page_cache::sync_task(state.clone()));
    let (app, forget) = router_and_tasks(state);
    let served = server::serve(listener, app, limits, shutdown).await;
    cleanup.abort();
    pages.abort();
    if let Some(f) = forget {
        f.abort();
    }
    served
}

const CLEANUP_PERIOD: std::time::Duration = std::time::Duration::from_secs(15 * 60);
