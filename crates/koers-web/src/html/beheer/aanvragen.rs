//! `/beheer/accountaanvragen`: first sign-ins through an OpenID provider that matched no account.
//! The beheerder approves one (the account is made without a password and linked to the
//! provider sign-in; roles are then given on the user's page, where approval leads) or declines
//! it. Reached from the beheerder's home page.

use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::store::{SignInRequest, SignInRequestId, SignInRequestStatus};
use koers_core::access::{Action, Resource};
use koers_core::calendar::datetime_nl as datetime;

#[derive(Debug, Clone)]
pub struct RequestRow {
    pub id: SignInRequestId,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub provider: String,
    pub created: String,
    pub status: String,
    pub open: bool,
    pub user_id: Option<String>,
}

#[derive(Debug, Template)]
#[template(path = "beheer/aanvragen.html")]
pub struct RequestsPage {
    pub page: Page,
    pub open: Vec<RequestRow>,
    pub decided: Vec<RequestRow>,
    pub error: Option<String>,
}

fn row(state: &AppState, page: &Page, r: SignInRequest) -> RequestRow {
    let provider = state.oidc.config(&r.provider).map_or_else(|| r.provider.clone(), |c| c.name.clone());
    let status = match r.status {
        SignInRequestStatus::Open => page.t("requests-status-open"),
        SignInRequestStatus::Approved => page.t("requests-status-approved"),
        SignInRequestStatus::Declined => page.t("requests-status-declined"),
    };
    RequestRow {
        id: r.id,
        name: r.name,
        email: r.email,
        organisation: r.organisation,
        provider,
        created: datetime(r.created_at),
        status,
        open: r.status == SignInRequestStatus::Open,
        user_id: r.user_id.map(|u| u.to_string()),
    }
}

async fn view(state: &AppState, page: Page, error: Option<String>) -> Result<RequestsPage, AppError> {
    let all = state.app.read().sign_in_requests(false).await?;
    let (open, decided): (Vec<_>, Vec<_>) = all.into_iter().map(|r| row(state, &page, r)).partition(|r| r.open);
    Ok(RequestsPage { page: page.in_section("beheer"), open, decided: decided.into_iter().take(50).collect(), error })
}

pub async fn list(State(state): State<AppState>, user: CurrentUser, page: Page) -> Result<Response, AppError> {
    user.ensure(Action::View, Resource::Users)?;
    render(&view(&state, page, None).await?)
}

/// Approve: the account exists and is linked; continue on its page to give it roles.
pub async fn approve(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::Users)?;
    match state.app.approve_sign_in_request(SignInRequestId::from(id), &user.actor(), now()).await {
        Ok(made) => Ok(Redirect::to(&format!("/beheer/gebruikers/{}", made.id)).into_response()),
        Err(e @ (koers_app::Error::Invalid(_) | koers_app::Error::Conflict { .. })) => {
            let msg = match e {
                koers_app::Error::Invalid(_) => page.t("requests-error-duplicate"),
                _ => page.t("requests-error-decided"),
            };
            let mut res = render(&view(&state, page, Some(msg)).await?)?;
            *res.status_mut() = axum::http::StatusCode::CONFLICT;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn decline(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::Users)?;
    match state.app.decline_sign_in_request(SignInRequestId::from(id), &user.actor(), now()).await {
        Ok(_) => Ok(Redirect::to("/beheer/accountaanvragen").into_response()),
        Err(koers_app::Error::Conflict { .. }) => {
            let msg = page.t("requests-error-decided");
            let mut res = render(&view(&state, page, Some(msg)).await?)?;
            *res.status_mut() = axum::http::StatusCode::CONFLICT;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}
