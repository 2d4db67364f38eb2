//! Cases: users, grants, API tokens.

use koers_core::ids::{BoardNumber, SchoolId, UserId};
use std::sync::Arc;

use koers_app::store::{Actor, NewApiToken, Store, StoreError, TokenScope, UserUpdate};
use koers_core::access::{Grant, RoleKind, Scope};

use super::data::*;
use koers_app::store::AuditEntity;

pub async fn users_round_trip_with_case_insensitive_email(store: Arc<dyn Store>) {
    let s = &*store;
    let ann = s.create_user(&new_user("Ann@School.nl"), &actor(), NOW).await.expect("create");
    let bob = s.create_user(&new_user("bob@school.nl"), &actor(), NOW).await.expect("create");
    assert_eq!((ann.email.as_str(), ann.active, ann.version, ann.created_at), ("Ann@School.nl", true, 1, NOW));
    assert_eq!(ann.password_hash, "$argon2id$v=19$test");
    assert_eq!(s.user(ann.id).await.expect("by id"), ann);
    assert_eq!(s.user_by_email("ann@school.nl").await.expect("lower"), ann);
    assert_eq!(s.user_by_email("ANN@SCHOOL.NL").await.expect("upper"), ann);
    assert_not_found(s.user_by_email("cor@school.nl").await);
    assert_not_found(s.user(UserId::new(ann.id.get() + bob.id.get() + 1000)).await);
    assert_eq!(s.list_users().await.expect("list"), [ann.clone(), bob]);

    let audit = audit_of(s, AuditEntity::User, ann.id).await;
    assert_eq!(audit[0].action, "create");
    let after = audit[0].after.as_deref().expect("after");
    assert!(after.contains("Ann@School.nl") && !after.contains("argon2"), "no password hash in the audit: {after}");
}

pub async fn same_email_is_a_duplicate(store: Arc<dyn Store>) {
    let s = &*store;
    s.create_user(&new_user("ann@school.nl"), &actor(), NOW).await.expect("create");
    let detail = assert_duplicate(s.create_user(&new_user("ANN@school.nl"), &actor(), NOW).await);
    assert!(detail.contains("e-mailadres"), "{detail}");
    assert_eq!(s.list_users().await.expect("list").len(), 1);
    assert_eq!(all_audit(s).await.len(), 1, "the failed create left no audit entry");
}

pub async fn update_user_checks_versions(store: Arc<dyn Store>) {
    let s = &*store;
    let admin = s.create_user(&new_user("admin@koers.nl"), &actor(), NOW).await.expect("admin");
    let who = Actor { user_id: Some(admin.id), label: admin.email.to_string() };
    let user = s.create_user(&new_user("ann@school.nl"), &who, NOW).await.expect("create");
    let update = UserUpdate { name: Some("Ann de Vries".into()), active: Some(false), ..UserUpdate::default() };
    let updated = s.update_user(user.id, 1, &update, &who, NOW + 1).await.expect("update");
    assert_eq!((updated.name.as_str(), updated.active, updated.version), ("Ann de Vries", false, 2));
    assert_eq!((updated.locale.as_str(), updated.email.as_str()), ("nl", "ann@school.nl"));
    assert_eq!(s.user(user.id).await.expect("read"), updated);

    let stale = UserUpdate { locale: Some("en".into()), ..UserUpdate::default() };
    match s.update_user(user.id, 1, &stale, &who, NOW + 2).await {
        Err(StoreError::Conflict { expected: 1, actual: 2 }) => {}
        other => panic!("expected Conflict 1/2, got {other:?}"),
    }
    assert_eq!(s.user(user.id).await.expect("read").locale, "nl");
    assert_not_found(s.update_user(UserId::new(user.id.get() + 1000), 1, &stale, &who, NOW).await);

    let password = UserUpdate { password_hash: Some("$argon2id$new".into()), ..UserUpdate::default() };
    assert_eq!(s.update_user(user.id, 2, &password, &who, NOW + 3).await.expect("password").version, 3);
    assert_eq!(s.user(user.id).await.expect("read").password_hash, "$argon2id$new");

    let audit = audit_of(s, AuditEntity::User, user.id).await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["update", "update", "create"]);
    assert_eq!((audit[1].actor_user_id, audit[1].actor_label.as_str()), (Some(admin.id), "admin@koers.nl"));
    assert_eq!(snapshot(audit[1].before.as_deref())["active"], true);
    assert_eq!(snapshot(audit[1].after.as_deref())["active"], false);
}

pub async fn grants_are_added_listed_and_removed(store: Arc<dyn Store>) {
    let s = &*store;
    let user = s.create_user(&new_user("ann@school.nl"), &actor(), NOW).await.expect("user");
    let grants = [
        Grant { role: RoleKind::Beheerder, scope: Scope::Global },
        Grant { role: RoleKind::Schoolleider, scope: Scope::School(SchoolId::new(5)) },
        Grant { role: RoleKind::Bestuurder, scope: Scope::Board(BoardNumber::new(41646)) },
        Grant { role: RoleKind::Expert, scope: Scope::Programme("gwgb-plus-school".into()) },
    ];
    let mut ids = Vec::new();
    for g in &grants {
        let record = s.add_grant(user.id, g, &actor(), NOW).await.expect("add grant");
        assert_eq!((record.user_id, &record.grant), (user.id, g));
        ids.push(record.id);
    }
    let stored = s.grants_of_user(user.id).await.expect("grants");
    assert_eq!(stored.iter().map(|g| g.grant.clone()).collect::<Vec<_>>(), grants);
    assert_duplicate(s.add_grant(user.id, &grants[1], &actor(), NOW).await);
    assert_not_found(s.add_grant(UserId::new(user.id.get() + 1000), &grants[0], &actor(), NOW).await);

    s.remove_grant(ids[1], &actor(), NOW + 1).await.expect("remove");
    assert_eq!(s.grants_of_user(user.id).await.expect("grants").len(), 3);
    assert_not_found(s.remove_grant(ids[1], &actor(), NOW + 2).await);
    assert!(s.grants_of_user(UserId::new(user.id.get() + 1000)).await.expect("none").is_empty());

    let audit = audit_of(s, AuditEntity::Grant, ids[1]).await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["delete", "create"]);
    assert_eq!(snapshot(audit[0].before.as_deref())["grant"]["role"], "schoolleider");
    assert!(audit[0].after.is_none());
}

