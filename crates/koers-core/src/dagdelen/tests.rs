//! Dagdelen: parsing, the entry rules at their boundaries, budget blocks and overrides, planned
//! vs spent, capacity and the time sheet.

use super::*;
use crate::calendar::SchoolYear;
use crate::ids::UserId;
use crate::plan::fixtures::{d, sample};
use crate::programme::ProgrammeRules;

fn npo() -> crate::programme::DagdelenBudget {
    let p = ProgrammeRules::shipped().unwrap_or_else(|e| panic!("{e}"));
    p.iter().find(|p| p.id == "leren-verbeteren-npo").and_then(|p| p.dagdelen).unwrap_or_else(|| panic!("no budget"))
}

pub(crate) fn entry(trajectory: i64, expert: i64, date: Date, dagdelen: u32, measure: Option<i64>) -> TimeEntry {
    TimeEntry {
        trajectory: TrajectoryId::new(trajectory),
        expert: ExpertId::new(expert),
        date,
        dagdelen,
        measure: measure.map(MeasureId::new),
        activity: ActivityType::CoachingLeraren,
        note: String::new(),
    }
}

#[test]
fn dagdelen_are_typed_as_whole_positive_numbers() {
    for (text, want) in [
        ("2", Ok(2)),
        (" 10 ", Ok(10)),
        ("+3", Ok(3)),
        ("2,0", Ok(2)),
        ("1,5", Err(DagdelenError::Fractional { text: "1,5".into() })),
        ("1.5", Err(DagdelenError::Fractional { text: "1.5".into() })),
        ("½", Err(DagdelenError::Fractional { text: "½".into() })),
        (",5", Err(DagdelenError::Fractional { text: ",5".into() })),
        ("-1", Err(DagdelenError::Negative { text: "-1".into() })),
        ("-1,5", Err(DagdelenError::Negative { text: "-1,5".into() })),
        ("0", Err(DagdelenError::Zero)),
        ("-0", Err(DagdelenError::Zero)),
        ("", Err(DagdelenError::Empty)),
        ("twee", Err(DagdelenError::NotANumber { text: "twee".into() })),
        ("1.000", Err(DagdelenError::NotANumber { text: "1.000".into() })),
        ("1,2,3", Err(DagdelenError::NotANumber { text: "1,2,3".into() })),
        ("11", Err(DagdelenError::TooManyAtOnce { dagdelen: 11, max: 10 })),
        ("99999999999999999999999", Err(DagdelenError::TooManyAtOnce { dagdelen: u32::MAX, max: 10 })),
    ] {
        assert_eq!(parse_dagdelen(text), want, "{text:?}");
    }
    assert_eq!(
        parse_dagdelen("1,5").err().map(|e| e.to_string()).as_deref(),
        Some(
            "dagdelen: '1,5' is geen heel aantal; een dagdeel is een halve dag, schrijf hele dagdelen (bijvoorbeeld 2 in plaats van 1,5)"
        )
    );
    assert_eq!(parse_dagdelen("-1").err().map(|e| e.field()), Some("dagdelen"));
}

#[test]
fn an_entry_is_dated_in_the_trajectory_and_in_the_future_only_up_to_the_plans_end() {
    let plan = sample(); // measures from 01-11-2025 to 31-03-2026; 4 is the expert's, 5 the school's
    let ctx = LogContext {
        today: d(2026, 1, 15),
        trajectory_start: d(2025, 10, 1),
        plan: Some(&plan),
        limit: None,
        spent: 0,
    };
    let check = |date: Date, measure: Option<i64>| check_entry(&entry(1, 1, date, 2, measure), &ctx);
    assert_eq!(check(d(2025, 10, 1), None), Ok(()));
    assert_eq!(check(d(2026, 3, 31), Some(4)), Ok(()), "a planned studiedag on the plan's last day");
    assert_eq!(
        check(d(2025, 9, 30), None).err().map(|e| e.to_string()).as_deref(),
        Some("datum: 30-09-2025 ligt vóór de start van het traject (01-10-2025)")
    );
    let e = check(d(2026, 4, 1), None).err();
    assert_eq!(
        e.as_ref().map(ToString::to_string).as_deref(),
        Some("datum: 01-04-2026 ligt in de toekomst en na het einde van het plan (31-03-2026)")
    );
    assert_eq!(e.map(|e| e.field()), Some("date"));
    let no_plan = LogContext { plan: None, ..ctx };
    assert_eq!(check_entry(&entry(1, 1, d(2026, 1, 15), 1, None), &no_plan), Ok(()), "today is not the future");
    assert!(matches!(
        check_entry(&entry(1, 1, d(2026, 1, 16), 1, None), &no_plan),
        Err(DagdelenError::FutureWithoutPlan { .. })
    ));
    assert_eq!(check(d(2026, 1, 15), Some(9)), Err(DagdelenError::UnknownMeasure(9)));
    assert!(matches!(check(d(2026, 1, 15), Some(5)), Err(DagdelenError::SchoolMeasure { .. })));
    assert_eq!(check_entry(&entry(1, 1, d(2026, 1, 15), 0, None), &ctx), Err(DagdelenError::Zero));
}

