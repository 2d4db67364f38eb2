// At ~400 lines: the detail page and how a refused step re-renders it belong together.
//! `GET /programma/aanmeldingen/{id}`: the detail page — contact, help question, the attached
//! eligibility, status and history, the actions the status allows (`Status::allowed`), and
//! the expert matching once definitief — and how a refused step is shown on it.

use super::{applicant_name, date, ensure_programme, ensure_staff, programmes};
use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use koers_app::Error;
use koers_app::applications::{rank_for_application_on, state_of};
use koers_app::store::{ApplicationRecord, AuditFilter, StoreError, TrajectoryFilter};
use koers_core::calendar::datetime_nl as datetime;
use koers_core::ids::{ApplicationId, ExpertId, SchoolId, TrajectoryId};
use koers_core::matching::MatchRequest;
use koers_core::programme::ProgrammeRules;
use koers_core::workflow::{Intake, Status, Step, TransitionError};
use serde::Deserialize;

// -------------------------------------------------------------------------------

/// Everything any of the forms on the detail page posts (each form sends its own part).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StepForm {
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub datum: String,
    #[serde(default)]
    pub deelnemers: String,
    #[serde(default)]
    pub verwachtingen: String,
    #[serde(default)]
    pub achtergrond: String,
    #[serde(default)]
    pub resultaten: String,
    #[serde(default)]
    pub inspectiebezoek: Option<String>,
    #[serde(default)]
    pub herstelopdracht: Option<String>,
    #[serde(default)]
    pub reden: String,
    // matching
    #[serde(default)]
    pub expertise: String,
    #[serde(default)]
    pub dagdelen: String,
    #[serde(default)]
    pub expert: String,
    #[serde(default)]
    pub overschrijding: String,
}

impl StepForm {
    /// What was typed, as label/value pairs (for the conflict message).
    pub(super) fn typed(&self, page: &Page) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut add = |key: &str, v: &str| {
            if !v.trim().is_empty() {
                out.push((page.t(key), v.to_owned()));
            }
        };
        add("staff-date", &self.datum);
        add("staff-attendees", &self.deelnemers);
        add("staff-expectations", &self.verwachtingen);
        add("staff-background", &self.achtergrond);
        add("staff-results", &self.resultaten);
        add("staff-reason", &self.reden);
        add("staff-expertise", &self.expertise);
        add("staff-dagdelen", &self.dagdelen);
        add("staff-override", &self.overschrijding);
        if self.inspectiebezoek.is_some() {
            out.push((page.t("staff-inspection-visit"), page.t("staff-yes")));
        }
        if self.herstelopdracht.is_some() {
            out.push((page.t("staff-herstelopdracht"), page.t("staff-yes")));
        }
        out
    }
}

#[derive(Debug, Clone)]
pub struct HistoryRow {
    pub at: String,
    pub actor: String,
    pub action: String,
}

#[derive(Debug, Clone)]
pub struct MatchRow {
    pub expert_id: ExpertId,
    pub name: String,
    pub reasons: String,
    pub free_trajectories: u32,
    pub free_dagdelen: u32,
    pub over_capacity: bool,
    pub available: bool,
}

#[derive(Debug, Clone)]
pub struct TrajectoryView {
    pub id: TrajectoryId,
    pub expert: String,
    pub phases: String,
    pub dagdelen: i64,
    pub started: String,
}

#[derive(Debug, Template)]
#[template(path = "programma/aanmelding.html")]
pub struct DetailPage {
    pub page: Page,
    pub id: ApplicationId,
    pub version: i64,
    pub reference: String,
    pub programme_name: String,
    pub name: String,
    pub school_id: Option<i64>,
    pub status_label: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub help_question: String,
    pub eligibility: Option<String>,
    /// The school's own calculation ("eigen berekening"): its verdict in Dutch and the years.
    pub own: Option<(String, Vec<String>)>,
    pub intake_plan: Option<String>,
    pub intake: Option<Intake>,
    pub reason: Option<String>,
    pub history: Vec<HistoryRow>,
    pub can_plan: bool,
    pub can_record: bool,
    pub can_decide: bool,
    pub can_decline: bool,
    /// Waiting for a board without an account: staff may approve on its behalf (issue 10 §4).
    pub can_approve_for_board: bool,
    pub can_match: bool,
    /// The values in the forms (as typed, on an error).
    pub form: StepForm,
    /// `(action, message)`: an error shown next to that action's form.
    pub error_for: String,
    pub error: String,
    /// The conflict message, with what was typed.
    pub conflict: Option<String>,
    pub typed: Vec<(String, String)>,
    pub matches: Vec<MatchRow>,
    pub trajectory: Option<TrajectoryView>,
}

impl DetailPage {
    pub fn error_at(&self, action: &str) -> bool {
        !self.error.is_empty() && self.error_for == action
    }
}

