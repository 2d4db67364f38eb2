//! Indicators: what a goal is measured by — a [`Unit`] with its valid range, a direction, a
//! baseline (value, date, source), a target and a target date. A *results* indicator
//! ([`IndicatorKind::Resultaten`]) follows the register's three-year 1F or 1S/2F value, so new
//! yearly results are added to it automatically (see [`crate::progress::register_measurements`]).

use super::IndicatorId;
use crate::calendar::Date;
use crate::nl::Dec;
use crate::results;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest free label of a unit (`lessen`, `leerlingen per groep`).
pub const MAX_UNIT_LABEL: usize = 40;

/// What an indicator's values are, and so which values are valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "unit", rename_all = "snake_case")]
pub enum Unit {
    /// 0–100 (`85,0%`); decimals allowed.
    Percentage,
    /// A rubric score 1–4 (1 onvoldoende … 4 goed); a mean may have decimals.
    Score,
    /// A whole number ≥ 0 (`12`).
    Count,
    /// Ja (1) or nee (0).
    YesNo,
    /// A free unit with its own valid range, e.g. `label = "gemiddeld cijfer"`, 1–10, 1 decimal.
    /// `decimals = 0` means whole numbers.
    Other { label: String, min: f64, max: f64, decimals: u8 },
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better (most indicators).
    #[default]
    Increase,
    /// Lower is better (verzuim, zittenblijvers, afstroom).
    Decrease,
}

impl Direction {
    pub fn label_nl(self) -> &'static str {
        match self {
            Direction::Increase => "hoger is beter",
            Direction::Decrease => "lager is beter",
        }
    }
}

/// Why a value does not fit its unit. Dutch; the caller says which field it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ValueProblem {
    #[error("'{text}' is geen getal; schrijf bijvoorbeeld 72,5")]
    NotANumber { text: String },
    #[error("{value} ligt buiten het bereik {range}")]
    OutOfRange { value: String, range: String },
    #[error("{value} is geen heel getal")]
    NotWhole { value: String },
    #[error("kies ja of nee")]
    NotYesNo,
}

impl Unit {
    /// (min, max) of valid values.
    pub fn range(&self) -> (f64, f64) {
        match self {
            Unit::Percentage => (0.0, 100.0),
            Unit::Score => (1.0, 4.0),
            Unit::Count => (0.0, 1_000_000.0),
            Unit::YesNo => (0.0, 1.0),
            Unit::Other { min, max, .. } => (*min, *max),
        }
    }

    /// Decimals shown (and allowed: 0 means whole numbers only).
    pub fn decimals(&self) -> usize {
        match self {
            Unit::Percentage | Unit::Score => 1,
            Unit::Count | Unit::YesNo => 0,
            Unit::Other { decimals, .. } => usize::from((*decimals).min(4)),
        }
    }

    /// Dutch name of the unit for forms and reports.
    pub fn label_nl(&self) -> String {
        match self {
            Unit::Percentage => "percentage".into(),
            Unit::Score => "score 1–4".into(),
            Unit::Count => "aantal".into(),
            Unit::YesNo => "ja/nee".into(),
            Unit::Other { label, .. } => label.trim().to_owned(),
        }
    }

    /// The valid range in Dutch: `0–100%`, `1–4`, `ja of nee`, `1–10 gemiddeld cijfer`.
    pub fn range_nl(&self) -> String {
        let (lo, hi) = self.range();
        match self {
            Unit::YesNo => "ja of nee".into(),
            Unit::Count => "0 of meer".into(),
            Unit::Percentage => format!("{}–{}%", shown(lo), shown(hi)),
            Unit::Score => format!("{}–{}", shown(lo), shown(hi)),
            Unit::Other { label, .. } => format!("{}–{} {}", shown(lo), shown(hi), label.trim()),
        }
    }

    /// Is `value` a valid value of this unit?
    pub fn check(&self, value: f64) -> Result<(), ValueProblem> {
        let (lo, hi) = self.range();
        if *self == Unit::YesNo && value != 0.0 && value != 1.0 {
            return Err(ValueProblem::NotYesNo);
        }
        if !value.is_finite() || value < lo || value > hi {
            return Err(ValueProblem::OutOfRange { value: shown(value), range: self.range_nl() });
        }
        if self.decimals() == 0 && value.fract() != 0.0 {
            return Err(ValueProblem::NotWhole { value: shown(value) });
        }
        Ok(())
    }

    /// Parse what a user typed: `72,5`, `72.5`, `72,5%` (percentage), `ja`/`nee` (yes/no), then
    /// [`Unit::check`] it. No thousands separators (indicator values are small).
    pub fn parse_value(&self, text: &str) -> Result<f64, ValueProblem> {
        let t = text.trim();
        if *self == Unit::YesNo {
            return match t.to_lowercase().as_str() {
                "ja" | "1" | "yes" => Ok(1.0),
                "nee" | "0" | "no" => Ok(0.0),
                _ => Err(ValueProblem::NotYesNo),
            };
        }
        let number = if *self == Unit::Percentage { t.strip_suffix('%').unwrap_or(t).trim_end() } else { t };
        let not_a_number = || ValueProblem::NotANumber { text: t.chars().take(40).collect() };
        if number.starts_with('+') {
            return Err(not_a_number());
        }
        let value = crate::nl::parse_decimal(number).ok_or_else(not_a_number)?;
        self.check(value)?;
        Ok(value)
    }