pub async fn api_tokens_are_found_by_hash_until_revoked(store: Arc<dyn Store>) {
    let s = &*store;
    let user = s.create_user(&new_user("ann@school.nl"), &actor(), NOW).await.expect("user");
    let new = |hash: &str| NewApiToken {
        user_id: user.id,
        name: "rapportage".into(),
        token_hash: hash.into(),
        created_at: NOW,
        scope: "read-write".into(),
    };
    let token = s.create_api_token(&new("ab12"), &actor(), NOW).await.expect("create");
    assert_eq!((token.revoked, token.last_used_at, token.token_hash.as_str()), (false, None, "ab12"));
    assert_eq!(s.api_token_by_hash("ab12", NOW).await.expect("scope kept").scope(), TokenScope::ReadWrite);
    assert_duplicate(s.create_api_token(&new("ab12"), &actor(), NOW).await);
    assert_not_found(
        s.create_api_token(&NewApiToken { user_id: UserId::new(user.id.get() + 1000), ..new("cd34") }, &actor(), NOW)
            .await,
    );

    let used = s.api_token_by_hash("ab12", NOW + 60).await.expect("by hash");
    assert_eq!((used.id, used.last_used_at), (token.id, Some(NOW + 60)));
    assert_eq!(s.api_tokens_of_user(user.id).await.expect("list")[0].last_used_at, Some(NOW + 60));
    assert_not_found(s.api_token_by_hash("ffff", NOW).await);

    s.revoke_api_token(token.id, &actor(), NOW + 120).await.expect("revoke");
    s.revoke_api_token(token.id, &actor(), NOW + 121).await.expect("revoking twice is harmless");
    assert_not_found(s.api_token_by_hash("ab12", NOW + 180).await);
    assert_not_found(s.revoke_api_token(unknown(token.id, 1000), &actor(), NOW).await);
    let listed = s.api_tokens_of_user(user.id).await.expect("list");
    assert_eq!((listed.len(), listed[0].revoked, listed[0].last_used_at), (1, true, Some(NOW + 60)));

    let audit = audit_of(s, AuditEntity::ApiToken, token.id).await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["update", "create"]);
    assert_eq!(snapshot(audit[0].after.as_deref())["revoked"], true);
    assert!(!audit[1].after.as_deref().unwrap_or_default().contains("ab12"), "no token hash in the audit");
}

pub async fn tokens_are_revoked_on_password_change_and_deactivation(store: Arc<dyn Store>) {
    let s = &*store;
    let mut tokens = Vec::new();
    for email in ["ann@school.nl", "bob@school.nl", "cor@school.nl"] {
        let user = s.create_user(&new_user(email), &actor(), NOW).await.expect("user");
        for (i, scope) in ["read", "read-write"].into_iter().enumerate() {
            let t = NewApiToken {
                user_id: user.id,
                name: format!("t{i}"),
                token_hash: format!("{email}-{i}"),
                created_at: NOW,
                scope: scope.into(),
            };
            s.create_api_token(&t, &actor(), NOW).await.expect("token");
        }
        tokens.push((user, format!("{email}-0"), format!("{email}-1")));
    }
    let [(ann, ann0, ann1), (bob, bob0, bob1), (cor, cor0, cor1)] = tokens.try_into().expect("three");
    let renamed = UserUpdate { name: Some("Ann".into()), ..UserUpdate::default() };
    s.update_user(ann.id, ann.version, &renamed, &actor(), NOW + 1).await.expect("rename");
    assert!(s.api_token_by_hash(&ann0, NOW + 2).await.is_ok(), "a new name keeps the tokens");
    let ann = s.user(ann.id).await.expect("ann");
    let password = UserUpdate { password_hash: Some("$argon2id$new".into()), ..UserUpdate::default() };
    s.update_user(ann.id, ann.version, &password, &actor(), NOW + 3).await.expect("password");
    let deactivate = UserUpdate { active: Some(false), ..UserUpdate::default() };
    s.update_user(bob.id, bob.version, &deactivate, &actor(), NOW + 3).await.expect("deactivate");
    for gone in [&ann0, &ann1, &bob0, &bob1] {
        assert_not_found(s.api_token_by_hash(gone, NOW + 4).await);
    }
    for kept in [&cor0, &cor1] {
        assert!(s.api_token_by_hash(kept, NOW + 4).await.is_ok(), "another user's tokens stay");
    }
    let revoked = s.api_tokens_of_user(ann.id).await.expect("list");
    assert!(revoked.iter().all(|t| t.revoked));
    let audit = audit_of(s, AuditEntity::ApiToken, revoked[0].id).await;
    assert_eq!(audit[0].action, "update", "each revocation is audited");
    assert_eq!(snapshot(audit[0].after.as_deref())["revoked"], true);
    let _ = cor;
}
