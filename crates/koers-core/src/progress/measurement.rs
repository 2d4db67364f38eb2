//! Indicator measurements, and new yearly register results for *results* indicators.
//!
//! **Register dates.** A test year's result is dated 31 July of that year, the last day of the
//! school year in which the test was taken ([`register_date`]); a results indicator's baseline
//! taken from the register uses the same convention, so "newer than the baseline" is a date
//! comparison. The value is the three-year value of the indicator's level (1F or 1S/2F), rounded
//! half away from zero to two decimals as the Inspectie publishes it.

use super::{MAX_NOTE, MAX_SHORT, ProgressError, check_date, check_len};
use crate::calendar::Date;
use crate::plan::{Indicator, IndicatorId, IndicatorKind, Plan};
use crate::results::{ThreeYear, round2};
use crate::types::TestYear;
use serde::{Deserialize, Serialize};

/// Where a measured value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MeasurementSource {
    /// Entered by the school or expert, with its source (`LVS januari`, `leerlingenquête`).
    Handmatig { source: String },
    /// Added from the register: the three-year value ending at `test_year`.
    Register { test_year: TestYear },
}

impl MeasurementSource {
    pub fn label_nl(&self) -> String {
        match self {
            MeasurementSource::Handmatig { source } => source.trim().to_owned(),
            MeasurementSource::Register { test_year } => {
                format!("register, driejaarsgemiddelde t/m {}", test_year.school_year_label())
            }
        }
    }
}

/// One measured value of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    pub indicator: IndicatorId,
    pub date: Date,
    pub value: f64,
    pub source: MeasurementSource,
    #[serde(default)]
    pub note: String,
}

/// May `m` be recorded? The indicator must be in `plan`, the value valid for its unit, the date
/// between the trajectory's start and today, the source filled in.
pub fn check_measurement(
    m: &Measurement,
    plan: &Plan,
    trajectory_start: Date,
    today: Date,
) -> Result<(), ProgressError> {
    let (_, indicator) = plan.indicator(m.indicator).ok_or(ProgressError::UnknownIndicator(m.indicator.get()))?;
    indicator.unit.check(m.value).map_err(ProgressError::Value)?;
    check_date(m.date, trajectory_start, today)?;
    if let MeasurementSource::Handmatig { source } = &m.source {
        if source.trim().is_empty() {
            return Err(ProgressError::NoSource);
        }
        check_len(source, "source", "bron", MAX_SHORT)?;
    }
    check_len(&m.note, "note", "toelichting", MAX_NOTE)
}

/// The latest measurement of `indicator` (by date; on the same date the later in the slice).
pub fn latest_measurement(indicator: IndicatorId, measurements: &[Measurement]) -> Option<&Measurement> {
    measurements.iter().filter(|m| m.indicator == indicator).fold(None, |best: Option<&Measurement>, m| match best {
        Some(b) if b.date > m.date => Some(b),
        _ => Some(m),
    })
}

/// The date a register result of `test_year` is recorded on: 31 July of that year.
pub fn register_date(test_year: TestYear) -> Date {
    Date::new(i32::from(test_year.get()), 7, 31).unwrap_or_else(|_| Date::from_days(0))
}

/// A three-year value from the register, ending at `test_year`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RegisterValue {
    pub test_year: TestYear,
    pub three_year: ThreeYear,
}

/// The measurements to add to a results indicator for new register values: those dated after
/// the baseline and not before the trajectory's start, not already recorded (idempotent: calling
/// again with the result added returns nothing). Other indicators get nothing. Sorted by year.
pub fn register_measurements(
    indicator: &Indicator,
    existing: &[Measurement],
    values: &[RegisterValue],
    trajectory_start: Date,
) -> Vec<Measurement> {
    let IndicatorKind::Resultaten { level } = indicator.kind else { return vec![] };
    let known = |year: TestYear| {
        existing.iter().any(|m| {
            m.indicator == indicator.id
                && matches!(m.source, MeasurementSource::Register { test_year } if test_year == year)
        })
    };
    let mut out: Vec<Measurement> = Vec::new();
    for v in values {
        let date = register_date(v.test_year);
        let value = round2(v.three_year.pct(level));
        if date <= indicator.baseline.date
            || date < trajectory_start
            || known(v.test_year)
            || out.iter().any(|m| m.date == date)
            || indicator.unit.check(value).is_err()
        {
            continue;
        }
        out.push(Measurement {
            indicator: indicator.id,
            date,
            value,
            source: MeasurementSource::Register { test_year: v.test_year },
            note: String::new(),
        });
    }
    out.sort_by_key(|m| m.date);
    out
}

/// One indicator's data for a chart and a report: the planned straight line from baseline to
/// target and the measured points (by date).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorSeries {
    pub indicator: IndicatorId,
    pub name: String,
    #[serde(flatten)]
    pub unit: crate::plan::Unit,
    /// (baseline date, baseline) → (target date, target).
    pub line: [(Date, f64); 2],
    pub points: Vec<(Date, f64)>,
    /// The latest point and the value on the line on its date.
    pub latest: Option<(Date, f64)>,
    pub expected_at_latest: Option<f64>,
    /// The latest value has reached the target.
    pub reached: bool,
}

/// The series of `indicator` from `measurements` (any indicator's; the others are skipped).
pub fn indicator_series(indicator: &Indicator, measurements: &[Measurement]) -> IndicatorSeries {
    let mut points: Vec<(Date, f64)> =
        measurements.iter().filter(|m| m.indicator == indicator.id).map(|m| (m.date, m.value)).collect();
    points.sort_by_key(|(date, _)| *date);
    let latest = latest_measurement(indicator.id, measurements).map(|m| (m.date, m.value));
    IndicatorSeries {
        indicator: indicator.id,
        name: indicator.name.clone(),
        unit: indicator.unit.clone(),
        line: [(indicator.baseline.date, indicator.baseline.value), (indicator.target_date, indicator.target)],
        points,
        latest,
        expected_at_latest: latest.map(|(date, _)| indicator.expected_at(date)),
        reached: latest.is_some_and(|(_, v)| indicator.reached(v)),
    }
}

/// (goals met, goals counted) for the programme monitor: a goal marked *behaald* is met, an
/// active goal is met when every indicator's latest value reached its target; *vervallen* goals
/// are not counted.
pub fn goals_met(plan: &Plan, measurements: &[Measurement]) -> (usize, usize) {
    use crate::plan::GoalState;
    let counted = plan.goals.iter().filter(|g| g.state != GoalState::Vervallen);
    let met = counted.clone().filter(|g| {
        g.state == GoalState::Behaald
            || (!g.indicators.is_empty()
                && g.indicators.iter().all(|i| {
                    latest_measurement(i.id, measurements)
                        .is_some_and(|m| m.date > i.baseline.date && i.reached(m.value))
                }))
    });
    (met.count(), counted.count())
}
