// Just over ~400 lines: the workflow cases share fixtures; split by step when one is added.
//! Cases: the programme workflow — programme definitions, applications and their reference
//! numbers, board-approval links.

use koers_core::ids::{BoardNumber, SchoolId, UserId};
use koers_core::workflow::Status;
use std::sync::Arc;

use koers_app::store::{
    ApplicationFilter, ApplicationRecord, ApplicationStateWrite, NewApplication, ProgrammeWrite, Store, StoreError,
};

use super::data::*;
use koers_app::store::AuditEntity;

/// 2026-01-01T00:00:00Z (01:00 in Amsterdam).
pub const NEW_YEAR_2026: i64 = 1_767_225_600;

/// A programme definition to create.
pub fn programme_write(id: &str, name: &str) -> ProgrammeWrite {
    ProgrammeWrite {
        id: id.into(),
        name: name.into(),
        definition_toml: format!("id = \"{id}\"\nname = \"{name}\"\n"),
        active: true,
        expected_version: None,
    }
}

/// An application for `programme_id`, just submitted (`ingediend`).
pub fn new_application(programme_id: &str, contact_name: &str, help_question: &str) -> NewApplication {
    NewApplication {
        programme_id: programme_id.into(),
        school_id: None,
        board_number: None,
        contact_name: contact_name.into(),
        contact_email: "contact@school.nl".into(),
        contact_phone: None,
        help_question: help_question.into(),
        eligibility_json: None,
        entry_facts_json: None,
        state_json: "{\"status\":\"ingediend\"}".into(),
        status: Status::Ingediend,
        submitted_by: None,
    }
}

/// A transition of version `expected_version` to `status`, audited as `action`.
pub fn transition(expected_version: i64, status: &str, action: &str) -> ApplicationStateWrite {
    ApplicationStateWrite {
        expected_version,
        state_json: format!("{{\"status\":\"{status}\"}}"),
        status: Status::from_code(status).expect("a known status code"),
        action: action.into(),
    }
}

/// Create one application at `now` (for builders of other cases).
pub async fn add_application(store: &dyn Store, a: &NewApplication, now: i64) -> ApplicationRecord {
    store.create_application(a, &actor(), now).await.expect("create application")
}

#[track_caller]
fn assert_conflict<T: std::fmt::Debug>(result: Result<T, StoreError>, expected: i64, actual: i64) {
    match result {
        Err(StoreError::Conflict { expected: e, actual: a }) if (e, a) == (expected, actual) => {}
        other => panic!("expected Conflict {expected}/{actual}, got {other:?}"),
    }
}

pub async fn programme_definitions_are_created_updated_and_versioned(store: Arc<dyn Store>) {
    let s = &*store;
    assert!(s.programme_definitions().await.expect("none yet").is_empty());
    let school =
        s.save_programme_definition(&programme_write("p-school", "School"), &actor(), NOW).await.expect("create");
    assert_eq!((school.version, school.updated_at, school.active), (1, NOW, true));
    let bestuur = programme_write("a-bestuur", "Bestuur");
    s.save_programme_definition(&bestuur, &actor(), NOW).await.expect("create");
    let ids: Vec<_> = s.programme_definitions().await.expect("list").into_iter().map(|p| p.id).collect();
    assert_eq!(ids, ["a-bestuur", "p-school"]);
    assert_eq!(s.programme_definition("p-school").await.expect("read"), school);
    assert_not_found(s.programme_definition("onbekend").await);

    let detail = assert_duplicate(s.save_programme_definition(&bestuur, &actor(), NOW).await);
    assert!(detail.contains("programma"), "{detail}");

    let edit = ProgrammeWrite {
        name: "School (nieuw)".into(),
        active: false,
        expected_version: Some(1),
        ..programme_write("p-school", "")
    };
    let edited = s.save_programme_definition(&edit, &actor(), NOW + 5).await.expect("update");
    assert_eq!(
        (edited.name.as_str(), edited.active, edited.version, edited.updated_at),
        ("School (nieuw)", false, 2, NOW + 5)
    );
    assert_eq!(s.programme_definition("p-school").await.expect("read"), edited);

    // Stale: nothing changes. Unknown id: NotFound. Unchanged: no write, no audit.
    let stale = ProgrammeWrite { name: "Verloren".into(), ..edit.clone() };
    assert_conflict(s.save_programme_definition(&stale, &actor(), NOW + 6).await, 1, 2);
    assert_eq!(s.programme_definition("p-school").await.expect("read"), edited);
    let unknown = ProgrammeWrite { expected_version: Some(1), ..programme_write("onbekend", "X") };
    assert_not_found(s.save_programme_definition(&unknown, &actor(), NOW).await);
    let same = ProgrammeWrite { expected_version: Some(2), ..edit.clone() };
    assert_eq!(s.save_programme_definition(&same, &actor(), NOW + 7).await.expect("unchanged"), edited);

    let audit = audit_of(s, AuditEntity::Programme, "p-school").await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["update", "create"]);
    assert_eq!(snapshot(audit[0].before.as_deref())["name"], "School");
    assert_eq!(snapshot(audit[0].after.as_deref())["version"], 2);
    assert_eq!(all_audit(s).await.len(), 3, "two creates and one update");
}

