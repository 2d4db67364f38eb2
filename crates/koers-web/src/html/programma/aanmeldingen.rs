//! The programme staff side of applications (programmamedewerker and beheerder; pages ask
//! `may(View, Applications)`, actions `may(Change, Applications)`):
//!
//! - `GET /programma/aanmeldingen`: the kennismaking inbox, filtered by programme, status and
//!   free text (`programma`, `status`, `q`), newest first, 50 per page.
//! - `GET /programma/aanmeldingen/{id}`: the detail with contact, help question, the attached
//!   eligibility, status and history, the actions that fit the status and (when definitief) the
//!   expert matching (`?expertise=a,b&dagdelen=n`).
//! - `POST /programma/aanmeldingen/{id}/{actie}` (`plannen`, `verslag`, `definitief`,
//!   `doorverwijzen`, `afwijzen`) with the hidden `version`: one workflow step. Refused steps
//!   and missing fields are 422 next to the form with the values kept; a stale `version` is a
//!   409 showing the current state and everything typed.
//! - `POST /programma/aanmeldingen/{id}/koppelen`: assign an expert (over capacity only with a
//!   reason), creating the trajectory.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::beheer::tijd::datetime;
use crate::html::page::Page;
use crate::html::programma::paging::{PER_PAGE, Pager, page_param};
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get, routing::post};
use koers_app::applications::{ApplicationError, act, assign_expert, rank_experts, state_of};
use koers_app::store::{ApplicationFilter, ApplicationRecord, AuditFilter, StoreError, TrajectoryFilter};
use koers_core::access::{Action, Resource};
use koers_core::matching::MatchRequest;
use koers_core::programme::ProgrammeRules;
use koers_core::workflow::{Command, Intake, IntakePlan, Status, TransitionError};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/programma/aanmeldingen", get(inbox))
        .route("/programma/aanmeldingen/{id}", get(detail))
        .route("/programma/aanmeldingen/{id}/koppelen", post(assign))
        .route("/programma/aanmeldingen/{id}/{actie}", post(step))
}

/// The staff side: `Resource::Applications` (programmamedewerker, beheerder).
pub fn ensure_staff(user: &CurrentUser) -> Result<(), AppError> {
    user.ensure(Action::View, Resource::Applications)
}

/// Programme staff only reach applications of their own programmes (beheerders all).
pub fn ensure_programme(user: &CurrentUser, a: &ApplicationRecord) -> Result<(), AppError> {
    if user.principal().may_see_programme(&a.programme_id) { Ok(()) } else { Err(AppError::Forbidden) }
}

/// Acting on an application.
pub fn ensure_staff_change(user: &CurrentUser) -> Result<(), AppError> {
    user.ensure(Action::Change, Resource::Applications)
}

