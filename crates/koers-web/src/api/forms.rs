//! `/api/v1/formats…` and `/api/v1/trajectories/{id}/forms/{format}…` (issue 8): the formats in
//! force, and a trajectory's form — read it (answers with their versions, the result), answer
//! one item (version-checked: 409 on a stale version, 422 naming the field), submit it. The
//! same access rules as the pages (`koers_core::access::case`): 401 without a login or token,
//! 403 for anyone outside the trajectory.

use crate::AppError;
use crate::api::json::ApiJson;
use crate::auth::{CurrentUser, now};
use crate::error::{ErrorEnvelope, ErrorItem};
use crate::html::formulieren::FormPath;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use koers_app::selfevals::FormView;
use koers_app::selfevals::edit::AnswerInput;
use koers_core::access::{Action, Resource};
use koers_core::format::Answer;
use koers_core::ids::TrajectoryId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A format in force.
#[derive(Debug, Serialize, ToSchema)]
pub struct FormatSummaryDto {
    pub id: String,
    pub version: i64,
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FormatList {
    pub formats: Vec<FormatSummaryDto>,
}

/// One saved item.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemDto {
    /// The answer, tagged by `kind` (`rubric`: `score`, `why`; `reflection`: `text`; …).
    #[schema(value_type = Option<Object>)]
    pub answer: Option<serde_json::Value>,
    /// The note when flagged as verbeterpunt.
    pub verbeterpunt: Option<String>,
    /// Send this back when answering the item.
    pub version: i64,
}

/// A trajectory's form.
#[derive(Debug, Serialize, ToSchema)]
pub struct FormDto {
    #[schema(value_type = i64)]
    pub trajectory_id: TrajectoryId,
    pub format: String,
    pub format_version: u32,
    /// `nieuw`, `concept`, `ingediend` or `bevestigd`.
    pub status: String,
    /// Send this back when submitting.
    pub version: i64,
    pub items: BTreeMap<String, ItemDto>,
    /// Scores per standard, strengths, points for improvement, completeness.
    #[schema(value_type = Object)]
    pub result: serde_json::Value,
}

/// An answer to one item.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    /// Tagged by `kind`, as in [`ItemDto::answer`]; null to change only the flag.
    #[schema(value_type = Option<Object>)]
    #[serde(default)]
    pub answer: Option<Answer>,
    #[serde(default)]
    pub verbeterpunt: Option<String>,
    /// The item's version you started from (0 before its first save).
    pub version: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitBody {
    /// The form's version you saw.
    pub version: i64,
}

fn form_dto(fv: &FormView) -> Result<FormDto, AppError> {
    let items = fv
        .answers
        .iter()
        .map(|(id, a)| {
            let answer = a.answer_json.as_deref().and_then(|j| serde_json::from_str(j).ok());
            (id.clone(), ItemDto { answer, verbeterpunt: a.verbeterpunt.clone(), version: a.version })
        })
        .collect();
    Ok(FormDto {
        trajectory_id: fv.case.trajectory.id,
        format: fv.format.id.clone(),
        format_version: fv.format.version,
        status: fv.record.as_ref().map_or("nieuw", |r| r.status.code()).to_owned(),
        version: fv.record.as_ref().map_or(0, |r| r.version),
        items,
        result: serde_json::to_value(&fv.result).map_err(AppError::internal)?,
    })
}

fn invalid(e: koers_app::Error) -> AppError {
    match e {
        koers_app::Error::Invalid(errors) => {
            AppError::Invalid(errors.into_iter().map(|e| ErrorItem::new(Some(&e.field), e.detail)).collect())
        }
        other => other.into(),
    }
}

/// The formats in force (newest version of each).
#[utoipa::path(
    get,
    path = "/api/v1/formats",
    tag = "trajecten",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "De formats", body = FormatList),
        (status = 401, description = "Niet aangemeld", body = ErrorEnvelope)
    )
)]
pub async fn formats(State(state): State<AppState>, user: CurrentUser) -> Result<Json<FormatList>, AppError> {
    user.ensure(Action::View, Resource::OwnTokens)?;
    let formats = state
        .app
        .formats()
        .await?
        .into_iter()
        .map(|f| FormatSummaryDto { id: f.id, version: f.version, title: f.title })
        .collect();
    Ok(Json(FormatList { formats }))
}

