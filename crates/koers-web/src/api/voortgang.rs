//! `/api/v1/trajectories/{id}/voortgang` (issue 9): a trajectory's voortgang as the voortgang
//! page shows it — op koers with its reasons, the measures of the plan in force with their
//! status, the indicators against their line, the logged step-5 activities and the reviews (in
//! brief: no reviewer's name or address). The same rights as the page
//! (`koers_app::voortgang::case`): 401 without a token or session, 403 for anyone who may not
//! see the trajectory, 404 when it does not exist. "Today" is the server's day.

use crate::auth::CurrentUser;
use crate::error::{AppError, ErrorEnvelope};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use koers_core::ids::{ReviewId, TrajectoryId};
use serde::Serialize;
use utoipa::ToSchema;

/// One measure of the plan in force.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeasureDto {
    pub id: i64,
    pub what: String,
    /// Who carries it out (`expert`, `directeur`, …).
    pub owner: String,
    /// yyyy-mm-dd.
    pub start: String,
    pub end: String,
    /// `gepland`, `loopt`, `gereed`, `vertraagd` or `geschrapt`.
    pub status: String,
    /// Past its end date and not gereed or geschrapt.
    pub overdue: bool,
    /// The date and note of its latest status update.
    pub last_update: Option<String>,
    pub last_note: Option<String>,
}

/// One measurement.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PointDto {
    pub date: String,
    pub value: f64,
}

/// One indicator with its line from the baseline to the target.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorDto {
    pub id: i64,
    pub name: String,
    /// The unit as the plan holds it (`unit`, and its range where it has one).
    #[schema(value_type = Object)]
    pub unit: serde_json::Value,
    pub baseline: PointDto,
    pub target: PointDto,
    pub points: Vec<PointDto>,
    /// The latest measurement and the value on the line on its date.
    pub latest: Option<PointDto>,
    pub expected_at_latest: Option<f64>,
    pub reached: bool,
}

/// One logged step-5 activity.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActivityDto {
    pub date: String,
    /// The activity's key (`voortgang-meten`, `verantwoording`, …).
    pub activity: String,
    pub with: String,
    pub note: String,
}

/// One review, in brief.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewDto {
    #[schema(value_type = i64)]
    pub id: ReviewId,
    /// `start-review`, `midterm-review` or `externe-audit`.
    pub kind: String,
    pub planned_on: String,
    pub held_on: Option<String>,
    /// How many standards have findings, and how many people are on the review team.
    pub findings: usize,
    pub reviewers: usize,
}

/// A trajectory's voortgang and op koers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VoortgangDto {
    #[schema(value_type = i64)]
    pub trajectory_id: TrajectoryId,
    /// The day op koers is assessed on (yyyy-mm-dd).
    pub today: String,
    pub on_course: bool,
    /// Why not: each reason's `kind` (`measure_overdue`, `indicator_below_line`, …), its numbers
    /// and the Dutch sentence `text`.
    #[schema(value_type = Vec<Object>)]
    pub reasons: Vec<serde_json::Value>,
    /// Has a vastgesteld plan van aanpak (voortgang follows on one).
    pub has_plan: bool,
    /// The latest status update's id (0: none): what a status update sends back as `versie`.
    pub status_version: i64,
    pub measures: Vec<MeasureDto>,
    pub indicators: Vec<IndicatorDto>,
    pub activities: Vec<ActivityDto>,
    pub reviews: Vec<ReviewDto>,
}

fn point((date, value): (koers_core::calendar::Date, f64)) -> PointDto {
    PointDto { date: date.to_string(), value }
}

/// A trajectory's voortgang, reviews and op koers.
#[utoipa::path(
    get,
    path = "/api/v1/trajectories/{id}/voortgang",
    tag = "trajecten",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Id van het traject")),
    responses(
        (status = 200, description = "Op koers met de redenen, de maatregelen, indicatoren, activiteiten en reviews", body = VoortgangDto),
        (status = 401, description = "Geen of een ongeldig token", body = ErrorEnvelope),
        (status = 403, description = "Geen toegang tot dit traject", body = ErrorEnvelope),
        (status = 404, description = "Onbekend traject (ook een id dat geen getal is)", body = ErrorEnvelope)
    )
)]
pub async fn voortgang(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<VoortgangDto>, AppError> {
    // Like `html::Id`: a path that is no number names no resource, so 404 (not a 400).
    let id = id.parse::<TrajectoryId>().ok().filter(|i| i.get() > 0).ok_or(AppError::NotFound)?;
    let c = state.app.voortgang_case(user.principal(), &user.actor(), id, state.today()).await?;
    let measures = c
        .measures()
        .into_iter()
        .map(|m| MeasureDto {
            id: m.measure.id.get(),
            what: m.measure.what.clone(),
            owner: m.measure.owner.label_nl(),
            start: m.measure.start.to_string(),
            end: m.measure.end.to_string(),
            status: m.status.label_nl().to_owned(),
            overdue: m.overdue,
            last_update: m.last.as_ref().map(|u| u.date.to_string()),
            last_note: m.last.map(|u| u.note),
        })
        .collect();
    let indicators = c
        .series()
        .into_iter()
        .map(|s| IndicatorDto {
            id: s.indicator.get(),
            name: s.name.clone(),
            unit: serde_json::to_value(&s.unit).unwrap_or_default(),
            baseline: point(s.line[0]),
            target: point(s.line[1]),
            points: s.points.iter().copied().map(point).collect(),
            latest: s.latest.map(point),
            expected_at_latest: s.expected_at_latest,
            reached: s.reached,
        })
        .collect();
    let activities = c
        .voortgang
        .activities
        .iter()
        .map(|a| ActivityDto {
            date: a.entry.date.to_string(),
            activity: a.entry.activity.key().to_owned(),
            with: a.entry.with.clone(),
            note: a.entry.note.clone(),
        })
        .collect();
    let reviews = c
        .reviews
        .iter()
        .map(|r| ReviewDto {
            id: r.id,
            kind: r.content.kind.key().to_owned(),
            planned_on: r.content.planned_on.to_string(),
            held_on: r.content.held_on.map(|d| d.to_string()),
            findings: r.content.findings.len(),
            reviewers: r.content.reviewers.len(),
        })
        .collect();
    Ok(Json(VoortgangDto {
        trajectory_id: id,
        today: c.today.to_string(),
        on_course: c.assessment.on_course,
        reasons: c.assessment.reasons.iter().filter_map(|r| serde_json::to_value(r).ok()).collect(),
        has_plan: c.plan.is_some(),
        status_version: c.voortgang.last_update_id(),
        measures,
        indicators,
        activities,
        reviews,
    }))
}
