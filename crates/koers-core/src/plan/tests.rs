//! Plan tests: fixtures (a believable GWGB+ plan) and the rules, table-tested at their
//! boundaries. Editing, sign-off, comparison and the variants are in `tests/`.

mod edits;
mod signing;
mod variants;

pub(super) use super::fixtures::*;
use super::rules::{check_complete, check_draft};
use super::*;

fn problems(plan: &Plan) -> Vec<(String, PlanProblem)> {
    check_draft(plan, &ctx(&settings())).into_iter().map(|e| (e.field, e.problem)).collect()
}

#[test]
fn the_sample_plan_is_complete_and_has_a_school_and_an_expert_part() {
    let p = sample();
    assert_eq!(check_complete(&p, &ctx(&settings())), vec![]);
    assert_eq!(p.school_part().map(|m| m.id.get()).collect::<Vec<_>>(), [5]);
    assert_eq!(p.expert_part().map(|m| m.id.get()).collect::<Vec<_>>(), [4]);
    assert_eq!(p.planned_dagdelen(), 6);
    assert_eq!(p.period(), Some((d(2025, 11, 1), d(2026, 3, 31))));
    assert_eq!(p.next_id, 6);
}

#[test]
fn an_indicator_target_is_checked_against_its_unit_and_baseline() {
    let cases: Vec<(Unit, Direction, f64, f64, Option<PlanProblem>)> = vec![
        (Unit::Percentage, Direction::Increase, 48.2, 100.0, None),
        (
            Unit::Percentage,
            Direction::Increase,
            48.2,
            100.0001,
            Some(PlanProblem::Value(ValueProblem::OutOfRange { value: "100,0001".into(), range: "0–100%".into() })),
        ),
        (
            Unit::Percentage,
            Direction::Increase,
            48.2,
            48.2,
            Some(PlanProblem::TargetEqualsBaseline { baseline: "48,2%".into() }),
        ),
        (
            Unit::Percentage,
            Direction::Increase,
            48.2,
            48.1,
            Some(PlanProblem::TargetWrongDirection {
                baseline: "48,2%".into(),
                target: "48,1%".into(),
                worse: "lager",
                direction: "hoger is beter",
            }),
        ),
        (
            Unit::Percentage,
            Direction::Decrease,
            8.0,
            8.5,
            Some(PlanProblem::TargetWrongDirection {
                baseline: "8,0%".into(),
                target: "8,5%".into(),
                worse: "hoger",
                direction: "lager is beter",
            }),
        ),
        (Unit::Percentage, Direction::Decrease, 8.0, 0.0, None),
        (Unit::Score, Direction::Increase, 2.0, 4.0, None),
        (
            Unit::Score,
            Direction::Increase,
            2.0,
            4.5,
            Some(PlanProblem::Value(ValueProblem::OutOfRange { value: "4,5".into(), range: "1–4".into() })),
        ),
        (
            Unit::Score,
            Direction::Increase,
            0.5,
            3.0,
            Some(PlanProblem::Value(ValueProblem::OutOfRange { value: "0,5".into(), range: "1–4".into() })),
        ),
        (
            Unit::Count,
            Direction::Increase,
            2.0,
            2.5,
            Some(PlanProblem::Value(ValueProblem::NotWhole { value: "2,5".into() })),
        ),
        (Unit::Count, Direction::Decrease, 12.0, 0.0, None),
        (Unit::YesNo, Direction::Increase, 0.0, 1.0, None),
        (Unit::YesNo, Direction::Increase, 0.0, 0.5, Some(PlanProblem::Value(ValueProblem::NotYesNo))),
        (
            Unit::Other { label: "gemiddeld cijfer".into(), min: 1.0, max: 10.0, decimals: 1 },
            Direction::Increase,
            5.8,
            10.0,
            None,
        ),
        (
            Unit::Other { label: "gemiddeld cijfer".into(), min: 1.0, max: 10.0, decimals: 1 },
            Direction::Increase,
            5.8,
            10.1,
            Some(PlanProblem::Value(ValueProblem::OutOfRange {
                value: "10,1".into(),
                range: "1–10 gemiddeld cijfer".into(),
            })),
        ),
    ];
    for (unit, direction, baseline, target, want) in cases {
        let mut p = sample();
        let ind = &mut p.goals[0].indicators[1];
        (ind.unit, ind.direction, ind.baseline.value, ind.target) = (unit.clone(), direction, baseline, target);
        let got: Vec<PlanProblem> = problems(&p).into_iter().map(|(_, p)| p).collect();
        assert_eq!(got, want.into_iter().collect::<Vec<_>>(), "{unit:?} {baseline} → {target}");
    }
}

