//! Trajectories after they started: ending one (programme staff or a beheerder), with a reason
//! that goes into the audit log.

use crate::error::{Error, Result};
use crate::store::{Actor, AuditFilter, Store, StoreRead, TrajectoryRecord};

/// The longest reason accepted, in characters.
pub const MAX_REASON_CHARS: usize = 1000;

/// End trajectory `id` (as last seen at `expected_version`): `active = false`, audited as `end`
/// with the reason. No reason or a too long one: [`Error::Invalid`] on field `reden`; stale or
/// already ended: [`Error::Conflict`].
pub async fn end(
    store: &dyn Store,
    id: i64,
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
pub async fn end_reason(store: &dyn StoreRead, id: i64) -> Result<Option<String>> {
    let filter =
        AuditFilter { entity: Some("trajectory".into()), entity_id: Some(id.to_string()), ..Default::default() };
    let entries = store.audit_log(&filter).await?;
    Ok(entries.iter().find(|e| e.action == "end").and_then(|e| {
        let after: serde_json::Value = serde_json::from_str(e.after.as_deref()?).ok()?;
        after.get("reason")?.as_str().map(str::to_owned)
    }))
}

/// Complete the trajectory's current phase when it works on `format_id` and its programme says
/// `event` completes it (`completes_on`); otherwise nothing. Returns the moved trajectory. The
/// move is audited as `phase` with the events of [`koers_core::trajectory::Trajectory::advance`].
pub async fn complete_phase_if(
    store: &dyn Store,
    programme: &koers_core::programme::ProgrammeRules,
    id: koers_core::ids::TrajectoryId,
    format_id: &str,
    event: koers_core::programme::PhaseCompletion,
    actor: &Actor,
    now: i64,
) -> Result<Option<TrajectoryRecord>> {
    let t = store.trajectory(id.get()).await?;
    if !t.active {
        return Ok(None);
    }
    let Some(index) = usize::try_from(t.current_phase).ok() else { return Ok(None) };
    let Some(phase) = programme.phases.get(index) else { return Ok(None) };
    if phase.format.as_deref() != Some(format_id) || phase.completes_on != event {
        return Ok(None);
    }
    let timeline = koers_core::trajectory::Trajectory::resume(&programme.phases, Some(&phase.id))
        .map_err(|e| Error::field("fase", e.to_string()))?;
    let (_, events) = timeline.advance().map_err(|e| Error::field("fase", e.to_string()))?;
    let m = crate::store::PhaseMove {
        id,
        expected_version: t.version,
        to_phase: t.current_phase + 1,
        note_json: serde_json::to_string(&serde_json::json!({ "events": events, "reason": event.label_nl() }))?,
    };
    Ok(Some(store.move_trajectory_phase(&m, actor, now).await?))
}

// ---- phases (issue 8 §5) --------------------------------------------------------------------

use crate::plans::PlanCase;
use crate::store::PhaseChange;
use koers_core::ids::TrajectoryId;
use koers_core::plan::{Signer, VersionStatus};
use koers_core::programme::{Phase, PhaseCompletion, ProgrammeRules};

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
/// completes on `artefact` (programme data, `completes_on`), the move to the next phase (or to
/// afgerond), to be written with the artefact's change; otherwise `None`.
pub fn phase_change_for(
    t: &TrajectoryRecord,
    phases: &[Phase],
    artefact: PhaseCompletion,
    reason: &str,
) -> Option<PhaseChange> {
    let index = usize::try_from(t.current_phase).ok()?;
    let phase = phases.get(index)?;
    (t.active && artefact != PhaseCompletion::Handmatig && phase.completes_on == artefact).then(|| PhaseChange {
        trajectory_id: TrajectoryId::new(t.id),
        expected_version: t.version,
        from: t.current_phase,
        to: t.current_phase + 1,
        reason: reason.to_owned(),
        action: "phase_completed".into(),
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
        trajectory_id: TrajectoryId::new(c.trajectory.id),
        expected_version,
        from: c.trajectory.current_phase,
        to,
        reason: reason.to_owned(),
        action: "phase".into(),
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
