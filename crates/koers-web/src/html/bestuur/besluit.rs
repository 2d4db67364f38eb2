//! `POST /bestuur/{nr}/aanmeldingen/{id}/besluit`: the bestuurder approves, or declines with a
//! reason, an application of their board in the app (the task on `/home`; the same decision as
//! the mailed link). A hidden `version` guards against a decision made meanwhile (409); a decline
//! without a reason is 422 with the message next to the field.

use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::render;
use crate::html::workflow_rows::programme_name;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::Error;
use koers_app::store::{ApplicationRecord, StoreError};
use koers_core::access::{Action, Resource};
use koers_core::ids::{ApplicationId, BoardNumber};
use koers_core::workflow::Command;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct Decision {
    #[serde(default)]
    besluit: String,
    #[serde(default)]
    reden: String,
    #[serde(default)]
    version: String,
}

/// The decision form again: with the reason error (422) or the conflict message (409).
#[derive(Debug, Template)]
#[template(path = "bestuur/besluit.html")]
pub struct DecisionPage {
    pub page: Page,
    pub board: BoardNumber,
    pub id: ApplicationId,
    pub version: i64,
    pub reference: String,
    pub programme_name: String,
    pub school_name: String,
    pub help_question: String,
    pub status_label: String,
    /// Still waiting for the board: the forms are shown.
    pub pending: bool,
    pub reason: String,
    pub reason_error: Option<String>,
    pub conflict: Option<String>,
}

async fn page_for(
    state: &AppState,
    page: Page,
    board: BoardNumber,
    a: &ApplicationRecord,
    reason: &str,
) -> Result<DecisionPage, AppError> {
    let school_name = match a.school_id {
        Some(id) => match state.app.read().school(id).await {
            Ok(s) => s.name,
            Err(StoreError::NotFound) => String::new(),
            Err(e) => return Err(e.into()),
        },
        None => String::new(),
    };
    let (status, _) = crate::html::workflow_rows::status_and_reason(a)?;
    Ok(DecisionPage {
        board,
        id: a.id,
        version: a.version,
        reference: a.reference.to_string(),
        programme_name: programme_name(state, &a.programme_id).await?,
        school_name,
        help_question: a.help_question.clone(),
        status_label: status.label_nl().to_owned(),
        pending: status == koers_core::workflow::Status::WachtOpBestuur,
        reason: reason.to_owned(),
        reason_error: None,
        conflict: None,
        page: page.in_section("mijn-home"),
    })
}

fn with_status(status: StatusCode, v: &DecisionPage) -> Result<Response, AppError> {
    let mut res = render(v)?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Path((nr, id)): Path<(String, String)>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let (Ok(board), Ok(id)) = (nr.parse::<BoardNumber>(), id.parse::<ApplicationId>()) else {
        return Err(AppError::NotFound);
    };
    user.ensure(Action::Change, Resource::Board(board))?;
    let a = state.app.read().application(id).await?;
    if a.board_number != Some(board) {
        return Err(AppError::NotFound);
    }
    let approve = match d.besluit.as_str() {
        "akkoord" => true,
        "afwijzen" => false,
        _ => return Err(AppError::BadRequest(Vec::new())),
    };
    let Ok(version) = d.version.trim().parse::<i64>() else { return Err(AppError::BadRequest(Vec::new())) };
    let reason = d.reden.trim();
    if !approve && reason.is_empty() {
        let mut v = page_for(&state, page, board, &a, reason).await?;
        v.version = version;
        v.reason_error = Some(v.page.t("approve-reason-required"));
        return with_status(StatusCode::UNPROCESSABLE_ENTITY, &v);
    }
    let cmd = if approve { Command::BoardApprove } else { Command::BoardDecline { reason: reason.to_owned() } };
    match state.app.act(id, version, &cmd, &user.actor(), now()).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/home?besluit={}", if approve { "akkoord" } else { "afgewezen" }))
                .into_response())
        }
        Err(Error::Conflict { current: Some(current) }) => {
            let mut v = page_for(&state, page, board, &current, reason).await?;
            v.conflict = Some(v.page.t("wf-decision-conflict"));
            with_status(StatusCode::CONFLICT, &v)
        }
        Err(Error::Transition(e)) => {
            let mut v = page_for(&state, page, board, &a, reason).await?;
            v.conflict = Some(e.to_string());
            with_status(StatusCode::CONFLICT, &v)
        }
        Err(e) => Err(e.into()),
    }
}
