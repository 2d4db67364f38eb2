//! Rounding at half cents, cumulative allocation, the NPO figures, and the kostenoverzicht.

use super::*;
use crate::dagdelen::TimeEntry;
use crate::ids::{ExpertId, TrajectoryId};
use crate::money::split_cost;
use crate::plan::fixtures::d;
use proptest::prelude::*;

const NPO: Funding = Funding::CoFinanced { rate_per_dagdeel: Cents(57_150), school_share_percent: 50 };

fn logged(date: Date, dagdelen: u32, activity: ActivityType) -> TimeEntry {
    TimeEntry {
        trajectory: TrajectoryId::new(1),
        expert: ExpertId::new(1),
        date,
        dagdelen,
        measure: None,
        activity,
        note: String::new(),
    }
}

fn year() -> Period {
    Period::new(d(2025, 8, 1), d(2026, 7, 31)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn half_cents_go_to_the_programme_not_the_school() {
    // (rate, percent, dagdelen) → (total, school, programme)
    for (rate, pct, n, want) in [
        (57_150, 50, 1, (57_150, 28_575, 28_575)),
        (57_150, 50, 8, (457_200, 228_600, 228_600)),
        (57_151, 50, 1, (57_151, 28_575, 28_576)), // 28.575,5 cents
        (57_151, 50, 2, (114_302, 57_151, 57_151)),
        (57_151, 50, 3, (171_453, 85_726, 85_727)), // 85.726,5
        (101, 50, 1, (101, 50, 51)),
        (1, 50, 1, (1, 0, 1)),
        (999, 37, 1, (999, 369, 630)), // 369,63
        (100, 33, 3, (300, 99, 201)),
        (57_150, 0, 4, (228_600, 0, 228_600)),
        (57_150, 100, 4, (228_600, 228_600, 0)),
    ] {
        let s = split_cost(Cents(rate), pct, n);
        assert_eq!((s.total.0, s.school.0, s.programme.0), want, "{rate} × {n} at {pct}%");
    }
}

#[test]
fn line_shares_are_allocated_cumulatively_and_add_up_to_the_total_share() {
    // Three months of one dagdeel at an odd rate: rounding each line down would give 85.725.
    let lines = [Cents(57_151); 3];
    assert_eq!(allocate_school_shares(&lines, 50), [Cents(28_575), Cents(28_576), Cents(28_575)]);
    assert_eq!(allocate_school_shares(&lines, 50).into_iter().sum::<Cents>(), split_cost(Cents(57_151), 50, 3).school);
    assert_eq!(allocate_school_shares(&[Cents(100); 3], 33), [Cents(33), Cents(33), Cents(33)]);
    assert_eq!(allocate_school_shares(&[Cents(50), Cents(50), Cents(50)], 33), [Cents(16), Cents(17), Cents(16)]);
    assert_eq!(allocate_school_shares(&[], 50), []);
    assert_eq!(allocate_school_shares(&[Cents(10)], 150), [Cents(10)], "percent clamped to 100");
}

#[test]
fn eight_npo_dagdelen_cost_the_school_2286_euro_however_they_are_grouped() {
    let entries = [
        logged(d(2025, 9, 10), 2, ActivityType::Schoolscan),
        logged(d(2025, 9, 24), 1, ActivityType::DataAnalyse),
        logged(d(2025, 10, 8), 2, ActivityType::Stappenplan),
        logged(d(2025, 11, 5), 3, ActivityType::Schoolscan),
        logged(d(2026, 8, 1), 4, ActivityType::Schoolscan), // next school year: not in the period
    ];
    let per_month = cost_statement(&entries, NPO, year(), Grouping::PerMonth);
    let rows: Vec<(&str, u32, String)> =
        per_month.lines.iter().map(|l| (l.label.as_str(), l.dagdelen, l.school.to_string())).collect();
    assert_eq!(
        rows,
        [
            ("september 2025", 3, "€ 857,25".to_owned()),
            ("oktober 2025", 2, "€ 571,50".to_owned()),
            ("november 2025", 3, "€ 857,25".to_owned()),
        ]
    );
    assert_eq!(
        (
            per_month.dagdelen,
            per_month.total.to_string(),
            per_month.school.to_string(),
            per_month.programme.to_string()
        ),
        (8, "€ 4.572,00".to_owned(), "€ 2.286,00".to_owned(), "€ 2.286,00".to_owned())
    );
    assert_eq!(per_month.funding_label, "cofinanciering: school 50% van € 571,50 per dagdeel (€ 285,75), excl. btw");
    let per_activity = cost_statement(&entries, NPO, year(), Grouping::PerActivity);
    let labels: Vec<(&str, u32)> = per_activity.lines.iter().map(|l| (l.label.as_str(), l.dagdelen)).collect();
    assert_eq!(
        labels,
        [("data-analyse", 1), ("ondersteuning bij de schoolscan", 5), ("ondersteuning bij het stappenplan", 2)]
    );
    assert_eq!(
        (per_activity.total, per_activity.school, per_activity.programme),
        (per_month.total, per_month.school, per_month.programme)
    );
    let reference = crate::money::StatementReference::new(2026, 12).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        per_month.with_reference(reference).reference.map(|r| r.to_string()).as_deref(),
        Some("KOV-2026-000012")
    );
}

#[test]
fn gwgb_time_is_counted_but_costs_the_school_nothing() {
    let entries =
        [logged(d(2025, 9, 10), 2, ActivityType::Studiedag), logged(d(2025, 10, 1), 3, ActivityType::CoachingLeraren)];
    let s = cost_statement(&entries, Funding::Subsidised, year(), Grouping::PerMonth);
    assert!(s.is_free());
    assert_eq!((s.dagdelen, s.total, s.school, s.programme), (5, Cents::ZERO, Cents::ZERO, Cents::ZERO));
    assert_eq!(s.funding_label, "kosteloos (gesubsidieerd)");
    assert_eq!(s.lines.iter().map(|l| l.dagdelen).collect::<Vec<_>>(), [2, 3]);
}

#[test]
fn a_period_runs_forward_and_includes_both_ends() {
    assert_eq!(
        Period::new(d(2026, 1, 2), d(2026, 1, 1)).err().map(|e| e.to_string()).as_deref(),
        Some("periode: de einddatum 01-01-2026 ligt vóór de begindatum 02-01-2026")
    );
    let p = Period::month(crate::dagdelen::Month { year: 2026, month: 2 });
    assert_eq!(
        (p.label_nl(), p.contains(d(2026, 2, 28)), p.contains(d(2026, 3, 1))),
        ("01-02-2026 t/m 28-02-2026".into(), true, false)
    );
    let entries = [logged(d(2026, 2, 1), 1, ActivityType::Review), logged(d(2026, 2, 28), 1, ActivityType::Review)];
    assert_eq!(cost_statement(&entries, NPO, p, Grouping::PerMonth).dagdelen, 2);
}

proptest! {
    #[test]
    fn statement_lines_add_up_and_stay_within_a_cent_of_their_exact_share(
        rate in 1i64..100_000,
        pct in 0u8..=100,
        days in prop::collection::vec((0i64..365, 1u32..10), 0..40),
    ) {
        let funding = Funding::CoFinanced { rate_per_dagdeel: Cents(rate), school_share_percent: pct };
        let entries: Vec<TimeEntry> = days.iter().map(|(day, n)| logged(d(2025, 8, 1).add_days(*day), *n, ActivityType::Overig)).collect();
        let s = cost_statement(&entries, funding, year(), Grouping::PerMonth);
        let whole = split_cost(Cents(rate), pct, s.dagdelen);
        prop_assert_eq!((s.total, s.school, s.programme), (whole.total, whole.school, whole.programme));
        prop_assert_eq!(s.school + s.programme, s.total);
        for l in &s.lines {
            let exact_x100 = l.total.0 * i64::from(pct);
            prop_assert!((l.school.0 * 100 - exact_x100).abs() < 100, "{:?}", l);
            prop_assert_eq!(l.school + l.programme, l.total);
        }
        let by_activity = cost_statement(&entries, funding, year(), Grouping::PerActivity);
        prop_assert_eq!(by_activity.school, s.school);
    }
}
