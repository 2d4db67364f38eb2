//! The plan van aanpak of a trajectory (issue 8 §4, TRAJECTORY §3) — the use cases over the
//! pure plan of `koers_core::plan`:
//! - [`case`]: everything a page or the API needs (trajectory, programme settings, the plan
//!   with its versions, the reader's [`access::PlanRights`]); `Forbidden` for anyone who may
//!   not see the trajectory;
//! - [`start`]: version 1 of the right kind (plan van aanpak, NPO stappenplan, board plan);
//! - [`edit`], [`sign`], [`send_back`], [`bijstelling`]: one change each, version-checked
//!   (stale → [`Error::Conflict`]), audited in the write's transaction. The last signature
//!   makes the version vastgesteld and — when the programme says the phase completes on a
//!   signed plan — moves the phase in the same transaction
//!   ([`crate::trajectories::phase_change_for`]).
//!
//! Plan problems come back as [`Error::Invalid`] with the core's machine path as the field and
//! its Dutch message (naming the goal, indicator or measure) as the detail.

pub mod access;

use crate::check::FieldError;
use crate::error::{Error, Result};
use crate::programmes::Programmes;
use crate::store::{Actor, PlanRecord, PlanSave, Store, StoreError, StoreRead, TrajectoryRecord};
use access::PlanRights;
use koers_core::access::{Principal, SchoolRef};
use koers_core::ids::{TrajectoryId, UserId};
use koers_core::plan::{
    Added, Plan, PlanContext, PlanEdit, PlanError, PlanEvent, PlanHistory, PlanKind, PlanSettings, PlanVersion, Signer,
    VersionCommand,
};
use koers_core::programme::{Artefact, Audience, Phase, ProgrammeRules};

/// A trajectory with its plan, as one person sees it.
#[derive(Debug, Clone)]
pub struct PlanCase {
    pub trajectory: TrajectoryRecord,
    /// The programme in force (`None` when it was deactivated since: defaults apply).
    pub programme: Option<ProgrammeRules>,
    pub settings: PlanSettings,
    pub dagdelen_limit: Option<u32>,
    pub plan: Option<PlanRecord>,
    pub rights: PlanRights,
}

impl PlanCase {
    pub fn ctx(&self) -> PlanContext<'_> {
        PlanContext { settings: &self.settings, dagdelen_limit: self.dagdelen_limit }
    }

    /// The versions as the core's history (`None` before the plan was started).
    pub fn history(&self) -> Option<PlanHistory> {
        PlanHistory::from_versions(self.plan.as_ref()?.versions.clone())
    }

    /// The trajectory's phases: the programme's, matched to the stored names by position.
    pub fn phases(&self) -> Vec<Phase> {
        crate::trajectories::phases_of(&self.trajectory, self.programme.as_ref())
    }

    /// The kind of plan this programme writes.
    pub fn kind(&self) -> PlanKind {
        kind_for(self.programme.as_ref())
    }
}

/// Board programmes write a board plan (advice first); a programme with a `stappenplan` phase
/// the NPO stappenplan; every other a plan van aanpak.
pub fn kind_for(programme: Option<&ProgrammeRules>) -> PlanKind {
    match programme {
        Some(p) if p.audience == Audience::Bestuur => PlanKind::Bestuur { advice: None, choice: None },
        Some(p) if p.phases.iter().any(|ph| ph.id == "stappenplan") => PlanKind::Stappenplan,
        _ => PlanKind::PlanVanAanpak,
    }
}

