//! One truth (issue 7 §2, §9; issue 11 §4): the stored programme definitions are the only source
//! of the public verdict, the API and screening, and of the programmes staff can be granted;
//! every CSV export neutralises formulas; error pages know who is logged in.

mod auth_support;

use auth_support::{Who, World, eligible_school, world};
use axum::http::StatusCode;
use koers_app::applications::ApplicationInput;
use koers_app::store::Actor;
use koers_core::ids::{SchoolId, UserId};

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// What the school page, the API and screening say about school `d` now.
async fn verdicts(w: &World, d: i64, staff: Option<&str>) -> (bool, String, bool) {
    let page = w.get(&format!("/scholen/{d}"), None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    // The apply link names the stored default programme (askama escapes the `&`).
    let apply_link =
        page.body.contains(&format!("/aanmelden?school={d}")) && page.body.contains("programma=gwgb-plus-school");
    let api = w.get(&format!("/api/v1/schools/{d}/eligibility"), None).await;
    assert_eq!(api.status, 200, "{}", api.body);
    let verdict = api.json()["eligibility"]["verdict"].as_str().unwrap_or_default().to_owned();
    let screening = w.get("/programma/screening?uitkomst=eligible", staff).await;
    assert_eq!(screening.status, 200, "{}", screening.body);
    (apply_link, verdict, screening.body.contains("School D"))
}

#[tokio::test]
async fn a_beheerder_edits_the_band_rule_and_the_school_page_api_and_screening_follow_at_once() {
    let w = world().await;
    let d = eligible_school(&w).await;
    let admin = w.session(Who::Beheerder).await;
    let staff = w.session(Who::Programma).await;
    let before = verdicts(&w, d, staff.as_deref()).await;
    assert_eq!(before, (true, "eligible".to_owned(), true), "one indicator below the grens suffices");

    // The list seeds the stored definitions from programmes/*.toml; then edit the rule.
    assert_eq!(w.get("/beheer/programmas", admin.as_deref()).await.status, 200);
    let def = ok(w.store().programme_definition("gwgb-plus-school").await);
    assert!(def.definition_toml.contains("min_indicators_below_grens = 1"), "{}", def.definition_toml);
    let toml = def.definition_toml.replace("min_indicators_below_grens = 1", "min_indicators_below_grens = 2");
    let version = def.version.to_string();
    let saved = w
        .post_form(
            "/beheer/programmas/gwgb-plus-school",
            admin.as_deref(),
            &[("toml", toml.as_str()), ("actief", "1"), ("version", version.as_str())],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    // School D has only 1S/2F below its grenswaarde: with two required it no longer qualifies,
    // on every surface, without a restart.
    let after = verdicts(&w, d, staff.as_deref()).await;
    assert_eq!(after, (false, "not_eligible".to_owned(), false));
}

#[tokio::test]
async fn a_programme_a_beheerder_adds_can_be_granted_to_staff() {
    let w = world().await;
    let admin = w.session(Who::Beheerder).await;
    assert_eq!(w.get("/beheer/programmas", admin.as_deref()).await.status, 200);
    let base = ok(w.store().programme_definition("leren-verbeteren-npo").await).definition_toml;
    let toml = base
        .replace("id = \"leren-verbeteren-npo\"", "id = \"taal-boost\"")
        .replace("name = \"Leren Verbeteren (NPO-ondersteuning)\"", "name = \"Taal Boost\"")
        .replace("default_for = [\"vo\"]\n", "");
    let created = w.post_form("/beheer/programmas/nieuw", admin.as_deref(), &[("toml", &toml), ("actief", "1")]).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);

    let uid = w.user_id(Who::Expert).await;
    let form = w.get(&format!("/beheer/gebruikers/{uid}"), admin.as_deref()).await;
    assert!(form.body.contains("value=\"taal-boost\""), "offered: {}", form.body);
    let r = w
        .post_form(
            &format!("/beheer/gebruikers/{uid}/rollen"),
            admin.as_deref(),
            &[("rol", "programmamedewerker"), ("programma", "taal-boost")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let grants = ok(w.store().grants_of_user(UserId::new(uid)).await);
    assert!(grants.iter().any(|g| g.grant.scope == koers_core::access::Scope::Programme("taal-boost".into())));
    let shown = w.get(&format!("/beheer/gebruikers/{uid}"), admin.as_deref()).await;
    assert!(shown.body.contains("Taal Boost"), "{}", shown.body);
    // An unknown programme is still refused.
    let bad = w
        .post_form(
            &format!("/beheer/gebruikers/{uid}/rollen"),
            admin.as_deref(),
            &[("rol", "programmamedewerker"), ("programma", "bestaat-niet")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn csv_exports_neutralise_formulas_and_xlsx_keeps_them_as_text() {
    let w = world().await;
    let d = eligible_school(&w).await;
    let input = ApplicationInput {
        own_calculation: None,
        programme_id: "gwgb-plus-school".into(),
        school_id: Some(SchoolId::new(d)),
        board_number: None,
        contact_name: "=1+1".into(),
        contact_email: "contact@school-d.nl".into(),
        contact_phone: None,
        help_question: "=HYPERLINK(\"http://evil.example\";\"klik\")".into(),
        entry_facts_json: None,
    };
    ok(w.state
        .app
        .submit_application(&input, None, &Actor::system("test"), koers_web::auth::now(), "http://koers.test")
        .await);
    // The applicant's own school name, edited by its leader.
    let school = ok(w.store().school(SchoolId::new(d)).await);
    let edit = koers_app::store::SchoolEdit { name: Some("@SUM(A1:A9)".into()), ..Default::default() };
    ok(w.state
        .app
        .edit_school(SchoolId::new(d), school.version, &edit, &Actor::system("test"), koers_web::auth::now())
        .await);
    let staff = w.session(Who::Programma).await;
    let csv = w.get("/programma/export/aanmeldingen.csv", staff.as_deref()).await;
    assert!(csv.body.contains(";'@SUM(A1:A9);"), "{}", csv.body);
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains(";'=1+1;"), "{}", csv.body);
    assert!(csv.body.contains("\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"klik\"\")\""), "{}", csv.body);
    for line in csv.body.lines() {
        for cell in line.split(';') {
            let c = cell.trim_start_matches('"').trim_start_matches('\u{feff}');
            assert!(!c.starts_with(['=', '+', '-', '@', '\t', '\r']), "cell {c:?} in {line}");
        }
    }
    let trajecten = w.get("/programma/export/trajecten.csv", staff.as_deref()).await;
    assert_eq!(trajecten.status, 200);
    assert!(trajecten.body.starts_with("\u{feff}Traject;"), "{}", trajecten.body);
    let xlsx = w.get("/programma/export/aanmeldingen.xlsx", staff.as_deref()).await;
    assert_eq!(xlsx.status, 200);
}

#[tokio::test]
async fn error_pages_show_a_logged_in_user_their_navigation() {
    let w = world().await;
    let leader = w.session(Who::LeiderA).await;
    for uri in ["/bestaat-niet", "/beheer/gebruikers"] {
        let r = w.get(uri, leader.as_deref()).await;
        assert!(r.status == 404 || r.status == 403, "{uri}: {}", r.status);
        assert!(r.body.contains("Sam Schoolleider"), "{uri}: {}", r.body);
        assert!(!r.body.contains("href=\"/inloggen\""), "{uri} offers Inloggen: {}", r.body);
    }
    let anonymous = w.get("/bestaat-niet", None).await;
    assert!(anonymous.body.contains("href=\"/inloggen\""));
}

#[tokio::test]
async fn staff_see_full_inbox_pages_of_their_own_programmes() {
    let w = world().await;
    let d = eligible_school(&w).await;
    let actor = Actor::system("test");
    // 60 of the staff member's programme, then 60 newer ones of another: the newest 50 are all
    // the other programme's, yet page 1 must hold 50 of the staff member's own.
    for i in 0..120 {
        let programme = if i < 60 { "gwgb-plus-school" } else { "leren-verbeteren-npo" };
        let a = koers_app::store::NewApplication {
            programme_id: programme.into(),
            school_id: Some(SchoolId::new(d)),
            board_number: None,
            contact_name: format!("Contact {i}"),
            contact_email: "c@school.nl".into(),
            contact_phone: None,
            help_question: "Vraag".into(),
            eligibility_json: None,
            entry_facts_json: None,
            state_json: "{}".into(),
            status: koers_core::workflow::Status::Ingediend,
            submitted_by: None,
        };
        ok(w.store().create_application(&a, &actor, koers_web::auth::now() + i).await);
    }
    let staff = w.session(Who::Programma).await;
    let rows = |body: &str| body.matches("<a href=\"/programma/aanmeldingen/").count();
    let page1 = w.get("/programma/aanmeldingen", staff.as_deref()).await;
    assert_eq!(page1.status, 200);
    assert_eq!(rows(&page1.body), 50, "a full page of the staff member's own programme");
    let page2 = w.get("/programma/aanmeldingen?pagina=2", staff.as_deref()).await;
    assert_eq!(rows(&page2.body), 10);
    let admin = w.session(Who::Beheerder).await;
    let all = w.get("/programma/aanmeldingen?pagina=3", admin.as_deref()).await;
    assert_eq!(rows(&all.body), 20, "a beheerder sees all 120");
}

#[tokio::test]
async fn staff_reach_their_inbox_and_dashboard_from_home_and_the_navigation() {
    let w = world().await;
    for who in [Who::Programma, Who::Beheerder] {
        let c = w.session(who).await;
        let home = w.get("/home", c.as_deref()).await;
        assert_eq!(home.status, 200);
        for href in ["href=\"/programma/aanmeldingen\"", "href=\"/programma/dashboard\""] {
            assert!(home.body.contains(href), "{who:?} home lacks {href}");
            // …and every page's navigation has them (the school page, for instance).
            let other = w.get("/check", c.as_deref()).await;
            assert!(other.body.contains(href), "{who:?} nav lacks {href}");
        }
        let inbox = w.get("/programma/aanmeldingen", c.as_deref()).await;
        assert!(inbox.body.contains("href=\"/programma/aanmeldingen\" aria-current=\"page\""), "{}", inbox.body);
    }
    let leader = w.session(Who::LeiderA).await;
    assert!(!w.get("/home", leader.as_deref()).await.body.contains("href=\"/programma/aanmeldingen\""));
}
