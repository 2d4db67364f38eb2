//! The school's own calculation on an application (issue 10 §3): a PO school may apply with the
//! numbers it entered in `/check` — for instance this year's results, not yet published — next to
//! the register's. The app recomputes it (never trusting a posted verdict), stores it with the
//! application marked "eigen berekening" (in the entry facts, which the results band does not
//! otherwise use) and lets it open the door when the register alone would not: staff weigh it in
//! the kennismaking. A referral (onvoldoende, zeer zwak, herstelopdracht) still stands.

use crate::check::{CheckInput, FieldError, check};
use crate::error::{Error, Result};
use koers_core::programme::BandRule;
use koers_core::{Indicator, NormLibrary, Verdict, YearEntry};
use serde::{Deserialize, Serialize};

/// One year as the school entered it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnYear {
    pub test_year: u16,
    pub pupils: u32,
    pub pct_1f: f64,
    pub pct_1s2f: f64,
}

/// The calculation as stored with the application ("eigen berekening").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnCalculation {
    pub years: Vec<OwnYear>,
    pub schoolweging: Option<f64>,
    pub norms_id: String,
    /// Three-year value per indicator (1F, 1S/2F), when computable.
    pub values: Vec<(String, Option<f64>)>,
    pub verdict: Verdict,
    /// The verdict as one Dutch paragraph.
    pub summary_nl: String,
}

/// What the entry facts of a results-band application hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BandFacts {
    pub eigen_berekening: OwnCalculation,
}

/// Recompute the school's own numbers by the programme's rule; field errors under
/// `eigen_berekening`.
pub fn calculate(input: &CheckInput, norms: &NormLibrary, rule: &BandRule) -> Result<OwnCalculation> {
    let o = check(input, norms, rule).map_err(|errors| {
        Error::Invalid(
            errors
                .into_iter()
                .map(|e| FieldError {
                    field: "eigen_berekening".into(),
                    detail: format!("eigen berekening, {}: {}", e.field, e.detail),
                })
                .collect(),
        )
    })?;
    let years = o
        .input
        .years
        .iter()
        .filter_map(|y| match y {
            YearEntry::Present(r) => Some(OwnYear {
                test_year: r.test_year.get(),
                pupils: r.pupils,
                pct_1f: r.pct_1f.get(),
                pct_1s2f: r.pct_1s2f.get(),
            }),
            _ => None,
        })
        .collect();
    Ok(OwnCalculation {
        years,
        schoolweging: input.schoolweging,
        norms_id: o.norms_id.clone(),
        values: Indicator::ALL.iter().map(|i| (i.label().to_owned(), o.assessment.value(*i))).collect(),
        verdict: o.eligibility.verdict,
        summary_nl: o.eligibility.summary_nl(),
    })
}

/// The own calculation stored in an application's entry facts, if any.
pub fn stored(entry_facts_json: Option<&str>) -> Option<OwnCalculation> {
    serde_json::from_str::<BandFacts>(entry_facts_json?).ok().map(|f| f.eigen_berekening)
}

/// May the application go ahead? The register's verdict, else the own calculation's: a school
/// the register leaves out but whose own numbers put it in the band may apply.
pub fn admits(register: Verdict, own: Option<&OwnCalculation>) -> bool {
    match register {
        Verdict::ReferToRegularGwgb => false,
        Verdict::NotEligible => own.is_some_and(|o| o.verdict == Verdict::Eligible),
        Verdict::Eligible | Verdict::Undetermined => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::YearInput;

    fn lib() -> NormLibrary {
        NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"))
    }

    fn pct(test_year: u16, pct_1s2f: f64) -> YearInput {
        YearInput::Percentages { test_year, pupils: 30, pct_1f: 97.0, pct_1s2f }
    }

    #[test]
    fn the_own_numbers_are_recomputed_and_kept() {
        let input = CheckInput {
            years: vec![pct(2023, 45.0), pct(2024, 45.0), pct(2025, 45.0)],
            schoolweging: Some(31.5),
            ..Default::default()
        };
        let own = calculate(&input, &lib(), &BandRule::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(own.verdict, Verdict::Eligible, "45,00 < grens 49,00 for category 31");
        assert_eq!(own.years.len(), 3);
        assert_eq!(own.values[1], ("1S/2F".to_owned(), Some(45.0)));
        let json = serde_json::to_string(&BandFacts { eigen_berekening: own.clone() }).unwrap_or_default();
        assert_eq!(stored(Some(&json)), Some(own));
        assert_eq!(stored(Some(r#"{"population_described":true}"#)), None);
        assert_eq!(stored(None), None);
    }

    #[test]
    fn bad_numbers_are_refused_under_the_field_in_dutch() {
        let input = CheckInput { years: vec![pct(2025, 145.0)], ..Default::default() };
        match calculate(&input, &lib(), &BandRule::default()) {
            Err(Error::Invalid(e)) => {
                assert_eq!(e[0].field, "eigen_berekening");
                assert!(e[0].detail.starts_with("eigen berekening, jaar 1 (2025):"), "{}", e[0].detail);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_own_calculation_opens_the_door_only_when_the_register_says_not_eligible() {
        let own = |verdict| OwnCalculation {
            years: vec![],
            schoolweging: None,
            norms_id: String::new(),
            values: vec![],
            verdict,
            summary_nl: String::new(),
        };
        assert!(admits(Verdict::NotEligible, Some(&own(Verdict::Eligible))));
        assert!(!admits(Verdict::NotEligible, Some(&own(Verdict::NotEligible))));
        assert!(!admits(Verdict::NotEligible, None));
        assert!(!admits(Verdict::ReferToRegularGwgb, Some(&own(Verdict::Eligible))), "a referral stands");
        assert!(admits(Verdict::Eligible, None));
        assert!(admits(Verdict::Undetermined, None));
    }
}
