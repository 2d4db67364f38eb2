//! Cases of issue 11: expert invitations (item 7) and stored import runs (item 2).

use koers_core::ids::ExpertId;
use std::sync::Arc;

use koers_app::store::{
    AuditFilter, ExpertInvitation, KEPT_IMPORT_RUNS, NewImportRun, NewMail, RowError, Store, StoreError,
};

use super::data::*;
use super::experts::expert_write;

fn invitation(expert_id: ExpertId, email: &str, at: i64) -> ExpertInvitation {
    ExpertInvitation { expert_id, email: email.into(), invited_at: at, invited_by: "staf@koers.nl".into() }
}

fn mail(to: &str) -> NewMail {
    NewMail { to_address: to.into(), subject: "Uitnodiging".into(), body_text: "Log in en bevestig.".into() }
}

pub async fn expert_invitations_link_once_and_only_the_invited_address(store: Arc<dyn Store>) {
    let s = &*store;
    let e = s.save_expert(&expert_write("Iris", "iris@expert.nl"), &actor(), NOW).await.expect("expert");
    let iris = s.create_user(&new_user("iris@expert.nl"), &actor(), NOW).await.expect("user");
    let other = s.create_user(&new_user("ander@expert.nl"), &actor(), NOW).await.expect("user");
    assert!(s.expert_invitation(e.id).await.expect("none").is_none());
    // Stored lower-cased, with its mail in the same transaction, audited as `invite`.
    s.invite_expert(&invitation(e.id, "Ander@Expert.nl", NOW), &mail("ander@expert.nl"), &actor())
        .await
        .expect("invite");
    assert_eq!(s.expert_invitation(e.id).await.expect("one"), Some(invitation(e.id, "ander@expert.nl", NOW)));
    assert_eq!(s.outbox(false, 0).await.expect("outbox").len(), 1);
    // A new one replaces it.
    s.invite_expert(&invitation(e.id, "iris@expert.nl", NOW + 1), &mail("iris@expert.nl"), &actor())
        .await
        .expect("again");
    assert_eq!(
        s.expert_invitations_for("IRIS@expert.nl").await.expect("for"),
        vec![invitation(e.id, "iris@expert.nl", NOW + 1)]
    );
    assert!(s.expert_invitations_for("ander@expert.nl").await.expect("for").is_empty());
    assert!(matches!(
        s.invite_expert(&invitation(unknown(e.id, 1000), "x@y.nl", NOW), &mail("x@y.nl"), &actor()).await,
        Err(StoreError::NotFound)
    ));
    // Only the invited address can use it; once.
    assert!(matches!(
        s.accept_expert_invitation(e.id, other.id, "ander@expert.nl", &actor(), NOW + 2).await,
        Err(StoreError::NotFound)
    ));
    let linked = s.accept_expert_invitation(e.id, iris.id, "Iris@Expert.nl", &actor(), NOW + 2).await.expect("accept");
    assert_eq!((linked.user_id, linked.version), (Some(iris.id), e.version + 1));
    assert!(s.expert_invitation(e.id).await.expect("gone").is_none());
    assert!(matches!(
        s.accept_expert_invitation(e.id, iris.id, "iris@expert.nl", &actor(), NOW + 3).await,
        Err(StoreError::NotFound)
    ));
    // Declining deletes; audited on the expert: invite, invite, link_account, decline.
    let f = s.save_expert(&expert_write("Fien", "fien@expert.nl"), &actor(), NOW).await.expect("expert");
    s.invite_expert(&invitation(f.id, "fien@expert.nl", NOW), &mail("fien@expert.nl"), &actor()).await.expect("invite");
    assert!(matches!(
        s.decline_expert_invitation(f.id, "ander@expert.nl", &actor(), NOW).await,
        Err(StoreError::NotFound)
    ));
    s.decline_expert_invitation(f.id, "fien@expert.nl", &actor(), NOW).await.expect("decline");
    assert!(s.expert_invitation(f.id).await.expect("gone").is_none());
    assert_eq!(s.expert(f.id).await.expect("fien").user_id, None);
    let actions = |id: ExpertId| async move {
        let filter = AuditFilter {
            entity: Some(koers_app::store::AuditEntity::Expert),
            entity_id: Some(id.to_string()),
            limit: 50,
            ..AuditFilter::default()
        };
        let mut a: Vec<String> = s.audit_log(&filter).await.expect("audit").into_iter().map(|e| e.action).collect();
        a.reverse();
        a
    };
    assert_eq!(actions(e.id).await, ["create", "invite", "invite", "link_account"]);
    assert_eq!(actions(f.id).await, ["create", "invite", "decline"]);
}

fn rejection(line: usize) -> RowError {
    RowError {
        file: "weging.csv".into(),
        line,
        column: "schoolweging".into(),
        value: format!("veel-{line}"),
        problem: "is geen getal".into(),
    }
}

pub async fn import_runs_keep_every_rejection_and_page_through_them(store: Arc<dyn Store>) {
    let s = &*store;
    let rows: Vec<RowError> = (2..=1203).map(rejection).collect();
    let run = NewImportRun {
        at: NOW,
        actor_label: "beheer@koers.nl".into(),
        file: "weging.csv".into(),
        summary: "1202 afgewezen".into(),
    };
    let id = s.record_import_run(&run, &rows).await.expect("record");
    let stored = s.import_run(id).await.expect("run");
    assert_eq!((stored.file.as_str(), stored.rejected_total, stored.at), ("weging.csv", 1202, NOW));
    let mut all = Vec::new();
    for page in 0.. {
        let got = s.import_rejections(id, page * 50, 50).await.expect("page");
        if got.is_empty() {
            break;
        }
        assert!(got.len() <= 50);
        all.extend(got);
    }
    assert_eq!(all, rows, "every rejection once, in file order");
    assert!(matches!(s.import_run(unknown(id, 1000)).await, Err(StoreError::NotFound)));
    assert!(matches!(s.import_rejections(unknown(id, 1000), 0, 50).await, Err(StoreError::NotFound)));
    // Only the newest runs are kept, with their rows.
    let mut last = id;
    for i in 0..KEPT_IMPORT_RUNS {
        last = s.record_import_run(&NewImportRun { at: NOW + i, ..run.clone() }, &rows[..1]).await.expect("more");
    }
    assert!(matches!(s.import_run(id).await, Err(StoreError::NotFound)), "the oldest run is gone");
    assert_eq!(s.import_rejections(last, 0, 50).await.expect("newest").len(), 1);
}
