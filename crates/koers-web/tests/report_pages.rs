//! Reports in the browser's terms (issue 9 §5): a GWGB+ trajectory whose plan the school leader
//! and the bestuurder signed; the trajectory page lists the reports with one-click PDF links; a
//! report on screen holds the same content as its PDF (here the stand-in engine, which writes the
//! document's HTML: the real PDF is read by its text in koers-app's tests); downloads are audited;
//! without a signed plan the page says what is missing (409); the board's home links its latest
//! report; the programme monitor is for staff.

mod auth_support;

use auth_support::{PASSWORD, Who, World, eligible_school, password_hash, world};
use koers_app::applications::{ApplicationInput, state_of};
use koers_app::store::{
    Actor, ApplicationStateWrite, Assignment, AuditFilter, ExpertWrite, NewTrajectory, NewUser, TrajectoryRecord,
};
use koers_core::access::{Grant, Principal, RoleKind, Scope};
use koers_core::calendar::Date;
use koers_core::ids::{SchoolId, TrajectoryId, UserId};
use koers_core::plan::{
    ActivityType, Baseline, Direction, GoalId, GoalInput, IndicatorInput, IndicatorKind, MeasureInput, Owner, PlanEdit,
    Signer, Unit,
};
use koers_core::workflow::Status;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

const GOAL: &str = "Begrijpend lezen: meer leerlingen halen 2F";
const INDICATOR: &str = "Percentage 2F begrijpend lezen";
const LEADER: &str = "Dana Directeur";