pub async fn concurrent_programme_saves_one_wins_the_other_conflicts(store: Arc<dyn Store>) {
    store.save_programme_definition(&programme_write("p", "Origineel"), &actor(), NOW).await.expect("create");
    let save = |name: &str| {
        let store = store.clone();
        let write = ProgrammeWrite { expected_version: Some(1), ..programme_write("p", name) };
        tokio::spawn(async move { store.save_programme_definition(&write, &actor(), NOW + 1).await })
    };
    let (a, b) = (save("Versie A"), save("Versie B"));
    let results = [a.await.expect("task a"), b.await.expect("task b")];
    let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "exactly one save wins: {results:?}");
    let loser = results.iter().find_map(|r| r.as_ref().err()).expect("one save loses");
    assert!(matches!(loser, StoreError::Conflict { expected: 1, actual: 2 }), "{loser:?}");
    assert_eq!(store.programme_definition("p").await.expect("read"), *winners[0]);
    assert_eq!(audit_of(&*store, AuditEntity::Programme, "p").await.len(), 2, "create + the winner's update");
}

pub async fn applications_round_trip_with_reference_numbers(store: Arc<dyn Store>) {
    let s = &*store;
    let school = one_school(s).await;
    let user = s.create_user(&new_user("ann@school.nl"), &actor(), NOW).await.expect("user");
    let full = NewApplication {
        school_id: Some(school.id),
        board_number: Some(BoardNumber::new(41646)),
        contact_phone: Some("030 123 45 67".into()),
        eligibility_json: Some("{\"eligible\":true}".into()),
        entry_facts_json: Some("{\"inspectie\":\"voldoende\"}".into()),
        submitted_by: Some(user.id),
        ..new_application("gwgb-plus-school", "Ann de Vries", "Hulp bij taal")
    };
    let first = s.create_application(&full, &actor(), NOW).await.expect("create");
    assert_eq!(first.reference.to_string(), "KRS-2025-000001");
    assert_eq!((first.version, first.created_at, first.updated_at), (1, NOW, NOW));
    assert_eq!(
        (first.school_id, first.board_number, first.submitted_by),
        (Some(school.id), Some(BoardNumber::new(41646)), Some(user.id))
    );
    assert_eq!(first.contact_phone.as_deref(), Some("030 123 45 67"));
    assert_eq!(first.eligibility_json.as_deref(), Some("{\"eligible\":true}"));
    assert_eq!((first.status.code(), first.state_json.as_str()), ("ingediend", "{\"status\":\"ingediend\"}"));
    assert_eq!(s.application(first.id).await.expect("by id"), first);
    assert_eq!(s.application_by_reference("KRS-2025-000001").await.expect("by reference"), first);
    assert_not_found(s.application(unknown(first.id, 1000)).await);
    assert_not_found(s.application_by_reference("KRS-2025-999999").await);

    let bare = add_application(s, &new_application("gwgb-plus-school", "Bob", "Rekenen"), NOW + 1).await;
    assert_eq!(bare.reference.to_string(), "KRS-2025-000002");
    assert_eq!((bare.school_id, bare.contact_phone.as_deref(), bare.eligibility_json.as_deref()), (None, None, None));
    assert_eq!(s.application(bare.id).await.expect("by id"), bare);

    // A failed insert (unknown school, unknown user) gives its number back: no gaps.
    let unknown_school = NewApplication { school_id: Some(SchoolId::new(school.id.get() + 1000)), ..full.clone() };
    assert_not_found(s.create_application(&unknown_school, &actor(), NOW + 2).await);
    let unknown_user = NewApplication { submitted_by: Some(UserId::new(user.id.get() + 1000)), ..full.clone() };
    assert_not_found(s.create_application(&unknown_user, &actor(), NOW + 2).await);
    assert_eq!(add_application(s, &full, NOW + 3).await.reference.to_string(), "KRS-2025-000003");

    let audit = audit_of(s, AuditEntity::Application, first.id).await;
    assert_eq!(audit.len(), 1);
    assert_eq!((audit[0].action.as_str(), audit[0].at, audit[0].before.as_deref()), ("create", NOW, None));
    assert_eq!(snapshot(audit[0].after.as_deref())["reference"], "KRS-2025-000001");
    assert_eq!(all_audit(s).await.len(), 2 + 3, "school + user + three applications");
}