/// One format in force, with every section and item.
#[utoipa::path(
    get,
    path = "/api/v1/formats/{id}",
    tag = "trajecten",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Code van het format, bijvoorbeeld zelfevaluatie-po")),
    responses(
        (status = 200, description = "Het format", body = Object),
        (status = 401, description = "Niet aangemeld", body = ErrorEnvelope),
        (status = 404, description = "Onbekend format", body = ErrorEnvelope)
    )
)]
pub async fn format(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, AppError> {
    user.ensure(Action::View, Resource::OwnTokens)?;
    let f = state.app.format(&id).await?;
    Ok(Json(serde_json::to_value(&f).map_err(AppError::internal)?))
}

/// A trajectory's form: saved items with their versions, and the result.
#[utoipa::path(
    get,
    path = "/api/v1/trajectories/{id}/forms/{format}",
    tag = "trajecten",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Id van het traject"), ("format" = String, Path, description = "Code van het format")),
    responses(
        (status = 200, description = "Het formulier", body = FormDto),
        (status = 401, description = "Niet aangemeld", body = ErrorEnvelope),
        (status = 403, description = "Geen toegang tot dit traject", body = ErrorEnvelope),
        (status = 404, description = "Onbekend traject of format", body = ErrorEnvelope)
    )
)]
pub async fn show(State(state): State<AppState>, user: CurrentUser, path: FormPath) -> Result<Json<FormDto>, AppError> {
    let fv = state.app.form(user.principal(), &path.form).await?;
    Ok(Json(form_dto(&fv)?))
}

/// Answer one item (and flag it as verbeterpunt), at the version you started from.
#[utoipa::path(
    put,
    path = "/api/v1/trajectories/{id}/forms/{format}/items/{item}",
    tag = "trajecten",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Id van het traject"),
        ("format" = String, Path, description = "Code van het format"),
        ("item" = String, Path, description = "Code van het onderdeel")
    ),
    request_body = AnswerBody,
    responses(
        (status = 200, description = "Opgeslagen", body = ItemDto),
        (status = 401, description = "Niet aangemeld", body = ErrorEnvelope),
        (status = 403, description = "Mag dit onderdeel niet invullen", body = ErrorEnvelope),
        (status = 404, description = "Onbekend traject, format of onderdeel", body = ErrorEnvelope),
        (status = 409, description = "Iemand anders sloeg dit onderdeel intussen op", body = ErrorEnvelope),
        (status = 422, description = "Ongeldig antwoord (het veld staat erbij)", body = ErrorEnvelope)
    )
)]
pub async fn answer(
    State(state): State<AppState>,
    user: CurrentUser,
    path: FormPath,
    ApiJson(body): ApiJson<AnswerBody>,
) -> Result<Json<ItemDto>, AppError> {
    let item = path.item()?;
    let (actor, at) = (user.actor(), now());
    state.app.open_form(user.principal(), &path.form, &actor, at).await?;
    let input = AnswerInput { answer: body.answer, verbeterpunt: body.verbeterpunt, expected_version: body.version };
    let saved = state.app.answer_item(user.principal(), &path.form, &item, input, &actor, at).await.map_err(invalid)?;
    let answer = saved.answer_json.as_deref().and_then(|j| serde_json::from_str(j).ok());
    Ok(Json(ItemDto { answer, verbeterpunt: saved.verbeterpunt, version: saved.version }))
}

/// Submit the form (the answers are frozen as the baseline).
#[utoipa::path(
    post,
    path = "/api/v1/trajectories/{id}/forms/{format}/submit",
    tag = "trajecten",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Id van het traject"), ("format" = String, Path, description = "Code van het format")),
    request_body = SubmitBody,
    responses(
        (status = 200, description = "Ingediend", body = FormDto),
        (status = 401, description = "Niet aangemeld", body = ErrorEnvelope),
        (status = 403, description = "Mag dit formulier niet indienen", body = ErrorEnvelope),
        (status = 404, description = "Onbekend traject of format", body = ErrorEnvelope),
        (status = 409, description = "Intussen gewijzigd", body = ErrorEnvelope),
        (status = 422, description = "Nog niet compleet of al ingediend", body = ErrorEnvelope)
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    path: FormPath,
    ApiJson(body): ApiJson<SubmitBody>,
) -> Result<Json<FormDto>, AppError> {
    state.app.submit_form(user.principal(), &path.form, body.version, &user.actor(), now()).await.map_err(invalid)?;
    let fv = state.app.form(user.principal(), &path.form).await?;
    Ok(Json(form_dto(&fv)?))
}
