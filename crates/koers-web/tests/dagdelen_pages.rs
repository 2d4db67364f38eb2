//! Dagdelen and money through the web (issue 10 §7–8): the expert logs dagdelen up to the NPO
//! budget and is refused beyond it; bad input is refused with a Dutch message naming the field and
//! the input kept; staff raise the budget with a reason; the kostenoverzicht shows € 2.286,00
//! school share for 8 NPO dagdelen (and GWGB+ kosteloos with the dagdelen counted); the time
//! sheet and the xlsx downloads.

mod auth_support;

use auth_support::{PASSWORD, Who, World, password_hash, world};
use axum::http::StatusCode;
use koers_app::store::{
    Actor, ApplicationStateWrite, Assignment, AuditFilter, ExpertWrite, NewApplication, NewTrajectory, NewUser,
    TrajectoryRecord,
};
use koers_core::access::{Grant, RoleKind, Scope};
use koers_core::calendar::Date;
use koers_core::ids::{BoardNumber, SchoolId, UserId};
use koers_core::workflow::Status;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// A running trajectory of `programme` at school A (board X) with the test expert, planned
/// `dagdelen` (NPO: 16 = two blocks).
async fn trajectory(w: &World, programme: &str, dagdelen: i64) -> TrajectoryRecord {
    let actor = Actor::system("test");
    let now = koers_web::auth::now();
    let new = NewApplication {
        programme_id: programme.into(),
        school_id: Some(SchoolId::new(w.ids.school_a)),
        board_number: Some(BoardNumber::new(auth_support::BOARD_X)),
        contact_name: "Dana Directeur".into(),
        contact_email: "contact@school-a.nl".into(),
        contact_phone: None,
        help_question: "Rekenen in de onderbouw.".into(),
        eligibility_json: None,
        entry_facts_json: None,
        state_json: ok(serde_json::to_string(&koers_core::workflow::Application::submitted(false))),
        status: Status::Ingediend,
        submitted_by: None,
    };
    let a = ok(w.store().create_application(&new, &actor, now - 100).await);
    let expert = match w.store().expert_by_user(UserId::new(w.user_id(Who::Expert).await)).await {
        Ok(e) => e.id,
        Err(_) => {
            let e = ExpertWrite {
                user_id: Some(UserId::new(w.user_id(Who::Expert).await)),
                name: "Esther Expert".into(),
                email: Who::Expert.email().into(),
                expertise: vec!["rekenen".into()],
                regions: vec!["Overijssel".into()],
                capacity_trajectories: 4,
                capacity_dagdelen: 40,
                available: true,
                expected_version: None,
            };
            ok(w.store().save_expert(&e, &actor, now - 90).await).id
        }
    };
    let assignment = Assignment {
        application_id: a.id,
        state: ApplicationStateWrite {
            expected_version: a.version,
            state_json: ok(serde_json::to_string(&koers_core::workflow::Application {
                status: Status::Gekoppeld,
                expert_id: Some(expert),
                ..koers_core::workflow::Application::submitted(false)
            })),
            status: Status::Gekoppeld,
            action: "expert_assigned".into(),
        },
        trajectory: NewTrajectory {
            expert_id: expert,
            phases_json: r#"["Schoolscan","Stappenplan"]"#.into(),
            dagdelen_planned: dagdelen,
        },
        capacity_override: None,
    };
    ok(w.store().assign_expert(&assignment, &actor, now - 80).await).1
}

fn today() -> String {
    Date::of_instant(koers_web::auth::now()).nl()
}

async fn log(w: &World, cookie: &str, t: koers_core::ids::TrajectoryId, pairs: &[(&str, &str)]) -> auth_support::Resp {
    w.post_form(&format!("/trajecten/{t}/dagdelen"), Some(cookie), pairs).await
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
    w.login_raw(email, PASSWORD).await.session_cookie().unwrap_or_else(|| panic!("login {email}"))
}

