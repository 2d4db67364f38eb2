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
use koers_core::ids::{SchoolId, UserId};
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
async fn signed_plan(w: &World, t: koers_core::ids::TrajectoryId) {
    let app = &w.state.app;
    let now = koers_web::auth::now();
    let id = t;
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
    // Signing is personal: the bestuurder signs as their own account (a system actor may not).
    let board = principal(w, Who::BestuurderX.email()).await;
    let board_actor =
        Actor { user_id: Some(w.user_id(Who::BestuurderX).await.into()), label: Who::BestuurderX.email().into() };
    ok(app.sign_plan(&board, &board_actor, id, v, Signer::Bestuurder, "bestuurder", now).await);
}

async fn leader_session(w: &World, school: i64) -> Option<String> {
    let actor = Actor::system("test");
    let new = NewUser {
        email: koers_core::email::Email::parse("leider-d@test.nl").unwrap_or_else(|e| panic!("{e}")),
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
    let audit =
        w.audit(AuditFilter { entity: Some(koers_app::store::AuditEntity::Report), ..Default::default() }).await;
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

/// The text after `marker` up to the next `"` — an attribute's value in the page's HTML.
fn attr_after<'a>(body: &'a str, from: &str, marker: &str) -> &'a str {
    let start = body.find(from).unwrap_or_else(|| panic!("no {from:?} in {body}"));
    let rest = &body[start..];
    let at = rest.find(marker).unwrap_or_else(|| panic!("no {marker:?} after {from:?}")) + marker.len();
    rest[at..].split('"').next().unwrap_or_default()
}

/// The voortgang page on a signed plan (issue 9's bad input and "nothing lost"): a measurement
/// outside the indicator's range and a date before the trajectory's start are refused at their
/// field in Dutch, the typing kept; two people updating the same measure from the same page get
/// one save and one conflict answer; the JSON API reads what was saved, with the page's rights.
#[tokio::test]
async fn voortgang_refuses_bad_input_answers_a_stale_update_with_a_conflict_and_the_api_reads_it() {
    let w = world().await;
    let (t, school) = running_trajectory(&w).await;
    let id = t.id;
    let leader = leader_session(&w, school).await;
    signed_plan(&w, id).await;
    let expert = w.session(Who::Expert).await;
    let url = |rest: &str| format!("/trajecten/{id}/voortgang{rest}");

    let page = w.get(&url(""), expert.as_deref()).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let measure = attr_after(&page.body, "data-testid=\"measures\"", "data-measure=\"").to_owned();
    let indicator = attr_after(&page.body, "data-testid=\"indicators\"", "data-indicator=\"").to_owned();
    let versie = attr_after(&page.body, "/voortgang/status\"", "name=\"versie\" value=\"").to_owned();
    assert_eq!(versie, "0", "no status update yet");

    // A measurement outside the unit's range (a percentage above 100): at the field, kept.
    let bad = w
        .post_form(
            &url("/meting"),
            expert.as_deref(),
            &[("indicator", indicator.as_str()), ("waarde", "150"), ("bron", "LVS")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("id=\"meting-waarde-error\""), "{}", bad.body);
    assert!(bad.body.contains("waarde: ") && bad.body.contains("value=\"150\""), "{}", bad.body);
    // A date before the trajectory's start.
    let early = w
        .post_form(
            &url("/status"),
            expert.as_deref(),
            &[
                ("maatregel", measure.as_str()),
                ("status", "loopt"),
                ("datum", "01-01-2020"),
                ("versie", versie.as_str()),
            ],
        )
        .await;
    assert_eq!(early.status, 422, "{}", early.body);
    assert!(early.body.contains("id=\"status-datum-error\"") && early.body.contains("vóór de start van het traject"));
    assert!(early.body.contains("value=\"01-01-2020\""), "what was typed is kept");
    let store_updates = || async { ok(w.store().voortgang_of_trajectory(id).await).updates };
    assert!(store_updates().await.is_empty(), "nothing saved");

    // Two people, the same page: the first saves, the second gets the conflict and keeps their text.
    let first = [("maatregel", measure.as_str()), ("status", "loopt"), ("versie", versie.as_str())];
    assert_eq!(w.post_form(&url("/status"), expert.as_deref(), &first).await.status, 303);
    let second = [
        ("maatregel", measure.as_str()),
        ("status", "vertraagd"),
        ("toelichting", "Twee collega's langdurig ziek."),
        ("versie", versie.as_str()),
    ];
    let stale = w.post_form(&url("/status"), leader.as_deref(), &second).await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains("Iemand anders heeft dit intussen gewijzigd"), "{}", stale.body);
    assert!(stale.body.contains("langdurig ziek."), "what was typed is kept: {}", stale.body);
    let updates = store_updates().await;
    assert_eq!(updates.len(), 1, "the first write is kept, the stale one not written");
    assert_eq!(updates[0].update.status, koers_core::progress::MeasureStatus::Loopt);

    // The JSON API: what the page shows, with its rights.
    let api = w.get(&format!("/api/v1/trajectories/{id}/voortgang"), expert.as_deref()).await;
    assert_eq!(api.status, 200, "{}", api.body);
    let v = api.json();
    assert_eq!(v["has_plan"], true);
    assert_eq!(v["status_version"], updates[0].id);
    assert_eq!(v["measures"][0]["status"], "loopt", "{v}");
    assert_eq!(v["indicators"][0]["name"], INDICATOR);
    assert_eq!(v["indicators"][0]["baseline"]["value"], 38.5);
    assert!(v["reasons"].is_array() && v["on_course"].is_boolean(), "{v}");
    let outsider = w.session(Who::LeiderA).await;
    assert_eq!(w.get(&format!("/api/v1/trajectories/{id}/voortgang"), outsider.as_deref()).await.status, 403);
    assert_eq!(w.get(&format!("/api/v1/trajectories/{id}/voortgang"), None).await.status, 401);
}
