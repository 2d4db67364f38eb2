//! Voortgang: status transitions, measurements, register results, activities, the six steps.

use super::*;
use crate::plan::fixtures::{d, sample};
use crate::plan::{IndicatorId, MeasureId};
use crate::programme::ProgrammeRules;
use crate::results::{ThreeYear, YearEntry, YearResult};
use crate::types::TestYear;

const START: (i32, u8, u8) = (2025, 10, 1);

fn start() -> Date {
    d(START.0, START.1, START.2)
}

fn update(measure: i64, date: Date, status: MeasureStatus, note: &str) -> StatusUpdate {
    StatusUpdate { measure: MeasureId::new(measure), date, status, note: note.into(), by: None }
}

#[test]
fn the_allowed_status_transitions() {
    use MeasureStatus::*;
    // rows: from; columns: to in the order Gepland, Loopt, Gereed, Vertraagd, Geschrapt
    let table = [
        (Gepland, [true, true, true, true, true]),
        (Loopt, [false, true, true, true, true]),
        (Gereed, [false, true, false, false, false]),
        (Vertraagd, [false, true, true, true, true]),
        (Geschrapt, [false, false, false, false, false]),
    ];
    for (from, row) in table {
        for (to, allowed) in MeasureStatus::ALL.into_iter().zip(row) {
            assert_eq!(from.may_become(to), allowed, "{from:?} → {to:?}");
        }
    }
    assert!(Gereed.is_closed() && Geschrapt.is_closed() && !Vertraagd.is_closed());
}

#[test]
fn a_status_update_is_dated_between_the_start_and_today_and_after_the_previous_one() {
    let plan = sample();
    let today = d(2026, 2, 1);
    let check = |u: &StatusUpdate, earlier: &[StatusUpdate]| check_status_update(u, &plan, earlier, start(), today);
    assert_eq!(check(&update(4, start(), MeasureStatus::Loopt, ""), &[]), Ok(()));
    assert_eq!(check(&update(4, today, MeasureStatus::Loopt, ""), &[]), Ok(()));
    let e = check(&update(4, start().add_days(-1), MeasureStatus::Loopt, ""), &[]).err();
    assert_eq!(
        e.as_ref().map(ToString::to_string).as_deref(),
        Some("datum: 30-09-2025 ligt vóór de start van het traject (01-10-2025)")
    );
    assert_eq!(e.map(|e| e.field()), Some("date"));
    let e = check(&update(4, today.add_days(1), MeasureStatus::Loopt, ""), &[]).err().map(|e| e.to_string());
    assert_eq!(e.as_deref(), Some("datum: 02-02-2026 ligt in de toekomst (vandaag is het 01-02-2026)"));
    let earlier = [update(4, d(2025, 11, 3), MeasureStatus::Loopt, "")];
    assert_eq!(check(&update(4, d(2025, 11, 3), MeasureStatus::Gereed, ""), &earlier), Ok(()), "the same day is fine");
    assert!(matches!(
        check(&update(4, d(2025, 11, 2), MeasureStatus::Gereed, ""), &earlier),
        Err(ProgressError::BeforeLastUpdate { .. })
    ));
    assert_eq!(check(&update(99, today, MeasureStatus::Loopt, ""), &[]), Err(ProgressError::UnknownMeasure(99)));
}

#[test]
fn delays_cancellations_reopening_and_note_only_updates_need_a_note() {
    let plan = sample();
    let today = d(2026, 2, 1);
    let check = |u: &StatusUpdate, earlier: &[StatusUpdate]| check_status_update(u, &plan, earlier, start(), today);
    let e = check(&update(4, today, MeasureStatus::Vertraagd, "  "), &[]).err();
    assert_eq!(
        e.as_ref().map(ToString::to_string).as_deref(),
        Some("toelichting: bij 'vertraagd' is een toelichting nodig")
    );
    assert_eq!(e.map(|e| e.field()), Some("note"));
    assert!(check(&update(4, today, MeasureStatus::Vertraagd, "Expert ziek; twee weken later."), &[]).is_ok());
    assert!(check(&update(4, today, MeasureStatus::Geschrapt, ""), &[]).is_err());
    assert!(check(&update(4, today, MeasureStatus::Gepland, ""), &[]).is_err(), "a note-only update without a note");
    let done = [update(4, d(2026, 1, 10), MeasureStatus::Gereed, "")];
    assert!(check(&update(4, today, MeasureStatus::Loopt, ""), &done).is_err());
    assert!(check(&update(4, today, MeasureStatus::Loopt, "Nog twee coachingsgesprekken nodig."), &done).is_ok());
    let gone = [update(4, d(2026, 1, 10), MeasureStatus::Geschrapt, "Past niet meer.")];
    assert_eq!(
        check(&update(4, today, MeasureStatus::Loopt, "toch wel"), &gone).err().map(|e| e.to_string()).as_deref(),
        Some(
            "status: van 'geschrapt' naar 'loopt' kan niet; een geschrapte maatregel komt alleen terug met een bijstelling van het plan"
        )
    );
}

