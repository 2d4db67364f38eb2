//! Inspectie verdicts (issue 10 §2), reached from a school's own page (`/mijn-school/{id}`) and a
//! board's page (`/bestuur/{nr}`):
//!
//! | route | who |
//! |---|---|
//! | `GET/POST /mijn-school/{id}/oordelen` | see: the school's leader, its board, staff, beheerder; post: staff record (vastgesteld), the school and its board declare (verklaard) |
//! | `GET/POST /bestuur/{nr}/oordelen` | the same for a board's own verdicts |
//! | `POST /oordelen/{id}/bevestigen` | staff confirm a declared verdict |
//!
//! Handlers extract, call one use case of `koers_app::verdicts`, render.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::exam_trend::ExamTrendView;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use koers_app::Error;
use koers_app::store::Sector;
use koers_app::verdicts::{self, VerdictOf, VerdictView};
use koers_core::access::{Action, Resource, may};
use koers_core::ids::{BoardNumber, SchoolId, VerdictId};
use koers_core::inspection::{Afdeling, VerdictForm, VerdictOordeel, VerdictStatus};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/mijn-school/{id}/oordelen", get(school_show).post(school_save))
        .route("/bestuur/{nr}/oordelen", get(board_show).post(board_save))
        .route("/oordelen/{id}/bevestigen", post(confirm))
}

#[derive(Debug, Clone)]
pub struct VerdictRow {
    pub id: VerdictId,
    pub version: i64,
    pub date: String,
    pub oordeel: String,
    pub afdeling: String,
    pub herstelopdracht: bool,
    pub risk_investigation: bool,
    pub source: String,
    pub declared: bool,
    pub status: String,
}

/// The form as typed, with an error per field.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Typed {
    #[serde(default)]
    pub datum: String,
    #[serde(default)]
    pub oordeel: String,
    #[serde(default)]
    pub afdeling: String,
    #[serde(default)]
    pub herstelopdracht: Option<String>,
    #[serde(default)]
    pub risico_onderzoek: Option<String>,
    #[serde(default)]
    pub bron: String,
}

#[derive(Debug, Template)]
#[template(path = "oordelen/show.html")]
pub struct VerdictsPage {
    pub page: Page,
    pub title: String,
    pub back_href: String,
    pub post_href: String,
    pub rows: Vec<VerdictRow>,
    pub is_vo: bool,
    pub is_board: bool,
    pub can_record: bool,
    pub is_staff: bool,
    pub typed: Typed,
    pub errors: Vec<(String, String)>,
    pub oordelen: Vec<(&'static str, &'static str)>,
    pub afdelingen: Vec<&'static str>,
    /// VO: falls in the exam pass rates that count as a demonstrable risk.
    pub risks: Vec<String>,
    pub exam_trend: Option<ExamTrendView>,
}

impl VerdictsPage {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone())
    }
}

fn row(lang: Lang, v: &VerdictView) -> VerdictRow {
    let f = &v.recorded.facts;
    let declared = v.recorded.status == VerdictStatus::Verklaard;
    let status = if declared {
        lang.t("verdict-status-declared")
    } else {
        let by = v.record.confirmed_by_label.clone().unwrap_or_else(|| v.record.recorded_by_label.clone());
        lang.t_args("verdict-status-confirmed", &[("by", by)])
    };
    VerdictRow {
        id: v.record.id,
        version: v.record.version,
        date: f.date.nl(),
        oordeel: f.oordeel.label_nl().to_owned(),
        afdeling: f.afdeling.map_or_else(|| lang.t("verdict-whole"), |a| a.code().to_owned()),
        herstelopdracht: f.herstelopdracht,
        risk_investigation: f.risk_investigation,
        source: f.source.clone(),
        declared,
        status,
    }
}

fn form_of(t: &Typed) -> VerdictForm {
    VerdictForm {
        date: t.datum.clone(),
        oordeel: t.oordeel.clone(),
        afdeling: t.afdeling.clone(),
        herstelopdracht: t.herstelopdracht.is_some(),
        risk_investigation: t.risico_onderzoek.is_some(),
        source: t.bron.clone(),
    }
}

