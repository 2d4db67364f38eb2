//! The plan van aanpak and phase moves in the browser's terms (issue 8 §4–8): who may see,
//! write, sign and move; bad input names the field and keeps what was typed; two writers → one
//! wins, the other gets the conflict page with what they typed; the last signature freezes the
//! version and moves the phase; a bijstelling makes version 2; versions compare; the JSON API
//! answers with the same rights.

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

/// School D (board X) in GWGB+ school with the test expert: a running trajectory with the
/// programme's four phases.
async fn running_trajectory(w: &World) -> (TrajectoryRecord, i64) {
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
    let expert = ok(w.state.app.save_expert(&e, &actor, 1).await).id;
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
            phases_json: r#"["Zelfevaluatie (0-meting)","Plan van aanpak","Uitvoering met de expert","Afronding"]"#
                .into(),
            dagdelen_planned: 8,
        },
        capacity_override: None,
    };
    (ok(w.store().assign_expert(&assignment, &actor, 20).await).1, school)
}

async fn user_with(w: &World, email: &str, role: RoleKind, scope: Scope) -> String {
    let actor = Actor::system("test");
    let new = NewUser {
        email: koers_core::email::Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
        name: email.into(),
        password_hash: password_hash(),
        locale: "nl".into(),
    };
    let u = ok(w.store().create_user(&new, &actor, 1).await);
    let grant = ok(Grant::new(role, scope));
    ok(w.store().add_grant(u.id, &grant, &actor, 1).await);
    let r = w.login_raw(email, PASSWORD).await;
    r.session_cookie().unwrap_or_else(|| panic!("login {email}"))
}

/// The plan's optimistic version, as the page shows it in its forms.
async fn plan_version(w: &World, t: koers_core::ids::TrajectoryId) -> String {
    let tid = t;
    ok(w.store().plan_of_trajectory(tid).await).version.to_string()
}

#[tokio::test]
async fn only_the_people_of_the_trajectory_see_its_plan() {
    let w = world().await;
    let (t, school) = running_trajectory(&w).await;
    let leader_d =
        user_with(&w, "leider-d@test.nl", RoleKind::Schoolleider, Scope::School(SchoolId::new(school))).await;
    let npo =
        user_with(&w, "npo@test.nl", RoleKind::Programmamedewerker, Scope::Programme("leren-verbeteren-npo".into()))
            .await;
    let urls = [
        format!("/trajecten/{}/plan", t.id),
        format!("/trajecten/{}/plan/versies", t.id),
        format!("/trajecten/{}/plan/vergelijken?a=1&b=1", t.id),
    ];
    // Before the plan exists the versions and compare pages are 404 for those who may see it.
    let expert = w.session(Who::Expert).await;
    assert_eq!(w.post_form(&urls[0], expert.as_deref(), &[]).await.status, 303);
    let cases: Vec<(&str, Option<String>, u16)> = vec![
        ("anonymous", None, 303),
        ("beheerder", w.session(Who::Beheerder).await, 200),
        ("programma", w.session(Who::Programma).await, 200),
        ("npo-staff", Some(npo.clone()), 403),
        ("expert", expert.clone(), 200),
        ("leider A", w.session(Who::LeiderA).await, 403),
        ("leider D", Some(leader_d.clone()), 200),
        ("bestuurder X", w.session(Who::BestuurderX).await, 200),
    ];
    for url in &urls {
        for (who, cookie, expected) in &cases {
            assert_eq!(w.get(url, cookie.as_deref()).await.status.as_u16(), *expected, "{url} as {who}");
        }
    }
    // Writes: refused before anything is read or changed for outsiders and readers.
    let edit = format!("/trajecten/{}/plan/wijzigen", t.id);
    let v = plan_version(&w, t.id).await;
    let goal = [("versie", v.as_str()), ("actie", "doel-toevoegen"), ("beschrijving", "x"), ("standaarden", "OP3")];
    for (who, cookie, expected) in
        [("npo-staff", Some(npo.clone()), 403), ("leider A", w.session(Who::LeiderA).await, 403)]
    {
        assert_eq!(w.post_form(&edit, cookie.as_deref(), &goal).await.status.as_u16(), expected, "{who}");
    }
    // The board reads and signs a school's plan, but does not write it.
    let board = w.session(Who::BestuurderX).await;
    assert_eq!(w.post_form(&edit, board.as_deref(), &goal).await.status, 403);
    assert_eq!(plan_version(&w, t.id).await, v, "nothing changed");
    // API: the same rights.
    let api = format!("/api/v1/trajectories/{}/plan", t.id);
    for (who, cookie, expected) in [
        ("anonymous", None, 401),
        ("npo-staff", Some(npo), 403),
        ("leider A", w.session(Who::LeiderA).await, 403),
        ("expert", expert, 200),
        ("leider D", Some(leader_d), 200),
    ] {
        assert_eq!(w.get(&api, cookie.as_deref()).await.status.as_u16(), expected, "API as {who}");
    }
}

