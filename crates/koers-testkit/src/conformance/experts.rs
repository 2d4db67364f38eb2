//! Cases: experts, assigning them (trajectories), their load, and the mail outbox.

use koers_core::ids::{ApplicationId, BoardNumber, ExpertId, UserId};
use koers_core::workflow::Status;
use std::sync::Arc;

use koers_app::store::{
    ApplicationFilter, Assignment, ExpertLoad, ExpertWrite, NewMail, NewTrajectory, Store, StoreError, TrajectoryFilter,
};

use super::data::*;
use super::workflow::*;
use koers_app::store::AuditEntity;

/// A new expert with this address (no login).
pub fn expert_write(name: &str, email: &str) -> ExpertWrite {
    ExpertWrite {
        user_id: None,
        name: name.into(),
        email: email.into(),
        expertise: vec!["taal".into(), "rekenen".into()],
        regions: vec!["Utrecht".into()],
        capacity_trajectories: 4,
        capacity_dagdelen: 40,
        available: true,
        expected_version: None,
    }
}

/// Assign `expert_id` to application `application_id` (at version `version`).
pub fn assignment(application_id: ApplicationId, version: i64, expert_id: ExpertId, dagdelen: i64) -> Assignment {
    Assignment {
        application_id,
        state: transition(version, "gekoppeld", "expert_assigned"),
        trajectory: NewTrajectory {
            expert_id,
            phases_json: "[\"intake\",\"analyse\",\"begeleiding\"]".into(),
            dagdelen_planned: dagdelen,
        },
        capacity_override: None,
    }
}

pub async fn experts_round_trip_and_check_versions(store: Arc<dyn Store>) {
    let s = &*store;
    let user = s.create_user(&new_user("kees@expert.nl"), &actor(), NOW).await.expect("user");
    let linked = ExpertWrite { user_id: Some(user.id), ..expert_write("Kees", "kees@expert.nl") };
    let kees = s.save_expert(&linked, &actor(), NOW).await.expect("create");
    assert_eq!(
        (kees.user_id, kees.version, kees.expertise.clone(), kees.regions.clone()),
        (Some(user.id), 1, vec!["taal".to_owned(), "rekenen".to_owned()], vec!["Utrecht".to_owned()])
    );
    let anna = s.save_expert(&expert_write("Anna", "anna@expert.nl"), &actor(), NOW).await.expect("create");
    assert_eq!(s.expert(kees.id).await.expect("by id"), kees);
    assert_eq!(s.expert_by_user(user.id).await.expect("by user"), kees);
    assert_not_found(s.expert_by_user(UserId::new(user.id.get() + 1000)).await);
    assert_not_found(s.expert(unknown(kees.id, i64::from(anna.id) + 1000)).await);
    assert_eq!(s.list_experts().await.expect("list"), [anna.clone(), kees.clone()], "by name");

    let detail = assert_duplicate(s.save_expert(&expert_write("Andere Anna", "ANNA@expert.nl"), &actor(), NOW).await);
    assert!(detail.contains("expert"), "{detail}");
    let same_login = ExpertWrite { user_id: Some(user.id), ..expert_write("Kees 2", "kees2@expert.nl") };
    assert!(assert_duplicate(s.save_expert(&same_login, &actor(), NOW).await).contains("expert"));
    let unknown_user =
        ExpertWrite { user_id: Some(UserId::new(user.id.get() + 1000)), ..expert_write("X", "x@expert.nl") };
    assert_not_found(s.save_expert(&unknown_user, &actor(), NOW).await);

    // Update: found by address (no login) …
    let edit = ExpertWrite {
        capacity_dagdelen: 20,
        available: false,
        regions: vec!["Utrecht".into(), "Gelderland".into()],
        expected_version: Some(1),
        ..expert_write("Anna", "anna@expert.nl")
    };
    let edited = s.save_expert(&edit, &actor(), NOW + 1).await.expect("update");
    assert_eq!((edited.id, edited.version, edited.capacity_dagdelen, edited.available), (anna.id, 2, 20, false));
    assert_eq!(s.expert(anna.id).await.expect("read"), edited);
    // … stale: nothing changes; unknown: NotFound; unchanged: no write.
    assert!(matches!(
        s.save_expert(&ExpertWrite { name: "Verloren".into(), ..edit.clone() }, &actor(), NOW + 2).await,
        Err(StoreError::Conflict { expected: 1, actual: 2 })
    ));
    assert_eq!(s.expert(anna.id).await.expect("read"), edited);
    let unknown = ExpertWrite { expected_version: Some(1), ..expert_write("Niemand", "niemand@expert.nl") };
    assert_not_found(s.save_expert(&unknown, &actor(), NOW).await);
    assert_eq!(
        s.save_expert(&ExpertWrite { expected_version: Some(2), ..edit.clone() }, &actor(), NOW + 3)
            .await
            .expect("same"),
        edited
    );
    // … or by login, so a linked expert can change address.
    let moved =
        ExpertWrite { expected_version: Some(1), ..ExpertWrite { email: "kees@elders.nl".into(), ..linked.clone() } };
    let kees2 = s.save_expert(&moved, &actor(), NOW + 4).await.expect("new address");
    assert_eq!((kees2.id, kees2.email.as_str(), kees2.version), (kees.id, "kees@elders.nl", 2));

    let audit = audit_of(s, AuditEntity::Expert, anna.id).await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["update", "create"]);
    assert_eq!(snapshot(audit[0].before.as_deref())["available"], true);
    assert_eq!(snapshot(audit[0].after.as_deref())["available"], false);
    assert_eq!(snapshot(audit[0].after.as_deref())["regions"][1], "Gelderland");
    assert_eq!(audit_of(s, AuditEntity::Expert, kees.id).await.len(), 2);
}