pub async fn reference_numbers_restart_every_year(store: Arc<dyn Store>) {
    let s = &*store;
    let a = new_application("gwgb-plus-school", "Ann", "Taal");
    let reference = |r: ApplicationRecord| r.reference.to_string();
    assert_eq!(reference(add_application(s, &a, NOW).await), "KRS-2025-000001");
    assert_eq!(reference(add_application(s, &a, NOW + 1).await), "KRS-2025-000002");
    // The year is Dutch: 23:59:59 on 31 December in Amsterdam is still 2025, 00:00 is 2026.
    assert_eq!(reference(add_application(s, &a, NEW_YEAR_2026 - 3601).await), "KRS-2025-000003");
    assert_eq!(reference(add_application(s, &a, NEW_YEAR_2026 - 3600).await), "KRS-2026-000001");
    assert_eq!(reference(add_application(s, &a, NEW_YEAR_2026 + 86_400).await), "KRS-2026-000002");
    // A late 2025 insert (clock skew, import) continues 2025's sequence.
    assert_eq!(reference(add_application(s, &a, NOW + 2).await), "KRS-2025-000004");
}

pub async fn concurrent_application_inserts_get_unique_gap_free_references(store: Arc<dyn Store>) {
    // Two handles on the same store, one insert each, in sequence.
    let (one, two) = (store.clone(), store.clone());
    let a = new_application("gwgb-plus-school", "Ann", "Taal");
    let first = one.create_application(&a, &actor(), NOW).await.expect("first handle");
    let second = two.create_application(&a, &actor(), NOW).await.expect("second handle");
    assert_eq!(
        (first.reference.to_string(), second.reference.to_string()),
        ("KRS-2025-000001".into(), "KRS-2025-000002".into())
    );

    // Eight at once: all succeed, numbers 3..=10, each once.
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let store = store.clone();
            let a = new_application("gwgb-plus-school", &format!("Aanvrager {i}"), "Taal");
            tokio::spawn(async move { store.create_application(&a, &actor(), NOW + 1).await })
        })
        .collect();
    let mut references = Vec::new();
    for task in tasks {
        references.push(task.await.expect("task").expect("concurrent insert").reference.to_string());
    }
    references.sort();
    let expected: Vec<_> = (3..=10).map(|n| format!("KRS-2025-{n:06}")).collect();
    assert_eq!(references, expected);
    let listed = store.list_applications(&ApplicationFilter::default()).await.expect("list");
    assert_eq!(listed.len(), 10);
}

pub async fn application_state_changes_check_versions_and_are_audited(store: Arc<dyn Store>) {
    let s = &*store;
    let app = add_application(s, &new_application("gwgb-plus-school", "Ann", "Taal"), NOW).await;
    let approved = s
        .update_application_state(app.id, &transition(1, "goedgekeurd", "board_approved"), &actor(), NOW + 10)
        .await
        .expect("approve");
    assert_eq!((approved.status.code(), approved.version, approved.updated_at), ("goedgekeurd", 2, NOW + 10));
    assert_eq!(approved.state_json, "{\"status\":\"goedgekeurd\"}");
    assert_eq!((approved.created_at, approved.reference), (NOW, app.reference));
    assert_eq!(s.application(app.id).await.expect("read"), approved);

    assert_conflict(
        s.update_application_state(app.id, &transition(1, "afgewezen", "rejected"), &actor(), NOW + 11).await,
        1,
        2,
    );
    assert_eq!(s.application(app.id).await.expect("read"), approved, "a stale transition changes nothing");
    assert_not_found(
        s.update_application_state(unknown(app.id, 1000), &transition(1, "goedgekeurd", "x"), &actor(), NOW).await,
    );

    // Two staff members act at once: one wins.
    let act = |status: &'static str| {
        let store = store.clone();
        tokio::spawn(async move {
            store.update_application_state(app.id, &transition(2, status, "intake_planned"), &actor(), NOW + 20).await
        })
    };
    let (a, b) = (act("kennismaking_gepland"), act("afgewezen"));
    let results = [a.await.expect("task a"), b.await.expect("task b")];
    let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "exactly one transition wins: {results:?}");
    assert!(results.iter().any(|r| matches!(r, Err(StoreError::Conflict { expected: 2, actual: 3 }))), "{results:?}");
    assert_eq!(s.application(app.id).await.expect("read"), *winners[0]);

    let audit = audit_of(s, AuditEntity::Application, app.id).await;
    assert_eq!(
        audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(),
        ["intake_planned", "board_approved", "create"]
    );
    assert_eq!(snapshot(audit[1].before.as_deref())["status"], "ingediend");
    assert_eq!(snapshot(audit[1].after.as_deref())["status"], "goedgekeurd");
    assert_eq!(snapshot(audit[1].after.as_deref())["version"], 2);
}

