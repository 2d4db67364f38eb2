//! Login, logout, session cookies, session fixation, throttling and the login redirect.

mod auth_support;

use auth_support::{PASSWORD, Who, test_config, world, world_with};
use axum::http::StatusCode;
use koers_app::store::AuditFilter;
use koers_core::ids::UserId;
use koers_web::WebConfig;

#[tokio::test]
async fn a_good_login_leads_to_the_role_home_with_a_safe_session_cookie() {
    let w = world().await;
    let r = w.login_raw("Leider-A@Test.nl ", PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/home");
    let set = r.set_cookie_header();
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("SameSite=Lax"), "{set}");
    assert!(set.contains("Path=/"), "{set}");
    assert!(!set.contains("Secure"), "plain http in tests: {set}");
    let cookie = r.session_cookie().unwrap_or_default();
    let home = w.get("/home", Some(&cookie)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Sam Schoolleider"), "{}", home.body);
    assert!(home.body.contains("School A"));
    // The login is audited.
    let log = w
        .audit(AuditFilter { entity: Some(koers_app::store::AuditEntity::Session), limit: 10, ..Default::default() })
        .await;
    assert!(log.iter().any(|e| e.action == "login" && e.actor_label == "leider-a@test.nl"), "{log:?}");
}

#[tokio::test]
async fn the_cookie_is_secure_when_configured() {
    let w =
        world_with(WebConfig { secure_cookies: true, base_url: "https://koers.test".into(), ..test_config() }).await;
    let r = w.login_raw(Who::Beheerder.email(), PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.set_cookie_header().contains("Secure"), "{}", r.set_cookie_header());
}

#[tokio::test]
async fn a_wrong_password_shows_a_dutch_error_and_keeps_the_email_but_not_the_password() {
    let w = world().await;
    let r = w.login_raw(Who::Expert.email(), "geheim-fout-wachtwoord").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("E-mailadres of wachtwoord klopt niet."), "{}", r.body);
    assert!(r.body.contains("value=\"expert@test.nl\""), "{}", r.body);
    assert!(!r.body.contains("geheim-fout-wachtwoord"));
    assert!(r.session_cookie().is_none());
    let empty = w.post_form("/inloggen", None, &[("email", ""), ("wachtwoord", "")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Vul je e-mailadres in.") && empty.body.contains("Vul je wachtwoord in."));
    assert!(empty.body.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn the_sixth_attempt_is_refused_even_with_the_right_password() {
    let w = world().await;
    for _ in 0..5 {
        let r = w.login_raw(Who::Programma.email(), "niet-het-goede-wachtwoord").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let r = w.login_raw(Who::Programma.email(), PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert!(r.body.contains("Te veel mislukte pogingen; probeer het over 15 minuten opnieuw."), "{}", r.body);
    assert!(r.session_cookie().is_none());
    // Another account is not affected.
    assert_eq!(w.login_raw(Who::Expert.email(), PASSWORD).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn anonymous_pages_redirect_to_login_and_back_only_to_local_paths() {
    let w = world().await;
    let r = w.get("/beheer/audit?pagina=2", None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/inloggen?volgende=%2Fbeheer%2Faudit%3Fpagina%3D2");
    let form = w.get(r.location(), None).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("action=\"/inloggen?volgende=%2Fbeheer%2Faudit%3Fpagina%3D2\""), "{}", form.body);
    let pairs = [("email", Who::Beheerder.email()), ("wachtwoord", PASSWORD)];
    let back = w.post_form("/inloggen?volgende=%2Fbeheer%2Faudit%3Fpagina%3D2", None, &pairs).await;
    assert_eq!(back.location(), "/beheer/audit?pagina=2");
    for evil in ["%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example"] {
        let r = w.post_form(&format!("/inloggen?volgende={evil}"), None, &pairs).await;
        assert_eq!(r.location(), "/home", "{evil}");
    }
    // The API answers 401 with the envelope instead of redirecting.
    let api = w.get("/api/v1/me", None).await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
    assert!(api.json()["errors"][0]["detail"].is_string());
}

#[tokio::test]
async fn logout_deletes_the_session_server_side_and_is_audited() {
    let w = world().await;
    let cookie = w.session(Who::BestuurderX).await.unwrap_or_default();
    assert_eq!(w.get("/home", Some(&cookie)).await.status, StatusCode::OK);
    let id = cookie.trim_start_matches("koers_sessie=").to_owned();
    assert!(w.store().session_load(&id, 0).await.ok().flatten().is_some());
    let out = w.post_form("/uitloggen", Some(&cookie), &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.location(), "/");
    assert!(w.store().session_load(&id, 0).await.ok().flatten().is_none(), "session row still there");
    // Replaying the old cookie no longer works.
    let replay = w.get("/home", Some(&cookie)).await;
    assert_eq!(replay.status, StatusCode::SEE_OTHER);
    assert!(replay.location().starts_with("/inloggen"));
    let uid = w.user_id(Who::BestuurderX).await;
    let log = w.audit(AuditFilter { actor_user_id: Some(UserId::new(uid)), limit: 10, ..Default::default() }).await;
    assert!(log.iter().any(|e| e.action == "logout"), "{log:?}");
}

#[tokio::test]
async fn login_always_gives_a_new_session_id() {
    let w = world().await;
    // A planted, well-formed id the store does not know.
    let planted = "koers_sessie=AAAAAAAAAAAAAAAAAAAAAA";
    let req = auth_support::browser("POST", "/inloggen", Some(planted))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(auth_support::form_body(&[
            ("email", Who::Expert.email()),
            ("wachtwoord", PASSWORD),
        ])))
        .unwrap_or_else(|e| panic!("{e}"));
    let r = w.send(req).await;
    let first = r.session_cookie().unwrap_or_default();
    assert!(!first.is_empty() && first != planted, "{first}");
    // Logging in again over a logged-in session (e.g. one planted by an attacker) cycles too.
    let req = auth_support::browser("POST", "/inloggen", Some(&first))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(auth_support::form_body(&[
            ("email", Who::LeiderA.email()),
            ("wachtwoord", PASSWORD),
        ])))
        .unwrap_or_else(|e| panic!("{e}"));
    let r = w.send(req).await;
    let second = r.session_cookie().unwrap_or_default();
    assert!(!second.is_empty() && second != first);
    assert_eq!(w.get("/home", Some(&first)).await.status, StatusCode::SEE_OTHER, "the old id is dead");
    assert!(w.get("/home", Some(&second)).await.body.contains("Sam Schoolleider"));
}

#[tokio::test]
async fn a_logged_in_user_sees_their_name_and_a_logout_button() {
    let w = world().await;
    let cookie = w.session(Who::Beheerder).await;
    let r = w.get("/", cookie.as_deref()).await;
    assert!(r.body.contains("Ingelogd als Bea Beheer"), "{}", r.body);
    assert!(r.body.contains("action=\"/uitloggen\""));
    assert!(r.body.contains("href=\"/beheer/gebruikers\""));
    let anon = w.get("/", None).await;
    assert!(anon.body.contains("href=\"/inloggen\"") && !anon.body.contains("/uitloggen"));
    assert!(anon.session_cookie().is_none(), "no session for anonymous visitors");
}

#[tokio::test]
async fn sessions_expire_after_eight_idle_hours_and_expired_rows_are_cleaned_up() {
    use axum_login::tower_sessions::session_store::ExpiredDeletion;
    use koers_app::store::SessionRecord;
    use koers_web::auth::session_store::DbSessionStore;

    let w = world().await;
    let r = w.login_raw(Who::Expert.email(), PASSWORD).await;
    assert!(r.set_cookie_header().contains("Max-Age=28800"), "{}", r.set_cookie_header());
    let cookie = r.session_cookie().unwrap_or_default();
    let id = cookie.trim_start_matches("koers_sessie=");
    let row = w.store().session_load(id, 0).await.ok().flatten().unwrap_or_else(|| panic!("no session row"));
    let now = koers_web::auth::now();
    assert!((row.expires_at - (now + 8 * 3600)).abs() < 60, "expires {} vs now {now}", row.expires_at);
    // An expired row is neither served nor kept.
    let stale = SessionRecord { id: "verlopen".into(), data: b"{}".to_vec(), expires_at: now - 1 };
    w.store().session_save(&stale).await.unwrap_or_else(|e| panic!("{e}"));
    DbSessionStore::new(w.state.app.clone()).delete_expired().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(w.store().session_load("verlopen", 0).await.ok().flatten().is_none());
    assert!(w.store().session_load(id, 0).await.ok().flatten().is_some(), "live session kept");
    // A session whose stored expiry has passed no longer logs in.
    let expired = SessionRecord { expires_at: now - 1, ..row };
    w.store().session_save(&expired).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(w.get("/home", Some(&cookie)).await.status, StatusCode::SEE_OTHER);
}
