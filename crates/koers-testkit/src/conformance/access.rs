//! Cases: getting in (issue 10 §5) — account requests (confirmation link, duplicates, staff
//! decision creating the user and grant atomically) and single-use password links.

use std::sync::Arc;

use koers_app::store::{
    AccountRequestRecord, NewAccountRequest, NewApiToken, NewMail, RequestDecision, RequestIdentity, RequestStatus,
    RequestSubject, Store, StoreError,
};
use koers_core::access::{Grant, RoleKind, Scope};
use koers_core::ids::BoardNumber;

use super::data::*;
use koers_app::store::AuditEntity;

fn request(subject: RequestSubject, email: &str, token_hash: &str, expires: i64) -> NewAccountRequest {
    NewAccountRequest {
        subject,
        name: "Sam de Vries".into(),
        email: email.into(),
        function_title: "directeur".into(),
        locale: "nl".into(),
        password_hash: "$argon2id$v=19$request".into(),
        confirm_token_hash: token_hash.into(),
        confirm_expires_at: expires,
        confirmed: false,
        identity: None,
    }
}

fn mail(to: &str, subject: &str) -> NewMail {
    NewMail { to_address: to.into(), subject: subject.into(), body_text: format!("link voor {to}") }
}

async fn mails_to(s: &dyn Store, to: &str) -> usize {
    s.outbox(false, 0).await.expect("outbox").iter().filter(|m| m.to_address == to).count()
}

async fn confirmed(s: &dyn Store, subject: RequestSubject, email: &str, hash: &str) -> AccountRequestRecord {
    let (new, m) = (request(subject, email, hash, NOW + 86_400), mail(email, "bevestig"));
    let r = s.create_account_request(&new, &m, &actor(), NOW).await.expect("request");
    s.confirm_account_request(r.id, NOW + 10, &actor()).await.expect("confirm")
}

pub async fn account_requests_are_confirmed_once_and_duplicates_refused(store: Arc<dyn Store>) {
    let s = &*store;
    let school = one_school(s).await;
    let subject = RequestSubject::School(school.id);
    let r = s
        .create_account_request(
            &request(subject, "sam@regenboog.nl", "h-1", NOW + 100),
            &mail("sam@regenboog.nl", "bevestig"),
            &actor(),
            NOW,
        )
        .await
        .expect("request");
    assert_eq!((r.subject, r.status, r.version, r.created_at), (subject, RequestStatus::Onbevestigd, 1, NOW));
    assert_eq!(
        (r.name.as_str(), r.function_title.as_str(), r.confirm_expires_at),
        ("Sam de Vries", "directeur", NOW + 100)
    );
    assert_eq!(s.account_request(r.id).await.expect("by id"), r);
    assert_eq!(s.account_request_by_token("h-1").await.expect("by token"), r);
    assert_not_found(s.account_request_by_token("h-onbekend").await);
    assert_eq!(mails_to(s, "sam@regenboog.nl").await, 1, "the confirmation mail is written with the request");
    let audit = audit_of(s, AuditEntity::AccountRequest, r.id).await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["request"]);
    assert!(!format!("{:?}", audit[0].after).contains("argon2"), "no password hash in the audit");

    // An open request for the address (any case) is a duplicate; nothing is written.
    let again = request(subject, "SAM@regenboog.nl", "h-2", NOW + 100);
    assert_eq!(
        assert_duplicate(s.create_account_request(&again, &mail("x@y.nl", "x"), &actor(), NOW + 1).await),
        "aanvraag"
    );
    assert_eq!(mails_to(s, "x@y.nl").await, 0);
    // An address with an account is a duplicate too.
    s.create_user(&new_user("ann@regenboog.nl"), &actor(), NOW).await.expect("user");
    let taken = request(subject, "ann@regenboog.nl", "h-3", NOW + 100);
    assert_eq!(
        assert_duplicate(s.create_account_request(&taken, &mail("ann@regenboog.nl", "x"), &actor(), NOW).await),
        "account"
    );
    assert_eq!(mails_to(s, "ann@regenboog.nl").await, 0);

    // Confirming after the link expired is refused; asking again then marks the old one verlopen.
    match s.confirm_account_request(r.id, NOW + 100, &actor()).await {
        Err(StoreError::Conflict { .. }) => {}
        other => panic!("an expired link is a Conflict, got {other:?}"),
    }
    let board = RequestSubject::Board(BoardNumber::new(41646));
    let r2 = s
        .create_account_request(
            &request(board, "sam@regenboog.nl", "h-4", NOW + 1000),
            &mail("sam@regenboog.nl", "b"),
            &actor(),
            NOW + 200,
        )
        .await
        .expect("a new request after the old link expired");
    assert_eq!(s.account_request(r.id).await.expect("old").status, RequestStatus::Verlopen);
    assert_eq!(r2.subject, board);

    // Two clicks at once: one wins, the other is a Conflict.
    let click = |at| {
        let store = store.clone();
        tokio::spawn(async move { store.confirm_account_request(r2.id, at, &actor()).await })
    };
    let (a, b) = (click(NOW + 300), click(NOW + 301));
    let results = [a.await.expect("task a"), b.await.expect("task b")];
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    let done = s.account_request(r2.id).await.expect("confirmed");
    assert_eq!((done.status, done.version), (RequestStatus::Bevestigd, 2));
    assert!(done.confirmed_at.is_some());
    let audit = audit_of(s, AuditEntity::AccountRequest, r2.id).await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["confirm", "request"]);

    let waiting = s.account_requests(Some(RequestStatus::Bevestigd)).await.expect("list");
    assert_eq!(waiting.iter().map(|r| r.id).collect::<Vec<_>>(), [r2.id]);
    assert_eq!(s.account_requests(None).await.expect("all").len(), 2);
}

