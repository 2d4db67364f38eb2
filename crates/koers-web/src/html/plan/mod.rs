//! The plan van aanpak of a trajectory (issue 8 §4), reachable from `/trajecten/{id}`:
//!
//! | route | what |
//! |---|---|
//! | `GET /trajecten/{id}/plan` | the plan: goals, indicators, measures (school and expert part), signatures, and for writers the forms |
//! | `POST /trajecten/{id}/plan` | start the plan (version 1, concept) |
//! | `POST /trajecten/{id}/plan/wijzigen` | one edit (`actie`: goal, indicator, measure, summaries, advice, choice, goals from the zelfevaluatie's verbeterpunten) |
//! | `POST /trajecten/{id}/plan/ondertekenen` | sign as schoolleider or bestuurder |
//! | `POST /trajecten/{id}/plan/terugsturen` | a signer sends it back to concept, with a reason |
//! | `POST /trajecten/{id}/plan/bijstelling` | a new version from the vastgestelde one, with a reason |
//! | `GET /trajecten/{id}/plan/versies` | the versions, and which two to compare |
//! | `GET /trajecten/{id}/plan/vergelijken?a=&b=` | two versions side by side |
//!
//! Rights come from `koers_app::plans::access` (via `App::plan_case`): 403 for anyone who may
//! not see the trajectory. Every POST carries the plan's `versie`; a stale one is the conflict
//! page (409) with what was typed, so nothing is lost.

pub mod form;
mod page;
pub mod phase;
pub mod steps;
mod versions;
pub mod view;

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get, routing::post};
use form::Posted;
use koers_app::plans::PlanCase;
use koers_core::ids::TrajectoryId;
use koers_core::plan::Signer;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/trajecten/{id}/plan", get(page::show).post(start))
        .route("/trajecten/{id}/plan/wijzigen", post(edit))
        .route("/trajecten/{id}/plan/ondertekenen", post(sign))
        .route("/trajecten/{id}/plan/terugsturen", post(send_back))
        .route("/trajecten/{id}/plan/bijstelling", post(bijstelling))
        .route("/trajecten/{id}/plan/versies", get(versions::list))
        .route("/trajecten/{id}/plan/vergelijken", get(versions::compare))
}

/// The case for this user; 404 / 403 as the app decides.
pub(crate) async fn load(state: &AppState, user: &CurrentUser, id: TrajectoryId) -> Result<PlanCase, AppError> {
    Ok(state.app.plan_case(user.principal(), &user.actor(), id).await?)
}

/// Someone else changed the plan first: what they typed, next to a link to the plan as it is.
#[derive(Debug, Template)]
#[template(path = "plan/conflict.html")]
pub struct ConflictPage {
    pub page: Page,
    pub id: TrajectoryId,
    pub typed: Vec<(String, String)>,
}

fn conflict(page: Page, id: TrajectoryId, posted: &Posted) -> Result<Response, AppError> {
    let hidden = ["versie", "actie"];
    let typed =
        posted.0.iter().filter(|(k, v)| !hidden.contains(&k.as_str()) && !v.trim().is_empty()).cloned().collect();
    let mut res = render(&ConflictPage { page: page.in_section("mijn-home"), id, typed })?;
    *res.status_mut() = StatusCode::CONFLICT;
    Ok(res)
}

fn back(id: TrajectoryId, anchor: &str) -> Response {
    Redirect::to(&format!("/trajecten/{id}/plan{anchor}")).into_response()
}

/// The outcome of a write: back to the plan, the conflict page, or the plan with the problems
/// and the typed values (422).
async fn outcome<T>(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    id: TrajectoryId,
    posted: &Posted,
    result: Result<T, koers_app::Error>,
    anchor: &str,
) -> Result<Response, AppError> {
    match result {
        Ok(_) => Ok(back(id, anchor)),
        Err(e) if e.is_conflict() => conflict(page, id, posted),
        Err(koers_app::Error::Invalid(fields)) => {
            let problems = fields.into_iter().map(|f| (f.field, f.detail)).collect();
            page::refused(state, user, page, id, posted, problems).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn start(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    let r = state.app.start_plan(user.principal(), &user.actor(), id, crate::auth::now()).await;
    outcome(&state, &user, page, id, &Posted::default(), r, "").await
}

async fn edit(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let posted = Posted(pairs);
    let c = load(&state, &user, id).await?;
    if !c.rights.edit {
        return Err(AppError::Forbidden);
    }
    let Some(version) = posted.version() else { return conflict(page, id, &posted) };
    if posted.get("actie") == "verbeterpunten" {
        let keys: Vec<String> = posted.all("punt").into_iter().map(str::to_owned).collect();
        let now = crate::auth::now();
        let r = state.app.adopt_verbeterpunten(user.principal(), &user.actor(), id, version, &keys, now).await;
        return outcome(&state, &user, page, id, &posted, r, "#doelen").await;
    }
    let e = match form::edit_of(&posted) {
        Ok(e) => e,
        Err(problems) => return page::refused(&state, &user, page, id, &posted, problems).await,
    };
    let now = crate::auth::now();
    let r = state.app.edit_plan(user.principal(), &user.actor(), id, version, e, now).await;
    let anchor = match &r {
        Ok((_, Some(koers_core::plan::Added::Goal(g)))) => format!("#doel-{g}"),
        Ok((_, Some(koers_core::plan::Added::Measure(_)))) => "#maatregelen".to_owned(),
        _ => String::new(),
    };
    outcome(&state, &user, page, id, &posted, r, &anchor).await
}

async fn sign(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let posted = Posted(pairs);
    let c = load(&state, &user, id).await?;
    let signer = match posted.get("als") {
        "bestuurder" => Signer::Bestuurder,
        _ => Signer::Schoolleider,
    };
    if !c.rights.may_sign(signer) {
        return Err(AppError::Forbidden);
    }
    let Some(version) = posted.version() else { return conflict(page, id, &posted) };
    let now = crate::auth::now();
    let r = state.app.sign_plan(user.principal(), &user.actor(), id, version, signer, posted.get("rol"), now).await;
    outcome(&state, &user, page, id, &posted, r, "#ondertekenen").await
}

async fn send_back(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let posted = Posted(pairs);
    let c = load(&state, &user, id).await?;
    if c.rights.sign_as.is_empty() {
        return Err(AppError::Forbidden);
    }
    let Some(version) = posted.version() else { return conflict(page, id, &posted) };
    let now = crate::auth::now();
    let r = state.app.send_back_plan(user.principal(), &user.actor(), id, version, posted.get("reden"), now).await;
    outcome(&state, &user, page, id, &posted, r, "#ondertekenen").await
}

async fn bijstelling(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let posted = Posted(pairs);
    let c = load(&state, &user, id).await?;
    if !c.rights.edit {
        return Err(AppError::Forbidden);
    }
    let Some(version) = posted.version() else { return conflict(page, id, &posted) };
    let now = crate::auth::now();
    let r = state.app.plan_bijstelling(user.principal(), &user.actor(), id, version, posted.get("reden"), now).await;
    outcome(&state, &user, page, id, &posted, r, "").await
}
