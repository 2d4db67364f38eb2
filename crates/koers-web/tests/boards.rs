//! Boards (issue 10 §4): the bestuurder's home lists the board's own applications and
//! trajectories and links to the board's aanmeld form; programme staff approve on behalf of a
//! board that has no account, only with a reason, which the history records.

mod auth_support;

use auth_support::{BOARD_X, BOARD_Y, Who, World, eligible_school, world};
use koers_app::applications::ApplicationInput;
use koers_app::store::{Actor, ApplicationRecord, AuditFilter, ResultYear, SchoolFields, SchoolWrite, Sector};
use koers_core::ids::{BoardNumber, SchoolId};
use koers_core::workflow::Status;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// An eligible school of board Y (which has no account).
async fn eligible_school_of_y(w: &World) -> i64 {
    let actor = Actor::system("test");
    let write = SchoolWrite::Insert {
        ovt: koers_core::codes::Ovt::parse("55EE|C1").unwrap_or_else(|e| panic!("{e}")),
        brin: "55EE".into(),
        sector: Sector::Po,
        fields: SchoolFields {
            name: "School E".into(),
            place: Some("Kampen".into()),
            province: Some("Overijssel".into()),
            board_number: Some(BoardNumber::new(BOARD_Y)),
            schoolweging: Some(31.5),
            ..SchoolFields::default()
        },
    };
    let id = ok(w.store().apply_school_writes(&[write], &actor, 1).await)[0];
    let rows: Vec<ResultYear> = [2023, 2024, 2025]
        .into_iter()
        .map(|y| ResultYear {
            school_id: id,
            test_year: y,
            pupils: Some(30),
            pct_1f: Some(95.0),
            pct_1s2f: Some(30.0),
            suppressed: false,
            source: "test".into(),
        })
        .collect();
    ok(w.store().upsert_results(&rows, &actor, 1).await);
    id.get()
}

async fn apply(w: &World, school: i64) -> ApplicationRecord {
    let input = ApplicationInput {
        programme_id: "gwgb-plus-school".into(),
        school_id: Some(SchoolId::new(school)),
        board_number: None,
        contact_name: "Dana Directeur".into(),
        contact_email: "contact@school.nl".into(),
        contact_phone: None,
        help_question: "Wij willen beter leesonderwijs in groep 5 tot en met 8.".into(),
        entry_facts_json: None,
        own_calculation: None,
    };
    let now = koers_web::auth::now();
    let a = ok(w.state.app.submit_application(&input, None, &Actor::system("test"), now, "http://koers.test").await);
    assert_eq!(a.application.status, Status::WachtOpBestuur);
    a.application
}

#[tokio::test]
async fn staff_approve_for_a_board_without_account_only_with_a_reason_and_it_is_logged() {
    let w = world().await;
    let staff = w.session(Who::Programma).await;
    let e = apply(&w, eligible_school_of_y(&w).await).await;
    let detail = w.get(&format!("/programma/aanmeldingen/{}", e.id), staff.as_deref()).await;
    let action = format!("/programma/aanmeldingen/{}/namens-bestuur", e.id);
    assert!(detail.body.contains(&action), "board Y has no account: the form is offered");
    let v = e.version.to_string();
    let r = w.post_form(&action, staff.as_deref(), &[("reden", " "), ("version", &v)]).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("een reden waarom je namens het bestuur goedkeurt"), "{}", r.body);
    assert_eq!(ok(w.store().application(e.id).await).status, Status::WachtOpBestuur);
    let reason = "Bestuurder stemde per e-mail in op 12 november";
    let r = w.post_form(&action, staff.as_deref(), &[("reden", reason), ("version", &v)]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(ok(w.store().application(e.id).await).status, Status::Goedgekeurd);
    let audit = w
        .audit(AuditFilter {
            entity: Some(koers_app::store::AuditEntity::Application),
            entity_id: Some(e.id.to_string()),
            limit: 50,
            ..AuditFilter::default()
        })
        .await;
    assert_eq!(audit[0].action, "approved_for_board");
    assert_eq!(audit[0].actor_label, Who::Programma.email());
    assert!(audit[0].after.as_deref().unwrap_or_default().contains(reason), "{:?}", audit[0].after);
    let mails = ok(w.store().outbox(false, 0).await);
    assert!(mails.iter().any(|m| m.to_address == "contact@school.nl" && m.body_text.contains("namens het bestuur")));

    // Board X has an account: no form, and a forged post is refused in Dutch.
    let d = apply(&w, eligible_school(&w).await).await;
    let detail = w.get(&format!("/programma/aanmeldingen/{}", d.id), staff.as_deref()).await;
    let action = format!("/programma/aanmeldingen/{}/namens-bestuur", d.id);
    assert!(!detail.body.contains(&action));
    let v = d.version.to_string();
    let r = w.post_form(&action, staff.as_deref(), &[("reden", reason), ("version", &v)]).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("et bestuur heeft een account in Koers"), "{}", r.body);
    assert_eq!(ok(w.store().application(d.id).await).status, Status::WachtOpBestuur);
    // Nobody but programme staff (and beheerders) may.
    for who in [Who::Expert, Who::LeiderA, Who::BestuurderX] {
        let c = w.session(who).await;
        let r = w.post_form(&action, c.as_deref(), &[("reden", reason), ("version", &v)]).await;
        assert_eq!(r.status, 403, "{who:?}");
    }
}

#[tokio::test]
async fn the_board_home_lists_its_applications_and_links_to_the_board_form() {
    let w = world().await;
    let d = apply(&w, eligible_school(&w).await).await;
    let board = w.session(Who::BestuurderX).await;
    let home = w.get("/home", board.as_deref()).await;
    assert!(home.body.contains("Aanmeldingen van het bestuur"), "{}", home.body);
    assert!(home.body.contains(&format!("href=\"/aanmeldingen/{}\"", d.id)));
    assert!(home.body.contains(&format!("href=\"/aanmelden?bestuur={BOARD_X}\"")));
    let page = w.get(&format!("/bestuur/{BOARD_X}"), board.as_deref()).await;
    assert!(page.body.contains(&format!("href=\"/aanmelden?bestuur={BOARD_X}\"")), "{}", page.body);
    let form = w.get(&format!("/aanmelden?bestuur={BOARD_X}"), board.as_deref()).await;
    assert_eq!(form.status, 200);
    // Staff see the board page without the link (they cannot apply for a board).
    let staff = w.session(Who::Programma).await;
    let page = w.get(&format!("/bestuur/{BOARD_X}"), staff.as_deref()).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("href=\"/aanmelden?bestuur="));
    // Another board's member does not see board X's applications.
    let leider = w.session(Who::LeiderA).await;
    assert!(!w.get("/home", leider.as_deref()).await.body.contains("Aanmeldingen van het bestuur"));
}
