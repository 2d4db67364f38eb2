//! `GET/POST /goedkeuren/{token}`: the board's approval by e-mail link. No login: the token
//! is the credential (random, stored hashed, valid 14 days, usable once). Unknown or forged
//! links are 404, expired ones 410, used ones 409 — each a Dutch page saying what to do.

use crate::AppError;
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Form, Router, routing::get};
use koers_app::store::{ApplicationRecord, StoreError};
use koers_app::{Error, LinkRefusal};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/goedkeuren/{token}", get(show).post(decide))
}

#[derive(Debug, Template)]
#[template(path = "goedkeuren/show.html")]
pub struct ApprovalPage {
    pub page: Page,
    pub token: String,
    pub reference: String,
    pub school_name: String,
    pub help_question: String,
    pub reason: String,
    pub reason_error: Option<String>,
}

#[derive(Debug, Template)]
#[template(path = "goedkeuren/message.html")]
pub struct MessagePage {
    pub page: Page,
    pub title: String,
    pub message: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Decision {
    #[serde(default)]
    besluit: String,
    #[serde(default)]
    reden: String,
}

fn with_status(status: StatusCode, t: &impl Template) -> Result<Response, AppError> {
    let mut res = render(t)?;
    *res.status_mut() = status;
    Ok(res)
}

fn link_error(page: Page, e: Error) -> Result<Response, AppError> {
    let status = match &e {
        Error::Link(LinkRefusal::Unknown) | Error::NotFound => StatusCode::NOT_FOUND,
        Error::Link(LinkRefusal::Expired) => StatusCode::GONE,
        Error::Link(LinkRefusal::Used) | Error::Transition(_) | Error::Conflict { .. } => StatusCode::CONFLICT,
        _ => return Err(e.into()),
    };
    let message = e.to_string();
    let mut chars = message.chars();
    let message = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
    with_status(status, &MessagePage { title: page.t("approve-link-refused"), message, page })
}

async fn school_name(state: &AppState, a: &ApplicationRecord) -> Result<String, AppError> {
    Ok(match a.school_id {
        Some(id) => match state.app.read().school(id).await {
            Ok(s) => s.name,
            Err(StoreError::NotFound) => String::new(),
            Err(e) => return Err(e.into()),
        },
        None => String::new(),
    })
}

async fn approval_page(
    state: &AppState,
    page: Page,
    token: &str,
    a: &ApplicationRecord,
) -> Result<ApprovalPage, AppError> {
    Ok(ApprovalPage {
        token: token.to_owned(),
        reference: a.reference.to_string(),
        school_name: school_name(state, a).await?,
        help_question: a.help_question.clone(),
        reason: String::new(),
        reason_error: None,
        page,
    })
}

pub async fn show(State(state): State<AppState>, page: Page, Path(token): Path<String>) -> Result<Response, AppError> {
    match state.app.application_for_link(&token, crate::auth::now()).await {
        Ok(a) => render(&approval_page(&state, page, &token, &a).await?),
        Err(e) => link_error(page, e),
    }
}

pub async fn decide(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let now = crate::auth::now();
    let a = match state.app.application_for_link(&token, now).await {
        Ok(a) => a,
        Err(e) => return link_error(page, e),
    };
    let approve = match d.besluit.as_str() {
        "akkoord" => true,
        "afwijzen" => false,
        _ => return Err(AppError::BadRequest(Vec::new())),
    };
    let reason = d.reden.trim();
    if !approve && reason.is_empty() {
        let mut v = approval_page(&state, page, &token, &a).await?;
        v.reason_error = Some(v.page.t("approve-reason-required"));
        return with_status(StatusCode::UNPROCESSABLE_ENTITY, &v);
    }
    match state.app.decide_by_link(&token, approve, reason, now).await {
        Ok(a) => {
            let key = if approve { "approve-done-approved" } else { "approve-done-declined" };
            let message = page.t_args(key, &[("reference", a.reference.to_string())]);
            render(&MessagePage { title: page.t("approve-done-title"), message, page })
        }
        Err(e) => link_error(page, e),
    }
}