#[test]
fn an_entry_past_the_budget_is_refused() {
    let ctx = |spent| LogContext {
        today: d(2026, 1, 15),
        trajectory_start: d(2025, 10, 1),
        plan: None,
        limit: Some(16),
        spent,
    };
    let e = |spent, n| check_entry(&entry(1, 1, d(2026, 1, 15), n, None), &ctx(spent));
    assert_eq!(e(15, 1), Ok(()), "exactly the budget");
    assert_eq!(e(16, 1), Err(DagdelenError::OverBudget { limit: 16, spent: 16, adding: 1, over: 1 }));
    assert_eq!(
        e(15, 2).err().map(|e| e.to_string()).as_deref(),
        Some("dagdelen: het budget is 16 dagdelen en er zijn er al 15 geschreven; 2 erbij is 1 te veel")
    );
}

#[test]
fn the_npo_budget_is_granted_in_blocks_of_eight_at_most_two() {
    let p = npo();
    assert_eq!((p.per_block, p.max_blocks, p.override_allowed), (8, 2, true));
    for (blocks, ok) in [(0, false), (1, true), (2, true), (3, false)] {
        assert_eq!(TrajectoryBudget::grant(p, blocks).is_ok(), ok, "{blocks} blocks");
    }
    assert_eq!(
        TrajectoryBudget::grant(p, 3).err().map(|e| e.to_string()).as_deref(),
        Some(
            "blokken: kies 1 tot en met 2 blokken van 8 dagdelen (gevraagd: 3); meer kan alleen met een besluit van de programmastaf met een reden"
        )
    );
    for (dagdelen, blocks) in [(0, Some(1)), (1, Some(1)), (8, Some(1)), (9, Some(2)), (16, Some(2)), (17, None)] {
        assert_eq!(TrajectoryBudget::for_dagdelen(p, dagdelen).ok().map(|b| b.blocks), blocks, "{dagdelen} dagdelen");
    }
    let b = TrajectoryBudget::grant(p, 1).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((b.limit(), b.check(8), b.check(9).is_err()), (8, Ok(()), true));
    assert_eq!(
        b.check(9).err().map(|e| e.to_string()).as_deref(),
        Some("dagdelen: het budget is 8 dagdelen (1 × 8); gevraagd zijn er 9"),
        "assignment refuses more than the budget"
    );
}

#[test]
fn more_than_two_blocks_only_by_a_recorded_decision_with_a_reason() {
    let p = npo();
    let b = TrajectoryBudget::grant(p, 2).unwrap_or_else(|e| panic!("{e}"));
    let decide = |n: u32, reason: &str| b.with_override(p, n, reason, UserId::new(3), d(2026, 2, 2));
    let reason = "Tweede afdeling (havo) kwam er na de schoolscan bij.";
    assert_eq!(decide(16, reason), Err(BudgetError::OverrideRange { max: 16, limit: 500 }));
    assert_eq!(decide(20, "nodig"), Err(BudgetError::ReasonTooShort { min: 10 }));
    let more = decide(20, reason).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((more.limit(), more.check(20), more.check(21).is_err()), (20, Ok(()), true));
    assert_eq!(more.decision.as_ref().map(|o| (o.decided_by, o.reason.as_str())), Some((UserId::new(3), reason)));
    let strict = crate::programme::DagdelenBudget { override_allowed: false, ..p };
    assert_eq!(
        b.with_override(strict, 20, reason, UserId::new(3), d(2026, 2, 2)),
        Err(BudgetError::OverrideNotAllowed)
    );
}

