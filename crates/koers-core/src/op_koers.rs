//! "Op koers?" — the early warning (TRAJECTORY §4, issue 9 item 3): a pure rule set over a
//! [`Snapshot`] of one trajectory, "today" and the programme's [`OpKoersSettings`], returning
//! [`Assessment`]: on course, or not with structured [`Reason`]s (a [`ReasonKind`] to filter on,
//! the numbers in [`ReasonDetail`], and a Dutch sentence).
//!
//! The rules, with their boundaries (one of the few places where "exactly" matters):
//! 1. **Measure overdue** — its end date lies *before* today and its status is not gereed or
//!    geschrapt (ending today is on course; ending yesterday is overdue).
//! 2. **Indicator below the line** — the latest measurement after the baseline lies further
//!    below the straight line from baseline to target (at that measurement's date; the target
//!    after the target date) than the margin: strictly more than the margin is off course,
//!    exactly the margin is on course (compared with a tolerance of 10⁻⁹ in the unit's terms, so
//!    floating-point noise never decides). The margin is the indicator's own, else the setting
//!    for its unit: percentage points, score points, or — for counts and free units — a fraction
//!    of the planned change. A yes/no indicator has no line: it is off course when measured at
//!    or after its target date without having reached the target. Only active goals count.
//! 3. **No update for N weeks** — no status update, hand-entered measurement or logged activity
//!    for `no_update_weeks` × 7 days or more, counted from the last one (or from the day the plan
//!    was vastgesteld). Register results and dagdelen do not count: they are not a report on
//!    progress. Only once a plan is in force.
//! 4. **Dagdelen** — spent more than the plan (in total, and per expert measure) or more than
//!    the budget.
//! 5. **Plan not signed off** — `plan_sign_off_weeks` × 7 days or more after the zelfevaluatie was
//!    submitted and no version vastgesteld.
//! 6. **Review overdue** — a planned review whose date lies before today and that was not held.
//!
//! Adding data never makes things worse in a way that is not in the data itself: a later
//! measurement on the line never adds a reason (see the property tests).

mod reason;
mod rules;
#[cfg(test)]
mod tests;

pub use reason::{Reason, ReasonDetail, ReasonKind};
pub use rules::{TOLERANCE, margin_for};

use crate::calendar::Date;
use crate::dagdelen::TimeEntry;
use crate::plan::Plan;
use crate::progress::{ActivityEntry, Measurement, StatusUpdate};
use serde::{Deserialize, Serialize};

/// A programme's early-warning settings (`[op_koers]` in the programme TOML).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OpKoersSettings {
    /// Margin below the line for percentage indicators, in percentage points.
    pub margin_percentage_points: f64,
    /// Margin for score (1–4) indicators, in score points.
    pub margin_score_points: f64,
    /// Margin for counts and free units, as a fraction of the planned change |target − baseline|.
    pub margin_fraction_of_change: f64,
    /// Weeks without any update before a trajectory is off course.
    pub no_update_weeks: u32,
    /// Weeks after the zelfevaluatie was submitted within which the plan must be vastgesteld.
    pub plan_sign_off_weeks: u32,
}

impl Default for OpKoersSettings {
    fn default() -> Self {
        Self {
            margin_percentage_points: 5.0,
            margin_score_points: 0.25,
            margin_fraction_of_change: 0.10,
            no_update_weeks: 6,
            plan_sign_off_weeks: 8,
        }
    }
}

impl OpKoersSettings {
    /// Check the settings; `Err((field, Dutch detail))` names the field under `op_koers.`.
    pub fn check(&self) -> Result<(), (String, String)> {
        let range = |v: f64, lo: f64, hi: f64, name: &str| {
            if v.is_finite() && (lo..=hi).contains(&v) {
                Ok(())
            } else {
                Err((format!("op_koers.{name}"), format!("op_koers.{name} moet tussen {lo} en {hi} liggen")))
            }
        };
        range(self.margin_percentage_points, 0.0, 50.0, "margin_percentage_points")?;
        range(self.margin_score_points, 0.0, 3.0, "margin_score_points")?;
        range(self.margin_fraction_of_change, 0.0, 1.0, "margin_fraction_of_change")?;
        range(f64::from(self.no_update_weeks), 1.0, 52.0, "no_update_weeks")?;
        range(f64::from(self.plan_sign_off_weeks), 1.0, 52.0, "plan_sign_off_weeks")
    }
}

/// A review on the timeline (start review, midterm review / externe audit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedReview {
    /// `startreview`, `midterm-review (externe audit)`.
    pub name: String,
    pub planned_on: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_on: Option<Date>,
}

/// Everything the rules look at, for one trajectory. The store can keep it as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub trajectory_start: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zelfevaluatie_submitted: Option<Date>,
    /// The plan in force (the latest vastgestelde version); `None` before the first sign-off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    /// The day the first version was vastgesteld.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_vastgesteld: Option<Date>,
    #[serde(default)]
    pub status_updates: Vec<StatusUpdate>,
    #[serde(default)]
    pub measurements: Vec<Measurement>,
    #[serde(default)]
    pub activities: Vec<ActivityEntry>,
    #[serde(default)]
    pub time_log: Vec<TimeEntry>,
    /// The dagdelen budget in force, when the programme has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_limit: Option<u32>,
    #[serde(default)]
    pub reviews: Vec<PlannedReview>,
}

impl Snapshot {
    /// A trajectory that started on `trajectory_start` and has nothing else yet.
    pub fn new(trajectory_start: Date) -> Self {
        Self {
            trajectory_start,
            zelfevaluatie_submitted: None,
            plan: None,
            plan_vastgesteld: None,
            status_updates: vec![],
            measurements: vec![],
            activities: vec![],
            time_log: vec![],
            budget_limit: None,
            reviews: vec![],
        }
    }
}

/// The verdict: on course when there is no reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub on_course: bool,
    pub reasons: Vec<Reason>,
}

impl Assessment {
    /// `op koers` / `niet op koers`.
    pub fn label_nl(&self) -> &'static str {
        if self.on_course { "op koers" } else { "niet op koers" }
    }

    /// The reasons as Dutch sentences, in order.
    pub fn sentences_nl(&self) -> Vec<&str> {
        self.reasons.iter().map(|r| r.text.as_str()).collect()
    }

    /// Has a reason of this kind (for the staff dashboard's filter)?
    pub fn has(&self, kind: ReasonKind) -> bool {
        self.reasons.iter().any(|r| r.kind() == kind)
    }
}

/// Apply every rule to `snapshot` on `today`.
pub fn assess(snapshot: &Snapshot, today: Date, settings: &OpKoersSettings) -> Assessment {
    let mut reasons = Vec::new();
    rules::plan_not_signed_off(snapshot, today, settings, &mut reasons);
    if let Some(plan) = &snapshot.plan {
        rules::measures_overdue(plan, &snapshot.status_updates, today, &mut reasons);
        rules::indicators_below_line(plan, &snapshot.measurements, settings, &mut reasons);
        rules::no_recent_update(snapshot, today, settings, &mut reasons);
    }
    rules::dagdelen(snapshot, &mut reasons);
    rules::reviews_overdue(&snapshot.reviews, today, &mut reasons);
    Assessment { on_course: reasons.is_empty(), reasons }
}
