//! Voortgang and reviews as the store keeps them (issue 9 items 1–3, migration 0070): measure
//! status updates, indicator measurements, logged step-5 activities, the six-steps timeline,
//! reviews with their invitation links, and the weekly digest's runs. `koers_core::progress`,
//! `koers_core::review` and `koers_core::op_koers` check and compute; the store keeps, and
//! audits every write in its transaction. A separate port ([`VoortgangRead`] /
//! [`VoortgangWrite`], supertraits of `StoreRead` / `Store`).

use super::{Actor, NewMail, StoreResult};
use async_trait::async_trait;
use koers_core::ids::{ReviewId, TrajectoryId, UserId};
use koers_core::progress::{ActivityEntry, Measurement, StatusUpdate, StepTimeline};
use koers_core::review::ReviewContent;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusUpdateRecord {
    pub id: i64,
    pub trajectory_id: TrajectoryId,
    /// `update.by` is the user who recorded it.
    pub update: StatusUpdate,
    pub recorded_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasurementRecord {
    pub id: i64,
    pub trajectory_id: TrajectoryId,
    pub measurement: Measurement,
    pub recorded_by: Option<UserId>,
    pub recorded_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityRecord {
    pub id: i64,
    pub trajectory_id: TrajectoryId,
    /// `entry.by` is the user who logged it.
    pub entry: ActivityEntry,
    pub recorded_at: i64,
}

/// The procesbegeleiding timeline of a trajectory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepTimelineRecord {
    pub trajectory_id: TrajectoryId,
    pub timeline: StepTimeline,
    /// Optimistic lock (1 after the first save).
    pub version: i64,
    pub updated_at: i64,
}

/// Everything recorded on a trajectory's progress, each list oldest first (by date, then in
/// the order recorded — the order `koers_core::progress::current_status` expects).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Voortgang {
    pub updates: Vec<StatusUpdateRecord>,
    pub measurements: Vec<MeasurementRecord>,
    pub activities: Vec<ActivityRecord>,
    pub timeline: Option<StepTimelineRecord>,
}

impl Voortgang {
    /// The id of the latest status update (0: none): the version a status form carries.
    pub fn last_update_id(&self) -> i64 {
        self.updates.iter().map(|u| u.id).max().unwrap_or(0)
    }
    pub fn status_updates(&self) -> Vec<StatusUpdate> {
        self.updates.iter().map(|u| u.update.clone()).collect()
    }
    pub fn measurement_values(&self) -> Vec<Measurement> {
        self.measurements.iter().map(|m| m.measurement.clone()).collect()
    }
    pub fn activity_entries(&self) -> Vec<ActivityEntry> {
        self.activities.iter().map(|a| a.entry.clone()).collect()
    }
}

/// An external reviewer's link (the token itself is never stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewInvitationRecord {
    pub id: i64,
    pub review_id: ReviewId,
    pub reviewer_name: String,
    pub email: Option<String>,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub created_by: Option<UserId>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRecord {
    pub id: ReviewId,
    pub trajectory_id: TrajectoryId,
    pub content: ReviewContent,
    /// Optimistic lock (1 when planned).
    pub version: i64,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Its invitation links, oldest first.
    pub invitations: Vec<ReviewInvitationRecord>,
}

/// A new invitation link for an external reviewer of review `review_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReviewInvitation {
    pub review_id: ReviewId,
    /// SHA-256 (hex) of the random token in the link.
    pub token_hash: String,
    pub reviewer_name: String,
    pub email: Option<String>,
    pub expires_at: i64,
}

/// What the store holds about an external reviewer — someone on a review team or invited by
/// link, without an account — found by their e-mail address (AVG).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReviewerRecords {
    /// Reviews with them on the team or with an invitation link to their address (the
    /// findings they signed carry their name in `by`).
    pub reviews: Vec<ReviewRecord>,
    /// Audit entries written through their link or naming their address.
    pub audit: Vec<crate::store::AuditEntry>,
    /// Mails to their address in the outbox (the invitation).
    pub mails: Vec<crate::store::OutboxMail>,
}

