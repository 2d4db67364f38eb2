//! Public pages rendered once per data version (issue 12).
//!
//! The school page, the search page (and its htmx fragment), the home page and the empty check
//! form depend only on the public register, the URL and the language. For anonymous visitors
//! (no session cookie, no bearer token) the first request renders through the whole stack and
//! the `200` answer is kept here; later requests are answered from memory with a weak `ETag`,
//! and a matching `If-None-Match` gets `304 Not Modified`. Logged-in users always get a fresh
//! render (their navigation differs).
//!
//! **Bounded**: at most [`MAX_ENTRIES`] pages and [`MAX_BYTES`] of bodies; the oldest entries go
//! first (FIFO; a page costs the same to render again).
//!
//! **Invalidation on every app server**: every register change writes an audit entry in its own
//! transaction (`school`, `result`, `published`, `weging_year`, `exam_year` with the school id;
//! `board`, `verdict`, `programme`).
//! [`PageCache::sync`] reads the entries after the newest one it processed and drops exactly
//! the pages they touch: a school's page for its results; its page and every search page when
//! the school itself (name, place, …) changed; every school page when a board, an Inspectie
//! verdict or a programme (the public band rule) changed. Each
//! server runs it once a second ([`sync_task`]), and at once before answering when this process
//! itself changed the register (it watches [`koers_app::search::SchoolIndex::generation`], which
//! the import and edit pages bump). On PostgreSQL ids are not handed out in commit order, so
//! the last [`LOOKBACK`] ids are read again and the ones already seen skipped (on SQLite, one
//! writer at a time, ids follow commit order and only newer ids are read).
//!
//! The cache sits outside the compression layer and keys on `Accept-Encoding`, so a page is
//! compressed once per encoding asked for, not on every request; and outside the request-id and
//! trace layers, so a hit costs little more than the bytes (it sets the request id itself,
//! [`middleware`]).
//!
//! A render that started before an invalidation is not stored (an epoch counter), so a page
//! computed from old data never outlives the change that made it old.

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use koers_app::store::{AuditEntity, RegisterChange, StoreRead, StoreResult};
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use crate::state::AppState;

/// At most this many pages.
pub const MAX_ENTRIES: usize = 4_096;
/// At most this many bytes of page bodies (≈ 1,300 school pages of 12 kB).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// A page larger than this is served but not kept.
const MAX_PAGE: usize = 512 * 1024;
/// Audit ids re-read on every sync (PostgreSQL commits ids out of order).
pub const LOOKBACK: i64 = 1_000;
/// Entries read per query while catching up.
const BATCH: i64 = 5_000;

/// What a cached page depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    School(i64),
    Search,
    /// Home and the check form: no register data (kept until restart or a full flush).
    Static,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    /// The request's `Accept-Encoding` as sent: the cache sits outside the compression layer,
    /// so each encoding is compressed once and kept.
    accept_encoding: String,
    lang: &'static str,
    fragment: bool,
    head: bool,
}

#[derive(Debug)]
struct Entry {
    kind: Kind,
    headers: HeaderMap,
    body: Bytes,
    etag: HeaderValue,
}

#[derive(Debug, Default)]
struct Inner {
    map: HashMap<Key, Arc<Entry>>,
    order: VecDeque<Key>,
    bytes: usize,
}

/// Counters for `/metrics`.
#[derive(Debug, Default)]
pub struct CacheStats {
    pub hits: AtomicU64,
    pub not_modified: AtomicU64,
    pub misses: AtomicU64,
    pub evictions: AtomicU64,
}

#[derive(Debug)]
pub struct PageCache {
    inner: RwLock<Inner>,
    /// Bumped by every invalidation; a render that saw another epoch is not stored.
    epoch: AtomicU64,
    /// The newest audit id processed (-1: not initialised yet).
    last_change: AtomicI64,
    /// Ids in the lookback window already processed.
    seen: Mutex<BTreeSet<i64>>,
    /// The search index generation last synced at.
    generation: AtomicU64,
    sync_lock: tokio::sync::Mutex<()>,
    pub stats: CacheStats,
}

impl Default for PageCache {
    fn default() -> Self {
        Self::new()
    }
}

