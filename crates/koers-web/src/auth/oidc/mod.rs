//! Sign in through the organisation's OpenID provider (issue 13 §2): SURFconext, Entree
//! Federatie or a school's own Microsoft/Google tenant, configured by the beheerder of the
//! installation in a providers file ([`config`]).
//!
//! - `GET /inloggen/oidc/{provider}`: discovery (cached with the keys), then a redirect to the
//!   provider with PKCE (S256), a random `state` and `nonce`; the three secrets wait in the
//!   session ([`provider::Pending`]).
//! - `GET /inloggen/oidc/{provider}/terug`: the pending attempt is taken out of the session
//!   (used once: a replayed `state` finds nothing), `state` compared, the code exchanged with
//!   the PKCE verifier, the ID token validated (signature, issuer, audience, expiry, nonce);
//!   then [`koers_app::App::sign_in_external`] decides: signed in (the session id is cycled,
//!   as for a password login), a request that is still open, a refusal, or — no account — the
//!   identity waits in the session and the person continues on the account request form
//!   (`/account-aanvragen`, [`super::aanvragen`]), as everyone who asks for an account does.
//!   Every failure is a Dutch message on the login page, never a stack trace.
//! - Logout (`POST /uitloggen`) ends the Koers session and, when the provider has an
//!   `end_session_endpoint`, continues there ([`provider_logout`]).

pub mod config;
pub mod provider;

use super::login::{LoginPage, Next, with_status};
use super::{AuthSession, SessionUser, now};
use crate::AppError;
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get};
use koers_app::external::{ExternalSignIn, PendingIdentity, SignInOutcome, Vouching};
use koers_app::{ExternalRefusal, LoginRefusal};
use provider::{OidcFailure, Pending};
use serde::{Deserialize, Serialize};

pub use provider::Providers;

/// Session key of the attempt under way.
const PENDING: &str = "koers.oidc.pending";
/// Session key of the provider a session signed in through (for logout there).
const SIGNED_IN: &str = "koers.oidc.signed_in";
/// Session key of a validated identity without an account, on its way to the request form.
const REQUEST: &str = "koers.oidc.request";

/// The identity waiting for the account request form, with its provider's display name.
pub async fn pending_request(
    state: &AppState,
    session: &axum_login::tower_sessions::Session,
) -> Option<(PendingIdentity, String)> {
    let p = session.get::<PendingIdentity>(REQUEST).await.ok().flatten()?;
    let name = state.oidc.config(&p.provider).map_or_else(|| p.provider.clone(), |c| c.name.clone());
    Some((p, name))
}

/// The request was made: the identity leaves the session.
pub async fn request_made(session: &axum_login::tower_sessions::Session) {
    if let Err(e) = session.remove::<PendingIdentity>(REQUEST).await {
        tracing::warn!(error = %e, "sessie: openstaande inlogidentiteit niet verwijderd");
    }
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/inloggen/oidc/{provider}", get(start)).route("/inloggen/oidc/{provider}/terug", get(callback))
}

/// The provider and ID token of a session that signed in through a provider.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedInVia {
    provider: String,
    id_token: String,
}

/// Read before the session ends (see [`super::login::logout`]).
pub async fn signed_in_via(auth: &AuthSession) -> Option<SignedInVia> {
    auth.session.get::<SignedInVia>(SIGNED_IN).await.ok().flatten()
}

/// After logging out of Koers: on to the provider's logout, and back to Koers' start page.
#[derive(Debug, Template)]
#[template(path = "auth/uitgelogd.html")]
pub struct LoggedOutPage {
    pub page: Page,
    /// "Ook uitloggen bij SURFconext".
    pub label: String,
    pub url: String,
}

/// The page that continues at the provider's logout endpoint, when the session signed in
/// through a provider that has one.
pub async fn provider_logout(state: &AppState, via: Option<SignedInVia>, mut page: Page) -> Option<LoggedOutPage> {
    let via = via?;
    let back = format!("{}/", state.config.base_url.trim_end_matches('/'));
    let url = state.oidc.logout_url(&via.provider, &via.id_token, &back).await?;
    let provider = state.oidc.config(&via.provider).map_or(via.provider.clone(), |c| c.name.clone());
    page.user = None;
    let label = page.t_args("oidc-logged-out-continue", &[("provider", provider)]);
    Some(LoggedOutPage { page: page.in_section("login"), label, url })
}

/// The login page with a message, and the status that goes with it.
fn failure(state: &AppState, page: Page, next: &Next, key: &str, status: StatusCode) -> Result<Response, AppError> {
    let mut view = LoginPage::new(page.in_section("login"), next, state);
    view.error = Some(view.page.t(key));
    with_status(status, &view)
}

