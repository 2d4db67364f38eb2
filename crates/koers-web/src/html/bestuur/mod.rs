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
use koers_core::ids::BoardNumber;

// ---- in-app board decision (roles workflow) ----
pub mod besluit;
// ---- one request for several schools (issue 10 §4) ----
pub mod aanvraag;
pub mod meerdere;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/bestuur/{nr}", get(show))
        .route("/bestuur/{nr}/aanmeldingen/{id}/besluit", axum::routing::post(besluit::decide))
        .route("/bestuur/{nr}/meerdere-scholen", get(meerdere::form).post(meerdere::send))
        .route("/bestuursaanvragen/{id}", get(aanvraag::show))
        .route("/bestuursaanvragen/{id}/scholen/{line}", axum::routing::post(aanvraag::decide))
}

#[derive(Debug, Template)]
#[template(path = "bestuur/show.html")]
pub struct BoardPage {
    pub page: Page,
    pub number: BoardNumber,
    pub name: String,
    pub rows: Vec<SchoolRow>,
    /// May this user apply on the board's behalf (its bestuurder, a beheerder)?
    pub can_apply: bool,
    /// The programmes the board may apply for several schools at once: (href, name).
    pub multi: Vec<(String, String)>,
}

pub async fn show(
    State(state): State<AppState>,
    Id(number): Id<BoardNumber>,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    user.ensure(Action::View, Resource::Board(number))?;
    let board = state.app.read().board(number).await?;
    let schools = state.app.read().schools_of_board(number).await?;
    let rows = rows_for(&state, page.lang, &schools).await?;
    let can_apply = koers_core::access::may(Some(user.principal()), Action::Change, Resource::Board(number));
    let multi = if can_apply { multi_links(&state, number).await? } else { Vec::new() };
    render(&BoardPage { page: page.in_section("mijn-home"), number, name: board.name, rows, can_apply, multi })
}

/// Links to the multi-school form of every programme that allows it: (href, programme name).
pub async fn multi_links(state: &AppState, number: BoardNumber) -> Result<Vec<(String, String)>, AppError> {
    Ok(state
        .app
        .multi_school_programmes()
        .await?
        .into_iter()
        .map(|p| (format!("/bestuur/{number}/meerdere-scholen?programma={}", p.id), p.name))
        .collect())
}
