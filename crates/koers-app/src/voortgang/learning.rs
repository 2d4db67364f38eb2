//! Programme-level learning (issue 9 item 6): per measure activity type, across a programme's
//! running and finished trajectories, how the indicators of the goals those measures serve
//! moved from their baseline to the latest measurement — count and median. Correlation, not
//! cause: a trajectory runs several measures at once, and schools differ.

use crate::error::Result;
use crate::programmes::Programmes;
use crate::store::{StoreError, StoreRead, TrajectoryFilter};
use koers_core::ids::TrajectoryId;
use koers_core::plan::{ActivityType, IndicatorKind, PlanHistory, Unit};
use koers_core::progress::latest_measurement;
use std::collections::BTreeMap;

/// One activity type's row.
#[derive(Debug, Clone, PartialEq)]
pub struct LearningRow {
    pub activity: ActivityType,
    /// Trajectories with at least one measure of this type and a measured indicator.
    pub trajectories: usize,
    /// Results indicators (1F / 1S-2F, percentages) measured after their baseline.
    pub results_indicators: usize,
    /// Median change of those, in percentage points in the intended direction.
    pub median_results_change: Option<f64>,
    /// Every indicator measured after its baseline (any unit).
    pub indicators: usize,
    /// Median share of the planned change reached (0.5 = halfway to the target), any unit.
    pub median_share_of_planned: Option<f64>,
}

/// The median of `values` (`None` when empty).
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 })
}

#[derive(Default)]
struct Acc {
    trajectories: std::collections::BTreeSet<TrajectoryId>,
    results: Vec<f64>,
    shares: Vec<f64>,
}

/// The learning rows of programme `programme_id`, by activity type (types without data left
/// out).
pub async fn rows(store: &dyn StoreRead, _programmes: &Programmes, programme_id: &str) -> Result<Vec<LearningRow>> {
    let filter = TrajectoryFilter { programme_id: Some(programme_id.to_owned()), ..Default::default() };
    let mut acc: BTreeMap<String, (ActivityType, Acc)> = BTreeMap::new();
    for t in store.list_trajectories(&filter).await? {
        let id = t.id;
        let plan = match store.plan_of_trajectory(id).await {
            Ok(p) => p,
            Err(StoreError::NotFound) => continue,
            Err(e) => return Err(e.into()),
        };
        let Some(history) = PlanHistory::from_versions(plan.versions) else { continue };
        let Some(version) = history.in_force() else { continue };
        let ms = store.voortgang_of_trajectory(id).await?.measurement_values();
        for m in &version.plan.measures {
            let key = format!("{:?}", m.activity);
            let entry = acc.entry(key).or_insert_with(|| (m.activity, Acc::default()));
            for goal in m.goals.iter().filter_map(|g| version.plan.goal(*g)) {
                for i in &goal.indicators {
                    let Some(latest) = latest_measurement(i.id, &ms).filter(|x| x.date > i.baseline.date) else {
                        continue;
                    };
                    entry.1.trajectories.insert(t.id);
                    let gain = i.gain(i.baseline.value, latest.value);
                    if matches!(i.kind, IndicatorKind::Resultaten { .. }) && i.unit == Unit::Percentage {
                        entry.1.results.push(gain);
                    }
                    let planned = i.gain(i.baseline.value, i.target);
                    if planned.abs() > f64::EPSILON {
                        entry.1.shares.push(gain / planned);
                    }
                }
            }
        }
    }
    Ok(acc
        .into_values()
        .filter(|(_, a)| !a.trajectories.is_empty())
        .map(|(activity, a)| LearningRow {
            activity,
            trajectories: a.trajectories.len(),
            results_indicators: a.results.len(),
            median_results_change: median(a.results),
            indicators: a.shares.len(),
            median_share_of_planned: median(a.shares),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn medians_of_odd_even_and_empty_lists() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(vec![-1.5]), Some(-1.5));
    }
}