pub async fn concurrent_expert_saves_one_wins_the_other_conflicts(store: Arc<dyn Store>) {
    let anna = store.save_expert(&expert_write("Anna", "anna@expert.nl"), &actor(), NOW).await.expect("create");
    let save = |dagdelen| {
        let store = store.clone();
        let write = ExpertWrite {
            capacity_dagdelen: dagdelen,
            expected_version: Some(1),
            ..expert_write("Anna", "anna@expert.nl")
        };
        tokio::spawn(async move { store.save_expert(&write, &actor(), NOW + 1).await })
    };
    let (a, b) = (save(10), save(12));
    let results = [a.await.expect("task a"), b.await.expect("task b")];
    let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "exactly one save wins: {results:?}");
    assert!(results.iter().any(|r| matches!(r, Err(StoreError::Conflict { expected: 1, actual: 2 }))), "{results:?}");
    assert_eq!(store.expert(anna.id).await.expect("read"), *winners[0]);
    assert_eq!(audit_of(&*store, AuditEntity::Expert, anna.id).await.len(), 2);
}

pub async fn assign_expert_is_atomic_and_audited(store: Arc<dyn Store>) {
    let s = &*store;
    let school = one_school(s).await;
    let app = add_application(
        s,
        &koers_app::store::NewApplication {
            school_id: Some(school.id),
            board_number: Some(BoardNumber::new(41646)),
            ..new_application("gwgb-plus-school", "Ann", "Taal")
        },
        NOW,
    )
    .await;
    let expert = s.save_expert(&expert_write("Kees", "kees@expert.nl"), &actor(), NOW).await.expect("expert");
    let audit_before = all_audit(s).await.len();

    // A failing trajectory insert (unknown expert) leaves the application as it was.
    assert_not_found(s.assign_expert(&assignment(app.id, 1, unknown(expert.id, 1000), 8), &actor(), NOW + 1).await);
    assert_eq!(s.application(app.id).await.expect("read"), app, "application unchanged");
    assert!(s.list_trajectories(&TrajectoryFilter::default()).await.expect("list").is_empty());
    assert_eq!(all_audit(s).await.len(), audit_before, "nothing audited");
    assert_not_found(s.assign_expert(&assignment(unknown(app.id, 1000), 1, expert.id, 8), &actor(), NOW + 1).await);

    let with_override = Assignment {
        capacity_override: Some("Kees heeft ruimte na afronding van een ander traject".into()),
        ..assignment(app.id, 1, expert.id, 8)
    };
    let (assigned, trajectory) = s.assign_expert(&with_override, &actor(), NOW + 2).await.expect("assign");
    assert_eq!((assigned.status.code(), assigned.version, assigned.updated_at), ("gekoppeld", 2, NOW + 2));
    assert_eq!(s.application(app.id).await.expect("read"), assigned);
    assert_eq!(
        (trajectory.application_id, trajectory.expert_id, trajectory.programme_id.as_str()),
        (app.id, expert.id, "gwgb-plus-school")
    );
    assert_eq!(
        (trajectory.school_id, trajectory.board_number),
        (Some(school.id), Some(BoardNumber::new(41646))),
        "copied from the application"
    );
    assert_eq!(
        (trajectory.current_phase, trajectory.dagdelen_planned, trajectory.active, trajectory.version),
        (0, 8, true, 1)
    );
    assert_eq!(
        (trajectory.created_at, trajectory.phases_json.as_str()),
        (NOW + 2, "[\"intake\",\"analyse\",\"begeleiding\"]")
    );
    assert_eq!(s.trajectory(trajectory.id).await.expect("read"), trajectory);
    assert_not_found(s.trajectory(unknown(trajectory.id, 1000)).await);

    // Again with the old version: Conflict. With the current version: Duplicate. Nothing changes.
    assert!(matches!(
        s.assign_expert(&assignment(app.id, 1, expert.id, 4), &actor(), NOW + 3).await,
        Err(StoreError::Conflict { expected: 1, actual: 2 })
    ));
    let detail = assert_duplicate(s.assign_expert(&assignment(app.id, 2, expert.id, 4), &actor(), NOW + 3).await);
    assert!(detail.contains("traject"), "{detail}");
    assert_eq!(s.application(app.id).await.expect("read"), assigned);
    assert_eq!(
        s.list_trajectories(&TrajectoryFilter::default()).await.expect("list"),
        std::slice::from_ref(&trajectory)
    );

    let app_audit = audit_of(s, AuditEntity::Application, app.id).await;
    assert_eq!(app_audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["expert_assigned", "create"]);
    assert_eq!(snapshot(app_audit[0].after.as_deref())["status"], "gekoppeld");
    let traj_audit = audit_of(s, AuditEntity::Trajectory, trajectory.id).await;
    assert_eq!(traj_audit.len(), 1);
    assert_eq!(traj_audit[0].action, "create");
    let after = snapshot(traj_audit[0].after.as_deref());
    assert_eq!(after["capacity_override"], "Kees heeft ruimte na afronding van een ander traject");
    assert_eq!(after["expert_id"], expert.id.get());
    assert_eq!(all_audit(s).await.len(), audit_before + 2, "application transition + trajectory");
}

