//! Invariants of the rule set over generated trajectories.

use super::*;
use proptest::prelude::*;

/// A generated trajectory: a percentage indicator with any baseline, target and span, some
/// measurements and status updates, a dagdelen log; `today` lies after all of it.
fn trajectory() -> impl Strategy<Value = (Snapshot, Date)> {
    (
        0.0f64..100.0,
        0.0f64..100.0,
        1i64..400,
        prop::collection::vec((0i64..500, 0.0f64..100.0), 0..6),
        prop::collection::vec((0i64..500, 0usize..5), 0..6),
        prop::collection::vec((1u32..4, prop::option::of(4i64..6)), 0..6),
        0i64..200,
        prop::option::of(1u32..20),
    )
        .prop_filter("a target differs from the baseline", |(b, t, ..)| (b - t).abs() > 1e-6)
        .prop_map(|(baseline, target, span, measured_at, updated_at, logged, later, limit)| {
            // Values as people type them: two decimals (serde_json's default float parsing is
            // exact for those, not for every 17-digit float).
            let typed = |v: f64| (v * 100.0).round() / 100.0;
            let (baseline, target) = (typed(baseline), typed(target));
            let target = if target == baseline { target + 0.5 } else { target };
            let mut ind = line_indicator(Unit::Percentage, baseline, target, None);
            ind.target_date = ind.baseline.date.add_days(span);
            let start = d(2025, 10, 1);
            let mut s = snapshot(ind, start);
            s.status_updates.clear();
            let base = d(2026, 1, 1);
            s.measurements = measured_at.iter().map(|(day, v)| measured(3, base.add_days(*day), typed(*v))).collect();
            s.status_updates = updated_at
                .iter()
                .map(|(day, st)| crate::progress::StatusUpdate {
                    measure: MeasureId::new(4),
                    date: base.add_days(*day),
                    status: MeasureStatus::ALL[*st],
                    note: String::new(),
                    by: None,
                })
                .collect();
            s.time_log = logged.iter().map(|(n, m)| logged_entry(*n, *m)).collect();
            s.budget_limit = limit;
            (s, base.add_days(500 + later))
        })
}

fn logged_entry(n: u32, measure: Option<i64>) -> TimeEntry {
    TimeEntry { dagdelen: n, ..super::logged(n, measure) }
}

fn count(a: &Assessment, kind: ReasonKind) -> usize {
    a.reasons.iter().filter(|r| r.kind() == kind).count()
}

proptest! {
    #[test]
    fn on_course_means_no_reasons_and_every_reason_has_a_sentence((s, today) in trajectory()) {
        let a = assess(&s, today, &OpKoersSettings::default());
        prop_assert_eq!(a.on_course, a.reasons.is_empty());
        prop_assert!(a.reasons.iter().all(|r| r.text.ends_with('.') && r.text.len() > 20));
    }

    #[test]
    fn a_later_measurement_on_the_line_never_adds_a_reason((s, today) in trajectory(), offset in 0i64..60) {
        let settings = OpKoersSettings::default();
        let before = assess(&s, today, &settings);
        let last = s.measurements.iter().map(|m| m.date).max().unwrap_or(d(2026, 1, 1));
        let date = last.add_days(1 + offset).min(today);
        prop_assume!(date > last);
        let Some(plan) = s.plan.as_ref() else { return Err(TestCaseError::fail("no plan")) };
        let Some((_, ind)) = plan.indicator(IndicatorId::new(3)) else { return Err(TestCaseError::fail("no indicator")) };
        let mut more = s.clone();
        more.measurements.push(measured(3, date, ind.expected_at(date)));
        let after = assess(&more, today, &settings);
        prop_assert_eq!(count(&after, ReasonKind::IndicatorBelowLine), 0);
        for kind in ReasonKind::ALL {
            prop_assert!(count(&after, kind) <= count(&before, kind), "{:?}: {:?} → {:?}", kind, before.sentences_nl(), after.sentences_nl());
        }
    }

    #[test]
    fn overdue_measures_and_reviews_stay_overdue_as_time_passes((s, today) in trajectory(), later in 0i64..400) {
        let settings = OpKoersSettings::default();
        let now = assess(&s, today, &settings);
        let then = assess(&s, today.add_days(later), &settings);
        for kind in [ReasonKind::MeasureOverdue, ReasonKind::ReviewOverdue, ReasonKind::NoRecentUpdate, ReasonKind::PlanNotSignedOff] {
            prop_assert!(count(&then, kind) >= count(&now, kind), "{:?}", kind);
        }
    }

    #[test]
    fn a_snapshot_round_trips_through_json((s, _) in trajectory()) {
        let json = serde_json::to_string(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: Snapshot = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, s);
    }
}
