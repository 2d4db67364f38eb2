//! `POST /beheer/experts/{id}/uitnodigen`: staff invite an e-mail address to link its account
//! to the expert (issue 11 item 7, [`koers_app::expert_invites`]).
//!
//! Who: beheerders and programme staff (`Resource::Experts`). The answer is the same for every
//! valid address — whether it has an account, or the expert role, is never shown — and only
//! the invited expert account can confirm the link, on its home page.

use super::experts::{ExpertForm, page_of, with_status};
use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::Id;
use crate::html::page::Page;
use crate::state::AppState;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::expert_invites::FIELD;
use koers_core::access::{Action, Resource};
use koers_core::ids::ExpertId;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    pub uitnodiging_email: String,
}

pub async fn invite(
    State(state): State<AppState>,
    Id(id): Id<ExpertId>,
    user: CurrentUser,
    page: Page,
    Form(f): Form<InviteForm>,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::Experts)?;
    let e = state.app.read().expert(id).await?;
    match state.app.invite_expert(id, &f.uitnodiging_email, &state.config.base_url, &user.actor(), now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/beheer/experts/{id}?uitgenodigd=1")).into_response()),
        Err(koers_app::Error::Invalid(_)) => {
            // The two refusals of the use case: an invalid address, or an expert that has an
            // account already (both about the form, neither about somebody's account).
            let key = if e.user_id.is_some() { "experts-invite-error-linked" } else { "experts-invite-error" };
            let errors = vec![(FIELD, page.t(key))];
            let mut v = page_of(&state, page, &e, ExpertForm::of(&e), errors).await?;
            v.invite_email = f.uitnodiging_email;
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
        Err(err) => Err(err.into()),
    }
}