#[test]
fn the_current_status_is_the_latest_by_date_then_by_order() {
    let m = MeasureId::new(4);
    assert_eq!(current_status(m, &[]), MeasureStatus::Gepland);
    let updates = [
        update(4, d(2025, 11, 1), MeasureStatus::Loopt, ""),
        update(4, d(2025, 12, 1), MeasureStatus::Vertraagd, "x"),
        update(4, d(2025, 12, 1), MeasureStatus::Loopt, "weer op schema"),
        update(5, d(2026, 1, 1), MeasureStatus::Gereed, ""),
        update(4, d(2025, 11, 15), MeasureStatus::Gereed, "ingevoerd met terugwerkende kracht"),
    ];
    assert_eq!(current_status(m, &updates), MeasureStatus::Loopt);
    let statuses: Vec<(i64, MeasureStatus)> =
        measure_statuses(&sample(), &updates).iter().map(|(m, s, _)| (m.id.get(), *s)).collect();
    assert_eq!(statuses, [(4, MeasureStatus::Loopt), (5, MeasureStatus::Gereed)]);
}

fn measurement(indicator: i64, date: Date, value: f64, source: &str) -> Measurement {
    Measurement {
        indicator: IndicatorId::new(indicator),
        date,
        value,
        source: MeasurementSource::Handmatig { source: source.into() },
        note: String::new(),
    }
}

#[test]
fn a_measurement_fits_its_unit_and_the_trajectory() {
    let plan = sample(); // indicator 2: percentage; indicator 3: score 1–4
    let today = d(2026, 2, 1);
    let check = |m: &Measurement| check_measurement(m, &plan, start(), today);
    for (indicator, value, ok) in [
        (2, 0.0, true),
        (2, 100.0, true),
        (2, 100.01, false),
        (2, -0.01, false),
        (3, 1.0, true),
        (3, 4.0, true),
        (3, 0.99, false),
        (3, f64::NAN, false),
    ] {
        assert_eq!(check(&measurement(indicator, today, value, "LVS")).is_ok(), ok, "{indicator}: {value}");
    }
    let e = check(&measurement(3, today, 4.5, "klassenbezoeken")).err();
    assert_eq!(e.as_ref().map(ToString::to_string).as_deref(), Some("waarde: 4,5 ligt buiten het bereik 1–4"));
    assert_eq!(e.map(|e| e.field()), Some("value"));
    assert!(matches!(check(&measurement(3, start().add_days(-1), 3.0, "x")), Err(ProgressError::BeforeStart { .. })));
    assert!(matches!(check(&measurement(3, today.add_days(1), 3.0, "x")), Err(ProgressError::InFuture { .. })));
    assert_eq!(check(&measurement(3, today, 3.0, " ")), Err(ProgressError::NoSource));
    assert_eq!(check(&measurement(9, today, 3.0, "x")), Err(ProgressError::UnknownIndicator(9)));
    let latest = [
        measurement(3, d(2026, 1, 5), 2.5, "a"),
        measurement(3, d(2025, 12, 1), 2.2, "b"),
        measurement(3, d(2026, 1, 5), 2.6, "c"),
    ];
    assert_eq!(latest_measurement(IndicatorId::new(3), &latest).map(|m| m.value), Some(2.6));
}

fn three_year(pct_1s2f: f64) -> ThreeYear {
    let y = |year: u16| {
        YearEntry::Present(
            YearResult::new(TestYear::new(year).unwrap_or_else(|e| panic!("{e}")), 30, 95.0, pct_1s2f)
                .unwrap_or_else(|e| panic!("{e}")),
        )
    };
    ThreeYear::weighted(&[y(2023), y(2024), y(2025)]).unwrap_or_else(|| panic!("no years"))
}

fn register(year: u16, pct: f64) -> RegisterValue {
    RegisterValue { test_year: TestYear::new(year).unwrap_or_else(|e| panic!("{e}")), three_year: three_year(pct) }
}

