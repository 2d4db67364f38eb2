//! `GET /check` (the form; with query parameters it is a submission too) and `POST /check`:
//! the eligibility of numbers entered by hand. Invalid input: the form again with the entered
//! values, each error next to its field (in Dutch), status 422.

use super::check_form::{self, CheckFormView, ROWS, Raw};
use super::eligibility::EligibilityView;
use super::page::Page;
use super::render;
use crate::AppError;
use crate::check_input::{FieldErrors, map_app_errors};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use koers_core::TestYear;
use koers_core::programme::BandRule;

#[derive(Debug, Template)]
#[template(path = "check/form.html")]
pub struct CheckFormPage {
    pub page: Page,
    pub form: CheckFormView,
}

#[derive(Debug, Template)]
#[template(path = "check/result.html")]
pub struct CheckResultPage {
    pub page: Page,
    pub form: CheckFormView,
    pub result: EligibilityView,
}

/// The three test years the form starts with: the window of the latest norm period.
fn default_years(state: &AppState) -> [u16; ROWS] {
    let latest = state.app.norms().sets().iter().map(|s| s.period.last_test_year).max().unwrap_or(2025);
    TestYear::new(latest).ok().and_then(TestYear::window).map_or([2023, 2024, 2025], |w| w.map(u16::from))
}

pub async fn form(State(state): State<AppState>, page: Page, Query(raw): Query<Raw>) -> Result<Response, AppError> {
    if check_form::is_submission(&raw) {
        let rule = state.band_rule().await?;
        return evaluate(&state, &rule, page, raw);
    }
    let form = check_form::view(page.lang, &raw, &Vec::new(), default_years(&state));
    render(&CheckFormPage { page: page.in_section("check"), form })
}

pub async fn submit(State(state): State<AppState>, page: Page, Form(raw): Form<Raw>) -> Result<Response, AppError> {
    let rule = state.band_rule().await?;
    evaluate(&state, &rule, page, raw)
}

fn evaluate(state: &AppState, rule: &BandRule, page: Page, raw: Raw) -> Result<Response, AppError> {
    let page = page.in_section("check");
    let outcome = check_form::parse(&raw).and_then(|(input, years)| {
        koers_app::check::check(&input, state.app.norms(), rule).map_err(|e| map_app_errors(e, &years))
    });
    match outcome {
        Ok(o) => {
            let form = check_form::view(page.lang, &raw, &Vec::new(), default_years(state));
            let result = EligibilityView::new(&o, page.lang);
            render(&CheckResultPage { page, form, result })
        }
        Err(errors) => invalid(state, page, &raw, &errors),
    }
}

fn invalid(state: &AppState, page: Page, raw: &Raw, errors: &FieldErrors) -> Result<Response, AppError> {
    let mut errors = errors.clone();
    errors.sort_by_key(|(f, _)| f.rank());
    let errors = &errors;
    let form = check_form::view(page.lang, raw, errors, default_years(state));
    let res = render(&CheckFormPage { page, form })?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, res).into_response())
}
