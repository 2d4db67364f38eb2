//! Getting in (issue 10 §5), in-process against SQLite: an account request confirmed by its
//! e-mail link and decided by programme staff, the password reset by e-mail link, every refusal
//! and bad input with a Dutch message, and who may do what (including staff of two programmes).

mod auth_support;

use auth_support::{PASSWORD, Who, World, world};
use axum::http::StatusCode;
use koers_app::accounts::NewUserInput;
use koers_app::store::{Actor, OutboxMail, RequestStatus};
use koers_core::access::{Grant, RoleKind, Scope};
use std::time::Instant;

const NEW_PASSWORD: &str = "nieuw-wachtwoord-2026";

async fn mails_to(w: &World, to: &str) -> Vec<OutboxMail> {
    let all = w.store().outbox(false, 0).await.unwrap_or_else(|e| panic!("{e}"));
    all.into_iter().filter(|m| m.to_address == to).collect()
}

/// The token of the first `http://koers.test{prefix}…` link in the newest mail to `to`.
async fn link_token(w: &World, to: &str, prefix: &str) -> String {
    let mails = mails_to(w, to).await;
    let mail = mails.first().unwrap_or_else(|| panic!("no mail to {to}"));
    let needle = format!("http://koers.test{prefix}");
    let at = mail.body_text.find(&needle).unwrap_or_else(|| panic!("no {needle} in {}", mail.body_text));
    mail.body_text[at + needle.len()..].chars().take_while(char::is_ascii_hexdigit).collect()
}

fn request_form<'a>(email: &'a str, password: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("naam", "Sam de Vries"),
        ("email", email),
        ("functie", "directeur"),
        ("wachtwoord", password),
        ("wachtwoord_herhaling", password),
    ]
}

