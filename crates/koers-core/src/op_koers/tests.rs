//! Every rule at its boundaries, and properties that must hold whatever the data.

mod properties;

use super::*;
use crate::dagdelen::TimeEntry;
use crate::ids::{ExpertId, TrajectoryId};
use crate::plan::fixtures::{d, sample};
use crate::plan::{ActivityType, Baseline, Direction, Indicator, IndicatorId, IndicatorKind, MeasureId, Unit};
use crate::progress::{MeasureStatus, MeasurementSource, Step5Activity};

/// Baseline 40 on 01-01-2026 → target 60 on 11-04-2026 (100 days): on the line at day 50 is 50.
pub(super) fn line_indicator(unit: Unit, baseline: f64, target: f64, margin: Option<f64>) -> Indicator {
    Indicator {
        id: IndicatorId::new(3),
        name: "Leerlingen op niveau".into(),
        unit,
        direction: if target >= baseline { Direction::Increase } else { Direction::Decrease },
        baseline: Baseline { value: baseline, date: d(2026, 1, 1), source: "LVS".into() },
        target,
        target_date: d(2026, 1, 1).add_days(100),
        kind: IndicatorKind::Eigen,
        margin,
    }
}

/// The sample plan vastgesteld on 01-11-2025 with indicator 3 replaced by `indicator`, a
/// status update for every measure so nothing is overdue, and an update on `today`.
pub(super) fn snapshot(indicator: Indicator, today: Date) -> Snapshot {
    let mut plan = sample();
    plan.goals[0].indicators[1] = indicator;
    let mut s = Snapshot::new(d(2025, 10, 1));
    s.zelfevaluatie_submitted = Some(d(2025, 10, 15));
    s.plan_vastgesteld = Some(d(2025, 11, 1));
    s.status_updates = plan
        .measures
        .iter()
        .map(|m| crate::progress::StatusUpdate {
            measure: m.id,
            date: today,
            status: MeasureStatus::Gereed,
            note: String::new(),
            by: None,
        })
        .collect();
    s.plan = Some(plan);
    s
}

pub(super) fn measured(id: i64, date: Date, value: f64) -> Measurement {
    Measurement {
        indicator: IndicatorId::new(id),
        date,
        value,
        source: MeasurementSource::Handmatig { source: "LVS".into() },
        note: String::new(),
    }
}

fn kinds(a: &Assessment) -> Vec<ReasonKind> {
    a.reasons.iter().map(Reason::kind).collect()
}

const DAY_50: (i32, u8, u8) = (2026, 2, 20);

fn day50() -> Date {
    d(DAY_50.0, DAY_50.1, DAY_50.2)
}

#[test]
fn a_trajectory_with_everything_on_schedule_is_on_course() {
    let s = snapshot(line_indicator(Unit::Percentage, 40.0, 60.0, None), day50());
    let a = assess(&s, day50(), &OpKoersSettings::default());
    assert_eq!((a.on_course, a.label_nl(), a.reasons.len()), (true, "op koers", 0));
}

#[test]
fn an_indicator_is_off_course_only_beyond_the_margin_below_the_line() {
    let settings = OpKoersSettings::default(); // 5 percentage points, 0,25 score point, 10 % of the change
    let cases: Vec<(Unit, f64, f64, Option<f64>, f64, bool)> = vec![
        (Unit::Percentage, 40.0, 60.0, None, 50.0, false), // exactly on the line
        (Unit::Percentage, 40.0, 60.0, None, 45.0, false), // exactly the margin
        (Unit::Percentage, 40.0, 60.0, None, 44.999, true), // margin + ε
        (Unit::Percentage, 40.0, 60.0, None, 45.001, false), // margin − ε
        (Unit::Percentage, 40.0, 60.0, Some(2.0), 47.999, true), // the indicator's own margin
        (Unit::Percentage, 40.0, 60.0, Some(2.0), 48.0, false),
        (Unit::Percentage, 60.0, 40.0, None, 55.0, false), // lower is better: exactly the margin above
        (Unit::Percentage, 60.0, 40.0, None, 55.001, true),
        (Unit::Score, 2.0, 3.0, None, 2.25, false), // expected 2,5; margin 0,25
        (Unit::Score, 2.0, 3.0, None, 2.2499, true),
        (Unit::Count, 10.0, 30.0, None, 18.0, false), // expected 20; margin 10 % of 20 = 2
        (Unit::Count, 10.0, 30.0, None, 17.0, true),
        (
            Unit::Other { label: "gemiddeld cijfer".into(), min: 1.0, max: 10.0, decimals: 1 },
            5.5,
            6.5,
            None,
            5.9,
            false,
        ),
        (Unit::Other { label: "gemiddeld cijfer".into(), min: 1.0, max: 10.0, decimals: 1 }, 5.5, 6.5, None, 5.8, true),
    ];
    for (unit, baseline, target, margin, value, off) in cases {
        let mut s = snapshot(line_indicator(unit.clone(), baseline, target, margin), day50());
        s.measurements = vec![measured(3, day50(), value)];
        let a = assess(&s, day50(), &settings);
        assert_eq!(
            a.has(ReasonKind::IndicatorBelowLine),
            off,
            "{unit:?} {baseline} → {target}, measured {value}: {:?}",
            a.sentences_nl()
        );
    }
}

