//! `GET /trajecten/{id}`: a trajectory — programme, school, expert and the phase timeline. For
//! the assigned expert, the staff of its programme, beheerders, the school's leader and its
//! board (a trajectory without a school: the board); everyone else 403 (staff of another
//! programme too: `koers_core::access::may_see_case`).
//! The school's team (issue 8) sees it too, with links to the trajectory's forms.
//! `POST /trajecten/{id}/beeindigen`: staff of the trajectory's programme (or a beheerder) end
//! it with a reason (`koers_app::trajectories::end`, audited).
//! The page also shows "Wat moet ik nu doen?", the link to the plan van aanpak and, for staff,
//! the phase move form (`POST /trajecten/{id}/fase`, [`crate::html::plan::phase`]).

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::workflow_rows::programme_name;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get, routing::post};
use koers_app::store::{StoreError, TrajectoryRecord};
use koers_core::access::{SchoolRef, may_see_case};
use koers_core::ids::{ApplicationId, SchoolId, TrajectoryId, UserId};
use koers_core::programme::Phase;
use koers_core::trajectory::Trajectory;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/trajecten/{id}", get(show))
        .route("/trajecten/{id}/beeindigen", post(end))
        .route("/trajecten/{id}/fase", post(crate::html::plan::phase::move_phase))
}

#[derive(Debug, Clone)]
pub struct PhaseRow {
    pub number: usize,
    pub name: String,
    pub state: String,
    pub current: bool,
}

#[derive(Debug, Template)]
#[template(path = "trajecten/show.html")]
pub struct TrajectoryPage {
    pub page: Page,
    pub programme_name: String,
    pub school_id: Option<i64>,
    pub school_name: String,
    pub expert_name: String,
    pub expert_email: String,
    pub application_id: ApplicationId,
    pub dagdelen: i64,
    pub active: bool,
    pub progress: String,
    pub phases: Vec<PhaseRow>,
    pub id: TrajectoryId,
    pub version: i64,
    /// Staff of the programme (or a beheerder) may end a running trajectory.
    pub can_end: bool,
    /// Why it was ended (from the audit log), once ended.
    pub end_reason: Option<String>,
    /// The reason as typed, and what is wrong with it (or the conflict).
    pub reason: String,
    pub error: Option<String>,
    /// The forms its phases name (zelfevaluatie …), with status and completeness (issue 8).
    pub forms: Vec<FormLink>,
    // ---- plan van aanpak and phases (issue 8) ----
    /// "Wat moet ik nu doen?": every next step, the reader's own marked.
    pub steps: Vec<crate::html::plan::steps::StepRow>,
    /// Staff may move the phase by hand: the phases to choose (index, name).
    pub move_to: Vec<(i64, String)>,
    pub current_phase: i64,
    pub move_reason: String,
    pub move_error: Option<String>,
    // ---- voortgang (issue 9) ----
    /// Op koers with its reasons, for those who may see the voortgang: (on course, reasons).
    pub op_koers: Option<(bool, Vec<String>)>,
    // ---- reports (issue 9 §5) ----
    /// The trajectory's reports, for whoever may see its plan.
    pub reports: Vec<crate::html::rapporten::ReportRow>,
    /// This installation renders PDFs (else the reports are on screen only).
    pub pdf_reports: bool,
}

/// A link to one of the trajectory's forms.
#[derive(Debug, Clone)]
pub struct FormLink {
    pub href: String,
    pub title: String,
    pub status: String,
    pub percent: u8,
}

async fn form_links(
    state: &AppState,
    user: &CurrentUser,
    t: &TrajectoryRecord,
    page: &Page,
) -> Result<Vec<FormLink>, AppError> {
    let forms = state.app.trajectory_forms(user.principal(), t.id).await?;
    Ok(forms
        .into_iter()
        .map(|f| FormLink {
            href: format!("/trajecten/{}/formulieren/{}", t.id, f.format_id),
            title: f.title,
            status: page.t(&format!("se-status-{}", f.record.as_ref().map_or("new", |r| r.status.code()))),
            percent: f.percent,
        })
        .collect())
}

