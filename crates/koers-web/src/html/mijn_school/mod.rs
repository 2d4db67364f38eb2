//! `GET/POST /mijn-school/{id}`: a school's own page — the register fields with an edit form
//! (optimistic concurrency: a hidden `version`; when someone else saved first, their values
//! are shown next to everything the user typed) and the school's audit trail.

pub mod form;
pub mod team;

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::beheer::audit::AuditRow;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get};
use form::{FieldErrors, SchoolForm, is_empty};
use koers_app::store::{AuditFilter, School};
use koers_core::access::{Action, Resource, SchoolRef};
use koers_core::ids::SchoolId;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/mijn-school/{id}", get(show).post(save))
        // ---- the school's team (issue 8) ----
        .route("/mijn-school/{id}/team", get(team::show).post(team::invite))
        .route("/mijn-school/{id}/team/{user}/verwijderen", axum::routing::post(team::remove))
}

fn resource(s: &School) -> Resource {
    Resource::School(SchoolRef { id: s.id, board_number: s.board_number })
}

/// An input with its value as typed and its error.
#[derive(Debug, Clone)]
pub struct Field {
    pub value: String,
    pub error: Option<String>,
}

#[derive(Debug, Template)]
#[template(path = "mijn_school/show.html")]
pub struct SchoolOwnPage {
    pub page: Page,
    pub id: i64,
    pub name: String,
    pub ovt: String,
    pub brin: String,
    pub can_edit: bool,
    pub saved: bool,
    pub version: String,
    pub naam: Field,
    pub plaats: Field,
    pub website: Field,
    pub schoolweging: Field,
    pub error_count: usize,
    /// The values someone else saved in the meantime.
    pub conflict: Option<SchoolForm>,
    pub manual_fields: String,
    pub audit: Vec<AuditRow>,
    // ---- roles workflow: the school's applications and trajectories ----
    pub applications: Vec<crate::html::workflow_rows::ApplicationRow>,
    pub trajectories: Vec<crate::html::workflow_rows::TrajectoryLink>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Flags {
    #[serde(default)]
    opgeslagen: Option<String>,
}

async fn view(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    school: &School,
    typed: &SchoolForm,
    errors: &FieldErrors,
) -> Result<SchoolOwnPage, AppError> {
    let field = |name: &str, value: &str| Field {
        value: value.to_owned(),
        error: errors.iter().find(|(f, _)| *f == name).map(|(_, m)| m.clone()),
    };
    let audit = state
        .app
        .read()
        .audit_log(&AuditFilter {
            entity: Some(koers_app::store::AuditEntity::School),
            entity_id: Some(school.id.to_string()),
            limit: 50,
            ..AuditFilter::default()
        })
        .await?;
    Ok(SchoolOwnPage {
        id: school.id.get(),
        name: school.name.clone(),
        ovt: school.ovt.to_string(),
        brin: school.brin.clone(),
        can_edit: user.ensure(Action::Change, resource(school)).is_ok(),
        saved: false,
        version: typed.version.clone(),
        naam: field("naam", &typed.naam),
        plaats: field("plaats", &typed.plaats),
        website: field("website", &typed.website),
        schoolweging: field("schoolweging", &typed.schoolweging),
        error_count: errors.len(),
        conflict: None,
        manual_fields: school.manual_fields.iter().map(|f| f.code()).collect::<Vec<_>>().join(", "),
        audit: audit.iter().map(AuditRow::new).collect(),
        applications: crate::html::workflow_rows::application_rows(
            state,
            &koers_app::store::ApplicationFilter { school_id: Some(school.id), ..Default::default() },
        )
        .await?,
        trajectories: crate::html::workflow_rows::trajectory_links(
            state,
            &koers_app::store::TrajectoryFilter { school_id: Some(school.id), ..Default::default() },
        )
        .await?,
        page: page.in_section("mijn-home"),
    })
}

fn with_status(status: StatusCode, v: &SchoolOwnPage) -> Result<Response, AppError> {
    let mut res = render(v)?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id<SchoolId>,
    user: CurrentUser,
    page: Page,
    Query(flags): Query<Flags>,
) -> Result<Response, AppError> {
    let school = state.app.read().school(id).await?;
    user.ensure(Action::View, resource(&school))?;
    let typed = SchoolForm::of(&school, page.lang);
    let mut v = view(&state, &user, page, &school, &typed, &Vec::new()).await?;
    v.saved = flags.opgeslagen.is_some();
    render(&v)
}

pub async fn save(
    State(state): State<AppState>,
    Id(id): Id<SchoolId>,
    user: CurrentUser,
    page: Page,
    Form(typed): Form<SchoolForm>,
) -> Result<Response, AppError> {
    let school = state.app.read().school(id).await?;
    user.ensure(Action::Change, resource(&school))?;
    let lang = page.lang;
    let Ok(version) = typed.version.trim().parse::<i64>() else {
        return Err(AppError::BadRequest(Vec::new()));
    };
    let values = match typed.check(lang) {
        Ok(v) => v,
        Err(errors) => {
            let v = view(&state, &user, page, &school, &typed, &errors).await?;
            return with_status(StatusCode::UNPROCESSABLE_ENTITY, &v);
        }
    };
    let edit = values.edit_against(&school);
    if is_empty(&edit) && version == school.version {
        return Ok(Redirect::to(&format!("/mijn-school/{id}?opgeslagen=1")).into_response());
    }
    let result = state.app.edit_school(id, version, &edit, &user.actor(), crate::auth::now()).await;
    state.search.invalidate();
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/mijn-school/{id}?opgeslagen=1")).into_response()),
        Err(koers_app::Error::Conflict { .. }) => {
            let current = state.app.read().school(id).await?;
            // Keep what was typed; the next save is a deliberate overwrite of the shown values.
            let mut kept = typed.clone();
            kept.version = current.version.to_string();
            let mut v = view(&state, &user, page, &current, &kept, &Vec::new()).await?;
            v.conflict = Some(SchoolForm::of(&current, lang));
            with_status(StatusCode::CONFLICT, &v)
        }
        Err(e) => Err(e.into()),
    }
}
