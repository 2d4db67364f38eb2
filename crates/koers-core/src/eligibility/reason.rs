//! [`Reason`]: why a verdict was reached, as structured data (the UI and the API show *why*);
//! the Dutch wording lives in `text.rs`.

use super::{IndicatorBand, Oordeel, board, vo};
use crate::types::TestYear;
use serde::{Deserialize, Serialize};

/// Why a verdict was reached: which rule decided it, with the numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    BelowSignaleringswaarde {
        band: IndicatorBand,
    },
    WithinBand {
        band: IndicatorBand,
    },
    AboveBand {
        band: IndicatorBand,
    },
    MissingYears {
        years: Vec<TestYear>,
    },
    SmallSchool {
        pupils: u32,
        min: u32,
    },
    FewPupilsInYear {
        year: TestYear,
        pupils: u32,
        min: u32,
    },
    DataSuppressed,
    NoSchoolweging,
    Oordeel {
        oordeel: Oordeel,
    },
    Herstelopdracht,
    PopulationNotDescribed,
    NoFittingAmbitions,
    AmbitionsNotMet,
    QualitativeCriteriaMet,
    // GWGB+ bestuur (DOMAIN §3); years are calendar years.
    /// A school of the board was judged onvoldoende or zeer zwak.
    SchoolJudgedWeak {
        school: String,
        year: u16,
        oordeel: Oordeel,
    },
    /// The Inspectie investigated a school of the board because of risks.
    InvestigatedForRisks {
        school: String,
        year: u16,
    },
    /// A board assessment without onvoldoende gave clear development assignments.
    DevelopmentAssignments {
        year: u16,
    },
    /// A fact that would have counted, but lies outside the last `years` years.
    LongerAgo {
        years: u8,
        fact: Box<Reason>,
    },
    /// None of the board criteria holds within the last `years` years.
    NoBoardCriteriaMet {
        years: u8,
    },
    /// The éénpitter's concerns about its quality system.
    QualityConcerns {
        concerns: Vec<board::QualityConcern>,
    },
    /// The éénpitter named no concerns about its quality system.
    NoQualityConcerns,
    /// The éénpitter was not judged voldoende or goed without herstelopdrachten lately.
    NotJudgedWellRecently {
        years: u8,
    },
    /// The éénpitter was judged voldoende or goed without herstelopdrachten lately.
    JudgedWellRecently {
        year: u16,
        oordeel: board::BoardOordeel,
        years: u8,
    },
    // Leren Verbeteren (VO, DOMAIN §4).
    /// A department (afdeling) was judged.
    DepartmentOordeel {
        department: String,
        oordeel: Oordeel,
    },
    /// A named risk with what shows it.
    DemonstrableRisk {
        risk: vo::RiskKind,
        evidence: String,
    },
    /// A risk named without saying what shows it.
    RiskNotSubstantiated {
        risk: vo::RiskKind,
    },
    /// Neither onvoldoende/zeer zwak nor a demonstrable risk (NPO).
    NoVerdictOrRisk,
    /// Procesbegeleiding needs an onvoldoende or zeer zwak verdict.
    VerdictRequired,
}

impl Reason {
    /// Whether the reason is about a board rather than a school (it decides "Je bestuur …").
    pub fn is_about_board(&self) -> bool {
        matches!(
            self,
            Reason::SchoolJudgedWeak { .. }
                | Reason::InvestigatedForRisks { .. }
                | Reason::DevelopmentAssignments { .. }
                | Reason::LongerAgo { .. }
                | Reason::NoBoardCriteriaMet { .. }
                | Reason::QualityConcerns { .. }
                | Reason::NoQualityConcerns
                | Reason::NotJudgedWellRecently { .. }
                | Reason::JudgedWellRecently { .. }
        )
    }
}