pub async fn expert_loads_and_trajectory_filters(store: Arc<dyn Store>) {
    let s = &*store;
    let schools = add_schools(s, &[insert("01AA", "Alfa", None, Some(7)), insert("02BB", "Beta", None, Some(8))]).await;
    let a = s.save_expert(&expert_write("A", "a@expert.nl"), &actor(), NOW).await.expect("a");
    let b = s.save_expert(&expert_write("B", "b@expert.nl"), &actor(), NOW).await.expect("b");
    let c = s.save_expert(&expert_write("C", "c@expert.nl"), &actor(), NOW).await.expect("c");
    assert_eq!(
        s.expert_loads().await.expect("loads"),
        [a.id, b.id, c.id].map(|expert_id| ExpertLoad { expert_id, trajectories: 0, dagdelen: 0 })
    );
    let plan =
        [("gwgb-plus-school", 0, a.id, 10), ("gwgb-plus-school", 1, a.id, 6), ("leren-verbeteren-npo", 0, b.id, 4)];
    let mut trajectories = Vec::new();
    for (i, (programme, school, expert, dagdelen)) in plan.into_iter().enumerate() {
        let app = add_application(
            s,
            &koers_app::store::NewApplication {
                school_id: Some(schools[school].id),
                board_number: schools[school].board_number,
                ..new_application(programme, "Ann", "Taal")
            },
            NOW + i as i64,
        )
        .await;
        let (_, t) = s
            .assign_expert(&assignment(app.id, 1, expert, dagdelen), &actor(), NOW + 10 + i as i64)
            .await
            .expect("assign");
        trajectories.push(t);
    }
    assert_eq!(
        s.expert_loads().await.expect("loads"),
        [
            ExpertLoad { expert_id: a.id, trajectories: 2, dagdelen: 16 },
            ExpertLoad { expert_id: b.id, trajectories: 1, dagdelen: 4 },
            ExpertLoad { expert_id: c.id, trajectories: 0, dagdelen: 0 },
        ]
    );

    let ids = |filter: TrajectoryFilter| {
        let store = store.clone();
        async move { store.list_trajectories(&filter).await.expect("list").into_iter().map(|t| t.id).collect::<Vec<_>>() }
    };
    let (t0, t1, t2) = (trajectories[0].id, trajectories[1].id, trajectories[2].id);
    let all = TrajectoryFilter::default();
    assert_eq!(ids(all.clone()).await, [t2, t1, t0], "newest first");
    assert_eq!(ids(TrajectoryFilter { expert_id: Some(a.id), ..all.clone() }).await, [t1, t0]);
    assert!(ids(TrajectoryFilter { expert_id: Some(c.id), ..all.clone() }).await.is_empty());
    assert_eq!(ids(TrajectoryFilter { school_id: Some(schools[0].id), ..all.clone() }).await, [t2, t0]);
    assert_eq!(ids(TrajectoryFilter { board_number: Some(BoardNumber::new(8)), ..all.clone() }).await, [t1]);
    assert_eq!(ids(TrajectoryFilter { programme_id: Some("leren-verbeteren-npo".into()), ..all.clone() }).await, [t2]);
    assert_eq!(ids(TrajectoryFilter { active_only: true, ..all.clone() }).await, [t2, t1, t0], "all are active");
    assert_eq!(
        ids(TrajectoryFilter {
            expert_id: Some(a.id),
            school_id: Some(schools[1].id),
            active_only: true,
            ..all.clone()
        })
        .await,
        [t1]
    );
    let linked = s
        .list_applications(&ApplicationFilter {
            status: Some(Status::from_code("gekoppeld").expect("status")),
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(linked.len(), 3);
}

pub async fn outbox_queues_and_marks_mail_without_audit(store: Arc<dyn Store>) {
    let s = &*store;
    let mail = |to: &str| NewMail {
        to_address: to.into(),
        subject: "Goedkeuring gevraagd".into(),
        body_text: "https://koers.test/goedkeuren/geheim".into(),
    };
    let first = s.enqueue_mail(&mail("a@bestuur.nl"), NOW).await.expect("enqueue");
    assert_eq!((first.sent_at, first.attempts, first.last_error.as_deref(), first.created_at), (None, 0, None, NOW));
    assert_eq!(first.body_text, "https://koers.test/goedkeuren/geheim");
    let second = s.enqueue_mail(&mail("b@bestuur.nl"), NOW + 1).await.expect("enqueue");
    let third = s.enqueue_mail(&mail("c@bestuur.nl"), NOW + 2).await.expect("enqueue");
    let to = |mails: Vec<koers_app::store::OutboxMail>| mails.into_iter().map(|m| m.to_address).collect::<Vec<_>>();
    assert_eq!(to(s.outbox(false, 0).await.expect("all")), ["c@bestuur.nl", "b@bestuur.nl", "a@bestuur.nl"]);
    assert_eq!(s.outbox(false, 0).await.expect("all")[2], first);

    s.mark_mail(first.id, None, Some("421 try again later")).await.expect("failed attempt");
    let failed = s.outbox(true, 0).await.expect("unsent").into_iter().find(|m| m.id == first.id).expect("still unsent");
    assert_eq!((failed.attempts, failed.last_error.as_deref(), failed.sent_at), (1, Some("421 try again later"), None));
    s.mark_mail(first.id, Some(NOW + 60), None).await.expect("sent");
    s.mark_mail(third.id, Some(NOW + 61), None).await.expect("sent");
    assert_eq!(to(s.outbox(true, 0).await.expect("unsent")), ["b@bestuur.nl"]);
    let sent = s.outbox(false, 0).await.expect("all").into_iter().find(|m| m.id == first.id).expect("kept");
    assert_eq!((sent.attempts, sent.last_error.as_deref(), sent.sent_at), (2, None, Some(NOW + 60)));
    assert_eq!(to(s.outbox(false, 2).await.expect("limit")), ["c@bestuur.nl", "b@bestuur.nl"]);
    assert_not_found(s.mark_mail(unknown(third.id, 1000), Some(NOW), None).await);
    assert_eq!(second.attempts, 0);
    assert!(all_audit(s).await.is_empty(), "the outbox is not audited");
}

pub async fn workflow_reads_write_no_audit_entries(store: Arc<dyn Store>) {
    let s = &*store;
    s.save_programme_definition(&programme_write("p", "P"), &actor(), NOW).await.expect("programme");
    let app = add_application(s, &new_application("p", "Ann", "Taal"), NOW).await;
    let link = s.create_approval_link(app.id, BoardNumber::new(1), "hash", NOW + 100, NOW).await.expect("link");
    let expert = s.save_expert(&expert_write("Kees", "kees@expert.nl"), &actor(), NOW).await.expect("expert");
    let (_, t) = s.assign_expert(&assignment(app.id, 1, expert.id, 2), &actor(), NOW).await.expect("assign");
    let before = all_audit(s).await.len();
    assert_eq!(before, 6, "programme, application, link, expert, transition, trajectory");

    s.programme_definitions().await.expect("definitions");
    s.programme_definition("p").await.expect("definition");
    s.application(app.id).await.expect("application");
    s.application_by_reference(&app.reference.to_string()).await.expect("by reference");
    s.list_applications(&ApplicationFilter { text: Some("ann".into()), ..Default::default() }).await.expect("list");
    s.approval_link(&link.token_hash).await.expect("link");
    s.expert(expert.id).await.expect("expert");
    s.list_experts().await.expect("experts");
    s.expert_loads().await.expect("loads");
    s.trajectory(t.id).await.expect("trajectory");
    s.list_trajectories(&TrajectoryFilter::default()).await.expect("trajectories");
    s.outbox(false, 0).await.expect("outbox");
    let mail = s
        .enqueue_mail(&NewMail { to_address: "x@y.nl".into(), subject: "s".into(), body_text: "b".into() }, NOW)
        .await
        .expect("mail");
    s.mark_mail(mail.id, Some(NOW), None).await.expect("mark");
    assert_eq!(all_audit(s).await.len(), before);
}

pub async fn ending_a_trajectory_checks_its_version_and_is_audited_with_the_reason(store: Arc<dyn Store>) {
    let s = &*store;
    let expert = s.save_expert(&expert_write("Kees", "kees@expert.nl"), &actor(), NOW).await.expect("expert");
    let app = add_application(s, &new_application("gwgb-plus-school", "Ann", "Taal"), NOW).await;
    let (_, t) = s.assign_expert(&assignment(app.id, 1, expert.id, 8), &actor(), NOW + 1).await.expect("assign");
    assert_not_found(s.end_trajectory(unknown(t.id, 1000), 1, "x", &actor(), NOW + 2).await);
    assert!(matches!(
        s.end_trajectory(t.id, 2, "x", &actor(), NOW + 2).await,
        Err(StoreError::Conflict { expected: 2, actual: 1 })
    ));
    let ended = s.end_trajectory(t.id, 1, "De school stopt met het traject", &actor(), NOW + 3).await.expect("end");
    assert_eq!((ended.active, ended.version), (false, 2));
    assert_eq!(s.trajectory(t.id).await.expect("read"), ended);
    assert!(
        matches!(s.end_trajectory(t.id, 2, "nogmaals", &actor(), NOW + 4).await, Err(StoreError::Conflict { .. })),
        "an ended trajectory cannot end again"
    );
    let audit = audit_of(s, AuditEntity::Trajectory, t.id).await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["end", "create"]);
    let after = snapshot(audit[0].after.as_deref());
    assert_eq!(
        (after["active"].as_bool(), after["reason"].as_str()),
        (Some(false), Some("De school stopt met het traject"))
    );
    assert_eq!(snapshot(audit[0].before.as_deref())["active"], true);
    let active = TrajectoryFilter { active_only: true, ..TrajectoryFilter::default() };
    assert!(s.list_trajectories(&active).await.expect("list").is_empty());
}