pub async fn deciding_an_account_request_creates_user_and_grant_atomically(store: Arc<dyn Store>) {
    let s = &*store;
    let school = one_school(s).await;
    let subject = RequestSubject::School(school.id);
    let r = confirmed(s, subject, "sam@regenboog.nl", "h-1").await;
    let grant = Grant::new(RoleKind::Schoolleider, Scope::School(school.id)).expect("grant");
    let approve = RequestDecision::Approve { grant: grant.clone() };

    // A stale version changes nothing.
    match s
        .decide_account_request(r.id, r.version - 1, &approve, &mail("sam@regenboog.nl", "ok"), &actor(), NOW + 20)
        .await
    {
        Err(StoreError::Conflict { .. }) => {}
        other => panic!("a stale version is a Conflict, got {other:?}"),
    }
    assert_not_found(s.user_by_email("sam@regenboog.nl").await);
    assert_eq!(mails_to(s, "sam@regenboog.nl").await, 1, "only the confirmation mail");

    let (done, user) = s
        .decide_account_request(r.id, r.version, &approve, &mail("sam@regenboog.nl", "ok"), &actor(), NOW + 30)
        .await
        .expect("approve");
    let user = user.expect("a user was made");
    assert_eq!(
        (user.email.as_str(), user.name.as_str(), user.password_hash.as_str()),
        ("sam@regenboog.nl", "Sam de Vries", "$argon2id$v=19$request")
    );
    assert_eq!(
        (done.status, done.user_id, done.decided_at),
        (RequestStatus::Goedgekeurd, Some(user.id), Some(NOW + 30))
    );
    let grants = s.grants_of_user(user.id).await.expect("grants");
    assert_eq!(grants.iter().map(|g| g.grant.clone()).collect::<Vec<_>>(), std::slice::from_ref(&grant));
    assert_eq!(mails_to(s, "sam@regenboog.nl").await, 2);
    let audit = audit_of(s, AuditEntity::AccountRequest, r.id).await;
    assert_eq!(audit[0].action, "approve");
    assert_eq!(audit_of(s, AuditEntity::User, user.id).await[0].action, "create");
    // Deciding twice is a Conflict.
    let decline = RequestDecision::Decline { reason: "onbekend".into() };
    assert!(matches!(
        s.decide_account_request(r.id, done.version, &decline, &mail("sam@regenboog.nl", "nee"), &actor(), NOW + 40)
            .await,
        Err(StoreError::Conflict { .. })
    ));

    // Declining keeps the reason and makes no user.
    let r2 = confirmed(s, RequestSubject::Board(BoardNumber::new(41646)), "bo@bestuur.nl", "h-2").await;
    let (declined, none) = s
        .decide_account_request(r2.id, r2.version, &decline, &mail("bo@bestuur.nl", "nee"), &actor(), NOW + 50)
        .await
        .expect("decline");
    assert!(none.is_none());
    assert_eq!((declined.status, declined.decision_reason.as_deref()), (RequestStatus::Afgewezen, Some("onbekend")));
    assert_not_found(s.user_by_email("bo@bestuur.nl").await);

    // An address that got an account in the meantime: Duplicate, nothing written.
    let r3 = confirmed(s, subject, "cor@regenboog.nl", "h-3").await;
    s.create_user(&new_user("cor@regenboog.nl"), &actor(), NOW + 60).await.expect("made by a beheerder meanwhile");
    let before = s.list_users().await.expect("users").len();
    assert_eq!(
        assert_duplicate(
            s.decide_account_request(r3.id, r3.version, &approve, &mail("cor@regenboog.nl", "ok"), &actor(), NOW + 70)
                .await
        ),
        "account"
    );
    assert_eq!(s.list_users().await.expect("users").len(), before);
    assert_eq!(s.account_request(r3.id).await.expect("r3").status, RequestStatus::Bevestigd);
    assert_eq!(mails_to(s, "cor@regenboog.nl").await, 1, "only the confirmation mail");
}

