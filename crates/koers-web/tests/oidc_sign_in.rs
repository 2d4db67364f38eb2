//! Sign-in through an OpenID provider (issue 13): the account rules of
//! `koers_app::App::sign_in_external` (linking, requests, refusals), the beheerder's request
//! page, the password policy per role, and the pages' answers when the provider is down or a
//! state is unknown. The whole protocol against a real provider is the browser journey in
//! `crates/koers-cli/tests/oidc.rs`; the ID-token checks are unit tests in
//! `src/auth/oidc/tests.rs`.

mod auth_support;

use auth_support::{PASSWORD, Who, world};
use axum::http::StatusCode;
use koers_app::external::{ExternalSignIn, NO_PASSWORD, SignInOutcome, Vouching};
use koers_app::store::{AuditFilter, SignInRequestStatus};
use koers_app::{Error, ExternalRefusal, LoginRefusal};
use koers_core::access::RoleKind;

fn person(subject: &str, email: &str, verified: Option<bool>) -> ExternalSignIn {
    ExternalSignIn {
        provider: "test-idp".into(),
        subject: subject.into(),
        email: Some(email.into()),
        email_verified: verified,
        vouching: Vouching::ClaimOnly,
        name: Some("Nieuwe Collega".into()),
        organisation: Some("school.test".into()),
    }
}