/// The status code as stored (`kennismaking_gepland`).
pub fn status_code(s: Status) -> String {
    serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

pub fn status_from_code(code: &str) -> Option<Status> {
    Status::ALL.into_iter().find(|s| status_code(*s) == code)
}

/// The Dutch label of a stored status code (the code itself when unknown).
pub fn status_label(code: &str) -> String {
    status_from_code(code).map_or_else(|| code.to_owned(), |s| s.label_nl().to_owned())
}

/// The programmes in force (stored definitions, else the shipped ones).
pub async fn programmes(state: &AppState) -> Result<Vec<ProgrammeRules>, AppError> {
    Ok(koers_app::programmes::active(state.store.as_ref()).await?)
}

pub fn programme_name(all: &[ProgrammeRules], id: &str) -> String {
    all.iter().find(|p| p.id == id).map_or_else(|| id.to_owned(), |p| p.name.clone())
}

/// `dd-mm-jjjj`.
pub fn date(ts: i64) -> String {
    datetime(ts).chars().take(10).collect()
}

/// The school's name, else the board's, else empty.
pub async fn applicant_name(state: &AppState, a: &ApplicationRecord) -> Result<String, AppError> {
    if let Some(id) = a.school_id {
        match state.store.school(id).await {
            Ok(s) => return Ok(s.name),
            Err(StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(n) = a.board_number {
        match state.store.board(n).await {
            Ok(b) => return Ok(b.name),
            Err(StoreError::NotFound) => return Ok(n.to_string()),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(String::new())
}

// ---- inbox --------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
pub struct InboxQuery {
    #[serde(default)]
    programma: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    pagina: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Debug, Clone)]
pub struct InboxRow {
    pub id: i64,
    pub reference: String,
    pub name: String,
    pub status: String,
    pub submitted: String,
}

#[derive(Debug, Template)]
#[template(path = "programma/aanmeldingen.html")]
pub struct InboxPage {
    pub page: Page,
    pub programmes: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub q: String,
    pub rows: Vec<InboxRow>,
    pub pager: Pager,
}

pub async fn inbox(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<InboxQuery>,
) -> Result<Response, AppError> {
    ensure_staff(&user)?;
    let all = programmes(&state).await?;
    let programme = all.iter().find(|p| p.id == q.programma.trim()).map(|p| p.id.clone());
    let status = status_from_code(q.status.trim());
    let text = q.q.trim().to_owned();
    let pager_page = page_param(q.pagina.as_deref());
    let per_page = i64::try_from(PER_PAGE).unwrap_or(50);
    let filter = ApplicationFilter {
        programme_id: programme.clone(),
        status: status.map(status_code),
        text: (!text.is_empty()).then(|| text.clone()),
        limit: per_page + 1,
        offset: i64::try_from((pager_page - 1) * PER_PAGE).unwrap_or(i64::MAX),
        ..ApplicationFilter::default()
    };
    let mut found = state.store.list_applications(&filter).await?;
    // Programme staff see only their own programmes' applications.
    found.retain(|a| user.principal().may_see_programme(&a.programme_id));
    let has_more = found.len() > PER_PAGE;
    found.truncate(PER_PAGE);
    let filters = [
        ("programma", programme.clone().unwrap_or_default()),
        ("status", status.map(status_code).unwrap_or_default()),
        ("q", text.clone()),
    ];
    let pager = Pager::of_more("/programma/aanmeldingen", &filters, pager_page, has_more);
    let mut rows = Vec::with_capacity(found.len());
    for a in &found {
        rows.push(InboxRow {
            id: a.id,
            reference: a.reference.clone(),
            name: applicant_name(&state, a).await?,
            status: status_label(&a.status),
            submitted: date(a.created_at),
        });
    }
    let any = |selected: bool| Choice { value: String::new(), label: page.t("filter-all"), selected };
    let mut programme_choices = vec![any(programme.is_none())];
    programme_choices.extend(all.iter().map(|p| Choice {
        value: p.id.clone(),
        label: p.name.clone(),
        selected: programme.as_deref() == Some(p.id.as_str()),
    }));
    let mut statuses = vec![any(status.is_none())];
    statuses.extend(Status::ALL.iter().map(|&s| Choice {
        value: status_code(s),
        label: s.label_nl().to_owned(),
        selected: status == Some(s),
    }));
    render(&InboxPage {
        page: page.in_section("screening"),
        programmes: programme_choices,
        statuses,
        q: text,
        rows,
        pager,
    })
}

// ---- detail -------------------------------------------------------------------------------

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
    fn typed(&self, page: &Page) -> Vec<(String, String)> {
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
    pub expert_id: i64,
    pub name: String,
    pub reasons: String,
    pub free_trajectories: u32,
    pub free_dagdelen: u32,
    pub over_capacity: bool,
    pub available: bool,
}

#[derive(Debug, Clone)]
pub struct TrajectoryView {
    pub id: i64,
    pub expert: String,
    pub phases: String,
    pub dagdelen: i64,
    pub started: String,
}

#[derive(Debug, Template)]
#[template(path = "programma/aanmelding.html")]
pub struct DetailPage {
    pub page: Page,
    pub id: i64,
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
    pub intake_plan: Option<String>,
    pub intake: Option<Intake>,
    pub reason: Option<String>,
    pub history: Vec<HistoryRow>,
    pub can_plan: bool,
    pub can_record: bool,
    pub can_decide: bool,
    pub can_decline: bool,
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

fn rules_for(all: &[ProgrammeRules], id: &str) -> Result<ProgrammeRules, AppError> {
    all.iter().find(|p| p.id == id).cloned().ok_or_else(|| AppError::internal(StoreError::NotFound))
}

fn default_dagdelen(p: &ProgrammeRules) -> u32 {
    p.dagdelen.map_or(4, |d| d.per_block)
}

fn match_request(school_province: Option<String>, form: &StepForm, p: &ProgrammeRules) -> MatchRequest {
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
    }
}

async fn province(state: &AppState, a: &ApplicationRecord) -> Result<Option<String>, AppError> {
    Ok(match a.school_id {
        Some(id) => match state.store.school(id).await {
            Ok(s) => s.province,
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    })
}

async fn build(state: &AppState, page: Page, a: &ApplicationRecord, form: StepForm) -> Result<DetailPage, AppError> {
    let all = programmes(state).await?;
    let rules = rules_for(&all, &a.programme_id)?;
    let app = state_of(a).map_err(AppError::internal)?;
    let s = app.status;
    let audit = state
        .store
        .audit_log(&AuditFilter {
            entity: Some("application".into()),
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
    let can_match = s == Status::Definitief;
    let mut matches = Vec::new();
    if can_match {
        let request = match_request(province(state, a).await?, &form, &rules);
        let experts = state.store.list_experts().await?;
        for m in rank_experts(state.store.as_ref(), &request).await.map_err(AppError::internal)? {
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
        match state.store.list_trajectories(&filter).await?.into_iter().find(|t| t.application_id == a.id) {
            Some(t) => {
                let expert = match state.store.expert(t.expert_id).await {
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
        reference: a.reference.clone(),
        programme_name: rules.name.clone(),
        name: applicant_name(state, a).await?,
        school_id: a.school_id,
        status_label: s.label_nl().to_owned(),
        contact_name: a.contact_name.clone(),
        contact_email: a.contact_email.clone(),
        contact_phone: a.contact_phone.clone().unwrap_or_default(),
        help_question: a.help_question.clone(),
        eligibility: eligibility_text(a.eligibility_json.as_deref()),
        intake_plan: app.intake_plan.as_ref().map(|p| format!("{} ({})", p.date, p.attendees.join(", "))),
        intake: app.intake.clone(),
        reason: app.reason.clone(),
        history,
        can_plan: matches!(s, Status::Goedgekeurd | Status::KennismakingGepland),
        can_record: matches!(s, Status::KennismakingGepland | Status::KennismakingGehouden),
        can_decide: s == Status::KennismakingGehouden,
        can_decline: matches!(s, Status::Goedgekeurd | Status::KennismakingGepland | Status::KennismakingGehouden),
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
    Id(id): Id,
    user: CurrentUser,
    page: Page,
    Query(q): Query<MatchQuery>,
) -> Result<Response, AppError> {
    ensure_staff(&user)?;
    let a = state.store.application(id).await?;
    ensure_programme(&user, &a)?;
    let form = StepForm { expertise: q.expertise, dagdelen: q.dagdelen, ..StepForm::default() };
    render(&build(&state, page, &a, form).await?)
}

fn with_status(status: StatusCode, t: &impl Template) -> Result<Response, AppError> {
    let mut res = render(t)?;
    *res.status_mut() = status;
    Ok(res)
}

fn checked(v: Option<&String>) -> bool {
    v.is_some_and(|s| !s.is_empty())
}

fn command(actie: &str, f: &StepForm) -> Option<Command> {
    Some(match actie {
        "plannen" => Command::PlanIntake(IntakePlan {
            date: f.datum.trim().to_owned(),
            attendees: f
                .deelnemers
                .split([',', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        }),
        "verslag" => Command::RecordIntake(Intake {
            expectations: f.verwachtingen.trim().to_owned(),
            background: f.achtergrond.trim().to_owned(),
            results: f.resultaten.trim().to_owned(),
            inspection_visit_planned: checked(f.inspectiebezoek.as_ref()),
            herstelopdracht: checked(f.herstelopdracht.as_ref()),
        }),
        "definitief" => Command::MakeDefinitive,
        "doorverwijzen" => Command::Refer { reason: f.reden.clone() },
        "afwijzen" => Command::Decline { reason: f.reden.clone() },
        _ => return None,
    })
}

/// A date `jjjj-mm-dd` that exists.
fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (2000..=2100).contains(&y) && (1..=days).contains(&d)
}

/// The outcome of a step or an assignment as a page: errors next to the form (422), a conflict
/// with the current state (409), else the error page.
async fn refused(
    state: &AppState,
    page: Page,
    id: i64,
    actie: &str,
    form: StepForm,
    e: ApplicationError,
) -> Result<Response, AppError> {
    match e {
        ApplicationError::Conflict { current } => {
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
        ApplicationError::Transition(t) => {
            let a = state.store.application(id).await?;
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
        ApplicationError::Assignment(msg) => {
            let a = state.store.application(id).await?;
            let mut v = build(state, page, &a, form).await?;
            v.error_for = actie.to_owned();
            v.error = capitalise(&msg);
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
        ApplicationError::Store(StoreError::NotFound) => Err(AppError::NotFound),
        ApplicationError::Store(e) => Err(e.into()),
        e => Err(AppError::internal(e)),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

async fn invalid(
    state: &AppState,
    page: Page,
    id: i64,
    actie: &str,
    form: StepForm,
    msg: String,
) -> Result<Response, AppError> {
    let a = state.store.application(id).await?;
    let mut v = build(state, page, &a, form).await?;
    v.error_for = actie.to_owned();
    v.error = msg;
    with_status(StatusCode::UNPROCESSABLE_ENTITY, &v)
}

pub async fn step(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Path((raw_id, actie)): Path<(String, String)>,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    ensure_staff_change(&user)?;
    let id = raw_id.parse::<i64>().ok().filter(|id| *id > 0).ok_or(AppError::NotFound)?;
    let cmd = command(&actie, &form).ok_or(AppError::NotFound)?;
    ensure_programme(&user, &state.store.application(id).await?)?;
    let Ok(version) = form.version.trim().parse::<i64>() else {
        return Err(AppError::BadRequest(Vec::new()));
    };
    if actie == "plannen" && !form.datum.trim().is_empty() && !valid_date(form.datum.trim()) {
        let msg = page.t("staff-date-invalid");
        return invalid(&state, page, id, &actie, form, msg).await;
    }
    match act(state.store.as_ref(), id, version, &cmd, &user.actor(), crate::auth::now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/programma/aanmeldingen/{id}")).into_response()),
        Err(e) => refused(&state, page, id, &actie, form, e).await,
    }
}

pub async fn assign(
    State(state): State<AppState>,
    Id(id): Id,
    user: CurrentUser,
    page: Page,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    ensure_staff_change(&user)?;
    let a = state.store.application(id).await?;
    ensure_programme(&user, &a)?;
    let (Ok(version), Ok(expert_id)) = (form.version.trim().parse::<i64>(), form.expert.trim().parse::<i64>()) else {
        return Err(AppError::BadRequest(Vec::new()));
    };
    let all = programmes(&state).await?;
    let rules = rules_for(&all, &a.programme_id)?;
    let request = match_request(province(&state, &a).await?, &form, &rules);
    let note = form.overschrijding.trim().to_owned();
    let outcome = assign_expert(
        state.store.as_ref(),
        &rules,
        id,
        version,
        &request,
        expert_id,
        (!note.is_empty()).then_some(note.as_str()),
        &user.actor(),
        crate::auth::now(),
    )
    .await;
    match outcome {
        Ok(_) => Ok(Redirect::to(&format!("/programma/aanmeldingen/{id}")).into_response()),
        Err(e) => refused(&state, page, id, "koppelen", form, e).await,
    }
}
