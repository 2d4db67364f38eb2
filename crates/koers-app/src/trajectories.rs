//! Trajectories after they started: ending one (programme staff or a beheerder), with a reason
//! that goes into the audit log; their phases — one mechanism for every move: staff move a
//! phase by hand ([`move_phase`]), and an artefact (a form submitted or confirmed, a plan
//! vastgesteld) completes one through [`phase_change_for`], written with the artefact; both
//! through the store's one phase write, audited as `phase`.

use crate::error::{Error, Result};
use crate::store::{Actor, AuditFilter, Store, StoreRead, TrajectoryRecord};

/// The longest reason accepted, in characters.
pub const MAX_REASON_CHARS: usize = 1000;

/// End trajectory `id` (as last seen at `expected_version`): `active = false`, audited as `end`
/// with the reason. No reason or a too long one: [`Error::Invalid`] on field `reden`; stale or
/// already ended: [`Error::Conflict`].
pub async fn end(
    store: &dyn Store,
    id: TrajectoryId,
    expected_version: i64,
    reason: &str,
    actor: &Actor,
    now: i64,
) -> Result<TrajectoryRecord> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::field("reden", "geef een reden op: waarom stopt het traject?"));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(Error::field("reden", format!("de reden is te lang (hooguit {MAX_REASON_CHARS} tekens)")));
    }
    Ok(store.end_trajectory(id, expected_version, reason, actor, now).await?)
}

/// The reason trajectory `id` was ended, from the audit log (`None` while it runs).
pub async fn end_reason(store: &dyn StoreRead, id: TrajectoryId) -> Result<Option<String>> {
    let filter = AuditFilter {
        entity: Some(crate::store::AuditEntity::Trajectory),
        entity_id: Some(id.to_string()),
        ..Default::default()
    };
    let entries = store.audit_log(&filter).await?;
    Ok(entries.iter().find(|e| e.action == "end").and_then(|e| {
        let after: serde_json::Value = serde_json::from_str(e.after.as_deref()?).ok()?;
        after.get("reason")?.as_str().map(str::to_owned)
    }))
}

// ---- phases (issue 8 §5) --------------------------------------------------------------------

use crate::plans::PlanCase;
use crate::store::PhaseChange;
use koers_core::ids::TrajectoryId;
use koers_core::plan::{Signer, VersionStatus};
use koers_core::programme::{Artefact, Phase, PhaseCompletion, ProgrammeRules, phase_after};

/// The trajectory's phases: the stored names, with the programme's ids and completion rules
/// when the programme still has as many phases (else by hand, `fase-1`, `fase-2`, …).
pub fn phases_of(t: &TrajectoryRecord, programme: Option<&ProgrammeRules>) -> Vec<Phase> {
    let names: Vec<String> = serde_json::from_str(&t.phases_json).unwrap_or_default();
    match programme {
        Some(p) if p.phases.len() == names.len() => {
            p.phases.iter().zip(&names).map(|(ph, name)| Phase { name: name.clone(), ..ph.clone() }).collect()
        }
        _ => names.iter().enumerate().map(|(i, n)| Phase::new(format!("fase-{}", i + 1), n.clone())).collect(),
    }
}

/// The phase move `artefact` causes: when trajectory `t` (running) stands in a phase that
/// `artefact` completes (the one rule: [`koers_core::programme::phase_after`], from programme
/// data), the move to the next phase (or to afgerond), to be written in the artefact's own
/// transaction ([`crate::store::PlanSave::phase`], [`crate::store::StatusWrite::phase`]);
/// otherwise `None`.
pub fn phase_change_for(t: &TrajectoryRecord, phases: &[Phase], artefact: Artefact<'_>) -> Option<PhaseChange> {
    if !t.active {
        return None;
    }
    let to = phase_after(phases, usize::try_from(t.current_phase).ok()?, artefact)?;
    Some(PhaseChange {
        trajectory_id: t.id,
        expected_version: t.version,
        from: t.current_phase,
        to: i64::try_from(to).ok()?,
        reason: artefact.reason_nl(),
        completed_by: Some(artefact.completion()),
    })
}

