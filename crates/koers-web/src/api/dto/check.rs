//! The eligibility check: request and response.

use koers_app::check::CheckOutcome;
use koers_core::Indicator;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The serde name of a unit enum (`Verdict::Eligible` → `eligible`).
fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Object(m)) => {
            m.get("status").or_else(|| m.get("reason")).and_then(|v| v.as_str()).unwrap_or_default().to_owned()
        }
        _ => String::new(),
    }
}

/// One year typed in by hand.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct YearIn {
    /// The test year (2000–2100; there was no test in 2020).
    #[serde(deserialize_with = "crate::api::json::whole")]
    #[schema(minimum = 2000, maximum = 2100)]
    pub test_year: u16,
    /// Pupils in that year's group 8 (at least 1).
    #[serde(deserialize_with = "crate::api::json::whole")]
    #[schema(minimum = 1, maximum = 100000)]
    pub pupils: u32,
    /// Mean percentage of the three domains at 1F or higher (0–100).
    #[schema(minimum = 0, maximum = 100)]
    pub pct_1f: f64,
    /// Mean percentage at the target level: rekenen 1S, lezen 2F, taalverzorging 2F (0–100).
    #[schema(minimum = 0, maximum = 100)]
    pub pct_1s2f: f64,
}

/// `POST /api/v1/eligibility`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// One to three different test years within three consecutive tests.
    #[schema(min_items = 1, max_items = 3)]
    pub years: Vec<YearIn>,
    /// Three-year schoolweging (needed for the 1S/2F signaleringswaarde), 0–100.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100)]
    pub schoolweging: Option<f64>,
    /// Pupils expected next year (for the levers, at least 1); default: as many as in the
    /// latest year.
    #[serde(default, deserialize_with = "crate::api::json::whole_opt")]
    #[schema(minimum = 1, maximum = 100000)]
    pub next_pupils: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorAssessment {
    /// `1F` or `1S/2F`.
    pub indicator: String,
    /// Three-year value, rounded to two decimals as published.
    pub value: Option<f64>,
    pub signaleringswaarde: Option<f64>,
    /// `boven`, `onder`, `te_weinig_gegevens` or `kleine_school`.
    pub outcome: String,
    /// The Inspectie's own label.
    pub outcome_label: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentDto {
    /// Test years of the window, oldest first.
    pub window: Vec<u16>,
    /// `complete`, `missing_years`, `small_school`, `few_pupils_in_year` or `suppressed`.
    pub status: String,
    pub pupils: Option<u32>,
    pub schoolweging: Option<f64>,
    /// Schoolwegingscategorie, e.g. `[31,32)`.
    pub category: Option<String>,
    pub indicators: Vec<IndicatorAssessment>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BandDto {
    pub indicator: String,
    pub value: f64,
    pub signaleringswaarde: f64,
    pub comparable_mean: f64,
    pub national_mean: f64,
    /// Koers' own grenswaarde (programme setting).
    pub grenswaarde: f64,
    /// Koers' own traffic light (not an Inspectie label): `rood`, `oranje` or `groen`.
    pub light: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReasonDto {
    /// e.g. `below_signaleringswaarde`, `within_band`, `missing_years`.
    pub code: String,
    pub text_nl: String,
    /// The structured reason with its numbers.
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LeverDto {
    pub indicator: String,
    /// `reach_signaleringswaarde`, `leave_band` or `stay_above_band`.
    pub goal: String,
    pub threshold: f64,
    pub test_year: u16,
    pub next_pupils: u32,
    /// Least pupils at level next year to reach the threshold; null: not reachable.
    pub required_at_level: Option<u32>,
    pub latest_at_level: u32,
    pub text_nl: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EligibilityDto {
    /// `eligible`, `not_eligible`, `undetermined` or `refer_to_regular_gwgb`.
    pub verdict: String,
    /// The worst traffic light, null when undetermined.
    pub light: Option<String>,
    pub bands: Vec<BandDto>,
    pub reasons: Vec<ReasonDto>,
    pub levers: Vec<LeverDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CheckResponse {
    /// Id of the norm table used.
    pub norms: String,
    pub assessment: AssessmentDto,
    pub eligibility: EligibilityDto,
    /// The verdict in one Dutch paragraph ("Je school komt in aanmerking omdat …").
    pub summary_nl: String,
}

impl From<&CheckOutcome> for CheckResponse {
    fn from(o: &CheckOutcome) -> Self {
        let a = &o.assessment;
        let e = &o.eligibility;
        let indicators = Indicator::ALL
            .iter()
            .map(|&i| IndicatorAssessment {
                indicator: i.label().to_owned(),
                value: a.value(i),
                signaleringswaarde: a.signaleringswaarde(i),
                outcome: name(&a.outcome(i)),
                outcome_label: a.outcome(i).label().to_owned(),
            })
            .collect();
        let bands = e
            .bands
            .iter()
            .map(|b| BandDto {
                indicator: b.indicator.label().to_owned(),
                value: b.value,
                signaleringswaarde: b.signaleringswaarde,
                comparable_mean: b.comparable_mean,
                national_mean: b.national_mean,
                grenswaarde: b.grenswaarde,
                light: b.light.label().to_owned(),
            })
            .collect();
        let reasons = e
            .reasons
            .iter()
            .map(|r| ReasonDto {
                code: name(r),
                text_nl: r.text_nl(),
                data: serde_json::to_value(r).unwrap_or_default(),
            })
            .collect();
        let levers = e
            .levers
            .iter()
            .map(|l| LeverDto {
                indicator: l.indicator.label().to_owned(),
                goal: name(&l.goal),
                threshold: l.threshold,
                test_year: l.test_year.get(),
                next_pupils: l.next_pupils,
                required_at_level: l.required_at_level,
                latest_at_level: l.latest_at_level,
                text_nl: l.text_nl(),
            })
            .collect();
        Self {
            norms: o.norms_id.clone(),
            assessment: AssessmentDto {
                window: o.window.iter().map(|y| y.get()).collect(),
                status: name(&a.status),
                pupils: a.three_year.map(|t| t.pupils),
                schoolweging: a.schoolweging.map(|w| w.get()),
                category: a.category.map(|c| c.label()),
                indicators,
            },
            eligibility: EligibilityDto {
                verdict: name(&e.verdict),
                light: e.light().map(|l| l.label().to_owned()),
                bands,
                reasons,
                levers,
            },
            summary_nl: e.summary_nl(),
        }
    }
}