/// Load trajectory `id` with its plan for `principal` (user `user_id`); `Forbidden` when they
/// may not see it, `NotFound` when it does not exist.
pub async fn case(
    store: &dyn StoreRead,
    programmes: &Programmes,
    principal: &Principal,
    user_id: Option<UserId>,
    id: TrajectoryId,
) -> Result<PlanCase> {
    let trajectory = store.trajectory(id).await?;
    let school = match trajectory.school_id {
        Some(sid) => match store.school(sid).await {
            Ok(s) => Some(SchoolRef { id: sid, board_number: s.board_number.or(trajectory.board_number) }),
            Err(StoreError::NotFound) => Some(SchoolRef { id: sid, board_number: trajectory.board_number }),
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let is_expert = match user_id {
        Some(uid) => match store.expert_by_user(uid).await {
            Ok(e) => e.id == trajectory.expert_id,
            Err(StoreError::NotFound) => false,
            Err(e) => return Err(e.into()),
        },
        None => false,
    };
    let rights = access::rights(principal, &trajectory, school, is_expert);
    if !rights.view {
        return Err(Error::Forbidden);
    }
    let programme = programmes.get(&trajectory.programme_id).cloned();
    let settings = programme.as_ref().map(|p| p.plan.clone()).unwrap_or_default();
    let dagdelen_limit = programme.as_ref().and_then(|p| p.dagdelen).map(|d| d.max_dagdelen());
    let plan = match store.plan_of_trajectory(id).await {
        Ok(p) => Some(p),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    Ok(PlanCase { trajectory, programme, settings, dagdelen_limit, plan, rights })
}

/// The core's refusal as the use cases' error: field problems per field, the rest on `plan`.
pub fn plan_error(e: PlanError) -> Error {
    let fields = e.field_errors();
    if fields.is_empty() {
        return Error::field("plan", e.to_string());
    }
    Error::Invalid(fields.iter().map(|f| FieldError { field: f.field.clone(), detail: f.to_string() }).collect())
}

fn stale(e: StoreError) -> Error {
    match e {
        StoreError::Conflict { .. } => Error::Conflict { current: None },
        other => other.into(),
    }
}

fn json(v: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or_default()
}

/// Start the trajectory's plan (version 1, a concept of the programme's kind).
pub async fn start(store: &dyn Store, c: &PlanCase, actor: &Actor, now: i64) -> Result<PlanRecord> {
    if !c.rights.edit {
        return Err(Error::Forbidden);
    }
    if c.plan.is_some() {
        return Err(Error::Conflict { current: None });
    }
    let first = PlanVersion::first(Plan::new(c.kind()), now);
    store.create_plan(c.trajectory.id, &first, actor, now).await.map_err(|e| match e {
        StoreError::Duplicate(_) => Error::Conflict { current: None },
        other => other.into(),
    })
}

/// Who signs next, as the store lists it for the signers' home pages.
fn awaiting(v: &PlanVersion, settings: &PlanSettings) -> Option<String> {
    (v.status != koers_core::plan::VersionStatus::Concept || !v.signatures.is_empty())
        .then(|| v.awaiting(settings).map(|s| s.short_nl().to_owned()))
        .flatten()
}

/// Apply a command to the open version and save it.
async fn command(
    store: &dyn Store,
    c: &PlanCase,
    expected_version: i64,
    cmd: VersionCommand,
    action: &str,
    actor: &Actor,
    now: i64,
) -> Result<PlanRecord> {
    let (record, history) = loaded(c)?;
    if record.version != expected_version {
        return Err(Error::Conflict { current: None });
    }
    let (next, events) = history.apply(cmd, &c.ctx(), now).map_err(plan_error)?;
    let latest = next.latest().cloned().ok_or_else(|| plan_error(PlanError::NoVersion))?;
    let vastgesteld = events.iter().any(|e| matches!(e, PlanEvent::Vastgesteld { .. }));
    let phase = if vastgesteld {
        crate::trajectories::phase_change_for(&c.trajectory, &c.phases(), Artefact::PlanSigned).map(|mut m| {
            m.reason = format!("plan versie {} vastgesteld", latest.number);
            m
        })
    } else {
        None
    };
    let save = PlanSave {
        expected_version,
        awaiting: awaiting(&latest, &c.settings),
        versions: vec![latest],
        action: action.to_owned(),
        events: json(&events),
        phase,
    };
    store.save_plan(record.id, &save, actor, now).await.map_err(stale)
}

fn loaded(c: &PlanCase) -> Result<(&PlanRecord, PlanHistory)> {
    let record = c.plan.as_ref().ok_or(Error::NotFound)?;
    let history =
        PlanHistory::from_versions(record.versions.clone()).ok_or_else(|| plan_error(PlanError::NoVersion))?;
    Ok((record, history))
}

/// One edit of the open version (signatures given so far are withdrawn).
pub async fn edit(
    store: &dyn Store,
    c: &PlanCase,
    expected_version: i64,
    e: PlanEdit,
    actor: &Actor,
    now: i64,
) -> Result<(PlanRecord, Option<Added>)> {
    if !c.rights.edit {
        return Err(Error::Forbidden);
    }
    // What the edit adds, to jump to it: the same edit on the plan as it is.
    let (_, history) = loaded(c)?;
    let added = match history.latest() {
        Some(v) if !v.is_frozen() => v.plan.apply(e.clone(), &c.ctx()).map_err(plan_error)?.1,
        _ => None,
    };
    let record = command(store, c, expected_version, VersionCommand::Edit { edit: e }, "plan_edit", actor, now).await?;
    Ok((record, added))
}

/// Sign the open version as `signer` (the reader must hold that capacity).
pub async fn sign(
    store: &dyn Store,
    c: &PlanCase,
    expected_version: i64,
    signer: Signer,
    role_name: &str,
    actor: &Actor,
    now: i64,
) -> Result<PlanRecord> {
    let user = actor.user_id.ok_or(Error::Forbidden)?;
    if !c.rights.may_sign(signer) {
        return Err(Error::Forbidden);
    }
    let cmd = VersionCommand::Sign { signer, user, role_name: role_name.to_owned() };
    command(store, c, expected_version, cmd, "plan_sign", actor, now).await
}

/// A signer sends the version in ondertekening back to concept, with a reason.
pub async fn send_back(
    store: &dyn Store,
    c: &PlanCase,
    expected_version: i64,
    reason: &str,
    actor: &Actor,
    now: i64,
) -> Result<PlanRecord> {
    let user = actor.user_id.ok_or(Error::Forbidden)?;
    if c.rights.sign_as.is_empty() {
        return Err(Error::Forbidden);
    }
    let cmd = VersionCommand::SendBack { user, reason: reason.to_owned() };
    command(store, c, expected_version, cmd, "plan_send_back", actor, now).await
}

/// A bijstelling: a new concept version from the vastgestelde one, with a reason.
pub async fn bijstelling(
    store: &dyn Store,
    c: &PlanCase,
    expected_version: i64,
    reason: &str,
    actor: &Actor,
    now: i64,
) -> Result<PlanRecord> {
    if !c.rights.edit {
        return Err(Error::Forbidden);
    }
    let (record, history) = loaded(c)?;
    if record.version != expected_version {
        return Err(Error::Conflict { current: None });
    }
    let (next, events) = history.start_bijstelling(reason, now).map_err(|e| match e {
        PlanError::ReasonRequired | PlanError::ReasonTooLong { .. } => Error::field("reden", e.to_string()),
        other => plan_error(other),
    })?;
    let latest = next.latest().cloned().ok_or_else(|| plan_error(PlanError::NoVersion))?;
    let save = PlanSave {
        expected_version,
        awaiting: None,
        versions: vec![latest],
        action: "plan_bijstelling".into(),
        events: json(&events),
        phase: None,
    };
    store.save_plan(record.id, &save, actor, now).await.map_err(stale)
}

/// The verbeterpunten of the trajectory's submitted forms not yet a goal of the open version, as
/// candidate goals (TRAJECTORY §3: the team chooses which become goals).
pub fn open_candidates(
    c: &PlanCase,
    all: Vec<koers_core::format::CandidateGoal>,
) -> Vec<koers_core::plan::CandidateGoal> {
    let latest = c.history().and_then(|h| h.latest().cloned());
    let taken =
        |d: &str| latest.as_ref().is_some_and(|v| v.plan.goals.iter().any(|g| g.description.trim() == d.trim()));
    all.iter().map(|g| g.for_plan()).filter(|g| !taken(&g.description)).collect()
}

/// Add the chosen verbeterpunten (by key) as goals of the open version, checked like any edit.
pub async fn adopt(
    store: &dyn Store,
    c: &PlanCase,
    expected_version: i64,
    candidates: &[koers_core::plan::CandidateGoal],
    keys: &[String],
    actor: &Actor,
    now: i64,
) -> Result<PlanRecord> {
    if !c.rights.edit {
        return Err(Error::Forbidden);
    }
    let (record, history) = loaded(c)?;
    if record.version != expected_version {
        return Err(Error::Conflict { current: None });
    }
    let chosen: Vec<_> = candidates.iter().filter(|g| keys.contains(&g.key)).cloned().collect();
    if chosen.is_empty() {
        return Err(Error::field("punt", "kies minstens één verbeterpunt"));
    }
    let latest = history.latest().cloned().ok_or_else(|| plan_error(PlanError::NoVersion))?;
    if latest.is_frozen() {
        return Err(plan_error(PlanError::Frozen { number: latest.number }));
    }
    let (plan, ids) = koers_core::plan::with_candidates(&latest.plan, &chosen, &c.ctx()).map_err(plan_error)?;
    let mut next = latest;
    next.plan = plan;
    next.signatures.clear();
    next.status = koers_core::plan::VersionStatus::Concept;
    let save = PlanSave {
        expected_version,
        awaiting: None,
        events: serde_json::json!([{ "event": "edited", "number": next.number, "goals_from_verbeterpunten": ids }]),
        versions: vec![next],
        action: "plan_edit".into(),
        phase: None,
    };
    store.save_plan(record.id, &save, actor, now).await.map_err(stale)
}
