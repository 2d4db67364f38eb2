//! One school as a row of the authenticated overviews (role home, board page, screening): name,
//! place, the GWGB+ verdict and Koers' traffic light, each as text (never colour alone).

use crate::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use koers_app::check::CheckOutcome;
use koers_app::schools::school_eligibility;
use koers_app::store::School;
use koers_core::{TrafficLight, Verdict};

#[derive(Debug, Clone)]
pub struct SchoolRow {
    pub id: i64,
    pub name: String,
    pub ovt: String,
    pub place: String,
    pub verdict: String,
    pub verdict_class: &'static str,
    pub light_class: &'static str,
    pub light_text: String,
}

/// The stable code of a verdict (URL filters, CSS classes).
pub fn verdict_code(v: Verdict) -> &'static str {
    match v {
        Verdict::Eligible => "eligible",
        Verdict::NotEligible => "not_eligible",
        Verdict::Undetermined => "undetermined",
        Verdict::ReferToRegularGwgb => "refer",
    }
}

pub const VERDICTS: [Verdict; 4] =
    [Verdict::Eligible, Verdict::NotEligible, Verdict::Undetermined, Verdict::ReferToRegularGwgb];

pub fn verdict_text(lang: Lang, v: Verdict) -> String {
    lang.t(match v {
        Verdict::Eligible => "verdict-eligible",
        Verdict::NotEligible => "verdict-not-eligible",
        Verdict::Undetermined => "verdict-undetermined",
        Verdict::ReferToRegularGwgb => "verdict-refer",
    })
}

/// The code of a light (`rood`, `oranje`, `groen`, `geen`).
pub fn light_code(l: Option<TrafficLight>) -> &'static str {
    l.map_or("geen", TrafficLight::label)
}

pub fn light_text(lang: Lang, l: Option<TrafficLight>) -> String {
    lang.t(match l {
        Some(TrafficLight::Rood) => "light-rood",
        Some(TrafficLight::Oranje) => "light-oranje",
        Some(TrafficLight::Groen) => "light-groen",
        None => "light-none",
    })
}

impl SchoolRow {
    pub fn new(lang: Lang, s: &School, o: &CheckOutcome) -> Self {
        let light = o.eligibility.light();
        Self {
            id: s.id.get(),
            name: s.name.clone(),
            ovt: s.ovt.to_string(),
            place: s.place.clone().unwrap_or_default(),
            verdict: verdict_text(lang, o.eligibility.verdict),
            verdict_class: match o.eligibility.verdict {
                Verdict::Eligible => "verdict-eligible",
                Verdict::NotEligible => "verdict-not_eligible",
                Verdict::Undetermined => "verdict-undetermined",
                Verdict::ReferToRegularGwgb => "verdict-refer",
            },
            light_class: match light {
                Some(TrafficLight::Rood) => "utrecht-status-badge utrecht-status-badge--danger light light-rood",
                Some(TrafficLight::Oranje) => "utrecht-status-badge utrecht-status-badge--warning light light-oranje",
                Some(TrafficLight::Groen) => "utrecht-status-badge utrecht-status-badge--safe light light-groen",
                None => "utrecht-status-badge utrecht-status-badge--neutral light light-geen",
            },
            light_text: light_text(lang, light),
        }
    }
}

/// Rows for a few schools (one eligibility each; the screening uses the bulk read instead).
pub async fn rows_for(state: &AppState, lang: Lang, schools: &[School]) -> Result<Vec<SchoolRow>, AppError> {
    let mut rows = Vec::with_capacity(schools.len());
    let rule = state.band_rule().await?;
    for s in schools {
        let o = school_eligibility(state.app.read(), s.id, state.app.norms(), &rule).await?;
        rows.push(SchoolRow::new(lang, s, &o));
    }
    Ok(rows)
}
