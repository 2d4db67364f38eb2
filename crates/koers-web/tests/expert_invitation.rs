//! Issue 11 item 7: linking an expert of the pool to an account goes by invitation. Staff
//! cannot link an account themselves, the answer to an invitation does not tell whether the
//! address has an account (no enumeration), and only an account with that address and the
//! expert role can confirm it — from its home page.

mod auth_support;

use auth_support::{PASSWORD, Who, World, password_hash, world};
use axum::http::StatusCode;
use koers_app::store::{Actor, AuditFilter, ExpertRecord, ExpertWrite, NewUser};
use koers_core::access::{Grant, RoleKind, Scope};
use koers_core::ids::UserId;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// An expert of the pool without an account.
async fn iris(w: &World) -> ExpertRecord {
    let e = ExpertWrite {
        user_id: None,
        name: "Iris Inzet".into(),
        email: "iris@experts.nl".into(),
        expertise: vec!["lezen".into()],
        regions: vec!["Overijssel".into()],
        capacity_trajectories: 4,
        capacity_dagdelen: 32,
        available: true,
        expected_version: None,
    };
    ok(w.store().save_expert(&e, &Actor::system("test"), 1).await)
}

/// An account with `grants`, logged in: its session cookie and id.
async fn account(w: &World, email: &str, grants: &[(RoleKind, Scope)]) -> (String, i64) {
    let actor = Actor::system("test");
    let new = NewUser {
        email: koers_core::email::Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
        name: email.into(),
        password_hash: password_hash(),
        locale: "nl".into(),
    };
    let u = ok(w.store().create_user(&new, &actor, 1).await);
    for (role, scope) in grants {
        ok(w.store().add_grant(u.id, &ok(Grant::new(*role, scope.clone())), &actor, 1).await);
    }
    let r = w.login_raw(email, PASSWORD).await;
    (r.session_cookie().unwrap_or_else(|| panic!("login {email}: {}", r.body)), u.id.get())
}

async fn invite(w: &World, staff: &str, expert: koers_core::ids::ExpertId, email: &str) -> auth_support::Resp {
    w.post_form(&format!("/beheer/experts/{expert}/uitnodigen"), Some(staff), &[("uitnodiging_email", email)]).await
}

#[tokio::test]
async fn the_answer_to_an_invitation_does_not_tell_who_has_an_account() {
    let w = world().await;
    let e = iris(&w).await;
    let staff = w.session(Who::Programma).await.unwrap_or_default();
    let page = format!("/beheer/experts/{}", e.id);
    // A school leader's account, an address without any account, an expert's account.
    let mut seen = Vec::new();
    for email in [Who::LeiderA.email(), "niemand@nergens.nl", Who::Expert.email()] {
        let r = invite(&w, &staff, e.id, email).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{email}: {}", r.body);
        assert_eq!(r.location(), format!("{page}?uitgenodigd=1"));
        let shown = w.get(r.location(), Some(&staff)).await;
        assert_eq!(shown.status, StatusCode::OK);
        assert!(shown.body.contains("De uitnodiging is verstuurd"), "{}", shown.body);
        seen.push(shown.body.replace(email, "ADRES"));
    }
    assert!(seen.windows(2).all(|p| p[0] == p[1]), "the page is the same for every address");
    // Every address gets the same mail; the form itself never looks an account up.
    let mails = ok(w.store().outbox(false, 0).await);
    assert_eq!(mails.len(), 3);
    let bodies: Vec<String> = mails.iter().map(|m| m.body_text.clone()).collect();
    assert!(bodies.windows(2).all(|p| p[0] == p[1]), "{bodies:?}");
    assert!(bodies[0].contains("/home") && bodies[0].contains("Iris Inzet"), "{}", bodies[0]);
    // The expert form has no account field any more, and linking did not happen.
    let form = w.get(&page, Some(&staff)).await;
    assert!(!form.body.contains("name=\"account\""), "{}", form.body);
    assert!(ok(w.store().expert(e.id).await).user_id.is_none());
    // A bad address is refused naming the field, with what was typed kept.
    let r = invite(&w, &staff, e.id, "geen-adres").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("vul een geldig e-mailadres in") && r.body.contains("value=\"geen-adres\""), "{}", r.body);
    // Not for experts, school leaders or board members.
    for who in [Who::Expert, Who::LeiderA, Who::BestuurderX] {
        let c = w.session(who).await.unwrap_or_default();
        assert_eq!(invite(&w, &c, e.id, who.email()).await.status, StatusCode::FORBIDDEN, "{who:?}");
    }
}

