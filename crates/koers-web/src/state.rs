//! What every handler can reach.

use crate::limits::LoginLimits;
use crate::server::ServerLimits;
use koers_app::search::SchoolIndex;
use koers_app::store::Store;
use koers_core::NormLibrary;
use koers_core::programme::BandRule;
use std::net::IpAddr;
use std::sync::Arc;

/// Settings of the web surface.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Set the `Secure` flag on cookies and send `Strict-Transport-Security` (production
    /// behind HTTPS; `koers serve` without `--insecure-cookies`).
    pub secure_cookies: bool,
    /// The public base URL, e.g. `https://koers.example.nl` (for absolute links and the spec).
    pub base_url: String,
    /// Rate limits of `POST /inloggen` ([`crate::limits`]).
    pub login_limits: LoginLimits,
    /// Reverse proxies whose `X-Forwarded-For` is believed (the rightmost entry).
    pub trusted_proxies: Vec<IpAddr>,
    /// Connections, timeouts and body sizes of the server ([`crate::server`]).
    pub server: ServerLimits,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            base_url: "http://127.0.0.1:8080".into(),
            login_limits: LoginLimits::default(),
            trusted_proxies: Vec::new(),
            server: ServerLimits::default(),
        }
    }
}

/// Shared application state (cheap to clone).
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub norms: Arc<NormLibrary>,
    /// The GWGB+ school rule used for the public eligibility check.
    pub band_rule: BandRule,
    pub config: WebConfig,
    /// In-memory school search (same answers as `Store::search_schools`); invalidated after
    /// imports and school edits in this process, reloaded after [`SEARCH_INDEX_TTL_SECS`].
    pub search: Arc<SchoolIndex>,
}

/// How long another app server's register change may take to show up in this one's search.
pub const SEARCH_INDEX_TTL_SECS: i64 = 30;

impl AppState {
    pub fn new(store: Arc<dyn Store>, norms: Arc<NormLibrary>, band_rule: BandRule, config: WebConfig) -> Self {
        Self { store, norms, band_rule, config, search: Arc::new(SchoolIndex::new(SEARCH_INDEX_TTL_SECS)) }
    }
}
