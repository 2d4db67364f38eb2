//! Plain Dutch sentences for reasons, levers and the verdict. Structured data stays the source
//! of truth; this only words it.

use super::{Eligibility, IndicatorBand, Lever, LeverGoal, Reason, Verdict};
use crate::nl::{Pct, PctP};
use std::fmt::Write;

struct ValueOf<'a>(&'a IndicatorBand);

impl std::fmt::Display for ValueOf<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "het driejaarsgemiddelde {} ({})", self.0.indicator.label(), PctP(self.0.value, self.0.places()))
    }
}

impl Reason {
    /// One Dutch sentence (without the leading "omdat").
    pub fn text_nl(&self) -> String {
        let mut s = String::new();
        self.write_nl(&mut s);
        s
    }

    /// [`Reason::text_nl`] appended to `out` (no intermediate allocations).
    pub fn write_nl(&self, out: &mut String) {
        let _ = match self {
            Reason::BelowSignaleringswaarde { band: b } => write!(
                out,
                "{} onder de signaleringswaarde ({}) ligt",
                ValueOf(b),
                PctP(b.signaleringswaarde, b.places())
            ),
            Reason::WithinBand { band: b } => write!(
                out,
                "{} wel boven de signaleringswaarde ({}) ligt, maar onder de grenswaarde ({}): dichter bij de signaleringswaarde dan bij het gemiddelde van vergelijkbare scholen ({})",
                ValueOf(b),
                PctP(b.signaleringswaarde, b.places()),
                PctP(b.grenswaarde, b.places()),
                PctP(b.comparable_mean, b.places())
            ),
            Reason::AboveBand { band: b } => write!(
                out,
                "{} boven de grenswaarde ({}) ligt (vergelijkbare scholen: {})",
                ValueOf(b),
                PctP(b.grenswaarde, b.places()),
                PctP(b.comparable_mean, b.places())
            ),
            Reason::MissingYears { years } => {
                out.push_str("er voor schooljaar ");
                for (i, y) in years.iter().enumerate() {
                    out.push_str(if i == 0 { "" } else { " en " });
                    out.push_str(&y.school_year_label());
                }
                out.write_str(" geen resultaten zijn; het model heeft drie jaren nodig")
            }
            Reason::SmallSchool { pupils, min } => write!(
                out,
                "er over drie jaar {pupils} leerlingen zijn (minder dan {min}); de Inspectie beoordeelt een kleine school over vijf jaar"
            ),
            Reason::FewPupilsInYear { year, pupils, min } => write!(
                out,
                "er in schooljaar {} maar {pupils} leerlingen waren (minder dan {min})",
                year.school_year_label()
            ),
            Reason::DataSuppressed => out.write_str("de jaarcijfers niet gepubliceerd zijn (afgeschermd met *)"),
            Reason::NoSchoolweging => {
                out.write_str("de schoolweging onbekend is, zodat de signaleringswaarde 1S/2F en vergelijkbare scholen niet vastliggen")
            }
            Reason::Oordeel { oordeel } => {
                write!(out, "de Inspectie de school als {} heeft beoordeeld", oordeel.label_nl())
            }
            Reason::Herstelopdracht => out.write_str("de school een herstelopdracht van de Inspectie heeft"),
            Reason::PopulationNotDescribed => out.write_str("de school haar leerlingpopulatie niet heeft beschreven"),
            Reason::NoFittingAmbitions => {
                out.write_str("de school geen ambities voor resultaten heeft die bij haar leerlingpopulatie passen")
            }
            Reason::AmbitionsNotMet => out.write_str("de school haar ambities in de meeste jaren niet heeft gehaald"),
            Reason::QualitativeCriteriaMet => {
                out.write_str("de school haar populatie heeft beschreven, passende ambities heeft en die in de meeste jaren haalt")
            }
            Reason::SchoolJudgedWeak { school, year, oordeel } => {
                write!(out, "de Inspectie {school} in {year} als {} heeft beoordeeld", oordeel.label_nl())
            }
            Reason::InvestigatedForRisks { school, year } => {
                write!(out, "de Inspectie {school} in {year} vanwege risico's heeft onderzocht")
            }
            Reason::DevelopmentAssignments { year } => write!(
                out,
                "het bestuursonderzoek van {year} geen onvoldoende gaf, maar wel duidelijke ontwikkelopdrachten"
            ),
            Reason::LongerAgo { years, fact } => {
                fact.write_nl(out);
                write!(out, ", maar dat is langer dan {years} jaar geleden")
            }
            Reason::NoBoardCriteriaMet { years } => write!(
                out,
                "in de afgelopen {years} jaar geen school van het bestuur als onvoldoende of zeer zwak is beoordeeld, de Inspectie geen school vanwege risico's heeft onderzocht en geen bestuursonderzoek duidelijke ontwikkelopdrachten gaf"
            ),
            Reason::QualityConcerns { concerns } => {
                out.push_str("het bestuur zorgen heeft over ");
                for (i, c) in concerns.iter().enumerate() {
                    if i > 0 {
                        out.push_str(if i + 1 == concerns.len() { " en " } else { ", " });
                    }
                    out.push_str(c.label_nl());
                }
                Ok(())
            }
            Reason::NoQualityConcerns => {
                out.write_str("het bestuur als éénpitter geen zorgen over zijn kwaliteitszorg heeft genoemd")
            }
            Reason::NotJudgedWellRecently { years } => write!(
                out,
                "het bestuur in de afgelopen {years} jaar niet als voldoende of goed zonder herstelopdrachten is beoordeeld"
            ),
            Reason::JudgedWellRecently { year, oordeel, years } => write!(
                out,
                "de Inspectie het bestuur in {year} als {} zonder herstelopdrachten heeft beoordeeld (binnen {years} jaar)",
                oordeel.label_nl()
            ),
            Reason::DepartmentOordeel { department, oordeel } => {
                write!(out, "de Inspectie de afdeling {department} als {} heeft beoordeeld", oordeel.label_nl())
            }
            Reason::DemonstrableRisk { risk, evidence } => {
                write!(out, "er een aantoonbaar risico is: {} ({evidence})", risk.label_nl())
            }
            Reason::RiskNotSubstantiated { risk } => {
                write!(out, "bij het risico '{}' niet staat waaruit het blijkt", risk.label_nl())
            }
            Reason::NoVerdictOrRisk => out.write_str(
                "de Inspectie de school niet als onvoldoende of zeer zwak heeft beoordeeld en er geen aantoonbaar risico is (zoals dalende resultaten of signalen van schoolleiding of team)",
            ),
            Reason::VerdictRequired => out.write_str(
                "procesbegeleiding alleen bedoeld is voor scholen die de Inspectie als onvoldoende of zeer zwak heeft beoordeeld",
            ),
        };
    }
}

