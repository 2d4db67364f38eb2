//! Unit and property tests of the results model.

use super::*;
use crate::norms::{NormSet, SHIPPED};
use proptest::prelude::*;

fn norms() -> NormSet {
    NormSet::from_toml(SHIPPED[0].0, SHIPPED[0].1).unwrap_or_else(|e| panic!("{e}"))
}

fn ty(y: u16) -> TestYear {
    TestYear::new(y).unwrap_or_else(|e| panic!("{e}"))
}

fn year(y: u16, n: u32, p1: f64, p2: f64) -> YearEntry {
    YearEntry::Present(YearResult::new(ty(y), n, p1, p2).unwrap_or_else(|e| panic!("{e}")))
}

fn input(years: [YearEntry; 3], weging: Option<f64>) -> ResultsInput {
    ResultsInput {
        window: [ty(2023), ty(2024), ty(2025)],
        years,
        schoolweging: weging.and_then(|w| Schoolweging::new(w).ok()),
        published: None,
    }
}

#[test]
fn the_three_year_value_is_pupil_weighted_as_published_for_00ap() {
    // 00AP|C1 in the Inspectie file: published 93,02 / 51,94 over 43 pupils, Boven / Boven.
    let i =
        input([year(2023, 18, 94.44, 55.56), year(2024, 13, 92.31, 51.28), year(2025, 12, 91.67, 47.22)], Some(31.47));
    let a = assess(&i, &norms());
    assert_eq!(a.status, DataStatus::Complete);
    assert_eq!(a.value(Indicator::F1), Some(93.02));
    assert_eq!(a.value(Indicator::S1F2), Some(51.94));
    assert_eq!(a.three_year.map(|t| t.pupils), Some(43));
    assert_eq!(a.category.map(Category::lower_bound), Some(31));
    assert_eq!(a.signaleringswaarde_1s2f, Some(43.5));
    assert_eq!((a.outcome_1f, a.outcome_1s2f), (Outcome::Boven, Outcome::Boven));
}

#[test]
fn a_simple_mean_would_differ_from_the_weighted_one() {
    let i = input([year(2023, 40, 90.0, 40.0), year(2024, 10, 60.0, 10.0), year(2025, 10, 60.0, 10.0)], Some(30.0));
    let a = assess(&i, &norms());
    assert_eq!(a.value(Indicator::F1), Some(80.0)); // simple mean would be 70
    assert_eq!(a.outcome_1f, Outcome::Onder);
}

#[test]
fn exactly_at_the_signaleringswaarde_is_boven() {
    let i = input([year(2023, 20, 85.0, 45.5), year(2024, 20, 85.0, 45.5), year(2025, 20, 85.0, 45.5)], Some(30.5));
    let a = assess(&i, &norms());
    assert_eq!((a.outcome_1f, a.outcome_1s2f), (Outcome::Boven, Outcome::Boven));
    // 84.995 rounds to 85.00 as published: Boven; 84.994 rounds to 84.99: Onder.
    assert_eq!(compare(84.995, 85.0), Outcome::Boven);
    assert_eq!(compare(84.994, 85.0), Outcome::Onder);
}

#[test]
fn a_missing_year_gives_too_little_data_even_for_a_small_school() {
    let i = input([YearEntry::Missing, year(2024, 6, 90.0, 50.0), year(2025, 8, 90.0, 50.0)], Some(29.0));
    let a = assess(&i, &norms());
    assert_eq!(a.status, DataStatus::MissingYears { missing: [true, false, false] });
    assert_eq!(a.outcome_1f, Outcome::TeWeinigGegevens);
    assert_eq!(a.three_year.map(|t| t.pupils), Some(14), "values over the present years are still shown");
}

#[test]
fn fewer_than_15_pupils_over_three_years_is_a_small_school() {
    let i = input([year(2023, 5, 100.0, 60.0), year(2024, 5, 100.0, 60.0), year(2025, 4, 100.0, 60.0)], Some(29.0));
    let a = assess(&i, &norms());
    assert_eq!(a.status, DataStatus::SmallSchool { pupils: 14, min: 15 });
    assert_eq!((a.outcome_1f, a.outcome_1s2f), (Outcome::KleineSchool, Outcome::KleineSchool));
}

#[test]
fn fewer_than_5_pupils_in_one_year_is_too_little_data() {
    let i = input([year(2023, 20, 100.0, 60.0), year(2024, 4, 100.0, 60.0), year(2025, 20, 100.0, 60.0)], Some(29.0));
    let a = assess(&i, &norms());
    assert_eq!(a.status, DataStatus::FewPupilsInYear { year: ty(2024), pupils: 4, min: 5 });
    assert_eq!(a.outcome_1s2f, Outcome::TeWeinigGegevens);
}

#[test]
fn without_schoolweging_1s2f_is_decided_only_outside_the_range_of_signaleringswaarden() {
    let y = |p2| [year(2023, 30, 99.0, p2), year(2024, 30, 99.0, p2), year(2025, 30, 99.0, p2)];
    let o = |p2| assess(&input(y(p2), None), &norms()).outcome_1s2f;
    assert_eq!(o(68.93), Outcome::Boven); // as 08VG|C1 in the published file
    assert_eq!(o(55.07), Outcome::TeWeinigGegevens); // as 16ZB|C2
    assert_eq!(o(20.0), Outcome::Onder);
    assert_eq!(assess(&input(y(55.0), None), &norms()).outcome_1f, Outcome::Boven);
}

