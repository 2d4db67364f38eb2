//! `GET/POST /bestuur/{nr}/meerdere-scholen?programma={id}` (issue 10 §4): a board applies for
//! several of its schools in one request — per school a tick, the kind of risk and what shows
//! it; one contact and help question. Linked from the board's page and the bestuurder's home.
//! The rules are `koers_app::board_requests`; bad input comes back (422) with a Dutch message at
//! its field and everything typed kept. Success: 303 to the request's page.

use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::board_requests::{BoardRequestInput, LineInput};
use koers_core::eligibility::RiskKind;
use koers_core::ids::BoardNumber;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct FormQuery {
    #[serde(default)]
    programma: Option<String>,
}

/// An `<option>`.
#[derive(Debug, Clone)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One school of the board in the form.
#[derive(Debug, Clone)]
pub struct SchoolLine {
    pub id: i64,
    pub name: String,
    pub detail: String,
    pub checked: bool,
    pub kinds: Vec<Opt>,
    pub evidence: String,
    pub kind_error: Option<String>,
    pub evidence_error: Option<String>,
}

#[derive(Debug, Template)]
#[template(path = "bestuur/meerdere.html")]
pub struct MultiPage {
    pub page: Page,
    pub number: BoardNumber,
    pub board_name: String,
    pub programme_id: String,
    pub programme_name: String,
    pub help_prompt: String,
    pub schools: Vec<SchoolLine>,
    pub schools_error: Option<String>,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub help_question: String,
    pub errors: Vec<(String, String)>,
}

impl MultiPage {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone())
    }
}

fn kind_code(k: RiskKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The posted pairs (`school` repeats).
struct Posted(Vec<(String, String)>);

impl Posted {
    fn get(&self, name: &str) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }
    fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }
}

async fn programme_id(state: &AppState, q: &FormQuery) -> Result<String, AppError> {
    if let Some(p) = q.programma.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        return Ok(p.to_owned());
    }
    state.app.multi_school_programmes().await?.into_iter().next().map(|p| p.id).ok_or(AppError::NotFound)
}

async fn view(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    number: BoardNumber,
    programme: &str,
    posted: &Posted,
    errors: Vec<(String, String)>,
) -> Result<MultiPage, AppError> {
    let (board, p, schools) = state.app.board_request_form(user.principal(), number, programme).await?;
    let lang = page.lang;
    let chosen = posted.all("school");
    let error = |f: &str| errors.iter().find(|(k, _)| k == f).map(|(_, m)| m.clone());
    let schools = schools
        .iter()
        .map(|s| {
            let kind = posted.get(&format!("risico_{}", s.id));
            let mut kinds =
                vec![Opt { value: String::new(), label: lang.t("multi-risk-choose"), selected: kind.is_empty() }];
            kinds.extend(RiskKind::ALL.into_iter().map(|k| {
                let value = kind_code(k);
                Opt { selected: value == kind, label: lang.t(&format!("entry-opt-risk-{value}")), value }
            }));
            SchoolLine {
                id: s.id.get(),
                name: s.name.clone(),
                detail: [Some(s.ovt.to_string()), s.place.clone()].into_iter().flatten().collect::<Vec<_>>().join(", "),
                checked: chosen.contains(&s.id.to_string()),
                kinds,
                evidence: posted.get(&format!("onderbouwing_{}", s.id)),
                kind_error: error(&format!("risico_{}", s.id)),
                evidence_error: error(&format!("onderbouwing_{}", s.id)),
            }
        })
        .collect();
    let typed = |name: &str, default: &str| {
        if posted.0.is_empty() { default.to_owned() } else { posted.get(name) }
    };
    Ok(MultiPage {
        page: page.in_section("mijn-home"),
        number,
        board_name: board.name,
        programme_id: p.id.clone(),
        programme_name: p.name.clone(),
        help_prompt: p.help_question.clone(),
        schools,
        schools_error: error("scholen"),
        contact_name: typed("contact_name", &user.0.name),
        contact_email: typed("contact_email", &user.0.email),
        contact_phone: posted.get("contact_phone"),
        help_question: posted.get("help_question"),
        errors,
    })
}

pub async fn form(
    State(state): State<AppState>,
    Id(number): Id<BoardNumber>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<FormQuery>,
) -> Result<Response, AppError> {
    let programme = programme_id(&state, &q).await?;
    render(&view(&state, &user, page, number, &programme, &Posted(Vec::new()), Vec::new()).await?)
}

pub async fn send(
    State(state): State<AppState>,
    Id(number): Id<BoardNumber>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<FormQuery>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let programme = programme_id(&state, &q).await?;
    let posted = Posted(pairs);
    let input = BoardRequestInput {
        programme_id: programme.clone(),
        board_number: number,
        lines: posted
            .all("school")
            .into_iter()
            .map(|school| LineInput {
                risk_kind: posted.get(&format!("risico_{}", school.trim())),
                evidence: posted.get(&format!("onderbouwing_{}", school.trim())),
                school,
            })
            .collect(),
        contact_name: posted.get("contact_name"),
        contact_email: posted.get("contact_email"),
        contact_phone: posted.get("contact_phone"),
        help_question: posted.get("help_question"),
    };
    match state.app.submit_board_request(user.principal(), &input, &user.actor(), now()).await {
        Ok(r) => Ok(Redirect::to(&format!("/bestuursaanvragen/{}?ingediend=1", r.id)).into_response()),
        Err(koers_app::Error::Invalid(fields)) => {
            let errors = fields.into_iter().map(|f| (f.field, f.detail)).collect();
            let v = view(&state, &user, page, number, &programme, &posted, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&v)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