#[tokio::test]
async fn expert_logs_dagdelen_up_to_the_npo_budget_and_is_refused_beyond_it() {
    let w = world().await;
    let t = trajectory(&w, "leren-verbeteren-npo", 16).await;
    let expert = w.session(Who::Expert).await.unwrap_or_default();
    let day = today();
    for n in ["8", "8"] {
        let r = log(
            &w,
            &expert,
            t.id,
            &[("datum", &day), ("dagdelen", n), ("activiteit", "schoolscan"), ("toelichting", "MT-gesprek")],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.location(), format!("/trajecten/{}/dagdelen?opgeslagen=1", t.id));
    }
    let page = w.get(&format!("/trajecten/{}/dagdelen", t.id), Some(&expert)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"data-testid="dagdelen-spent">16<"#), "{}", page.body);
    assert!(page.body.contains(r#"data-testid="dagdelen-left">0<"#));
    // One more is past the budget: refused, named, the input kept, nothing written.
    let r = log(
        &w,
        &expert,
        t.id,
        &[("datum", &day), ("dagdelen", "1"), ("activiteit", "stappenplan"), ("toelichting", "nog één")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("dagdelen: het budget is 16 dagdelen en er zijn er al 16 geschreven; 1 erbij is 1 te veel"),
        "{}",
        r.body
    );
    assert!(r.body.contains("nog één"), "the note is kept");
    let entries = ok(w.store().time_entries_of_trajectory(t.id).await);
    assert_eq!(entries.iter().map(|e| e.dagdelen).sum::<u32>(), 16);
    let audit = w
        .audit(AuditFilter {
            entity: Some(koers_app::store::AuditEntity::Trajectory),
            entity_id: Some(t.id.to_string()),
            limit: 100,
            ..Default::default()
        })
        .await;
    assert_eq!(audit.iter().filter(|a| a.action == "time_logged").count(), 2);
    // Staff raise the budget above the programme's maximum with a reason; then the entry fits.
    let staff = staff_of(&w, "npo@test.nl", "leren-verbeteren-npo").await;
    let r = w
        .post_form(&format!("/trajecten/{}/budget", t.id), Some(&staff), &[("dagdelen", "20"), ("reden", "kort")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("reden: leg uit waarom er meer dagdelen nodig zijn"), "{}", r.body);
    let reason = "De havo-afdeling kwam er na de schoolscan bij.";
    let r = w
        .post_form(&format!("/trajecten/{}/budget", t.id), Some(&staff), &[("dagdelen", "20"), ("reden", reason)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The expert may not decide; the staff member may not log.
    let r = w
        .post_form(&format!("/trajecten/{}/budget", t.id), Some(&expert), &[("dagdelen", "24"), ("reden", reason)])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = log(&w, &staff, t.id, &[("datum", &day), ("dagdelen", "1"), ("activiteit", "stappenplan")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = log(&w, &expert, t.id, &[("datum", &day), ("dagdelen", "1"), ("activiteit", "stappenplan")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = w.get(&format!("/trajecten/{}/dagdelen", t.id), Some(&staff)).await;
    assert!(page.body.contains(reason) && page.body.contains("verhoogd tot 20 dagdelen"), "{}", page.body);
}

#[tokio::test]
async fn bad_entries_are_refused_with_a_dutch_message_naming_the_field() {
    let w = world().await;
    let t = trajectory(&w, "leren-verbeteren-npo", 16).await;
    let expert = w.session(Who::Expert).await.unwrap_or_default();
    let day = today();
    let future = Date::of_instant(koers_web::auth::now()).add_days(3).nl();
    for (datum, dagdelen, activiteit, expected) in [
        (day.as_str(), "-2", "schoolscan", "dagdelen: &#39;-2&#39; is negatief"),
        (day.as_str(), "1,5", "schoolscan", "dagdelen: &#39;1,5&#39; is geen heel aantal"),
        (day.as_str(), "", "schoolscan", "dagdelen: vul het aantal dagdelen in"),
        (day.as_str(), "17", "schoolscan", "dagdelen: 17 in één keer is te veel"),
        (future.as_str(), "1", "schoolscan", "ligt in de toekomst; er is nog geen plan met een einddatum"),
        ("31-02-2026", "1", "schoolscan", "datum:"),
        (day.as_str(), "1", "", "activiteit: kies het soort werk uit de lijst"),
    ] {
        let r = log(
            &w,
            &expert,
            t.id,
            &[("datum", datum), ("dagdelen", dagdelen), ("activiteit", activiteit), ("toelichting", "bewaard")],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{dagdelen} {datum}");
        assert!(r.body.contains(expected), "{expected}: {}", r.body);
        assert!(r.body.contains("bewaard") && r.body.contains(r#"aria-invalid="true""#), "input kept, field marked");
    }
    assert!(ok(w.store().time_entries_of_trajectory(t.id).await).is_empty());
    // With htmx the same refusal comes back as 200 with the section to swap.
    let req = auth_support::browser("POST", &format!("/trajecten/{}/dagdelen", t.id), Some(&expert))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("hx-request", "true")
        .body(axum::body::Body::from(auth_support::form_body(&[
            ("datum", &day),
            ("dagdelen", "-1"),
            ("activiteit", "schoolscan"),
        ])))
        .unwrap_or_else(|e| panic!("{e}"));
    let r = w.send(req).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(r#"id="dagdelen""#) && r.body.contains("is negatief"));
}

#[tokio::test]
async fn kostenoverzicht_shows_2286_euro_school_share_for_8_dagdelen() {
    let w = world().await;
    let t = trajectory(&w, "leren-verbeteren-npo", 8).await;
    let expert = w.session(Who::Expert).await.unwrap_or_default();
    let day = today();
    for n in ["3", "5"] {
        let r = log(&w, &expert, t.id, &[("datum", &day), ("dagdelen", n), ("activiteit", "schoolscan")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let a = w.ids.school_a;
    let leader = w.session(Who::LeiderA).await.unwrap_or_default();
    let page = w.get(&format!("/mijn-school/{a}/kostenoverzicht"), Some(&leader)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(r#"data-testid="school-share"><strong>€ 2.286,00<"#), "{}", page.body);
    assert!(page.body.contains("€ 4.572,00"), "total");
    assert!(page.body.contains("€ 571,50 per dagdeel (€ 285,75), excl. btw"));
    // Staff issue the kenmerk; issuing again keeps it; the school sees it.
    let staff = staff_of(&w, "npo@test.nl", "leren-verbeteren-npo").await;
    let van_tot = {
        let y = Date::of_instant(koers_web::auth::now()).school_year();
        (y.first_day().nl(), y.last_day().nl())
    };
    let pairs = [("van", van_tot.0.as_str()), ("tot", van_tot.1.as_str())];
    let r = w.post_form(&format!("/mijn-school/{a}/kostenoverzicht"), Some(&staff), &pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r2 = w.post_form(&format!("/mijn-school/{a}/kostenoverzicht"), Some(&staff), &pairs).await;
    assert_eq!(r2.location(), r.location());
    let page = w.get(r.location(), Some(&leader)).await;
    let year = Date::of_instant(koers_web::auth::now()).year();
    assert!(page.body.contains(&format!(r#"data-testid="kenmerk">KOV-{year}-000001<"#)), "{}", page.body);
    // The school leader may not issue; the expert may not see the school's money.
    assert_eq!(
        w.post_form(&format!("/mijn-school/{a}/kostenoverzicht"), Some(&leader), &pairs).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(w.get(&format!("/mijn-school/{a}/kostenoverzicht"), Some(&expert)).await.status, StatusCode::FORBIDDEN);
    // The workbook.
    let x = w.get(&format!("/mijn-school/{a}/kostenoverzicht.xlsx"), Some(&leader)).await;
    assert_eq!(x.status, StatusCode::OK);
    assert!(x.header("content-type").contains("spreadsheetml"));
    assert!(x.header("content-disposition").contains(&format!("KOV-{year}-000001")));
    // A period that does not read: refused at the field, the default period shown.
    let bad = w.get(&format!("/mijn-school/{a}/kostenoverzicht?van=gisteren"), Some(&leader)).await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("van: ") && bad.body.contains(r#"value="gisteren""#), "{}", bad.body);
}

#[tokio::test]
async fn gwgb_time_is_logged_and_the_school_pays_nothing() {
    let w = world().await;
    let t = trajectory(&w, "gwgb-plus-school", 8).await;
    let expert = w.session(Who::Expert).await.unwrap_or_default();
    let r = log(&w, &expert, t.id, &[("datum", &today()), ("dagdelen", "2"), ("activiteit", "studiedag")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let board = w.session(Who::BestuurderX).await.unwrap_or_default();
    let page = w.get(&format!("/mijn-school/{}/kostenoverzicht", w.ids.school_a), Some(&board)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("kosteloos (gesubsidieerd)"), "{}", page.body);
    assert!(page.body.contains(r#"data-testid="school-share"><strong>€ 0,00<"#));
    let dagdelen = w.get(&format!("/trajecten/{}/dagdelen", t.id), Some(&board)).await;
    assert!(dagdelen.body.contains(r#"data-testid="dagdelen-spent">2<"#) && dagdelen.body.contains("kosteloos"));
    // The same page in English.
    let english = w.get(&format!("/trajecten/{}/dagdelen", t.id), Some(&format!("lang=en; {board}"))).await;
    assert!(
        english.body.contains("free of charge (subsidised)") && english.body.contains("study day"),
        "{}",
        english.body
    );
    // The expert's time sheet of this month, on screen and as xlsx; staff of another programme
    // see none of its rows.
    let e = ok(w.store().expert_by_user(UserId::new(w.user_id(Who::Expert).await)).await).id;
    let sheet = w.get(&format!("/experts/{e}/urenstaat"), Some(&expert)).await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert!(sheet.body.contains(r#"data-testid="sheet-total">2<"#), "{}", sheet.body);
    let x = w.get(&format!("/experts/{e}/urenstaat.xlsx"), Some(&expert)).await;
    assert!(x.status == StatusCode::OK && x.header("content-type").contains("spreadsheetml"));
    let npo = staff_of(&w, "npo@test.nl", "leren-verbeteren-npo").await;
    let other = w.get(&format!("/experts/{e}/urenstaat"), Some(&npo)).await;
    assert_eq!(other.status, StatusCode::OK);
    assert!(!other.body.contains("sheet-total"), "no rows of another programme");
    assert_eq!(w.get(&format!("/experts/{e}/urenstaat"), Some(&board)).await.status, StatusCode::FORBIDDEN);
}

/// `dagdelen::plan_of` reads the plan van aanpak: planned vs spent per measure comes from the
/// vastgestelde version (a concept plans nothing), time is logged on the plan's measures (picked
/// from a list), a measure not in the plan is refused, and a future date up to the plan's end is
/// allowed.
#[tokio::test]
async fn planned_versus_spent_per_measure_follows_the_vastgestelde_plan() {
    use koers_core::plan::{
        ActivityType, GoalInput, MeasureInput, Owner, Plan, PlanContext, PlanEdit, PlanKind, PlanSettings, PlanVersion,
        VersionStatus,
    };
    let w = world().await;
    let t = trajectory(&w, "leren-verbeteren-npo", 16).await;
    let tid = t.id;
    let now = koers_web::auth::now();
    let today = Date::of_instant(now);
    let settings = PlanSettings::default();
    let ctx = PlanContext { settings: &settings, dagdelen_limit: Some(16) };
    let edit = |p: &Plan, e: PlanEdit| ok(p.apply(e, &ctx)).0;
    let goal = GoalInput { description: "Rekenen in de onderbouw verbeteren".into(), standards: vec!["OP3".into()] };
    let mut plan = edit(&Plan::new(PlanKind::PlanVanAanpak), PlanEdit::AddGoal { input: goal });
    let goal = plan.goals[0].id;
    for (what, activity, dagdelen) in [
        ("Studiedag rekendidactiek", ActivityType::Studiedag, 6),
        ("Coaching in groep 5", ActivityType::CoachingLeraren, 4),
    ] {
        let input = MeasureInput {
            what: what.into(),
            goals: vec![goal],
            owner: Owner::Expert,
            activity,
            start: today.add_days(-10),
            end: today.add_days(60),
            dagdelen,
        };
        plan = edit(&plan, PlanEdit::AddMeasure { input });
    }
    let studiedag = plan.measures[0].id.to_string();
    let actor = Actor::system("test");
    let record = ok(w.store().create_plan(tid, &PlanVersion::first(plan.clone(), now), &actor, now).await);
    let expert = w.session(Who::Expert).await.unwrap_or_default();
    let url = format!("/trajecten/{}/dagdelen", t.id);
    let page = w.get(&url, Some(&expert)).await;
    assert!(!page.body.contains("Studiedag rekendidactiek"), "a concept plans nothing: {}", page.body);
    // Vastgesteld: the page plans 10 dagdelen in two measures.
    let mut frozen = PlanVersion::first(plan, now);
    frozen.status = VersionStatus::Vastgesteld;
    frozen.vastgesteld_at = Some(now);
    let save = koers_app::store::PlanSave {
        expected_version: record.version,
        versions: vec![frozen],
        action: "plan_sign".into(),
        events: serde_json::json!([]),
        awaiting: None,
        phase: None,
    };
    ok(w.store().save_plan(record.id, &save, &actor, now).await);
    let page = w.get(&url, Some(&expert)).await;
    assert!(page.body.contains(&format!(r#"<option value="{studiedag}""#)), "the measure to pick: {}", page.body);
    assert!(page.body.contains(&row("Studiedag rekendidactiek", 6, 0)), "{}", page.body);
    assert!(page.body.contains(&row("Coaching in groep 5", 4, 0)));
    // Logged on the studiedag, in the future but before the plan's end.
    let later = today.add_days(30).nl();
    let r = log(
        &w,
        &expert,
        t.id,
        &[("datum", &later), ("dagdelen", "2"), ("activiteit", "studiedag"), ("maatregel", &studiedag)],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = w.get(&url, Some(&expert)).await;
    assert!(page.body.contains(&row("Studiedag rekendidactiek", 6, 2)), "{}", page.body);
    // A measure that is not in the plan, and a date after the plan's end, are refused.
    let r = log(
        &w,
        &expert,
        t.id,
        &[("datum", &today.nl()), ("dagdelen", "1"), ("activiteit", "studiedag"), ("maatregel", "99")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("maatregel: 99 staat niet in het plan"), "{}", r.body);
    let after = today.add_days(61).nl();
    let r = log(&w, &expert, t.id, &[("datum", &after), ("dagdelen", "1"), ("activiteit", "studiedag")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("na het einde van het plan"), "{}", r.body);
}

/// A row of the planned-vs-spent table.
fn row(what: &str, planned: u32, spent: u32) -> String {
    format!(
        r#"{what}</th><td class="utrecht-table__cell num">{planned}</td><td class="utrecht-table__cell num">{spent}</td>"#
    )
}