pub async fn list_applications_filters_and_orders_newest_first(store: Arc<dyn Store>) {
    let s = &*store;
    let schools = add_schools(s, &[insert("01AA", "Alfa", None, Some(7)), insert("02BB", "Beta", None, Some(8))]).await;
    let make = |programme: &str, name: &str, question: &str, school: usize, at: i64| {
        let a = NewApplication {
            school_id: Some(schools[school].id),
            board_number: schools[school].board_number,
            ..new_application(programme, name, question)
        };
        (a, at)
    };
    let rows = [
        make("gwgb-plus-school", "Ann de Vries", "Begrijpend LEZEN verbeteren", 0, NOW),
        make("gwgb-plus-school", "Bob Jansen", "Rekenen: 100% beter", 1, NOW + 1),
        make("leren-verbeteren-npo", "Cor Smit", "Taal en lezen", 0, NOW + 2),
        make("gwgb-plus-bestuur", "Dina_Bos", "Rekenen", 1, NOW + 3),
    ];
    let mut apps = Vec::new();
    for (a, at) in &rows {
        apps.push(add_application(s, a, *at).await);
    }
    s.update_application_state(apps[2].id, &transition(1, "goedgekeurd", "board_approved"), &actor(), NOW + 4)
        .await
        .expect("approve");

    let refs = |filter: ApplicationFilter| {
        let store = store.clone();
        async move {
            let listed = store.list_applications(&filter).await.expect("list");
            listed.into_iter().map(|a| a.contact_name).collect::<Vec<_>>()
        }
    };
    let all = ApplicationFilter::default();
    assert_eq!(refs(all.clone()).await, ["Dina_Bos", "Cor Smit", "Bob Jansen", "Ann de Vries"], "newest first");
    assert_eq!(
        refs(ApplicationFilter { programme_id: Some("gwgb-plus-school".into()), ..all.clone() }).await,
        ["Bob Jansen", "Ann de Vries"]
    );
    assert_eq!(
        refs(ApplicationFilter { status: Some(Status::from_code("goedgekeurd").expect("status")), ..all.clone() })
            .await,
        ["Cor Smit"]
    );
    assert_eq!(
        refs(ApplicationFilter { status: Some(Status::from_code("ingediend").expect("status")), ..all.clone() })
            .await
            .len(),
        3
    );
    assert_eq!(
        refs(ApplicationFilter { school_id: Some(schools[0].id), ..all.clone() }).await,
        ["Cor Smit", "Ann de Vries"]
    );
    assert_eq!(
        refs(ApplicationFilter { board_number: Some(BoardNumber::new(8)), ..all.clone() }).await,
        ["Dina_Bos", "Bob Jansen"]
    );
    assert!(refs(ApplicationFilter { board_number: Some(BoardNumber::new(9)), ..all.clone() }).await.is_empty());

    // Text: case-insensitive substring of reference, contact name or help question.
    let text = |t: &str| ApplicationFilter { text: Some(t.into()), ..all.clone() };
    assert_eq!(refs(text("lezen")).await, ["Cor Smit", "Ann de Vries"], "help question, any case");
    assert_eq!(refs(text("JANSEN")).await, ["Bob Jansen"], "contact name");
    assert_eq!(refs(text("krs-2025-000003")).await, ["Cor Smit"], "reference");
    assert_eq!(refs(text("100%")).await, ["Bob Jansen"], "% is literal");
    assert_eq!(refs(text("a_b")).await, ["Dina_Bos"], "_ is literal");
    assert!(refs(text("e_v")).await.is_empty(), "_ matches no other character ('de Vries')");
    assert_eq!(refs(text("%")).await, ["Bob Jansen"]);
    assert_eq!(refs(text("  ")).await.len(), 4, "blank text filters nothing");
    assert_eq!(
        refs(ApplicationFilter {
            text: Some("rekenen".into()),
            board_number: Some(BoardNumber::new(8)),
            ..all.clone()
        })
        .await,
        ["Dina_Bos", "Bob Jansen"],
        "filters combine"
    );
    assert_eq!(
        refs(ApplicationFilter {
            text: Some("rekenen".into()),
            programme_id: Some("gwgb-plus-bestuur".into()),
            ..all.clone()
        })
        .await,
        ["Dina_Bos"]
    );

    // A staff member's programmes, in SQL (so a page is full): none = nothing; paging after it.
    let only = |ids: &[&str]| ApplicationFilter {
        programme_ids: Some(ids.iter().map(|s| (*s).to_owned()).collect()),
        ..all.clone()
    };
    assert_eq!(refs(only(&["gwgb-plus-school"])).await, ["Bob Jansen", "Ann de Vries"]);
    assert_eq!(refs(only(&["gwgb-plus-bestuur", "leren-verbeteren-npo"])).await, ["Dina_Bos", "Cor Smit"]);
    assert!(refs(only(&[])).await.is_empty());
    assert!(refs(only(&["gwgb-plus"])).await.is_empty(), "whole ids only");
    assert_eq!(refs(ApplicationFilter { limit: 1, offset: 1, ..only(&["gwgb-plus-school"]) }).await, ["Ann de Vries"]);

    // Paging: limit 0 = all.
    assert_eq!(refs(ApplicationFilter { limit: 2, ..all.clone() }).await, ["Dina_Bos", "Cor Smit"]);
    assert_eq!(refs(ApplicationFilter { limit: 2, offset: 3, ..all.clone() }).await, ["Ann de Vries"]);
    assert_eq!(refs(ApplicationFilter { limit: 0, offset: 1, ..all.clone() }).await.len(), 3);
}

