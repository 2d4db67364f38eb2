//! What every handler can reach: the [`App`] (reads through [`App::read`], changes only
//! through its use cases — koers-web never holds the store's writer) and the settings. The
//! public band rule is the stored default programme's ([`AppState::band_rule`]).

use crate::AppError;
use crate::limits::LoginLimits;
use crate::server::ServerLimits;
use koers_app::App;
use koers_app::programmes::Programmes;
use koers_app::search::SchoolIndex;
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
    /// A fixed "today" for the date rules (voortgang, op koers): `koers serve --vandaag` in
    /// tests and demos; `None` = the real date in Dutch time.
    pub today: Option<koers_core::calendar::Date>,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            base_url: "http://127.0.0.1:8080".into(),
            login_limits: LoginLimits::default(),
            trusted_proxies: Vec::new(),
            server: ServerLimits::default(),
            today: None,
        }
    }
}

/// Shared application state: one pointer, so a clone is one reference count. Every middleware
/// and `State` extractor clones it per request; cloning the fields themselves (the settings'
/// strings, the app's handles) cost about 14 % of a cached page's CPU (profile of 2026-12-01).
#[derive(Debug, Clone)]
pub struct AppState(Arc<Shared>);

/// What [`AppState`] points to (reached through `Deref`: `state.app`, `state.config`, …).
#[derive(Debug, Clone)]
pub struct Shared {
    pub app: App,
    pub config: WebConfig,
    /// In-memory school search (same answers as `StoreRead::search_schools`); invalidated after
    /// imports and school edits in this process, reloaded after [`SEARCH_INDEX_TTL_SECS`].
    pub search: Arc<SchoolIndex>,
    /// The installation's theme (organiser's colour and logo), see [`crate::theme`].
    pub theme: Arc<crate::theme::Theme>,
    /// Public pages rendered once per data version (see [`crate::page_cache`]).
    pub pages: Arc<crate::page_cache::PageCache>,
    /// Request counts, latencies and the gauges of `/metrics`.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// The bearer token `/metrics` asks on the public listener; `None`: no `/metrics` there.
    pub metrics_token: Option<Arc<str>>,
    /// The OpenID providers people may sign in through (none by default).
    pub oidc: Arc<crate::auth::oidc::Providers>,
}

/// How long another app server's register change may take to show up in this one's search.
pub const SEARCH_INDEX_TTL_SECS: i64 = 30;

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    pub fn new(app: App, config: WebConfig) -> Self {
        Self(Arc::new(Shared {
            app,
            config,
            search: Arc::new(SchoolIndex::new(SEARCH_INDEX_TTL_SECS)),
            theme: Arc::new(crate::theme::Theme::default()),
            pages: Arc::new(crate::page_cache::PageCache::new()),
            metrics: Arc::new(crate::metrics::Metrics::new()),
            metrics_token: None,
            oidc: Arc::new(crate::auth::oidc::Providers::default()),
        }))
    }

    /// Builders change the one copy this state points to (cloned first if shared).
    fn shared_mut(&mut self) -> &mut Shared {
        Arc::make_mut(&mut self.0)
    }

    /// The same state with another [`App`] (e.g. with other login settings).
    #[must_use]
    pub fn with_app(mut self, app: App) -> Self {
        self.shared_mut().app = app;
        self
    }

    /// The same state with other web settings.
    #[must_use]
    pub fn with_config(mut self, config: WebConfig) -> Self {
        self.shared_mut().config = config;
        self
    }

    /// Serve `/metrics` on the public listener to requests with `Authorization: Bearer <token>`.
    pub fn with_metrics_token(mut self, token: Option<String>) -> Self {
        self.shared_mut().metrics_token = token.filter(|t| !t.trim().is_empty()).map(|t| Arc::from(t.trim()));
        self
    }

    /// Today for the date rules: the fixed day of [`WebConfig::today`], else the real date.
    pub fn today(&self) -> koers_core::calendar::Date {
        self.config.today.unwrap_or_else(|| koers_core::calendar::Date::of_instant(crate::auth::now()))
    }

    /// The programmes in force now (the stored definitions; see `koers_app::programmes`).
    pub async fn programmes(&self) -> Result<Arc<Programmes>, AppError> {
        Ok(self.app.programmes_in_force().await?)
    }

    /// The results-band rule of the public verdict: the stored default programme of a PO school.
    pub async fn band_rule(&self) -> Result<BandRule, AppError> {
        Ok(self.app.band_rule().await?)
    }

    /// The same state offering sign-in through `providers` (redirect URIs under `base_url`).
    #[must_use]
    pub fn with_oidc(mut self, providers: Vec<crate::auth::oidc::config::ProviderConfig>) -> Self {
        let oidc = Arc::new(crate::auth::oidc::Providers::new(providers, &self.config.base_url));
        self.shared_mut().oidc = oidc;
        self
    }

    /// The same state with the installation's theme.
    #[must_use]
    pub fn with_theme(mut self, theme: crate::theme::Theme) -> Self {
        self.shared_mut().theme = Arc::new(theme);
        self
    }
}
