//! `GET /check` (the form; with query parameters it is a submission too) and `POST /check`:
//! the eligibility of numbers entered by hand. Invalid input: the form again with the entered
//! values, each error next to its field (in Dutch), status 422.

use super::aanmelden::own::is_check_field;
use super::check_form::{self, CheckFormView, ROWS, Raw};
use super::eligibility::EligibilityView;
use super::ondersteuning::ReferralView;
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
use koers_core::Verdict;
use koers_core::ids::SchoolId;
use koers_core::programme::{BandRule, ProgrammeRules};

#[derive(Debug, Template)]
#[template(path = "check/form.html")]
pub struct CheckFormPage {
    pub page: Page,
    pub form: CheckFormView,
    /// The school the calculation is for, by name.
    pub school_name: Option<String>,
}

/// The name of the PO school a calculation is for (`?school=`); `None` for another sector or an
/// unknown id (the check then works as without).
async fn school_name(state: &AppState, raw: &Raw) -> Result<Option<String>, AppError> {
    let Some(id) = check_form::school_of(raw) else { return Ok(None) };
    match state.app.read().school(SchoolId::new(id)).await {
        Ok(s) if s.sector == koers_app::store::Sector::Po => Ok(Some(s.name)),
        Ok(_) | Err(koers_app::store::StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Template)]
#[template(path = "check/result.html")]
pub struct CheckResultPage {
    pub page: Page,
    pub form: CheckFormView,
    pub result: EligibilityView,
    /// The band programme's pointer to regular GWGB, for a referred school.
    pub referral: Option<ReferralView>,
    /// For a school (`?school=`): apply with this calculation — (href, programme name).
    pub apply: Option<(String, String)>,
}

/// The three test years the form starts with: the window of the latest norm period.
fn default_years(state: &AppState) -> [u16; ROWS] {
    let latest = state.app.norms().sets().iter().map(|s| s.period.last_test_year).max().unwrap_or(2025);
    TestYear::new(latest).ok().and_then(TestYear::window).map_or([2023, 2024, 2025], |w| w.map(u16::from))
}

pub async fn form(State(state): State<AppState>, page: Page, Query(raw): Query<Raw>) -> Result<Response, AppError> {
    if check_form::is_submission(&raw) {
        let programmes = state.app.programmes_in_force().await?;
        let (p, rule) = programmes.band()?;
        let name = school_name(&state, &raw).await?;
        return evaluate(&state, (p, rule), name, page, raw);
    }
    let form = check_form::view(page.lang, &raw, &Vec::new(), default_years(&state));
    let school_name = school_name(&state, &raw).await?;
    render(&CheckFormPage { page: page.in_section("check"), form, school_name })
}

pub async fn submit(State(state): State<AppState>, page: Page, Form(raw): Form<Raw>) -> Result<Response, AppError> {
    let programmes = state.app.programmes_in_force().await?;
    let band = programmes.band()?;
    let name = school_name(&state, &raw).await?;
    evaluate(&state, band, name, page, raw)
}

fn evaluate(
    state: &AppState,
    (programme, rule): (&ProgrammeRules, &BandRule),
    school_name: Option<String>,
    page: Page,
    raw: Raw,
) -> Result<Response, AppError> {
    let page = page.in_section("check");
    let outcome = check_form::parse(&raw).and_then(|(input, years)| {
        koers_app::check::check(&input, state.app.norms(), rule).map_err(|e| map_app_errors(e, &years))
    });
    match outcome {
        Ok(o) => {
            let form = check_form::view(page.lang, &raw, &Vec::new(), default_years(state));
            let result = EligibilityView::new(&o, page.lang);
            let referred = o.eligibility.verdict == Verdict::ReferToRegularGwgb;
            let referral = programme.referral.as_ref().filter(|_| referred).map(ReferralView::new);
            let apply = match (form.school, school_name.is_some(), referred) {
                (Some(id), true, false) => {
                    let mut pairs =
                        vec![("school".to_owned(), id.to_string()), ("programma".to_owned(), programme.id.clone())];
                    let mut carried: Vec<(String, String)> =
                        raw.iter().filter(|(k, _)| is_check_field(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
                    carried.sort();
                    pairs.extend(carried);
                    let q = serde_urlencoded::to_string(&pairs).unwrap_or_default();
                    Some((format!("/aanmelden?{q}"), programme.name.clone()))
                }
                _ => None,
            };
            render(&CheckResultPage { page, form, result, referral, apply })
        }
        Err(errors) => invalid(state, page, &raw, &errors, school_name),
    }
}

fn invalid(
    state: &AppState,
    page: Page,
    raw: &Raw,
    errors: &FieldErrors,
    school_name: Option<String>,
) -> Result<Response, AppError> {
    let mut errors = errors.clone();
    errors.sort_by_key(|(f, _)| f.rank());
    let errors = &errors;
    let form = check_form::view(page.lang, raw, errors, default_years(state));
    let res = render(&CheckFormPage { page, form, school_name })?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, res).into_response())
}
