//! `GET /bestuur/{nr}`: a board's schools with their verdict and traffic light (the board's
//! own members, programme staff and beheerders).

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::home::verdict::{SchoolRow, rows_for};
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::{Router, routing::get};
use koers_core::access::{Action, Resource};

// ---- in-app board decision (roles workflow) ----
pub mod besluit;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/bestuur/{nr}", get(show))
        .route("/bestuur/{nr}/aanmeldingen/{id}/besluit", axum::routing::post(besluit::decide))
}

#[derive(Debug, Template)]
#[template(path = "bestuur/show.html")]
pub struct BoardPage {
    pub page: Page,
    pub number: i64,
    pub name: String,
    pub rows: Vec<SchoolRow>,
    /// May this user apply on the board's behalf (its bestuurder, a beheerder)?
    pub can_apply: bool,
}

pub async fn show(
    State(state): State<AppState>,
    Id(number): Id,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    user.ensure(Action::View, Resource::Board(number))?;
    let board = state.app.read().board(number).await?;
    let schools = state.app.read().schools_of_board(number).await?;
    let rows = rows_for(&state, page.lang, &schools).await?;
    let can_apply = koers_core::access::may(Some(user.principal()), Action::Change, Resource::Board(number));
    render(&BoardPage { page: page.in_section("mijn-home"), number, name: board.name, rows, can_apply })
}
