//! Cases: use cases that must be atomic — submitting an application (application, approval
//! link and mails together or not at all) and the "last active beheerder" invariant checked
//! inside the write's transaction.

use koers_core::ids::{BoardNumber, SchoolId};
use std::sync::Arc;

use koers_app::store::{NewApprovalLink, NewMail, Store, StoreError, Submission, UserUpdate};
use koers_core::access::{Grant, RoleKind, Scope};

use super::data::*;
use super::workflow::*;

fn submission(help: &str, token_hash: &str) -> Submission {
    Submission {
        application: new_application("gwgb-plus-school", "Ann de Vries", help),
        approval_link: Some(NewApprovalLink {
            board_number: BoardNumber::new(41646),
            token_hash: token_hash.into(),
            expires_at: NOW + 14 * 86_400,
        }),
        mails: vec![
            NewMail {
                to_address: "ann@school.nl".into(),
                subject: "Ontvangstbevestiging aanmelding {reference}".into(),
                body_text: "Referentienummer: {reference}".into(),
            },
            NewMail {
                to_address: "bestuur@bestuur.nl".into(),
                subject: "Goedkeuring gevraagd: aanmelding {reference}".into(),
                body_text: "Keur goed".into(),
            },
        ],
        verdicts: vec![],
    }
}

pub async fn a_submission_commits_application_link_and_mails_together(store: Arc<dyn Store>) {
    let s = &*store;
    let a = s.submit_application(&submission("Hulp", &"a".repeat(64)), &actor(), NOW).await.expect("submit");
    assert_eq!(s.application(a.id).await.expect("stored"), a);
    let link = s.approval_link(&"a".repeat(64)).await.expect("link stored");
    assert_eq!((link.application_id, link.board_number), (a.id, BoardNumber::new(41646)));
    let mut mails = s.outbox(false, 0).await.expect("outbox");
    mails.sort_by_key(|m| m.id);
    let subjects: Vec<&str> = mails.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            format!("Ontvangstbevestiging aanmelding {}", a.reference),
            format!("Goedkeuring gevraagd: aanmelding {}", a.reference)
        ]
    );
    assert_eq!(mails[0].body_text, format!("Referentienummer: {}", a.reference));
}

/// An injected failure late in the unit (the approval link's token hash is already taken, so
/// its insert fails after the application was inserted): nothing of the submission remains,
/// and the reference number is given back.
pub async fn a_failed_submission_leaves_no_application_link_or_mail(store: Arc<dyn Store>) {
    let s = &*store;
    let first = s.submit_application(&submission("Eerste", &"b".repeat(64)), &actor(), NOW).await.expect("first");
    let mails_before = s.outbox(false, 0).await.expect("outbox").len();
    let audit_before = all_audit(s).await.len();
    let failed = s.submit_application(&submission("Tweede", &"b".repeat(64)), &actor(), NOW + 1).await;
    assert!(matches!(failed, Err(StoreError::Duplicate(_))), "{failed:?}");
    let apps = s.list_applications(&Default::default()).await.expect("list");
    assert_eq!(apps.iter().map(|a| a.id).collect::<Vec<_>>(), [first.id], "no second application");
    assert_eq!(s.outbox(false, 0).await.expect("outbox").len(), mails_before, "no mails of the failed submission");
    assert_eq!(all_audit(s).await.len(), audit_before, "no audit entry of the failed submission");
    let next = s.submit_application(&submission("Derde", &"c".repeat(64)), &actor(), NOW + 2).await.expect("next");
    assert_eq!(next.reference.sequence(), first.reference.sequence() + 1, "the failed number was given back");
}

pub async fn the_last_active_beheerder_cannot_be_deactivated_or_lose_the_role(store: Arc<dyn Store>) {
    let s = &*store;
    let bea = s.create_user(&new_user("bea@koers.nl"), &actor(), NOW).await.expect("bea");
    let role = s
        .add_grant(bea.id, &Grant { role: RoleKind::Beheerder, scope: Scope::Global }, &actor(), NOW)
        .await
        .expect("grant");
    let deactivate = UserUpdate { active: Some(false), ..UserUpdate::default() };
    let refused = s.update_user(bea.id, bea.version, &deactivate, &actor(), NOW + 1).await;
    assert!(matches!(refused, Err(StoreError::LastBeheerder)), "{refused:?}");
    assert!(s.user(bea.id).await.expect("bea").active, "still active");
    let refused = s.remove_grant(role.id, &actor(), NOW + 1).await;
    assert!(matches!(refused, Err(StoreError::LastBeheerder)), "{refused:?}");
    assert_eq!(s.grants_of_user(bea.id).await.expect("grants").len(), 1, "role kept");

    // With a second active beheerder both are allowed.
    let bo = s.create_user(&new_user("bo@koers.nl"), &actor(), NOW).await.expect("bo");
    s.add_grant(bo.id, &Grant { role: RoleKind::Beheerder, scope: Scope::Global }, &actor(), NOW).await.expect("grant");
    s.remove_grant(role.id, &actor(), NOW + 2).await.expect("bea's role can go now");
    // A user without the role can always be deactivated, even with no beheerder left.
    let cor = s.create_user(&new_user("cor@koers.nl"), &actor(), NOW).await.expect("cor");
    let school = Grant { role: RoleKind::Schoolleider, scope: Scope::School(SchoolId::new(1)) };
    s.add_grant(cor.id, &school, &actor(), NOW).await.ok();
    s.update_user(cor.id, cor.version, &deactivate, &actor(), NOW + 3).await.expect("cor deactivated");
}