/// The attached eligibility: the snapshot (`eligibility_json`) read back as
/// `koers_core::Eligibility`, shown as its Dutch summary with the light per indicator.
fn eligibility_text(json: Option<&str>) -> Option<String> {
    let e: koers_core::Eligibility = serde_json::from_str(json?).ok()?;
    let lights: Vec<String> = e.bands.iter().map(|b| format!("{}: {}", b.indicator.label(), b.light.label())).collect();
    let mut text = e.summary_nl();
    if !lights.is_empty() && e.verdict != koers_core::Verdict::Undetermined {
        text.push_str(&format!(" Stoplicht (eigen indeling van Koers) per indicator: {}.", lights.join(", ")));
    }
    Some(text)
}

/// The own calculation stored with a results-band application, for staff (Dutch, as the rest
/// of the staff pages).
fn own_text(json: Option<&str>) -> Option<(String, Vec<String>)> {
    let o = koers_app::applications::own::stored(json)?;
    let pct = |v: f64| koers_core::nl::percent2(v);
    let mut lines: Vec<String> = o
        .years
        .iter()
        .map(|y| {
            format!(
                "Toetsjaar {}: {} leerlingen, 1F {}, 1S/2F {}",
                y.test_year,
                y.pupils,
                pct(y.pct_1f),
                pct(y.pct_1s2f)
            )
        })
        .collect();
    if let Some(w) = o.schoolweging {
        lines.push(format!("Schoolweging {}", koers_core::nl::decimal(w, 2)));
    }
    for (ind, v) in &o.values {
        lines.push(format!("Driejaarswaarde {ind}: {}", v.map_or_else(|| "–".to_owned(), pct)));
    }
    Some((o.summary_nl, lines))
}

pub(super) fn rules_for(all: &[ProgrammeRules], id: &str) -> Result<ProgrammeRules, AppError> {
    all.iter().find(|p| p.id == id).cloned().ok_or_else(|| AppError::internal(StoreError::NotFound))
}

fn default_dagdelen(p: &ProgrammeRules) -> u32 {
    p.dagdelen.map_or(4, |d| d.per_block)
}

pub(super) fn match_request(school_province: Option<String>, form: &StepForm, p: &ProgrammeRules) -> MatchRequest {
    MatchRequest {
        expertise_wanted: form
            .expertise
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        region: school_province,
        dagdelen_needed: form.dagdelen.trim().parse().unwrap_or_else(|_| default_dagdelen(p)),
        ..MatchRequest::default()
    }
}

