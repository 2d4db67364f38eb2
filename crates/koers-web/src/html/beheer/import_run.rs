//! `GET /beheer/import/{id}?pagina=N`: every rejected row of a stored import, page by page
//! (issue 11 item 2). Each page is read from the store ([`koers_app::store::StoreRead::import_rejections`]),
//! so no request holds more than one page of them. Reached from the upload page's report.
//!
//! Who: those who may see imports (`Resource::Import`: beheerders).

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::programma::paging::{PER_PAGE, Pager, page_param};
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use koers_app::store::{ImportRun, RowError};
use koers_core::access::{Action, Resource};
use koers_core::ids::ImportRunId;
use serde::Deserialize;

#[derive(Debug, Template)]
#[template(path = "beheer/import_run.html")]
pub struct ImportRunPage {
    pub page: Page,
    pub run: ImportRun,
    pub when: String,
    pub rows: Vec<RowError>,
    pub pager: Pager,
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    pagina: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id<ImportRunId>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    user.ensure(Action::View, Resource::Import)?;
    let run = state.app.read().import_run(id).await?;
    let total = usize::try_from(run.rejected_total).unwrap_or(0);
    let pager = Pager::of_total(&format!("/beheer/import/{id}"), &[], total, page_param(q.pagina.as_deref()));
    let rows = state.app.read().import_rejections(id, pager.offset(), PER_PAGE as i64).await?;
    let when = crate::html::programma::aanmeldingen::date(run.at);
    render(&ImportRunPage { page: page.in_section("beheer"), run, when, rows, pager })
}
