//! Cases: plans van aanpak (one per trajectory, versions as documents, a frozen version never
//! rewritten, optimistic versions) and trajectory phase moves (issue 8 §4–5).

use std::sync::Arc;

use koers_app::store::{PhaseChange, PlanSave, Store, StoreError, TrajectoryRecord};
use koers_core::plan::{GoalInput, Plan, PlanEdit, PlanKind, PlanVersion, VersionStatus};
use koers_core::programme::PhaseCompletion;

use super::data::*;
use super::experts::*;
use super::workflow::*;
use koers_app::store::AuditEntity;

async fn trajectory(s: &dyn Store) -> TrajectoryRecord {
    let expert = s.save_expert(&expert_write("Kees", "kees@expert.nl"), &actor(), NOW).await.expect("expert");
    let app = add_application(s, &new_application("gwgb-plus-school", "Ann", "Taal"), NOW).await;
    s.assign_expert(&assignment(app.id, 1, expert.id, 8), &actor(), NOW + 1).await.expect("assign").1
}

fn with_goal(v: &PlanVersion, text: &str) -> PlanVersion {
    let mut next = v.clone();
    let ctx_settings = koers_core::plan::PlanSettings::default();
    let ctx = koers_core::plan::PlanContext { settings: &ctx_settings, dagdelen_limit: None };
    let edit = PlanEdit::AddGoal { input: GoalInput { description: text.into(), standards: vec!["OP3".into()] } };
    next.plan = v.plan.apply(edit, &ctx).expect("edit").0;
    next
}

fn save(expected_version: i64, v: PlanVersion, action: &str) -> PlanSave {
    PlanSave {
        expected_version,
        versions: vec![v],
        action: action.into(),
        events: serde_json::json!([]),
        awaiting: None,
        phase: None,
    }
}

pub async fn plans_round_trip_with_versions_and_are_audited(store: Arc<dyn Store>) {
    let s = &*store;
    let t = trajectory(s).await;
    let tid = t.id;
    assert_not_found(s.plan_of_trajectory(tid).await);
    let first = PlanVersion::first(Plan::new(PlanKind::PlanVanAanpak), NOW + 2);
    let p = s.create_plan(tid, &first, &actor(), NOW + 2).await.expect("create");
    assert_eq!((p.version, p.trajectory_id, p.versions.len()), (1, tid, 1));
    assert_eq!(s.plan_of_trajectory(tid).await.expect("read"), p);
    assert!(
        matches!(s.create_plan(tid, &first, &actor(), NOW + 3).await, Err(StoreError::Duplicate(_))),
        "one plan per trajectory"
    );
    assert_not_found(s.create_plan(unknown(t.id, 1000), &first, &actor(), NOW).await);

    let edited = with_goal(&first, "Begrijpend lezen omhoog");
    let p2 = s.save_plan(p.id, &save(1, edited.clone(), "plan_edit"), &actor(), NOW + 4).await.expect("save");
    assert_eq!(p2.version, 2);
    assert_eq!(p2.versions, vec![edited.clone()]);
    // A stale version changes nothing.
    let stale = with_goal(&first, "Rekenen");
    assert!(matches!(
        s.save_plan(p.id, &save(1, stale, "plan_edit"), &actor(), NOW + 5).await,
        Err(StoreError::Conflict { expected: 1, actual: 2 })
    ));
    assert_eq!(s.plan_of_trajectory(tid).await.expect("read").versions, vec![edited.clone()]);

    let audit = audit_of(s, AuditEntity::Plan, t.id).await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["plan_edit", "plan_create"]);
    assert!(audit[0].after.as_deref().unwrap_or_default().contains("Begrijpend lezen omhoog"));
}

pub async fn a_vastgestelde_plan_version_is_never_rewritten(store: Arc<dyn Store>) {
    let s = &*store;
    let t = trajectory(s).await;
    let tid = t.id;
    let first = PlanVersion::first(Plan::new(PlanKind::PlanVanAanpak), NOW + 2);
    let p = s.create_plan(tid, &first, &actor(), NOW + 2).await.expect("create");
    let mut frozen = with_goal(&first, "Begrijpend lezen");
    frozen.status = VersionStatus::Vastgesteld;
    frozen.vastgesteld_at = Some(NOW + 3);
    let mut signing = save(1, frozen.clone(), "plan_sign");
    signing.awaiting = Some("bestuurder".into());
    let p = s.save_plan(p.id, &signing, &actor(), NOW + 3).await.expect("sign");
    assert!(s.plans_awaiting("bestuurder").await.expect("awaiting").is_empty(), "a frozen version awaits nobody");
    let mut rewrite = frozen.clone();
    rewrite.plan.school_summary = "stiekem anders".into();
    assert!(matches!(
        s.save_plan(p.id, &save(p.version, rewrite, "plan_edit"), &actor(), NOW + 4).await,
        Err(StoreError::Conflict { .. })
    ));
    let kept = s.plan_of_trajectory(tid).await.expect("read");
    assert_eq!((kept.version, kept.versions.clone()), (p.version, vec![frozen.clone()]));
    // A bijstelling adds version 2 next to the frozen one.
    let (v2, _) = frozen.bijstelling("Nieuwe resultaten", NOW + 5).expect("bijstelling");
    let mut next = save(p.version, v2.clone(), "plan_bijstelling");
    next.awaiting = Some("schoolleider".into());
    let p = s.save_plan(p.id, &next, &actor(), NOW + 5).await.expect("v2");
    assert_eq!(p.versions, vec![frozen, v2]);
    let waiting = s.plans_awaiting("schoolleider").await.expect("awaiting");
    assert_eq!(waiting.iter().map(|w| (w.trajectory_id, w.number)).collect::<Vec<_>>(), [(tid, 2)]);
}