/// Issue 13 §2: a first sign-in through an OpenID provider asks through the same requests; its
/// address vouched for, it is stored confirmed, and approving it links the identity.
pub async fn a_request_through_a_provider_is_confirmed_at_once_and_links_its_identity(store: Arc<dyn Store>) {
    let s = &*store;
    let school = one_school(s).await;
    let subject = RequestSubject::School(school.id);
    let identity = RequestIdentity {
        provider: "surfconext".into(),
        subject: "sub-42".into(),
        email: "nina@regenboog.nl".into(),
        organisation: "regenboog.nl".into(),
    };
    assert!(s.account_request_by_identity("surfconext", "sub-42").await.expect("none yet").is_none());
    let new = NewAccountRequest {
        email: "nina@regenboog.nl".into(),
        password_hash: "!".into(),
        confirmed: true,
        identity: Some(identity.clone()),
        ..request(subject, "nina@regenboog.nl", "h-via", NOW + 86_400)
    };
    let r =
        s.create_account_request(&new, &mail("nina@regenboog.nl", "ontvangen"), &actor(), NOW).await.expect("request");
    assert_eq!((r.status, r.confirmed_at, r.identity.as_ref()), (RequestStatus::Bevestigd, Some(NOW), Some(&identity)));
    assert_eq!(s.account_request_by_identity("surfconext", "sub-42").await.expect("by identity"), Some(r.clone()));
    assert!(s.account_request_by_identity("surfconext", "sub-43").await.expect("other").is_none());
    assert!(s.account_requests(Some(RequestStatus::Bevestigd)).await.expect("queue").contains(&r));
    assert_eq!(audit_of(s, AuditEntity::AccountRequest, r.id).await[0].action, "request");

    let grant = Grant::new(RoleKind::Schoolleider, Scope::School(school.id)).expect("grant");
    let (done, user) = s
        .decide_account_request(
            r.id,
            r.version,
            &RequestDecision::Approve { grant },
            &mail("nina@regenboog.nl", "ok"),
            &actor(),
            NOW + 5,
        )
        .await
        .expect("approve");
    let user = user.expect("user");
    assert_eq!((done.status, user.password_hash.as_str()), (RequestStatus::Goedgekeurd, "!"));
    let link = s.external_identity("surfconext", "sub-42").await.expect("linked on approval");
    assert_eq!((link.user_id, link.email.as_str()), (user.id, "nina@regenboog.nl"));
    assert_eq!(audit_of(s, AuditEntity::ExternalIdentity, link.id).await[0].action, "link");

    // The pair is linked now: approving another request of the same identity writes nothing.
    let again = NewAccountRequest {
        email: "nina2@regenboog.nl".into(),
        identity: Some(identity),
        ..request(subject, "nina2@regenboog.nl", "h-via-2", NOW + 86_400)
    };
    let r2 = s.create_account_request(&again, &mail("nina2@regenboog.nl", "x"), &actor(), NOW + 6).await.expect("r2");
    let r2 = s.confirm_account_request(r2.id, NOW + 7, &actor()).await.expect("confirm");
    let grant = Grant::new(RoleKind::Schoolleider, Scope::School(school.id)).expect("grant");
    let users = s.list_users().await.expect("users").len();
    assert_duplicate(
        s.decide_account_request(
            r2.id,
            r2.version,
            &RequestDecision::Approve { grant },
            &mail("nina2@regenboog.nl", "ok"),
            &actor(),
            NOW + 8,
        )
        .await,
    );
    assert_eq!(s.list_users().await.expect("users").len(), users, "rolled back");
    assert_eq!(s.account_request(r2.id).await.expect("r2").status, RequestStatus::Bevestigd);
}