pub async fn approval_links_are_single_use(store: Arc<dyn Store>) {
    let s = &*store;
    let app = add_application(s, &new_application("gwgb-plus-bestuur", "Ann", "Taal"), NOW).await;
    let expires = NOW + 14 * 86_400;
    let link =
        s.create_approval_link(app.id, BoardNumber::new(41646), "hash-1", expires, NOW + 1).await.expect("create");
    assert_eq!(
        (link.application_id, link.board_number, link.token_hash.as_str()),
        (app.id, BoardNumber::new(41646), "hash-1")
    );
    assert_eq!((link.expires_at, link.used_at, link.created_at), (expires, None, NOW + 1));
    assert_eq!(s.approval_link("hash-1").await.expect("by hash"), link);
    assert_not_found(s.approval_link("hash-unknown").await);
    assert_duplicate(s.create_approval_link(app.id, BoardNumber::new(41646), "hash-1", expires, NOW + 1).await);
    assert_not_found(
        s.create_approval_link(unknown(app.id, 1000), BoardNumber::new(41646), "hash-2", expires, NOW).await,
    );

    s.use_approval_link(link.id, NOW + 60).await.expect("first use");
    assert_eq!(s.approval_link("hash-1").await.expect("read").used_at, Some(NOW + 60));
    match s.use_approval_link(link.id, NOW + 61).await {
        Err(StoreError::Conflict { .. }) => {}
        other => panic!("a second use is a Conflict, got {other:?}"),
    }
    assert_eq!(s.approval_link("hash-1").await.expect("read").used_at, Some(NOW + 60), "the first use stays");
    assert_not_found(s.use_approval_link(unknown(link.id, 1000), NOW).await);

    // Two clicks at once: one wins.
    let other = s.create_approval_link(app.id, BoardNumber::new(41646), "hash-3", expires, NOW).await.expect("create");
    let click = |at| {
        let store = store.clone();
        tokio::spawn(async move { store.use_approval_link(other.id, at).await })
    };
    let (a, b) = (click(NOW + 100), click(NOW + 101));
    let results = [a.await.expect("task a"), b.await.expect("task b")];
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    assert!(results.iter().any(|r| matches!(r, Err(StoreError::Conflict { .. }))), "{results:?}");

    let audit = audit_of(s, AuditEntity::ApprovalLink, link.id).await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["use", "create"]);
    assert_eq!(snapshot(audit[0].after.as_deref())["used_at"], NOW + 60);
    assert!(snapshot(audit[0].before.as_deref())["used_at"].is_null());
    assert_eq!(snapshot(audit[1].after.as_deref())["application_id"], app.id.get());
    for entry in audit {
        let text = format!("{:?}{:?}", entry.before, entry.after);
        assert!(!text.contains("hash-1"), "no token hash in the audit: {text}");
    }
    assert_eq!(audit_of(s, AuditEntity::ApprovalLink, other.id).await.len(), 2, "create + the winning use");
}
