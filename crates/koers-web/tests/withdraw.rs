//! A schoolleider withdraws their application (`POST /aanmeldingen/{id}/intrekken`) with a
//! reason, while its status allows it; others cannot.

mod auth_support;

use auth_support::{PASSWORD, Who, eligible_school, password_hash, world};
use koers_app::applications::ApplicationInput;
use koers_app::store::{Actor, NewUser};
use koers_core::access::{Grant, RoleKind, Scope};
use koers_core::ids::SchoolId;
use koers_core::workflow::Status;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn a_schoolleider_withdraws_their_application_with_a_reason() {
    let w = world().await;
    let d = eligible_school(&w).await;
    let input = ApplicationInput {
        own_calculation: None,
        programme_id: "gwgb-plus-school".into(),
        school_id: Some(SchoolId::new(d)),
        board_number: None,
        contact_name: "Dana Directeur".into(),
        contact_email: "contact@school-d.nl".into(),
        contact_phone: None,
        help_question: "Beter leesonderwijs.".into(),
        entry_facts_json: None,
    };
    let actor = Actor::system("test");
    let a = ok(w.state.app.submit_application(&input, None, &actor, koers_web::auth::now(), "http://koers.test").await)
        .application;
    let new = NewUser {
        email: koers_core::email::Email::parse("leider-d@test.nl").unwrap_or_else(|e| panic!("{e}")),
        name: "Lot Leider".into(),
        password_hash: password_hash(),
        locale: "nl".into(),
    };
    let u = ok(w.store().create_user(&new, &actor, 1).await);
    ok(w.store()
        .add_grant(u.id, &ok(Grant::new(RoleKind::Schoolleider, Scope::School(SchoolId::new(d)))), &actor, 1)
        .await);
    let leader = w.login_raw("leider-d@test.nl", PASSWORD).await.session_cookie().unwrap_or_default();
    let (page_url, url) = (format!("/aanmeldingen/{}", a.id), format!("/aanmeldingen/{}/intrekken", a.id));

    let page = w.get(&page_url, Some(&leader)).await;
    assert!(page.body.contains(&format!("action=\"{url}\"")), "the leader sees the button: {}", page.body);
    let version = a.version.to_string();
    // Staff view it but do not withdraw for the school; another school's leader has no access.
    for who in [Who::Programma, Who::LeiderA] {
        let c = w.session(who).await;
        let r = w.post_form(&url, c.as_deref(), &[("reden", "weg"), ("versie", &version)]).await;
        assert_eq!(r.status, 403, "{who:?}");
    }
    let empty = w.post_form(&url, Some(&leader), &[("reden", " "), ("versie", &version)]).await;
    assert_eq!(empty.status, 422, "{}", empty.body);
    assert!(empty.body.contains("Geef een reden voor het intrekken"), "{}", empty.body);

    let done = w.post_form(&url, Some(&leader), &[("reden", "We lossen het zelf op"), ("versie", &version)]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let now = ok(w.store().application(a.id).await);
    assert_eq!(now.status, Status::Ingetrokken);
    let page = w.get(&page_url, Some(&leader)).await;
    assert!(page.body.contains("We lossen het zelf op"), "{}", page.body);
    assert!(!page.body.contains(&format!("action=\"{url}\"")), "no button once withdrawn");
    let again = w.post_form(&url, Some(&leader), &[("reden", "nogmaals"), ("versie", &version)]).await;
    assert_eq!(again.status, 409, "{}", again.body);
}
