//! The Inspectie's *onderwijsresultatenmodel* for PO (DOMAIN §1).
//!
//! Rounding rules: all arithmetic is in `f64` on the unrounded yearly percentages; the
//! three-year value is compared with the signaleringswaarde after rounding half away from zero
//! to two decimals, the precision the Inspectie publishes (an exact 85,00% is Boven). This
//! reproduces every published outcome in the 2023–2025 file (see the conformance test in
//! `koers-cli/tests/inspectie_conformance.rs`).

use crate::norms::NormSet;
use crate::types::{Category, Percentage, Schoolweging, TestYear, ValueError};
use serde::{Deserialize, Serialize};

/// The two indicators of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Indicator {
    /// Fundamental level 1F.
    #[serde(rename = "1F")]
    F1,
    /// Target level: rekenen 1S, lezen 2F, taalverzorging 2F.
    #[serde(rename = "1S/2F")]
    S1F2,
}

impl Indicator {
    pub const ALL: [Indicator; 2] = [Indicator::F1, Indicator::S1F2];
    pub fn label(self) -> &'static str {
        match self {
            Indicator::F1 => "1F",
            Indicator::S1F2 => "1S/2F",
        }
    }
}

/// One test year of one school: pupils who took the test (minus ontheffingen) and the two
/// percentages (each the mean of the three domain percentages).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct YearResult {
    pub test_year: TestYear,
    pub pupils: u32,
    pub pct_1f: Percentage,
    pub pct_1s2f: Percentage,
}

/// Pupils per domain (rekenen, lezen, taalverzorging) who reached a level.
pub type DomainCounts = [u32; 3];

impl YearResult {
    pub fn new(test_year: TestYear, pupils: u32, pct_1f: f64, pct_1s2f: f64) -> Result<Self, ValueError> {
        if pupils == 0 {
            return Err(ValueError::NoPupils);
        }
        Ok(Self { test_year, pupils, pct_1f: Percentage::new(pct_1f)?, pct_1s2f: Percentage::new(pct_1s2f)? })
    }

    /// From DUO-style counts: per domain the pupils at 1F or higher and at the target level.
    /// `%1F` = pupils×domains at ≥1F over `3·N` (DOMAIN §1.1).
    pub fn from_counts(
        test_year: TestYear,
        pupils: u32,
        at_1f: DomainCounts,
        at_1s2f: DomainCounts,
    ) -> Result<Self, ValueError> {
        if pupils == 0 {
            return Err(ValueError::NoPupils);
        }
        for &c in at_1f.iter().chain(at_1s2f.iter()) {
            if c > pupils {
                return Err(ValueError::MoreAtLevelThanPupils { at_level: c, pupils });
            }
        }
        let denom = 3.0 * f64::from(pupils);
        let pct = |c: DomainCounts| f64::from(c[0] + c[1] + c[2]) * 100.0 / denom;
        Self::new(test_year, pupils, pct(at_1f), pct(at_1s2f))
    }

    pub fn pct(&self, indicator: Indicator) -> f64 {
        match indicator {
            Indicator::F1 => self.pct_1f.get(),
            Indicator::S1F2 => self.pct_1s2f.get(),
        }
    }
}

/// What is known of one year of the window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum YearEntry {
    Present(YearResult),
    /// No result for that year (no test taken, school did not exist, not delivered).
    Missing,
    /// The year exists but its numbers were masked by the publisher (`*`): only published
    /// three-year values can be used.
    Suppressed,
}

/// A three-year value: total pupils and pupil-weighted percentages (unrounded).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ThreeYear {
    pub pupils: u32,
    pub pct_1f: f64,
    pub pct_1s2f: f64,
}

impl ThreeYear {
    /// Pupil-weighted mean `Σ %_y·N_y / Σ N_y` over the present years (DOMAIN §1.3); `None`
    /// when no year is present.
    pub fn weighted(years: &[YearEntry]) -> Option<Self> {
        let (mut n, mut s1, mut s2) = (0u32, 0.0f64, 0.0f64);
        for y in years {
            if let YearEntry::Present(r) = y {
                let w = f64::from(r.pupils);
                n += r.pupils;
                s1 += r.pct_1f.get() * w;
                s2 += r.pct_1s2f.get() * w;
            }
        }
        (n > 0).then(|| Self { pupils: n, pct_1f: s1 / f64::from(n), pct_1s2f: s2 / f64::from(n) })
    }

    pub fn pct(&self, indicator: Indicator) -> f64 {
        match indicator {
            Indicator::F1 => self.pct_1f,
            Indicator::S1F2 => self.pct_1s2f,
        }
    }
}

/// Round half away from zero to two decimals, the precision of the published values.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Everything the model needs about one school.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsInput {
    /// The three most recent test years, oldest first.
    pub window: [TestYear; 3],
    pub years: [YearEntry; 3],
    pub schoolweging: Option<Schoolweging>,
    /// Published three-year values, used only when a year is [`YearEntry::Suppressed`].
    pub published: Option<ThreeYear>,
}

/// The outcome per indicator, as the Inspectie labels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Boven,
    Onder,
    TeWeinigGegevens,
    KleineSchool,
}

