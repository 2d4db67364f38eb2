//! `GET /aanmeldingen/{id}`: the receipt of an application, for whoever may view the school
//! or board (and beheerders). `POST /aanmeldingen/{id}/intrekken`: whoever may change the school
//! or board (its schoolleider, its bestuurder, a beheerder) withdraws it with a reason, while the
//! status allows it (`Status::allowed`).

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::applications::state_of;
use koers_app::store::{ApplicationRecord, StoreError};
use koers_core::access::{Action, Resource, SchoolRef, may_see_case};
use koers_core::ids::{ApplicationId, BoardNumber, SchoolId, TrajectoryId};
use koers_core::workflow::{Command, Status, Step};
use serde::Deserialize;

fn school_resource(id: SchoolId, board_number: Option<BoardNumber>) -> Resource {
    Resource::School(SchoolRef { id, board_number })
}

#[derive(Debug, Template)]
#[template(path = "aanmelden/receipt.html")]
pub struct ReceiptPage {
    pub page: Page,
    pub reference: String,
    pub programme_name: String,
    pub school_id: Option<i64>,
    pub school_name: String,
    pub status_label: String,
    pub mail_sent: String,
    pub board_asked: bool,
    pub help_question: String,
    // ---- roles workflow: the outcome's reason and the trajectory once coupled ----
    pub reason: Option<String>,
    pub trajectory_id: Option<TrajectoryId>,
    // ---- withdrawing (the applicant) ----
    pub id: ApplicationId,
    pub version: i64,
    pub can_withdraw: bool,
    pub withdraw_reason: String,
    pub withdraw_error: Option<String>,
}

/// The withdrawal form.
#[derive(Debug, Default, Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    reden: String,
    #[serde(default)]
    versie: String,
}

/// (school or board name, may view, may change) for `user` and application `a`.
async fn access(state: &AppState, user: &CurrentUser, a: &ApplicationRecord) -> Result<(String, bool, bool), AppError> {
    // Staff of another programme may view schools, but not this programme's application.
    let mut school = None;
    let (name, resource) = match (a.school_id, a.board_number) {
        (Some(sid), _) => match state.app.read().school(sid).await {
            Ok(s) => {
                school = Some(SchoolRef { id: s.id, board_number: s.board_number });
                (s.name, Some(school_resource(s.id, s.board_number)))
            }
            Err(StoreError::NotFound) => (String::new(), None),
            Err(e) => return Err(e.into()),
        },
        (None, Some(nr)) => match state.app.read().board(nr).await {
            Ok(b) => (b.name, Some(Resource::Board(nr))),
            Err(StoreError::NotFound) => (String::new(), None),
            Err(e) => return Err(e.into()),
        },
        (None, None) => (String::new(), None),
    };
    let admin = user.principal().is_beheerder();
    let view = may_see_case(user.principal(), &a.programme_id, school, a.board_number);
    let change = admin || resource.is_some_and(|r| user.ensure(Action::Change, r).is_ok());
    Ok((name, view, change))
}

async fn receipt_page(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    a: &ApplicationRecord,
) -> Result<ReceiptPage, AppError> {
    let (school_name, view, change) = access(state, user, a).await?;
    if !view {
        return Err(AppError::Forbidden);
    }
    let status = state_of(a)?.status;
    let programme_name = state.programmes().await?.name(&a.programme_id);
    Ok(ReceiptPage {
        reference: a.reference.to_string(),
        programme_name,
        school_id: a.school_id.map(SchoolId::get),
        school_name,
        status_label: status.label_nl().to_owned(),
        mail_sent: page.t_args("receipt-mail-sent", &[("email", a.contact_email.clone())]),
        board_asked: status == Status::WachtOpBestuur,
        help_question: a.help_question.clone(),
        reason: crate::html::workflow_rows::status_and_reason(a)?.1,
        trajectory_id: crate::html::workflow_rows::trajectory_of(state, a).await?,
        id: a.id,
        version: a.version,
        can_withdraw: change && status.allowed().contains(&Step::Withdraw),
        withdraw_reason: String::new(),
        withdraw_error: None,
        page: page.in_section("mijn-home"),
    })
}

pub async fn receipt(
    State(state): State<AppState>,
    Id(id): Id<ApplicationId>,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    let a = state.app.read().application(id).await?;
    render(&receipt_page(&state, &user, page, &a).await?)
}

pub async fn withdraw(
    State(state): State<AppState>,
    Id(id): Id<ApplicationId>,
    user: CurrentUser,
    page: Page,
    Form(f): Form<WithdrawForm>,
) -> Result<Response, AppError> {
    let a = state.app.read().application(id).await?;
    if !access(&state, &user, &a).await?.2 {
        return Err(AppError::Forbidden);
    }
    let version = f.versie.trim().parse::<i64>().unwrap_or(a.version);
    let cmd = Command::Withdraw { reason: f.reden.clone() };
    let lang = page.lang;
    let (status, message) = match state.app.act(id, version, &cmd, &user.actor(), crate::auth::now()).await {
        Ok(_) => return Ok(Redirect::to(&format!("/aanmeldingen/{id}")).into_response()),
        Err(e) if e.is_conflict() => (StatusCode::CONFLICT, lang.t("receipt-withdraw-conflict")),
        Err(koers_app::Error::Transition(_)) if f.reden.trim().is_empty() => {
            (StatusCode::UNPROCESSABLE_ENTITY, lang.t("receipt-withdraw-error-reason"))
        }
        Err(koers_app::Error::Transition(_)) => (StatusCode::CONFLICT, lang.t("receipt-withdraw-conflict")),
        Err(e) => return Err(e.into()),
    };
    let current = state.app.read().application(id).await?;
    let mut v = receipt_page(&state, &user, page, &current).await?;
    v.withdraw_reason = f.reden;
    v.withdraw_error = Some(message);
    let mut res = render(&v)?;
    *res.status_mut() = status;
    Ok(res)
}