pub async fn password_links_are_single_use_and_end_api_tokens(store: Arc<dyn Store>) {
    let s = &*store;
    let user = s.create_user(&new_user("ann@school.nl"), &actor(), NOW).await.expect("user");
    let uid = user.id;
    let token = NewApiToken {
        user_id: user.id,
        name: "t".into(),
        token_hash: "api-1".into(),
        created_at: NOW,
        scope: "read".into(),
    };
    s.create_api_token(&token, &actor(), NOW).await.expect("api token");
    let link = s
        .create_account_link(uid, "wachtwoord", "r-1", NOW + 3600, &mail("ann@school.nl", "reset"), NOW)
        .await
        .expect("link");
    let other = s
        .create_account_link(uid, "wachtwoord", "r-2", NOW + 3600, &mail("ann@school.nl", "reset"), NOW + 1)
        .await
        .expect("second link");
    assert_eq!((link.user_id, link.purpose.as_str(), link.used_at), (uid, "wachtwoord", None));
    assert_eq!(s.account_link("r-1").await.expect("by hash"), link);
    assert_not_found(s.account_link("r-onbekend").await);
    assert_eq!(mails_to(s, "ann@school.nl").await, 2);
    assert_duplicate(
        s.create_account_link(uid, "wachtwoord", "r-1", NOW + 3600, &mail("ann@school.nl", "x"), NOW).await,
    );
    assert_eq!(mails_to(s, "ann@school.nl").await, 2, "no mail without its link");

    // Expired: refused, nothing changes.
    assert!(matches!(s.reset_password("r-1", "$argon2id$new", NOW + 3600).await, Err(StoreError::Conflict { .. })));
    assert_eq!(s.user(user.id).await.expect("user").version, user.version);

    let after = s.reset_password("r-1", "$argon2id$new", NOW + 60).await.expect("reset");
    assert_eq!((after.password_hash.as_str(), after.version), ("$argon2id$new", user.version + 1));
    assert_not_found(s.api_token_by_hash("api-1", NOW + 61).await);
    assert_eq!(s.account_link("r-1").await.expect("used").used_at, Some(NOW + 60));
    assert_eq!(s.account_link("r-2").await.expect("also used").used_at, Some(NOW + 60), "other open links end too");
    assert!(matches!(s.reset_password("r-1", "$argon2id$again", NOW + 70).await, Err(StoreError::Conflict { .. })));
    assert!(matches!(s.reset_password("r-2", "$argon2id$again", NOW + 70).await, Err(StoreError::Conflict { .. })));
    assert_eq!(s.user(user.id).await.expect("user").password_hash, "$argon2id$new");
    let _ = other;

    let audit = audit_of(s, AuditEntity::User, user.id).await;
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["password_reset", "reset_requested", "reset_requested", "create"]);
    for entry in &audit {
        let text = format!("{:?}{:?}", entry.before, entry.after);
        assert!(!text.contains("r-1") && !text.contains("argon2id$new"), "no token or hash in the audit: {text}");
    }
}

