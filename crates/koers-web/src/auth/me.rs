//! `GET /api/v1/me`: who the bearer token (or session) belongs to, with its roles.

use super::CurrentUser;
use crate::error::{AppError, ErrorEnvelope};
use axum::Json;
use koers_core::access::{Action, Resource, Scope};
use serde::Serialize;

/// One role of the account on its scope.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GrantDto {
    /// `beheerder`, `programmamedewerker`, `expert`, `schoolleider` or `bestuurder`.
    pub role: String,
    /// `global`, `programme`, `school` or `board`.
    pub scope: String,
    /// Programme id, school id or board number; null for `global`.
    pub scope_id: Option<String>,
}

/// The authenticated account.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeDto {
    pub id: i64,
    pub email: String,
    pub name: String,
    /// `nl` or `en`.
    pub locale: String,
    pub grants: Vec<GrantDto>,
}

/// The account behind the token.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "account",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Het account van het token, met zijn rollen", body = MeDto),
        (status = 401, description = "Geen of een ongeldig token", body = ErrorEnvelope)
    )
)]
pub async fn me(user: CurrentUser) -> Result<Json<MeDto>, AppError> {
    // Anyone logged in may see their own account (the same rule as their own tokens).
    user.ensure(Action::View, Resource::OwnTokens)?;
    let u = &user.0;
    let grants = u
        .principal
        .grants
        .iter()
        .map(|g| {
            let (scope, id) = match &g.scope {
                Scope::Global => ("global", None),
                Scope::Programme(p) => ("programme", Some(p.clone())),
                Scope::School(s) => ("school", Some(s.to_string())),
                Scope::Board(b) => ("board", Some(b.to_string())),
            };
            GrantDto { role: g.role.code().to_owned(), scope: scope.to_owned(), scope_id: id }
        })
        .collect();
    Ok(Json(MeDto { id: u.id, email: u.email.clone(), name: u.name.clone(), locale: u.locale.clone(), grants }))
}
