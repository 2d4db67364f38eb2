//! [`App`]'s trajectory use cases of issue 8: the plan van aanpak (implemented in
//! [`crate::plans`]) and phase moves (in [`crate::trajectories`]). Every method first loads the
//! [`PlanCase`] for the person acting, so the rights are checked against what is stored now.

use super::App;
use crate::error::Result;
use crate::plans::{self, PlanCase};
use crate::store::{Actor, PlanRecord, TrajectoryRecord};
use koers_core::access::Principal;
use koers_core::ids::TrajectoryId;
use koers_core::plan::{Added, PlanEdit, Signer};

impl App {
    /// Trajectory `id` with its plan, as `principal` (acting as `actor`) may see it;
    /// `Forbidden` for anyone who may not see the trajectory.
    pub async fn plan_case(&self, principal: &Principal, actor: &Actor, id: TrajectoryId) -> Result<PlanCase> {
        let programmes = self.programmes_in_force().await?;
        plans::case(self.read(), &programmes, principal, actor.user_id, id).await
    }

    /// Start the trajectory's plan (version 1, concept).
    pub async fn start_plan(&self, who: &Principal, actor: &Actor, id: TrajectoryId, now: i64) -> Result<PlanRecord> {
        let c = self.plan_case(who, actor, id).await?;
        plans::start(self.store.as_ref(), &c, actor, now).await
    }

    /// One edit of the open version, as last seen at the plan's `expected_version`.
    pub async fn edit_plan(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        expected_version: i64,
        edit: PlanEdit,
        now: i64,
    ) -> Result<(PlanRecord, Option<Added>)> {
        let c = self.plan_case(who, actor, id).await?;
        plans::edit(self.store.as_ref(), &c, expected_version, edit, actor, now).await
    }

    /// Sign the open version as `signer`; the last signature freezes it and may move the phase.
    #[allow(clippy::too_many_arguments)]
    pub async fn sign_plan(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        expected_version: i64,
        signer: Signer,
        role_name: &str,
        now: i64,
    ) -> Result<PlanRecord> {
        let c = self.plan_case(who, actor, id).await?;
        plans::sign(self.store.as_ref(), &c, expected_version, signer, role_name, actor, now).await
    }

    /// Send the version in ondertekening back to concept, with a reason.
    pub async fn send_back_plan(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        expected_version: i64,
        reason: &str,
        now: i64,
    ) -> Result<PlanRecord> {
        let c = self.plan_case(who, actor, id).await?;
        plans::send_back(self.store.as_ref(), &c, expected_version, reason, actor, now).await
    }

    /// Start a bijstelling of the vastgestelde version, with a reason.
    pub async fn plan_bijstelling(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        expected_version: i64,
        reason: &str,
        now: i64,
    ) -> Result<PlanRecord> {
        let c = self.plan_case(who, actor, id).await?;
        plans::bijstelling(self.store.as_ref(), &c, expected_version, reason, actor, now).await
    }

    /// Staff move the trajectory to phase index `to` by hand, with a reason.
    #[allow(clippy::too_many_arguments)]
    pub async fn move_phase(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        expected_version: i64,
        to: i64,
        reason: &str,
        now: i64,
    ) -> Result<TrajectoryRecord> {
        let c = self.plan_case(who, actor, id).await?;
        crate::trajectories::move_phase(self.store.as_ref(), &c, expected_version, to, reason, actor, now).await
    }

    /// The verbeterpunten of the trajectory's submitted zelfevaluatie not yet a goal (for the
    /// plan page's "from verbeterpunten" choice).
    pub async fn plan_candidates(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
    ) -> Result<Vec<koers_core::plan::CandidateGoal>> {
        let c = self.plan_case(who, actor, id).await?;
        Ok(plans::open_candidates(&c, self.verbeterpunten(id).await?))
    }

    /// Make the chosen verbeterpunten (by key) goals of the open version.
    pub async fn adopt_verbeterpunten(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        expected_version: i64,
        keys: &[String],
        now: i64,
    ) -> Result<PlanRecord> {
        let c = self.plan_case(who, actor, id).await?;
        let candidates = plans::open_candidates(&c, self.verbeterpunten(id).await?);
        plans::adopt(self.store.as_ref(), &c, expected_version, &candidates, keys, actor, now).await
    }
}
