//! GWGB+ gespecialiseerd (sbo, so, vso): the signaleringswaarde plays no role; a school
//! qualifies when one or more qualitative criteria hold (DOMAIN §2).

use super::{Eligibility, Reason, SchoolContext, Verdict, referral};
use crate::programme::SpecialRule;
use serde::{Deserialize, Serialize};

/// The school's answers to the three questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialAnswers {
    /// Has the school described its pupil population?
    pub population_described: bool,
    /// Does it have ambitions for results that fit that population?
    pub ambitions_fit_population: bool,
    /// Were those ambitions met in most of the recent years? (`None`: no ambitions set.)
    pub ambitions_met_most_years: Option<bool>,
}

pub fn assess_special(answers: &SpecialAnswers, rule: &SpecialRule, ctx: &SchoolContext) -> Eligibility {
    let refer = referral(ctx, rule.refer_when_onvoldoende, rule.refer_when_herstelopdracht);
    if !refer.is_empty() {
        return Eligibility { verdict: Verdict::ReferToRegularGwgb, bands: vec![], reasons: refer, levers: vec![] };
    }
    let mut reasons = Vec::new();
    if !answers.population_described {
        reasons.push(Reason::PopulationNotDescribed);
    }
    if !answers.ambitions_fit_population {
        reasons.push(Reason::NoFittingAmbitions);
    }
    if answers.ambitions_met_most_years == Some(false) {
        reasons.push(Reason::AmbitionsNotMet);
    }
    let verdict = if reasons.is_empty() { Verdict::NotEligible } else { Verdict::Eligible };
    if reasons.is_empty() {
        reasons.push(Reason::QualitativeCriteriaMet);
    }
    Eligibility { verdict, bands: vec![], reasons, levers: vec![] }
}
