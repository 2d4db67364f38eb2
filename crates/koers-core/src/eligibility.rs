//! Programme entry rules (DOMAIN §2–4): the GWGB+ results band with Koers' own traffic light, the
//! sbo/so/vso qualitative criteria, the board's inspection history and éénpitter criteria
//! ([`board`]), the VO verdict or demonstrable risk ([`vo`]); each gives a verdict with
//! structured reasons and a plain Dutch sentence, and for the band *what would change it*
//! ([`Lever`]).

pub mod board;
mod levers;
mod reason;
mod special;
pub mod table;
mod text;
pub mod vo;

pub use board::{
    BoardAssessment, BoardFacts, BoardOordeel, QualityConcern, RiskInvestigation, SchoolVerdict, assess_board,
};
pub use levers::{Lever, LeverGoal};
pub use reason::Reason;
pub use special::{SpecialAnswers, assess_special};
pub use table::{QualifyingTable, qualifying_table};
pub use vo::{RiskKind, VoFacts, VoRisk, assess_vo};

use crate::norms::NormSet;
use crate::programme::BandRule;
use crate::results::{Assessment, DataStatus, Indicator, round2};
use serde::{Deserialize, Serialize};

/// Koers' own traffic light (**not** an Inspectie label): rood below the signaleringswaarde,
/// oranje from the signaleringswaarde up to the grenswaarde, groen above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrafficLight {
    Rood,
    Oranje,
    Groen,
}

impl TrafficLight {
    pub fn label(self) -> &'static str {
        match self {
            TrafficLight::Rood => "rood",
            TrafficLight::Oranje => "oranje",
            TrafficLight::Groen => "groen",
        }
    }
}

/// The Inspectie's verdict on a school, when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Oordeel {
    Voldoende,
    Onvoldoende,
    ZeerZwak,
}

impl Oordeel {
    pub fn label_nl(self) -> &'static str {
        match self {
            Oordeel::Voldoende => "voldoende",
            Oordeel::Onvoldoende => "onvoldoende",
            Oordeel::ZeerZwak => "zeer zwak",
        }
    }
}

/// Facts about the school that are not in the results file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SchoolContext {
    pub oordeel: Option<Oordeel>,
    pub herstelopdracht: bool,
}

/// One indicator placed in the band.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct IndicatorBand {
    pub indicator: Indicator,
    /// Three-year value rounded to two decimals.
    pub value: f64,
    pub signaleringswaarde: f64,
    pub comparable_mean: f64,
    pub national_mean: f64,
    pub grenswaarde: f64,
    pub light: TrafficLight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Komt in aanmerking.
    Eligible,
    /// Komt niet in aanmerking.
    NotEligible,
    /// Cannot be decided from the results (too little data, small school, no schoolweging).
    Undetermined,
    /// Belongs in the regular GWGB programme (onvoldoende/zeer zwak or herstelopdracht).
    ReferToRegularGwgb,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Eligible => "komt in aanmerking",
            Verdict::NotEligible => "komt niet in aanmerking",
            Verdict::Undetermined => "niet te bepalen",
            Verdict::ReferToRegularGwgb => "verwijzen naar regulier GWGB",
        }
    }
}

/// The outcome of an entry rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Eligibility {
    pub verdict: Verdict,
    pub bands: Vec<IndicatorBand>,
    pub reasons: Vec<Reason>,
    pub levers: Vec<Lever>,
}

impl Eligibility {
    /// The worst light over the indicators; `None` when no band could be computed or the
    /// verdict could not be determined (the bands are then shown for information only).
    pub fn light(&self) -> Option<TrafficLight> {
        if self.verdict == Verdict::Undetermined {
            return None;
        }
        self.bands.iter().map(|b| b.light).min()
    }

    /// The verdict as one plain Dutch paragraph ("Je school komt in aanmerking omdat …").
    pub fn summary_nl(&self) -> String {
        text::summary(self)
    }

    /// The lever that comes closest to changing the verdict: for an eligible school the way out
    /// of the band, for a school above the band the indicator with the smallest margin. Every
    /// wording of the verdict (Dutch here, English in the web) names this one.
    pub fn deciding_lever(&self) -> Option<&Lever> {
        match self.verdict {
            Verdict::Eligible => self.levers.iter().find(|l| l.goal == LeverGoal::LeaveBand),
            Verdict::NotEligible => self
                .levers
                .iter()
                .filter(|l| l.goal == LeverGoal::StayAboveBand)
                .max_by_key(|l| l.change_from_latest().unwrap_or(i64::MAX)),
            _ => None,
        }
    }
}

