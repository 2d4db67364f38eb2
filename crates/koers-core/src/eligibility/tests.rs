//! Tests of the entry rules, the traffic light and the levers.

use super::*;
use crate::norms::{NormSet, SHIPPED};
use crate::programme::SpecialRule;
use crate::results::{ResultsInput, YearEntry, YearResult, assess};
use crate::types::{Schoolweging, TestYear};

fn norms() -> NormSet {
    NormSet::from_toml(SHIPPED[0].0, SHIPPED[0].1).unwrap_or_else(|e| panic!("{e}"))
}

fn ty(y: u16) -> TestYear {
    TestYear::new(y).unwrap_or_else(|e| panic!("{e}"))
}

fn school(p1: f64, p2: f64, n: u32, weging: f64) -> ResultsInput {
    let y = |year| YearEntry::Present(YearResult::new(ty(year), n, p1, p2).unwrap_or_else(|e| panic!("{e}")));
    ResultsInput {
        window: [ty(2023), ty(2024), ty(2025)],
        years: [y(2023), y(2024), y(2025)],
        schoolweging: Schoolweging::new(weging).ok(),
        published: None,
    }
}

fn run(i: &ResultsInput, ctx: SchoolContext) -> Eligibility {
    let n = norms();
    let a = assess(i, &n);
    let next = NextYear::from_input(i, None);
    assess_band(&a, &n, &BandRule::default(), &ctx, next.as_ref())
}

#[test]
fn grenswaarde_is_the_midpoint_of_signaleringswaarde_and_comparable_mean() {
    // Category 31: 1S/2F signaleringswaarde 43.5, comparable 54.5 → 49.0.
    assert!((grenswaarde(43.5, 54.5, 0.5) - 49.0).abs() < 1e-9);
    // Category 20 1F: 85 and 98.9 → 91.95 (DOMAIN shows 92.0 rounded).
    assert!((grenswaarde(85.0, 98.9, 0.5) - 91.95).abs() < 1e-9);
}

#[test]
fn below_the_signaleringswaarde_is_rood_and_eligible_with_the_reason() {
    let e = run(&school(95.0, 40.0, 30, 31.5), SchoolContext::default());
    assert_eq!(e.verdict, Verdict::Eligible);
    assert_eq!(e.light(), Some(TrafficLight::Rood));
    assert!(matches!(e.reasons[1], Reason::BelowSignaleringswaarde { .. }));
    let s = e.summary_nl();
    assert!(s.starts_with("Je school komt in aanmerking omdat het driejaarsgemiddelde 1S/2F (40,0%) onder de signaleringswaarde (43,5%) ligt."), "{s}");
}

#[test]
fn in_the_band_is_oranje_and_eligible() {
    // 1S/2F 46.0 in category 31: above 43.5, below grenswaarde 49.0.
    let e = run(&school(97.0, 46.0, 30, 31.5), SchoolContext::default());
    assert_eq!(e.verdict, Verdict::Eligible);
    assert_eq!(e.bands.iter().map(|b| b.light).collect::<Vec<_>>(), vec![TrafficLight::Groen, TrafficLight::Oranje]);
    assert!(e.summary_nl().contains("onder de grenswaarde (49,0%)"));
}

#[test]
fn above_the_band_on_both_indicators_is_groen_and_not_eligible() {
    let e = run(&school(97.0, 55.0, 30, 31.5), SchoolContext::default());
    assert_eq!(e.verdict, Verdict::NotEligible);
    assert_eq!(e.light(), Some(TrafficLight::Groen));
    assert!(e.summary_nl().starts_with("Je school komt niet in aanmerking omdat"));
    // The lever says how many fewer pupils at level would bring it into the band.
    assert!(e.levers.iter().all(|l| l.goal == LeverGoal::StayAboveBand));
}

#[test]
fn exactly_on_the_grenswaarde_is_groen() {
    let e = run(&school(97.0, 49.0, 30, 31.5), SchoolContext::default());
    assert_eq!(e.bands[1].light, TrafficLight::Groen);
    let e = run(&school(97.0, 48.99, 30, 31.5), SchoolContext::default());
    assert_eq!(e.bands[1].light, TrafficLight::Oranje);
    let e = run(&school(97.0, 43.5, 30, 31.5), SchoolContext::default());
    assert_eq!(e.bands[1].light, TrafficLight::Oranje, "on the signaleringswaarde is Boven, so oranje");
}

#[test]
fn onvoldoende_or_herstelopdracht_refers_to_regular_gwgb() {
    let ctx = SchoolContext { oordeel: Some(Oordeel::ZeerZwak), herstelopdracht: false };
    let e = run(&school(80.0, 30.0, 30, 31.5), ctx);
    assert_eq!(e.verdict, Verdict::ReferToRegularGwgb);
    assert!(e.summary_nl().contains("zeer zwak"));
    let ctx = SchoolContext { oordeel: Some(Oordeel::Voldoende), herstelopdracht: true };
    assert_eq!(run(&school(80.0, 30.0, 30, 31.5), ctx).reasons, vec![Reason::Herstelopdracht]);
}

#[test]
fn too_little_data_is_undetermined_with_the_missing_year_named() {
    let mut i = school(90.0, 40.0, 30, 31.5);
    i.years[0] = YearEntry::Missing;
    let e = run(&i, SchoolContext::default());
    assert_eq!(e.verdict, Verdict::Undetermined);
    assert_eq!(e.reasons, vec![Reason::MissingYears { years: vec![ty(2023)] }]);
    assert!(e.summary_nl().contains("schooljaar 2022/23 geen resultaten"), "{}", e.summary_nl());
}

