//! Cases: Inspectie verdicts as data (issue 10 §2) — recorded, confirmed, changed and deleted
//! with the optimistic version and an audit entry (before and after) in the write's transaction.

use koers_core::ids::SchoolId;
use std::sync::Arc;

use koers_app::store::{NewVerdict, Store, StoreError};

use super::data::*;
use koers_app::store::AuditEntity;

fn verdict(school_id: SchoolId, date: &str, oordeel: &str, status: &str) -> NewVerdict {
    NewVerdict {
        school_id: Some(school_id),
        board_number: None,
        verdict_date: date.into(),
        oordeel: oordeel.into(),
        afdeling: Some("havo".into()),
        herstelopdracht: false,
        risk_investigation: false,
        source: "verklaard in de aanmelding".into(),
        status: status.into(),
    }
}

pub async fn verdicts_are_recorded_confirmed_changed_and_deleted_with_versions(store: Arc<dyn Store>) {
    let s = &*store;
    let school = one_school(s).await;
    let declared = s.add_verdict(&verdict(school.id, "2025-03-12", "onvoldoende", "verklaard"), &actor(), NOW).await;
    let declared = declared.expect("add");
    assert_eq!(
        (declared.status.as_str(), declared.version, declared.afdeling.as_deref(), declared.recorded_at),
        ("verklaard", 1, Some("havo"), NOW)
    );
    assert_eq!(s.verdict(declared.id).await.expect("read"), declared);
    let confirmed = s.confirm_verdict(declared.id, 1, &actor(), NOW + 1).await.expect("confirm");
    assert_eq!(
        (confirmed.status.as_str(), confirmed.version, confirmed.confirmed_at),
        ("vastgesteld", 2, Some(NOW + 1))
    );

    // A change with a stale version changes nothing; with the current one it changes the facts
    // (not whose it is, nor its status) and is audited with before and after.
    let mut change = verdict(school.id, "2025-04-01", "zeer_zwak", "verklaard");
    change.herstelopdracht = true;
    change.afdeling = None;
    change.source = "rapport Inspectie 1 april 2025".into();
    match s.update_verdict(declared.id, 1, &change, &actor(), NOW + 2).await {
        Err(StoreError::Conflict { .. }) => {}
        other => panic!("a stale version is a Conflict, got {other:?}"),
    }
    assert_eq!(s.verdict(declared.id).await.expect("read"), confirmed, "nothing changed");
    let changed = s.update_verdict(declared.id, 2, &change, &actor(), NOW + 3).await.expect("update");
    assert_eq!(
        (
            changed.verdict_date.as_str(),
            changed.oordeel.as_str(),
            changed.afdeling.as_deref(),
            changed.herstelopdracht,
            changed.source.as_str(),
            changed.status.as_str(),
            changed.version
        ),
        ("2025-04-01", "zeer_zwak", None, true, "rapport Inspectie 1 april 2025", "vastgesteld", 3)
    );
    assert_eq!(s.verdicts_of_school(school.id).await.expect("list"), vec![changed.clone()]);
    let audit = audit_of(s, AuditEntity::Verdict, declared.id).await;
    let update = audit.iter().find(|a| a.action == "update").expect("update audited");
    assert!(update.before.as_deref().is_some_and(|b| b.contains("onvoldoende")), "{update:?}");
    assert!(update.after.as_deref().is_some_and(|a| a.contains("zeer_zwak")), "{update:?}");

    // Deleting: stale → Conflict and kept; current → gone, audited with what it was.
    assert!(matches!(s.delete_verdict(declared.id, 2, &actor(), NOW + 4).await, Err(StoreError::Conflict { .. })));
    assert_eq!(s.verdict(declared.id).await.expect("kept"), changed);
    s.delete_verdict(declared.id, 3, &actor(), NOW + 5).await.expect("delete");
    assert_not_found(s.verdict(declared.id).await);
    assert!(s.verdicts_of_school(school.id).await.expect("list").is_empty());
    let audit = audit_of(s, AuditEntity::Verdict, declared.id).await;
    let delete = audit.iter().find(|a| a.action == "delete").expect("delete audited");
    assert!(delete.before.as_deref().is_some_and(|b| b.contains("zeer_zwak")), "{delete:?}");
    // Changing or deleting what is gone: NotFound (or a Conflict), never a panic.
    assert!(matches!(
        s.update_verdict(declared.id, 3, &change, &actor(), NOW + 6).await,
        Err(StoreError::NotFound | StoreError::Conflict { .. })
    ));
    assert!(matches!(
        s.delete_verdict(declared.id, 3, &actor(), NOW + 7).await,
        Err(StoreError::NotFound | StoreError::Conflict { .. })
    ));
}
