//! A database with something in every kind of table, for the backup → restore round trip
//! (issue 12): imported schools and results, users with grants, experts, a token, a session,
//! login attempts, a queued mail and the audit entries all of that writes.

use std::sync::Arc;

use koers_app::App;
use koers_app::store::{Actor, NewApiToken, NewMail, NewUser, SessionRecord, Store};
use koers_core::access::{Grant, RoleKind, Scope};

/// Fill `store` (migrated, empty). Panics on failure: test support only.
pub async fn populate(store: Arc<dyn Store>, now: i64) {
    let actor = Actor::system("koers-testkit");
    let app = App::new(Arc::clone(&store), Arc::new(koers_core::NormLibrary::shipped().expect("norms")));
    let file = crate::synthetic::file_bytes(30, 12);
    let report = app.import_file(&file, "leerresultaten.csv", &actor, now).await.expect("import the synthetic results");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let school = store.all_schools().await.expect("schools").into_iter().next().expect("a school");
    let mut users = Vec::new();
    for (email, role, scope) in [
        ("beheer@example.nl", RoleKind::Beheerder, Scope::Global),
        ("leider@example.nl", RoleKind::Schoolleider, Scope::School(school.id)),
    ] {
        let nu = NewUser {
            email: koers_core::email::Email::parse(email).unwrap_or_else(|e| panic!("{email}: {e}")),
            name: format!("Naam van {email}"),
            password_hash: "$argon2id$v=19$test".into(),
            locale: "nl".into(),
        };
        let user = store.create_user(&nu, &actor, now).await.expect("user");
        store.add_grant(user.id, &Grant::new(role, scope).expect("grant"), &actor, now).await.expect("grant");
        users.push(user);
    }
    let user = &users[0];
    let token = NewApiToken {
        user_id: user.id,
        name: "backup-test".into(),
        token_hash: "cd".repeat(32),
        created_at: now,
        scope: "read".into(),
    };
    store.create_api_token(&token, &actor, now).await.expect("token");
    store
        .session_save(&SessionRecord { id: "sessie-1".into(), data: b"{\"k\":\"v\"}".to_vec(), expires_at: now + 3600 })
        .await
        .expect("session");
    record_login_attempt(&*store, user.email.as_str(), false, now).await;
    record_login_attempt(&*store, user.email.as_str(), true, now + 1).await;
    let mail = NewMail {
        to_address: "iemand@example.nl".into(),
        subject: "Onderwerp".into(),
        body_text: "Tekst met ë en €".into(),
    };
    store.enqueue_mail(&mail, now).await.expect("mail");
}

/// A login attempt as the login records it: counted as failed first, then marked a success.
async fn record_login_attempt(store: &dyn koers_app::store::Store, key: &str, success: bool, now: i64) {
    let a = store.login_attempt_start(key, now, 0).await.expect("login attempt");
    if success {
        store.login_attempt_succeeded(a.id).await.expect("login attempt succeeded");
    }
}
