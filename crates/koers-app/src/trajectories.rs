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
