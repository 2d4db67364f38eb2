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
