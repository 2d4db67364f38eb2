//! Plain Dutch sentences for reasons, levers and the verdict. Structured data stays the source
//! of truth; this only words it.

use super::{Eligibility, IndicatorBand, Lever, LeverGoal, Oordeel, Reason, Verdict};
use crate::nl::percent;

fn value_of(b: &IndicatorBand) -> String {
    format!("het driejaarsgemiddelde {} ({})", b.indicator.label(), percent(b.value))
}

impl Reason {
    /// One Dutch sentence (without the leading "omdat").
    pub fn text_nl(&self) -> String {
        match self {
            Reason::BelowSignaleringswaarde { band: b } => format!(
                "{} onder de signaleringswaarde ({}) ligt",
                value_of(b),
                percent(b.signaleringswaarde)
            ),
            Reason::WithinBand { band: b } => format!(
                "{} wel boven de signaleringswaarde ({}) ligt, maar onder de grenswaarde ({}): dichter bij de signaleringswaarde dan bij het gemiddelde van vergelijkbare scholen ({})",
                value_of(b),
                percent(b.signaleringswaarde),
                percent(b.grenswaarde),
                percent(b.comparable_mean)
            ),
            Reason::AboveBand { band: b } => format!(
                "{} boven de grenswaarde ({}) ligt (vergelijkbare scholen: {})",
                value_of(b),
                percent(b.grenswaarde),
                percent(b.comparable_mean)
            ),
            Reason::MissingYears { years } => {
                let ys: Vec<String> = years.iter().map(|y| y.school_year_label()).collect();
                format!("er voor schooljaar {} geen resultaten zijn; het model heeft drie jaren nodig", ys.join(" en "))
            }
            Reason::SmallSchool { pupils, min } => format!(
                "er over drie jaar {pupils} leerlingen zijn (minder dan {min}); de Inspectie beoordeelt een kleine school over vijf jaar"
            ),
            Reason::FewPupilsInYear { year, pupils, min } => format!(
                "er in schooljaar {} maar {pupils} leerlingen waren (minder dan {min})",
                year.school_year_label()
            ),
            Reason::DataSuppressed => "de jaarcijfers niet gepubliceerd zijn (afgeschermd met *)".to_owned(),
            Reason::NoSchoolweging => {
                "de schoolweging onbekend is, zodat de signaleringswaarde 1S/2F en vergelijkbare scholen niet vastliggen".to_owned()
            }
            Reason::Oordeel { oordeel } => format!(
                "de Inspectie de school als {} heeft beoordeeld",
                match oordeel {
                    Oordeel::Voldoende => "voldoende",
                    Oordeel::Onvoldoende => "onvoldoende",
                    Oordeel::ZeerZwak => "zeer zwak",
                }
            ),
            Reason::Herstelopdracht => "de school een herstelopdracht van de Inspectie heeft".to_owned(),
            Reason::PopulationNotDescribed => "de school haar leerlingpopulatie niet heeft beschreven".to_owned(),
            Reason::NoFittingAmbitions => {
                "de school geen ambities voor resultaten heeft die bij haar leerlingpopulatie passen".to_owned()
            }
            Reason::AmbitionsNotMet => "de school haar ambities in de meeste jaren niet heeft gehaald".to_owned(),
            Reason::QualitativeCriteriaMet => {
                "de school haar populatie heeft beschreven, passende ambities heeft en die in de meeste jaren haalt".to_owned()
            }
        }
    }
}

impl Lever {
    /// "Als volgend schooljaar minstens 14 van de 30 leerlingen 1S/2F halen (dit jaar 11), …"
    pub fn text_nl(&self) -> String {
        let ind = self.indicator.label();
        let n = self.next_pupils;
        let year = self.test_year.school_year_label();
        let line = match self.goal {
            LeverGoal::ReachSignaleringswaarde => format!("boven de signaleringswaarde ({})", percent(self.threshold)),
            LeverGoal::LeaveBand | LeverGoal::StayAboveBand => {
                format!("boven de grenswaarde ({})", percent(self.threshold))
            }
        };
        match (self.goal, self.required_at_level) {
            (LeverGoal::StayAboveBand, Some(0)) => format!(
                "Ook als in {year} geen van de {n} leerlingen {ind} haalt, blijft het driejaarsgemiddelde {ind} {line}."
            ),
            (LeverGoal::StayAboveBand, Some(c)) => format!(
                "Als in {year} minder dan {c} van de {n} leerlingen {ind} halen (dit jaar {}), zakt het driejaarsgemiddelde {ind} onder de grenswaarde ({}) en komt de school in de band.",
                self.latest_at_level,
                percent(self.threshold)
            ),
            (LeverGoal::StayAboveBand, None) => format!(
                "Ook als alle {n} leerlingen in {year} {ind} halen, zakt het driejaarsgemiddelde {ind} onder de grenswaarde ({}).",
                percent(self.threshold)
            ),
            (_, Some(c)) => {
                let extra = self.change_from_latest().unwrap_or(0);
                let cmp = if extra > 0 {
                    format!("{extra} meer dan dit jaar")
                } else {
                    format!("dit jaar waren het er {}", self.latest_at_level)
                };
                let effect = if self.goal == LeverGoal::LeaveBand {
                    " en valt de school voor deze indicator buiten de band"
                } else {
                    ""
                };
                format!(
                    "Als in {year} minstens {c} van de {n} leerlingen {ind} halen ({cmp}), komt het driejaarsgemiddelde {ind} {line}{effect}."
                )
            }
            (_, None) => format!(
                "Zelfs als alle {n} leerlingen in {year} {ind} halen, blijft het driejaarsgemiddelde {ind} onder {}.",
                line.trim_start_matches("boven ")
            ),
        }
    }
}

fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

/// The lever that comes closest to changing the verdict: for an eligible school the way out of
/// the band, for a school above the band the indicator with the smallest margin.
fn deciding_lever(e: &Eligibility) -> Option<&Lever> {
    match e.verdict {
        Verdict::Eligible => e.levers.iter().find(|l| l.goal == LeverGoal::LeaveBand),
        Verdict::NotEligible => e
            .levers
            .iter()
            .filter(|l| l.goal == LeverGoal::StayAboveBand)
            .max_by_key(|l| l.change_from_latest().unwrap_or(i64::MAX)),
        _ => None,
    }
}

pub(super) fn summary(e: &Eligibility) -> String {
    let texts: Vec<String> = match e.verdict {
        Verdict::Eligible => e
            .reasons
            .iter()
            .filter(|r| !matches!(r, Reason::AboveBand { .. } | Reason::QualitativeCriteriaMet))
            .map(Reason::text_nl)
            .collect(),
        _ => e.reasons.iter().map(Reason::text_nl).collect(),
    };
    let because = join(&texts);
    let mut s = match e.verdict {
        Verdict::Eligible => format!("Je school komt in aanmerking omdat {because}."),
        Verdict::NotEligible => format!("Je school komt niet in aanmerking omdat {because}."),
        Verdict::Undetermined => {
            format!(
                "Op basis van de resultaten is niet te bepalen of je school in aanmerking komt, omdat {because}. Neem contact op met het programma."
            )
        }
        Verdict::ReferToRegularGwgb => {
            format!("Je school kan terecht bij het reguliere programma Goed Worden, Goed Blijven, omdat {because}.")
        }
    };
    if let Some(l) = deciding_lever(e) {
        s.push(' ');
        s.push_str(&l.text_nl());
    }
    s
}
