//! `GET /`: "Kom ik in aanmerking?" — the school search and the way to the hand-entry form.

pub mod koers;
pub mod rol;
pub mod uitnodiging;
pub mod verdict;

use super::page::Page;
use super::render;
use super::scholen::SearchResults;
use crate::AppError;
use askama::Template;
use axum::response::Response;

#[derive(Debug, Template)]
#[template(path = "index.html")]
pub struct HomePage {
    pub page: Page,
    pub results: SearchResults,
}

pub async fn show(page: Page) -> Result<Response, AppError> {
    render(&HomePage { page: page.in_section("home"), results: SearchResults::empty() })
}
