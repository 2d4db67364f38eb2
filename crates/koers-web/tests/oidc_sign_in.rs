//! Sign-in through an OpenID provider (issue 13): the account rules of
//! `koers_app::App::sign_in_external` (linking, requests, refusals), a first sign-in's account
//! request in the one queue programme staff decide, the password policy per role, and the pages' answers when the provider is down or a
//! state is unknown. The whole protocol against a real provider is the browser journey in
//! `crates/koers-cli/tests/oidc.rs`; the ID-token checks are unit tests in
//! `src/auth/oidc/tests.rs`.

mod auth_support;

use auth_support::{PASSWORD, Who, world};
use axum::http::StatusCode;
use koers_app::account_requests::RequestInput;
use koers_app::external::PendingIdentity;
use koers_app::external::{ExternalSignIn, NO_PASSWORD, SignInOutcome, Vouching};
use koers_app::store::{AuditFilter, RequestStatus, RequestSubject};
use koers_app::{Error, ExternalRefusal, LoginRefusal};
use koers_core::access::RoleKind;
use koers_core::ids::SchoolId;

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
    assert!(
        log.iter().any(|e| e.action == "link" && e.entity == koers_app::store::AuditEntity::ExternalIdentity),
        "{log:?}"
    );
    assert!(log.iter().any(|e| e.action == "login_external_refused"), "{log:?}");
}

/// The identity of a first sign-in, as the session keeps it for the request form.
fn may_request(r: koers_app::Result<SignInOutcome>) -> PendingIdentity {
    match r {
        Ok(SignInOutcome::MayRequest(p)) => p,
        other => panic!("expected the request form, got {other:?}"),
    }
}

fn request_input(p: PendingIdentity, school: i64, email: &str) -> RequestInput {
    RequestInput {
        subject: Some(RequestSubject::School(SchoolId::new(school))),
        name: "Nieuwe Collega".into(),
        email: email.into(),
        function_title: "intern begeleider".into(),
        password: String::new(),
        password_again: String::new(),
        locale: "nl".into(),
        identity: Some(p),
    }
}

#[tokio::test]
async fn an_unverified_or_missing_address_is_matched_to_nothing() {
    let w = world().await;
    let app = &w.state.app;
    // beheer@test.nl has an account; an address the provider does not vouch for never reaches it.
    let p = may_request(app.sign_in_external(&person("sub-x", "beheer@test.nl", Some(false)), 10).await);
    assert_eq!((p.email.as_str(), p.email_vouched), ("beheer@test.nl", false));
    let p = may_request(app.sign_in_external(&person("sub-x", "beheer@test.nl", None), 10).await);
    assert!(!p.email_vouched);
    let mut none = person("sub-x", "", Some(true));
    none.email = None;
    let p = may_request(app.sign_in_external(&none, 10).await);
    assert_eq!((p.email.as_str(), p.email_vouched), ("", false));
    assert!(w.store().external_identity("test-idp", "sub-x").await.is_err(), "nothing linked");
    // A provider configured to vouch for its addresses (SURFconext) links without the claim.
    let mut vouched = person("sub-x", "beheer@test.nl", None);
    vouched.vouching = Vouching::TrustAddresses;
    assert!(matches!(app.sign_in_external(&vouched, 10).await, Ok(SignInOutcome::SignedIn { .. })));
}

