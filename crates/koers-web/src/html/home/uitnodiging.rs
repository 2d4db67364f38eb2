//! `POST /expertpool/uitnodigingen/{id}/bevestigen` and `…/weigeren`: the invited expert
//! account confirms or declines the link to expert `{id}` of the pool (issue 11 item 7). The
//! invitations are listed on `/home` ([`super::rol`]).
//!
//! Who: any logged-in account; the use case answers 404 unless this account is an active one
//! with the expert role and the live invitation of that expert is addressed to its e-mail
//! address (one answer for every other case, so nothing is learned by trying ids).

use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::Id;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use koers_core::ids::{ExpertId, UserId};

use crate::state::AppState;

pub async fn accept(
    State(state): State<AppState>,
    Id(id): Id<ExpertId>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    state.app.accept_expert_invitation(id, UserId::new(user.0.id), &user.actor(), now()).await?;
    Ok(Redirect::to("/home?koppeling=bevestigd").into_response())
}

pub async fn decline(
    State(state): State<AppState>,
    Id(id): Id<ExpertId>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    state.app.decline_expert_invitation(id, UserId::new(user.0.id), &user.actor(), now()).await?;
    Ok(Redirect::to("/home?koppeling=geweigerd").into_response())
}