#[tokio::test]
async fn a_plan_is_written_signed_frozen_and_adjusted_and_the_phase_moves() {
    let w = world().await;
    let (t, school) = running_trajectory(&w).await;
    let id = t.id;
    let leader_d =
        Some(user_with(&w, "leider-d@test.nl", RoleKind::Schoolleider, Scope::School(SchoolId::new(school))).await);
    let staff = w.session(Who::Programma).await;
    let expert = w.session(Who::Expert).await;
    let board = w.session(Who::BestuurderX).await;
    let fase = format!("/trajecten/{id}/fase");

    // Staff move the trajectory from the zelfevaluatie to the plan phase, with a reason.
    assert_eq!(
        w.post_form(&fase, expert.as_deref(), &[("fase", "1"), ("reden", "x"), ("versie", "1")]).await.status,
        403
    );
    let empty = w.post_form(&fase, staff.as_deref(), &[("fase", "1"), ("reden", " "), ("versie", "1")]).await;
    assert_eq!(empty.status, 422, "{}", empty.body);
    assert!(empty.body.contains("geef een reden op"), "{}", empty.body);
    let reason = "Zelfevaluatie besproken en bevestigd op de studiedag";
    let moved = w.post_form(&fase, staff.as_deref(), &[("fase", "1"), ("reden", reason), ("versie", "1")]).await;
    assert_eq!(moved.status, 303, "{}", moved.body);
    assert_eq!(ok(w.store().trajectory(id).await).current_phase, 1);
    let audit = w
        .audit(AuditFilter {
            entity: Some(koers_app::store::AuditEntity::Trajectory),
            entity_id: Some(id.to_string()),
            ..Default::default()
        })
        .await;
    assert_eq!((audit[0].action.as_str(), audit[0].actor_label.as_str()), ("phase", Who::Programma.email()));
    assert!(audit[0].after.as_deref().unwrap_or_default().contains(reason));

    // "Wat moet ik nu doen?" on the trajectory page and the expert's home.
    let page = w.get(&format!("/trajecten/{id}"), expert.as_deref()).await;
    assert!(
        page.body.contains("Wat moet ik nu doen?") && page.body.contains(&format!("/trajecten/{id}/plan")),
        "{}",
        page.body
    );
    let home = w.get("/home", expert.as_deref()).await;
    assert!(home.body.contains("Het plan van aanpak beginnen."), "{}", home.body);

    // The expert starts the plan and writes a goal, an indicator and a measure.
    let plan = format!("/trajecten/{id}/plan");
    assert_eq!(w.post_form(&plan, expert.as_deref(), &[]).await.status, 303);
    assert_eq!(w.post_form(&plan, expert.as_deref(), &[]).await.status, 409, "one plan per trajectory");
    let edit = format!("/trajecten/{id}/plan/wijzigen");
    let v = plan_version(&w, id).await;
    let r = w
        .post_form(
            &edit,
            expert.as_deref(),
            &[
                ("versie", v.as_str()),
                ("actie", "doel-toevoegen"),
                ("beschrijving", "Begrijpend lezen: meer leerlingen halen 2F"),
                ("standaarden", "OP3, RO2"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let v = plan_version(&w, id).await;
    let bad = w
        .post_form(
            &edit,
            leader_d.as_deref(),
            &[
                ("versie", v.as_str()),
                ("actie", "indicator-toevoegen"),
                ("doel", "1"),
                ("naam", "Percentage 2F begrijpend lezen"),
                ("eenheid", "percentage"),
                ("beginwaarde", "7x"),
                ("begindatum", "2026-07-01"),
                ("streefwaarde", "55"),
                ("streefdatum", "2028-07-01"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(
        bad.body.contains("Beginwaarde: &#39;7x&#39; is geen getal")
            || bad.body.contains("Beginwaarde: '7x' is geen getal"),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("Percentage 2F begrijpend lezen"), "what was typed stays: {}", bad.body);
    assert_eq!(plan_version(&w, id).await, v, "nothing saved");
    let r = w
        .post_form(
            &edit,
            leader_d.as_deref(),
            &[
                ("versie", v.as_str()),
                ("actie", "indicator-toevoegen"),
                ("doel", "1"),
                ("naam", "Percentage 2F begrijpend lezen"),
                ("eenheid", "percentage"),
                ("beginwaarde", "38,5"),
                ("begindatum", "2026-07-01"),
                ("bron", "LVS eind groep 7"),
                ("streefwaarde", "55"),
                ("streefdatum", "2028-07-01"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let v = plan_version(&w, id).await;
    let measure = [
        ("versie", v.as_str()),
        ("actie", "maatregel-toevoegen"),
        ("wat", "Coaching van leraren groep 5–8 op de instructie van begrijpend lezen"),
        ("doelen", "1"),
        ("eigenaar", "expert"),
        ("activiteit", "coaching_leraren"),
        ("start", "2026-09-01"),
        ("eind", "2027-06-30"),
        ("dagdelen", "6"),
    ];
    assert_eq!(w.post_form(&edit, expert.as_deref(), &measure).await.status, 303);

    // Two writers on the same version: the second gets the conflict page with what it typed.
    let stale = [
        ("versie", v.as_str()),
        ("actie", "doel-toevoegen"),
        ("beschrijving", "Mijn getypte doel over rekenen"),
        ("standaarden", "OP2"),
    ];
    let conflict = w.post_form(&edit, leader_d.as_deref(), &stale).await;
    assert_eq!(conflict.status, 409, "{}", conflict.body);
    assert!(conflict.body.contains("Mijn getypte doel over rekenen"), "{}", conflict.body);

    // The school leader signs, then the bestuurder: vastgesteld, and the phase moves on.
    let sign = format!("/trajecten/{id}/plan/ondertekenen");
    let v = plan_version(&w, id).await;
    assert_eq!(
        w.post_form(&sign, board.as_deref(), &[("versie", v.as_str()), ("als", "bestuurder")]).await.status,
        422,
        "not the board's turn yet"
    );
    assert_eq!(
        w.post_form(&sign, expert.as_deref(), &[("versie", v.as_str()), ("als", "schoolleider")]).await.status,
        403
    );
    let r = w
        .post_form(&sign, leader_d.as_deref(), &[("versie", v.as_str()), ("als", "schoolleider"), ("rol", "directeur")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let home = w.get("/home", board.as_deref()).await;
    assert!(
        home.body.contains("De bestuurder ondertekent het plan van aanpak."),
        "a task on the board's home: {}",
        home.body
    );
    let v = plan_version(&w, id).await;
    let r = w
        .post_form(&sign, board.as_deref(), &[("versie", v.as_str()), ("als", "bestuurder"), ("rol", "voorzitter CvB")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let now = ok(w.store().trajectory(id).await);
    assert_eq!(now.current_phase, 2, "signed off: on to uitvoering");
    let audit = w
        .audit(AuditFilter {
            entity: Some(koers_app::store::AuditEntity::Trajectory),
            entity_id: Some(id.to_string()),
            ..Default::default()
        })
        .await;
    assert_eq!(audit[0].action, "phase", "one audit action for every phase move");
    assert!(audit[0].after.as_deref().unwrap_or_default().contains("\"completed_by\":\"plan-getekend\""));
    let page = w.get(&plan, expert.as_deref()).await;
    assert!(page.body.contains("vastgesteld") && page.body.contains("voorzitter CvB"), "{}", page.body);
    assert!(!page.body.contains("actie\" value=\"doel-toevoegen"), "a frozen version has no edit forms");

    // A bijstelling needs a reason and makes version 2; the versions compare.
    let bij = format!("/trajecten/{id}/plan/bijstelling");
    let v = plan_version(&w, id).await;
    let no = w.post_form(&bij, expert.as_deref(), &[("versie", v.as_str()), ("reden", "")]).await;
    assert_eq!(no.status, 422, "{}", no.body);
    let r = w
        .post_form(
            &bij,
            expert.as_deref(),
            &[("versie", v.as_str()), ("reden", "De LVS-toets van januari vraagt een extra doel")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let v = plan_version(&w, id).await;
    let r = w
        .post_form(
            &edit,
            leader_d.as_deref(),
            &[
                ("versie", v.as_str()),
                ("actie", "doel-toevoegen"),
                ("beschrijving", "Rekenen: automatiseren tafels"),
                ("standaarden", "OP2"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let versions = w.get(&format!("/trajecten/{id}/plan/versies"), board.as_deref()).await;
    assert!(versions.body.contains("De LVS-toets van januari vraagt een extra doel"), "{}", versions.body);
    let cmp = w.get(&format!("/trajecten/{id}/plan/vergelijken?a=1&b=2"), board.as_deref()).await;
    assert_eq!(cmp.status, 200, "{}", cmp.body);
    assert!(cmp.body.contains("Rekenen: automatiseren tafels") && cmp.body.contains("toegevoegd"), "{}", cmp.body);
    assert_eq!(w.get(&format!("/trajecten/{id}/plan/vergelijken?a=1&b=9"), board.as_deref()).await.status, 404);

    // The API: the plan with both versions, and version 1 in full.
    let api = w.get(&format!("/api/v1/trajectories/{id}/plan"), board.as_deref()).await;
    assert_eq!(api.status, 200, "{}", api.body);
    let json = api.json();
    assert_eq!(json["versions"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["in_force"], 1);
    let v1 = w.get(&format!("/api/v1/trajectories/{id}/plan/versions/1"), board.as_deref()).await.json();
    assert_eq!(v1["status"], "vastgesteld");
    assert_eq!(v1["plan"]["goals"][0]["indicators"][0]["target"], 55.0);
    assert_eq!(w.get(&format!("/api/v1/trajectories/{id}/plan/versions/7"), board.as_deref()).await.status, 404);
}