/// A confirmed request by `email` for school A; returns the request's id.
async fn confirmed_request(w: &World, email: &str) -> i64 {
    let a = w.ids.school_a;
    let r = w.post_form(&format!("/account-aanvragen?school={a}"), None, &request_form(email, NEW_PASSWORD)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let token = link_token(w, email, "/account-aanvragen/bevestigen/").await;
    let r = w.post_form(&format!("/account-aanvragen/bevestigen/{token}"), None, &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let all = w.store().account_requests(Some(RequestStatus::Bevestigd)).await.unwrap_or_else(|e| panic!("{e}"));
    all.iter().find(|r| r.email == email).map(|r| r.id.get()).unwrap_or_else(|| panic!("no request of {email}"))
}

#[tokio::test]
async fn a_request_is_confirmed_by_its_link_then_approved_by_staff_and_the_account_works() {
    let w = world().await;
    let a = w.ids.school_a;
    // Reachable by clicking: login page → request page → search → the school's form.
    let login = w.get("/inloggen", None).await;
    assert!(login.body.contains("href=\"/account-aanvragen\"") && login.body.contains("href=\"/wachtwoord-vergeten\""));
    let search = w.get("/account-aanvragen?q=School+A", None).await;
    assert!(search.body.contains(&format!("href=\"/account-aanvragen?school={a}\"")), "{}", search.body);
    assert!(search.body.contains("href=\"/account-aanvragen?bestuur=41646\""), "the board is offered too");
    let form = w.get(&format!("/account-aanvragen?school={a}"), None).await;
    assert!(form.body.contains("schoolleider van School A"), "{}", form.body);

    let email = "sam@school-a.nl";
    let r = w.post_form(&format!("/account-aanvragen?school={a}"), None, &request_form(email, NEW_PASSWORD)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Kijk in je mailbox") && r.body.contains(email));
    let token = link_token(&w, email, "/account-aanvragen/bevestigen/").await;
    assert_eq!(token.len(), 64);
    // Not confirmed yet: staff do not see it in the queue; the GET changes nothing.
    let page = w.get(&format!("/account-aanvragen/bevestigen/{token}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("School A") && page.body.contains(email));
    let confirmed = w.post_form(&format!("/account-aanvragen/bevestigen/{token}"), None, &[]).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert!(confirmed.body.contains("Aanvraag bevestigd"));
    let again = w.post_form(&format!("/account-aanvragen/bevestigen/{token}"), None, &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "the link works once");
    assert!(again.body.contains("al gebruikt"));

    // Staff: home → queue → detail (school and requester) → approve.
    let staff = w.session(Who::Programma).await;
    let home = w.get("/home", staff.as_deref()).await;
    assert!(home.body.contains("href=\"/programma/accountaanvragen\""));
    let queue = w.get("/programma/accountaanvragen", staff.as_deref()).await;
    assert!(queue.body.contains("Sam de Vries") && queue.body.contains("School A"), "{}", queue.body);
    let requests = w.store().account_requests(Some(RequestStatus::Bevestigd)).await.unwrap_or_default();
    let (id, version) = (requests[0].id.get(), requests[0].version);
    let detail = w.get(&format!("/programma/accountaanvragen/{id}"), staff.as_deref()).await;
    assert!(detail.body.contains(email) && detail.body.contains("directeur") && detail.body.contains("Stichting X"));
    let version = version.to_string();
    let decided = w
        .post_form(
            &format!("/programma/accountaanvragen/{id}/besluit"),
            staff.as_deref(),
            &[("besluit", "goedkeuren"), ("version", &version)],
        )
        .await;
    assert_eq!(decided.status, StatusCode::SEE_OTHER, "{}", decided.body);
    let after = w.get(decided.location(), staff.as_deref()).await;
    assert!(after.body.contains("het account is gemaakt"), "{}", after.body);
    let mail = &mails_to(&w, email).await[0];
    assert!(mail.body_text.contains("http://koers.test/inloggen"), "the mail links to its page: {}", mail.body_text);
    let filter = koers_app::store::AuditFilter {
        entity: Some(koers_app::store::AuditEntity::AccountRequest),
        limit: 50,
        ..koers_app::store::AuditFilter::default()
    };
    let audit = w.audit(filter).await;
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["approve", "confirm", "request"]);

    // The requester logs in with the password of the request and sees the school.
    let login = w.login_raw(email, NEW_PASSWORD).await;
    assert_eq!(login.status, StatusCode::SEE_OTHER, "{}", login.body);
    let home = w.get("/home", login.session_cookie().as_deref()).await;
    assert!(home.body.contains("School A"), "{}", home.body);
}

#[tokio::test]
async fn bad_input_and_duplicates_are_refused_in_dutch_naming_the_field_and_keep_what_was_typed() {
    let w = world().await;
    let a = w.ids.school_a;
    let url = format!("/account-aanvragen?school={a}");
    let empty = w.post_form(&url, None, &[("naam", " "), ("email", "geen-adres"), ("functie", "")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    for text in ["Vul je naam in", "Vul een geldig e-mailadres in", "Vul je functie in", "minstens 10"] {
        assert!(empty.body.contains(text), "{text}: {}", empty.body);
    }
    assert!(empty.body.contains("value=\"geen-adres\""), "what was typed stays");
    let mut mismatch = request_form("sam@school-a.nl", NEW_PASSWORD);
    mismatch[4] = ("wachtwoord_herhaling", "iets-anders-dan-dat");
    let r = w.post_form(&url, None, &mismatch).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("niet gelijk") && r.body.contains("aanvraag-wachtwoord-herhaling-error"));
    let r = w.post_form("/account-aanvragen?school=999999", None, &request_form("sam@school-a.nl", NEW_PASSWORD)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ies de school of het bestuur"), "{}", r.body);
    let r = w.post_form(&url, None, &request_form(Who::LeiderA.email(), NEW_PASSWORD)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("r bestaat al een account met dit e-mailadres"), "{}", r.body);
    assert!(w.store().outbox(false, 0).await.unwrap_or_default().is_empty(), "nothing sent for refused requests");

    let ok = w.post_form(&url, None, &request_form("sam@school-a.nl", NEW_PASSWORD)).await;
    assert_eq!(ok.status, StatusCode::OK);
    let dup = w
        .post_form(
            &format!("/account-aanvragen?bestuur={}", auth_support::BOARD_X),
            None,
            &request_form("SAM@school-a.nl", NEW_PASSWORD),
        )
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(dup.body.contains("loopt al een aanvraag"), "{}", dup.body);
    assert_eq!(mails_to(&w, "sam@school-a.nl").await.len(), 1);
}

#[tokio::test]
async fn confirmation_links_refuse_forged_expired_and_used_ones() {
    let w = world().await;
    let forged = w.get(&format!("/account-aanvragen/bevestigen/{}", "ab".repeat(32)), None).await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    assert!(forged.body.contains("onbekend"));
    let input = koers_app::account_requests::RequestInput {
        subject: Some(koers_app::store::RequestSubject::School(koers_core::ids::SchoolId::new(w.ids.school_b))),
        name: "Oud".into(),
        email: "oud@school-b.nl".into(),
        function_title: "directeur".into(),
        password: NEW_PASSWORD.into(),
        password_again: NEW_PASSWORD.into(),
        locale: "nl".into(),
        identity: None,
    };
    let long_ago = koers_web::auth::now() - 2 * 86_400;
    w.state.app.request_account(&input, "http://koers.test", long_ago).await.unwrap_or_else(|e| panic!("{e}"));
    let token = link_token(&w, "oud@school-b.nl", "/account-aanvragen/bevestigen/").await;
    for r in [
        w.get(&format!("/account-aanvragen/bevestigen/{token}"), None).await,
        w.post_form(&format!("/account-aanvragen/bevestigen/{token}"), None, &[]).await,
    ] {
        assert_eq!(r.status, StatusCode::GONE);
        assert!(r.body.contains("verlopen") && r.body.contains("href=\"/account-aanvragen\""), "{}", r.body);
    }
}

#[tokio::test]
async fn declining_needs_a_reason_and_a_stale_version_is_a_conflict() {
    let w = world().await;
    let id = confirmed_request(&w, "sam@school-a.nl").await;
    let staff = w.session(Who::Beheerder).await;
    let url = format!("/programma/accountaanvragen/{id}/besluit");
    let r = w.post_form(&url, staff.as_deref(), &[("besluit", "afwijzen"), ("reden", " "), ("version", "2")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("geef een reden") && r.body.contains("accreq-reden-error"), "{}", r.body);
    let r = w.post_form(&url, staff.as_deref(), &[("besluit", "goedkeuren"), ("version", "1")]).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = w.post_form(&url, staff.as_deref(), &[("besluit", "iets"), ("version", "2")]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = w
        .post_form(&url, staff.as_deref(), &[("besluit", "afwijzen"), ("reden", "Geen schoolleider"), ("version", "2")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mail = &mails_to(&w, "sam@school-a.nl").await[0];
    assert!(
        mail.body_text.contains("Reden: Geen schoolleider")
            && mail.body_text.contains("http://koers.test/account-aanvragen")
    );
    assert!(w.store().user_by_email("sam@school-a.nl").await.is_err(), "no account");
}

#[tokio::test]
async fn staff_of_two_programmes_decide_others_may_not() {
    let w = world().await;
    let grants = vec![
        Grant::new(RoleKind::Programmamedewerker, Scope::Programme("gwgb-plus-school".into()))
            .unwrap_or_else(|e| panic!("{e}")),
        Grant::new(RoleKind::Programmamedewerker, Scope::Programme("leren-verbeteren-npo".into()))
            .unwrap_or_else(|e| panic!("{e}")),
    ];
    let input = NewUserInput {
        email: "twee@test.nl".into(),
        name: "Twee Programma's".into(),
        password: PASSWORD.into(),
        locale: "nl".into(),
        grants,
    };
    w.state.app.create_user(&input, &Actor::system("test"), 1).await.unwrap_or_else(|e| panic!("{e}"));
    let two = w.login_raw("twee@test.nl", PASSWORD).await.session_cookie();
    let id = confirmed_request(&w, "sam@school-a.nl").await;
    for who in [Who::Expert, Who::LeiderA, Who::BestuurderX] {
        let c = w.session(who).await;
        assert_eq!(w.get("/programma/accountaanvragen", c.as_deref()).await.status, StatusCode::FORBIDDEN, "{who:?}");
        let url = format!("/programma/accountaanvragen/{id}");
        assert_eq!(w.get(&url, c.as_deref()).await.status, StatusCode::FORBIDDEN, "{who:?}");
        let r =
            w.post_form(&format!("{url}/besluit"), c.as_deref(), &[("besluit", "goedkeuren"), ("version", "2")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who:?}");
    }
    assert_eq!(w.get("/programma/accountaanvragen", None).await.status, StatusCode::SEE_OTHER);
    assert_eq!(w.get("/programma/accountaanvragen", two.as_deref()).await.status, StatusCode::OK);
    let r = w
        .post_form(
            &format!("/programma/accountaanvragen/{id}/besluit"),
            two.as_deref(),
            &[("besluit", "goedkeuren"), ("version", "2")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(w.store().user_by_email("sam@school-a.nl").await.is_ok());
}

#[tokio::test]
async fn password_reset_answers_alike_for_unknown_addresses_and_its_link_works_once() {
    let w = world().await;
    let old_session = w.session(Who::LeiderA).await;
    let form = w.get("/wachtwoord-vergeten", None).await;
    assert_eq!(form.status, StatusCode::OK);
    let started = Instant::now();
    let known = w.post_form("/wachtwoord-vergeten", None, &[("email", Who::LeiderA.email())]).await;
    let known_took = started.elapsed();
    let started = Instant::now();
    let unknown = w.post_form("/wachtwoord-vergeten", None, &[("email", "niemand@nergens.nl")]).await;
    let unknown_took = started.elapsed();
    assert_eq!((known.status, unknown.status), (StatusCode::OK, StatusCode::OK));
    assert_eq!(known.body, unknown.body, "the same answer whether the address has an account");
    let floor = koers_app::password_reset::RESET_ANSWER_FLOOR;
    assert!(known_took >= floor && unknown_took >= floor, "{known_took:?} {unknown_took:?}");
    assert!(mails_to(&w, "niemand@nergens.nl").await.is_empty());
    let bad = w.post_form("/wachtwoord-vergeten", None, &[("email", "geen adres")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Vul een geldig e-mailadres in"));

    let token = link_token(&w, Who::LeiderA.email(), "/wachtwoord-herstellen/").await;
    let url = format!("/wachtwoord-herstellen/{token}");
    assert_eq!(w.get(&url, None).await.status, StatusCode::OK);
    let short = w.post_form(&url, None, &[("wachtwoord", "kort"), ("wachtwoord_herhaling", "kort")]).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("minstens 10") && short.body.contains("herstel-wachtwoord-error"));
    let differ = w
        .post_form(&url, None, &[("wachtwoord", NEW_PASSWORD), ("wachtwoord_herhaling", "anders-en-lang-genoeg")])
        .await;
    assert_eq!(differ.status, StatusCode::UNPROCESSABLE_ENTITY, "a refused password keeps the link");
    let done = w.post_form(&url, None, &[("wachtwoord", NEW_PASSWORD), ("wachtwoord_herhaling", NEW_PASSWORD)]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("href=\"/inloggen\""));
    let reused = w.post_form(&url, None, &[("wachtwoord", NEW_PASSWORD), ("wachtwoord_herhaling", NEW_PASSWORD)]).await;
    assert_eq!(reused.status, StatusCode::CONFLICT);
    assert_eq!(w.get(&url, None).await.status, StatusCode::CONFLICT);

    assert_eq!(w.login_raw(Who::LeiderA.email(), PASSWORD).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(w.login_raw(Who::LeiderA.email(), NEW_PASSWORD).await.status, StatusCode::SEE_OTHER);
    assert_eq!(w.get("/home", old_session.as_deref()).await.status, StatusCode::SEE_OTHER, "old sessions end");
}

#[tokio::test]
async fn expired_and_forged_reset_links_are_refused() {
    let w = world().await;
    let long_ago = koers_web::auth::now() - 2 * 3600;
    w.state
        .app
        .request_password_reset(Who::Expert.email(), "http://koers.test", long_ago)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let token = link_token(&w, Who::Expert.email(), "/wachtwoord-herstellen/").await;
    let r = w.get(&format!("/wachtwoord-herstellen/{token}"), None).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.body.contains("verlopen") && r.body.contains("href=\"/wachtwoord-vergeten\""));
    let r =
        w.post_form(&format!("/wachtwoord-herstellen/{}", "0".repeat(64)), None, &[("wachtwoord", NEW_PASSWORD)]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