pub async fn concurrent_plan_saves_one_wins_the_other_conflicts(store: Arc<dyn Store>) {
    let t = trajectory(&*store).await;
    let tid = t.id;
    let first = PlanVersion::first(Plan::new(PlanKind::PlanVanAanpak), NOW + 2);
    let p = store.create_plan(tid, &first, &actor(), NOW + 2).await.expect("create");
    let mut handles = Vec::new();
    for i in 0..2 {
        let s = Arc::clone(&store);
        let v = with_goal(&first, &format!("Doel van schrijver {i}"));
        handles.push(tokio::spawn(async move { s.save_plan(p.id, &save(1, v, "plan_edit"), &actor(), NOW + 3).await }));
    }
    let mut ok = 0;
    for h in handles {
        match h.await.expect("join") {
            Ok(_) => ok += 1,
            Err(StoreError::Conflict { .. }) => {}
            Err(e) => panic!("unexpected {e}"),
        }
    }
    assert_eq!(ok, 1, "exactly one writer wins");
    assert_eq!(store.plan_of_trajectory(tid).await.expect("read").version, 2);
}

pub async fn phase_moves_check_versions_and_are_audited_with_the_reason(store: Arc<dyn Store>) {
    let s = &*store;
    let t = trajectory(s).await;
    let m = |expected_version, from, to| PhaseChange {
        trajectory_id: t.id,
        expected_version,
        from,
        to,
        reason: "Intake afgerond in het gesprek van 3 maart".into(),
        completed_by: None,
    };
    let moved = s.move_phase(&m(1, 0, 1), &actor(), NOW + 2).await.expect("move");
    assert_eq!((moved.current_phase, moved.version), (1, 2));
    assert_eq!(s.trajectory(t.id).await.expect("read"), moved);
    assert!(matches!(s.move_phase(&m(1, 0, 1), &actor(), NOW + 3).await, Err(StoreError::Conflict { .. })));
    assert!(
        matches!(s.move_phase(&m(2, 0, 2), &actor(), NOW + 3).await, Err(StoreError::Conflict { .. })),
        "the phase it moves from must be the current one"
    );
    let audit = audit_of(s, AuditEntity::Trajectory, t.id).await;
    assert_eq!(audit[0].action, "phase");
    let after = snapshot(audit[0].after.as_deref());
    assert_eq!((after["current_phase"].as_i64(), after["from"].as_i64()), (Some(1), Some(0)));
    assert_eq!(after["reason"].as_str(), Some("Intake afgerond in het gesprek van 3 maart"));
    assert!(after["completed_by"].is_null(), "moved by hand");

    // A plan save that completes the phase moves it in the same transaction; a stale phase
    // move rolls the plan save back.
    let first = PlanVersion::first(Plan::new(PlanKind::PlanVanAanpak), NOW + 4);
    let p = s.create_plan(t.id, &first, &actor(), NOW + 4).await.expect("create");
    let mut bad = save(1, with_goal(&first, "Rekenen"), "plan_sign");
    bad.phase = Some(PhaseChange { completed_by: Some(PhaseCompletion::PlanGetekend), ..m(1, 1, 2) });
    assert!(matches!(s.save_plan(p.id, &bad, &actor(), NOW + 5).await, Err(StoreError::Conflict { .. })));
    assert_eq!(s.plan_of_trajectory(t.id).await.expect("read").version, 1, "rolled back");
    let mut good = save(1, with_goal(&first, "Rekenen"), "plan_sign");
    good.phase = Some(PhaseChange { completed_by: Some(PhaseCompletion::PlanGetekend), ..m(2, 1, 2) });
    s.save_plan(p.id, &good, &actor(), NOW + 6).await.expect("save with move");
    assert_eq!(s.trajectory(t.id).await.expect("read").current_phase, 2);
    let audit = audit_of(s, AuditEntity::Trajectory, t.id).await;
    assert_eq!(audit[0].action, "phase", "one audit action for every phase move");
    assert_eq!(snapshot(audit[0].after.as_deref())["completed_by"].as_str(), Some("plan-getekend"));
}
