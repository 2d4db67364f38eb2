//! Leren Verbeteren (VO, DOMAIN §4). A school or department qualifies when the Inspectie judged
//! it onvoldoende or zeer zwak, or — when the rule allows it (both shipped programmes do) — when
//! it has a demonstrable risk: falling results, or signals from leadership or team.
//! "Demonstrable" means the applicant says what shows it, or the register does (falling exam
//! pass rates, [`crate::inspection::falling_pass_rate`]); a risk named without evidence does not
//! count (and the reasons say so). A rule without the risk route requires the verdict.

use super::{Eligibility, Oordeel, Reason, Verdict};
use crate::programme::VoRule;
use serde::{Deserialize, Serialize};

/// The kinds of risk DOMAIN §4 names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskKind {
    FallingResults,
    LeadershipSignals,
    TeamSignals,
}

impl RiskKind {
    pub const ALL: [RiskKind; 3] = [RiskKind::FallingResults, RiskKind::LeadershipSignals, RiskKind::TeamSignals];

    pub fn label_nl(self) -> &'static str {
        match self {
            RiskKind::FallingResults => "dalende resultaten",
            RiskKind::LeadershipSignals => "signalen van de schoolleiding",
            RiskKind::TeamSignals => "signalen uit het team",
        }
    }
}

/// One risk the school names, with what shows it ("examencijfers havo drie jaar op rij gedaald").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoRisk {
    pub kind: RiskKind,
    pub evidence: String,
}

/// What the VO rule looks at.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VoFacts {
    /// The Inspectie's current verdict, when known.
    pub oordeel: Option<Oordeel>,
    /// The department (afdeling, e.g. "havo") the verdict is about; `None` for the whole school.
    pub department: Option<String>,
    pub risks: Vec<VoRisk>,
}

fn is_weak(o: Option<Oordeel>) -> bool {
    matches!(o, Some(Oordeel::Onvoldoende | Oordeel::ZeerZwak))
}

/// The Leren Verbeteren entry rule (NPO and procesbegeleiding, per [`VoRule`]).
pub fn assess_vo(facts: &VoFacts, rule: &VoRule) -> Eligibility {
    let verdict_reason = facts.oordeel.map(|oordeel| match facts.department.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() => Reason::DepartmentOordeel { department: d.to_owned(), oordeel },
        _ => Reason::Oordeel { oordeel },
    });
    let (mut risks, mut unsubstantiated) = (Vec::new(), Vec::new());
    if rule.demonstrable_risk_qualifies {
        for r in &facts.risks {
            match r.evidence.trim() {
                "" => unsubstantiated.push(Reason::RiskNotSubstantiated { risk: r.kind }),
                e => risks.push(Reason::DemonstrableRisk { risk: r.kind, evidence: e.to_owned() }),
            }
        }
    }
    let weak = is_weak(facts.oordeel);
    if weak || !risks.is_empty() {
        let mut reasons: Vec<Reason> = verdict_reason.filter(|_| weak).into_iter().collect();
        reasons.append(&mut risks);
        return Eligibility { verdict: Verdict::Eligible, bands: vec![], reasons, levers: vec![] };
    }
    let mut reasons =
        vec![if rule.demonstrable_risk_qualifies { Reason::NoVerdictOrRisk } else { Reason::VerdictRequired }];
    reasons.extend(verdict_reason);
    reasons.append(&mut unsubstantiated);
    Eligibility { verdict: Verdict::NotEligible, bands: vec![], reasons, levers: vec![] }
}

#[cfg(test)]
mod tests;
