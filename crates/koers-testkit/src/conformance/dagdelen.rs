//! Cases: the dagdelen log, budget decisions and kostenoverzicht kenmerken (issue 10 §7–8).

use std::sync::Arc;

use koers_app::store::{NewBudgetDecision, NewTimeEntry, Store, StoreError, TrajectoryRecord};
use koers_core::calendar::Date;
use koers_core::ids::SchoolId;
use koers_core::plan::{ActivityType, MeasureId};

use super::data::*;
use super::experts::*;
use super::workflow::*;
use koers_app::store::AuditEntity;

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).expect("date")
}

/// A school with a running trajectory of `programme` (8 dagdelen planned).
pub async fn trajectory_with_expert(s: &dyn Store, programme: &str) -> TrajectoryRecord {
    let school = one_school(s).await;
    let app = add_application(
        s,
        &koers_app::store::NewApplication {
            school_id: Some(school.id),
            board_number: school.board_number,
            ..new_application(programme, "Ann", "Rekenen")
        },
        NOW,
    )
    .await;
    let expert = s.save_expert(&expert_write("Kees", "kees@expert.nl"), &actor(), NOW).await.expect("expert");
    s.assign_expert(&assignment(app.id, 1, expert.id, 8), &actor(), NOW + 1).await.expect("assign").1
}

pub fn time_entry(t: &TrajectoryRecord, date: Date, dagdelen: u32, expected_spent: u32) -> NewTimeEntry {
    NewTimeEntry {
        trajectory_id: t.id,
        expert_id: t.expert_id,
        date,
        dagdelen,
        measure_id: None,
        activity: ActivityType::Schoolscan,
        note: String::new(),
        expected_spent,
    }
}

pub async fn time_entries_round_trip_per_trajectory_expert_and_school_and_are_audited(store: Arc<dyn Store>) {
    let s = &*store;
    let t = trajectory_with_expert(s, "leren-verbeteren-npo").await;
    let id = t.id;
    let e1 = NewTimeEntry {
        measure_id: Some(MeasureId::new(7)),
        activity: ActivityType::NpoInterventie(koers_core::plan::NpoCategory::ALL[0]),
        note: "Schoolscan met het MT; 'quotes' en é".into(),
        ..time_entry(&t, d(2025, 11, 3), 3, 0)
    };
    let first = s.log_time(&e1, &actor(), NOW + 10).await.expect("log");
    assert_eq!(
        (first.dagdelen, first.measure_id, first.activity, first.recorded_at),
        (3, e1.measure_id, e1.activity, NOW + 10)
    );
    let second = s.log_time(&time_entry(&t, d(2025, 10, 20), 2, 3), &actor(), NOW + 11).await.expect("log");
    // Oldest date first, whatever the order of logging.
    assert_eq!(s.time_entries_of_trajectory(id).await.expect("read"), vec![second.clone(), first.clone()]);
    let expert = t.expert_id;
    let nov = s.time_entries_of_expert(expert, d(2025, 11, 1), d(2025, 11, 30)).await.expect("expert");
    assert_eq!(nov, vec![first.clone()], "both ends of the period included, others left out");
    assert_eq!(s.time_entries_of_expert(expert, d(2025, 11, 3), d(2025, 11, 3)).await.expect("day").len(), 1);
    let school = SchoolId::new(t.school_id.expect("school").get());
    assert_eq!(s.time_entries_of_school(school, d(2025, 8, 1), d(2026, 7, 31)).await.expect("school").len(), 2);
    assert!(
        s.time_entries_of_school(SchoolId::new(school.get() + 99), d(2025, 8, 1), d(2026, 7, 31))
            .await
            .expect("other")
            .is_empty()
    );
    assert_eq!(s.time_entries_between(d(2025, 10, 20), d(2025, 10, 20)).await.expect("between"), vec![second]);
    let audit = audit_of(s, AuditEntity::Trajectory, t.id).await;
    let logged: Vec<_> = audit.iter().filter(|a| a.action == "time_logged").collect();
    assert_eq!(logged.len(), 2, "every entry audited on its trajectory");
    assert_eq!(snapshot(logged[1].after.as_deref())["dagdelen"], 3);
}