#[tokio::test]
async fn the_login_page_offers_the_provider_and_a_provider_that_is_down_gives_a_dutch_message() {
    let w = world().await;
    let page = w.get("/inloggen?volgende=%2Fbeheer%2Faudit", None).await;
    assert!(page.body.contains("Inloggen via Test-IdP"), "{}", page.body);
    assert!(page.body.contains("href=\"/inloggen/oidc/test-idp?volgende=%2Fbeheer%2Faudit\""), "{}", page.body);
    let down = w.get("/inloggen/oidc/test-idp", None).await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(down.body.contains("niet bereikbaar"), "{}", down.body);
    assert!(down.body.contains("id=\"login-email\""), "the password form stays: {}", down.body);
    assert_eq!(w.get("/inloggen/oidc/onbekend", None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_return_without_a_started_attempt_is_refused_in_dutch() {
    let w = world().await;
    let r = w.get("/inloggen/oidc/test-idp/terug?code=abc&state=geraden", None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("verlopen of al gebruikt"), "{}", r.body);
    assert!(r.session_cookie().is_none() || !r.body.contains("Uitloggen"), "nobody is logged in");
}

#[tokio::test]
async fn a_verified_address_links_the_existing_account_and_tells_its_owner() {
    let w = world().await;
    let app = &w.state.app;
    let first = app.sign_in_external(&person("sub-leider", "Leider-A@test.nl", Some(true)), 10).await;
    let Ok(SignInOutcome::SignedIn { user, linked_now, .. }) = first else { panic!("{first:?}") };
    assert_eq!(user.email, "leider-a@test.nl");
    assert!(linked_now);
    let mails = w.store().outbox(false, 10).await.unwrap_or_default();
    assert!(
        mails.iter().any(|m| m.to_address == "leider-a@test.nl" && m.subject.contains("inlogmethode")),
        "{mails:?}"
    );
    // Later sign-ins match the (provider, subject) pair, whatever the address says now.
    let mut moved = person("sub-leider", "elders@other.test", Some(false));
    moved.name = None;
    let again = app.sign_in_external(&moved, 20).await;
    assert!(
        matches!(again, Ok(SignInOutcome::SignedIn { ref user, linked_now: false, .. }) if user.email == "leider-a@test.nl"),
        "{again:?}"
    );
    // Someone else at the provider with the same address takes nothing over.
    let other = app.sign_in_external(&person("sub-iemand-anders", "leider-a@test.nl", Some(true)), 30).await;
    assert!(matches!(other, Err(Error::External(ExternalRefusal::LinkedToOther))), "{other:?}");
    let log = w.audit(AuditFilter { limit: 50, ..Default::default() }).await;
    assert!(log.iter().any(|e| e.action == "link" && e.entity == "external_identity"), "{log:?}");
    assert!(log.iter().any(|e| e.action == "login_external_refused"), "{log:?}");
}

#[tokio::test]
async fn an_unverified_or_missing_address_is_matched_to_nothing() {
    let w = world().await;
    let app = &w.state.app;
    let r = app.sign_in_external(&person("sub-x", "beheer@test.nl", Some(false)), 10).await;
    assert!(matches!(r, Err(Error::External(ExternalRefusal::EmailUnverified))), "{r:?}");
    let r = app.sign_in_external(&person("sub-x", "beheer@test.nl", None), 10).await;
    assert!(matches!(r, Err(Error::External(ExternalRefusal::EmailUnverified))), "{r:?}");
    let mut none = person("sub-x", "", Some(true));
    none.email = None;
    let r = app.sign_in_external(&none, 10).await;
    assert!(matches!(r, Err(Error::External(ExternalRefusal::NoEmail))), "{r:?}");
    assert!(w.store().external_identity("test-idp", "sub-x").await.is_err(), "nothing linked");
    assert!(w.store().sign_in_requests(false).await.unwrap_or_default().is_empty(), "no request either");
    // A provider configured to vouch for its addresses (SURFconext) links without the claim.
    let mut vouched = person("sub-x", "beheer@test.nl", None);
    vouched.vouching = Vouching::TrustAddresses;
    assert!(matches!(app.sign_in_external(&vouched, 10).await, Ok(SignInOutcome::SignedIn { .. })));
}

#[tokio::test]
async fn a_stranger_becomes_an_account_request_that_the_beheerder_approves() {
    let w = world().await;
    let app = &w.state.app;
    let r = app.sign_in_external(&person("sub-nieuw", "nieuw@school.test", Some(true)), 10).await;
    let Ok(SignInOutcome::Requested(req)) = r else { panic!("{r:?}") };
    assert_eq!((req.status, req.organisation.as_str()), (SignInRequestStatus::Open, "school.test"));
    // Signing in again finds the same open request.
    let again = app.sign_in_external(&person("sub-nieuw", "nieuw@school.test", Some(true)), 20).await;
    assert!(matches!(again, Ok(SignInOutcome::Requested(ref r)) if r.id == req.id), "{again:?}");
    // Only a beheerder sees and decides it.
    let beheer = w.session(Who::Beheerder).await;
    let list = w.get("/beheer/accountaanvragen", beheer.as_deref()).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("nieuw@school.test") && list.body.contains("Test-IdP"), "{}", list.body);
    let home = w.get("/home", beheer.as_deref()).await;
    assert!(home.body.contains("href=\"/beheer/accountaanvragen\""), "reachable from the beheerder's home");
    let leider = w.session(Who::LeiderA).await;
    let path = format!("/beheer/accountaanvragen/{}/goedkeuren", req.id);
    assert_eq!(w.post_form(&path, leider.as_deref(), &[]).await.status, StatusCode::FORBIDDEN);
    let done = w.post_form(&path, beheer.as_deref(), &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let made = w.store().user_by_email("nieuw@school.test").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(done.location(), format!("/beheer/gebruikers/{}", made.id), "on to give it a role");
    assert_eq!(made.password_hash, NO_PASSWORD, "no password until someone sets one");
    // Deciding twice is a Dutch conflict, not a 500.
    let twice = w.post_form(&path, beheer.as_deref(), &[]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(twice.body.contains("al afgehandeld"), "{}", twice.body);
    // The person now signs in.
    let now_in = app.sign_in_external(&person("sub-nieuw", "nieuw@school.test", Some(true)), 30).await;
    assert!(matches!(now_in, Ok(SignInOutcome::SignedIn { ref user, .. }) if user.id == made.id), "{now_in:?}");
    // …and cannot log in with a password (there is none).
    assert!(w.login_raw("nieuw@school.test", "!").await.status.is_client_error());
}

#[tokio::test]
async fn a_declined_request_stays_declined() {
    let w = world().await;
    let app = &w.state.app;
    let Ok(SignInOutcome::Requested(req)) =
        app.sign_in_external(&person("sub-weg", "weg@school.test", Some(true)), 10).await
    else {
        panic!("no request")
    };
    let beheer = w.session(Who::Beheerder).await;
    let r = w.post_form(&format!("/beheer/accountaanvragen/{}/afwijzen", req.id), beheer.as_deref(), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let again = app.sign_in_external(&person("sub-weg", "weg@school.test", Some(true)), 20).await;
    assert!(matches!(again, Err(Error::External(ExternalRefusal::Declined))), "{again:?}");
    assert!(w.store().user_by_email("weg@school.test").await.is_err());
}

#[tokio::test]
async fn a_deactivated_account_does_not_sign_in_through_its_provider() {
    let w = world().await;
    let app = &w.state.app;
    assert!(app.sign_in_external(&person("sub-exp", "expert@test.nl", Some(true)), 10).await.is_ok());
    let user = w.store().user_by_email("expert@test.nl").await.unwrap_or_else(|e| panic!("{e}"));
    let actor = koers_app::store::Actor::system("test");
    let update = koers_app::store::UserUpdate { active: Some(false), ..Default::default() };
    app.update_user(user.id, user.version, &update, &actor, 15).await.unwrap_or_else(|e| panic!("{e}"));
    let r = app.sign_in_external(&person("sub-exp", "expert@test.nl", Some(true)), 20).await;
    assert!(matches!(r, Err(Error::Login(LoginRefusal::Inactive))), "{r:?}");
}

#[tokio::test]
async fn password_login_can_be_switched_off_per_role() {
    let w = world().await;
    let app = w.state.app.clone().with_password_off(&[RoleKind::Schoolleider]);
    let r = app.authenticate("leider-a@test.nl", PASSWORD, 10).await;
    assert!(matches!(r, Err(Error::Login(LoginRefusal::PasswordOff))), "{:?}", r.map(|_| ()));
    assert!(app.authenticate("beheer@test.nl", PASSWORD, 10).await.is_ok(), "other roles still can");
    // Through the page: a Dutch message and no session.
    let state = w.state.clone();
    let state = koers_web::AppState { app, ..state };
    let router = koers_web::router(state);
    let req = auth_support::browser("POST", "/inloggen", None)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(auth_support::form_body(&[
            ("email", "leider-a@test.nl"),
            ("wachtwoord", PASSWORD),
        ])))
        .unwrap_or_else(|e| panic!("{e}"));
    let res = tower::ServiceExt::oneshot(router, req).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let body = http_body_util::BodyExt::collect(res.into_body()).await.map(|b| b.to_bytes()).unwrap_or_default();
    assert!(String::from_utf8_lossy(&body).contains("staat uit voor jouw rol"));
}
