//! Plans van aanpak as the store keeps them (issue 8 §4): one [`PlanRecord`] per trajectory with
//! its versions, each a [`koers_core::plan::PlanVersion`] stored as one JSON document, and the
//! phase moves of a trajectory ([`PhaseChange`]). The port is split off the big traits as
//! [`PlanRead`] / [`PlanWrite`] (supertraits of [`super::StoreRead`] / [`super::Store`]).

use super::{Actor, StoreResult, TrajectoryRecord};
use async_trait::async_trait;
use koers_core::ids::TrajectoryId;
use koers_core::plan::{PlanId, PlanVersion};
use serde::{Deserialize, Serialize};

/// A trajectory's plan with every version, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRecord {
    pub id: PlanId,
    pub trajectory_id: TrajectoryId,
    /// Optimistic lock over the whole plan: every edit, signature and bijstelling bumps it.
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub versions: Vec<PlanVersion>,
}

/// One change of a plan, written in one transaction with its audit entry (and, when the change
/// completes the trajectory's phase, the phase move).
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSave {
    /// The plan's `version` as the writer last saw it; stale → `Conflict`, nothing written.
    pub expected_version: i64,
    /// Versions to insert (a new number) or rewrite (an open version). Rewriting a version the
    /// store holds as vastgesteld is refused with `Conflict` (a frozen version never changes).
    pub versions: Vec<PlanVersion>,
    /// Audit action: `plan_edit`, `plan_sign`, `plan_send_back`, `plan_bijstelling`.
    pub action: String,
    /// What happened (the core's plan events), for the audit entry's `after`.
    pub events: serde_json::Value,
    /// Whose signature the last of `versions` now waits for (`schoolleider` / `bestuurder`),
    /// `None` when nobody's: listed by [`PlanRead::plans_awaiting`] for the signers' home pages.
    pub awaiting: Option<String>,
    /// The phase move this change causes (a signed-off plan completes the plan phase).
    pub phase: Option<PhaseChange>,
}

/// Move a trajectory from phase index `from` to `to` (`to` = number of phases: afgerond).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseChange {
    pub trajectory_id: TrajectoryId,
    /// The trajectory's `version` as last seen; stale or moved meanwhile → `Conflict`.
    pub expected_version: i64,
    pub from: i64,
    pub to: i64,
    /// Why: the staff member's reason, or the artefact that completed the phase.
    pub reason: String,
    /// `None`: moved by hand (staff, with the reason); `Some`: the artefact's completion that
    /// completed the phase (`koers_core::programme::phase_after`). In the audit entry's `after`.
    pub completed_by: Option<koers_core::programme::PhaseCompletion>,
}

/// An open plan version waiting for a signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwaitingSignature {
    pub trajectory_id: TrajectoryId,
    pub number: u32,
    /// `schoolleider` / `bestuurder`.
    pub signer: String,
}

#[async_trait]
pub trait PlanRead: Send + Sync {
    /// The trajectory's plan; `NotFound` while none was started.
    async fn plan_of_trajectory(&self, trajectory: TrajectoryId) -> StoreResult<PlanRecord>;
    /// Every open plan version waiting for `signer`'s signature, oldest trajectory first.
    async fn plans_awaiting(&self, signer: &str) -> StoreResult<Vec<AwaitingSignature>>;
}

#[async_trait]
pub trait PlanWrite: PlanRead {
    /// Start the trajectory's plan with version 1; `Duplicate` when it has one, `NotFound` for
    /// an unknown trajectory. Audited as `plan_create`.
    async fn create_plan(
        &self,
        trajectory: TrajectoryId,
        first: &PlanVersion,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<PlanRecord>;
    /// Apply `save` to plan `plan` (see [`PlanSave`]); audited as `save.action`.
    async fn save_plan(&self, plan: PlanId, save: &PlanSave, actor: &Actor, now: i64) -> StoreResult<PlanRecord>;
    /// Move a trajectory's phase (version-checked: stale, moved meanwhile or ended →
    /// `Conflict`); audited as `phase` on the trajectory with the reason and what completed it.
    /// The one way a phase moves: by hand through this method, with an artefact inside the
    /// artefact's write ([`PlanSave::phase`], `StatusWrite::phase`), in the same transaction.
    async fn move_phase(&self, m: &PhaseChange, actor: &Actor, now: i64) -> StoreResult<TrajectoryRecord>;
}