pub async fn logging_time_checks_what_was_spent_so_the_budget_cannot_be_raced(store: Arc<dyn Store>) {
    let s = &*store;
    let t = trajectory_with_expert(s, "leren-verbeteren-npo").await;
    s.log_time(&time_entry(&t, d(2025, 11, 3), 4, 0), &actor(), NOW + 10).await.expect("log");
    let before = all_audit(s).await.len();
    // Written by someone who saw 0 spent: refused, nothing written.
    match s.log_time(&time_entry(&t, d(2025, 11, 4), 4, 0), &actor(), NOW + 11).await {
        Err(StoreError::Conflict { expected: 0, actual: 4 }) => {}
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(s.time_entries_of_trajectory(t.id).await.expect("read").len(), 1);
    assert_eq!(all_audit(s).await.len(), before, "nothing audited");
    // Two at once with the same view: exactly one is written.
    let (a, b) = (store.clone(), store.clone());
    let (ea, eb) = (time_entry(&t, d(2025, 11, 5), 4, 4), time_entry(&t, d(2025, 11, 6), 4, 4));
    let ra = tokio::spawn(async move { a.log_time(&ea, &actor(), NOW + 12).await.is_ok() });
    let rb = tokio::spawn(async move { b.log_time(&eb, &actor(), NOW + 12).await.is_ok() });
    let wins = [ra.await.expect("a"), rb.await.expect("b")];
    assert_eq!(wins.iter().filter(|w| **w).count(), 1, "{wins:?}");
    let spent: u32 = s.time_entries_of_trajectory(t.id).await.expect("read").iter().map(|e| e.dagdelen).sum();
    assert_eq!(spent, 8);
    // An unknown trajectory: not found.
    let unknown = NewTimeEntry { trajectory_id: unknown(t.id, 1000), ..time_entry(&t, d(2025, 11, 7), 1, 0) };
    assert_not_found(s.log_time(&unknown, &actor(), NOW + 13).await);
}

pub async fn budget_decisions_are_listed_newest_first_and_audited_with_the_reason(store: Arc<dyn Store>) {
    let s = &*store;
    let t = trajectory_with_expert(s, "leren-verbeteren-npo").await;
    let id = t.id;
    assert!(s.budget_decisions(id).await.expect("none").is_empty());
    let first = NewBudgetDecision {
        trajectory_id: id,
        dagdelen: 16,
        reason: "Tweede blok: de havo-afdeling komt erbij".into(),
        decided_on: d(2025, 12, 1),
    };
    let a = s.record_budget_decision(&first, &actor(), NOW + 20).await.expect("first");
    let second =
        NewBudgetDecision { dagdelen: 20, reason: "Extra begeleiding na het inspectiebezoek".into(), ..first.clone() };
    let b = s.record_budget_decision(&second, &actor(), NOW + 21).await.expect("second");
    assert_eq!(s.budget_decisions(id).await.expect("list"), vec![b.clone(), a.clone()]);
    assert_eq!((b.dagdelen, b.decided_on, b.decided_at), (20, d(2025, 12, 1), NOW + 21));
    let audit: Vec<_> = audit_of(s, AuditEntity::Trajectory, t.id)
        .await
        .into_iter()
        .filter(|e| e.action == "budget_decision")
        .collect();
    assert_eq!(audit.len(), 2);
    assert_eq!(snapshot(audit[0].after.as_deref())["reason"], "Extra begeleiding na het inspectiebezoek");
    assert_eq!(snapshot(audit[0].before.as_deref())["dagdelen"], 16, "the decision it replaced");
}

pub async fn statement_kenmerken_are_gap_free_per_year_and_issued_once_per_period(store: Arc<dyn Store>) {
    let s = &*store;
    let t = trajectory_with_expert(s, "leren-verbeteren-npo").await;
    let school = SchoolId::new(t.school_id.expect("school").get());
    assert_eq!(s.issued_statement(school, d(2025, 8, 1), d(2026, 7, 31)).await.expect("none"), None);
    let a = s.issue_statement(school, d(2025, 8, 1), d(2026, 7, 31), &actor(), NEW_YEAR_2026).await.expect("a");
    assert_eq!(a.reference.to_string(), "KOV-2026-000001");
    let again =
        s.issue_statement(school, d(2025, 8, 1), d(2026, 7, 31), &actor(), NEW_YEAR_2026 + 5).await.expect("again");
    assert_eq!(again, a, "the same period keeps its kenmerk");
    let b = s.issue_statement(school, d(2025, 8, 1), d(2025, 12, 31), &actor(), NEW_YEAR_2026 + 6).await.expect("b");
    assert_eq!(b.reference.to_string(), "KOV-2026-000002");
    assert_eq!(s.issued_statement(school, d(2025, 8, 1), d(2026, 7, 31)).await.expect("read"), Some(a));
    let audit = audit_of(s, AuditEntity::School, school.get()).await;
    assert_eq!(audit.iter().filter(|e| e.action == "statement_issued").count(), 2, "issuing again is not a change");
    // Concurrent issues for different periods: unique numbers, no gaps.
    let mut handles = Vec::new();
    for month in 1..=6u8 {
        let st = store.clone();
        handles.push(tokio::spawn(async move {
            let from = d(2026, month, 1);
            st.issue_statement(school, from, from, &actor(), NEW_YEAR_2026 + 10)
                .await
                .expect("issue")
                .reference
                .sequence()
        }));
    }
    let mut numbers = Vec::new();
    for h in handles {
        numbers.push(h.await.expect("join"));
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (3..=8).collect::<Vec<u32>>());
    assert_not_found(
        s.issue_statement(SchoolId::new(school.get() + 99), d(2026, 1, 1), d(2026, 1, 2), &actor(), NEW_YEAR_2026)
            .await,
    );
}
