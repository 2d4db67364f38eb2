//! The charts of the reports, from the domain's data: an indicator against its line from the
//! nulmeting to the target (with the op-koers margin), and the zelfevaluatie's scores per
//! standard. A chart whose data cannot be drawn is left out with the reason as text, so one odd
//! indicator never stops a report.

use koers_core::format::FormResult;
use koers_core::op_koers::{OpKoersSettings, margin_for};
use koers_core::plan::{Indicator, Unit};
use koers_core::progress::Measurement;
use koers_reports::chart::indicator::Margin;
use koers_reports::chart::scores::Norm;
use koers_reports::chart::{ChartError, IndicatorChart, Point, Scale, ScoreRow, ScoresChart, Svg};

/// Why a chart is left out of a report; the Display text (Dutch) is shown in its place.
#[derive(Debug, thiserror::Error)]
pub enum NoChart {
    /// A yes/no indicator (its name) has no line to a target.
    #[error("'{0}' is een ja/nee-indicator: die heeft geen lijn naar het doel")]
    YesNo(String),
    #[error(transparent)]
    Chart(#[from] ChartError),
}

/// The value axis for an indicator's unit, wide enough for every value shown.
fn scale_for(unit: &Unit, values: &[f64]) -> Option<Scale> {
    match unit {
        Unit::Percentage => Some(Scale::percent()),
        Unit::Score => Some(Scale::linear(1.0, 4.0, 1.0, 0, "")),
        Unit::YesNo => None,
        Unit::Count => {
            let top = values.iter().copied().fold(1.0_f64, f64::max);
            let step = nice_step(top / 4.0);
            Some(Scale::linear(0.0, (top / step).ceil() * step, step, 0, ""))
        }
        Unit::Other { min, max, decimals, .. } => {
            let step = (max - min) / 4.0;
            (step > 0.0).then(|| Scale::linear(*min, *max, step, usize::from(*decimals).min(2), ""))
        }
    }
}

/// 1, 2, 5, 10, 20, 50… at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let mut step = 1.0;
    while step < raw {
        for f in [2.0, 2.5, 2.0] {
            step *= f;
            if step >= raw {
                return step;
            }
        }
    }
    step
}

/// The indicator against its line, with the measurements after the baseline; `Err` with the
/// reason in Dutch when it cannot be drawn (a yes/no indicator has no line).
pub fn indicator(i: &Indicator, measurements: &[Measurement], settings: &OpKoersSettings) -> Result<Svg, NoChart> {
    let mut mine: Vec<&Measurement> = measurements.iter().filter(|m| m.indicator == i.id).collect();
    mine.sort_by_key(|m| m.date);
    let values: Vec<f64> = mine.iter().map(|m| m.value).chain([i.baseline.value, i.target]).collect();
    let Some(scale) = scale_for(&i.unit, &values) else {
        return Err(NoChart::YesNo(i.name.clone()));
    };
    let point = |date, value| Point { date, value, label: i.unit.format(value) };
    let margin = margin_for(i, settings);
    let chart = IndicatorChart {
        title: i.name.clone(),
        description: String::new(),
        baseline: point(i.baseline.date, i.baseline.value),
        target: point(i.target_date, i.target),
        measurements: mine.iter().map(|m| point(m.date, m.value)).collect(),
        margin: (margin > 0.0).then(|| Margin {
            value: margin,
            legend: format!(
                "Marge: {} onder de lijn",
                koers_core::nl::decimal(margin, if margin.fract() == 0.0 { 0 } else { 2 })
            ),
        }),
        scale,
        line_legend: String::new(),
        measurements_legend: String::new(),
    };
    Ok(chart.render()?)
}

/// The zelfevaluatie's mean score per standard on 1–4, with basiskwaliteit (2) as the norm.
pub fn scores(result: &FormResult, title: &str) -> Result<Svg, ChartError> {
    let levels: Vec<String> = result.chart.scale.iter().map(|s| (*s).to_owned()).collect();
    let chart = ScoresChart {
        title: title.to_owned(),
        description: String::new(),
        levels: if levels.len() >= 2 {
            levels
        } else {
            ["onvoldoende", "voldoende", "goed", "excellent"].map(String::from).to_vec()
        },
        rows: result
            .chart
            .bars
            .iter()
            .map(|b| ScoreRow { label: b.label.clone(), score: b.value, value_text: String::new() })
            .collect(),
        norm: Some(Norm { value: 2.0, legend: "Basiskwaliteit (2)".into() }),
    };
    chart.render()
}
