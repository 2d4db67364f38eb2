//! Released reports (issue 9 §5): the voortgangsrapportage for the Inspectie leaves the school only
//! after the school leader released it. A release keeps the report's facts as they were released
//! (JSON of `koers_app::reports::facts::ProgressFacts`, anonymised), so everyone outside the school
//! downloads exactly what was released. The port is split off the big traits as [`ReportRead`] /
//! [`ReportWrite`] (supertraits of [`super::StoreRead`] / [`super::Store`]).

use super::{Actor, StoreResult};
use async_trait::async_trait;
use koers_core::ids::{TrajectoryId, UserId};
use serde::{Deserialize, Serialize};

/// One release of a trajectory's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRelease {
    pub id: i64,
    pub trajectory_id: TrajectoryId,
    /// The report kind's code (`voortgang-inspectie`).
    pub kind: String,
    /// The released facts (JSON).
    pub facts_json: String,
    pub released_by: Option<UserId>,
    /// The role of whoever released it, as shown in the report ("Schoolleider").
    pub released_role: String,
    pub released_at: i64,
}

/// A release to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRelease {
    pub trajectory_id: TrajectoryId,
    pub kind: String,
    pub facts_json: String,
    pub released_role: String,
}

#[async_trait]
pub trait ReportRead: Send + Sync {
    /// The releases of `kind` for the trajectory, newest first.
    async fn report_releases(&self, trajectory: TrajectoryId, kind: &str) -> StoreResult<Vec<ReportRelease>>;
}

#[async_trait]
pub trait ReportWrite: ReportRead {
    /// Record a release (the actor's user id as `released_by`); `NotFound` for an unknown
    /// trajectory. Audited as `report_release` on the trajectory's `report` entity, in the same
    /// transaction.
    async fn release_report(&self, r: &NewRelease, actor: &Actor, now: i64) -> StoreResult<ReportRelease>;
}
