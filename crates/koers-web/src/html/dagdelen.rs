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
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get, routing::post};
use koers_app::dagdelen::{BudgetInput, DagdelenCase, LogInput, activity_code, loggable_activities};
use koers_core::ids::TrajectoryId;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/trajecten/{id}/dagdelen", get(show).post(log)).route("/trajecten/{id}/budget", post(decide))
}

#[derive(Debug, Clone)]
pub struct Row {
    pub date: String,
    pub dagdelen: u32,
    pub activity: String,
    pub measure: String,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct MeasureRow {
    pub what: String,
    pub planned: u32,
    pub spent: u32,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

/// A refusal, shown at its field.
#[derive(Debug, Clone)]
pub struct FieldMessage {
    pub field: String,
    pub label: String,
    pub detail: String,
}

#[derive(Debug, Template)]
#[template(path = "dagdelen/show.html")]
pub struct DagdelenPage {
    pub page: Page,
    pub id: i64,
    pub programme_name: String,
    pub school_name: String,
    pub free: bool,
    pub funding_label: String,
    /// `None`: the programme has no cap.
    pub budget_text: Option<String>,
    pub raised_text: Option<String>,
    pub limit: Option<u32>,
    pub planned: u32,
    pub spent: u32,
    pub left: Option<u32>,
    pub over_budget: u32,
    pub measures: Vec<MeasureRow>,
    pub unlinked: u32,
    pub rows: Vec<Row>,
    pub decisions: Vec<String>,
    pub cost_total: String,
    pub cost_school: String,
    pub cost_programme: String,
    pub can_log: bool,
    pub can_decide: bool,
    pub active: bool,
    pub per_block: u32,
    pub max_dagdelen: u32,
    pub activities: Vec<Choice>,
    /// The measures of the plan in force time can be logged on (empty: no vastgesteld plan).
    pub measure_choices: Vec<Choice>,
    pub form: LogForm,
    pub budget_form: BudgetForm,
    /// Refusals of the form that was sent (log or budget).
    pub errors: Vec<FieldMessage>,
    /// Which form the errors belong to: `log` or `budget`.
    pub errors_of: &'static str,
    pub notice: Option<String>,
}

impl DagdelenPage {
    pub fn error_for(&self, form: &str, field: &str) -> Option<&FieldMessage> {
        if self.errors_of != form {
            return None;
        }
        self.errors.iter().find(|e| e.field == field)
    }
}

/// The log form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LogForm {
    #[serde(default)]
    pub datum: String,
    #[serde(default)]
    pub dagdelen: String,
    #[serde(default)]
    pub maatregel: String,
    #[serde(default)]
    pub activiteit: String,
    #[serde(default)]
    pub toelichting: String,
}

/// The budget form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BudgetForm {
    #[serde(default)]
    pub dagdelen: String,
    #[serde(default)]
    pub reden: String,
}

/// `?opgeslagen=1` / `?besluit=1` after a redirect.
#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    #[serde(default)]
    opgeslagen: Option<String>,
    #[serde(default)]
    besluit: Option<String>,
}

/// An activity type in the page's language (`dgd-act-<code>`; a type without a code — an NPO
/// intervention — in Dutch).
pub fn activity_label(lang: Lang, a: koers_core::plan::ActivityType) -> String {
    match activity_code(a) {
        code if code.is_empty() => a.label_nl(),
        code => lang.t(&format!("dgd-act-{code}")),
    }
}

/// The field a use case names (`date`, `reason`) as the form calls it, with its label.
fn field_label(lang: Lang, field: &str) -> (String, String) {
    let form_field = match field {
        "date" => "datum",
        "measure" => "maatregel",
        "activity" => "activiteit",
        "note" => "toelichting",
        "reason" => "reden",
        other => other,
    };
    let key = match field {
        "date" | "datum" => "dgd-field-date",
        "measure" => "dgd-field-measure",
        "activity" => "dgd-field-activity",
        "note" => "dgd-field-note",
        "reason" | "reden" => "dgd-field-reason",
        "traject" => "dgd-field-traject",
        _ => "dgd-field-dagdelen",
    };
    (form_field.to_owned(), lang.t(key))
}

fn messages(lang: Lang, e: &koers_app::Error) -> Vec<FieldMessage> {
    match e {
        koers_app::Error::Invalid(fields) => fields
            .iter()
            .map(|f| {
                let (field, label) = field_label(lang, &f.field);
                FieldMessage { field, label, detail: f.detail.clone() }
            })
            .collect(),
        other => {
            let (field, label) = field_label(lang, "dagdelen");
            vec![FieldMessage {
                field,
                label,
                detail: if other.is_conflict() { lang.t("dgd-conflict") } else { other.to_string() },
            }]
        }
    }
}