impl IndicatorBand {
    /// The decimals to show this band's numbers with next to its verdict (1, or 2 when the value
    /// lies so close to the signaleringswaarde or the grenswaarde that one decimal would
    /// contradict the sentence; see [`crate::nl::places_for`]).
    pub fn places(&self) -> usize {
        crate::nl::places_for(self.value, self.signaleringswaarde)
            .max(crate::nl::places_for(self.value, round2(self.grenswaarde)))
    }
}

/// grenswaarde = signaleringswaarde + fraction × (comparable mean − signaleringswaarde).
pub fn grenswaarde(signaleringswaarde: f64, comparable_mean: f64, fraction: f64) -> f64 {
    signaleringswaarde + fraction * (comparable_mean - signaleringswaarde)
}

fn band(a: &Assessment, norms: &NormSet, rule: &BandRule, indicator: Indicator) -> Option<IndicatorBand> {
    let category = a.category?;
    let value = a.value(indicator)?;
    let signaleringswaarde = norms.signaleringswaarde(indicator, category);
    let comparable_mean = norms.comparable_mean(indicator, category);
    let grens = grenswaarde(signaleringswaarde, comparable_mean, rule.grens_fraction);
    let light = table::light_of(value, signaleringswaarde, grens);
    Some(IndicatorBand {
        indicator,
        value,
        signaleringswaarde,
        comparable_mean,
        national_mean: norms.national_mean(indicator),
        grenswaarde: grens,
        light,
    })
}

fn referral(ctx: &SchoolContext, onvoldoende: bool, herstel: bool) -> Vec<Reason> {
    let mut reasons = Vec::new();
    if let (true, Some(o @ (Oordeel::Onvoldoende | Oordeel::ZeerZwak))) = (onvoldoende, ctx.oordeel) {
        reasons.push(Reason::Oordeel { oordeel: o });
    }
    if herstel && ctx.herstelopdracht {
        reasons.push(Reason::Herstelopdracht);
    }
    reasons
}

/// The GWGB+ school rule: qualifies when at least `min_indicators_below_grens` indicators lie
/// below their grenswaarde. `input_years` (the yearly results) feed the levers.
pub fn assess_band(
    a: &Assessment,
    norms: &NormSet,
    rule: &BandRule,
    ctx: &SchoolContext,
    next: Option<&levers::NextYear>,
) -> Eligibility {
    let refer = referral(ctx, rule.refer_when_onvoldoende, rule.refer_when_herstelopdracht);
    let bands: Vec<IndicatorBand> = Indicator::ALL.iter().filter_map(|&i| band(a, norms, rule, i)).collect();
    if !refer.is_empty() {
        return Eligibility { verdict: Verdict::ReferToRegularGwgb, bands, reasons: refer, levers: Vec::new() };
    }
    let data_reason = match a.status {
        DataStatus::Complete => None,
        DataStatus::MissingYears { missing } => Some(Reason::MissingYears {
            years: a.window.iter().zip(missing).filter(|(_, m)| *m).map(|(y, _)| *y).collect(),
        }),
        DataStatus::SmallSchool { pupils, min } => Some(Reason::SmallSchool { pupils, min }),
        DataStatus::FewPupilsInYear { year, pupils, min } => Some(Reason::FewPupilsInYear { year, pupils, min }),
        DataStatus::Suppressed => Some(Reason::DataSuppressed),
    };
    if let Some(r) = data_reason {
        return Eligibility { verdict: Verdict::Undetermined, bands, reasons: vec![r], levers: Vec::new() };
    }
    if a.category.is_none() {
        return Eligibility {
            verdict: Verdict::Undetermined,
            bands,
            reasons: vec![Reason::NoSchoolweging],
            levers: Vec::new(),
        };
    }
    let below = bands.iter().filter(|b| b.light != TrafficLight::Groen).count();
    let verdict =
        if below >= usize::from(rule.min_indicators_below_grens) { Verdict::Eligible } else { Verdict::NotEligible };
    let reasons = bands
        .iter()
        .map(|b| match b.light {
            TrafficLight::Rood => Reason::BelowSignaleringswaarde { band: *b },
            TrafficLight::Oranje => Reason::WithinBand { band: *b },
            TrafficLight::Groen => Reason::AboveBand { band: *b },
        })
        .collect();
    let levers = next.map(|n| levers::levers(&bands, n)).unwrap_or_default();
    Eligibility { verdict, bands, reasons, levers }
}

pub use levers::NextYear;

#[cfg(test)]
mod tests;