#[test]
fn planned_and_spent_per_measure_and_per_trajectory() {
    let plan = sample(); // expert measure 4 plans 6 dagdelen
    let entries = [
        entry(1, 1, d(2025, 11, 5), 2, Some(4)),
        entry(1, 1, d(2025, 12, 3), 3, Some(4)),
        entry(1, 1, d(2025, 10, 2), 1, None),
        entry(1, 1, d(2026, 1, 8), 2, Some(77)),
    ];
    let u = usage(Some(&plan), &entries, Some(8));
    let rows: Vec<(i64, u32, u32)> = u.per_measure.iter().map(|m| (m.measure.get(), m.planned, m.spent)).collect();
    assert_eq!(rows, [(4, 6, 5), (77, 0, 2)]);
    assert_eq!(u.per_measure[1].what, "maatregel 77");
    assert_eq!(
        (u.planned, u.spent, u.unlinked, u.over_plan(), u.over_budget(), u.budget_left()),
        (6, 8, 1, 2, 0, Some(0))
    );
    assert_eq!(usage(None, &[], None), Usage { per_measure: vec![], unlinked: 0, planned: 0, spent: 0, limit: None });
}

#[test]
fn an_experts_capacity_per_school_year_follows_the_log() {
    let entries = [
        entry(1, 1, d(2025, 7, 31), 4, None), // school year 2024-2025
        entry(1, 1, d(2025, 8, 1), 2, None),
        entry(2, 1, d(2026, 3, 3), 3, None),
        entry(1, 1, d(2026, 7, 31), 1, None),
        entry(3, 2, d(2026, 1, 1), 5, None), // another expert
    ];
    let c = capacity(ExpertId::new(1), SchoolYear { start_year: 2025 }, 5, &entries);
    assert_eq!((c.spent, c.remaining(), c.over()), (6, 0, 1));
    assert_eq!(c.per_trajectory, [(TrajectoryId::new(1), 3), (TrajectoryId::new(2), 3)]);
}

#[test]
fn an_experts_commitment_moves_from_planned_to_logged() {
    let year = SchoolYear { start_year: 2025 };
    let t = TrajectoryId::new;
    let active = [(t(1), 8), (t(2), 16)];
    // (entries, committed): nothing logged = everything planned; logged time within the plan
    // moves over; beyond the plan counts in full; last year's time and other experts' do not.
    for (entries, expected) in [
        (vec![], 24),
        (vec![entry(1, 1, d(2025, 9, 1), 3, None)], 24),
        (vec![entry(1, 1, d(2025, 9, 1), 10, None)], 26),
        (vec![entry(1, 1, d(2025, 7, 31), 3, None)], 21),
        (vec![entry(9, 1, d(2025, 8, 1), 2, None)], 26),
        (vec![entry(1, 2, d(2025, 9, 1), 5, None)], 24),
    ] {
        assert_eq!(committed(ExpertId::new(1), year, &active, &entries), expected, "{entries:?}");
    }
}

#[test]
fn the_time_sheet_lists_one_experts_month() {
    let mut entries = vec![
        entry(2, 1, d(2025, 11, 20), 2, None),
        entry(1, 1, d(2025, 11, 3), 1, Some(4)),
        entry(1, 1, d(2025, 12, 1), 2, None),
        entry(1, 2, d(2025, 11, 4), 2, None),
    ];
    entries[0].activity = ActivityType::Studiedag;
    let labels = [TrajectoryLabel {
        trajectory: TrajectoryId::new(2),
        school: "De Morgenster".into(),
        programme: "GWGB+".into(),
    }];
    let month = Month::new(2025, 11).unwrap_or_else(|| panic!("month"));
    let sheet = time_sheet(ExpertId::new(1), month, &entries, &labels);
    let rows: Vec<(Date, &str, &str, u32)> =
        sheet.rows.iter().map(|r| (r.date, r.school.as_str(), r.activity.as_str(), r.dagdelen)).collect();
    assert_eq!(
        rows,
        [(d(2025, 11, 3), "traject 1", "coaching van leraren", 1), (d(2025, 11, 20), "De Morgenster", "studiedag", 2)]
    );
    assert_eq!(sheet.total, 3);
    assert_eq!(sheet.per_trajectory[1], (TrajectoryId::new(2), "De Morgenster".into(), 2));
    assert_eq!(
        (month.label_nl(), month.to_string(), month.last_day()),
        ("november 2025".into(), "2025-11".into(), d(2025, 11, 30))
    );
    assert_eq!(
        Month::new(2025, 12).map(|m| (m.next(), m.last_day())),
        Some((Month { year: 2026, month: 1 }, d(2025, 12, 31)))
    );
    assert_eq!(Month::new(2025, 13), None);
}
