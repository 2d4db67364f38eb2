//! `POST /api/v1/eligibility`: the check with numbers in the body.

use super::dto::{CheckRequest, CheckResponse};
use super::json::ApiJson;
use crate::auth::{MaybePrincipal, ensure};
use crate::check_input::{
    FieldErrors, TypedYear, map_app_errors, to_check_input, validate_schoolweging, validate_years,
};
use crate::error::{AppError, ErrorEnvelope, ErrorItem};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use koers_core::access::{Action, Resource};

fn invalid(errors: FieldErrors) -> AppError {
    AppError::Invalid(errors.into_iter().map(|(f, d)| ErrorItem { field: Some(f.api_name()), detail: d }).collect())
}

/// Check eligibility for GWGB+ from numbers entered by hand.
#[utoipa::path(
    post,
    path = "/api/v1/eligibility",
    tag = "geschiktheid",
    request_body = CheckRequest,
    responses(
        (status = 200, description = "Beoordeling, geschiktheid, redenen en wat het zou veranderen", body = CheckResponse),
        (status = 400, description = "Geen geldige JSON", body = ErrorEnvelope),
        (status = 422, description = "Ongeldige waarden, per veld (alleen bij waarden buiten het schema)", body = ErrorEnvelope)
    )
)]
pub async fn check(
    State(state): State<AppState>,
    who: MaybePrincipal,
    ApiJson(req): ApiJson<CheckRequest>,
) -> Result<Json<CheckResponse>, AppError> {
    ensure(&who, Action::View, Resource::PublicData)?;
    let years: Vec<(usize, TypedYear)> = req
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            (i, TypedYear { test_year: y.test_year, pupils: y.pupils, pct_1f: y.pct_1f, pct_1s2f: y.pct_1s2f })
        })
        .collect();
    let mut errors = validate_years(&years);
    // Only the years a norm table covers: what the OpenAPI document states (`api::document`).
    let norm_years = koers_app::check::norm_years(state.app.norms());
    for (i, y) in &years {
        if koers_core::TestYear::new(y.test_year).is_ok() && !norm_years.contains(&y.test_year) {
            let listed = norm_years.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
            errors.push((
                crate::check_input::Field::TestYear(*i),
                format!("voor toetsjaar {} is er geen normtabel; kies een van {listed}", y.test_year),
            ));
        }
    }
    errors.extend(validate_schoolweging(req.schoolweging));
    if req.next_pupils == Some(0) {
        errors.push((crate::check_input::Field::NextPupils, "het aantal leerlingen moet groter dan 0 zijn".into()));
    } else if req.next_pupils.is_some_and(|n| n > crate::check_input::MAX_PUPILS) {
        errors.push((crate::check_input::Field::NextPupils, "het aantal leerlingen kan hoogstens 100.000 zijn".into()));
    }
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let input = to_check_input(&years, req.schoolweging, req.next_pupils);
    let outcome = koers_app::check::check(&input, state.app.norms(), &state.band_rule().await?)
        .map_err(|e| invalid(map_app_errors(e, &years)))?;
    Ok(Json(CheckResponse::from(&outcome)))
}
