//! Shared pieces of the programme-workflow pages: an application as a row (status label and the
//! reason the applicant is told), trajectory links, programme names from the stored definitions.

use crate::AppError;
use crate::state::AppState;
use koers_app::applications::state_of;
use koers_app::store::{ApplicationFilter, ApplicationRecord, TrajectoryFilter, TrajectoryRecord};
use koers_core::ids::{ApplicationId, TrajectoryId};
use koers_core::workflow::Status;

/// One application in a list.
#[derive(Debug, Clone)]
pub struct ApplicationRow {
    pub id: ApplicationId,
    pub reference: String,
    pub programme_name: String,
    pub status_label: String,
    /// The reason given with a decline, referral or withdrawal.
    pub reason: Option<String>,
    pub help_question: String,
    pub version: i64,
}

/// The status and the applicant-visible reason of a stored application.
pub fn status_and_reason(a: &ApplicationRecord) -> Result<(Status, Option<String>), AppError> {
    let s = state_of(a).map_err(AppError::internal)?;
    let shows_reason = matches!(
        s.status,
        Status::AfgewezenDoorBestuur | Status::Afgewezen | Status::Doorverwezen | Status::Ingetrokken
    );
    let reason = s.reason.filter(|r| shows_reason && !r.trim().is_empty());
    Ok((s.status, reason))
}

/// The name of programme `id` (the programmes in force), else the id.
pub async fn programme_name(state: &AppState, id: &str) -> Result<String, AppError> {
    Ok(state.programmes().await?.name(id))
}

pub async fn application_rows(state: &AppState, filter: &ApplicationFilter) -> Result<Vec<ApplicationRow>, AppError> {
    let mut rows = Vec::new();
    let programmes = state.programmes().await?;
    for a in state.app.read().list_applications(filter).await? {
        let (status, reason) = status_and_reason(&a)?;
        rows.push(ApplicationRow {
            id: a.id,
            reference: a.reference.to_string(),
            programme_name: programmes.name(&a.programme_id),
            status_label: status.label_nl().to_owned(),
            reason,
            help_question: a.help_question.clone(),
            version: a.version,
        });
    }
    Ok(rows)
}

/// A link to a trajectory page.
#[derive(Debug, Clone)]
pub struct TrajectoryLink {
    pub id: TrajectoryId,
    pub label: String,
    pub active: bool,
}

pub async fn trajectory_links(state: &AppState, filter: &TrajectoryFilter) -> Result<Vec<TrajectoryLink>, AppError> {
    let mut out = Vec::new();
    for t in state.app.read().list_trajectories(filter).await? {
        out.push(trajectory_link(state, &t).await?);
    }
    Ok(out)
}

pub(crate) async fn trajectory_link(state: &AppState, t: &TrajectoryRecord) -> Result<TrajectoryLink, AppError> {
    let programme = programme_name(state, &t.programme_id).await?;
    let school = match t.school_id {
        Some(id) => match state.app.read().school(id).await {
            Ok(s) => s.name,
            Err(koers_app::store::StoreError::NotFound) => String::new(),
            Err(e) => return Err(e.into()),
        },
        None => String::new(),
    };
    let label = if school.is_empty() { programme } else { format!("{programme} – {school}") };
    Ok(TrajectoryLink { id: t.id, label, active: t.active })
}

/// The trajectory started from application `a`, if any.
pub async fn trajectory_of(state: &AppState, a: &ApplicationRecord) -> Result<Option<TrajectoryId>, AppError> {
    if a.school_id.is_none() && a.board_number.is_none() {
        return Ok(None);
    }
    let filter = TrajectoryFilter {
        school_id: a.school_id,
        board_number: if a.school_id.is_some() { None } else { a.board_number },
        programme_id: Some(a.programme_id.clone()),
        ..TrajectoryFilter::default()
    };
    Ok(state.app.read().list_trajectories(&filter).await?.into_iter().find(|t| t.application_id == a.id).map(|t| t.id))
}