#[test]
fn a_small_school_is_undetermined() {
    let e = run(&school(90.0, 40.0, 4, 31.5), SchoolContext::default());
    assert_eq!(e.verdict, Verdict::Undetermined);
    assert_eq!(e.reasons, vec![Reason::SmallSchool { pupils: 12, min: 15 }]);
}

#[test]
fn no_schoolweging_is_undetermined() {
    let mut i = school(90.0, 40.0, 30, 31.5);
    i.schoolweging = None;
    let e = run(&i, SchoolContext::default());
    assert_eq!((e.verdict, e.reasons.clone()), (Verdict::Undetermined, vec![Reason::NoSchoolweging]));
}

#[test]
fn the_lever_counts_the_pupils_that_lift_the_school_over_the_signaleringswaarde() {
    // Three years of 30 pupils at 40% 1S/2F in category 31 (signaleringswaarde 43.5).
    // Next year: (2·30·40 + 100·c) / 90 ≥ 43.5 → c ≥ 15.15 → 16 pupils; this year 12.
    let e = run(&school(95.0, 40.0, 30, 31.5), SchoolContext::default());
    let l = e.levers.iter().find(|l| l.goal == LeverGoal::ReachSignaleringswaarde).copied();
    let l = l.unwrap_or_else(|| panic!("lever"));
    assert_eq!((l.required_at_level, l.latest_at_level, l.change_from_latest()), (Some(16), 12, Some(4)));
    assert_eq!(
        l.text_nl(),
        "Als in 2025/26 minstens 16 van de 30 leerlingen 1S/2F halen (4 meer dan dit jaar), komt het driejaarsgemiddelde 1S/2F boven de signaleringswaarde (43,5%)."
    );
    // Leaving the band needs (49.0·90 − 2400)/100 = 20.1 → 21 pupils.
    let l = e.levers.iter().find(|l| l.goal == LeverGoal::LeaveBand).map(|l| l.required_at_level);
    assert_eq!(l, Some(Some(21)));
}

#[test]
fn an_unreachable_lever_says_so() {
    let e = run(&school(95.0, 5.0, 30, 20.5), SchoolContext::default());
    let l = e.levers.iter().find(|l| l.goal == LeverGoal::LeaveBand).copied().unwrap_or_else(|| panic!("lever"));
    assert_eq!(l.required_at_level, None);
    assert!(l.text_nl().starts_with("Zelfs als alle 30 leerlingen"), "{}", l.text_nl());
}

#[test]
fn the_required_count_really_reaches_the_threshold_and_one_less_does_not() {
    let i = school(95.0, 40.0, 23, 33.2);
    let next = NextYear::from_input(&i, Some(27)).unwrap_or_else(|| panic!("next"));
    for t in [38.7, 44.1, 49.5] {
        let c = next.required_at_level(Indicator::S1F2, t).unwrap_or_else(|| panic!("reachable"));
        let value = |c: u32| (next.rest_sum[1] + 100.0 * f64::from(c)) / f64::from(next.rest_pupils + 27);
        assert!(value(c) >= t - 1e-9);
        assert!(c == 0 || value(c - 1) < t);
    }
}

#[test]
fn sbo_so_vso_qualify_when_any_qualitative_criterion_holds() {
    let rule = SpecialRule { refer_when_onvoldoende: true, refer_when_herstelopdracht: true };
    let ok = SpecialAnswers {
        population_described: true,
        ambitions_fit_population: true,
        ambitions_met_most_years: Some(true),
    };
    let e = assess_special(&ok, &rule, &SchoolContext::default());
    assert_eq!(e.verdict, Verdict::NotEligible);
    assert!(e.summary_nl().contains("passende ambities"));
    let not_met = SpecialAnswers { ambitions_met_most_years: Some(false), ..ok };
    let e = assess_special(&not_met, &rule, &SchoolContext::default());
    assert_eq!((e.verdict, e.reasons.clone()), (Verdict::Eligible, vec![Reason::AmbitionsNotMet]));
    let none =
        SpecialAnswers { population_described: false, ambitions_fit_population: false, ambitions_met_most_years: None };
    let e = assess_special(&none, &rule, &SchoolContext::default());
    assert_eq!(e.reasons, vec![Reason::PopulationNotDescribed, Reason::NoFittingAmbitions]);
    assert!(e.summary_nl().contains("niet heeft beschreven en de school geen ambities"), "{}", e.summary_nl());
    let ctx = SchoolContext { oordeel: Some(Oordeel::Onvoldoende), herstelopdracht: false };
    assert_eq!(assess_special(&none, &rule, &ctx).verdict, Verdict::ReferToRegularGwgb);
}

#[test]
fn eligibility_serialises_to_json_with_structured_reasons() {
    let e = run(&school(95.0, 40.0, 30, 31.5), SchoolContext::default());
    let j = serde_json::to_value(&e).unwrap_or_default();
    assert_eq!(j["verdict"], "eligible");
    assert_eq!(j["reasons"][1]["reason"], "below_signaleringswaarde");
    assert_eq!(j["reasons"][1]["band"]["light"], "rood");
}

#[test]
fn eligibility_round_trips_through_json_so_a_stored_calculation_reads_back() {
    for e in [
        run(&school(95.0, 40.0, 30, 31.5), SchoolContext::default()),
        run(&school(97.0, 55.0, 30, 31.5), SchoolContext::default()),
        run(&school(90.0, 40.0, 4, 31.5), SchoolContext::default()),
    ] {
        let json = serde_json::to_string(&e).unwrap_or_default();
        let back: Eligibility = serde_json::from_str(&json).unwrap_or_else(|err| panic!("{err}: {json}"));
        assert_eq!(back, e);
        assert_eq!(back.summary_nl(), e.summary_nl());
    }
}