pub(super) async fn province(state: &AppState, a: &ApplicationRecord) -> Result<Option<String>, AppError> {
    Ok(match a.school_id {
        Some(id) => match state.app.read().school(id).await {
            Ok(s) => s.province,
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    })
}

pub(super) async fn build(
    state: &AppState,
    page: Page,
    a: &ApplicationRecord,
    form: StepForm,
) -> Result<DetailPage, AppError> {
    let all = programmes(state).await?;
    let rules = rules_for(&all, &a.programme_id)?;
    let app = state_of(a).map_err(AppError::internal)?;
    let s = app.status;
    let audit = state
        .app
        .read()
        .audit_log(&AuditFilter {
            entity: Some(koers_app::store::AuditEntity::Application),
            entity_id: Some(a.id.to_string()),
            limit: 200,
            ..AuditFilter::default()
        })
        .await?;
    let history = audit
        .into_iter()
        .map(|e| HistoryRow { at: datetime(e.at), actor: e.actor_label, action: e.action.replace('_', " ") })
        .collect();
    let mut form = form;
    if form.dagdelen.trim().is_empty() {
        form.dagdelen = default_dagdelen(&rules).to_string();
    }
    let can_match = s.allows(Step::AssignExpert);
    let can_approve_for_board = match a.board_number {
        Some(n) if s.allows(Step::BoardDecide) => {
            !koers_app::applications::board_has_account(state.app.read(), n).await?
        }
        _ => false,
    };
    let mut matches = Vec::new();
    if can_match {
        let request = match_request(province(state, a).await?, &form, &rules);
        let experts = state.app.read().list_experts().await?;
        let today = koers_core::calendar::Date::of_instant(crate::auth::now());
        for m in rank_for_application_on(state.app.read(), a, &request, today).await? {
            let name = experts.iter().find(|e| e.id == m.expert_id).map(|e| e.name.clone()).unwrap_or_default();
            matches.push(MatchRow {
                expert_id: m.expert_id,
                name,
                reasons: m.summary_nl(),
                free_trajectories: m.free_trajectories,
                free_dagdelen: m.free_dagdelen,
                over_capacity: m.over_capacity,
                available: m.available,
            });
        }
    }
    let trajectory = if s == Status::Gekoppeld {
        let filter = TrajectoryFilter {
            school_id: a.school_id,
            board_number: if a.school_id.is_some() { None } else { a.board_number },
            programme_id: Some(a.programme_id.clone()),
            ..TrajectoryFilter::default()
        };
        match state.app.read().list_trajectories(&filter).await?.into_iter().find(|t| t.application_id == a.id) {
            Some(t) => {
                let expert = match state.app.read().expert(t.expert_id).await {
                    Ok(e) => e.name,
                    Err(StoreError::NotFound) => String::new(),
                    Err(e) => return Err(e.into()),
                };
                let phases: Vec<String> = serde_json::from_str(&t.phases_json).unwrap_or_default();
                Some(TrajectoryView {
                    id: t.id,
                    expert,
                    phases: phases.join(" → "),
                    dagdelen: t.dagdelen_planned,
                    started: date(t.created_at),
                })
            }
            None => None,
        }
    } else {
        None
    };
    Ok(DetailPage {
        id: a.id,
        version: a.version,
        reference: a.reference.to_string(),
        programme_name: rules.name.clone(),
        name: applicant_name(state, a).await?,
        school_id: a.school_id.map(SchoolId::get),
        status_label: s.label_nl().to_owned(),
        contact_name: a.contact_name.clone(),
        contact_email: a.contact_email.clone(),
        contact_phone: a.contact_phone.clone().unwrap_or_default(),
        help_question: a.help_question.clone(),
        eligibility: eligibility_text(a.eligibility_json.as_deref()),
        own: own_text(a.entry_facts_json.as_deref()),
        intake_plan: app.intake_plan.as_ref().map(|p| format!("{} ({})", p.date, p.attendees.join(", "))),
        intake: app.intake.clone(),
        reason: app.reason.clone(),
        history,
        can_plan: s.allows(Step::PlanIntake),
        can_record: s.allows(Step::RecordIntake),
        can_decide: s.allows(Step::MakeDefinitive),
        can_decline: s.allows(Step::Decline),
        can_approve_for_board,
        can_match,
        form,
        error_for: String::new(),
        error: String::new(),
        conflict: None,
        typed: Vec::new(),
        matches,
        trajectory,
        page: page.in_section("screening"),
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct MatchQuery {
    #[serde(default)]
    expertise: String,
    #[serde(default)]
    dagdelen: String,
}

pub async fn detail(
    State(state): State<AppState>,
    Id(id): Id<ApplicationId>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<MatchQuery>,
) -> Result<Response, AppError> {
    ensure_staff(&user)?;
    let a = state.app.read().application(id).await?;
    ensure_programme(&user, &a)?;
    let form = StepForm { expertise: q.expertise, dagdelen: q.dagdelen, ..StepForm::default() };
    render(&build(&state, page, &a, form).await?)
}

pub(super) fn with_status(status: StatusCode, t: &impl Template) -> Result<Response, AppError> {
    let mut res = render(t)?;
    *res.status_mut() = status;
    Ok(res)
}

/// The outcome of a step or an assignment as a page: errors next to the form (422), a conflict
/// with the current state (409), else the error page.
pub(super) async fn refused(
    state: &AppState,
    page: Page,
    id: ApplicationId,
    actie: &str,
    form: StepForm,
    e: Error,
) -> Result<Response, AppError> {
    match e {
        Error::Conflict { current: Some(current) } => {
            let typed = form.typed(&page);
            let status = state_of(&current).map_err(AppError::internal)?.status;
            let conflict = page.t_args(
                "staff-conflict",
                &[("status", status.label_nl().to_owned()), ("version", current.version.to_string())],
            );
            let mut v = build(state, page, &current, form).await?;
            v.conflict = Some(conflict);
            v.typed = typed;
            with_status(StatusCode::CONFLICT, &v)
        }
        Error::Transition(t) => {
            let a = state.app.read().application(id).await?;
            let mut v = build(state, page, &a, form).await?;
            v.error_for = actie.to_owned();
            v.error = capitalise(&t.to_string());
            let status = if matches!(t, TransitionError::Final(_)) {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            with_status(status, &v)
        }
        e @ (Error::Assignment(_) | Error::AssignThroughMatching) => {
            let a = state.app.read().application(id).await?;
            let mut v = build(state, page, &a, form).await?;
            v.error_for = actie.to_owned();
            v.error = capitalise(&e.to_string());
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
        e => Err(e.into()),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub(super) async fn invalid(
    state: &AppState,
    page: Page,
    id: ApplicationId,
    actie: &str,
    form: StepForm,
    msg: String,
) -> Result<Response, AppError> {
    let a = state.app.read().application(id).await?;
    let mut v = build(state, page, &a, form).await?;
    v.error_for = actie.to_owned();
    v.error = msg;
    with_status(StatusCode::UNPROCESSABLE_ENTITY, &v)
}
