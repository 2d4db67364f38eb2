//! `GET /aanmeldingen/{id}`: the receipt of an application, for whoever may view the school
//! or board (and beheerders).

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use koers_app::applications::state_of;
use koers_app::store::StoreError;
use koers_core::access::{Action, Resource, SchoolRef};
use koers_core::workflow::Status;

fn school_resource(id: i64, board_number: Option<i64>) -> Resource {
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
    pub trajectory_id: Option<i64>,
}

pub async fn receipt(
    State(state): State<AppState>,
    Id(id): Id,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    let a = state.app.read().application(id).await?;
    let (school_name, allowed) = match a.school_id {
        Some(sid) => match state.app.read().school(sid).await {
            Ok(s) => {
                let r = school_resource(s.id, s.board_number);
                (s.name, user.ensure(Action::View, r).is_ok())
            }
            Err(StoreError::NotFound) => (String::new(), false),
            Err(e) => return Err(e.into()),
        },
        None => match a.board_number {
            Some(nr) => match state.app.read().board(nr).await {
                Ok(b) => (b.name, user.ensure(Action::View, Resource::Board(nr)).is_ok()),
                Err(StoreError::NotFound) => (String::new(), false),
                Err(e) => return Err(e.into()),
            },
            None => (String::new(), false),
        },
    };
    if !(allowed || user.principal().is_beheerder()) {
        return Err(AppError::Forbidden);
    }
    let status = state_of(&a)?.status;
    let programme_name = state.programmes().await?.name(&a.programme_id);
    render(&ReceiptPage {
        reference: a.reference.to_string(),
        programme_name,
        school_id: a.school_id,
        school_name,
        status_label: status.label_nl().to_owned(),
        mail_sent: page.t_args("receipt-mail-sent", &[("email", a.contact_email.clone())]),
        board_asked: status == Status::WachtOpBestuur,
        help_question: a.help_question.clone(),
        reason: crate::html::workflow_rows::status_and_reason(&a)?.1,
        trajectory_id: crate::html::workflow_rows::trajectory_of(&state, &a).await?,
        page: page.in_section("mijn-home"),
    })
}