impl PageCache {
    pub fn new() -> Self {
        Self {
            inner: RwLock::new(Inner::default()),
            epoch: AtomicU64::new(0),
            last_change: AtomicI64::new(-1),
            seen: Mutex::new(BTreeSet::new()),
            generation: AtomicU64::new(0),
            sync_lock: tokio::sync::Mutex::new(()),
            stats: CacheStats::default(),
        }
    }

    /// (pages, bytes) held now.
    pub fn size(&self) -> (usize, usize) {
        self.inner.read().map(|g| (g.map.len(), g.bytes)).unwrap_or((0, 0))
    }

    fn get(&self, key: &Key) -> Option<Arc<Entry>> {
        self.inner.read().ok()?.map.get(key).cloned()
    }

    fn insert(&self, epoch: u64, key: Key, entry: Arc<Entry>) {
        let Ok(mut g) = self.inner.write() else { return };
        // Checked under the lock: an invalidation takes the same lock after bumping the epoch.
        if self.epoch.load(Ordering::Acquire) != epoch || entry.body.len() > MAX_PAGE {
            return;
        }
        if let Some(old) = g.map.insert(key.clone(), Arc::clone(&entry)) {
            g.bytes -= old.body.len();
        } else {
            g.order.push_back(key);
        }
        g.bytes += entry.body.len();
        while g.map.len() > MAX_ENTRIES || g.bytes > MAX_BYTES {
            let Some(oldest) = g.order.pop_front() else { break };
            if let Some(e) = g.map.remove(&oldest) {
                g.bytes -= e.body.len();
                self.stats.evictions.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Drop the pages `drop` selects.
    fn invalidate(&self, drop: impl Fn(Kind) -> bool) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        let Ok(mut g) = self.inner.write() else { return };
        let Inner { map, order, bytes } = &mut *g;
        map.retain(|_, e| {
            let keep = !drop(e.kind);
            if !keep {
                *bytes -= e.body.len();
            }
            keep
        });
        order.retain(|k| map.contains_key(k));
    }

    /// Drop every page.
    pub fn clear(&self) {
        self.invalidate(|_| true);
    }

    /// Apply register changes (see the module doc).
    fn apply(&self, changes: &[RegisterChange]) {
        let mut schools = BTreeSet::new();
        let (mut search, mut all_schools) = (false, false);
        for c in changes {
            match c.entity {
                // A board's name, an Inspectie verdict (its id is not a school id) or a
                // programme's rule (the public band) can show on any school page.
                AuditEntity::Board | AuditEntity::Verdict | AuditEntity::Programme => all_schools = true,
                AuditEntity::School => {
                    search = true;
                    schools.extend(c.entity_id.parse::<i64>().ok());
                }
                _ => schools.extend(c.entity_id.parse::<i64>().ok()),
            }
        }
        if all_schools || search || !schools.is_empty() {
            self.invalidate(|k| match k {
                Kind::School(id) => all_schools || schools.contains(&id),
                Kind::Search => search,
                Kind::Static => false,
            });
        }
    }

    /// Read the register changes since the last sync and drop what they touch. Returns how many
    /// new changes were applied.
    pub async fn sync(&self, store: &dyn StoreRead) -> StoreResult<usize> {
        let _one = self.sync_lock.lock().await;
        let mut last = self.last_change.load(Ordering::Acquire);
        if last < 0 {
            // First sync: everything cached so far was rendered after the newest change.
            // The recent ids count as seen.
            last = store.last_change_id().await?;
            let recent = store.register_changes((last - lookback(store)).max(0), BATCH).await?;
            if let Ok(mut seen) = self.seen.lock() {
                seen.extend(recent.iter().map(|c| c.id).filter(|id| *id <= last));
            }
            self.last_change.store(last, Ordering::Release);
            return Ok(0);
        }
        let mut applied = 0;
        let mut from = (last - lookback(store)).max(0);
        loop {
            let batch = store.register_changes(from, BATCH).await?;
            let fresh: Vec<RegisterChange> = {
                let Ok(mut seen) = self.seen.lock() else { break };
                let fresh: Vec<RegisterChange> =
                    batch.iter().filter(|c| c.id > last || !seen.contains(&c.id)).cloned().collect();
                seen.extend(fresh.iter().map(|c| c.id));
                fresh
            };
            self.apply(&fresh);
            applied += fresh.len();
            let newest = batch.last().map_or(from, |c| c.id);
            last = last.max(newest);
            if i64::try_from(batch.len()).unwrap_or(i64::MAX) < BATCH {
                break;
            }
            from = newest;
        }
        self.last_change.store(last, Ordering::Release);
        if let Ok(mut seen) = self.seen.lock() {
            let floor = last - lookback(store);
            seen.retain(|id| *id > floor);
        }
        Ok(applied)
    }
}

/// How far back a sync re-reads: nothing where ids are handed out in commit order (SQLite),
/// else [`LOOKBACK`] ids.
fn lookback(store: &dyn StoreRead) -> i64 {
    if store.ids_in_commit_order() { 0 } else { LOOKBACK }
}

/// Sync once a second until the process ends (one per app server).
pub async fn sync_task(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = state.pages.sync(state.app.read()).await {
            tracing::warn!(error = %e, "paginacache bijwerken mislukt");
        }
    }
}

/// Which cached kind a request is, or `None` when it must not come from the cache.
fn cacheable(req: &Request) -> Option<(Key, Kind)> {
    if !matches!(*req.method(), Method::GET | Method::HEAD) || req.headers().contains_key(header::AUTHORIZATION) {
        return None;
    }
    let cookies = req.headers().get(header::COOKIE).and_then(|v| v.to_str().ok());
    if cookies.is_some_and(|c| c.contains(crate::auth::SESSION_COOKIE)) {
        return None;
    }
    let kind = match req.extensions().get::<MatchedPath>().map(MatchedPath::as_str)? {
        "/scholen/{id}" => {
            let id = req.uri().path().strip_prefix("/scholen/")?.parse::<i64>().ok().filter(|id| *id > 0)?;
            Kind::School(id)
        }
        "/scholen" => Kind::Search,
        "/" | "/check" => Kind::Static,
        _ => return None,
    };
    let key = Key {
        path_and_query: req
            .uri()
            .path_and_query()
            .map_or_else(|| req.uri().path().to_owned(), |p| p.as_str().to_owned()),
        accept_encoding: req
            .headers()
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .unwrap_or_default()
            .to_owned(),
        lang: crate::i18n::Lang::from_cookie_header(cookies).code(),
        fragment: req.headers().get("hx-request").is_some_and(|v| v == "true"),
        head: req.method() == Method::HEAD,
    };
    Some((key, kind))
}

/// FNV-1a over the body: the weak validator of a cached page.
fn etag_of(body: &[u8]) -> HeaderValue {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in body {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    HeaderValue::from_str(&format!("W/\"{h:016x}\"")).unwrap_or_else(|_| HeaderValue::from_static("W/\"0\""))
}

/// Does `If-None-Match` (a list, or `*`) match `etag`? Weak comparison.
pub fn matches(if_none_match: Option<&HeaderValue>, etag: &HeaderValue) -> bool {
    let Some(v) = if_none_match.and_then(|v| v.to_str().ok()) else { return false };
    let ours = etag.to_str().unwrap_or_default().trim_start_matches("W/");
    v.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == ours)
}

impl Entry {
    fn respond(&self, if_none_match: Option<&HeaderValue>, stats: &CacheStats) -> Response {
        if matches(if_none_match, &self.etag) {
            stats.not_modified.fetch_add(1, Ordering::Relaxed);
            let mut res = StatusCode::NOT_MODIFIED.into_response();
            // Everything the 200 would carry (validators, caching, security headers) but the
            // description of a body.
            let mut headers = self.headers.clone();
            for name in [header::CONTENT_LENGTH, header::CONTENT_TYPE, header::CONTENT_ENCODING] {
                headers.remove(name);
            }
            *res.headers_mut() = headers;
            return res;
        }
        let mut res = Response::new(Body::from(self.body.clone()));
        *res.headers_mut() = self.headers.clone();
        res
    }
}

mod middleware;
pub use middleware::{CacheLayer, layer};

#[cfg(test)]
mod tests;
