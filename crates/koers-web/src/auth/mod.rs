//! Authentication and the principal of a request.
//!
//! - Sessions: axum-login 0.18 with tower-sessions 0.14 (**through axum-login's re-export**),
//!   stored in the database by [`session_store::DbSessionStore`]; cookie `koers_sessie`
//!   (`HttpOnly`, `SameSite=Lax`, `Secure` when [`crate::WebConfig::secure_cookies`]); expiry
//!   after 8 hours of inactivity; the id is cycled on login and deleted on logout.
//! - [`backend`]: who a session belongs to; a password change or deactivation ends sessions.
//! - [`resolve_principal`] runs for every request (see [`crate::router`]): a bearer token
//!   (`Authorization: Bearer koers_…`) or the session gives the [`Principal`] and the
//!   [`SessionUser`] in the request extensions; an invalid token is a 401.
//! - Handlers take [`MaybePrincipal`] (anonymous allowed) or [`CurrentUser`] (login required)
//!   and ask [`ensure`] with the one authorization rule, [`koers_core::access::may`]. An
//!   anonymous HTML request that needs a login is redirected to `/inloggen?volgende=…`.
//! - CSRF: [`csrf_layer`] (tower-http's `Sec-Fetch-Site`/`Origin` check) on every request;
//!   only state-changing methods are checked.
//! - [`login`]: `GET/POST /inloggen`, `POST /uitloggen`.
//! - [`aanvragen`], [`herstellen`]: getting in — `/account-aanvragen` (+ its e-mail
//!   confirmation) and the password reset (`/wachtwoord-vergeten`, `/wachtwoord-herstellen/…`);
//!   public, rate-limited with the login ([`public_routes`]).
//! - [`oidc`]: sign in through an OpenID provider (`/inloggen/oidc/{provider}`).

pub mod aanvragen;
pub mod backend;
pub mod herstellen;
pub mod login;
pub mod me;
pub mod oidc;
mod resolve;
pub mod session_store;

pub use backend::{Backend, SessionUser};
pub use resolve::{require_scope, resolve_principal};

use crate::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_login::tower_sessions::cookie::SameSite;
use axum_login::tower_sessions::cookie::time::Duration;
use axum_login::tower_sessions::{Expiry, SessionManagerLayer};
use axum_login::{AuthManagerLayer, AuthManagerLayerBuilder};
use koers_app::store::Actor;
use koers_core::access::{Action, Principal, Resource, may};
use koers_core::ids::UserId;
use session_store::DbSessionStore;
use tower_http::csrf::CsrfLayer;

/// The public account routes behind the login's rate limits: login, account request, reset.
pub fn public_routes() -> axum::Router<AppState> {
    login::routes().merge(aanvragen::routes()).merge(herstellen::routes())
}

/// The session cookie.
pub const SESSION_COOKIE: &str = "koers_sessie";
/// A session ends after this long without a request.
pub const INACTIVITY_SECS: i64 = 8 * 60 * 60;

/// The axum-login session of a request.
pub type AuthSession = axum_login::AuthSession<Backend>;

/// The principal of the request, if someone is authenticated.
#[derive(Debug, Clone, Default)]
pub struct MaybePrincipal(pub Option<Principal>);

impl<S: Send + Sync> FromRequestParts<S> for MaybePrincipal {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        Ok(Self(parts.extensions.get::<Principal>().cloned()))
    }
}

impl MaybePrincipal {
    pub fn get(&self) -> Option<&Principal> {
        self.0.as_ref()
    }
}

/// `Ok` when `who` may do `action` on `resource`; else 401 (anonymous) or 403.
pub fn ensure(who: &MaybePrincipal, action: Action, resource: Resource) -> Result<(), AppError> {
    if may(who.get(), action, resource) {
        Ok(())
    } else if who.0.is_none() {
        Err(AppError::Unauthorized)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The logged-in user (session or API token); anonymous requests are refused with 401, which
/// becomes a redirect to the login page for HTML.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub SessionUser);

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        parts.extensions.get::<SessionUser>().cloned().map(Self).ok_or(AppError::Unauthorized)
    }
}

impl CurrentUser {
    pub fn principal(&self) -> &Principal {
        &self.0.principal
    }

    /// May this user do `action` on `resource`? 403 when not.
    pub fn ensure(&self, action: Action, resource: Resource) -> Result<(), AppError> {
        if may(Some(&self.0.principal), action, resource) { Ok(()) } else { Err(AppError::Forbidden) }
    }

    /// The actor for the audit log.
    pub fn actor(&self) -> Actor {
        Actor { user_id: Some(UserId::new(self.0.id)), label: self.0.email.clone() }
    }
}

/// The navigation's view of a logged-in user.
pub fn nav_user(lang: crate::i18n::Lang, u: &SessionUser) -> crate::html::page::NavUser {
    crate::html::page::NavUser {
        label: lang.t_args("nav-logged-in-as", &[("name", u.name.clone())]),
        screening: may(Some(&u.principal), Action::View, Resource::ProgrammeScreening),
        admin: u.principal.is_beheerder(),
    }
}

/// The current time in Unix seconds (the stores never read a clock).
pub fn now() -> i64 {
    session_store::now()
}

/// Sessions in the database plus axum-login on top.
pub fn session_layer(state: &AppState) -> AuthManagerLayer<Backend, DbSessionStore> {
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.app.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.secure_cookies)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(Duration::seconds(INACTIVITY_SECS)));
    AuthManagerLayerBuilder::new(Backend::new(state.app.clone()), sessions).build()
}

/// Cross-site request forgery protection: non-GET/HEAD/OPTIONS requests whose
/// `Sec-Fetch-Site` says cross-site, or whose `Origin` is neither the request's host nor the
/// configured base URL, get 403 before they reach a handler or the session.
pub fn csrf_layer(state: &AppState) -> CsrfLayer {
    let layer = CsrfLayer::new();
    let base = state.config.base_url.trim_end_matches('/');
    match layer.clone().add_trusted_origin(base) {
        Ok(l) => l,
        Err(e) => {
            tracing::warn!(error = %e, base_url = base, "base_url is geen geldige origin; alleen Host telt");
            layer
        }
    }
}
