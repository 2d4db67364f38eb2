//! The six rules (see the module doc of [`super`] for their boundaries).

use super::reason::{Reason, ReasonDetail};
use super::{OpKoersSettings, PlannedReview, Snapshot};
use crate::calendar::Date;
use crate::dagdelen::usage;
use crate::plan::{Indicator, Plan, Unit};
use crate::progress::{Measurement, MeasurementSource, StatusUpdate, current_status, latest_measurement};

/// Below the line by more than the margin plus this is off course; floating-point noise of a
/// computed line never decides.
pub const TOLERANCE: f64 = 1e-9;

pub(super) fn plan_not_signed_off(s: &Snapshot, today: Date, settings: &OpKoersSettings, out: &mut Vec<Reason>) {
    let (Some(submitted), None) = (s.zelfevaluatie_submitted, s.plan_vastgesteld) else { return };
    let days = submitted.days_until(today);
    if days >= 7 * i64::from(settings.plan_sign_off_weeks) {
        out.push(Reason::new(ReasonDetail::PlanNotSignedOff { submitted, days, weeks: settings.plan_sign_off_weeks }));
    }
}

pub(super) fn measures_overdue(plan: &Plan, updates: &[StatusUpdate], today: Date, out: &mut Vec<Reason>) {
    for m in plan.measures.iter().filter(|m| m.end < today) {
        let status = current_status(m.id, updates);
        if !status.is_closed() {
            out.push(Reason::new(ReasonDetail::MeasureOverdue {
                measure: m.id,
                what: m.what.clone(),
                end: m.end,
                days_overdue: m.end.days_until(today),
                status,
            }));
        }
    }
}

/// The margin for `indicator`, in its unit's terms.
pub fn margin_for(indicator: &Indicator, settings: &OpKoersSettings) -> f64 {
    indicator.margin.unwrap_or(match indicator.unit {
        Unit::Percentage => settings.margin_percentage_points,
        Unit::Score => settings.margin_score_points,
        Unit::Count | Unit::YesNo | Unit::Other { .. } => {
            settings.margin_fraction_of_change * (indicator.target - indicator.baseline.value).abs()
        }
    })
}

pub(super) fn indicators_below_line(
    plan: &Plan,
    measurements: &[Measurement],
    settings: &OpKoersSettings,
    out: &mut Vec<Reason>,
) {
    for ind in plan.active_goals().flat_map(|g| g.indicators.iter()) {
        let Some(m) = latest_measurement(ind.id, measurements).filter(|m| m.date > ind.baseline.date) else {
            continue;
        };
        let expected = ind.expected_at(m.date);
        let behind = -ind.gain(expected, m.value);
        let margin = margin_for(ind, settings);
        let off = if ind.unit == Unit::YesNo {
            m.date >= ind.target_date && !ind.reached(m.value)
        } else {
            behind > margin + TOLERANCE
        };
        if off {
            out.push(Reason::new(ReasonDetail::IndicatorBelowLine {
                indicator: ind.id,
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                date: m.date,
                value: m.value,
                expected,
                behind,
                margin,
                target: ind.target,
                target_date: ind.target_date,
            }));
        }
    }
}

pub(super) fn no_recent_update(s: &Snapshot, today: Date, settings: &OpKoersSettings, out: &mut Vec<Reason>) {
    let since = s.plan_vastgesteld.unwrap_or(s.trajectory_start);
    let updates = s.status_updates.iter().map(|u| u.date);
    let measured =
        s.measurements.iter().filter(|m| matches!(m.source, MeasurementSource::Handmatig { .. })).map(|m| m.date);
    let logged = s.activities.iter().map(|a| a.date);
    let last = updates.chain(measured).chain(logged).filter(|d| *d <= today).fold(since, Date::max);
    let days = last.days_until(today);
    if days >= 7 * i64::from(settings.no_update_weeks) {
        out.push(Reason::new(ReasonDetail::NoRecentUpdate { last, days, weeks: settings.no_update_weeks }));
    }
}

pub(super) fn dagdelen(s: &Snapshot, out: &mut Vec<Reason>) {
    let u = usage(s.plan.as_ref(), &s.time_log, s.budget_limit);
    if s.plan.is_some() {
        if u.spent > u.planned {
            let (planned, spent) = (u.planned, u.spent);
            out.push(Reason::new(ReasonDetail::DagdelenOverPlan {
                measure: None,
                what: String::new(),
                planned,
                spent,
            }));
        }
        for m in u.per_measure.iter().filter(|m| m.spent > m.planned) {
            out.push(Reason::new(ReasonDetail::DagdelenOverPlan {
                measure: Some(m.measure),
                what: m.what.clone(),
                planned: m.planned,
                spent: m.spent,
            }));
        }
    }
    if let Some(limit) = u.limit.filter(|l| u.spent > *l) {
        out.push(Reason::new(ReasonDetail::DagdelenOverBudget { limit, spent: u.spent }));
    }
}

pub(super) fn reviews_overdue(reviews: &[PlannedReview], today: Date, out: &mut Vec<Reason>) {
    for r in reviews.iter().filter(|r| r.held_on.is_none() && r.planned_on < today) {
        out.push(Reason::new(ReasonDetail::ReviewOverdue {
            name: r.name.clone(),
            planned_on: r.planned_on,
            days_overdue: r.planned_on.days_until(today),
        }));
    }
}
