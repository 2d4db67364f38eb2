//! `/api/v1/schools…`: search, one school, its results and its eligibility.

use super::dto::{
    BoardDto, CheckResponse, PublishedDto, ResultYearDto, ResultsDto, SchoolDetail, SchoolDto, SchoolList,
};
use crate::auth::{MaybePrincipal, ensure};
use crate::error::{AppError, ErrorEnvelope, ErrorItem};
use crate::html::Id;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use koers_app::schools::{eligibility_from_rows, school_page};
use koers_core::access::{Action, Resource};
use koers_core::ids::SchoolId;
use std::collections::HashMap;

pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 100;
/// The longest search term (characters).
pub const MAX_QUERY_CHARS: usize = 200;

/// Search schools by name, BRIN, ovt or place.
#[utoipa::path(
    get,
    path = "/api/v1/schools",
    tag = "scholen",
    params(
        ("q" = String, Query, min_length = 2, max_length = 200, description = "Zoekterm (naam, BRIN, ovt of plaats), minstens 2 tekens"),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 100, description = "Hoeveel resultaten (1–100, standaard 20)")
    ),
    responses(
        (status = 200, description = "Gevonden scholen, beste eerst", body = SchoolList),
        (status = 422, description = "Ongeldige zoekterm of limit", body = ErrorEnvelope)
    )
)]
pub async fn search(
    State(state): State<AppState>,
    who: MaybePrincipal,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<SchoolList>, AppError> {
    ensure(&who, Action::View, Resource::PublicData)?;
    let mut errors = Vec::new();
    // The length the spec states is the length sent; a term of only spaces finds nothing.
    let raw = params.get("q").map(String::as_str).unwrap_or_default();
    let len = raw.chars().count();
    if !(crate::html::scholen::MIN_QUERY_CHARS..=MAX_QUERY_CHARS).contains(&len) {
        errors.push(ErrorItem::new(Some("q"), "geef een zoekterm van 2 tot en met 200 tekens"));
    }
    let q = raw.trim();
    let limit = match params.get("limit").map(|s| s.trim().parse::<i64>()) {
        None => DEFAULT_LIMIT,
        Some(Ok(n)) if (1..=MAX_LIMIT).contains(&n) => n,
        Some(_) => {
            errors.push(ErrorItem::new(Some("limit"), "limit moet een geheel getal van 1 tot en met 100 zijn"));
            DEFAULT_LIMIT
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    if q.chars().count() < crate::html::scholen::MIN_QUERY_CHARS {
        return Ok(Json(SchoolList { schools: Vec::new() }));
    }
    let schools = state.search.search(state.app.read(), q, limit, crate::auth::now()).await?;
    Ok(Json(SchoolList { schools: schools.iter().map(SchoolDto::from).collect() }))
}

/// One school from the register, with its board.
#[utoipa::path(
    get,
    path = "/api/v1/schools/{id}",
    tag = "scholen",
    params(("id" = i64, Path, description = "Id van de school")),
    responses(
        (status = 200, description = "De school", body = SchoolDetail),
        (status = 404, description = "Onbekende school", body = ErrorEnvelope)
    )
)]
pub async fn show(
    State(state): State<AppState>,
    who: MaybePrincipal,
    Id(id): Id<SchoolId>,
) -> Result<Json<SchoolDetail>, AppError> {
    ensure(&who, Action::View, Resource::PublicData)?;
    let p = school_page(state.app.read(), id).await?;
    Ok(Json(SchoolDetail { school: SchoolDto::from(&p.school), board: p.board.as_ref().map(BoardDto::from) }))
}

/// The results of a school per test year, and the published three-year values.
#[utoipa::path(
    get,
    path = "/api/v1/schools/{id}/results",
    tag = "scholen",
    params(("id" = i64, Path, description = "Id van de school")),
    responses(
        (status = 200, description = "Resultaten per toetsjaar", body = ResultsDto),
        (status = 404, description = "Onbekende school", body = ErrorEnvelope)
    )
)]
pub async fn results(
    State(state): State<AppState>,
    who: MaybePrincipal,
    Id(id): Id<SchoolId>,
) -> Result<Json<ResultsDto>, AppError> {
    ensure(&who, Action::View, Resource::PublicData)?;
    let p = school_page(state.app.read(), id).await?;
    Ok(Json(ResultsDto {
        school_id: id.get(),
        results: p.results.iter().map(ResultYearDto::from).collect(),
        published: p.published.as_ref().map(PublishedDto::from),
    }))
}

/// The GWGB+ eligibility of a school, computed from its stored results.
#[utoipa::path(
    get,
    path = "/api/v1/schools/{id}/eligibility",
    tag = "scholen",
    params(("id" = i64, Path, description = "Id van de school")),
    responses(
        (status = 200, description = "Beoordeling en geschiktheid", body = CheckResponse),
        (status = 404, description = "Onbekende school", body = ErrorEnvelope),
        (status = 409, description = "Geen resultatenmodel voor deze sector (sbo/so/vso/vo): de school bestaat, maar het onderwijsresultatenmodel geldt er niet", body = ErrorEnvelope)
    )
)]
pub async fn eligibility(
    State(state): State<AppState>,
    who: MaybePrincipal,
    Id(id): Id<SchoolId>,
) -> Result<Json<CheckResponse>, AppError> {
    ensure(&who, Action::View, Resource::PublicData)?;
    let p = school_page(state.app.read(), id).await?;
    if p.school.sector != koers_app::store::Sector::Po {
        // The request is valid and the school exists; its sector has no results model: 409.
        return Err(AppError::Conflict(vec![ErrorItem::new(
            None,
            "voor sbo, so, vso en vo geldt het resultatenmodel niet; daar beslissen kwalitatieve criteria",
        )]));
    }
    let o = eligibility_from_rows(
        &p.school,
        &p.results,
        p.published.as_ref(),
        state.app.norms(),
        &state.band_rule().await?,
    )?;
    Ok(Json(CheckResponse::from(&o)))
}