#[tokio::test]
async fn only_the_invited_expert_account_can_confirm() {
    let w = world().await;
    let e = iris(&w).await;
    let staff = w.session(Who::Programma).await.unwrap_or_default();
    let accept = format!("/expertpool/uitnodigingen/{}/bevestigen", e.id);
    let gwgb = Scope::Programme("gwgb-plus-school".into());

    // Invited: the school leader's address. A school leader may not become an expert this way.
    assert_eq!(invite(&w, &staff, e.id, Who::LeiderA.email()).await.status, StatusCode::SEE_OTHER);
    let leader = w.session(Who::LeiderA).await.unwrap_or_default();
    assert!(!w.get("/home", Some(&leader)).await.body.contains("Uitnodiging voor de expertpool"));
    assert_eq!(w.post_form(&accept, Some(&leader), &[]).await.status, StatusCode::NOT_FOUND);
    assert!(ok(w.store().expert(e.id).await).user_id.is_none(), "no escalation");

    // Invited: Iris' own address, which has an account with the expert role.
    let (iris_login, iris_id) = account(&w, "iris@experts.nl", &[(RoleKind::Expert, gwgb.clone())]).await;
    assert_eq!(invite(&w, &staff, e.id, "Iris@Experts.nl").await.status, StatusCode::SEE_OTHER);
    // Another expert account cannot take the invitation, and learns nothing by trying.
    let other = w.session(Who::Expert).await.unwrap_or_default();
    assert_eq!(w.post_form(&accept, Some(&other), &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(w.post_form("/expertpool/uitnodigingen/999999/bevestigen", Some(&other), &[]).await.status, 404);
    // The invited expert sees it on the home page, reachable by clicking, and confirms.
    let home = w.get("/home", Some(&iris_login)).await;
    assert!(home.body.contains("Uitnodiging voor de expertpool") && home.body.contains("Iris Inzet"), "{}", home.body);
    assert!(home.body.contains(&format!("action=\"{accept}\"")), "{}", home.body);
    let r = w.post_form(&accept, Some(&iris_login), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/home?koppeling=bevestigd");
    assert_eq!(ok(w.store().expert(e.id).await).user_id, Some(koers_core::ids::UserId::new(iris_id)));
    assert!(w.get(r.location(), Some(&iris_login)).await.body.contains("Je account is gekoppeld"));
    // Used up; audited on the expert with the account before and after.
    assert_eq!(w.post_form(&accept, Some(&iris_login), &[]).await.status, StatusCode::NOT_FOUND);
    assert!(ok(w.store().expert_invitation(e.id).await).is_none());
    let filter = AuditFilter {
        entity: Some(koers_app::store::AuditEntity::Expert),
        entity_id: Some(e.id.to_string()),
        limit: 50,
        ..AuditFilter::default()
    };
    let audit = w.audit(filter).await;
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert!(actions.contains(&"link_account") && actions.contains(&"invite"), "{actions:?}");
    // The expert page now shows the account and no invitation form; staff can unlink it.
    let page = w.get(&format!("/beheer/experts/{}", e.id), Some(&staff)).await;
    assert!(page.body.contains("iris@experts.nl") && page.body.contains("name=\"ontkoppelen\""), "{}", page.body);
    assert!(!page.body.contains("/uitnodigen\""), "a linked expert is not invited");
    let r = invite(&w, &staff, e.id, "iris@experts.nl").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("deze expert heeft al een account"), "{}", r.body);
    let v = ok(w.store().expert(e.id).await).version.to_string();
    let form = [
        ("naam", "Iris Inzet"),
        ("email", "iris@experts.nl"),
        ("expertise", "lezen"),
        ("regios", "Overijssel"),
        ("trajecten", "4"),
        ("dagdelen", "32"),
        ("beschikbaar", "1"),
        ("ontkoppelen", "1"),
        ("version", &v),
    ];
    let r = w.post_form(&format!("/beheer/experts/{}", e.id), Some(&staff), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(ok(w.store().expert(e.id).await).user_id.is_none(), "unlinked");
}

#[tokio::test]
async fn declining_links_nothing_and_an_old_invitation_expires() {
    let w = world().await;
    let e = iris(&w).await;
    let staff = w.session(Who::Beheerder).await.unwrap_or_default();
    let (iris_login, iris_id) =
        account(&w, "iris@experts.nl", &[(RoleKind::Expert, Scope::Programme("gwgb-plus-school".into()))]).await;
    assert_eq!(invite(&w, &staff, e.id, "iris@experts.nl").await.status, StatusCode::SEE_OTHER);
    let r = w.post_form(&format!("/expertpool/uitnodigingen/{}/weigeren", e.id), Some(&iris_login), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/home?koppeling=geweigerd");
    assert!(ok(w.store().expert(e.id).await).user_id.is_none());
    assert!(ok(w.store().expert_invitation(e.id).await).is_none());
    assert!(!w.get("/home", Some(&iris_login)).await.body.contains("Uitnodiging voor de expertpool"));

    // Invited again; 30 days later it can no longer be confirmed.
    assert_eq!(invite(&w, &staff, e.id, "iris@experts.nl").await.status, StatusCode::SEE_OTHER);
    let sent = ok(w.store().expert_invitation(e.id).await).map(|i| i.invited_at).unwrap_or_default();
    let late = sent + koers_app::expert_invites::INVITATION_TTL_SECS;
    let actor = Actor { user_id: Some(UserId::new(iris_id)), label: "iris@experts.nl".into() };
    assert!(ok(w.state.app.expert_invitations_for(UserId::new(iris_id), late).await).is_empty());
    let refused = w.state.app.accept_expert_invitation(e.id, UserId::new(iris_id), &actor, late).await;
    assert!(matches!(refused, Err(koers_app::Error::NotFound)), "{refused:?}");
    assert!(
        ok(w.state.app.accept_expert_invitation(e.id, UserId::new(iris_id), &actor, late - 1).await).user_id
            == Some(UserId::new(iris_id))
    );
}
