//! Voortgang of a trajectory (issue 9 item 1–3): `GET /trajecten/{id}/voortgang` shows op koers
//! with its reasons, the measures with their status, the indicators against their line, the
//! logged step-5 activities, the six-steps timeline (procesbegeleiding) and the reviews; the
//! forms post to `…/voortgang/status`, `…/meting`, `…/activiteit`, `…/stap` and `…/reviews`.
//! Who may see and write is the plan's rule (`koers_app::voortgang::rights_of`).
//!
//! Every form works without JavaScript (POST, then 303 back; a refusal re-renders with 422, the
//! input kept and the Dutch message at its field). With htmx (`hx-post`, `hx-select`) the page
//! comes back with 200 and only `#voortgang` is swapped. "Today" is [`AppState::today`] (fixed
//! with `koers serve --vandaag`).

pub mod op_koers;
pub mod review;
pub mod view;

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get, routing::post};
use koers_app::voortgang::VoortgangCase;
use koers_app::voortgang::record::{ActivityInput, MeasurementInput, StatusInput, StepInput};
use koers_app::voortgang::reviews::PlanReviewInput;
use koers_core::ids::TrajectoryId;
use serde::Deserialize;
use view::{VgForm, VoortgangPage, messages};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/trajecten/{id}/voortgang", get(show))
        .route("/trajecten/{id}/voortgang/status", post(status))
        .route("/trajecten/{id}/voortgang/meting", post(measurement))
        .route("/trajecten/{id}/voortgang/activiteit", post(activity))
        .route("/trajecten/{id}/voortgang/stap", post(step))
        .route("/trajecten/{id}/voortgang/reviews", post(plan_review))
        .merge(review::routes())
        .merge(op_koers::routes())
}

/// `?opgeslagen=1` after a redirect.
#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    #[serde(default)]
    opgeslagen: Option<String>,
}

/// The school's name, or the board's.
pub async fn subject_of(state: &AppState, t: &koers_app::store::TrajectoryRecord) -> Result<String, AppError> {
    Ok(match t.school_id {
        Some(id) => match state.app.read().school(id).await {
            Ok(s) => s.name,
            Err(koers_app::store::StoreError::NotFound) => String::new(),
            Err(e) => return Err(e.into()),
        },
        None => t.board_number.map(|b| format!("bestuur {b}")).unwrap_or_default(),
    })
}

pub async fn case_of(state: &AppState, user: &CurrentUser, id: TrajectoryId) -> Result<VoortgangCase, AppError> {
    Ok(state.app.voortgang_case(user.principal(), &user.actor(), id, state.today()).await?)
}

async fn page_for(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    id: TrajectoryId,
    form: VgForm,
) -> Result<VoortgangPage, AppError> {
    let c = case_of(state, user, id).await?;
    let subject = subject_of(state, c.trajectory()).await?;
    let programme = state.programmes().await?.name(&c.trajectory().programme_id);
    Ok(view::view(page, &c, subject, programme, form))
}

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
    Query(n): Query<Notice>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let mut v = page_for(&state, &user, page, id, VgForm::default()).await?;
    v.notice = n.opgeslagen.map(|_| lang.t("vg-saved"));
    render(&v)
}

pub(crate) fn htmx(headers: &HeaderMap) -> bool {
    headers.get("hx-request").is_some_and(|v| v == "true")
}

/// After a form: 303 back (htmx: the page with 200); a refusal: the page with 422 (or 409) and
/// the input kept.
#[allow(clippy::too_many_arguments)] // the shared tail of every voortgang form: state, user, page, outcome, and what to re-render with
async fn answer(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    headers: &HeaderMap,
    id: TrajectoryId,
    outcome: Result<(), koers_app::Error>,
    form: VgForm,
    errors_of: &'static str,
) -> Result<Response, AppError> {
    let lang = page.lang;
    match outcome {
        Ok(()) if !htmx(headers) => {
            Ok(Redirect::to(&format!("/trajecten/{id}/voortgang?opgeslagen=1#{errors_of}")).into_response())
        }
        Ok(()) => {
            let mut v = page_for(state, user, page, id, VgForm::default()).await?;
            v.notice = Some(lang.t("vg-saved"));
            render(&v)
        }
        Err(e @ (koers_app::Error::Invalid(_) | koers_app::Error::Conflict { .. })) => {
            let mut v = page_for(state, user, page, id, form).await?;
            v.errors = messages(lang, &e);
            v.errors_of = errors_of;
            let mut res = render(&v)?;
            if !htmx(headers) {
                *res.status_mut() =
                    if e.is_conflict() { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
            }
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

macro_rules! handler {
    ($name:ident, $errors_of:literal, |$state:ident, $user:ident, $id:ident, $f:ident| $call:expr) => {
        pub async fn $name(
            State($state): State<AppState>,
            Id($id): Id<TrajectoryId>,
            $user: CurrentUser,
            page: Page,
            headers: HeaderMap,
            Form($f): Form<VgForm>,
        ) -> Result<Response, AppError> {
            let outcome = $call.await.map(|_| ());
            answer(&$state, &$user, page, &headers, $id, outcome, $f, $errors_of).await
        }
    };
}

handler!(status, "status", |state, user, id, f| {
    let input = StatusInput {
        measure: f.maatregel.clone(),
        status: f.status.clone(),
        date: f.datum.clone(),
        note: f.toelichting.clone(),
        version: f.versie.clone(),
    };
    let (p, a, t, now) = (user.principal().clone(), user.actor(), state.today(), crate::auth::now());
    let app = state.app.clone();
    async move { app.record_measure_status(&p, &a, id, &input, t, now).await }
});

handler!(measurement, "meting", |state, user, id, f| {
    let input = MeasurementInput {
        indicator: f.indicator.clone(),
        date: f.datum.clone(),
        value: f.waarde.clone(),
        source: f.bron.clone(),
        note: f.toelichting.clone(),
    };
    let (p, a, t, now) = (user.principal().clone(), user.actor(), state.today(), crate::auth::now());
    let app = state.app.clone();
    async move { app.record_measurement(&p, &a, id, &input, t, now).await }
});

handler!(activity, "activiteit", |state, user, id, f| {
    let input = ActivityInput {
        activity: f.activiteit.clone(),
        date: f.datum.clone(),
        with: f.met.clone(),
        note: f.toelichting.clone(),
    };
    let (p, a, t, now) = (user.principal().clone(), user.actor(), state.today(), crate::auth::now());
    let app = state.app.clone();
    async move { app.log_progress_activity(&p, &a, id, &input, t, now).await }
});

handler!(step, "stap", |state, user, id, f| {
    // "Enter a step" posts `stap`; "mark an activity done" posts `activiteit` = `step:key`.
    let (step, activity) = match f.activiteit.split_once(':') {
        Some((s, a)) => (s.to_owned(), a.to_owned()),
        None => (f.stap.clone(), String::new()),
    };
    let input =
        StepInput { step, activity, date: f.datum.clone(), note: f.toelichting.clone(), version: f.versie.clone() };
    let (p, a, t, now) = (user.principal().clone(), user.actor(), state.today(), crate::auth::now());
    let app = state.app.clone();
    async move { app.record_step(&p, &a, id, &input, t, now).await }
});

handler!(plan_review, "review", |state, user, id, f| {
    let input = PlanReviewInput { kind: f.soort.clone(), planned_on: f.gepland.clone() };
    let (p, a, t, now) = (user.principal().clone(), user.actor(), state.today(), crate::auth::now());
    let app = state.app.clone();
    async move { app.plan_review(&p, &a, id, &input, t, now).await }
});
