//! `GET /trajecten/{id}`: a trajectory — programme, school, expert and the phase timeline. For
//! the assigned expert, the staff of its programme, beheerders, the school's leader and its
//! board (a trajectory without a school: the board); everyone else 403.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::workflow_rows::programme_name;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::{Router, routing::get};
use koers_app::store::{StoreError, TrajectoryRecord};
use koers_core::access::{SchoolRef, may_see_case};
use koers_core::programme::Phase;
use koers_core::trajectory::Trajectory;

pub fn routes() -> Router<AppState> {
    Router::new().route("/trajecten/{id}", get(show))
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
    pub application_id: i64,
    pub dagdelen: i64,
    pub active: bool,
    pub progress: String,
    pub phases: Vec<PhaseRow>,
}

/// May this user see trajectory `t`? The assigned expert, the staff of its programme,
/// beheerders, the school's leader and its board (or, without a school, the board) —
/// [`may_see_case`]; staff of another programme may not.
async fn allowed(state: &AppState, user: &CurrentUser, t: &TrajectoryRecord) -> Result<bool, AppError> {
    let school = match t.school_id {
        Some(id) => match state.store.school(id).await {
            Ok(s) => Some(SchoolRef { id, board_number: s.board_number }),
            Err(StoreError::NotFound) => Some(SchoolRef { id, board_number: t.board_number }),
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    if may_see_case(user.principal(), &t.programme_id, school, t.board_number) {
        return Ok(true);
    }
    match state.store.expert_by_user(user.0.id).await {
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

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    let t = state.store.trajectory(id).await?;
    if !allowed(&state, &user, &t).await? {
        return Err(AppError::Forbidden);
    }
    let school_name = match t.school_id {
        Some(sid) => match state.store.school(sid).await {
            Ok(s) => s.name,
            Err(StoreError::NotFound) => String::new(),
            Err(e) => return Err(e.into()),
        },
        None => String::new(),
    };
    let expert = state.store.expert(t.expert_id).await?;
    let (phases, (done, total)) = timeline(&t.phases_json, t.current_phase)?;
    render(&TrajectoryPage {
        programme_name: programme_name(&state, &t.programme_id).await?,
        school_id: t.school_id,
        school_name,
        expert_name: expert.name,
        expert_email: expert.email,
        application_id: t.application_id,
        dagdelen: t.dagdelen_planned,
        active: t.active,
        progress: page.t_args("wf-trajectory-progress", &[("done", done.to_string()), ("total", total.to_string())]),
        phases,
        page: page.in_section("mijn-home"),
    })
}