fn oidc_failure(state: &AppState, page: Page, next: &Next, f: OidcFailure) -> Result<Response, AppError> {
    let status = match f {
        OidcFailure::ProviderDown => StatusCode::SERVICE_UNAVAILABLE,
        OidcFailure::Misconfigured => StatusCode::BAD_GATEWAY,
        _ => StatusCode::BAD_REQUEST,
    };
    failure(state, page, next, f.message_key(), status)
}

pub async fn start(
    State(state): State<AppState>,
    auth: AuthSession,
    page: Page,
    Path(provider): Path<String>,
    Query(next): Query<Next>,
) -> Result<Response, AppError> {
    if state.oidc.config(&provider).is_none() {
        return Err(AppError::NotFound);
    }
    if auth.user.is_some() {
        return Ok(Redirect::to(&next.target()).into_response());
    }
    match state.oidc.start(&provider, &next.target()).await {
        Ok((url, pending)) => {
            auth.session.insert(PENDING, pending).await.map_err(AppError::internal)?;
            Ok(Redirect::to(&url).into_response())
        }
        Err(f) => oidc_failure(&state, page, &next, f),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct CallbackQuery {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

/// Equal without an early exit on the first differing byte.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[derive(Debug, Template)]
#[template(path = "auth/aanvraag.html")]
pub struct RequestedPage {
    pub page: Page,
    pub text: String,
}

fn refusal_key(r: ExternalRefusal) -> &'static str {
    match r {
        ExternalRefusal::LinkedToOther => "oidc-refused-linked-to-other",
    }
}

pub async fn callback(
    State(state): State<AppState>,
    mut auth: AuthSession,
    page: Page,
    Path(provider): Path<String>,
    Query(q): Query<CallbackQuery>,
) -> Result<Response, AppError> {
    // Taken out whatever happens next: one state, one use.
    let pending: Option<Pending> = auth.session.remove(PENDING).await.map_err(AppError::internal)?;
    let next = Next::default();
    let Some(cfg) = state.oidc.config(&provider).cloned() else {
        return Err(AppError::NotFound);
    };
    let Some(p) = pending.filter(|p| p.provider == provider && q.state.as_deref().is_some_and(|s| same(s, &p.state)))
    else {
        tracing::warn!(provider = %provider, "OpenID-terugkeer zonder passende state");
        return oidc_failure(&state, page, &next, OidcFailure::BadState);
    };
    if q.error.is_some() {
        return oidc_failure(&state, page, &next, OidcFailure::Denied);
    }
    let Some(code) = q.code.as_deref() else {
        return oidc_failure(&state, page, &next, OidcFailure::Token);
    };
    let (identity, id_token) = match state.oidc.finish(&p, code).await {
        Ok(x) => x,
        Err(f) => {
            tracing::warn!(provider = %provider, failure = %f, "OpenID-inlog geweigerd");
            return oidc_failure(&state, page, &next, f);
        }
    };
    let sign_in = ExternalSignIn {
        provider: provider.clone(),
        subject: identity.subject,
        email: identity.email,
        email_verified: identity.email_verified,
        vouching: if cfg.trust_email { Vouching::TrustAddresses } else { Vouching::ClaimOnly },
        name: identity.name,
        organisation: identity.organisation,
    };
    match state.app.sign_in_external(&sign_in, now()).await {
        Ok(SignInOutcome::SignedIn { user, principal, .. }) => {
            auth.session.cycle_id().await.map_err(AppError::internal)?;
            auth.login(&SessionUser::new(&user, principal)).await.map_err(AppError::internal)?;
            let via = SignedInVia { provider, id_token };
            auth.session.insert(SIGNED_IN, via).await.map_err(AppError::internal)?;
            request_made(&auth.session).await;
            Ok(Redirect::to(&p.next).into_response())
        }
        Ok(SignInOutcome::MayRequest(identity)) => {
            auth.session.insert(REQUEST, identity).await.map_err(AppError::internal)?;
            Ok(Redirect::to("/account-aanvragen").into_response())
        }
        Ok(SignInOutcome::Requested(r)) => {
            let key = match r.status {
                koers_app::store::RequestStatus::Onbevestigd => "oidc-requested-unconfirmed",
                _ => "oidc-requested-text",
            };
            let text = page.t_args(key, &[("email", r.email), ("provider", cfg.name)]);
            let mut res = render(&RequestedPage { page: page.in_section("login"), text })?;
            *res.status_mut() = StatusCode::ACCEPTED;
            Ok(res)
        }
        Err(koers_app::Error::External(r)) => failure(&state, page, &next, refusal_key(r), StatusCode::FORBIDDEN),
        Err(koers_app::Error::Login(LoginRefusal::Inactive)) => {
            failure(&state, page, &next, "login-error-inactive", StatusCode::FORBIDDEN)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests;
