//! Password reset (issue 10 §5): `GET/POST /wachtwoord-vergeten` (ask for a link: the same
//! answer after the same time whether the address has an account or not) and
//! `GET/POST /wachtwoord-herstellen/{token}` (set a new password; the link works once, for an
//! hour). No login; the POSTs share the login's rate limits. Rules in
//! [`koers_app::password_reset`].

use super::aanvragen::{MessagePage, link_refused, with_status};
use super::now;
use crate::AppError;
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Form, Router, routing::get};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/wachtwoord-vergeten", get(forgot_form).post(forgot))
        .route("/wachtwoord-herstellen/{token}", get(reset_form).post(reset))
}

#[derive(Debug, Template)]
#[template(path = "auth/wachtwoord_vergeten.html")]
pub struct ForgotPage {
    pub page: Page,
    pub email: String,
    pub email_error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

#[derive(Debug, Template)]
#[template(path = "auth/wachtwoord_herstellen.html")]
pub struct ResetPage {
    pub page: Page,
    pub token: String,
    pub errors: Vec<(String, String)>,
}

impl ResetPage {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone())
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    wachtwoord: String,
    #[serde(default)]
    wachtwoord_herhaling: String,
}

pub async fn forgot_form(page: Page) -> Result<Response, AppError> {
    render(&ForgotPage { page: page.in_section("login"), email: String::new(), email_error: None })
}

pub async fn forgot(
    State(state): State<AppState>,
    page: Page,
    Form(f): Form<ForgotForm>,
) -> Result<Response, AppError> {
    let page = page.in_section("login");
    match state.app.request_password_reset(&f.email, &state.config.base_url, now()).await {
        Ok(()) => {
            let message = page.t("reset-sent-text");
            render(&MessagePage { title: page.t("reset-sent-title"), message, next: None, page })
        }
        Err(koers_app::Error::Invalid(_)) => {
            let v =
                ForgotPage { email_error: Some(page.t("reset-email-invalid")), email: f.email.trim().to_owned(), page };
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
        Err(e) => Err(e.into()),
    }
}

fn again(page: &Page) -> (&'static str, String) {
    ("/wachtwoord-vergeten", page.t("reset-ask-again"))
}

pub async fn reset_form(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let page = page.in_section("login");
    match state.app.password_link(&token, now()).await {
        Ok(_) => render(&ResetPage { page, token, errors: Vec::new() }),
        Err(e) => {
            let a = again(&page);
            link_refused(page, e, a)
        }
    }
}

pub async fn reset(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
    Form(f): Form<ResetForm>,
) -> Result<Response, AppError> {
    let page = page.in_section("login");
    match state.app.reset_password(&token, &f.wachtwoord, &f.wachtwoord_herhaling, now()).await {
        Ok(_) => {
            let next = Some(("/inloggen".to_owned(), page.t("nav-login")));
            render(&MessagePage { title: page.t("reset-done-title"), message: page.t("reset-done-text"), next, page })
        }
        Err(koers_app::Error::Invalid(fields)) => {
            let errors = fields
                .into_iter()
                .map(|e| {
                    let mut d = e.detail.chars();
                    let d = d.next().map(|c| c.to_uppercase().chain(d).collect()).unwrap_or_default();
                    (e.field, d)
                })
                .collect();
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &ResetPage { page, token, errors })
        }
        Err(koers_app::Error::Busy(_)) => Err(AppError::busy()),
        Err(e) => {
            let a = again(&page);
            link_refused(page, e, a)
        }
    }
}
