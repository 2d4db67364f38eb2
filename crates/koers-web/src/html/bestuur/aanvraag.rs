//! `GET /bestuursaanvragen/{id}`: a board's request for several schools with each school's line
//! (entry rule outcome, status, reason, its application once approved) — for the board, staff of
//! the programme and beheerders (linked from their home pages). `POST
//! /bestuursaanvragen/{id}/scholen/{line}`: staff approve a line (the school's application,
//! definitief) or decline it with a reason; a decision made meanwhile is a 409 page, a missing
//! reason a 422 with the message at the field.

use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::board_requests::{BoardRequestCase, LineDecisionInput};
use koers_app::store::LineStatus;
use koers_core::eligibility::Eligibility;
use koers_core::ids::{BoardRequestId, SchoolId};
use serde::Deserialize;

#[derive(Debug, Clone)]
pub struct LineRow {
    pub id: i64,
    pub version: i64,
    pub school_id: SchoolId,
    pub school_name: String,
    pub outcome: String,
    pub status: String,
    pub open: bool,
    pub reason: String,
    pub application_href: Option<String>,
    pub reason_typed: String,
    pub reason_error: Option<String>,
}

#[derive(Debug, Template)]
#[template(path = "bestuur/aanvraag.html")]
pub struct RequestPage {
    pub page: Page,
    pub id: BoardRequestId,
    pub programme_name: String,
    pub board_number: i64,
    pub board_name: String,
    pub contact: String,
    pub submitted: String,
    pub help_question: String,
    pub lines: Vec<LineRow>,
    pub may_decide: bool,
    pub notice: Option<String>,
    pub conflict: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Flags {
    #[serde(default)]
    ingediend: Option<String>,
    #[serde(default)]
    besluit: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    besluit: String,
    #[serde(default)]
    reden: String,
    #[serde(default)]
    version: String,
}

fn view(page: Page, c: BoardRequestCase, typed: Option<(i64, String, Option<String>)>) -> RequestPage {
    let lang = page.lang;
    let r = &c.request;
    let lines = r
        .lines
        .iter()
        .zip(&c.schools)
        .map(|(l, s)| {
            let outcome = l
                .eligibility_json
                .as_deref()
                .and_then(|j| serde_json::from_str::<Eligibility>(j).ok())
                .map(|e| e.summary_nl())
                .unwrap_or_default();
            let (reason_typed, reason_error) = match &typed {
                Some((line, text, error)) if *line == l.id => (text.clone(), error.clone()),
                _ => (String::new(), None),
            };
            LineRow {
                id: l.id,
                version: l.version,
                school_id: s.id,
                school_name: s.name.clone(),
                outcome,
                status: lang.t(&format!("multi-status-{}", l.status.code())),
                open: l.status == LineStatus::Open,
                reason: l.reason.clone().unwrap_or_default(),
                application_href: l.application_id.map(|a| {
                    if c.may_decide { format!("/programma/aanmeldingen/{a}") } else { format!("/aanmeldingen/{a}") }
                }),
                reason_typed,
                reason_error,
            }
        })
        .collect();
    RequestPage {
        id: r.id,
        programme_name: c.programme_name.clone(),
        board_number: r.board_number.get(),
        board_name: c.board_name.clone(),
        contact: match &r.contact_phone {
            Some(p) => format!("{} <{}>, {p}", r.contact_name, r.contact_email),
            None => format!("{} <{}>", r.contact_name, r.contact_email),
        },
        submitted: crate::html::programma::aanmeldingen::date(r.created_at),
        help_question: r.help_question.clone(),
        lines,
        may_decide: c.may_decide,
        notice: None,
        conflict: None,
        page: page.in_section("mijn-home"),
    }
}

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id<BoardRequestId>,
    user: CurrentUser,
    page: Page,
    Query(flags): Query<Flags>,
) -> Result<Response, AppError> {
    let c = state.app.board_request_case(user.principal(), id).await?;
    let lang = page.lang;
    let mut v = view(page, c, None);
    v.notice = match (flags.ingediend.is_some(), flags.besluit.is_some()) {
        (true, _) => Some(lang.t("multi-submitted")),
        (_, true) => Some(lang.t("multi-decided")),
        _ => None,
    };
    render(&v)
}

pub async fn decide(
    State(state): State<AppState>,
    Path((id, line)): Path<(String, String)>,
    user: CurrentUser,
    page: Page,
    Form(f): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let (Some(id), Some(line)) = (id.parse::<BoardRequestId>().ok(), line.parse::<i64>().ok()) else {
        return Err(AppError::NotFound);
    };
    let input = LineDecisionInput {
        decision: f.besluit.clone(),
        reason: f.reden.clone(),
        version: f.version.trim().parse().unwrap_or(0),
    };
    match state.app.decide_board_request_line(user.principal(), id, line, &input, &user.actor(), now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/bestuursaanvragen/{id}?besluit=1")).into_response()),
        Err(koers_app::Error::Invalid(fields)) => {
            let c = state.app.board_request_case(user.principal(), id).await?;
            let detail = fields.into_iter().map(|f| f.detail).collect::<Vec<_>>().join("; ");
            let v = view(page, c, Some((line, f.reden, Some(detail))));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&v)?).into_response())
        }
        Err(e) if e.is_conflict() => {
            let c = state.app.board_request_case(user.principal(), id).await?;
            let lang = page.lang;
            let mut v = view(page, c, Some((line, f.reden, None)));
            v.conflict = Some(lang.t("multi-conflict"));
            Ok((StatusCode::CONFLICT, render(&v)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