#[test]
fn the_reason_for_an_indicator_gives_the_numbers_and_a_dutch_sentence() {
    let mut s = snapshot(line_indicator(Unit::Percentage, 40.0, 60.0, None), day50());
    s.measurements = vec![measured(3, d(2026, 1, 21), 58.0), measured(3, day50(), 43.5)];
    let a = assess(&s, day50(), &OpKoersSettings::default());
    let r = &a.reasons[0];
    let ReasonDetail::IndicatorBelowLine { expected, behind, margin, .. } = &r.detail else { panic!("{r:?}") };
    assert_eq!((*expected, *behind, *margin), (50.0, 6.5, 5.0), "the latest measurement counts");
    assert_eq!(
        r.text,
        "De indicator 'Leerlingen op niveau' staat op 43,5% (20-02-2026); op de lijn naar 60,0% op 11-04-2026 hoort dat 50,0% te zijn: 6,5 procentpunt achter, meer dan de marge van 5,0 procentpunt."
    );
    let json = serde_json::to_string(&a).unwrap_or_else(|e| panic!("{e}"));
    assert!(json.contains(r#""kind":"indicator_below_line""#) && json.contains(r#""unit":"percentage""#), "{json}");
    assert_eq!(serde_json::from_str::<Assessment>(&json).ok(), Some(a));
}

#[test]
fn after_the_target_date_the_line_is_the_target_and_before_the_baseline_nothing_counts() {
    let ind = line_indicator(Unit::Percentage, 40.0, 60.0, None);
    let late = d(2026, 6, 1);
    let mut s = snapshot(ind.clone(), late);
    s.measurements = vec![measured(3, late, 55.0)];
    assert!(
        !assess(&s, late, &OpKoersSettings::default()).has(ReasonKind::IndicatorBelowLine),
        "5 below the target: the margin"
    );
    s.measurements = vec![measured(3, late, 54.9)];
    assert!(assess(&s, late, &OpKoersSettings::default()).has(ReasonKind::IndicatorBelowLine));
    s.measurements = vec![measured(3, d(2026, 1, 1), 0.0)];
    assert!(
        !assess(&s, late, &OpKoersSettings::default()).has(ReasonKind::IndicatorBelowLine),
        "a measurement on the baseline date"
    );
}

#[test]
fn a_yes_no_indicator_is_off_course_only_when_the_target_date_passed_without_a_yes() {
    let ind = line_indicator(Unit::YesNo, 0.0, 1.0, None);
    let target_date = ind.target_date;
    for (date, value, off) in [
        (day50(), 0.0, false),
        (target_date.add_days(-1), 0.0, false),
        (target_date, 0.0, true),
        (target_date, 1.0, false),
    ] {
        let mut s = snapshot(ind.clone(), date);
        s.measurements = vec![measured(3, date, value)];
        assert_eq!(
            assess(&s, date, &OpKoersSettings::default()).has(ReasonKind::IndicatorBelowLine),
            off,
            "{date} {value}"
        );
    }
}

#[test]
fn a_measure_is_overdue_the_day_after_its_end_date_unless_gereed_or_geschrapt() {
    let s = snapshot(line_indicator(Unit::Percentage, 40.0, 60.0, None), day50());
    let end = d(2026, 3, 31); // measure 4
    for (today, status, overdue) in [
        (end, MeasureStatus::Loopt, false),
        (end.add_days(1), MeasureStatus::Loopt, true),
        (end.add_days(1), MeasureStatus::Vertraagd, true),
        (end.add_days(1), MeasureStatus::Gereed, false),
        (end.add_days(1), MeasureStatus::Geschrapt, false),
    ] {
        let mut s = s.clone();
        s.status_updates = vec![crate::progress::StatusUpdate {
            measure: MeasureId::new(4),
            date: today,
            status,
            note: "x".into(),
            by: None,
        }];
        s.status_updates.push(crate::progress::StatusUpdate {
            measure: MeasureId::new(5),
            date: d(2026, 1, 31),
            status: MeasureStatus::Gereed,
            note: String::new(),
            by: None,
        });
        let a = assess(&s, today, &OpKoersSettings::default());
        assert_eq!(a.has(ReasonKind::MeasureOverdue), overdue, "{today} {status:?}");
        if overdue {
            assert_eq!(
                a.reasons[0].text,
                format!(
                    "De maatregel 'Coaching van de leraren groep 5–8 op instructie op drie niveaus' had op 31-03-2026 klaar moeten zijn en staat nog op '{}' (1 dag over de einddatum).",
                    status.label_nl()
                )
            );
        }
    }
}

#[test]
fn no_update_for_exactly_n_weeks_is_off_course() {
    let settings = OpKoersSettings { no_update_weeks: 4, ..OpKoersSettings::default() };
    let mut s = snapshot(line_indicator(Unit::Percentage, 40.0, 60.0, None), d(2026, 1, 5));
    s.activities = vec![ActivityEntry {
        activity: Step5Activity::VoortgangMeten,
        date: d(2026, 1, 10),
        with: String::new(),
        note: String::new(),
        by: None,
    }];
    let last = d(2026, 1, 10);
    assert!(!assess(&s, last.add_days(27), &settings).has(ReasonKind::NoRecentUpdate));
    let a = assess(&s, last.add_days(28), &settings);
    assert_eq!(kinds(&a), [ReasonKind::NoRecentUpdate]);
    assert_eq!(
        a.reasons[0].text,
        "Al 28 dagen geen voortgang vastgelegd (laatste op 10-01-2026); de afspraak is minstens elke 4 weken."
    );
    // A register result is not an update; a hand-entered measurement is.
    s.measurements = vec![Measurement {
        source: MeasurementSource::Register {
            test_year: crate::types::TestYear::new(2026).unwrap_or_else(|e| panic!("{e}")),
        },
        ..measured(2, d(2026, 1, 20), 50.0)
    }];
    assert!(assess(&s, last.add_days(28), &settings).has(ReasonKind::NoRecentUpdate));
    s.measurements[0].source = MeasurementSource::Handmatig { source: "LVS".into() };
    assert!(!assess(&s, last.add_days(28), &settings).has(ReasonKind::NoRecentUpdate));
}

#[test]
fn the_plan_must_be_vastgesteld_within_n_weeks_of_the_zelfevaluatie() {
    let settings = OpKoersSettings::default(); // 8 weeks
    let mut s = Snapshot::new(d(2025, 9, 1));
    s.zelfevaluatie_submitted = Some(d(2025, 10, 1));
    assert!(assess(&s, d(2025, 10, 1).add_days(55), &settings).on_course);
    let a = assess(&s, d(2025, 10, 1).add_days(56), &settings);
    assert_eq!(
        a.reasons[0].text,
        "Het plan is 56 dagen na het indienen van de zelfevaluatie (01-10-2025) nog niet vastgesteld; dat moet binnen 8 weken."
    );
    s.plan_vastgesteld = Some(d(2025, 12, 20));
    assert!(!assess(&s, d(2025, 12, 21), &settings).has(ReasonKind::PlanNotSignedOff), "vastgesteld, even if late");
    assert!(
        assess(&Snapshot::new(d(2025, 9, 1)), d(2026, 9, 1), &settings).on_course,
        "nothing submitted yet: no rule applies"
    );
}

fn logged(dagdelen: u32, measure: Option<i64>) -> TimeEntry {
    TimeEntry {
        trajectory: TrajectoryId::new(1),
        expert: ExpertId::new(1),
        date: d(2026, 1, 10),
        dagdelen,
        measure: measure.map(MeasureId::new),
        activity: ActivityType::CoachingLeraren,
        note: String::new(),
    }
}

#[test]
fn dagdelen_beyond_the_plan_or_the_budget_are_off_course() {
    let base = snapshot(line_indicator(Unit::Percentage, 40.0, 60.0, None), day50()); // 6 planned on measure 4
    let check = |log: Vec<TimeEntry>, limit: Option<u32>| {
        let mut s = base.clone();
        (s.time_log, s.budget_limit) = (log, limit);
        kinds(&assess(&s, day50(), &OpKoersSettings::default()))
    };
    assert_eq!(check(vec![logged(6, Some(4))], Some(6)), [], "exactly the plan and the budget");
    assert_eq!(
        check(vec![logged(6, Some(4)), logged(1, Some(4))], Some(8)),
        [ReasonKind::DagdelenOverPlan, ReasonKind::DagdelenOverPlan]
    );
    assert_eq!(
        check(vec![logged(5, Some(4)), logged(1, None)], Some(8)),
        [],
        "within the plan in total and per measure"
    );
    assert_eq!(check(vec![logged(5, Some(4)), logged(2, None)], Some(7)), [ReasonKind::DagdelenOverPlan]);
    assert_eq!(
        check(vec![logged(5, Some(4)), logged(2, None)], Some(6)),
        [ReasonKind::DagdelenOverPlan, ReasonKind::DagdelenOverBudget]
    );
    let mut s = base.clone();
    s.time_log = vec![logged(7, Some(4))];
    let texts: Vec<String> =
        assess(&s, day50(), &OpKoersSettings::default()).reasons.into_iter().map(|r| r.text).collect();
    assert_eq!(
        texts,
        [
            "Er zijn 7 dagdelen besteed, 1 meer dan de 6 in het plan.",
            "Aan de maatregel 'Coaching van de leraren groep 5–8 op instructie op drie niveaus' zijn 7 dagdelen besteed, 1 meer dan de 6 in het plan."
        ]
    );
}

#[test]
fn a_review_is_overdue_the_day_after_its_planned_date_until_it_is_held() {
    let mut s = snapshot(line_indicator(Unit::Percentage, 40.0, 60.0, None), day50());
    let planned = d(2026, 3, 1);
    s.reviews =
        vec![PlannedReview { name: "midterm-review (externe audit)".into(), planned_on: planned, held_on: None }];
    for (today, overdue) in [(planned, false), (planned.add_days(1), true)] {
        let mut s = s.clone();
        s.activities = vec![ActivityEntry {
            activity: Step5Activity::Bijstellen,
            date: today,
            with: String::new(),
            note: String::new(),
            by: None,
        }];
        assert_eq!(
            kinds(&assess(&s, today, &OpKoersSettings::default())).contains(&ReasonKind::ReviewOverdue),
            overdue,
            "{today}"
        );
    }
    let a = assess(&s, planned.add_days(12), &OpKoersSettings::default());
    assert!(a.sentences_nl().contains(
        &"De midterm-review (externe audit) stond gepland op 01-03-2026 en is nog niet gehouden (12 dagen te laat)."
    ));
    s.reviews[0].held_on = Some(planned.add_days(3));
    assert!(!assess(&s, planned.add_days(12), &OpKoersSettings::default()).has(ReasonKind::ReviewOverdue));
}

#[test]
fn settings_are_checked_with_the_field_named() {
    assert_eq!(OpKoersSettings::default().check(), Ok(()));
    let bad = OpKoersSettings { no_update_weeks: 0, ..OpKoersSettings::default() };
    assert_eq!(
        bad.check(),
        Err(("op_koers.no_update_weeks".into(), "op_koers.no_update_weeks moet tussen 1 en 52 liggen".into()))
    );
    let bad = OpKoersSettings { margin_percentage_points: f64::NAN, ..OpKoersSettings::default() };
    assert_eq!(bad.check().err().map(|e| e.0).as_deref(), Some("op_koers.margin_percentage_points"));
}
