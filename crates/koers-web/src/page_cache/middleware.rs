//! The page cache's middleware (see the parent module).

use super::{Entry, Key, Kind, MAX_PAGE, cacheable, etag_of};
use crate::request_id::Sequential;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::sync::atomic::Ordering;

const X_REQUEST_ID: &str = "x-request-id";

/// What the middleware needs: the state, and the request ids (the same counter as the
/// `SetRequestIdLayer` inside it).
#[derive(Debug, Clone)]
pub struct CacheLayer {
    pub state: AppState,
    pub ids: Sequential,
}

/// The middleware (see the module doc); installed with `Router::layer`, so it sees the matched
/// route. It sits just inside the metrics: a hit skips the request-id, trace and security
/// layers (a hit logs nothing; its stored headers carry the security headers), so it sets the
/// request id itself — the client's, else a new one, given to the inner layers on a miss.
pub async fn layer(State(CacheLayer { state, ids }): State<CacheLayer>, mut req: Request, next: Next) -> Response {
    let Some((key, kind)) = cacheable(&req) else { return next.run(req).await };
    let id = match req.headers().get(X_REQUEST_ID) {
        Some(v) => v.clone(),
        None => {
            let v = ids.next_id();
            req.headers_mut().insert(X_REQUEST_ID, v.clone());
            v
        }
    };
    let mut res = cached_or_rendered(&state, key, kind, req, next).await;
    res.headers_mut().insert(X_REQUEST_ID, id);
    res
}

async fn cached_or_rendered(state: &AppState, key: Key, kind: Kind, req: Request, next: Next) -> Response {
    let cache = &state.pages;
    let generation = state.search.generation();
    if cache.last_change.load(Ordering::Acquire) < 0 || cache.generation.load(Ordering::Acquire) != generation {
        // First use, or this process changed the register: catch up before answering.
        if let Err(e) = cache.sync(state.app.read()).await {
            tracing::warn!(error = %e, "paginacache bijwerken mislukt");
        }
        cache.generation.store(generation, Ordering::Release);
    }
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    if let Some(entry) = cache.get(&key) {
        cache.stats.hits.fetch_add(1, Ordering::Relaxed);
        return entry.respond(if_none_match.as_ref(), &cache.stats);
    }
    cache.stats.misses.fetch_add(1, Ordering::Relaxed);
    let epoch = cache.epoch.load(Ordering::Acquire);
    let res = next.run(req).await;
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let body = match axum::body::to_bytes(body, MAX_PAGE * 4).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "pagina lezen voor de cache mislukt");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    parts.headers.remove(X_REQUEST_ID);
    let etag = etag_of(&body);
    parts.headers.insert(header::ETAG, etag.clone());
    // Stored by browsers, but asked again every time (cheap: usually a 304).
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // The language and a login come from cookies (handlers add their own, e.g. `HX-Request`).
    parts.headers.append(header::VARY, HeaderValue::from_static("Cookie"));
    let entry = Arc::new(Entry { kind, headers: parts.headers, body, etag });
    cache.insert(epoch, key, Arc::clone(&entry));
    entry.respond(if_none_match.as_ref(), &cache.stats)
}