#[async_trait]
pub trait VoortgangRead: Send + Sync {
    /// Everything recorded on the trajectory's progress (empty lists when nothing yet).
    async fn voortgang_of_trajectory(&self, trajectory: TrajectoryId) -> StoreResult<Voortgang>;
    /// The trajectory's reviews, by planned date (then id).
    async fn reviews_of_trajectory(&self, trajectory: TrajectoryId) -> StoreResult<Vec<ReviewRecord>>;
    /// One review; `NotFound` when there is none.
    async fn review(&self, id: ReviewId) -> StoreResult<ReviewRecord>;
    /// The invitation with this token hash and its review; `NotFound` for an unknown hash.
    async fn review_invitation(&self, token_hash: &str) -> StoreResult<(ReviewInvitationRecord, ReviewRecord)>;
    /// Was the digest of `week` (`2027-W05`) sent?
    async fn digest_sent(&self, week: &str) -> StoreResult<bool>;
    /// Everything about the external reviewer with this e-mail address (any case).
    async fn reviewer_records(&self, email: &str) -> StoreResult<ReviewerRecords>;
}

#[async_trait]
pub trait VoortgangWrite: Send + Sync {
    /// Record a measure's status update, written by someone who saw the trajectory's status
    /// updates up to id `expected_last` (0: none; see [`Voortgang::last_update_id`]). When the
    /// same measure got a later update meanwhile (two people at once): `Conflict`, nothing
    /// written. Audited as `measure_status` on the trajectory.
    async fn record_status_update(
        &self,
        trajectory: TrajectoryId,
        update: &StatusUpdate,
        expected_last: i64,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<StatusUpdateRecord>;
    /// Record measurements in one transaction, audited as `action` (`measurement`,
    /// `register_measurements`). A register measurement of an indicator and test year already
    /// held is skipped (so an import adds it once); returns what was written.
    async fn record_measurements(
        &self,
        trajectory: TrajectoryId,
        measurements: &[Measurement],
        action: &str,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<Vec<MeasurementRecord>>;
    /// Log a step-5 activity; audited as `progress_activity`.
    async fn log_progress_activity(
        &self,
        trajectory: TrajectoryId,
        entry: &ActivityEntry,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ActivityRecord>;
    /// Save the six-steps timeline as last seen at `expected_version` (0: none yet); stale →
    /// `Conflict`. Audited as `step_timeline` with `events`.
    async fn save_step_timeline(
        &self,
        trajectory: TrajectoryId,
        expected_version: i64,
        timeline: &StepTimeline,
        events: serde_json::Value,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<StepTimelineRecord>;
    /// Plan a review (version 1); audited as `review_planned`.
    async fn create_review(
        &self,
        trajectory: TrajectoryId,
        content: &ReviewContent,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ReviewRecord>;
    /// Change a review as last seen at `expected_version` (stale → `Conflict`); audited as
    /// `action` (`review_edit`, `review_findings`, `review_response`) with before and after.
    async fn save_review(
        &self,
        id: ReviewId,
        expected_version: i64,
        content: &ReviewContent,
        action: &str,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ReviewRecord>;
    /// Store an invitation link and queue `mail` (when given) in one transaction; audited as
    /// `review_invitation` on the review (without the token).
    async fn invite_reviewer(
        &self,
        invitation: &NewReviewInvitation,
        mail: Option<&NewMail>,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ReviewInvitationRecord>;
    /// Save the findings an invited reviewer entered through the link with `token_hash`, and use
    /// the link up, in one transaction. `NotFound` for an unknown link; `Conflict` when it was
    /// used, has expired at `now`, or the review changed since `expected_version`. Audited as
    /// `review_findings` by the reviewer's name (`actor`).
    async fn submit_invited_findings(
        &self,
        token_hash: &str,
        expected_version: i64,
        content: &ReviewContent,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ReviewRecord>;
    /// Send the digest of `week`: record the run and queue `mails` in one transaction. `false`
    /// (and nothing queued) when that week's digest was sent already.
    async fn send_digest(&self, week: &str, mails: &[NewMail], now: i64) -> StoreResult<bool>;
    /// Erase the external reviewer with this e-mail address (AVG), in one transaction: on the
    /// review teams, in the findings they signed, on their invitation links and in the audit
    /// trail their name becomes `placeholder` and their address goes (in texts: `placeholder_email`);
    /// mails to them are deleted; each changed review's version moves on (an editor who had it
    /// open gets a conflict, not the name back). Audited as `privacy_erase_reviewer`. Returns the
    /// number of records changed (0: nothing held).
    async fn erase_reviewer(
        &self,
        email: &str,
        placeholder: &str,
        placeholder_email: &str,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<u64>;
}