impl Lever {
    /// "Als volgend schooljaar minstens 14 van de 30 leerlingen 1S/2F halen (dit jaar 11), …"
    pub fn text_nl(&self) -> String {
        let ind = self.indicator.label();
        let n = self.next_pupils;
        let year = self.test_year.school_year_label();
        let line = match self.goal {
            LeverGoal::ReachSignaleringswaarde => format!("boven de signaleringswaarde ({})", Pct(self.threshold)),
            LeverGoal::LeaveBand | LeverGoal::StayAboveBand => {
                format!("boven de grenswaarde ({})", Pct(self.threshold))
            }
        };
        match (self.goal, self.required_at_level) {
            (LeverGoal::StayAboveBand, Some(0)) => format!(
                "Ook als in {year} geen van de {n} leerlingen {ind} haalt, blijft het driejaarsgemiddelde {ind} {line}."
            ),
            (LeverGoal::StayAboveBand, Some(c)) => format!(
                "Als in {year} minder dan {c} van de {n} leerlingen {ind} halen (dit jaar {}), zakt het driejaarsgemiddelde {ind} onder de grenswaarde ({}) en komt de school in de band.",
                self.latest_at_level,
                Pct(self.threshold)
            ),
            (LeverGoal::StayAboveBand, None) => format!(
                "Ook als alle {n} leerlingen in {year} {ind} halen, zakt het driejaarsgemiddelde {ind} onder de grenswaarde ({}).",
                Pct(self.threshold)
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

pub(super) fn summary(e: &Eligibility) -> String {
    let mut s = String::with_capacity(400);
    let subject = if e.reasons.iter().any(Reason::is_about_board) { "Je bestuur" } else { "Je school" };
    s.push_str(match e.verdict {
        Verdict::Eligible | Verdict::NotEligible => subject,
        _ => "",
    });
    s.push_str(match e.verdict {
        Verdict::Eligible => " komt in aanmerking omdat ",
        Verdict::NotEligible => " komt niet in aanmerking omdat ",
        Verdict::Undetermined => {
            "Op basis van de resultaten is niet te bepalen of je school in aanmerking komt, omdat "
        }
        Verdict::ReferToRegularGwgb => {
            "Je school kan terecht bij het reguliere programma Goed Worden, Goed Blijven, omdat "
        }
    });
    let shown: Vec<&Reason> = e
        .reasons
        .iter()
        .filter(|r| {
            e.verdict != Verdict::Eligible || !matches!(r, Reason::AboveBand { .. } | Reason::QualitativeCriteriaMet)
        })
        .collect();
    for (i, r) in shown.iter().enumerate() {
        if i > 0 {
            s.push_str(if i + 1 == shown.len() { " en " } else { ", " });
        }
        r.write_nl(&mut s);
    }
    s.push('.');
    if e.verdict == Verdict::Undetermined {
        s.push_str(" Neem contact op met het programma.");
    }
    if let Some(l) = e.deciding_lever() {
        s.push(' ');
        s.push_str(&l.text_nl());
    }
    s
}
