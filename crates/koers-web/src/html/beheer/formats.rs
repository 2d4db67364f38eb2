//! `GET /beheer/formats`, `GET/POST /beheer/formats/nieuw`, `GET/POST /beheer/formats/{id}`:
//! formats as data (issue 8 §1), like programmes. The list shows the version in force of every
//! format (stored, else shipped; the shipped versions are stored on the first visit). Saving stores a NEW version (every version stays: a trajectory
//! keeps its own); the text is checked by `koers_app::selfevals::formats::save` — every problem
//! listed in Dutch with its field (`sections[3].items[2].kind: …`, `version: verhoog …`), 422
//! with the text kept; a newer version stored meanwhile is 409 with both texts.
//!
//! Beheerders only (`Resource::Programmes`, the same right as programme definitions).

use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::store::FormatRecord;
use koers_core::access::{Action, Resource};
use serde::Deserialize;

fn ensure_admin(user: &CurrentUser) -> Result<(), AppError> {
    user.ensure(Action::Change, Resource::Programmes)
}

#[derive(Debug, Clone)]
pub struct FormatRow {
    pub id: String,
    pub title: String,
    pub version: i64,
    pub by: String,
}

#[derive(Debug, Template)]
#[template(path = "beheer/formats.html")]
pub struct FormatsPage {
    pub page: Page,
    pub rows: Vec<FormatRow>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct FormatForm {
    #[serde(default)]
    pub toml: String,
    /// The newest version the editor saw (empty for a new format).
    #[serde(default)]
    pub gezien: String,
}

#[derive(Debug, Template)]
#[template(path = "beheer/format.html")]
pub struct FormatPage {
    pub page: Page,
    /// `None` for a new format.
    pub id: Option<String>,
    pub title: String,
    pub form: FormatForm,
    /// Every problem, naming its field.
    pub errors: Vec<String>,
    pub saved: bool,
    pub conflict: Option<String>,
    pub versions: Vec<FormatRow>,
}

impl FormatPage {
    pub fn action(&self) -> String {
        self.id.as_ref().map_or_else(|| "/beheer/formats/nieuw".to_owned(), |id| format!("/beheer/formats/{id}"))
    }
}

fn row(r: FormatRecord) -> FormatRow {
    FormatRow { id: r.id, title: r.title, version: r.version, by: r.created_by }
}

fn with_status(status: StatusCode, v: &FormatPage) -> Result<Response, AppError> {
    let mut res = render(v)?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn list(State(state): State<AppState>, user: CurrentUser, page: Page) -> Result<Response, AppError> {
    ensure_admin(&user)?;
    // Like programmes: the shipped versions are stored on the first visit (audited).
    state.app.seed_formats(now()).await?;
    let rows = state.app.formats().await?.into_iter().map(row).collect();
    render(&FormatsPage { page: page.in_section("beheer"), rows })
}

pub async fn new_form(user: CurrentUser, page: Page) -> Result<Response, AppError> {
    ensure_admin(&user)?;
    let v = FormatPage {
        page: page.in_section("beheer"),
        id: None,
        title: String::new(),
        form: FormatForm::default(),
        errors: Vec::new(),
        saved: false,
        conflict: None,
        versions: Vec::new(),
    };
    render(&v)
}

#[derive(Debug, Default, Deserialize)]
pub struct Flags {
    #[serde(default)]
    opgeslagen: Option<String>,
}

async fn page_for(state: &AppState, page: Page, id: &str, form: Option<FormatForm>) -> Result<FormatPage, AppError> {
    let all = state.app.formats().await?;
    let current = all.into_iter().find(|r| r.id == id).ok_or(AppError::NotFound)?;
    let versions = state.app.read().format_versions(id).await?.into_iter().map(row).collect();
    let form = form
        .unwrap_or_else(|| FormatForm { toml: current.definition_toml.clone(), gezien: current.version.to_string() });
    Ok(FormatPage {
        page: page.in_section("beheer"),
        id: Some(id.to_owned()),
        title: current.title,
        form,
        errors: Vec::new(),
        saved: false,
        conflict: None,
        versions,
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Path(id): Path<String>,
    Query(flags): Query<Flags>,
) -> Result<Response, AppError> {
    ensure_admin(&user)?;
    let mut v = page_for(&state, page, &id, None).await?;
    v.saved = flags.opgeslagen.is_some();
    render(&v)
}

fn messages(errors: Vec<koers_app::check::FieldError>) -> Vec<String> {
    errors
        .into_iter()
        .map(|e| if e.field.is_empty() { e.detail } else { format!("{}: {}", e.field, e.detail) })
        .collect()
}

async fn store(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    id: Option<String>,
    f: FormatForm,
) -> Result<Response, AppError> {
    let seen = f.gezien.trim().parse::<i64>().ok();
    let outcome = state.app.save_format(&f.toml, seen, id.as_deref(), &user.actor(), now()).await;
    let refused = |page: Page, errors: Vec<String>, f: FormatForm| FormatPage {
        page: page.in_section("beheer"),
        id: id.clone(),
        title: String::new(),
        form: f,
        errors,
        saved: false,
        conflict: None,
        versions: Vec::new(),
    };
    match outcome {
        Ok(saved) => Ok(Redirect::to(&format!("/beheer/formats/{}?opgeslagen=1", saved.id)).into_response()),
        Err(koers_app::Error::Invalid(errors)) => {
            let mut v = match &id {
                Some(i) => page_for(state, page, i, Some(f)).await?,
                None => refused(page, Vec::new(), f),
            };
            v.errors = messages(errors);
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
        Err(e) if e.is_conflict() => {
            let Some(i) = &id else { return Err(e.into()) };
            let mut v = page_for(state, page, i, Some(f)).await?;
            let newest = state.app.formats().await?.into_iter().find(|r| &r.id == i);
            v.conflict = newest.as_ref().map(|r| r.definition_toml.clone());
            v.form.gezien = newest.map(|r| r.version.to_string()).unwrap_or_default();
            with_status(StatusCode::CONFLICT, &v)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Form(f): Form<FormatForm>,
) -> Result<Response, AppError> {
    ensure_admin(&user)?;
    let f = FormatForm { gezien: String::new(), ..f };
    store(&state, &user, page, None, f).await
}

pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Path(id): Path<String>,
    Form(f): Form<FormatForm>,
) -> Result<Response, AppError> {
    ensure_admin(&user)?;
    // 404 for a format that does not exist.
    state.app.formats().await?.into_iter().find(|r| r.id == id).ok_or(AppError::NotFound)?;
    store(&state, &user, page, Some(id), f).await
}
