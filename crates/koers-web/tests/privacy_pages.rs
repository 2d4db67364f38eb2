//! AVG pages (issue 12): from the beheerder's user page to the person's data (readable and as
//! JSON) and to erasure; after erasure the person cannot log in and the data page names only
//! the placeholder.

mod auth_support;

use auth_support::{PASSWORD, Who, world};
use koers_core::ids::{SchoolId, UserId};

#[tokio::test]
async fn a_beheerder_clicks_from_the_user_page_to_the_data_and_erases_the_person() {
    let w = world().await;
    let admin = w.session(Who::Beheerder).await;
    let cookie = admin.as_deref();
    // The person logs in once (a login attempt and an audit entry about them).
    w.session(Who::Expert).await;
    let id = w.user_id(Who::Expert).await;

    let user_page = w.get(&format!("/beheer/gebruikers/{id}"), cookie).await;
    let link = format!("href=\"/beheer/gebruikers/{id}/gegevens\"");
    assert!(user_page.body.contains(&link), "the user page links to the data page");

    let data = w.get(&format!("/beheer/gebruikers/{id}/gegevens"), cookie).await;
    assert_eq!(data.status, 200);
    for text in ["expert@test.nl", "Account", "Rollen", "Auditlog", "Inlogpogingen", "gegevens.json", "/wissen"] {
        assert!(data.body.contains(text), "missing {text}");
    }

    let json = w.get(&format!("/beheer/gebruikers/{id}/gegevens.json"), cookie).await;
    assert_eq!(json.status, 200);
    assert!(json.header("content-disposition").starts_with("attachment"));
    let v = json.json();
    assert_eq!(v["account"]["email"], "expert@test.nl");
    assert!(v["account"].get("password_hash").is_none(), "never the password hash");
    assert!(v["grants"].as_array().is_some_and(|g| !g.is_empty()));
    assert!(v["login_attempts"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(v["audit"].as_array().is_some_and(|a| a.iter().any(|e| e["action"] == "login")));
    // Looking at someone's data is itself audited.
    let exports = w
        .audit(koers_app::store::AuditFilter {
            entity: Some(koers_app::store::AuditEntity::User),
            ..Default::default()
        })
        .await;
    assert!(exports.iter().any(|e| e.action == "privacy_export" && e.entity_id == id.to_string()));

    let confirm = w.get(&format!("/beheer/gebruikers/{id}/wissen"), cookie).await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.body.contains("name=\"bevestig\""));
    let wrong =
        w.post_form(&format!("/beheer/gebruikers/{id}/wissen"), cookie, &[("bevestig", "iemand@anders.nl")]).await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("typ precies het e-mailadres") && wrong.body.contains("aria-invalid=\"true\""));

    let done = w.post_form(&format!("/beheer/gebruikers/{id}/wissen"), cookie, &[("bevestig", "EXPERT@test.nl")]).await;
    assert_eq!(done.status, 303);
    assert_eq!(done.location(), format!("/beheer/gebruikers/{id}/gegevens?gewist=1"));
    let after = w.get(done.location(), cookie).await;
    assert!(after.body.contains("is gewist") && !after.body.contains("expert@test.nl"));
    assert!(after.body.contains(&format!("verwijderd-{id}@koers.invalid")));
    let login = w.login_raw("expert@test.nl", PASSWORD).await;
    assert_ne!(login.status.as_u16(), 303, "the erased person cannot log in");
}

#[tokio::test]
async fn a_beheerder_cannot_erase_their_own_account() {
    let w = world().await;
    let admin = w.session(Who::Beheerder).await;
    let me = w.user_id(Who::Beheerder).await;
    let r = w
        .post_form(&format!("/beheer/gebruikers/{me}/wissen"), admin.as_deref(), &[("bevestig", "beheer@test.nl")])
        .await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("eigen account"));
    assert!(w.store().user(UserId::new(me)).await.is_ok_and(|u| u.active && u.email == "beheer@test.nl"));
}

/// Account requests (issue 10 §5) are part of a person's data: the request that made the
/// account shows in the export (never a hash) and keeps its row with the placeholder after
/// erasure.
#[tokio::test]
async fn the_account_request_that_made_an_account_is_exported_and_erased() {
    use koers_app::store::{Actor, NewAccountRequest, NewMail, RequestDecision, RequestSubject};
    use koers_core::access::{Grant, RoleKind, Scope};
    let w = world().await;
    let (s, actor) = (w.store(), Actor::system("test"));
    let request = NewAccountRequest {
        subject: RequestSubject::School(koers_core::ids::SchoolId::new(w.ids.school_a)),
        name: "Noor Nieuw".into(),
        email: "noor@school-a.nl".into(),
        function_title: "intern begeleider".into(),
        locale: "nl".into(),
        password_hash: "$argon2id$v=19$request".into(),
        confirm_token_hash: "privacy-test-token".into(),
        confirm_expires_at: i64::MAX / 2,
        confirmed: false,
        identity: None,
    };
    let mail = NewMail { to_address: "noor@school-a.nl".into(), subject: "s".into(), body_text: "b".into() };
    let fail = |e: koers_app::store::StoreError| -> ! { panic!("{e}") };
    let r = s.create_account_request(&request, &mail, &actor, 10).await.unwrap_or_else(|e| fail(e));
    let r = s.confirm_account_request(r.id, 20, &actor).await.unwrap_or_else(|e| fail(e));
    let grant = Grant::new(RoleKind::Schoolleider, Scope::School(SchoolId::new(w.ids.school_a)))
        .unwrap_or_else(|e| panic!("{e}"));
    let (_, user) = s
        .decide_account_request(r.id, r.version, &RequestDecision::Approve { grant }, &mail, &actor, 30)
        .await
        .unwrap_or_else(|e| fail(e));
    let id = user.unwrap_or_else(|| panic!("a user")).id;

    let admin = w.session(Who::Beheerder).await;
    let cookie = admin.as_deref();
    let data = w.get(&format!("/beheer/gebruikers/{id}/gegevens"), cookie).await;
    assert!(data.body.contains("Accountaanvragen") && data.body.contains("intern begeleider"), "{}", data.body);
    let json = w.get(&format!("/beheer/gebruikers/{id}/gegevens.json"), cookie).await;
    let v = json.json();
    assert_eq!(v["account_requests"][0]["function_title"], "intern begeleider", "{v}");
    assert_eq!(v["account_requests"][0]["status"], "goedgekeurd");
    assert!(!json.body.contains("argon2id") && !json.body.contains("privacy-test-token"), "never a hash");

    let done =
        w.post_form(&format!("/beheer/gebruikers/{id}/wissen"), cookie, &[("bevestig", "noor@school-a.nl")]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let kept = s.account_request(r.id).await.unwrap_or_else(|e| fail(e));
    assert_eq!(
        (kept.email, kept.name.contains("Noor"), kept.function_title.as_str()),
        (format!("verwijderd-{id}@koers.invalid"), false, ""),
        "the request keeps its row, not the person"
    );
}
