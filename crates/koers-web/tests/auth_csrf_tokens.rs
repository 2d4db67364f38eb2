//! CSRF refusal, sessions ended by a password change or deactivation, and API tokens.

mod auth_support;

use auth_support::{HOST, PASSWORD, Who, browser, form_body, world};
use axum::body::Body;
use axum::http::StatusCode;
use koers_app::store::AuditFilter;
use koers_core::ids::{SchoolId, UserId};

fn school_form(name: &str, version: i64) -> String {
    form_body(&[
        ("naam", name),
        ("plaats", "Zwolle"),
        ("website", ""),
        ("schoolweging", "31,47"),
        ("version", &version.to_string()),
    ])
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_change_nothing() {
    let w = world().await;
    let a = w.ids.school_a;
    let cookie = w.session(Who::LeiderA).await.unwrap_or_default();
    let version = w.store().school(SchoolId::new(a)).await.map(|s| s.version).unwrap_or_default();
    let uri = format!("/mijn-school/{a}");
    let attempts = [
        vec![("sec-fetch-site", "cross-site".to_owned())],
        vec![("origin", "https://evil.example".to_owned())],
        vec![("sec-fetch-site", "same-site".to_owned()), ("origin", format!("http://sub.{HOST}"))],
    ];
    for headers in attempts {
        let mut req = axum::http::Request::post(&uri)
            .header("host", HOST)
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded");
        for (k, v) in &headers {
            req = req.header(*k, v);
        }
        let r =
            w.send(req.body(Body::from(school_form("Overgenomen", version))).unwrap_or_else(|e| panic!("{e}"))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert!(r.body.contains("<html"), "rendered as an error page");
    }
    assert_eq!(w.store().school(SchoolId::new(a)).await.map(|s| s.name).unwrap_or_default(), "School A");
    // Login itself is protected too (login CSRF).
    let login = axum::http::Request::post("/inloggen")
        .header("host", HOST)
        .header("sec-fetch-site", "cross-site")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(form_body(&[("email", Who::Expert.email()), ("wachtwoord", PASSWORD)])))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(w.send(login).await.status, StatusCode::FORBIDDEN);
    // A cross-site GET (a link) works; the same-origin POST goes through.
    let get = axum::http::Request::get(&uri)
        .header("host", HOST)
        .header("cookie", &cookie)
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(w.send(get).await.status, StatusCode::OK);
    let ok = browser("POST", &uri, Some(&cookie))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(school_form("School A (nieuw)", version)))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(w.send(ok).await.status, StatusCode::SEE_OTHER);
    assert_eq!(w.store().school(SchoolId::new(a)).await.map(|s| s.name).unwrap_or_default(), "School A (nieuw)");
}

