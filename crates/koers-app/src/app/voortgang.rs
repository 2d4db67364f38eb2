//! [`App`]'s voortgang, review and op-koers use cases (issue 9 items 1–4, 6), implemented in
//! [`crate::voortgang`]. Every method that acts on a trajectory first loads its
//! [`VoortgangCase`] for the person acting, so rights are checked against what is stored now.

use super::App;
use crate::error::Result;
use crate::store::{ActivityRecord, Actor, MeasurementRecord, ReviewRecord, StatusUpdateRecord, StepTimelineRecord};
use crate::voortgang::course::{self, CourseRow};
use crate::voortgang::learning::{self, LearningRow};
use crate::voortgang::record::{self, ActivityInput, MeasurementInput, StatusInput, StepInput};
use crate::voortgang::reviews::{self, FindingInput, Invitation, InvitedReview, PlanReviewInput, ReviewChange};
use crate::voortgang::{self, VoortgangCase};
use koers_core::access::Principal;
use koers_core::calendar::Date;
use koers_core::ids::{ReviewId, TrajectoryId};
use koers_core::op_koers::Assessment;

impl App {
    /// Trajectory `id` with its voortgang, reviews and op koers on `today`, as `who` may see
    /// it; `Forbidden` for anyone who may not see the trajectory.
    pub async fn voortgang_case(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        today: Date,
    ) -> Result<VoortgangCase> {
        let programmes = self.programmes_in_force().await?;
        voortgang::case(self.read(), &programmes, who, actor.user_id, id, today).await
    }

    /// Op koers of trajectory `id` on `today` (the assessment with its reasons).
    pub async fn op_koers(&self, who: &Principal, actor: &Actor, id: TrajectoryId, today: Date) -> Result<Assessment> {
        Ok(self.voortgang_case(who, actor, id, today).await?.assessment)
    }

    /// Every running trajectory `who` may see, with op koers on `today` (homes, the staff
    /// dashboard, the board view).
    pub async fn op_koers_rows(&self, who: &Principal, actor: &Actor, today: Date) -> Result<Vec<CourseRow>> {
        let programmes = self.programmes_in_force().await?;
        course::rows(self.read(), &programmes, who, actor.user_id, today).await
    }

    /// Record a measure's status update.
    pub async fn record_measure_status(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        input: &StatusInput,
        today: Date,
        now: i64,
    ) -> Result<StatusUpdateRecord> {
        let c = self.voortgang_case(who, actor, id, today).await?;
        record::status(self.store.as_ref(), &c, input, actor, now).await
    }

    /// Record an indicator measurement.
    pub async fn record_measurement(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        input: &MeasurementInput,
        today: Date,
        now: i64,
    ) -> Result<MeasurementRecord> {
        let c = self.voortgang_case(who, actor, id, today).await?;
        record::measurement(self.store.as_ref(), &c, input, actor, now).await
    }

    /// Log a step-5 activity.
    pub async fn log_progress_activity(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        input: &ActivityInput,
        today: Date,
        now: i64,
    ) -> Result<ActivityRecord> {
        let c = self.voortgang_case(who, actor, id, today).await?;
        record::activity(self.store.as_ref(), &c, input, actor, now).await
    }

    /// Enter a step of the six steps or mark a step activity done.
    pub async fn record_step(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        input: &StepInput,
        today: Date,
        now: i64,
    ) -> Result<StepTimelineRecord> {
        let c = self.voortgang_case(who, actor, id, today).await?;
        record::step(self.store.as_ref(), &c, input, actor, now).await
    }

    /// Plan a review of trajectory `id`.
    pub async fn plan_review(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        input: &PlanReviewInput,
        today: Date,
        now: i64,
    ) -> Result<ReviewRecord> {
        let c = self.voortgang_case(who, actor, id, today).await?;
        reviews::plan(self.store.as_ref(), &c, input, actor, now).await
    }

    /// Change review `review` of trajectory `id`, as last seen at `version`.
    #[allow(clippy::too_many_arguments)]
    pub async fn change_review(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        review: ReviewId,
        version: i64,
        change: &ReviewChange,
        today: Date,
        now: i64,
    ) -> Result<ReviewRecord> {
        let c = self.voortgang_case(who, actor, id, today).await?;
        reviews::change(self.store.as_ref(), &c, review, version, change, actor, now).await
    }

    /// Invite reviewer number `reviewer` of review `review` with a link under `link_base`.
    #[allow(clippy::too_many_arguments)]
    pub async fn invite_reviewer(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        review: ReviewId,
        reviewer: usize,
        days: Option<i64>,
        link_base: &str,
        today: Date,
        now: i64,
    ) -> Result<Invitation> {
        let c = self.voortgang_case(who, actor, id, today).await?;
        reviews::invite(self.store.as_ref(), &c, review, reviewer, days, link_base, actor, now).await
    }

    /// The review behind an invitation token (anyone holding the link).
    pub async fn invited_review(&self, token: &str, now: i64) -> Result<InvitedReview> {
        reviews::invited(self.read(), token, now).await
    }

    /// An invited reviewer's findings (uses the link up).
    pub async fn submit_invited_findings(
        &self,
        token: &str,
        version: i64,
        findings: &[FindingInput],
        recommendations: &str,
        now: i64,
    ) -> Result<ReviewRecord> {
        reviews::submit_invited(self.store.as_ref(), token, version, findings, recommendations, now).await
    }

    /// The weekly op-koers digest of `today`'s ISO week, unless sent: `Some(mails queued)`.
    pub async fn send_op_koers_digest(&self, today: Date, base_url: &str, now: i64) -> Result<Option<usize>> {
        let programmes = self.programmes_in_force().await?;
        course::digest(self.store.as_ref(), &programmes, today, base_url, now).await
    }

    /// Programme-level learning of `programme` for `who` (staff of it, beheerders).
    pub async fn programme_learning(&self, who: &Principal, programme: &str) -> Result<Vec<LearningRow>> {
        if !who.may_see_programme(programme) {
            return Err(crate::error::Error::Forbidden);
        }
        let programmes = self.programmes_in_force().await?;
        learning::rows(self.read(), &programmes, programme).await
    }

    /// Add new register results to the results indicators of running trajectories.
    pub async fn register_results_into_trajectories(&self, actor: &Actor, now: i64) -> Result<usize> {
        voortgang::register::into_trajectories(self.store.as_ref(), actor, now).await
    }
}