/// Staff move trajectory `c` by hand to phase index `to` (the number of phases: afgerond), with
/// a reason; audited as `phase`. Stale → [`Error::Conflict`].
pub async fn move_phase(
    store: &dyn Store,
    c: &PlanCase,
    expected_version: i64,
    to: i64,
    reason: &str,
    actor: &Actor,
    now: i64,
) -> Result<TrajectoryRecord> {
    if !c.rights.move_phase {
        return Err(Error::Forbidden);
    }
    let reason = reason.trim();
    let count = i64::try_from(c.phases().len()).unwrap_or(0);
    let mut errors = Vec::new();
    if !(0..=count).contains(&to) || to == c.trajectory.current_phase {
        errors.push(crate::check::FieldError {
            field: "fase".into(),
            detail: "kies een andere fase dan de huidige".into(),
        });
    }
    if reason.is_empty() {
        errors.push(crate::check::FieldError {
            field: "reden".into(),
            detail: "geef een reden op: waarom gaat het traject naar deze fase?".into(),
        });
    } else if reason.chars().count() > MAX_REASON_CHARS {
        errors.push(crate::check::FieldError {
            field: "reden".into(),
            detail: format!("de reden is te lang (hooguit {MAX_REASON_CHARS} tekens)"),
        });
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let m = PhaseChange {
        trajectory_id: c.trajectory.id,
        expected_version,
        from: c.trajectory.current_phase,
        to,
        reason: reason.to_owned(),
        completed_by: None,
    };
    store.move_phase(&m, actor, now).await.map_err(|e| match e {
        crate::store::StoreError::Conflict { .. } => Error::Conflict { current: None },
        other => other.into(),
    })
}

/// One thing to do next on a trajectory ("Wat moet ik nu doen?").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    pub kind: StepKind,
    /// Is it this reader's to do?
    pub mine: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// Fill in (and submit) the phase's format: the school, with the expert.
    FillFormat,
    /// The expert confirms the submitted format.
    ConfirmFormat,
    /// Start the plan van aanpak.
    StartPlan,
    /// Write the plan: goals, indicators, measures.
    WritePlan,
    /// Sign the plan as this signer.
    SignPlan(Signer),
    /// Staff complete a phase that is moved by hand.
    CompletePhase,
}

/// What comes next on trajectory `c`, and for whom.
pub fn next_steps(c: &PlanCase) -> Vec<NextStep> {
    if !c.trajectory.active {
        return Vec::new();
    }
    let phases = c.phases();
    let Some(phase) = usize::try_from(c.trajectory.current_phase).ok().and_then(|i| phases.get(i)) else {
        return Vec::new();
    };
    let r = &c.rights;
    let school_side = !r.sign_as.is_empty() || r.edit;
    let step = |kind, mine| NextStep { kind, mine };
    match phase.completes_on {
        PhaseCompletion::Handmatig => vec![step(StepKind::CompletePhase, r.move_phase)],
        PhaseCompletion::FormatIngediend => vec![step(StepKind::FillFormat, school_side)],
        PhaseCompletion::FormatBevestigd => {
            vec![step(StepKind::FillFormat, school_side), step(StepKind::ConfirmFormat, r.is_expert)]
        }
        PhaseCompletion::PlanGetekend => {
            let Some(history) = c.history() else { return vec![step(StepKind::StartPlan, r.edit)] };
            match history.latest() {
                None => vec![step(StepKind::StartPlan, r.edit)],
                Some(v) if v.status == VersionStatus::Vastgesteld => {
                    vec![step(StepKind::CompletePhase, r.move_phase)]
                }
                Some(v) => {
                    let mut steps = Vec::new();
                    if v.status == VersionStatus::Concept {
                        steps.push(step(StepKind::WritePlan, r.edit));
                    }
                    if let Some(s) = v.awaiting(&c.settings) {
                        steps.push(step(StepKind::SignPlan(s), r.may_sign(s)));
                    }
                    steps
                }
            }
        }
    }
}
