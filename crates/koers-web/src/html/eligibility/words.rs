//! Reasons, levers and the verdict worded through Fluent from the structured data (used for
//! English; Dutch pages use koers-core's own sentences). Mirrors `koers_core::eligibility::text`:
//! every reason has an English sentence, the board (GWGB+ bestuur) and VO ones included; the
//! Dutch keys repeat core's sentences word for word (a test holds them to it).

use crate::i18n::Lang;
use koers_core::eligibility::{BoardOordeel, Oordeel, QualityConcern, RiskKind};
use koers_core::{Eligibility, IndicatorBand, Lever, LeverGoal, Reason, Verdict};

/// The band's numbers with the decimals that keep the sentence true (as in koers-core).
fn band_args(lang: Lang, b: &IndicatorBand) -> Vec<(&'static str, String)> {
    let p = b.places();
    vec![
        ("indicator", b.indicator.label().to_owned()),
        ("value", lang.pct_places(b.value, p)),
        ("signalering", lang.pct_places(b.signaleringswaarde, p)),
        ("grens", lang.pct_places(b.grenswaarde, p)),
        ("comparable", lang.pct_places(b.comparable_mean, p)),
    ]
}

pub fn reason(lang: Lang, r: &Reason) -> String {
    match r {
        Reason::BelowSignaleringswaarde { band } => lang.t_args("reason-below", &band_args(lang, band)),
        Reason::WithinBand { band } => lang.t_args("reason-within", &band_args(lang, band)),
        Reason::AboveBand { band } => lang.t_args("reason-above", &band_args(lang, band)),
        Reason::MissingYears { years } => {
            let labels: Vec<String> = years.iter().map(|y| y.school_year_label()).collect();
            let joined = labels.join(&format!(" {} ", lang.t("word-and")));
            lang.t_args("reason-missing-years", &[("years", joined)])
        }
        Reason::SmallSchool { pupils, min } => {
            lang.t_args("reason-small-school", &[("pupils", pupils.to_string()), ("min", min.to_string())])
        }
        Reason::FewPupilsInYear { year, pupils, min } => lang.t_args(
            "reason-few-pupils",
            &[("year", year.school_year_label()), ("pupils", pupils.to_string()), ("min", min.to_string())],
        ),
        Reason::DataSuppressed => lang.t("reason-suppressed"),
        Reason::NoSchoolweging => lang.t("reason-no-schoolweging"),
        Reason::Oordeel { oordeel } => lang.t_args("reason-oordeel", &[("oordeel", oordeel_word(lang, *oordeel))]),
        Reason::Herstelopdracht => lang.t("reason-herstelopdracht"),
        Reason::PopulationNotDescribed => lang.t("reason-population-not-described"),
        Reason::NoFittingAmbitions => lang.t("reason-no-fitting-ambitions"),
        Reason::AmbitionsNotMet => lang.t("reason-ambitions-not-met"),
        Reason::QualitativeCriteriaMet => lang.t("reason-qualitative-met"),
        Reason::SchoolJudgedWeak { school, year, oordeel } => lang.t_args(
            "reason-school-judged-weak",
            &[("school", school.clone()), ("year", year.to_string()), ("oordeel", oordeel_word(lang, *oordeel))],
        ),
        Reason::InvestigatedForRisks { school, year } => {
            lang.t_args("reason-investigated-for-risks", &[("school", school.clone()), ("year", year.to_string())])
        }
        Reason::DevelopmentAssignments { year } => {
            lang.t_args("reason-development-assignments", &[("year", year.to_string())])
        }
        Reason::LongerAgo { years, fact } => {
            lang.t_args("reason-longer-ago", &[("fact", reason(lang, fact)), ("years", years.to_string())])
        }
        Reason::NoBoardCriteriaMet { years } => {
            lang.t_args("reason-no-board-criteria", &[("years", years.to_string())])
        }
        Reason::QualityConcerns { concerns } => {
            let words: Vec<String> = concerns.iter().map(|c| concern(lang, *c)).collect();
            lang.t_args("reason-quality-concerns", &[("concerns", listed(lang, &words))])
        }
        Reason::NoQualityConcerns => lang.t("reason-no-quality-concerns"),
        Reason::NotJudgedWellRecently { years } => {
            lang.t_args("reason-not-judged-well-recently", &[("years", years.to_string())])
        }
        Reason::JudgedWellRecently { year, oordeel, years } => lang.t_args(
            "reason-judged-well-recently",
            &[("year", year.to_string()), ("oordeel", board_oordeel(lang, *oordeel)), ("years", years.to_string())],
        ),
        Reason::DepartmentOordeel { department, oordeel } => lang.t_args(
            "reason-department-oordeel",
            &[("department", department.clone()), ("oordeel", oordeel_word(lang, *oordeel))],
        ),
        Reason::DemonstrableRisk { risk, evidence } => {
            lang.t_args("reason-demonstrable-risk", &[("risk", risk_kind(lang, *risk)), ("evidence", evidence.clone())])
        }
        Reason::RiskNotSubstantiated { risk } => {
            lang.t_args("reason-risk-not-substantiated", &[("risk", risk_kind(lang, *risk))])
        }
        Reason::NoVerdictOrRisk => lang.t("reason-no-verdict-or-risk"),
        Reason::VerdictRequired => lang.t("reason-verdict-required"),
    }
}