fn view(page: Page, c: &DagdelenCase, school_name: String, form: LogForm, budget_form: BudgetForm) -> DagdelenPage {
    let lang = page.lang;
    let t = &c.trajectory;
    let budget_text = c.budget.as_ref().map(|b| {
        lang.t_args(
            "dgd-budget-blocks",
            &[
                ("blocks", b.blocks.to_string()),
                ("per_block", b.per_block.to_string()),
                ("max_blocks", b.max_blocks.to_string()),
            ],
        )
    });
    let raised_text = c.budget.as_ref().and_then(|b| b.decision.as_ref()).map(|d| {
        lang.t_args("dgd-budget-raised", &[("dagdelen", d.dagdelen.to_string()), ("date", d.decided_on.nl())])
    });
    let activities = loggable_activities()
        .into_iter()
        .map(|a| {
            let code = activity_code(a);
            Choice { selected: code == form.activiteit, code, label: activity_label(lang, a) }
        })
        .collect();
    let measure_choices = c
        .usage
        .per_measure
        .iter()
        .map(|m| {
            let code = m.measure.to_string();
            Choice { selected: code == form.maatregel.trim(), code, label: m.what.clone() }
        })
        .collect();
    let free = c.funding == koers_core::money::Funding::Subsidised;
    DagdelenPage {
        measure_choices,
        id: t.id,
        programme_name: c.programme_name.clone(),
        school_name,
        free,
        funding_label: if free { lang.t("dgd-free") } else { c.funding.label_nl() },
        budget_text,
        raised_text,
        limit: c.usage.limit,
        planned: c.usage.planned,
        spent: c.usage.spent,
        left: c.usage.budget_left(),
        over_budget: c.usage.over_budget(),
        measures: c
            .usage
            .per_measure
            .iter()
            .map(|m| MeasureRow { what: m.what.clone(), planned: m.planned, spent: m.spent })
            .collect(),
        unlinked: c.usage.unlinked,
        rows: c
            .entries
            .iter()
            .rev()
            .map(|e| Row {
                date: e.date.nl(),
                dagdelen: e.dagdelen,
                activity: activity_label(lang, e.activity),
                measure: e
                    .measure_id
                    .map(|m| {
                        c.usage.per_measure.iter().find(|u| u.measure == m).map_or(m.to_string(), |u| u.what.clone())
                    })
                    .unwrap_or_default(),
                note: e.note.clone(),
            })
            .collect(),
        decisions: c
            .decisions
            .iter()
            .map(|d| {
                format!(
                    "{} — {}",
                    lang.t_args(
                        "dgd-decision-by",
                        &[("date", d.decided_on.nl()), ("dagdelen", d.dagdelen.to_string())]
                    ),
                    d.reason
                )
            })
            .collect(),
        cost_total: c.cost.total.to_string(),
        cost_school: c.cost.school.to_string(),
        cost_programme: c.cost.programme.to_string(),
        can_log: c.rights.log,
        can_decide: c.rights.decide && c.rule.is_some(),
        active: t.active,
        per_block: c.rule.map_or(0, |r| r.per_block),
        max_dagdelen: c.rule.map_or(0, |r| r.max_dagdelen()),
        activities,
        form,
        budget_form,
        errors: Vec::new(),
        errors_of: "",
        notice: None,
        page: page.in_section("mijn-home"),
    }
}

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
    id: i64,
    form: LogForm,
    budget_form: BudgetForm,
) -> Result<DagdelenPage, AppError> {
    let c = state.app.dagdelen_case(user.principal(), TrajectoryId::new(id)).await?;
    let name = school_name(state, &c).await?;
    Ok(view(page, &c, name, form, budget_form))
}

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id,
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
    id: i64,
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
    Id(id): Id,
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
        .log_dagdelen(user.principal(), TrajectoryId::new(id), &input, &user.actor(), crate::auth::now())
        .await
        .map(|_| "opgeslagen");
    let sent = Sent { form: f, budget_form: BudgetForm::default(), errors_of: "log" };
    answer(&state, &user, page, &headers, id, outcome, sent).await
}

pub async fn decide(
    State(state): State<AppState>,
    Id(id): Id,
    user: CurrentUser,
    page: Page,
    headers: HeaderMap,
    Form(f): Form<BudgetForm>,
) -> Result<Response, AppError> {
    let input = BudgetInput { dagdelen: f.dagdelen.clone(), reason: f.reden.clone() };
    let outcome = state
        .app
        .decide_budget(user.principal(), TrajectoryId::new(id), &input, &user.actor(), crate::auth::now())
        .await
        .map(|_| "besluit");
    let sent = Sent { form: LogForm::default(), budget_form: f, errors_of: "budget" };
    answer(&state, &user, page, &headers, id, outcome, sent).await
}
