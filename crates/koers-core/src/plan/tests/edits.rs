//! Editing: ids, refusals that leave the plan as it was, the board track's order.

use super::*;

#[test]
fn ids_are_handed_out_by_the_plan_and_never_reused() {
    let s = settings();
    let p = sample();
    let (p, _) = p.apply(PlanEdit::RemoveMeasure { id: MeasureId::new(5) }, &ctx(&s)).unwrap_or_else(|e| panic!("{e}"));
    let (p, added) =
        p.apply(PlanEdit::AddMeasure { input: analyse(GoalId::new(1)) }, &ctx(&s)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(added, Some(Added::Measure(MeasureId::new(6))), "5 was removed, but is not handed out again");
    assert_eq!(p.next_id, 7);
}

#[test]
fn a_refused_edit_changes_nothing_and_names_the_field() {
    let s = settings();
    let p = sample();
    let mut bad = coaching(GoalId::new(1), 3);
    bad.owner = Owner::School { role: SchoolRole::Team };
    let e = p.apply(PlanEdit::UpdateMeasure { id: MeasureId::new(4), input: bad }, &ctx(&s)).err();
    let e = e.unwrap_or_else(|| panic!("dagdelen on a school measure were accepted"));
    assert_eq!(
        e.to_string(),
        "het plan is niet opgeslagen: maatregel 1 ('Coaching van de leraren groep 5–8 op ins…'), dagdelen: alleen maatregelen van de expert hebben dagdelen; zet dit op 0 of maak de expert eigenaar"
    );
    assert_eq!(e.field_errors()[0].field, "measures[0].dagdelen");
    assert_eq!(p, sample(), "the original is untouched");
}

#[test]
fn a_goal_cannot_be_removed_while_a_measure_serves_only_that_goal() {
    let s = settings();
    let p = sample();
    let e = p.apply(PlanEdit::RemoveGoal { id: GoalId::new(1) }, &ctx(&s)).err();
    let problems: Vec<PlanProblem> = e.iter().flat_map(|e| e.field_errors()).map(|f| f.problem.clone()).collect();
    assert_eq!(problems, vec![PlanProblem::NoGoal, PlanProblem::NoGoal]);
    // Once the measures also serve another goal, the goal goes and the measures stay.
    let p = edited(
        &p,
        &s,
        vec![
            PlanEdit::AddGoal {
                input: GoalInput { description: "Rust in de klas".into(), standards: vec!["SK2".into()] },
            },
            PlanEdit::UpdateMeasure {
                id: MeasureId::new(4),
                input: MeasureInput { goals: vec![GoalId::new(1), GoalId::new(6)], ..coaching(GoalId::new(1), 6) },
            },
            PlanEdit::UpdateMeasure {
                id: MeasureId::new(5),
                input: MeasureInput { goals: vec![GoalId::new(6)], ..analyse(GoalId::new(1)) },
            },
            PlanEdit::RemoveGoal { id: GoalId::new(1) },
        ],
    );
    assert_eq!(p.goals.len(), 1);
    assert!(p.measures.iter().all(|m| m.goals == [GoalId::new(6)]));
}

#[test]
fn unknown_items_are_reported_not_found() {
    let s = settings();
    let e = sample().apply(PlanEdit::RemoveIndicator { id: IndicatorId::new(42) }, &ctx(&s)).err();
    assert_eq!(e, Some(PlanError::NotFound { what: "indicator", id: 42 }));
    assert_eq!(e.map(|e| e.to_string()).as_deref(), Some("het plan kent geen indicator 42"));
}

#[test]
fn a_lowered_limit_does_not_block_repairing_the_plan() {
    let roomy = PlanSettings { max_active_goals: 5, ..settings() };
    let mut p = sample();
    for n in 0..4 {
        p = edited(
            &p,
            &roomy,
            vec![PlanEdit::AddGoal { input: GoalInput { description: format!("Extra {n}"), standards: vec![] } }],
        );
    }
    let tight = settings(); // 3 active goals; the plan has 5
    let first_extra = p.goals[1].id;
    let (p, _) = p
        .apply(PlanEdit::SetGoalState { id: first_extra, state: GoalState::Vervallen }, &ctx(&tight))
        .unwrap_or_else(|e| panic!("reducing the active goals must be possible: {e}"));
    let (p, _) = p
        .apply(
            PlanEdit::UpdateGoal {
                id: first_extra,
                input: GoalInput { description: "Vervallen".into(), standards: vec![] },
            },
            &ctx(&tight),
        )
        .unwrap_or_else(|e| panic!("an unrelated edit must be possible: {e}"));
    assert!(
        p.apply(
            PlanEdit::AddGoal { input: GoalInput { description: "Nog één".into(), standards: vec![] } },
            &ctx(&tight)
        )
        .is_err()
    );
}

#[test]
fn the_board_records_the_advice_before_the_plan_and_its_choice_before_signing() {
    let s = PlanSettings { signers: vec![Signer::Bestuurder], ..settings() };
    let board = Plan::new(PlanKind::Bestuur { advice: None, choice: None });
    let goal = PlanEdit::AddGoal {
        input: GoalInput {
            description: "Een toetsingskader dat de raad van toezicht gebruikt".into(),
            standards: vec!["BKA3".into()],
        },
    };
    let e = board.apply(goal.clone(), &ctx(&s)).err();
    assert_eq!(
        e.iter().flat_map(|e| e.field_errors()).map(|f| f.problem.clone()).collect::<Vec<_>>(),
        vec![PlanProblem::AdviceFirst]
    );
    let advice = Advice {
        text: "Leg de kwaliteitskalender vast en bespreek die twee keer per jaar met de RvT.".into(),
        date: d(2025, 12, 1),
    };
    let mut indicator = instructie();
    indicator.name = "Kwaliteitskalender besproken in de RvT".into();
    indicator.unit = Unit::YesNo;
    (indicator.baseline.value, indicator.target) = (0.0, 1.0);
    let mut m = coaching(GoalId::new(1), 4);
    m.activity = ActivityType::Gesprekken;
    let p = edited(
        &board,
        &s,
        vec![
            PlanEdit::RecordAdvice { advice },
            goal,
            PlanEdit::AddIndicator { goal: GoalId::new(1), input: indicator },
            PlanEdit::AddMeasure { input: m },
        ],
    );
    let missing: Vec<PlanProblem> = check_complete(&p, &ctx(&s)).into_iter().map(|e| e.problem).collect();
    assert_eq!(missing, vec![PlanProblem::NoChoice]);
    let e = p.apply(PlanEdit::RecordChoice { choice: BoardExecution::Zelfstandig }, &ctx(&s)).err();
    assert_eq!(
        e.map(|e| e.to_string()).as_deref(),
        Some(
            "het plan is niet opgeslagen: maatregel 1 ('Coaching van de leraren groep 5–8 op ins…'), eigenaar: het bestuur voert het plan zelfstandig uit, dus zonder maatregelen van de expert"
        )
    );
    let p = edited(&p, &s, vec![PlanEdit::RecordChoice { choice: BoardExecution::MetOndersteuning }]);
    assert_eq!(check_complete(&p, &ctx(&s)), vec![]);
    let e = sample().apply(PlanEdit::RecordChoice { choice: BoardExecution::Zelfstandig }, &ctx(&s)).err();
    assert_eq!(
        e.iter().flat_map(|e| e.field_errors()).map(|f| f.problem.clone()).collect::<Vec<_>>(),
        vec![PlanProblem::NotABoardPlan]
    );
}

#[test]
fn edits_round_trip_through_json_for_the_api() {
    let edit = PlanEdit::AddIndicator { goal: GoalId::new(1), input: lezen() };
    let json = serde_json::to_string(&edit).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        json.starts_with(r#"{"edit":"add_indicator","goal":1,"input":{"name":"Percentage 1S/2F","unit":"percentage""#),
        "{json}"
    );
    let back: PlanEdit = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, edit);
    let owner = serde_json::to_string(&Owner::School { role: SchoolRole::Other("rekencoördinator".into()) })
        .unwrap_or_default();
    assert_eq!(owner, r#"{"kind":"school","role":{"other":"rekencoördinator"}}"#);
}