async fn build(state: &AppState, user: &CurrentUser, page: Page, of: VerdictOf) -> Result<VerdictsPage, AppError> {
    let store = state.app.read();
    if !verdicts::may_view(store, user.principal(), of).await? {
        return Err(AppError::Forbidden);
    }
    let lang = page.lang;
    let (title, back_href, post_href, list, is_vo, is_board, scope, exam) = match of {
        VerdictOf::School(id) => {
            let s = store.school(id).await?;
            let list = verdicts::of_school(store, id).await?;
            let exam = if s.sector == Sector::Vo { store.exam_years_of_school(id).await? } else { Vec::new() };
            let scope = koers_core::access::VerdictsOf::School(koers_core::access::SchoolRef {
                id,
                board_number: s.board_number,
            });
            (
                s.name,
                format!("/mijn-school/{id}"),
                format!("/mijn-school/{id}/oordelen"),
                list,
                s.sector == Sector::Vo,
                false,
                scope,
                exam,
            )
        }
        VerdictOf::Board(n) => {
            let b = store.board(n).await?;
            let list = verdicts::of_board(store, n).await?;
            let scope = koers_core::access::VerdictsOf::Board(n);
            (b.name, format!("/bestuur/{n}"), format!("/bestuur/{n}/oordelen"), list, false, true, scope, Vec::new())
        }
    };
    let who = Some(user.principal());
    let oordelen = VerdictOordeel::ALL
        .into_iter()
        .filter(|o| !(is_board && *o == VerdictOordeel::ZeerZwak))
        .map(|o| (o.code(), o.label_nl()))
        .collect();
    Ok(VerdictsPage {
        title: lang.t_args("verdicts-title", &[("name", title)]),
        back_href,
        post_href,
        rows: list.iter().map(|v| row(lang, v)).collect(),
        is_vo,
        is_board,
        can_record: may(who, Action::Change, Resource::Verdicts(scope)),
        is_staff: may(who, Action::Change, Resource::ConfirmVerdicts),
        typed: Typed::default(),
        errors: Vec::new(),
        oordelen,
        afdelingen: Afdeling::ALL.iter().map(|a| a.code()).collect(),
        risks: verdicts::exam_risks(&exam).iter().map(|f| f.evidence_nl()).collect(),
        exam_trend: ExamTrendView::new(lang, &exam),
        page: page.in_section("mijn-home"),
    })
}

async fn save(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    of: VerdictOf,
    typed: Typed,
) -> Result<Response, AppError> {
    let now = crate::auth::now();
    match state.app.record_verdict(user.principal(), of, &form_of(&typed), &user.actor(), now).await {
        Ok(_) => {
            let to = match of {
                VerdictOf::School(id) => format!("/mijn-school/{id}/oordelen"),
                VerdictOf::Board(n) => format!("/bestuur/{n}/oordelen"),
            };
            Ok(Redirect::to(&to).into_response())
        }
        Err(Error::Invalid(errors)) => {
            let mut v = build(state, user, page, of).await?;
            v.errors = errors.into_iter().map(|e| (e.field, e.detail)).collect();
            v.typed = typed;
            let mut res = render(&v)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn school_show(
    State(state): State<AppState>,
    Id(id): Id<SchoolId>,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    render(&build(&state, &user, page, VerdictOf::School(id)).await?)
}

pub async fn school_save(
    State(state): State<AppState>,
    Id(id): Id<SchoolId>,
    user: CurrentUser,
    page: Page,
    Form(typed): Form<Typed>,
) -> Result<Response, AppError> {
    save(&state, &user, page, VerdictOf::School(id), typed).await
}

pub async fn board_show(
    State(state): State<AppState>,
    Id(nr): Id<BoardNumber>,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    render(&build(&state, &user, page, VerdictOf::Board(nr)).await?)
}

pub async fn board_save(
    State(state): State<AppState>,
    Id(nr): Id<BoardNumber>,
    user: CurrentUser,
    page: Page,
    Form(typed): Form<Typed>,
) -> Result<Response, AppError> {
    save(&state, &user, page, VerdictOf::Board(nr), typed).await
}

#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    version: String,
}

pub async fn confirm(
    State(state): State<AppState>,
    Id(id): Id<VerdictId>,
    user: CurrentUser,
    Form(f): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::ConfirmVerdicts)?;
    let version = f.version.trim().parse::<i64>().unwrap_or(0);
    let now = crate::auth::now();
    let saved = match state.app.confirm_verdict(user.principal(), id, version, &user.actor(), now).await {
        Ok(v) => v,
        // Someone confirmed (or changed) it first: show the list as it is now.
        Err(Error::Conflict { .. }) => state.app.read().verdict(id).await?,
        Err(e) => return Err(e.into()),
    };
    let to = match (saved.school_id, saved.board_number) {
        (Some(s), _) => format!("/mijn-school/{s}/oordelen"),
        (None, Some(n)) => format!("/bestuur/{n}/oordelen"),
        (None, None) => "/home".to_owned(),
    };
    Ok(Redirect::to(&to).into_response())
}