#[tokio::test]
async fn a_stranger_asks_through_the_account_request_flow_and_staff_approve_in_the_one_queue() {
    let w = world().await;
    let app = &w.state.app;
    let p = may_request(app.sign_in_external(&person("sub-nieuw", "Nieuw@School.test", Some(true)), 10).await);
    assert_eq!(
        (p.email.as_str(), p.email_vouched, p.organisation.as_str()),
        ("nieuw@school.test", true, "school.test")
    );
    // The same form as everyone's: a school is needed, a password is not.
    let mut no_school = request_input(p.clone(), w.ids.school_a, "nieuw@school.test");
    no_school.subject = None;
    let refused = app.request_account(&no_school, "http://koers.test", 11).await;
    assert!(
        matches!(&refused, Err(koers_app::Error::Invalid(f)) if f.iter().map(|e| e.field.as_str()).collect::<Vec<_>>() == ["school"]),
        "{refused:?}"
    );
    let input = request_input(p, w.ids.school_a, "nieuw@school.test");
    let req = app.request_account(&input, "http://koers.test", 12).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(req.status, RequestStatus::Bevestigd, "the provider vouched for the address: no link needed");
    assert_eq!(req.identity.as_ref().map(|i| i.organisation.as_str()), Some("school.test"));
    // Signing in again says the request is under way.
    let again = app.sign_in_external(&person("sub-nieuw", "nieuw@school.test", Some(true)), 20).await;
    assert!(matches!(again, Ok(SignInOutcome::Requested(ref r)) if r.id == req.id), "{again:?}");
    // Programme staff see it in the one queue, marked with the provider, and approve it.
    let staff = w.session(Who::Programma).await;
    let list = w.get("/programma/accountaanvragen", staff.as_deref()).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("nieuw@school.test") && list.body.contains("Test-IdP"), "{}", list.body);
    let detail = w.get(&format!("/programma/accountaanvragen/{}", req.id), staff.as_deref()).await;
    assert!(detail.body.contains("Test-IdP (organisatie: school.test)"), "{}", detail.body);
    let path = format!("/programma/accountaanvragen/{}/besluit", req.id);
    let version = req.version.to_string();
    let leider = w.session(Who::LeiderA).await;
    let form = [("besluit", "goedkeuren"), ("version", version.as_str())];
    assert_eq!(w.post_form(&path, leider.as_deref(), &form).await.status, StatusCode::FORBIDDEN);
    let done = w.post_form(&path, staff.as_deref(), &form).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let made = w.store().user_by_email("nieuw@school.test").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(made.password_hash, NO_PASSWORD, "signs in through the provider");
    let mails = w.store().outbox(false, 20).await.unwrap_or_default();
    assert!(
        mails.iter().any(|m| m.to_address == "nieuw@school.test" && m.body_text.contains("via je organisatie")),
        "{mails:?}"
    );
    // Deciding twice is a Dutch conflict, not a 500.
    let twice = w.post_form(&path, staff.as_deref(), &form).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    // The person now signs in, with the role the request was for.
    let now_in = app.sign_in_external(&person("sub-nieuw", "nieuw@school.test", Some(true)), 30).await;
    let Ok(SignInOutcome::SignedIn { user, principal, .. }) = now_in else { panic!("{now_in:?}") };
    assert_eq!(user.id, made.id);
    assert!(principal.grants.iter().any(|g| g.role == RoleKind::Schoolleider), "{principal:?}");
    // …and cannot log in with a password (there is none).
    assert!(w.login_raw("nieuw@school.test", "!").await.status.is_client_error());
}

#[tokio::test]
async fn an_unvouched_address_is_confirmed_by_link_and_a_declined_request_may_ask_again() {
    let w = world().await;
    let app = &w.state.app;
    let p = may_request(app.sign_in_external(&person("sub-weg", "weg@school.test", Some(false)), 10).await);
    let req = app
        .request_account(&request_input(p, w.ids.school_b, "weg@school.test"), "http://koers.test", 11)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(req.status, RequestStatus::Onbevestigd, "confirmed by the e-mail link like every request");
    let mails = w.store().outbox(false, 20).await.unwrap_or_default();
    assert!(
        mails
            .iter()
            .any(|m| m.to_address == "weg@school.test" && m.body_text.contains("/account-aanvragen/bevestigen/"))
    );
    let waiting = app.sign_in_external(&person("sub-weg", "weg@school.test", Some(false)), 12).await;
    assert!(matches!(waiting, Ok(SignInOutcome::Requested(ref r)) if r.status == RequestStatus::Onbevestigd));
    // Staff decline it; the person may ask again (as anyone may after a refusal).
    let confirmed = w.store().confirm_account_request(req.id, 13, &koers_app::store::Actor::system("test")).await;
    let confirmed = confirmed.unwrap_or_else(|e| panic!("{e}"));
    let staff = w.session(Who::Programma).await;
    let version = confirmed.version.to_string();
    let r = w
        .post_form(
            &format!("/programma/accountaanvragen/{}/besluit", req.id),
            staff.as_deref(),
            &[("besluit", "afwijzen"), ("reden", "onbekend bij de school"), ("version", version.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(w.store().user_by_email("weg@school.test").await.is_err());
    may_request(app.sign_in_external(&person("sub-weg", "weg@school.test", Some(false)), 20).await);
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
    let state = w.state.clone().with_app(app);
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
