//! New yearly register results into results indicators (issue 9 item 1): after an import, every
//! running trajectory of a school whose plan in force has a results indicator (1F or 1S/2F)
//! gets the three-year values newer than the indicator's baseline as measurements — computed
//! by core (`progress::register_measurements`, idempotent) and kept once per indicator and
//! test year by the store.

use crate::error::Result;
use crate::schools::input_from_rows;
use crate::store::{Actor, Store, StoreError, TrajectoryFilter};
use koers_core::ThreeYear;
use koers_core::calendar::Date;
use koers_core::plan::{IndicatorKind, PlanHistory};
use koers_core::progress::{RegisterValue, register_measurements};
use koers_core::types::TestYear;

/// The three-year values of a school ending at each test year it has results for.
pub fn register_values(results: &[crate::store::ResultYear]) -> Vec<RegisterValue> {
    let mut years: Vec<u16> = results.iter().filter_map(|r| u16::try_from(r.test_year).ok()).collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .filter_map(|y| TestYear::new(y).ok())
        .filter_map(|ty| {
            let input = input_from_rows(results, None, None, ty);
            ThreeYear::weighted(&input.years).map(|three_year| RegisterValue { test_year: ty, three_year })
        })
        .collect()
}

/// Add new register results to the results indicators of every running school trajectory;
/// returns the number of measurements written.
pub async fn into_trajectories(store: &dyn Store, actor: &Actor, now: i64) -> Result<usize> {
    let filter = TrajectoryFilter { active_only: true, ..Default::default() };
    let mut written = 0;
    for t in store.list_trajectories(&filter).await? {
        let Some(school) = t.school_id else { continue };
        let id = t.id;
        let plan = match store.plan_of_trajectory(id).await {
            Ok(p) => p,
            Err(StoreError::NotFound) => continue,
            Err(e) => return Err(e.into()),
        };
        let Some(history) = PlanHistory::from_versions(plan.versions) else { continue };
        let Some(version) = history.in_force() else { continue };
        let results_indicators: Vec<_> = version
            .plan
            .active_goals()
            .flat_map(|g| g.indicators.iter())
            .filter(|i| matches!(i.kind, IndicatorKind::Resultaten { .. }))
            .collect();
        if results_indicators.is_empty() {
            continue;
        }
        let values = register_values(&store.results_of_school(school).await?);
        let existing = store.voortgang_of_trajectory(id).await?.measurement_values();
        let start = Date::of_instant(t.created_at);
        let new: Vec<_> =
            results_indicators.iter().flat_map(|i| register_measurements(i, &existing, &values, start)).collect();
        if !new.is_empty() {
            written += store.record_measurements(id, &new, "register_measurements", actor, now).await?.len();
        }
    }
    Ok(written)
}
