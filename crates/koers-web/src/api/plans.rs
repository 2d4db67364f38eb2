//! `/api/v1/trajectories/{id}/plan…`: a trajectory's plan van aanpak — the current state with
//! every version's summary, and one version in full. The same rights as the pages
//! (`koers_app::plans::access`): 401 without a token or session, 403 for anyone who may not see
//! the trajectory, 404 when it (or its plan, or the version) does not exist.

use crate::auth::CurrentUser;
use crate::error::{AppError, ErrorEnvelope};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use koers_core::ids::TrajectoryId;
use serde::Serialize;

/// One version, in brief.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanVersionSummary {
    /// 1, 2, 3…
    pub number: u32,
    /// `concept`, `in_ondertekening` or `vastgesteld`.
    pub status: String,
    /// Unix seconds.
    pub created_at: i64,
    pub vastgesteld_at: Option<i64>,
    /// Who signed, in order: `schoolleider` / `bestuurder`.
    pub signed_by: Vec<String>,
    /// The reason of a bijstelling (version 2 onwards).
    pub bijstelling_reason: Option<String>,
}

/// A trajectory's plan.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanDto {
    #[schema(value_type = i64)]
    pub trajectory_id: TrajectoryId,
    /// The plan's optimistic version (changes with every edit, signature and bijstelling).
    pub version: i64,
    /// The version in force (the latest vastgestelde), if any.
    pub in_force: Option<u32>,
    /// Whose signature the open version waits for: `schoolleider` / `bestuurder`.
    pub awaiting: Option<String>,
    pub versions: Vec<PlanVersionSummary>,
    /// The latest version in full: goals (with indicators), measures (school and expert part),
    /// signatures, as `koers_core::plan::PlanVersion`.
    #[schema(value_type = Object)]
    pub latest: serde_json::Value,
}

async fn case(state: &AppState, user: &CurrentUser, id: TrajectoryId) -> Result<koers_app::plans::PlanCase, AppError> {
    if id.get() <= 0 {
        return Err(AppError::NotFound);
    }
    Ok(state.app.plan_case(user.principal(), &user.actor(), id).await?)
}

/// A trajectory's plan van aanpak with its versions.
#[utoipa::path(
    get,
    path = "/api/v1/trajectories/{id}/plan",
    tag = "trajecten",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Id van het traject")),
    responses(
        (status = 200, description = "Het plan, met de samenvatting van elke versie en de laatste volledig", body = PlanDto),
        (status = 401, description = "Geen of een ongeldig token", body = ErrorEnvelope),
        (status = 403, description = "Geen toegang tot dit traject", body = ErrorEnvelope),
        (status = 404, description = "Onbekend traject (ook een id dat geen getal is), of nog geen plan", body = ErrorEnvelope)
    )
)]
pub async fn plan(
    State(state): State<AppState>,
    user: CurrentUser,
    crate::html::Id(id): crate::html::Id<TrajectoryId>,
) -> Result<Json<PlanDto>, AppError> {
    let c = case(&state, &user, id).await?;
    let record = c.plan.as_ref().ok_or(AppError::NotFound)?;
    let history = c.history().ok_or(AppError::NotFound)?;
    let latest = history.latest().ok_or(AppError::NotFound)?;
    let versions = history
        .versions()
        .iter()
        .map(|v| PlanVersionSummary {
            number: v.number,
            status: serde_json::to_value(v.status).ok().and_then(|s| s.as_str().map(str::to_owned)).unwrap_or_default(),
            created_at: v.created_at,
            vastgesteld_at: v.vastgesteld_at,
            signed_by: v.signatures.iter().map(|s| s.signer.short_nl().to_owned()).collect(),
            bijstelling_reason: v.bijstelling.as_ref().map(|b| b.reason.clone()),
        })
        .collect();
    Ok(Json(PlanDto {
        trajectory_id: id,
        version: record.version,
        in_force: history.in_force().map(|v| v.number),
        awaiting: latest.awaiting(&c.settings).filter(|_| !latest.is_frozen()).map(|s| s.short_nl().to_owned()),
        versions,
        latest: serde_json::to_value(latest).map_err(AppError::internal)?,
    }))
}

/// One version of a trajectory's plan, in full (`koers_core::plan::PlanVersion`).
#[utoipa::path(
    get,
    path = "/api/v1/trajectories/{id}/plan/versions/{number}",
    tag = "trajecten",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Id van het traject"),
        ("number" = u32, Path, minimum = 1, description = "Nummer van de versie (1, 2, …)")
    ),
    responses(
        (status = 200, description = "De versie: doelen, indicatoren, maatregelen, handtekeningen", body = Object),
        (status = 401, description = "Geen of een ongeldig token", body = ErrorEnvelope),
        (status = 403, description = "Geen toegang tot dit traject", body = ErrorEnvelope),
        (status = 404, description = "Onbekend traject of onbekende versie (ook een id of nummer dat geen getal is)", body = ErrorEnvelope)
    )
)]
pub async fn version(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, number)): Path<(String, String)>,
) -> Result<Json<serde_json::Value>, AppError> {
    // Like `html::Id`: a path that is no number names no resource, so 404 (not a 400).
    let id = id.parse::<TrajectoryId>().ok().filter(|i| i.get() > 0).ok_or(AppError::NotFound)?;
    let number = number.parse::<u32>().ok().filter(|n| *n > 0).ok_or(AppError::NotFound)?;
    let c = case(&state, &user, id).await?;
    let history = c.history().ok_or(AppError::NotFound)?;
    let v = history.version(number).ok_or(AppError::NotFound)?;
    Ok(Json(serde_json::to_value(v).map_err(AppError::internal)?))
}