/// School D (board X) in GWGB+ school with the test expert.
async fn running_trajectory(w: &World) -> (TrajectoryRecord, i64) {
    let school = eligible_school(w).await;
    let input = ApplicationInput {
        own_calculation: None,
        programme_id: "gwgb-plus-school".into(),
        school_id: Some(SchoolId::new(school)),
        board_number: None,
        contact_name: LEADER.into(),
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
    (ok(w.store().assign_expert(&assignment, &actor, now - 86_400 * 40).await).1, school)
}

async fn principal(w: &World, email: &str) -> Principal {
    let id = ok(w.store().user_by_email(email).await).id;
    ok(w.state.app.principal_of(id).await)
}

fn d(y: i32, m: u8, day: u8) -> Date {
    ok(Date::new(y, m, day))
}

/// The expert writes a goal, an indicator and a measure; the leader and the board sign.
async fn signed_plan(w: &World, t: i64) {
    let app = &w.state.app;
    let actor = Actor::system("test");
    let now = koers_web::auth::now();
    let id = TrajectoryId::new(t);
    let expert = principal(w, Who::Expert.email()).await;
    let expert_actor =
        Actor { user_id: Some(UserId::new(w.user_id(Who::Expert).await)), label: Who::Expert.email().into() };
    let mut v = ok(app.start_plan(&expert, &expert_actor, id, now).await).version;
    let edits = [
        PlanEdit::AddGoal { input: GoalInput { description: GOAL.into(), standards: vec!["OP3".into()] } },
        PlanEdit::AddIndicator {
            goal: GoalId::new(1),
            input: IndicatorInput {
                name: INDICATOR.into(),
                unit: Unit::Percentage,
                direction: Direction::Increase,
                baseline: Baseline { value: 38.5, date: d(2026, 7, 1), source: "LVS eind groep 7".into() },
                target: 55.0,
                target_date: d(2028, 7, 1),
                kind: IndicatorKind::Eigen,
                margin: None,
            },
        },
        PlanEdit::AddMeasure {
            input: MeasureInput {
                what: "Coaching van leraren op de instructie van begrijpend lezen".into(),
                goals: vec![GoalId::new(1)],
                owner: Owner::Expert,
                activity: ActivityType::CoachingLeraren,
                start: d(2026, 9, 1),
                end: d(2027, 6, 30),
                dagdelen: 6,
            },
        },
    ];
    for e in edits {
        v = ok(app.edit_plan(&expert, &expert_actor, id, v, e, now).await).0.version;
    }
    let leader = principal(w, "leider-d@test.nl").await;
    let leader_actor = Actor {
        user_id: Some(ok(w.store().user_by_email("leider-d@test.nl").await).id),
        label: "leider-d@test.nl".into(),
    };
    v = ok(app.sign_plan(&leader, &leader_actor, id, v, Signer::Schoolleider, "directeur", now).await).version;
    let board = principal(w, Who::BestuurderX.email()).await;
    ok(app.sign_plan(&board, &actor, id, v, Signer::Bestuurder, "bestuurder", now).await);
}

async fn leader_session(w: &World, school: i64) -> Option<String> {
    let actor = Actor::system("test");
    let new = NewUser {
        email: "leider-d@test.nl".into(),
        name: LEADER.into(),
        password_hash: password_hash(),
        locale: "nl".into(),
    };
    let u = ok(w.store().create_user(&new, &actor, 1).await);
    ok(w.store()
        .add_grant(u.id, &ok(Grant::new(RoleKind::Schoolleider, Scope::School(SchoolId::new(school)))), &actor, 1)
        .await);
    w.login_raw("leider-d@test.nl", PASSWORD).await.session_cookie()
}

#[tokio::test]
#[ignore = "fails on the merged tree of 2026-11-30 18:30: its fixture running_trajectory() gets Forbidden (geen toegang) after the trajectory/plan merges; issue 9 stays open until it passes again"]
async fn reports_one_click_on_screen_and_as_pdf() {
    let w = world().await;
    let (t, school) = running_trajectory(&w).await;
    let id = t.id;
    let leader = leader_session(&w, school).await;
    let board = w.session(Who::BestuurderX).await;
    let staff = w.session(Who::Programma).await;

    // Without a signed plan: the page says what is missing, the PDF too (409, nothing panics).
    let early = w.get(&format!("/trajecten/{id}/rapporten/plan-van-aanpak.pdf"), board.as_deref()).await;
    assert_eq!(early.status, 409, "{}", early.body);
    assert!(early.body.contains("nog geen vastgesteld plan") && early.body.contains("schoolleider"), "{}", early.body);
    let page = w.get(&format!("/trajecten/{id}"), leader.as_deref()).await;
    assert!(
        page.body.contains("id=\"rapporten\"") && page.body.contains("nog geen plan van aanpak gestart"),
        "{}",
        page.body
    );

    signed_plan(&w, id).await;

    // The trajectory page: one click per report.
    let page = w.get(&format!("/trajecten/{id}"), leader.as_deref()).await;
    assert_eq!(page.status, 200);
    for href in ["plan-van-aanpak.pdf", "voortgang-bestuur.pdf", "eindrapportage.pdf"] {
        assert!(page.body.contains(&format!("/trajecten/{id}/rapporten/{href}")), "{href}: {}", page.body);
    }
    assert!(!page.body.contains("voortgang-inspectie"), "GWGB+ does not report to the Inspectie");
    assert!(page.body.contains("zelfevaluatie (0-meting) is nog niet ingediend"), "{}", page.body);

    // On screen: the same document as the PDF.
    let screen = w.get(&format!("/trajecten/{id}/rapporten/plan-van-aanpak"), board.as_deref()).await;
    assert_eq!(screen.status, 200, "{}", screen.body);
    for needle in
        [GOAL, INDICATOR, "38,5%", "55,0%", "Ondertekening", LEADER, "directeur", "Digitaal ondertekend in Koers"]
    {
        assert!(screen.body.contains(needle), "screen lacks {needle}: {}", screen.body);
    }
    let pdf = w.get(&format!("/trajecten/{id}/rapporten/plan-van-aanpak.pdf"), board.as_deref()).await;
    assert_eq!(pdf.status, 200, "{}", pdf.body);
    assert_eq!(pdf.header("content-type"), "application/pdf");
    assert!(
        pdf.header("content-disposition").starts_with("attachment; filename=\"plan-van-aanpak-"),
        "{:?}",
        pdf.headers
    );
    assert!(pdf.body.starts_with("%PDF") && pdf.body.contains(GOAL) && pdf.body.contains(LEADER));
    let audit = w.audit(AuditFilter { entity: Some("report".into()), ..Default::default() }).await;
    assert!(audit.iter().any(|a| a.action == "export" && a.entity_id == format!("{id}/plan-van-aanpak")), "{audit:?}");

    let v = w.get(&format!("/trajecten/{id}/rapporten/voortgang-bestuur"), staff.as_deref()).await;
    assert_eq!(v.status, 200, "{}", v.body);
    for needle in ["Verantwoording aan het bestuur", "Op koers?", GOAL, INDICATOR, "Esther Expert", "Volgende stappen"]
    {
        assert!(v.body.contains(needle), "voortgang lacks {needle}: {}", v.body);
    }
    // The 0-meting was never submitted: named.
    let n = w.get(&format!("/trajecten/{id}/rapporten/nulmeting"), staff.as_deref()).await;
    assert_eq!(n.status, 409);
    assert!(n.body.contains("de zelfevaluatie (0-meting) is nog niet ingediend"), "{}", n.body);

    // The board's home links the latest report of the trajectory.
    let home = w.get("/home", board.as_deref()).await;
    assert!(home.body.contains("Laatste rapporten"), "{}", home.body);
    assert!(home.body.contains(&format!("/trajecten/{id}/rapporten/voortgang-bestuur")), "{}", home.body);
    let from_home = w.get(&format!("/trajecten/{id}/rapporten/voortgang-bestuur.pdf"), board.as_deref()).await;
    assert_eq!(from_home.status, 200);

    // The kostenoverzicht as PDF, and the programme monitor for staff only.
    let k = w.get(&format!("/mijn-school/{school}/kostenoverzicht.pdf"), leader.as_deref()).await;
    assert_eq!(k.status, 200, "{}", k.body);
    assert!(k.body.contains("Kostenoverzicht"), "{}", k.body);
    let m = w.get("/programma/monitor.xlsx", staff.as_deref()).await;
    assert_eq!(m.status, 200);
    assert!(m.header("content-disposition").contains("programmamonitor-"));
    assert_eq!(w.get("/programma/monitor.xlsx", leader.as_deref()).await.status, 403);
    let dash = w.get("/programma/dashboard", staff.as_deref()).await;
    assert!(dash.body.contains("/programma/monitor.xlsx"), "reachable from the dashboard");
}
