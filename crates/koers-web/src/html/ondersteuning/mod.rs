//! "Welke ondersteuning past bij ons?" (issue 10 §3), public:
//!
//! - `GET /welke-ondersteuning` — school or board: the school search (by name, BRIN or place) and
//!   the board number; `?bestuur=` goes on to the board's questions (a bad number: the page again,
//!   422, the field named).
//! - `GET /welke-ondersteuning/school/{id}` — by sector: PO the register's results check, sbo/so/vso
//!   the three qualitative questions, VO the verdict/risk questions with the exam trend shown;
//!   with the answers in the query every programme for the school with its verdict, reasons, the
//!   aanmelden link, and the pointer to regular GWGB for a referred school.
//! - `GET /welke-ondersteuning/bestuur/{nr}` — the history/éénpitter questions, the same ending.
//!
//! The rule is [`koers_app::support`] (the aanmeld form's own entry rules); the answers are read
//! by the aanmeld form's parsers ([`crate::html::aanmelden::facts`]), so both ask the same.

mod view;

pub use view::{ReferralView, texts as view_texts};

use super::page::Page;
use super::render;
use super::scholen::{SchoolRow, SearchResults, sector_label};
use crate::AppError;
use crate::auth::MaybePrincipal;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use koers_app::support::Subject;
use koers_core::ids::BoardNumber;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/welke-ondersteuning", get(start))
        .route("/welke-ondersteuning/school/{id}", get(view::school))
        .route("/welke-ondersteuning/bestuur/{nr}", get(view::board))
}

#[derive(Debug, Default, Deserialize)]
pub struct StartQuery {
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    bestuur: Option<String>,
}

#[derive(Debug, Template)]
#[template(path = "ondersteuning/start.html")]
pub struct StartPage {
    pub page: Page,
    pub results: SearchResults,
    pub board_value: String,
    pub board_error: Option<String>,
}

/// A board number as typed: digits only, 1..=99999999.
pub fn board_number(text: &str) -> Option<i64> {
    let t = text.trim();
    (!t.is_empty() && t.len() <= 8 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse::<i64>().ok())
        .flatten()
        .filter(|n| *n > 0)
}

pub async fn start(
    State(state): State<AppState>,
    page: Page,
    Query(q): Query<StartQuery>,
) -> Result<Response, AppError> {
    let page = page.in_section("ondersteuning");
    let lang = page.lang;
    if let Some(raw) = q.bestuur.as_deref() {
        let error = match board_number(raw) {
            Some(nr) => match state.app.read().board(BoardNumber::new(nr)).await {
                Ok(_) => return Ok(Redirect::to(&format!("/welke-ondersteuning/bestuur/{nr}")).into_response()),
                Err(koers_app::store::StoreError::NotFound) => {
                    lang.t_args("support-board-unknown", &[("nr", nr.to_string())])
                }
                Err(e) => return Err(e.into()),
            },
            None => lang.t("support-board-invalid"),
        };
        let p = StartPage {
            page,
            results: SearchResults::empty(),
            board_value: raw.trim().to_owned(),
            board_error: Some(error),
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&p)?).into_response());
    }
    let mut results = SearchResults::empty();
    if let Some(q) = q.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        results.q = q.to_owned();
        if q.chars().count() < super::scholen::MIN_QUERY_CHARS {
            results.message = Some(lang.t("search-too-short"));
        } else {
            let schools =
                state.search.search(state.app.read(), q, super::scholen::SEARCH_LIMIT, crate::auth::now()).await?;
            if schools.is_empty() {
                results.message = Some(lang.t_args("search-none", &[("q", q.to_owned())]));
            } else {
                results.count_text = lang.t_args("search-count", &[("count", schools.len().to_string())]);
                results.rows = schools
                    .iter()
                    .map(|s| SchoolRow {
                        href: format!("/welke-ondersteuning/school/{}", s.id),
                        name: s.name.clone(),
                        meta: format!(
                            "BRIN {} · {} · {}",
                            s.brin,
                            s.place.clone().unwrap_or_default(),
                            sector_label(lang, s.sector)
                        ),
                    })
                    .collect();
            }
        }
    }
    render(&StartPage { page, results, board_value: String::new(), board_error: None })
}

/// The subject of a path id (a 404 for anything but a positive number).
pub(super) fn subject_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>().ok().filter(|n| *n > 0).ok_or(AppError::NotFound)
}

pub(super) async fn advice(
    state: &AppState,
    who: &MaybePrincipal,
    subject: Subject,
    answers: &koers_app::support::Answers,
) -> Result<koers_app::support::Advice, AppError> {
    Ok(state.app.advise(who.get(), subject, answers, crate::auth::now()).await?)
}

#[cfg(test)]
mod tests {
    use super::board_number;

    #[test]
    fn a_board_number_is_digits_only() {
        assert_eq!(board_number(" 41234 "), Some(41234));
        for bad in ["", "0", "-1", "12a", "1 2", "123456789", "1,5"] {
            assert_eq!(board_number(bad), None, "{bad}");
        }
    }
}