fn oordeel_word(lang: Lang, o: Oordeel) -> String {
    lang.t(match o {
        Oordeel::Voldoende => "oordeel-voldoende",
        Oordeel::Onvoldoende => "oordeel-onvoldoende",
        Oordeel::ZeerZwak => "oordeel-zeer-zwak",
    })
}

fn board_oordeel(lang: Lang, o: BoardOordeel) -> String {
    lang.t(match o {
        BoardOordeel::Goed => "board-oordeel-goed",
        BoardOordeel::Voldoende => "board-oordeel-voldoende",
        BoardOordeel::Onvoldoende => "board-oordeel-onvoldoende",
    })
}

/// A quality concern of an éénpitter board, in `lang`.
fn concern(lang: Lang, c: QualityConcern) -> String {
    lang.t(match c {
        QualityConcern::BkaExpectations => "concern-bka",
        QualityConcern::InternalSupervision => "concern-internal-supervision",
        QualityConcern::BoardDocuments => "concern-board-documents",
        QualityConcern::Roles => "concern-roles",
        QualityConcern::Culture => "concern-culture",
    })
}

/// A kind of risk (VO), in `lang`.
fn risk_kind(lang: Lang, k: RiskKind) -> String {
    lang.t(match k {
        RiskKind::FallingResults => "risk-falling-results",
        RiskKind::LeadershipSignals => "risk-leadership-signals",
        RiskKind::TeamSignals => "risk-team-signals",
    })
}

/// `a`, `a and b`, `a, b and c`.
fn listed(lang: Lang, items: &[String]) -> String {
    let and = format!(" {} ", lang.t("word-and"));
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { &and } else { ", " });
        }
        out.push_str(item);
    }
    out
}

pub fn lever(lang: Lang, l: &Lever) -> String {
    let mut args = vec![
        ("indicator", l.indicator.label().to_owned()),
        ("pupils", l.next_pupils.to_string()),
        ("year", l.test_year.school_year_label()),
        ("threshold", lang.pct(l.threshold)),
        ("latest", l.latest_at_level.to_string()),
    ];
    let key = match (l.goal, l.required_at_level) {
        (LeverGoal::StayAboveBand, Some(0)) => "lever-stay-always",
        (LeverGoal::StayAboveBand, Some(_)) => "lever-stay",
        (LeverGoal::StayAboveBand, None) => "lever-stay-never",
        (LeverGoal::ReachSignaleringswaarde, Some(_)) => "lever-reach-signalering",
        (LeverGoal::LeaveBand, Some(_)) => "lever-leave-band",
        (LeverGoal::ReachSignaleringswaarde, None) => "lever-unreachable-signalering",
        (LeverGoal::LeaveBand, None) => "lever-unreachable-grens",
    };
    if let Some(c) = l.required_at_level {
        args.push(("count", c.to_string()));
        let extra = l.change_from_latest().unwrap_or(0);
        let compare = if extra > 0 {
            lang.t_args("lever-more-than-now", &[("extra", extra.to_string())])
        } else {
            lang.t_args("lever-now-was", &[("latest", l.latest_at_level.to_string())])
        };
        args.push(("compare", compare));
    }
    lang.t_args(key, &args)
}