#[test]
fn dates_must_run_forward() {
    let mut p = sample();
    p.measures[0].end = p.measures[0].start;
    p.goals[0].indicators[1].target_date = d(2025, 10, 2);
    assert_eq!(problems(&p), vec![], "end on the start day and a target date one day after the baseline are fine");
    p.measures[0].end = p.measures[0].start.add_days(-1);
    p.goals[0].indicators[1].target_date = d(2025, 10, 1);
    let got = problems(&p);
    assert_eq!(got[0].0, "goals[0].indicators[1].target_date");
    assert_eq!(
        got[1],
        (
            "measures[0].end".into(),
            PlanProblem::EndBeforeStart { start: "01-11-2025".into(), end: "31-10-2025".into() }
        )
    );
}

#[test]
fn dagdelen_belong_to_expert_measures_and_stay_within_the_budget() {
    let mut p = sample();
    p.measures[0].dagdelen = 16;
    assert_eq!(problems(&p), vec![], "exactly the budget");
    p.measures[0].dagdelen = 17;
    assert_eq!(problems(&p), vec![("measures".into(), PlanProblem::OverBudget { planned: 17, limit: 16 })]);
    let mut p = sample();
    p.measures[1].dagdelen = 1;
    assert_eq!(problems(&p), vec![("measures[1].dagdelen".into(), PlanProblem::DagdelenOnSchoolMeasure)]);
    let unlimited = PlanContext { settings: &settings(), dagdelen_limit: None };
    p.measures[1].dagdelen = 0;
    p.measures[0].dagdelen = 200;
    assert_eq!(check_draft(&p, &unlimited), vec![]);
    p.measures[0].dagdelen = 201;
    assert_eq!(check_draft(&p, &unlimited)[0].problem, PlanProblem::TooManyDagdelen { dagdelen: 201, max: 200 });
}

#[test]
fn every_measure_serves_an_existing_goal() {
    let mut p = sample();
    p.measures[0].goals = vec![];
    p.measures[1].goals = vec![GoalId::new(1), GoalId::new(99)];
    assert_eq!(
        problems(&p),
        vec![
            ("measures[0].goals".into(), PlanProblem::NoGoal),
            ("measures[1].goals".into(), PlanProblem::UnknownGoal { goal: 99 })
        ]
    );
}

#[test]
fn at_most_the_programmes_number_of_goals_is_active() {
    let s = settings();
    let mut p = sample();
    for n in 2..=3 {
        let (next, _) = p
            .apply(
                PlanEdit::AddGoal { input: GoalInput { description: format!("Doel {n}"), standards: vec![] } },
                &ctx(&s),
            )
            .unwrap_or_else(|e| panic!("goal {n}: {e}"));
        p = next;
    }
    let e = p
        .apply(PlanEdit::AddGoal { input: GoalInput { description: "Doel 4".into(), standards: vec![] } }, &ctx(&s))
        .err()
        .unwrap_or_else(|| panic!("a fourth active goal was accepted"));
    assert_eq!(
        e.to_string(),
        "het plan is niet opgeslagen: doelen: 4 actieve doelen; dit programma houdt plannen kort: hooguit 3 (zet een doel op 'behaald' of 'vervallen')"
    );
    assert_eq!(e.field_errors()[0].field, "goals");
    // An inactive goal does not count.
    let id = p.goals[1].id;
    let (p, _) =
        p.apply(PlanEdit::SetGoalState { id, state: GoalState::Behaald }, &ctx(&s)).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        p.apply(PlanEdit::AddGoal { input: GoalInput { description: "Doel 4".into(), standards: vec![] } }, &ctx(&s))
            .is_ok()
    );
}

#[test]
fn standard_codes_are_checked() {
    for (codes, want) in [
        (vec!["OP3", "BKA2", "OR1"], vec![]),
        (vec!["3OP"], vec![PlanProblem::BadStandard { code: "3OP".into() }]),
        (vec!["OP 3"], vec![PlanProblem::BadStandard { code: "OP 3".into() }]),
        (vec!["OP3", "op3"], vec![PlanProblem::DuplicateStandard { code: "op3".into() }]),
    ] {
        let mut p = sample();
        p.goals[0].standards = codes.iter().map(|c| (*c).to_owned()).collect();
        assert_eq!(problems(&p).into_iter().map(|(_, p)| p).collect::<Vec<_>>(), want, "{codes:?}");
    }
}