#[test]
fn suppressed_years_use_the_published_three_year_values() {
    let mut i = input([YearEntry::Suppressed, YearEntry::Suppressed, YearEntry::Suppressed], Some(29.23));
    assert_eq!(assess(&i, &norms()).status, DataStatus::Suppressed);
    i.published = Some(ThreeYear { pupils: 14, pct_1f: 100.0, pct_1s2f: 78.57 });
    assert_eq!(assess(&i, &norms()).outcome_1f, Outcome::KleineSchool);
    i.published = Some(ThreeYear { pupils: 40, pct_1f: 84.0, pct_1s2f: 78.57 });
    let a = assess(&i, &norms());
    assert_eq!((a.outcome_1f, a.outcome_1s2f), (Outcome::Onder, Outcome::Boven));
}

#[test]
fn counts_per_domain_give_the_mean_of_the_domain_percentages() {
    let r = YearResult::from_counts(ty(2025), 20, [19, 20, 18], [10, 12, 8]).unwrap_or_else(|e| panic!("{e}"));
    assert!((r.pct_1f.get() - 95.0).abs() < 1e-9);
    assert!((r.pct_1s2f.get() - 50.0).abs() < 1e-9);
    assert_eq!(
        YearResult::from_counts(ty(2025), 20, [21, 0, 0], [0, 0, 0]).err(),
        Some(ValueError::MoreAtLevelThanPupils { at_level: 21, pupils: 20 })
    );
    assert_eq!(YearResult::from_counts(ty(2025), 0, [0; 3], [0; 3]).err(), Some(ValueError::NoPupils));
}

#[test]
fn outcome_labels_round_trip() {
    for o in [Outcome::Boven, Outcome::Onder, Outcome::TeWeinigGegevens, Outcome::KleineSchool] {
        assert_eq!(Outcome::from_label(o.label()), Some(o));
    }
}

fn arb_year() -> impl Strategy<Value = (u32, f64, f64)> {
    (1u32..200, 0.0f64..=100.0, 0.0f64..=100.0)
}

fn rank(o: Outcome) -> u8 {
    match o {
        Outcome::Onder => 0,
        Outcome::Boven => 1,
        _ => 2,
    }
}

proptest! {
    #[test]
    fn three_year_value_lies_between_the_yearly_min_and_max(ys in proptest::array::uniform3(arb_year())) {
        let entries = [0usize, 1, 2].map(|i| year(2023 + i as u16, ys[i].0, ys[i].1, ys[i].2));
        let t = ThreeYear::weighted(&entries).unwrap_or_else(|| panic!("present"));
        for (ind, f) in [(Indicator::F1, 1usize), (Indicator::S1F2, 2)] {
            let vals = ys.map(|y| if f == 1 { y.1 } else { y.2 });
            let lo = vals.iter().cloned().fold(f64::INFINITY, f64::min);
            let hi = vals.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(t.pct(ind) >= lo - 1e-9 && t.pct(ind) <= hi + 1e-9);
        }
    }

    #[test]
    fn adding_a_pupil_at_level_never_lowers_an_indicator_or_worsens_the_outcome(
        ns in proptest::array::uniform3(5u32..60),
        fr in proptest::array::uniform3(0.0f64..=1.0),
        which in 0usize..3,
        weging in 20.0f64..=40.0,
    ) {
        // Counts per domain; one more pupil who reaches every level in every domain.
        let counts = |i: usize, extra: u32| {
            let n = ns[i] + extra;
            let at = ((f64::from(ns[i]) * fr[i]).floor() as u32) + extra;
            (n, [at; 3], [at / 2 + extra.min(at); 3])
        };
        let build = |extra_in: Option<usize>| {
            let ys = [0usize, 1, 2].map(|i| {
                let (n, a1, a2) = counts(i, u32::from(extra_in == Some(i)));
                YearEntry::Present(YearResult::from_counts(ty(2023 + i as u16), n, a1, a2).unwrap_or_else(|e| panic!("{e}")))
            });
            assess(&input(ys, Some(weging)), &norms())
        };
        let before = build(None);
        let after = build(Some(which));
        for ind in Indicator::ALL {
            let (b, a) = (before.three_year.map(|t| t.pct(ind)), after.three_year.map(|t| t.pct(ind)));
            prop_assert!(a >= b.map(|b| b - 1e-9), "{ind:?}: {b:?} -> {a:?}");
            if rank(before.outcome(ind)) < 2 && rank(after.outcome(ind)) < 2 {
                prop_assert!(rank(after.outcome(ind)) >= rank(before.outcome(ind)));
            }
        }
    }

    #[test]
    fn category_mapping_is_total_and_monotone(a in 0.0f64..=100.0, b in 0.0f64..=100.0) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let (cl, ch) = (Schoolweging::new(lo).map(|w| w.category()), Schoolweging::new(hi).map(|w| w.category()));
        prop_assert!(cl.is_ok() && ch.is_ok());
        if let (Ok(cl), Ok(ch)) = (cl, ch) {
            prop_assert!(cl <= ch);
            prop_assert!((20..=39).contains(&cl.lower_bound()));
        }
    }

    #[test]
    fn rounding_to_two_decimals_stays_within_half_a_hundredth(x in 0.0f64..=100.0) {
        prop_assert!((round2(x) - x).abs() <= 0.005 + 1e-9);
    }
}
