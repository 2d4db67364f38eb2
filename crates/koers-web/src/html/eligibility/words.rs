//! Reasons, levers and the verdict worded through Fluent from the structured data (used for
//! English; Dutch pages use koers-core's own sentences). Mirrors `koers_core::eligibility::text`.

use crate::i18n::Lang;
use koers_core::eligibility::Oordeel;
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
        Reason::Oordeel { oordeel } => {
            let o = lang.t(match oordeel {
                Oordeel::Voldoende => "oordeel-voldoende",
                Oordeel::Onvoldoende => "oordeel-onvoldoende",
                Oordeel::ZeerZwak => "oordeel-zeer-zwak",
            });
            lang.t_args("reason-oordeel", &[("oordeel", o)])
        }
        Reason::Herstelopdracht => lang.t("reason-herstelopdracht"),
        Reason::PopulationNotDescribed => lang.t("reason-population-not-described"),
        Reason::NoFittingAmbitions => lang.t("reason-no-fitting-ambitions"),
        Reason::AmbitionsNotMet => lang.t("reason-ambitions-not-met"),
        Reason::QualitativeCriteriaMet => lang.t("reason-qualitative-met"),
        // Board and VO reasons: not on the public (PO) pages yet; Dutch until they get en keys.
        other => other.text_nl(),
    }
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
