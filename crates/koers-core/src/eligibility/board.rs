//! GWGB+ bestuur (DOMAIN §3). A board qualifies when, in the last `lookback_years`, a school of
//! it was judged onvoldoende or zeer zwak, or the Inspectie investigated a school because of
//! risks, or a board assessment without an onvoldoende gave clear development assignments. An
//! **éénpitter** (a board with one school) also qualifies when it has concerns about its quality
//! system **and** was not judged voldoende or goed without herstelopdrachten in the last
//! `eenpitter_lookback_years`.
//!
//! Core has no clock: "the last N years" is relative to the `reference_year` argument. A fact of
//! year `y` counts when `reference_year − y ≤ N` (with N = 3 in 2026: 2023 counts, 2022 does
//! not). A year after the reference year counts as recent.

use super::{Eligibility, Oordeel, Reason, Verdict};
use crate::programme::BoardRule;
use serde::{Deserialize, Serialize};

/// The Inspectie's verdict on a board ("goed" was abolished in 2023 but counts for history).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardOordeel {
    Goed,
    Voldoende,
    Onvoldoende,
}

impl BoardOordeel {
    pub fn label_nl(self) -> &'static str {
        match self {
            BoardOordeel::Goed => "goed",
            BoardOordeel::Voldoende => "voldoende",
            BoardOordeel::Onvoldoende => "onvoldoende",
        }
    }
}

/// A verdict on one of the board's schools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolVerdict {
    /// The school's name as the applicant knows it.
    pub school: String,
    pub year: u16,
    pub oordeel: Oordeel,
}

/// An Inspectie investigation of one of the board's schools because of risks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskInvestigation {
    pub school: String,
    pub year: u16,
}

/// An Inspectie assessment of the board itself (vierjaarlijks onderzoek bestuur en scholen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardAssessment {
    pub year: u16,
    pub oordeel: BoardOordeel,
    /// The assessment came with herstelopdrachten.
    pub herstelopdrachten: bool,
    /// The assessment gave clear development assignments (ontwikkelopdrachten).
    pub development_assignments: bool,
}

/// What an éénpitter may be worried about in its quality system (DOMAIN §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualityConcern {
    /// The expectations under BKA1–3.
    BkaExpectations,
    /// Internal supervision of education quality.
    InternalSupervision,
    /// Board documents such as toezichtsvisie, toetsingskader, kwaliteitskalender.
    BoardDocuments,
    /// The roles of board, supervisors and (G)MR.
    Roles,
    Culture,
}

impl QualityConcern {
    pub const ALL: [QualityConcern; 5] = [
        QualityConcern::BkaExpectations,
        QualityConcern::InternalSupervision,
        QualityConcern::BoardDocuments,
        QualityConcern::Roles,
        QualityConcern::Culture,
    ];

    pub fn label_nl(self) -> &'static str {
        match self {
            QualityConcern::BkaExpectations => "de verwachtingen onder BKA1–3",
            QualityConcern::InternalSupervision => "het intern toezicht op de onderwijskwaliteit",
            QualityConcern::BoardDocuments => {
                "de bestuursdocumenten (toezichtsvisie, toetsingskader, kwaliteitskalender)"
            }
            QualityConcern::Roles => "de rollen van bestuur, toezichthouders en (G)MR",
            QualityConcern::Culture => "de kwaliteitscultuur",
        }
    }
}

/// Everything the board rule looks at, as the board (or staff) entered it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BoardFacts {
    /// The number of schools under the board; exactly 1 makes it an éénpitter.
    pub schools: u32,
    pub school_verdicts: Vec<SchoolVerdict>,
    pub risk_investigations: Vec<RiskInvestigation>,
    pub board_assessments: Vec<BoardAssessment>,
    /// Concerns about the quality system (asked of éénpitters).
    pub quality_concerns: Vec<QualityConcern>,
}

impl BoardFacts {
    pub fn is_eenpitter(&self) -> bool {
        self.schools == 1
    }
}

/// Is a fact of `year` within the last `years` years of `reference_year`?
pub fn within_last_years(year: u16, years: u8, reference_year: u16) -> bool {
    reference_year.saturating_sub(year) <= u16::from(years)
}

/// The GWGB+ bestuur entry rule. Eligible reasons list every criterion that holds; a board that
/// does not qualify gets [`Reason::NoBoardCriteriaMet`] plus the facts that were too long ago and,
/// for an éénpitter, why its own route did not apply.
pub fn assess_board(facts: &BoardFacts, rule: &BoardRule, reference_year: u16) -> Eligibility {
    let years = rule.lookback_years;
    let mut met = Vec::new();
    let mut too_old = Vec::new();
    let mut sort = |year: u16, reason: Reason| {
        if within_last_years(year, years, reference_year) {
            met.push(reason);
        } else {
            too_old.push(Reason::LongerAgo { years, fact: Box::new(reason) });
        }
    };
    for v in facts.school_verdicts.iter().filter(|v| v.oordeel != Oordeel::Voldoende) {
        sort(v.year, Reason::SchoolJudgedWeak { school: v.school.clone(), year: v.year, oordeel: v.oordeel });
    }
    for i in &facts.risk_investigations {
        sort(i.year, Reason::InvestigatedForRisks { school: i.school.clone(), year: i.year });
    }
    for a in &facts.board_assessments {
        if a.development_assignments && a.oordeel != BoardOordeel::Onvoldoende {
            sort(a.year, Reason::DevelopmentAssignments { year: a.year });
        }
    }
    let mut eenpitter = Vec::new();
    if facts.is_eenpitter() {
        let e_years = rule.eenpitter_lookback_years;
        let judged_well = facts
            .board_assessments
            .iter()
            .filter(|a| within_last_years(a.year, e_years, reference_year))
            .filter(|a| a.oordeel != BoardOordeel::Onvoldoende && !a.herstelopdrachten)
            .max_by_key(|a| a.year);
        let mut concerns = facts.quality_concerns.clone();
        concerns.sort_unstable();
        concerns.dedup();
        match (concerns.is_empty(), judged_well) {
            (false, None) => {
                met.push(Reason::QualityConcerns { concerns });
                met.push(Reason::NotJudgedWellRecently { years: e_years });
            }
            (no_concerns, well) => {
                if no_concerns {
                    eenpitter.push(Reason::NoQualityConcerns);
                }
                if let Some(a) = well {
                    eenpitter.push(Reason::JudgedWellRecently { year: a.year, oordeel: a.oordeel, years: e_years });
                }
            }
        }
    }
    if !met.is_empty() {
        return Eligibility { verdict: Verdict::Eligible, bands: vec![], reasons: met, levers: vec![] };
    }
    let mut reasons = vec![Reason::NoBoardCriteriaMet { years }];
    reasons.extend(too_old);
    reasons.extend(eenpitter);
    Eligibility { verdict: Verdict::NotEligible, bands: vec![], reasons, levers: vec![] }
}

#[cfg(test)]
mod tests;
