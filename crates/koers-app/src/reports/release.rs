//! Releasing the voortgangsrapportage for the Inspectie (issue 9 §5): the school leader releases
//! it; the release keeps the anonymised facts of that day (role names only, no notes), so the
//! board, programme staff and — through them — the Inspectie read exactly what was released.
//! Audited (`report_release`) in the same transaction as the release.

use super::facts::{ProgressFacts, gather};
use super::{ReportKind, access, unavailable};
use crate::error::{Error, Result};
use crate::plans::PlanCase;
use crate::programmes::Programmes;
use crate::store::{Actor, NewRelease, ReportRelease, Store, StoreRead};
use koers_core::access::Principal;
use koers_core::calendar::Date;
use koers_core::ids::TrajectoryId;

/// The newest release of the Inspectie report with its facts, if any.
pub async fn latest(store: &dyn StoreRead, id: TrajectoryId) -> Result<Option<(ReportRelease, ProgressFacts)>> {
    let releases = store.report_releases(id, ReportKind::VoortgangInspectie.code()).await?;
    let Some(r) = releases.into_iter().next() else { return Ok(None) };
    let facts: ProgressFacts = serde_json::from_str(&r.facts_json)?;
    Ok(Some((r, facts)))
}

/// The school leader releases the Inspectie report as it stands on `today`.
pub async fn release(
    store: &dyn Store,
    programmes: &Programmes,
    who: &Principal,
    case: &PlanCase,
    actor: &Actor,
    today: Date,
    now: i64,
) -> Result<ReportRelease> {
    let kind = ReportKind::VoortgangInspectie;
    if !kind.applies_to(case.programme.as_ref()) {
        return Err(unavailable(kind, "dit programma rapporteert niet aan de Inspectie"));
    }
    if !access::rights(who, case).release {
        return Err(Error::Forbidden);
    }
    let facts = gather(store, programmes, case, kind, today).await?.anonymised();
    let new = NewRelease {
        trajectory_id: case.trajectory.id,
        kind: kind.code().to_owned(),
        facts_json: serde_json::to_string(&facts)?,
        released_role: "Schoolleider".to_owned(),
    };
    Ok(store.release_report(&new, actor, now).await?)
}