#[tokio::test]
async fn a_new_password_ends_the_other_sessions_of_that_user() {
    let w = world().await;
    let leader = w.session(Who::LeiderA).await.unwrap_or_default();
    let admin = w.session(Who::Beheerder).await.unwrap_or_default();
    let uid = w.user_id(Who::LeiderA).await;
    let version = w.store().user(UserId::new(uid)).await.map(|u| u.version).unwrap_or_default().to_string();
    let pairs = [
        ("naam", "Sam Schoolleider"),
        ("actief", "1"),
        ("taal", "nl"),
        ("wachtwoord", "een-heel-nieuw-wachtwoord"),
        ("version", version.as_str()),
    ];
    let r = w.post_form(&format!("/beheer/gebruikers/{uid}"), Some(&admin), &pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(w.get("/home", Some(&leader)).await.status, StatusCode::SEE_OTHER, "old session still valid");
    assert_eq!(w.login_raw(Who::LeiderA.email(), PASSWORD).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(w.login_raw(Who::LeiderA.email(), "een-heel-nieuw-wachtwoord").await.status, StatusCode::SEE_OTHER);
    // The beheerder's own session is untouched.
    assert_eq!(w.get("/beheer/gebruikers", Some(&admin)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_deactivated_user_is_logged_out_on_the_next_request() {
    let w = world().await;
    let expert = w.session(Who::Expert).await.unwrap_or_default();
    let admin = w.session(Who::Beheerder).await.unwrap_or_default();
    let uid = w.user_id(Who::Expert).await;
    let version = w.store().user(UserId::new(uid)).await.map(|u| u.version).unwrap_or_default().to_string();
    let pairs = [("naam", "Esther Expert"), ("taal", "nl"), ("wachtwoord", ""), ("version", version.as_str())];
    let r = w.post_form(&format!("/beheer/gebruikers/{uid}"), Some(&admin), &pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(w.get("/home", Some(&expert)).await.status, StatusCode::SEE_OTHER);
    let again = w.login_raw(Who::Expert.email(), PASSWORD).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("niet actief"), "{}", again.body);
}

fn token_in(body: &str) -> String {
    let start = body.find("koers_").unwrap_or_else(|| panic!("no token in page: {body}"));
    body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

#[tokio::test]
async fn api_tokens_are_shown_once_work_as_bearer_and_can_be_revoked() {
    let w = world().await;
    let cookie = w.session(Who::LeiderA).await.unwrap_or_default();
    let empty = w.post_form("/account/tokens", Some(&cookie), &[("naam", " ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Geef het token een naam"));
    let made = w.post_form("/account/tokens", Some(&cookie), &[("naam", "rapportage-script")]).await;
    assert_eq!(made.status, StatusCode::OK);
    assert_eq!(made.header("cache-control"), "no-store");
    let token = token_in(&made.body);
    assert_eq!(token.len(), "koers_".len() + 64);
    let list = w.get("/account/tokens", Some(&cookie)).await;
    assert!(list.body.contains("rapportage-script") && !list.body.contains(&token), "shown once only");

    let me = |t: String| {
        axum::http::Request::get("/api/v1/me")
            .header("authorization", format!("Bearer {t}"))
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let r = w.send(me(token.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let j = r.json();
    assert_eq!(j["email"], "leider-a@test.nl");
    assert_eq!(j["grants"][0]["role"], "schoolleider");
    assert_eq!(j["grants"][0]["scope_id"], w.ids.school_a.to_string());
    let uid = w.user_id(Who::LeiderA).await;
    let log = w.audit(AuditFilter { actor_user_id: Some(UserId::new(uid)), limit: 20, ..Default::default() }).await;
    assert!(log.iter().any(|e| e.action == "token_use"), "{log:?}");
    assert!(log.iter().any(|e| e.entity == koers_app::store::AuditEntity::ApiToken), "creation audited: {log:?}");

    let bad = w.send(me("koers_onzin".into())).await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert_eq!(bad.header("www-authenticate"), "Bearer");
    assert!(bad.json()["errors"].is_array());

    let id = w.store().api_tokens_of_user(UserId::new(uid)).await.unwrap_or_default()[0].id;
    let other = w.session(Who::BestuurderX).await.unwrap_or_default();
    let steal = w.post_form(&format!("/account/tokens/{id}/intrekken"), Some(&other), &[]).await;
    assert_eq!(steal.status, StatusCode::NOT_FOUND, "someone else's token");
    assert_eq!(w.send(me(token.clone())).await.status, StatusCode::OK);
    let revoke = w.post_form(&format!("/account/tokens/{id}/intrekken"), Some(&cookie), &[]).await;
    assert_eq!(revoke.status, StatusCode::SEE_OTHER);
    assert_eq!(w.send(me(token)).await.status, StatusCode::UNAUTHORIZED);
    assert!(w.get("/account/tokens", Some(&cookie)).await.body.contains("Ingetrokken"));
}

#[tokio::test]
async fn the_openapi_spec_lists_the_me_endpoint_with_bearer_security() {
    let w = world().await;
    let spec = w.get("/api/openapi.json", None).await.json();
    let me = &spec["paths"]["/api/v1/me"]["get"];
    assert!(me.is_object(), "{spec}");
    assert!(me["security"][0]["bearer"].is_array());
    assert!(me["responses"]["401"].is_object());
}