#[test]
fn new_register_results_are_added_once_to_results_indicators_only() {
    let plan = sample();
    let (_, lezen) = plan.indicator(IndicatorId::new(2)).unwrap_or_else(|| panic!("no indicator"));
    assert_eq!(lezen.baseline.date, register_date(TestYear::new(2025).unwrap_or_else(|e| panic!("{e}"))));
    let values = [register(2025, 48.2), register(2027, 53.456), register(2026, 50.004)];
    let added = register_measurements(lezen, &[], &values, start());
    let got: Vec<(Date, f64, String)> = added.iter().map(|m| (m.date, m.value, m.source.label_nl())).collect();
    assert_eq!(
        got,
        vec![
            (d(2026, 7, 31), 50.0, "register, driejaarsgemiddelde t/m 2025/26".to_owned()),
            (d(2027, 7, 31), 53.46, "register, driejaarsgemiddelde t/m 2026/27".to_owned()),
        ]
    );
    assert_eq!(register_measurements(lezen, &added, &values, start()), vec![], "idempotent");
    let (_, score) = plan.indicator(IndicatorId::new(3)).unwrap_or_else(|| panic!("no indicator"));
    assert_eq!(register_measurements(score, &[], &values, start()), vec![], "not a results indicator");
    assert_eq!(
        register_measurements(lezen, &[], &values, d(2026, 8, 1)).len(),
        1,
        "2026 is before this trajectory's start"
    );
}

#[test]
fn step_five_activities_are_logged_with_a_date_in_the_trajectory() {
    let entry = ActivityEntry {
        activity: Step5Activity::UpdateOverleggen,
        date: d(2026, 1, 20),
        with: "MR en ouderraad".into(),
        note: "Voortgang lezen toegelicht.".into(),
        by: None,
    };
    assert_eq!(check_activity(&entry, start(), d(2026, 1, 20)), Ok(()));
    assert!(check_activity(&entry, start(), d(2026, 1, 19)).is_err());
    let long = ActivityEntry { with: "x".repeat(201), ..entry };
    assert_eq!(check_activity(&long, start(), d(2026, 2, 1)).err().map(|e| e.field()), Some("with"));
    let step5: Vec<&str> = Step::VoortgangEnResultaten.activities().iter().map(|a| a.key).collect();
    let kinds: Vec<&str> = Step5Activity::ALL.iter().map(|a| a.key()).collect();
    assert_eq!(step5, kinds, "step 5 of the timeline is exactly the loggable step-5 activities");
    for a in Step5Activity::ALL {
        assert_eq!(Step::step5_activity(a.key()), Some(a));
        assert_eq!(
            Step::VoortgangEnResultaten.activities().iter().find(|s| s.key == a.key()).map(|s| s.text),
            Some(a.text_nl())
        );
    }
}

#[test]
fn the_six_steps_are_the_procesbegeleiding_phases() {
    let p = ProgrammeRules::shipped().unwrap_or_else(|e| panic!("{e}"));
    let pb = p.iter().find(|p| p.id == "leren-verbeteren-procesbegeleiding").unwrap_or_else(|| panic!("missing"));
    let phases: Vec<(&str, &str)> = pb.phases.iter().map(|ph| (ph.id.as_str(), ph.name.as_str())).collect();
    let steps: Vec<(&str, &str)> = Step::ALL.iter().map(|s| (s.phase_id(), s.name_nl())).collect();
    assert_eq!(phases, steps);
    assert!(Step::ALL.iter().all(|s| !s.activities().is_empty()));
    assert_eq!(Step::from_phase_id("aan-de-slag"), Some(Step::AanDeSlag));
}