impl Outcome {
    /// The Inspectie's own label, exactly as in the open data.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Boven => "Boven de signaleringswaarde",
            Outcome::Onder => "Onder de signaleringswaarde",
            Outcome::TeWeinigGegevens => "Te weinig gegevens",
            Outcome::KleineSchool => "Kleine school - Beoordeling over 5 jaar",
        }
    }
    pub fn from_label(s: &str) -> Option<Self> {
        [Outcome::Boven, Outcome::Onder, Outcome::TeWeinigGegevens, Outcome::KleineSchool]
            .into_iter()
            .find(|o| o.label() == s.trim())
    }
}

/// Whether the data suffice for a judgement over three years, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum DataStatus {
    Complete,
    /// One or more years of the window have no result (`missing[i]` for `window[i]`).
    MissingYears {
        missing: [bool; 3],
    },
    /// Fewer than `min` pupils over three years: judged over five years.
    SmallSchool {
        pupils: u32,
        min: u32,
    },
    /// Fewer than `min` pupils in one year.
    FewPupilsInYear {
        year: TestYear,
        pupils: u32,
        min: u32,
    },
    /// Yearly numbers masked and no published three-year values given.
    Suppressed,
}

impl DataStatus {
    fn outcome(self) -> Option<Outcome> {
        match self {
            DataStatus::Complete => None,
            DataStatus::SmallSchool { .. } => Some(Outcome::KleineSchool),
            _ => Some(Outcome::TeWeinigGegevens),
        }
    }
}

/// The model's result for one school.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub window: [TestYear; 3],
    pub status: DataStatus,
    /// Over the years present (also shown when the status is not complete, as the Inspectie does).
    pub three_year: Option<ThreeYear>,
    pub schoolweging: Option<Schoolweging>,
    pub category: Option<Category>,
    pub signaleringswaarde_1f: f64,
    pub signaleringswaarde_1s2f: Option<f64>,
    pub outcome_1f: Outcome,
    pub outcome_1s2f: Outcome,
}

impl Assessment {
    pub fn outcome(&self, indicator: Indicator) -> Outcome {
        match indicator {
            Indicator::F1 => self.outcome_1f,
            Indicator::S1F2 => self.outcome_1s2f,
        }
    }
    pub fn signaleringswaarde(&self, indicator: Indicator) -> Option<f64> {
        match indicator {
            Indicator::F1 => Some(self.signaleringswaarde_1f),
            Indicator::S1F2 => self.signaleringswaarde_1s2f,
        }
    }
    /// The three-year value rounded to two decimals, as published.
    pub fn value(&self, indicator: Indicator) -> Option<f64> {
        self.three_year.map(|t| round2(t.pct(indicator)))
    }
}

fn compare(value: f64, threshold: f64) -> Outcome {
    if round2(value) >= threshold - 1e-9 { Outcome::Boven } else { Outcome::Onder }
}

/// Apply the results model to one school (DOMAIN §1).
pub fn assess(input: &ResultsInput, norms: &NormSet) -> Assessment {
    let any_suppressed = input.years.iter().any(|y| matches!(y, YearEntry::Suppressed));
    let three_year = if any_suppressed { input.published } else { ThreeYear::weighted(&input.years) };
    let missing = input.years.map(|y| matches!(y, YearEntry::Missing));
    let status = if missing.iter().any(|m| *m) {
        DataStatus::MissingYears { missing }
    } else if let Some(t) = three_year {
        if t.pupils < norms.min_pupils_three_years {
            DataStatus::SmallSchool { pupils: t.pupils, min: norms.min_pupils_three_years }
        } else if let Some(r) = input.years.iter().find_map(|y| match y {
            YearEntry::Present(r) if r.pupils < norms.min_pupils_per_year => Some(r),
            _ => None,
        }) {
            DataStatus::FewPupilsInYear { year: r.test_year, pupils: r.pupils, min: norms.min_pupils_per_year }
        } else {
            DataStatus::Complete
        }
    } else {
        DataStatus::Suppressed
    };

    let category = input.schoolweging.map(Schoolweging::category);
    let sig_1f = norms.signaleringswaarde_1f;
    let sig_1s2f = category.map(|c| norms.signaleringswaarde(Indicator::S1F2, c));
    let (outcome_1f, outcome_1s2f) = match (status.outcome(), three_year) {
        (Some(o), _) => (o, o),
        (None, None) => (Outcome::TeWeinigGegevens, Outcome::TeWeinigGegevens),
        (None, Some(t)) => {
            let o1 = compare(t.pct_1f, sig_1f);
            let o2 = match sig_1s2f {
                Some(s) => compare(t.pct_1s2f, s),
                None => {
                    // Schoolweging unknown: the outcome is still certain when the value lies
                    // above every category's signaleringswaarde or below all of them.
                    let (lo, hi) = norms.signaleringswaarde_range(Indicator::S1F2);
                    match (compare(t.pct_1s2f, hi), compare(t.pct_1s2f, lo)) {
                        (Outcome::Boven, _) => Outcome::Boven,
                        (_, Outcome::Onder) => Outcome::Onder,
                        _ => Outcome::TeWeinigGegevens,
                    }
                }
            };
            (o1, o2)
        }
    };
    Assessment {
        window: input.window,
        status,
        three_year,
        schoolweging: input.schoolweging,
        category,
        signaleringswaarde_1f: sig_1f,
        signaleringswaarde_1s2f: sig_1s2f,
        outcome_1f,
        outcome_1s2f,
    }
}

#[cfg(test)]
mod tests;
