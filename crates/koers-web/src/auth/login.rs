//! `GET/POST /inloggen` and `POST /uitloggen`.
//!
//! Login goes through [`koers_app::App::authenticate`] (argon2id on a blocking thread,
//! throttling per account, audit); then axum-login cycles the session id (no session
//! fixation). Errors are shown next to the fields with the e-mail kept, never the password.

use super::{AuthSession, SessionUser, now};
use crate::AppError;
use crate::html::page::Page;
use crate::html::render;
use crate::html::taal::safe_back;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get, routing::post};
use koers_app::LoginRefusal;
use koers_app::store::{AuditEntity, NewAudit};
use koers_core::ids::UserId;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/inloggen", get(form).post(submit))
}

/// `POST /uitloggen`: not behind the login's rate limit — ending a session is never refused
/// (a browser journey logging eight roles in and out hit the per-address burst).
pub fn logout_routes() -> Router<AppState> {
    Router::new().route("/uitloggen", post(logout))
}

#[derive(Debug, Default, Deserialize)]
pub struct Next {
    #[serde(default)]
    volgende: Option<String>,
}

impl Next {
    /// Where to go after login: a local path, else the role home.
    pub(crate) fn target(&self) -> String {
        match safe_back(self.volgende.as_deref()) {
            "/" => "/home".to_owned(),
            p => p.to_owned(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    wachtwoord: String,
}

#[derive(Debug, Template)]
#[template(path = "auth/inloggen.html")]
pub struct LoginPage {
    pub page: Page,
    pub email: String,
    /// The query string of the form action (`?volgende=…`), or empty.
    pub action_query: String,
    pub error: Option<String>,
    pub email_error: Option<String>,
    pub password_error: Option<String>,
    /// (id, button label) of the configured OpenID providers: a button each.
    pub providers: Vec<(String, String)>,
    /// The query string for the provider buttons (`?volgende=…`), or empty.
    pub next_query: String,
}

impl LoginPage {
    pub(crate) fn new(page: Page, next: &Next, state: &AppState) -> Self {
        let action_query = match next.volgende.as_deref() {
            Some(v) if safe_back(Some(v)) != "/" => {
                format!("?{}", serde_urlencoded::to_string([("volgende", v)]).unwrap_or_default())
            }
            _ => String::new(),
        };
        Self {
            email: String::new(),
            next_query: action_query.clone(),
            action_query,
            error: None,
            email_error: None,
            password_error: None,
            providers: state
                .oidc
                .list()
                .into_iter()
                .map(|(id, name)| (id, page.t_args("login-sso-button", &[("provider", name)])))
                .collect(),
            page,
        }
    }
}

pub async fn form(
    State(state): State<AppState>,
    auth: AuthSession,
    page: Page,
    Query(next): Query<Next>,
) -> Result<Response, AppError> {
    if auth.user.is_some() {
        return Ok(Redirect::to(&next.target()).into_response());
    }
    render(&LoginPage::new(page.in_section("login"), &next, &state))
}

pub async fn submit(
    State(state): State<AppState>,
    mut auth: AuthSession,
    page: Page,
    Query(next): Query<Next>,
    Form(f): Form<LoginForm>,
) -> Result<Response, AppError> {
    let mut view = LoginPage::new(page.in_section("login"), &next, &state);
    view.email = f.email.trim().to_owned();
    if view.email.is_empty() {
        view.email_error = Some(view.page.t("login-email-required"));
    }
    if f.wachtwoord.is_empty() {
        view.password_error = Some(view.page.t("login-password-required"));
    }
    if view.email_error.is_some() || view.password_error.is_some() {
        return with_status(StatusCode::UNPROCESSABLE_ENTITY, &view);
    }
    match state.app.authenticate(&view.email, &f.wachtwoord, now()).await {
        Ok((user, principal)) => {
            // A new id on every login, also over an existing (possibly planted) session;
            // axum-login itself only cycles when the session was not logged in yet.
            auth.session.cycle_id().await.map_err(AppError::internal)?;
            auth.login(&SessionUser::new(&user, principal)).await.map_err(AppError::internal)?;
            Ok(Redirect::to(&next.target()).into_response())
        }
        Err(koers_app::Error::Login(LoginRefusal::BadCredentials)) => {
            view.error = Some(view.page.t("login-error-credentials"));
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &view)
        }
        Err(koers_app::Error::Login(LoginRefusal::PasswordOff)) => {
            view.error = Some(view.page.t("login-error-password-off"));
            with_status(StatusCode::FORBIDDEN, &view)
        }
        Err(koers_app::Error::Login(LoginRefusal::Inactive)) => {
            view.error = Some(view.page.t("login-error-inactive"));
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &view)
        }
        Err(koers_app::Error::Login(LoginRefusal::Throttled { retry_after_minutes })) => {
            view.error =
                Some(view.page.t_args("login-error-throttled", &[("minutes", retry_after_minutes.to_string())]));
            let mut res = with_status(StatusCode::TOO_MANY_REQUESTS, &view)?;
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_minutes.max(1) * 60));
            Ok(res)
        }
        Err(koers_app::Error::Busy(_)) => {
            view.error = Some(view.page.t("login-error-busy"));
            let mut res = with_status(StatusCode::TOO_MANY_REQUESTS, &view)?;
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(crate::error::BUSY_RETRY_AFTER_SECS));
            Ok(res)
        }
        Err(e) => Err(AppError::internal(e)),
    }
}

pub(crate) fn with_status(status: StatusCode, view: &LoginPage) -> Result<Response, AppError> {
    let mut res = render(view)?;
    *res.status_mut() = status;
    Ok(res)
}

/// End the session: deleted from the store (the old cookie is worthless), audited. A session
/// that began at an OpenID provider with a logout endpoint gets a page that continues there
/// (RP-initiated logout; a meta refresh and a link, since the CSP's `form-action 'self'` rightly
/// stops a form's redirect to another origin), and the provider sends the browser back to `/`.
pub async fn logout(State(state): State<AppState>, mut auth: AuthSession, page: Page) -> Result<Response, AppError> {
    let via = super::oidc::signed_in_via(&auth).await;
    if let Some(user) = &auth.user {
        state
            .app
            .record_event(&NewAudit {
                at: now(),
                actor_user_id: Some(UserId::new(user.id)),
                actor_label: user.email.clone(),
                action: "logout".into(),
                entity: AuditEntity::Session,
                entity_id: user.id.to_string(),
                before: None,
                after: None,
            })
            .await?;
    }
    auth.logout().await.map_err(AppError::internal)?;
    if let Some(view) = super::oidc::provider_logout(&state, via, page).await {
        return render(&view);
    }
    Ok(Redirect::to("/").into_response())
}