    /// A value the Dutch way, with its unit: `72,5%`, `3,2`, `12`, `ja`, `7,4 gemiddeld cijfer`.
    pub fn format(&self, value: f64) -> String {
        match self {
            Unit::Percentage => format!("{}%", Dec(value, 1)),
            Unit::YesNo => (if value >= 0.5 { "ja" } else { "nee" }).into(),
            Unit::Other { label, .. } if !label.trim().is_empty() => {
                format!("{} {}", self.format_bare(value), label.trim())
            }
            _ => self.format_bare(value),
        }
    }

    /// A value without its unit label: `72,5`, `12`.
    pub fn format_bare(&self, value: f64) -> String {
        Dec(value, self.decimals()).to_string()
    }

    /// Is the unit itself well-defined (a free unit needs a label and min < max)?
    pub fn check_definition(&self) -> Result<(), UnitProblem> {
        if let Unit::Other { label, min, max, decimals } = self {
            if label.trim().is_empty() {
                return Err(UnitProblem::NoLabel);
            }
            if label.chars().count() > MAX_UNIT_LABEL {
                return Err(UnitProblem::LabelTooLong { max: MAX_UNIT_LABEL });
            }
            if !min.is_finite() || !max.is_finite() || min >= max || min.abs() > 1e9 || max.abs() > 1e9 {
                return Err(UnitProblem::BadRange { min: shown(*min), max: shown(*max) });
            }
            if *decimals > 4 {
                return Err(UnitProblem::TooManyDecimals);
            }
        }
        Ok(())
    }
}

/// Why a free unit is not usable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum UnitProblem {
    #[error("een eigen eenheid heeft een naam nodig (bijvoorbeeld 'gemiddeld cijfer')")]
    NoLabel,
    #[error("de naam van de eenheid is te lang (hooguit {max} tekens)")]
    LabelTooLong { max: usize },
    #[error("het bereik {min}–{max} klopt niet: de ondergrens moet kleiner zijn dan de bovengrens")]
    BadRange { min: String, max: String },
    #[error("hooguit 4 decimalen")]
    TooManyDecimals,
}

/// A number for an error message: up to 4 decimals, Dutch comma, no trailing zeros.
pub(crate) fn shown(value: f64) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let s = Dec(value, 4).to_string();
    if s.contains(',') { s.trim_end_matches('0').trim_end_matches(',').to_owned() } else { s }
}

/// Where an indicator's values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IndicatorKind {
    /// Measured by the school or expert (LVS, observations, surveys, counts…).
    #[default]
    Eigen,
    /// The register's three-year value of 1F or 1S/2F (a percentage, higher is better); new
    /// yearly results are added as measurements automatically.
    Resultaten { level: results::Indicator },
}

/// The starting value and where it came from (the zelfevaluatie, the register, the LVS…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub value: f64,
    pub date: Date,
    pub source: String,
}

/// An indicator as typed in a form (no id yet); [`Indicator::new`] gives it one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorInput {
    pub name: String,
    #[serde(flatten)]
    pub unit: Unit,
    #[serde(default)]
    pub direction: Direction,
    pub baseline: Baseline,
    pub target: f64,
    pub target_date: Date,
    #[serde(default)]
    pub kind: IndicatorKind,
    /// Op-koers margin for this indicator, in the unit's terms; `None` = the programme's setting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
}

/// An indicator of a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: IndicatorId,
    pub name: String,
    #[serde(flatten)]
    pub unit: Unit,
    #[serde(default)]
    pub direction: Direction,
    pub baseline: Baseline,
    pub target: f64,
    pub target_date: Date,
    #[serde(default)]
    pub kind: IndicatorKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
}

impl Indicator {
    pub fn new(id: IndicatorId, input: IndicatorInput) -> Self {
        let IndicatorInput { name, unit, direction, baseline, target, target_date, kind, margin } = input;
        Self { id, name, unit, direction, baseline, target, target_date, kind, margin }
    }

    /// The editable fields, e.g. to fill a form.
    pub fn input(&self) -> IndicatorInput {
        IndicatorInput {
            name: self.name.clone(),
            unit: self.unit.clone(),
            direction: self.direction,
            baseline: self.baseline.clone(),
            target: self.target,
            target_date: self.target_date,
            kind: self.kind,
            margin: self.margin,
        }
    }

    /// How far `value` is past `reference` in the good direction (negative: behind).
    pub fn gain(&self, reference: f64, value: f64) -> f64 {
        match self.direction {
            Direction::Increase => value - reference,
            Direction::Decrease => reference - value,
        }
    }

    /// The value on the straight line from baseline to target at `date` (the baseline before its
    /// date, the target after the target date). Day-exact: the fraction is whole days elapsed
    /// over whole days planned.
    pub fn expected_at(&self, date: Date) -> f64 {
        let planned = self.baseline.date.days_until(self.target_date);
        let elapsed = self.baseline.date.days_until(date);
        if planned <= 0 || elapsed >= planned {
            return if elapsed >= 0 { self.target } else { self.baseline.value };
        }
        if elapsed <= 0 {
            return self.baseline.value;
        }
        self.baseline.value + (self.target - self.baseline.value) * elapsed as f64 / planned as f64
    }

    /// Has `value` reached the target?
    pub fn reached(&self, value: f64) -> bool {
        self.gain(self.target, value) >= -1e-9
    }
}

impl fmt::Display for Indicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: van {} naar {} op {}",
            self.name.trim(),
            self.unit.format(self.baseline.value),
            self.unit.format(self.target),
            self.target_date.nl()
        )
    }
}