/// The daily prune (issue 12 retention, issue 10 §5): account requests nobody confirmed (link
/// expired, or marked verlopen) and declined ones go `account_request_days` after the link
/// expired / the decision; a confirmed request waiting for staff, an approved one and anything
/// younger stay.
pub async fn prune_removes_stale_account_requests_only(store: Arc<dyn Store>) {
    use koers_app::store::RetentionPolicy;
    const DAY: i64 = 86_400;
    let s = &*store;
    let school = one_school(s).await;
    let subject = RequestSubject::School(school.id);
    let create = |email: &'static str, hash: &'static str, expires: i64| async move {
        s.create_account_request(&request(subject, email, hash, expires), &mail(email, "bevestig"), &actor(), NOW)
            .await
            .expect("request")
    };
    let stale = create("oud@regenboog.nl", "p-1", NOW + DAY).await;
    let fresh = create("vers@regenboog.nl", "p-2", NOW + 40 * DAY).await;
    let waiting = confirmed(s, subject, "wacht@regenboog.nl", "p-3").await;
    let declined = confirmed(s, subject, "nee@regenboog.nl", "p-4").await;
    let decline = RequestDecision::Decline { reason: "geen schoolleider".into() };
    s.decide_account_request(declined.id, declined.version, &decline, &mail("nee@regenboog.nl", "nee"), &actor(), NOW)
        .await
        .expect("decline");
    let approved = confirmed(s, subject, "ja@regenboog.nl", "p-5").await;
    let grant = Grant::new(RoleKind::Schoolleider, Scope::School(school.id)).expect("grant");
    s.decide_account_request(
        approved.id,
        approved.version,
        &RequestDecision::Approve { grant },
        &mail("ja@regenboog.nl", "ok"),
        &actor(),
        NOW,
    )
    .await
    .expect("approve");
    // An address asking again after its link expired marks the old request verlopen.
    let again = s
        .create_account_request(
            &request(subject, "oud@regenboog.nl", "p-6", NOW + 40 * DAY),
            &mail("oud@regenboog.nl", "bevestig"),
            &actor(),
            NOW + 2 * DAY,
        )
        .await
        .expect("asked again");
    assert_eq!(s.account_request(stale.id).await.expect("stale").status, RequestStatus::Verlopen);

    // 31 days on: the expired request (verlopen) and the declined one go; the rest stays.
    let policy = RetentionPolicy::default();
    assert_eq!(policy.account_request_days, 30);
    let report = s.prune(&policy, NOW + 31 * DAY + 10).await.expect("prune");
    assert_eq!(report.account_requests, 2);
    assert_not_found(s.account_request(stale.id).await);
    assert_not_found(s.account_request(declined.id).await);
    for kept in [fresh.id, waiting.id, approved.id, again.id] {
        s.account_request(kept).await.expect("kept");
    }
    assert_eq!(s.prune(&policy, NOW + 31 * DAY + 10).await.expect("prune").account_requests, 0);
    // Once the fresh links expired too (and 30 days passed), the unconfirmed ones go as well.
    let later = s.prune(&policy, NOW + 71 * DAY).await.expect("prune");
    assert_eq!(later.account_requests, 2);
    s.account_request(waiting.id).await.expect("a confirmed request waits for staff");
    s.account_request(approved.id).await.expect("an approved request stays");
}