pub fn summary(lang: Lang, e: &Eligibility) -> String {
    let mut s = lang.t(match e.verdict {
        Verdict::Eligible => "summary-eligible",
        Verdict::NotEligible => "summary-not-eligible",
        Verdict::Undetermined => "summary-undetermined",
        Verdict::ReferToRegularGwgb => "summary-refer",
    });
    s.push(' ');
    let shown: Vec<String> = e
        .reasons
        .iter()
        .filter(|r| {
            e.verdict != Verdict::Eligible || !matches!(r, Reason::AboveBand { .. } | Reason::QualitativeCriteriaMet)
        })
        .map(|r| reason(lang, r))
        .collect();
    let and = format!(" {} ", lang.t("word-and"));
    for (i, r) in shown.iter().enumerate() {
        if i > 0 {
            s.push_str(if i + 1 == shown.len() { &and } else { ", " });
        }
        s.push_str(r);
    }
    s.push('.');
    if e.verdict == Verdict::Undetermined {
        s.push(' ');
        s.push_str(&lang.t("summary-contact"));
    }
    if let Some(l) = e.deciding_lever() {
        s.push(' ');
        s.push_str(&lever(lang, l));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every board and VO reason, with the facts a page could show.
    fn board_and_vo_reasons() -> Vec<Reason> {
        let weak = Reason::SchoolJudgedWeak { school: "De Klimop".into(), year: 2024, oordeel: Oordeel::ZeerZwak };
        vec![
            weak.clone(),
            Reason::InvestigatedForRisks { school: "De Klimop".into(), year: 2025 },
            Reason::DevelopmentAssignments { year: 2023 },
            Reason::LongerAgo { years: 3, fact: Box::new(weak) },
            Reason::NoBoardCriteriaMet { years: 3 },
            Reason::QualityConcerns { concerns: QualityConcern::ALL.to_vec() },
            Reason::QualityConcerns { concerns: vec![QualityConcern::Culture] },
            Reason::NoQualityConcerns,
            Reason::NotJudgedWellRecently { years: 4 },
            Reason::JudgedWellRecently { year: 2022, oordeel: BoardOordeel::Goed, years: 4 },
            Reason::DepartmentOordeel { department: "havo".into(), oordeel: Oordeel::Onvoldoende },
            Reason::DemonstrableRisk { risk: RiskKind::FallingResults, evidence: "slagingspercentage daalt".into() },
            Reason::RiskNotSubstantiated { risk: RiskKind::TeamSignals },
            Reason::NoVerdictOrRisk,
            Reason::VerdictRequired,
        ]
    }

    #[test]
    fn board_and_vo_reasons_have_english_sentences() {
        for r in board_and_vo_reasons() {
            let en = reason(Lang::En, &r);
            assert_ne!(en, r.text_nl(), "still Dutch: {r:?}");
            assert!(!en.contains('{') && !en.contains("reason-"), "unfilled: {en}");
            for dutch in [" heeft ", " het bestuur ", " jaar ", " geen ", " zorgen ", " afdeling "] {
                assert!(!en.contains(dutch), "{dutch:?} in {en:?}");
            }
        }
        let judged = reason(Lang::En, &board_and_vo_reasons()[0]);
        assert_eq!(judged, "the Inspectie judged De Klimop very weak (zeer zwak) in 2024");
    }

    #[test]
    fn the_dutch_keys_say_what_core_says() {
        for r in board_and_vo_reasons() {
            assert_eq!(reason(Lang::Nl, &r), r.text_nl(), "{r:?}");
        }
    }
}