#[test]
fn a_results_indicator_is_a_rising_percentage_and_a_free_unit_needs_a_sane_range() {
    let mut p = sample();
    p.goals[0].indicators[0].direction = Direction::Decrease;
    p.goals[0].indicators[0].target = 40.0;
    assert_eq!(problems(&p), vec![("goals[0].indicators[0].kind".into(), PlanProblem::ResultsIndicatorShape)]);
    let mut p = sample();
    p.goals[0].indicators[1].unit = Unit::Other { label: "lessen".into(), min: 5.0, max: 5.0, decimals: 0 };
    let got = check_draft(&p, &ctx(&settings()));
    assert_eq!(
        got[0].to_string(),
        "doel 1 ('Meer leerlingen halen 1S/2F voor begrijp…'), indicator 2 ('Score OP3 in klassenbezoeken'), eenheid: het bereik 5–5 klopt niet: de ondergrens moet kleiner zijn dan de bovengrens"
    );
}

#[test]
fn a_plan_is_signable_only_when_complete() {
    let s = settings();
    let empty = Plan::new(PlanKind::PlanVanAanpak);
    let got: Vec<PlanProblem> = check_complete(&empty, &ctx(&s)).into_iter().map(|e| e.problem).collect();
    assert_eq!(got, vec![PlanProblem::NoActiveGoal]);
    let mut p = sample();
    p.goals[0].standards.clear();
    p.goals[0].indicators.clear();
    p.measures.clear();
    let got: Vec<PlanProblem> = check_complete(&p, &ctx(&s)).into_iter().map(|e| e.problem).collect();
    assert_eq!(got, vec![PlanProblem::NoStandard, PlanProblem::NoIndicator, PlanProblem::NoMeasureForGoal]);
}

#[test]
fn values_are_parsed_and_written_the_dutch_way() {
    assert_eq!(Unit::Percentage.parse_value(" 72,5% "), Ok(72.5));
    assert_eq!(Unit::Percentage.parse_value("72.5"), Ok(72.5));
    assert_eq!(Unit::Score.parse_value("3"), Ok(3.0));
    assert_eq!(Unit::YesNo.parse_value("Ja"), Ok(1.0));
    assert_eq!(Unit::Count.parse_value("1,5"), Err(ValueProblem::NotWhole { value: "1,5".into() }));
    for bad in ["", "veel", "1,2,3", "1.000,5", "--1", "7e3"] {
        assert!(matches!(Unit::Count.parse_value(bad), Err(ValueProblem::NotANumber { .. })), "{bad}");
    }
    assert_eq!(
        Unit::Percentage.parse_value("-1").err().map(|e| e.to_string()).as_deref(),
        Some("-1 ligt buiten het bereik 0–100%")
    );
    assert_eq!(Unit::Percentage.format(72.46), "72,5%");
    assert_eq!(Unit::YesNo.format(1.0), "ja");
    assert_eq!(
        Unit::Other { label: "gemiddeld cijfer".into(), min: 1.0, max: 10.0, decimals: 1 }.format(6.25),
        "6,3 gemiddeld cijfer"
    );
    assert_eq!(sample().goals[0].indicators[0].to_string(), "Percentage 1S/2F: van 48,2% naar 55,0% op 31-07-2027");
}

#[test]
fn the_line_from_baseline_to_target_is_day_exact() {
    let ind = Indicator::new(IndicatorId::new(1), instructie()); // 2,0 on 01-10-2025 → 3,0 on 30-06-2026 (272 days)
    assert_eq!(ind.expected_at(d(2025, 9, 1)), 2.0);
    assert_eq!(ind.expected_at(d(2025, 10, 1)), 2.0);
    assert_eq!(ind.expected_at(d(2026, 6, 30)), 3.0);
    assert_eq!(ind.expected_at(d(2027, 1, 1)), 3.0);
    assert!((ind.expected_at(d(2025, 10, 1).add_days(136)) - 2.5).abs() < 1e-12);
    assert!(ind.reached(3.0) && !ind.reached(2.99));
}

#[test]
fn a_plan_round_trips_through_json() {
    let p = sample();
    let json = serde_json::to_string(&p).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        json.contains(r#""unit":"percentage""#) && json.contains(r#""kind":{"kind":"resultaten","level":"1S/2F"}"#),
        "{json}"
    );
    let back: Plan = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, p);
}
