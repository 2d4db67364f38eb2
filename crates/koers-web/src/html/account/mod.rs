//! `/account/tokens`: the user's own API tokens — create (the token is shown once, only its
//! SHA-256 is stored), list, revoke.

use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get, routing::post};
use koers_app::store::TokenScope;
use koers_core::access::{Action, Resource};
use koers_core::calendar::datetime_nl as datetime;
use koers_core::ids::{ApiTokenId, UserId};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/account/tokens", get(list).post(create)).route("/account/tokens/{id}/intrekken", post(revoke))
}

#[derive(Debug, Clone)]
pub struct TokenRow {
    pub id: ApiTokenId,
    pub name: String,
    pub created: String,
    pub last_used: String,
    pub revoked: bool,
    /// "Alleen lezen" / "Lezen en schrijven".
    pub scope: String,
}

#[derive(Debug, Template)]
#[template(path = "account/tokens.html")]
pub struct TokensPage {
    pub page: Page,
    pub tokens: Vec<TokenRow>,
    /// The new token, shown once right after it was made.
    pub new_token: Option<String>,
    pub name: String,
    pub name_error: Option<String>,
    /// The scope chosen in the form (read-only unless asked otherwise).
    pub read_write: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct NewToken {
    #[serde(default)]
    naam: String,
    /// `lezen` (default) or `lezen-schrijven`.
    #[serde(default)]
    rechten: String,
}

/// The scope from the form's value; unknown values are refused, none means read-only.
fn scope_of(rechten: &str) -> Option<TokenScope> {
    match rechten {
        "" | "lezen" => Some(TokenScope::Read),
        "lezen-schrijven" => Some(TokenScope::ReadWrite),
        _ => None,
    }
}

async fn view(state: &AppState, user: &CurrentUser, page: Page) -> Result<TokensPage, AppError> {
    let lang = page.lang;
    let mut tokens = state.app.read().api_tokens_of_user(UserId::new(user.0.id)).await?;
    tokens.sort_by_key(|t| (t.revoked, -t.created_at));
    Ok(TokensPage {
        tokens: tokens
            .iter()
            .map(|t| TokenRow {
                id: t.id,
                name: t.name.clone(),
                created: datetime(t.created_at),
                last_used: t.last_used_at.map_or_else(|| lang.t("tokens-never-used"), datetime),
                revoked: t.revoked,
                scope: lang.t(match t.scope() {
                    TokenScope::Read => "tokens-scope-read",
                    TokenScope::ReadWrite => "tokens-scope-read-write",
                }),
            })
            .collect(),
        new_token: None,
        name: String::new(),
        name_error: None,
        read_write: false,
        page: page.in_section("account"),
    })
}

pub async fn list(State(state): State<AppState>, user: CurrentUser, page: Page) -> Result<Response, AppError> {
    user.ensure(Action::View, Resource::OwnTokens)?;
    render(&view(&state, &user, page).await?)
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Form(f): Form<NewToken>,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::OwnTokens)?;
    let name = f.naam.trim().to_owned();
    let scope = scope_of(f.rechten.trim());
    if name.is_empty() || name.chars().count() > 100 || scope.is_none() {
        let mut v = view(&state, &user, page).await?;
        v.name_error = Some(v.page.t(if scope.is_none() { "tokens-error-scope" } else { "tokens-error-name" }));
        v.name = name;
        v.read_write = scope == Some(TokenScope::ReadWrite);
        let mut res = render(&v)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let scope = scope.unwrap_or(TokenScope::Read);
    let (_, token) = state.app.issue_api_token(UserId::new(user.0.id), &name, scope, &user.actor(), now()).await?;
    let mut v = view(&state, &user, page).await?;
    v.new_token = Some(token);
    let mut res = render(&v)?;
    // The token is in this page only: never cache it.
    res.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    Ok(res)
}

pub async fn revoke(
    State(state): State<AppState>,
    Id(id): Id<ApiTokenId>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::OwnTokens)?;
    // Only the user's own tokens: another user's token id is "not found".
    state.app.revoke_api_token(UserId::new(user.0.id), id, &user.actor(), now()).await?;
    Ok(Redirect::to("/account/tokens").into_response())
}
