//! Ending a trajectory (`POST /trajecten/{id}/beeindigen`): staff of its programme and
//! beheerders, with a reason that is audited and shown; nobody else; a stale form is a conflict.

mod auth_support;

use auth_support::{PASSWORD, Who, World, eligible_school, password_hash, world};
use koers_app::applications::{ApplicationInput, state_of};
use koers_app::store::{
    Actor, ApplicationStateWrite, Assignment, AuditFilter, ExpertWrite, NewTrajectory, NewUser, TrajectoryRecord,
};
use koers_core::access::{Grant, RoleKind, Scope};
use koers_core::ids::{SchoolId, UserId};
use koers_core::workflow::Status;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// An application of school D, assigned to the test expert: a running trajectory.
async fn running_trajectory(w: &World) -> TrajectoryRecord {
    let school = eligible_school(w).await;
    let input = ApplicationInput {
        own_calculation: None,
        programme_id: "gwgb-plus-school".into(),
        school_id: Some(SchoolId::new(school)),
        board_number: None,
        contact_name: "Dana Directeur".into(),
        contact_email: "contact@school-d.nl".into(),
        contact_phone: None,
        help_question: "Beter leesonderwijs.".into(),
        entry_facts_json: None,
    };
    let actor = Actor::system("test");
    let now = koers_web::auth::now();
    let a = ok(w.state.app.submit_application(&input, None, &actor, now, "http://koers.test").await).application;
    let e = ExpertWrite {
        user_id: Some(UserId::new(w.user_id(Who::Expert).await)),
        name: "Esther Expert".into(),
        email: Who::Expert.email().into(),
        expertise: vec!["lezen".into()],
        regions: vec!["Overijssel".into()],
        capacity_trajectories: 4,
        capacity_dagdelen: 32,
        available: true,
        expected_version: None,
    };
    let expert = ok(w.store().save_expert(&e, &actor, 1).await).id;
    let mut st = ok(state_of(&a));
    st.status = Status::Gekoppeld;
    st.expert_id = Some(expert);
    let assignment = Assignment {
        application_id: a.id,
        state: ApplicationStateWrite {
            expected_version: a.version,
            state_json: ok(serde_json::to_string(&st)),
            status: Status::Gekoppeld,
            action: "expert_assigned".into(),
        },
        trajectory: NewTrajectory {
            expert_id: expert,
            phases_json: r#"["Zelfevaluatie","Plan van aanpak"]"#.into(),
            dagdelen_planned: 8,
        },
        capacity_override: None,
    };
    ok(w.store().assign_expert(&assignment, &actor, 20).await).1
}

async fn staff_of(w: &World, email: &str, programme: &str) -> String {
    let actor = Actor::system("test");
    let new = NewUser {
        email: koers_core::email::Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
        name: email.into(),
        password_hash: password_hash(),
        locale: "nl".into(),
    };
    let u = ok(w.store().create_user(&new, &actor, 1).await);
    let grant = ok(Grant::new(RoleKind::Programmamedewerker, Scope::Programme(programme.into())));
    ok(w.store().add_grant(u.id, &grant, &actor, 1).await);
    let r = w.login_raw(email, PASSWORD).await;
    r.session_cookie().unwrap_or_else(|| panic!("login {email}"))
}

#[tokio::test]
async fn staff_of_the_programme_end_a_trajectory_with_a_reason() {
    let w = world().await;
    let t = running_trajectory(&w).await;
    let (page_url, end_url) = (format!("/trajecten/{}", t.id), format!("/trajecten/{}/beeindigen", t.id));
    let staff = w.session(Who::Programma).await;

    let page = w.get(&page_url, staff.as_deref()).await;
    assert!(page.body.contains(&format!("action=\"{end_url}\"")), "staff see the form: {}", page.body);
    for who in [Who::Expert, Who::BestuurderX] {
        let c = w.session(who).await;
        let p = w.get(&page_url, c.as_deref()).await;
        assert_eq!(p.status, 200, "{who:?}");
        assert!(!p.body.contains(&end_url), "{who:?} sees no end form");
        let r = w.post_form(&end_url, c.as_deref(), &[("reden", "weg"), ("versie", "1")]).await;
        assert_eq!(r.status, 403, "{who:?}");
    }
    let other = staff_of(&w, "npo@test.nl", "leren-verbeteren-npo").await;
    assert_eq!(w.post_form(&end_url, Some(&other), &[("reden", "weg"), ("versie", "1")]).await.status, 403);

    let empty = w.post_form(&end_url, staff.as_deref(), &[("reden", "  "), ("versie", "1")]).await;
    assert_eq!(empty.status, 422, "{}", empty.body);
    assert!(empty.body.contains("Geef een reden op"), "{}", empty.body);
    assert!(ok(w.store().trajectory(t.id).await).active);

    let reason = "De school stopt: fusie per 1 januari";
    let done = w.post_form(&end_url, staff.as_deref(), &[("reden", reason), ("versie", "1")]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let ended = ok(w.store().trajectory(t.id).await);
    assert_eq!((ended.active, ended.version), (false, 2));
    let page = w.get(&page_url, staff.as_deref()).await;
    assert!(page.body.contains("afgesloten") && page.body.contains(reason), "{}", page.body);
    assert!(!page.body.contains(&format!("action=\"{end_url}\"")), "no form once ended");

    let audit = w
        .audit(AuditFilter {
            entity: Some(koers_app::store::AuditEntity::Trajectory),
            entity_id: Some(t.id.to_string()),
            ..Default::default()
        })
        .await;
    assert_eq!(audit[0].action, "end");
    assert_eq!(audit[0].actor_label, Who::Programma.email());
    assert!(audit[0].after.as_deref().unwrap_or_default().contains(reason));

    // The same form again (stale, and ended): a conflict, nothing changes.
    let again = w.post_form(&end_url, staff.as_deref(), &[("reden", "nogmaals"), ("versie", "1")]).await;
    assert_eq!(again.status, 409, "{}", again.body);
    assert!(again.body.contains("intussen gewijzigd of beëindigd"), "{}", again.body);
    assert_eq!(ok(w.store().trajectory(t.id).await).version, 2);
}

#[tokio::test]
async fn a_beheerder_may_end_any_trajectory() {
    let w = world().await;
    let t = running_trajectory(&w).await;
    let admin = w.session(Who::Beheerder).await;
    let url = format!("/trajecten/{}/beeindigen", t.id);
    let r = w.post_form(&url, admin.as_deref(), &[("reden", "Dubbel aangemaakt"), ("versie", "1")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(!ok(w.store().trajectory(t.id).await).active);
}
