//! `GET /trajecten/{id}/plan`: the plan page; also what a refused edit shows (422, with the
//! problems on top and the typed values back in the form they came from).

use super::form::{Posted, Problems};
use super::view::{self, Choice, GoalRow, MeasureRow, SignatureRow};
use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::workflow_rows::programme_name;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use koers_app::plans::PlanCase;
use koers_app::store::StoreError;
use koers_core::ids::TrajectoryId;
use koers_core::plan::{PlanKind, VersionStatus};

#[derive(Debug, Template)]
#[template(path = "plan/show.html")]
pub struct PlanPage {
    pub page: Page,
    pub id: TrajectoryId,
    pub programme_name: String,
    pub school_name: String,
    pub kind_label: String,
    pub started: bool,
    pub can_edit: bool,
    /// The plan's optimistic version (hidden `versie` of every form).
    pub plan_version: i64,
    pub number: u32,
    pub status: String,
    pub bijstelling_reason: Option<String>,
    pub school_summary: String,
    pub expert_summary: String,
    pub is_board: bool,
    pub advice: String,
    pub advice_date: String,
    pub choice: String,
    pub goals: Vec<GoalRow>,
    /// (caption, rows): the school part, then the expert part.
    pub parts: Vec<(String, Vec<MeasureRow>)>,
    pub planned_dagdelen: u32,
    pub dagdelen_limit: Option<u32>,
    pub active_goals: usize,
    pub max_goals: u32,
    pub signatures: Vec<SignatureRow>,
    /// Whose signature is awaited (label), and the capacity this reader signs in, if it is theirs.
    pub awaiting: Option<String>,
    pub sign_as: Option<&'static str>,
    pub can_send_back: bool,
    pub can_bijstelling: bool,
    pub versions: usize,
    pub activities: Vec<Choice>,
    /// Verbeterpunten of the submitted zelfevaluatie not yet a goal: (key, description, standards).
    pub candidates: Vec<(String, String, String)>,
    pub errors: Problems,
    pub typed: Posted,
}

impl PlanPage {
    /// What was typed into field `name` of the form for `action`, after a refusal.
    pub fn typed(&self, action: &str, name: &str) -> String {
        if self.typed.get("actie") == action { self.typed.get(name).to_owned() } else { String::new() }
    }

    /// The typed value for `(action, goal)` forms that repeat per goal.
    pub fn typed_for(&self, action: &str, goal: &i64, name: &str) -> String {
        if self.typed.get("doel") == goal.to_string() { self.typed(action, name) } else { String::new() }
    }

    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == name).map(|(_, e)| e.as_str())
    }

    pub fn is_typed(&self, action: &str, name: &str, value: &str) -> bool {
        self.typed(action, name) == value
    }
}

pub(super) async fn build(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    c: &PlanCase,
) -> Result<PlanPage, AppError> {
    let t = &c.trajectory;
    let school_name = match t.school_id {
        Some(sid) => match state.app.read().school(sid).await {
            Ok(s) => s.name,
            Err(StoreError::NotFound) => String::new(),
            Err(e) => return Err(e.into()),
        },
        None => String::new(),
    };
    let history = c.history();
    let latest = history.as_ref().and_then(|h| h.latest().cloned());
    let plan = latest.as_ref().map(|v| v.plan.clone()).unwrap_or_else(|| koers_core::plan::Plan::new(c.kind()));
    let (school_part, expert_part) = view::measure_rows(&plan);
    let (advice, advice_date, choice) = view::board(&plan).unwrap_or_default();
    let awaiting_signer = latest.as_ref().and_then(|v| v.awaiting(&c.settings));
    let frozen = latest.as_ref().is_some_and(|v| v.is_frozen());
    let status = latest.as_ref().map(|v| v.status).unwrap_or(VersionStatus::Concept);
    Ok(PlanPage {
        id: t.id,
        programme_name: programme_name(state, &t.programme_id).await?,
        school_name,
        kind_label: plan.kind.label_nl().to_owned(),
        started: latest.is_some(),
        can_edit: c.rights.edit && !frozen,
        plan_version: c.plan.as_ref().map_or(0, |p| p.version),
        number: latest.as_ref().map_or(1, |v| v.number),
        status: status.label_nl().to_owned(),
        bijstelling_reason: latest.as_ref().and_then(|v| v.bijstelling.as_ref().map(|b| b.reason.clone())),
        school_summary: plan.school_summary.clone(),
        expert_summary: plan.expert_summary.clone(),
        is_board: matches!(plan.kind, PlanKind::Bestuur { .. }),
        advice,
        advice_date,
        choice,
        goals: view::goal_rows(&plan),
        parts: vec![(page.t("plan-school-part"), school_part), (page.t("plan-expert-part"), expert_part)],
        planned_dagdelen: plan.planned_dagdelen(),
        dagdelen_limit: c.dagdelen_limit,
        active_goals: plan.active_goals().count(),
        max_goals: c.settings.max_active_goals,
        signatures: latest.as_ref().map(view::signature_rows).unwrap_or_default(),
        awaiting: awaiting_signer.filter(|_| latest.is_some()).map(|s| s.label_nl().to_owned()),
        sign_as: awaiting_signer.filter(|s| latest.is_some() && c.rights.may_sign(*s)).map(view::signer_code),
        can_send_back: status == VersionStatus::InOndertekening && !c.rights.sign_as.is_empty(),
        can_bijstelling: frozen && c.rights.edit,
        versions: history.as_ref().map_or(0, |h| h.versions().len()),
        activities: view::activity_choices(),
        candidates: if c.rights.edit && !frozen && latest.is_some() {
            state
                .app
                .plan_candidates(user.principal(), &user.actor(), t.id)
                .await?
                .into_iter()
                .map(|g| (g.key, g.description, g.standards.join(", ")))
                .collect()
        } else {
            Vec::new()
        },
        errors: Vec::new(),
        typed: Posted::default(),
        page: page.in_section("mijn-home"),
    })
}

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    let c = super::load(&state, &user, id).await?;
    render(&build(&state, &user, page, &c).await?)
}

/// The plan as it is now, with `problems` and what was typed (422).
pub(super) async fn refused(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    id: TrajectoryId,
    posted: &Posted,
    problems: Problems,
) -> Result<Response, AppError> {
    let c = super::load(state, user, id).await?;
    let mut v = build(state, user, page, &c).await?;
    v.errors = problems;
    v.typed = posted.clone();
    let mut res = render(&v)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}
