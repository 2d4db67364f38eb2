//! Cases: the audit log itself.

use koers_core::ids::{BoardNumber, UserId};
use std::sync::Arc;

use koers_app::store::{AuditFilter, NewAudit, SchoolEdit, Store};

use super::data::*;

pub async fn audit_log_filters_pages_and_orders_newest_first(store: Arc<dyn Store>) {
    let s = &*store;
    let user = s.create_user(&new_user("ann@school.nl"), &actor(), NOW).await.expect("user");
    let entry = |at, action: &str, entity_id: &str, user_id| NewAudit {
        at,
        actor_user_id: user_id,
        actor_label: "ann@school.nl".into(),
        action: action.into(),
        entity: koers_app::store::AuditEntity::Session,
        entity_id: entity_id.into(),
        before: None,
        after: Some("{\"ip\":\"127.0.0.1\"}".into()),
    };
    s.append_audit(&entry(NOW + 1, "login", "s1", Some(user.id))).await.expect("append");
    s.append_audit(&entry(NOW + 3, "logout", "s1", Some(user.id))).await.expect("append");
    s.append_audit(&entry(NOW + 2, "login_failed", "s2", None)).await.expect("append");

    let sessions = AuditFilter { entity: Some(koers_app::store::AuditEntity::Session), ..AuditFilter::default() };
    let listed = s.audit_log(&sessions).await.expect("filter");
    assert_eq!(listed.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["logout", "login_failed", "login"]);
    assert_eq!(listed[0].after.as_deref(), Some("{\"ip\":\"127.0.0.1\"}"));
    assert_eq!((listed[1].actor_user_id, listed[1].before.as_deref()), (None, None));

    let s1 = AuditFilter { entity_id: Some("s1".into()), ..sessions.clone() };
    assert_eq!(s.audit_log(&s1).await.expect("by id").len(), 2);
    let by_actor = AuditFilter { actor_user_id: Some(user.id), ..AuditFilter::default() };
    assert_eq!(s.audit_log(&by_actor).await.expect("by actor").len(), 2);
    let page = AuditFilter { limit: 1, offset: 1, ..sessions.clone() };
    assert_eq!(s.audit_log(&page).await.expect("page")[0].action, "login_failed");

    let all = all_audit(s).await;
    assert_eq!(all.len(), 4, "three appended + the user creation");
    assert_eq!(all.last().map(|a| a.entity.code()), Some("user"));
    assert_not_found(s.append_audit(&entry(NOW, "login", "s3", Some(UserId::new(user.id.get() + 1000)))).await);
}

pub async fn reads_write_no_audit_entries(store: Arc<dyn Store>) {
    let s = &*store;
    let school = one_school(s).await;
    let user = s.create_user(&new_user("ann@school.nl"), &actor(), NOW).await.expect("user");
    let before = all_audit(s).await.len();
    s.school(school.id).await.expect("school");
    s.school_by_ovt(school.ovt.as_str()).await.expect("by ovt");
    s.all_schools().await.expect("all");
    s.search_schools("regen", 10).await.expect("search");
    s.schools_of_board(BoardNumber::new(41646)).await.expect("of board");
    s.results_of_school(school.id).await.expect("results");
    s.all_results().await.expect("all results");
    s.published_of_school(school.id).await.expect("published");
    s.all_published().await.expect("all published");
    s.weging_years_of_school(school.id).await.expect("weging");
    s.user(user.id).await.expect("user");
    s.user_by_email("ANN@school.nl").await.expect("by email");
    s.list_users().await.expect("users");
    s.grants_of_user(user.id).await.expect("grants");
    s.api_tokens_of_user(user.id).await.expect("tokens");
    s.programme_definitions().await.expect("programmes");
    assert_not_found(s.api_token_by_hash("none", NOW).await);
    // A no-op edit (no fields) is not a change either.
    s.edit_school(school.id, 1, &SchoolEdit::default(), &actor(), NOW).await.expect("empty edit");
    assert_eq!(all_audit(s).await.len(), before);
    assert_eq!(before, 2, "one entry per change: school + user");
}