/// `reden` and the version the form was shown at.
#[derive(Debug, Default, Deserialize)]
pub struct EndForm {
    #[serde(default)]
    reden: String,
    #[serde(default)]
    versie: String,
}

/// May this user see trajectory `t`? The assigned expert, the staff of its programme,
/// beheerders, the school's leader and its board (or, without a school, the board) —
/// [`may_see_case`]; staff of another programme may not.
async fn allowed(state: &AppState, user: &CurrentUser, t: &TrajectoryRecord) -> Result<bool, AppError> {
    let school = match t.school_id {
        Some(id) => match state.app.read().school(id).await {
            Ok(s) => Some(SchoolRef { id, board_number: s.board_number }),
            Err(StoreError::NotFound) => Some(SchoolRef { id, board_number: t.board_number }),
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    if may_see_case(user.principal(), &t.programme_id, school, t.board_number) {
        return Ok(true);
    }
    // The school's team (issue 8) sees its school's trajectories too.
    if koers_app::selfevals::role_in(state.app.read(), user.principal(), t).await?.is_some() {
        return Ok(true);
    }
    match state.app.read().expert_by_user(UserId::new(user.0.id)).await {
        Ok(e) => Ok(e.id == t.expert_id),
        Err(StoreError::NotFound) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// The timeline from the stored phase names and current index (index ≥ count: afgerond).
pub fn timeline(phases_json: &str, current: i64) -> Result<(Vec<PhaseRow>, (usize, usize)), AppError> {
    let names: Vec<String> = serde_json::from_str(phases_json).map_err(AppError::internal)?;
    let phases: Vec<Phase> =
        names.iter().enumerate().map(|(i, n)| Phase::new(format!("fase-{}", i + 1), n.clone())).collect();
    let position = usize::try_from(current).unwrap_or(0);
    let current_id = phases.get(position).map(|p| p.id.clone());
    let t = Trajectory::resume(&phases, current_id.as_deref()).map_err(AppError::internal)?;
    let rows = t
        .timeline()
        .iter()
        .map(|e| PhaseRow {
            number: e.number,
            name: e.phase.name.clone(),
            state: e.state.label_nl().to_owned(),
            current: e.state == koers_core::trajectory::PhaseState::Huidig,
        })
        .collect();
    Ok((rows, t.progress()))
}

fn may_end(user: &CurrentUser, t: &TrajectoryRecord) -> bool {
    user.principal().may_see_programme(&t.programme_id)
}

pub(crate) async fn page_for(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    t: &TrajectoryRecord,
) -> Result<TrajectoryPage, AppError> {
    let school_name = match t.school_id {
        Some(sid) => match state.app.read().school(sid).await {
            Ok(s) => s.name,
            Err(StoreError::NotFound) => String::new(),
            Err(e) => return Err(e.into()),
        },
        None => String::new(),
    };
    let expert = state.app.read().expert(t.expert_id).await?;
    let (phases, (done, total)) = timeline(&t.phases_json, t.current_phase)?;
    let end_reason = if t.active { None } else { koers_app::trajectories::end_reason(state.app.read(), t.id).await? };
    let forms = form_links(state, user, t, &page).await?;
    // The school's team (issue 8) sees the trajectory and its forms, not the plan's steps.
    let case = match state.app.plan_case(user.principal(), &user.actor(), t.id).await {
        Ok(case) => Some(case),
        Err(koers_app::Error::Forbidden) => None,
        Err(e) => return Err(e.into()),
    };
    let steps = case.as_ref().map(|c| crate::html::plan::steps::rows(page.lang, c)).unwrap_or_default();
    let reports = match case {
        Some(_) => {
            let today = koers_core::calendar::Date::of_instant(crate::auth::now());
            let id = t.id;
            let entries = state.app.reports_of(user.principal(), &user.actor(), id, today).await?;
            crate::html::rapporten::rows(&page, t.id, &entries)
        }
        None => Vec::new(),
    };
    let move_to = if let Some(case) = case.as_ref().filter(|c| c.rights.move_phase) {
        let mut v: Vec<(i64, String)> =
            case.phases().iter().enumerate().map(|(i, p)| (i64::try_from(i).unwrap_or(0), p.name.clone())).collect();
        v.push((i64::try_from(v.len()).unwrap_or(0), page.t("phase-move-done")));
        v.retain(|(i, _)| *i != t.current_phase);
        v
    } else {
        Vec::new()
    };
    Ok(TrajectoryPage {
        forms,
        programme_name: programme_name(state, &t.programme_id).await?,
        school_id: t.school_id.map(SchoolId::get),
        school_name,
        expert_name: expert.name,
        expert_email: expert.email,
        application_id: t.application_id,
        dagdelen: t.dagdelen_planned,
        active: t.active,
        progress: page.t_args("wf-trajectory-progress", &[("done", done.to_string()), ("total", total.to_string())]),
        phases,
        id: t.id,
        version: t.version,
        can_end: t.active && may_end(user, t),
        end_reason,
        reason: String::new(),
        error: None,
        steps,
        move_to,
        current_phase: t.current_phase,
        move_reason: String::new(),
        move_error: None,
        op_koers: op_koers_of(state, user, t.id).await?,
        reports,
        pdf_reports: state.app.renders_pdf(),
        page: page.in_section("mijn-home"),
    })
}

/// Op koers for the reader, when they may see the trajectory's voortgang (the plan's rule).
async fn op_koers_of(
    state: &AppState,
    user: &CurrentUser,
    id: TrajectoryId,
) -> Result<Option<(bool, Vec<String>)>, AppError> {
    let tid = id;
    match state.app.op_koers(user.principal(), &user.actor(), tid, state.today()).await {
        Ok(a) => Ok(Some((a.on_course, a.sentences_nl().into_iter().map(str::to_owned).collect()))),
        Err(koers_app::Error::Forbidden) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    let t = state.app.read().trajectory(id).await?;
    if !allowed(&state, &user, &t).await? {
        return Err(AppError::Forbidden);
    }
    render(&page_for(&state, &user, page, &t).await?)
}

pub async fn end(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
    Form(f): Form<EndForm>,
) -> Result<Response, AppError> {
    let t = state.app.read().trajectory(id).await?;
    if !may_end(&user, &t) {
        return Err(AppError::Forbidden);
    }
    let version = f.versie.trim().parse::<i64>().unwrap_or(t.version);
    let lang = page.lang;
    let outcome = state.app.end_trajectory(id, version, &f.reden, &user.actor(), crate::auth::now()).await;
    let (status, message) = match outcome {
        Ok(_) => return Ok(Redirect::to(&format!("/trajecten/{id}")).into_response()),
        Err(koers_app::Error::Invalid(fields)) => {
            let too_long = fields.iter().any(|f| f.detail.contains("te lang"));
            let message = if too_long {
                lang.t_args(
                    "wf-trajectory-end-error-long",
                    &[("max", koers_app::trajectories::MAX_REASON_CHARS.to_string())],
                )
            } else {
                lang.t("wf-trajectory-end-error-reason")
            };
            (StatusCode::UNPROCESSABLE_ENTITY, message)
        }
        Err(e) if e.is_conflict() => (StatusCode::CONFLICT, lang.t("wf-trajectory-end-conflict")),
        Err(e) => return Err(e.into()),
    };
    // Shown with the trajectory as it is now (after a conflict: the other person's change).
    let current = state.app.read().trajectory(id).await?;
    let mut v = page_for(&state, &user, page, &current).await?;
    v.reason = f.reden;
    v.error = Some(message);
    let mut res = render(&v)?;
    *res.status_mut() = status;
    Ok(res)
}
