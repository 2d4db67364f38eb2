//! Submitting a form (the answers frozen as the baseline, the 0-meting) and confirming it;
//! each completes the current phase when the programme says so (`completes_on`
//! format-ingediend / format-bevestigd on the phase of this format), the move written in the
//! status's own transaction ([`crate::trajectories::phase_change_for`]).
//! And what the plan van aanpak starts from: the flagged verbeterpunten of submitted forms.

use super::form::{FormRef, filled_form, find, programme_of};
use super::{case_of, formats};
use crate::error::{Error, Result};
use crate::programmes::Programmes;
use crate::store::{Actor, PhaseChange, SelfEvaluationRecord, StatusWrite, Store, StoreRead, TrajectoryRecord};
use koers_core::NormLibrary;
use koers_core::access::Principal;
use koers_core::access::case::{may_confirm, may_submit};
use koers_core::format::{CandidateGoal, FormStatus, candidate_goals};
use koers_core::ids::TrajectoryId;
use koers_core::programme::Artefact;

/// Submit: refused (field `status`) unless a concept; (field `formulier`) while required items
/// are open. `Conflict` when anything was saved since `expected_version` was shown.
#[allow(clippy::too_many_arguments)]
pub async fn submit(
    store: &dyn Store,
    programmes: &Programmes,
    norms: &NormLibrary,
    who: &Principal,
    form: &FormRef,
    expected_version: i64,
    actor: &Actor,
    now: i64,
) -> Result<SelfEvaluationRecord> {
    let case = case_of(store, who, form.trajectory).await?;
    let record = find(store, form).await?.ok_or(Error::NotFound)?;
    let format = formats::at_version(store, &record.format_id, record.format_version).await?;
    if !may_submit(case.role, format.filled_by) {
        return Err(Error::Forbidden);
    }
    let next = record.status.submit().map_err(|e| Error::field("status", e.to_string()))?;
    if record.version != expected_version {
        return Err(Error::Conflict { current: None });
    }
    let filled = filled_form(store, &format, &record, Some((norms, &case))).await?;
    let open = koers_core::format::evaluate(&format, &filled).completeness.open;
    if let Some(first) = open.first() {
        return Err(Error::field(
            "formulier",
            format!(
                "er {} nog {} verplichte vragen open, bijvoorbeeld: {}",
                if open.len() == 1 { "staat" } else { "staan" },
                open.len(),
                first.label
            ),
        ));
    }
    let w = StatusWrite {
        id: record.id,
        expected_version,
        expected_answers_rev: Some(record.answers_rev),
        status: next,
        baseline_json: Some(serde_json::to_string(&filled)?),
        phase: phase_move(programmes, &case.trajectory, Artefact::FormSubmitted(&record.format_id)),
    };
    Ok(store.set_self_evaluation_status(&w, actor, now).await?)
}

/// The phase move the artefact causes in trajectory `t` (see
/// [`crate::trajectories::phase_change_for`]), written with the status.
fn phase_move(programmes: &Programmes, t: &TrajectoryRecord, artefact: Artefact<'_>) -> Option<PhaseChange> {
    let p = programme_of(programmes, t).ok()?;
    crate::trajectories::phase_change_for(t, &crate::trajectories::phases_of(t, Some(p)), artefact)
}

/// Confirm a submitted form (the expert or the programme's staff).
pub async fn confirm(
    store: &dyn Store,
    programmes: &Programmes,
    who: &Principal,
    form: &FormRef,
    expected_version: i64,
    actor: &Actor,
    now: i64,
) -> Result<SelfEvaluationRecord> {
    let case = case_of(store, who, form.trajectory).await?;
    if !may_confirm(case.role) {
        return Err(Error::Forbidden);
    }
    let record = find(store, form).await?.ok_or(Error::NotFound)?;
    let next = record.status.confirm().map_err(|e| Error::field("status", e.to_string()))?;
    let w = StatusWrite {
        id: record.id,
        expected_version,
        expected_answers_rev: None,
        status: next,
        baseline_json: None,
        phase: phase_move(programmes, &case.trajectory, Artefact::FormConfirmed(&record.format_id)),
    };
    Ok(store.set_self_evaluation_status(&w, actor, now).await?)
}

/// The flagged verbeterpunten of trajectory `trajectory` as candidate goals for the plan van
/// aanpak: from every submitted (ingediend or bevestigd) form's frozen baseline, in the order
/// of the forms and their formats. Empty while nothing is submitted. No access check: the
/// caller (the plan's use cases) checked who may see the trajectory.
pub async fn verbeterpunten(read: &dyn StoreRead, trajectory: TrajectoryId) -> Result<Vec<CandidateGoal>> {
    let mut out = Vec::new();
    for r in read.self_evaluations_of(trajectory).await? {
        if r.status == FormStatus::Concept {
            continue;
        }
        let Some(frozen) = r.baseline_json.as_deref() else { continue };
        let format = formats::at_version(read, &r.format_id, r.format_version).await?;
        out.extend(candidate_goals(&format, &serde_json::from_str(frozen)?));
    }
    Ok(out)
}