#[test]
fn the_timeline_records_every_visit_and_allows_going_back() {
    let t = StepTimeline::default();
    let (t, _) = t.enter(Step::SituatieInKaart, d(2025, 10, 1), "").unwrap_or_else(|e| panic!("{e}"));
    let (t, _) = t.enter(Step::BewustwordingEnErkenning, d(2025, 11, 1), "").unwrap_or_else(|e| panic!("{e}"));
    let (t, events) = t
        .enter(Step::SituatieInKaart, d(2025, 11, 20), "Nieuwe examencijfers vragen een nieuwe analyse.")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        events,
        vec![
            StepEvent::StepLeft { step: Step::BewustwordingEnErkenning, on: d(2025, 11, 20) },
            StepEvent::StepEntered { step: Step::SituatieInKaart, on: d(2025, 11, 20), revisit: true },
        ]
    );
    assert_eq!(t.visits_of(Step::SituatieInKaart), 2);
    assert_eq!(
        t.enter(Step::SituatieInKaart, d(2025, 12, 1), "").err(),
        Some(ProgressError::AlreadyInStep { number: 1, name: "Situatie in kaart" })
    );
    assert!(matches!(t.enter(Step::AanDeSlag, d(2025, 11, 19), ""), Err(ProgressError::BeforeCurrentStep { .. })));
    let (t, _) =
        t.mark_done(Step::SituatieInKaart, "review-start", d(2025, 11, 25), "").unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        t.mark_done(Step::SituatieInKaart, "shrm", d(2025, 11, 25), ""),
        Err(ProgressError::UnknownStepActivity { number: 1, .. })
    ));
    let o = t.overview(d(2025, 12, 1));
    assert_eq!((o[0].visits, o[0].days, o[0].current, o[0].done, o[0].total), (2, 31 + 11, true, 1, 4));
    assert_eq!((o[1].visits, o[1].days, o[1].current, o[1].first_entered), (1, 19, false, Some(d(2025, 11, 1))));
    assert_eq!(o[5].visits, 0);
    assert_eq!(StepTimeline::from_parts(t.visits.clone(), t.done.clone()), Ok(t.clone()));
    let mut broken = t.visits.clone();
    broken.swap(0, 1);
    assert_eq!(StepTimeline::from_parts(broken, vec![]), Err(ProgressError::TimelineOutOfOrder));
}

#[test]
fn an_indicator_series_has_the_line_and_the_points_for_a_chart() {
    let plan = sample();
    let (_, score) = plan.indicator(IndicatorId::new(3)).unwrap_or_else(|| panic!("no indicator"));
    let ms = [
        measurement(3, d(2026, 3, 1), 2.6, "klassenbezoeken"),
        measurement(2, d(2026, 1, 1), 50.0, "x"),
        measurement(3, d(2025, 12, 1), 2.3, "klassenbezoeken"),
    ];
    let s = indicator_series(score, &ms);
    assert_eq!(s.line, [(d(2025, 10, 1), 2.0), (d(2026, 6, 30), 3.0)]);
    assert_eq!(s.points, [(d(2025, 12, 1), 2.3), (d(2026, 3, 1), 2.6)]);
    assert_eq!(s.latest, Some((d(2026, 3, 1), 2.6)));
    assert!(s.expected_at_latest.is_some_and(|e| (e - (2.0 + 151.0 / 272.0)).abs() < 1e-12));
    assert!(!s.reached);
    assert_eq!(goals_met(&plan, &ms), (0, 1));
    let done = [measurement(3, d(2026, 6, 1), 3.0, "klassenbezoeken"), measurement(2, d(2026, 1, 1), 55.0, "x")];
    assert_eq!(goals_met(&plan, &done), (1, 1));
    let mut behaald = plan.clone();
    behaald.goals[0].state = crate::plan::GoalState::Vervallen;
    assert_eq!(goals_met(&behaald, &done), (0, 0));
}

#[test]
fn a_register_result_is_the_three_year_value_the_inspectie_publishes() {
    // 00AP|C1 in the Inspectie's 2023–2025 file: 18, 13 and 12 pupils; published 93,02 / 51,94.
    let year = |y: u16, n: u32, f1: f64, s: f64| {
        YearEntry::Present(
            YearResult::new(TestYear::new(y).unwrap_or_else(|e| panic!("{e}")), n, f1, s)
                .unwrap_or_else(|e| panic!("{e}")),
        )
    };
    let window = ThreeYear::weighted(&[
        year(2023, 18, 94.44, 55.56),
        year(2024, 13, 92.31, 51.28),
        year(2025, 12, 91.67, 47.22),
    ])
    .unwrap_or_else(|| panic!("no years"));
    let value = RegisterValue { test_year: TestYear::new(2025).unwrap_or_else(|e| panic!("{e}")), three_year: window };
    let plan = sample();
    let (_, lezen) = plan.indicator(IndicatorId::new(2)).unwrap_or_else(|| panic!("no indicator"));
    let mut earlier = lezen.clone();
    earlier.baseline.date = d(2024, 7, 31);
    let added = register_measurements(&earlier, &[], &[value], d(2024, 9, 1));
    assert_eq!(added.iter().map(|m| (m.date, m.value)).collect::<Vec<_>>(), [(d(2025, 7, 31), 51.94)]);
    let mut f1 = earlier.clone();
    f1.kind = crate::plan::IndicatorKind::Resultaten { level: crate::results::Indicator::F1 };
    assert_eq!(register_measurements(&f1, &[], &[value], d(2024, 9, 1))[0].value, 93.02);
}
