//! `GET /trajecten/{id}/dagdelen`: a trajectory's dagdelen — budget, planned vs spent per
//! measure and in total, the log, budget decisions and the cost so far (or *kosteloos
//! (gesubsidieerd)*). For whoever may see the trajectory (`koers_app::dagdelen::may_see`).
//! `POST /trajecten/{id}/dagdelen`: the assigned expert logs time. `POST
//! /trajecten/{id}/budget`: programme staff record a budget decision with a reason.
//!
//! Both forms work without JavaScript (POST, then 303 back to the page; a refusal re-renders the
//! page with 422, the input kept and the Dutch message naming the field). With htmx
//! (`hx-post`, `hx-select="#dagdelen"`) the same page comes back with 200 and only the section
//! is swapped.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get, routing::post};
use koers_app::dagdelen::{BudgetInput, DagdelenCase, LogInput};
use koers_core::ids::TrajectoryId;

pub fn routes() -> Router<AppState> {
    Router::new().route("/trajecten/{id}/dagdelen", get(show).post(log)).route("/trajecten/{id}/budget", post(decide))
}

mod view;
pub use view::activity_label;
use view::{BudgetForm, DagdelenPage, LogForm, Notice, messages, view};

async fn school_name(state: &AppState, c: &DagdelenCase) -> Result<String, AppError> {
    match c.trajectory.school_id {
        Some(id) => match state.app.read().school(id).await {
            Ok(s) => Ok(s.name),
            Err(koers_app::store::StoreError::NotFound) => Ok(String::new()),
            Err(e) => Err(e.into()),
        },
        None => Ok(c.trajectory.board_number.map(|b| format!("bestuur {b}")).unwrap_or_default()),
    }
}

async fn page_for(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    id: TrajectoryId,
    form: LogForm,
    budget_form: BudgetForm,
) -> Result<DagdelenPage, AppError> {
    let c = state.app.dagdelen_case(user.principal(), id).await?;
    let name = school_name(state, &c).await?;
    Ok(view(page, &c, name, form, budget_form))
}

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
    axum::extract::Query(n): axum::extract::Query<Notice>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let mut v = page_for(&state, &user, page, id, LogForm::default(), BudgetForm::default()).await?;
    v.notice = match (n.opgeslagen, n.besluit) {
        (Some(_), _) => Some(lang.t("dgd-saved")),
        (_, Some(_)) => Some(lang.t("dgd-decided")),
        _ => None,
    };
    render(&v)
}

fn htmx(headers: &HeaderMap) -> bool {
    headers.get("hx-request").is_some_and(|v| v == "true")
}

/// What was sent, to show again with a refusal: the log form, the budget form, and which of the
/// two (`log` / `budget`) was sent.
struct Sent {
    form: LogForm,
    budget_form: BudgetForm,
    errors_of: &'static str,
}

/// After a form: htmx gets the page (200, the section is swapped); a browser without JS a 303
/// back to the page, or the page with 422 and the input kept.
async fn answer(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    headers: &HeaderMap,
    id: TrajectoryId,
    outcome: Result<&'static str, koers_app::Error>,
    sent: Sent,
) -> Result<Response, AppError> {
    let lang = page.lang;
    match outcome {
        Ok(notice) if !htmx(headers) => {
            Ok(Redirect::to(&format!("/trajecten/{id}/dagdelen?{notice}=1")).into_response())
        }
        Ok(notice) => {
            let mut v = page_for(state, user, page, id, LogForm::default(), BudgetForm::default()).await?;
            v.notice = Some(lang.t(if notice == "besluit" { "dgd-decided" } else { "dgd-saved" }));
            render(&v)
        }
        Err(e @ (koers_app::Error::Invalid(_) | koers_app::Error::Conflict { .. })) => {
            let mut v = page_for(state, user, page, id, sent.form, sent.budget_form).await?;
            v.errors = messages(lang, &e);
            v.errors_of = sent.errors_of;
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

pub async fn log(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
    headers: HeaderMap,
    Form(f): Form<LogForm>,
) -> Result<Response, AppError> {
    let input = LogInput {
        date: f.datum.clone(),
        dagdelen: f.dagdelen.clone(),
        measure: f.maatregel.clone(),
        activity: f.activiteit.clone(),
        note: f.toelichting.clone(),
    };
    let outcome = state
        .app
        .log_dagdelen(user.principal(), id, &input, &user.actor(), crate::auth::now())
        .await
        .map(|_| "opgeslagen");
    let sent = Sent { form: f, budget_form: BudgetForm::default(), errors_of: "log" };
    answer(&state, &user, page, &headers, id, outcome, sent).await
}

pub async fn decide(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
    headers: HeaderMap,
    Form(f): Form<BudgetForm>,
) -> Result<Response, AppError> {
    let input = BudgetInput { dagdelen: f.dagdelen.clone(), reason: f.reden.clone() };
    let outcome = state
        .app
        .decide_budget(user.principal(), id, &input, &user.actor(), crate::auth::now())
        .await
        .map(|_| "besluit");
    let sent = Sent { form: LogForm::default(), budget_form: f, errors_of: "budget" };
    answer(&state, &user, page, &headers, id, outcome, sent).await
}
