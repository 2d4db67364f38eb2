//! `GET /beheer/programmas`, `GET/POST /beheer/programmas/nieuw`, `GET/POST /beheer/programmas/{id}`:
//! programme definitions as data. The list seeds the store from the shipped programmes on the
//! first visit (when it holds none; audited by the store). A definition is edited as TOML and
//! checked with `ProgrammeRules::from_toml` (a Dutch error naming the field or line, 422, the
//! text kept); a stale version is 409.
//!
//! Beheerders only (`Resource::Programmes`).

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
use koers_app::store::{ProgrammeDefinition, ProgrammeWrite, StoreError};
use koers_core::access::{Action, Resource};
use koers_core::programme::{ProgrammeError, ProgrammeRules};
use serde::Deserialize;

fn ensure_programme_admin(user: &CurrentUser) -> Result<(), AppError> {
    user.ensure(Action::Change, Resource::Programmes)
}

#[derive(Debug, Clone)]
pub struct ProgrammeRow {
    pub id: String,
    pub name: String,
    pub active: bool,
    pub version: i64,
}

#[derive(Debug, Template)]
#[template(path = "beheer/programmas.html")]
pub struct ProgrammesPage {
    pub page: Page,
    pub rows: Vec<ProgrammeRow>,
    pub seeded: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProgrammeForm {
    #[serde(default)]
    pub toml: String,
    #[serde(default)]
    pub actief: Option<String>,
    #[serde(default)]
    pub version: String,
}

#[derive(Debug, Template)]
#[template(path = "beheer/programma.html")]
pub struct ProgrammePage {
    pub page: Page,
    /// `None` for a new programme.
    pub id: Option<String>,
    pub name: String,
    pub form: ProgrammeForm,
    pub error: Option<String>,
    pub saved: bool,
    /// The definition as someone else saved it in the meantime.
    pub conflict: Option<String>,
}

impl ProgrammePage {
    pub fn action(&self) -> String {
        self.id.as_ref().map_or_else(|| "/beheer/programmas/nieuw".to_owned(), |id| format!("/beheer/programmas/{id}"))
    }
}

fn with_status(status: StatusCode, v: &ProgrammePage) -> Result<Response, AppError> {
    let mut res = render(v)?;
    *res.status_mut() = status;
    Ok(res)
}

/// The Dutch message for an invalid definition, naming the field when known.
fn message(page: &Page, e: &ProgrammeError) -> String {
    match &e.field {
        Some(f) => page.t_args("programmes-error-field", &[("field", f.clone()), ("detail", e.detail.clone())]),
        None => page.t_args("programmes-error", &[("detail", e.detail.clone())]),
    }
}

fn page_for(page: Page, d: Option<&ProgrammeDefinition>, form: ProgrammeForm) -> ProgrammePage {
    ProgrammePage {
        page: page.in_section("beheer"),
        id: d.map(|d| d.id.clone()),
        name: d.map(|d| d.name.clone()).unwrap_or_default(),
        form,
        error: None,
        saved: false,
        conflict: None,
    }
}

fn form_of(d: &ProgrammeDefinition) -> ProgrammeForm {
    ProgrammeForm {
        toml: d.definition_toml.clone(),
        actief: d.active.then(|| "1".into()),
        version: d.version.to_string(),
    }
}

pub async fn list(State(state): State<AppState>, user: CurrentUser, page: Page) -> Result<Response, AppError> {
    ensure_programme_admin(&user)?;
    let seeded = state.app.seed_programmes(&user.actor(), now()).await?;
    let rows = state
        .app
        .read()
        .programme_definitions()
        .await?
        .into_iter()
        .map(|d| ProgrammeRow { id: d.id, name: d.name, active: d.active, version: d.version })
        .collect();
    render(&ProgrammesPage { page: page.in_section("beheer"), rows, seeded })
}

pub async fn new_form(user: CurrentUser, page: Page) -> Result<Response, AppError> {
    ensure_programme_admin(&user)?;
    render(&page_for(page, None, ProgrammeForm { actief: Some("1".into()), ..ProgrammeForm::default() }))
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Form(f): Form<ProgrammeForm>,
) -> Result<Response, AppError> {
    ensure_programme_admin(&user)?;
    let rules = match ProgrammeRules::from_toml("nieuw programma", &f.toml) {
        Ok(r) => r,
        Err(e) => {
            let mut v = page_for(page, None, f);
            v.error = Some(message(&v.page, &e));
            return with_status(StatusCode::UNPROCESSABLE_ENTITY, &v);
        }
    };
    let w = ProgrammeWrite {
        id: rules.id.clone(),
        name: rules.name.clone(),
        definition_toml: f.toml.clone(),
        active: f.actief.is_some(),
        expected_version: None,
    };
    match state.app.save_programme(&w, &user.actor(), now()).await {
        Ok(d) => {
            // A programme's rule shows on public pages: this process catches up at once.
            state.search.invalidate();
            Ok(Redirect::to(&format!("/beheer/programmas/{}?opgeslagen=1", d.id)).into_response())
        }
        Err(koers_app::Error::Store(StoreError::Duplicate(_))) => {
            let mut v = page_for(page, None, f);
            v.error = Some(v.page.t_args("programmes-error-duplicate", &[("id", rules.id)]));
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Flags {
    #[serde(default)]
    opgeslagen: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Path(id): Path<String>,
    Query(flags): Query<Flags>,
) -> Result<Response, AppError> {
    ensure_programme_admin(&user)?;
    let d = state.app.read().programme_definition(&id).await?;
    let mut v = page_for(page, Some(&d), form_of(&d));
    v.saved = flags.opgeslagen.is_some();
    render(&v)
}

pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Path(id): Path<String>,
    Form(f): Form<ProgrammeForm>,
) -> Result<Response, AppError> {
    ensure_programme_admin(&user)?;
    let d = state.app.read().programme_definition(&id).await?;
    let Ok(version) = f.version.trim().parse::<i64>() else { return Err(AppError::BadRequest(Vec::new())) };
    let conflict = |current: ProgrammeDefinition, page: Page, f: ProgrammeForm| {
        let kept = ProgrammeForm { version: current.version.to_string(), ..f };
        let mut v = page_for(page, Some(&current), kept);
        v.conflict = Some(current.definition_toml.clone());
        with_status(StatusCode::CONFLICT, &v)
    };
    if version != d.version {
        return conflict(d, page, f);
    }
    let rules = ProgrammeRules::from_toml(&format!("{id}.toml"), &f.toml).and_then(|r| {
        if r.id == id {
            Ok(r)
        } else {
            Err(ProgrammeError {
                file: format!("{id}.toml"),
                field: Some("id".into()),
                detail: page.t_args("programmes-error-id", &[("id", id.clone())]),
            })
        }
    });
    let rules = match rules {
        Ok(r) => r,
        Err(e) => {
            let mut v = page_for(page, Some(&d), f);
            v.error = Some(message(&v.page, &e));
            return with_status(StatusCode::UNPROCESSABLE_ENTITY, &v);
        }
    };
    let w = ProgrammeWrite {
        id: id.clone(),
        name: rules.name,
        definition_toml: f.toml.clone(),
        active: f.actief.is_some(),
        expected_version: Some(version),
    };
    match state.app.save_programme(&w, &user.actor(), now()).await {
        Ok(_) => {
            // A programme's rule shows on public pages: this process catches up at once.
            state.search.invalidate();
            Ok(Redirect::to(&format!("/beheer/programmas/{id}?opgeslagen=1")).into_response())
        }
        Err(koers_app::Error::Conflict { .. }) => conflict(state.app.read().programme_definition(&id).await?, page, f),
        Err(e) => Err(e.into()),
    }
}
