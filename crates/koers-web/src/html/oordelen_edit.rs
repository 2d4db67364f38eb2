//! Programme staff change or delete a recorded Inspectie verdict (issue 10 §2 leftover):
//!
//! | route | who |
//! |---|---|
//! | `GET/POST /oordelen/{id}/wijzigen` | staff: the verdict's facts, with its version (optimistic) |
//! | `POST /oordelen/{id}/verwijderen` | staff: delete, after ticking "zeker" |
//!
//! Both audited in the store's transaction. A stale version shows the verdict as it is now (409).
//! Handlers extract, call one use case ([`koers_app::App::edit_verdict`] /
//! [`koers_app::App::delete_verdict`]), render.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::oordelen::Typed;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use koers_app::Error;
use koers_app::store::{Sector, VerdictRecord};
use koers_app::verdicts::{VerdictOf, interpret};
use koers_core::access::{Action, Resource};
use koers_core::ids::VerdictId;
use koers_core::inspection::{Afdeling, VerdictForm, VerdictOordeel, VerdictStatus};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/oordelen/{id}/wijzigen", get(show).post(save))
        .route("/oordelen/{id}/verwijderen", post(remove))
}

#[derive(Debug, Template)]
#[template(path = "oordelen/edit.html")]
pub struct EditPage {
    pub page: Page,
    pub id: VerdictId,
    pub version: i64,
    pub title: String,
    pub back_href: String,
    pub status: String,
    pub conflict: bool,
    pub is_vo: bool,
    pub typed: Typed,
    pub errors: Vec<(String, String)>,
    pub oordelen: Vec<(&'static str, &'static str)>,
    pub afdelingen: Vec<&'static str>,
}

impl EditPage {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone())
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    version: String,
    #[serde(flatten)]
    typed: Typed,
}

#[derive(Debug, Default, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    zeker: Option<String>,
}

fn list_href(r: &VerdictRecord) -> String {
    match (r.school_id, r.board_number) {
        (Some(s), _) => format!("/mijn-school/{s}/oordelen"),
        (None, Some(n)) => format!("/bestuur/{n}/oordelen"),
        (None, None) => "/home".to_owned(),
    }
}

fn typed_of(r: &VerdictRecord) -> Typed {
    let date = interpret(r).map(|v| v.facts.date.nl()).unwrap_or_else(|_| r.verdict_date.clone());
    Typed {
        datum: date,
        oordeel: r.oordeel.clone(),
        afdeling: r.afdeling.clone().unwrap_or_default(),
        herstelopdracht: r.herstelopdracht.then(|| "ja".to_owned()),
        risico_onderzoek: r.risk_investigation.then(|| "ja".to_owned()),
        bron: r.source.clone(),
    }
}

async fn page_for(state: &AppState, page: Page, r: &VerdictRecord, typed: Typed) -> Result<EditPage, AppError> {
    let lang = page.lang;
    let store = state.app.read();
    let (name, is_vo, is_board) = match (r.school_id, r.board_number) {
        (Some(id), _) => {
            let s = store.school(id).await?;
            (s.name, s.sector == Sector::Vo, false)
        }
        (None, Some(n)) => (store.board(n).await?.name, false, true),
        (None, None) => return Err(AppError::NotFound),
    };
    let status = if r.status == VerdictStatus::Verklaard.code() {
        lang.t("verdict-status-declared")
    } else {
        let by = r.confirmed_by_label.clone().unwrap_or_else(|| r.recorded_by_label.clone());
        lang.t_args("verdict-status-confirmed", &[("by", by)])
    };
    Ok(EditPage {
        id: r.id,
        version: r.version,
        title: lang.t_args("verdict-edit-title", &[("name", name)]),
        back_href: list_href(r),
        status,
        conflict: false,
        is_vo,
        typed,
        errors: Vec::new(),
        oordelen: VerdictOordeel::ALL
            .into_iter()
            .filter(|o| !(is_board && *o == VerdictOordeel::ZeerZwak))
            .map(|o| (o.code(), o.label_nl()))
            .collect(),
        afdelingen: Afdeling::ALL.iter().map(|a| a.code()).collect(),
        page: page.in_section("mijn-home"),
    })
}

fn version(text: &str) -> i64 {
    text.trim().parse::<i64>().unwrap_or(0)
}

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id<VerdictId>,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::ConfirmVerdicts)?;
    let r = state.app.read().verdict(id).await?;
    let typed = typed_of(&r);
    render(&page_for(&state, page, &r, typed).await?)
}

pub async fn save(
    State(state): State<AppState>,
    Id(id): Id<VerdictId>,
    user: CurrentUser,
    page: Page,
    Form(f): Form<EditForm>,
) -> Result<Response, AppError> {
    let form = VerdictForm {
        date: f.typed.datum.clone(),
        oordeel: f.typed.oordeel.clone(),
        afdeling: f.typed.afdeling.clone(),
        herstelopdracht: f.typed.herstelopdracht.is_some(),
        risk_investigation: f.typed.risico_onderzoek.is_some(),
        source: f.typed.bron.clone(),
    };
    let now = crate::auth::now();
    match state.app.edit_verdict(user.principal(), id, version(&f.version), &form, &user.actor(), now).await {
        Ok(saved) => Ok(Redirect::to(&list_href(&saved)).into_response()),
        Err(Error::Invalid(errors)) => {
            let r = state.app.read().verdict(id).await?;
            let mut v = page_for(&state, page, &r, f.typed).await?;
            v.version = version(&f.version);
            v.errors = errors.into_iter().map(|e| (e.field, e.detail)).collect();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&v)?).into_response())
        }
        Err(Error::Conflict { .. }) => conflict(&state, page, id, f.typed).await,
        Err(e) => Err(e.into()),
    }
}

/// Someone changed the verdict first: its current version with what was typed, 409.
async fn conflict(state: &AppState, page: Page, id: VerdictId, typed: Typed) -> Result<Response, AppError> {
    let r = state.app.read().verdict(id).await?;
    let mut v = page_for(state, page, &r, typed).await?;
    v.conflict = true;
    Ok((StatusCode::CONFLICT, render(&v)?).into_response())
}

pub async fn remove(
    State(state): State<AppState>,
    Id(id): Id<VerdictId>,
    user: CurrentUser,
    page: Page,
    Form(f): Form<DeleteForm>,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::ConfirmVerdicts)?;
    if f.zeker.as_deref().is_none_or(|z| z.trim().is_empty()) {
        let r = state.app.read().verdict(id).await?;
        let typed = typed_of(&r);
        let mut v = page_for(&state, page, &r, typed).await?;
        v.errors = vec![("zeker".into(), "Verwijderen: vink aan dat je dit oordeel wilt verwijderen.".into())];
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&v)?).into_response());
    }
    let now = crate::auth::now();
    match state.app.delete_verdict(user.principal(), id, version(&f.version), &user.actor(), now).await {
        Ok(VerdictOf::School(s)) => Ok(Redirect::to(&format!("/mijn-school/{s}/oordelen")).into_response()),
        Ok(VerdictOf::Board(n)) => Ok(Redirect::to(&format!("/bestuur/{n}/oordelen")).into_response()),
        Err(Error::Conflict { .. }) => {
            let r = state.app.read().verdict(id).await?;
            conflict(&state, page, id, typed_of(&r)).await
        }
        Err(e) => Err(e.into()),
    }
}
