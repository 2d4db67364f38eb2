//! Privacy (AVG): what the store finds about a person, erasure, and the retention prune.

use koers_core::ids::UserId;
use std::sync::Arc;

use koers_app::store::{Actor, ExpertWrite, NewApiToken, NewMail, RetentionPolicy, SessionRecord, Store};
use koers_core::access::{Grant, RoleKind, Scope};

use super::data::*;
use super::workflow::{add_application, new_application};

const EMAIL: &str = "anna.persoon@school.nl";
const NAME: &str = "Anna Persoon";

/// A person with something in every table that can name them; returns (person id, bystander id).
async fn person(store: &dyn Store) -> (i64, i64) {
    let mut nu = new_user(EMAIL);
    nu.name = NAME.into();
    let anna = store.create_user(&nu, &actor(), NOW).await.expect("user");
    let other = store.create_user(&new_user("ander@school.nl"), &actor(), NOW).await.expect("user");
    store
        .add_grant(anna.id, &Grant::new(RoleKind::Expert, Scope::Programme("p".into())).expect("grant"), &actor(), NOW)
        .await
        .expect("grant");
    store
        .create_api_token(
            &NewApiToken {
                user_id: anna.id,
                name: "script".into(),
                token_hash: "ab".repeat(32),
                created_at: NOW,
                scope: "read".into(),
            },
            &actor(),
            NOW,
        )
        .await
        .expect("token");
    let as_anna = Actor { user_id: Some(anna.id), label: EMAIL.into() };
    let mut filed = new_application("p", NAME, "Hulp bij rekenen");
    filed.contact_email = EMAIL.into();
    filed.submitted_by = Some(anna.id);
    store.create_application(&filed, &as_anna, NOW).await.expect("application");
    add_application(store, &new_application("p", "Iemand Anders", "Iets anders"), NOW).await;
    // Someone else's free text that names her (issue 12: scrubbed on erasure).
    add_application(
        store,
        &new_application("p", "Bram Collega", &format!("Overleg met {NAME} ({EMAIL}) over de rekenaanpak.")),
        NOW,
    )
    .await;
    store
        .save_expert(
            &ExpertWrite {
                user_id: Some(anna.id),
                name: NAME.into(),
                email: EMAIL.into(),
                expertise: vec!["rekenen".into()],
                regions: vec![],
                capacity_trajectories: 2,
                capacity_dagdelen: 20,
                available: true,
                expected_version: None,
            },
            &actor(),
            NOW,
        )
        .await
        .expect("expert");
    record_login_attempt(store, EMAIL, false, NOW).await;
    record_login_attempt(store, EMAIL, true, NOW + 1).await;
    record_login_attempt(store, "ander@school.nl", true, NOW).await;
    let mail =
        |to: &str| NewMail { to_address: to.into(), subject: "Welkom".into(), body_text: "Welkom bij Koers".into() };
    store.enqueue_mail(&mail(EMAIL), NOW).await.expect("mail");
    store.enqueue_mail(&mail("ander@school.nl"), NOW).await.expect("mail");
    let about_her = NewMail {
        to_address: "ander@school.nl".into(),
        subject: format!("Aanmelding van {NAME}"),
        body_text: format!("{NAME} ({EMAIL}) heeft een aanmelding ingediend."),
    };
    store.enqueue_mail(&about_her, NOW).await.expect("mail");
    (anna.id.get(), other.id.get())
}

pub async fn person_records_find_everything_that_names_them(store: Arc<dyn Store>) {
    let (anna, _) = person(store.as_ref()).await;
    let r = store.person_records(UserId::new(anna)).await.expect("records");
    assert_eq!(r.applications.len(), 1);
    assert_eq!(r.applications[0].contact_email, EMAIL);
    assert_eq!(r.login_attempts.len(), 2);
    assert_eq!(r.mails.len(), 1, "mails to her; a mail about her to someone else is not hers");
    assert!(r.audit.iter().any(|a| a.entity == koers_app::store::AuditEntity::User
        && a.entity_id == anna.to_string()
        && a.action == "create"));
    assert!(
        r.audit
            .iter()
            .any(|a| a.entity == koers_app::store::AuditEntity::Application
                && a.actor_user_id == Some(UserId::new(anna)))
    );
    assert!(
        r.audit.iter().any(|a| a.entity == koers_app::store::AuditEntity::Expert),
        "the expert record's audit names her address"
    );
    assert!(r.audit.iter().all(|a| a.actor_user_id == Some(UserId::new(anna))
        || a.actor_label == EMAIL
        || a.entity_id == anna.to_string()
        || a.before.as_deref().unwrap_or_default().contains(EMAIL)
        || a.after.as_deref().unwrap_or_default().contains(EMAIL)));
    assert!(store.person_records(UserId::new(anna + 1000)).await.is_err(), "unknown user");
}

pub async fn erasure_keeps_records_with_a_placeholder_and_deletes_the_rest(store: Arc<dyn Store>) {
    let (anna, other) = person(store.as_ref()).await;
    let admin = Actor { user_id: Some(UserId::new(other)), label: "ander@school.nl".into() };
    let report = store.erase_person(UserId::new(anna), &admin, NOW + 10).await.expect("erase");
    assert_eq!(
        (report.grants_deleted, report.tokens_deleted, report.login_attempts_deleted, report.mails_deleted),
        (1, 1, 2, 1)
    );
    assert_eq!((report.applications_anonymised, report.experts_anonymised), (1, 1));
    // E-mail and name, in one application and one mail: each pattern counts the rows it changed.
    assert_eq!(report.free_text_scrubbed, 4);
    assert!(report.audit_anonymised >= 3);

    let user = store.user(UserId::new(anna)).await.expect("the account row stays");
    assert!(!user.active && user.name == "verwijderde gebruiker ".to_owned() + &anna.to_string());
    assert_eq!(user.email.as_str(), format!("verwijderd-{anna}@koers.invalid"));
    assert!(store.user_by_email(EMAIL).await.is_err());
    assert!(store.grants_of_user(UserId::new(anna)).await.expect("grants").is_empty());
    assert!(store.api_tokens_of_user(UserId::new(anna)).await.expect("tokens").is_empty());
    let expert = store.expert_by_user(UserId::new(anna)).await.expect("the expert record stays");
    assert!(expert.name.starts_with("verwijderde gebruiker") && expert.email.ends_with("@koers.invalid"));

    // Nothing in the whole store names her any more; the bystander is untouched.
    let everything = all_audit(store.as_ref()).await;
    for a in &everything {
        let text = format!("{} {:?} {:?}", a.actor_label, a.before, a.after);
        assert!(!text.contains(EMAIL) && !text.contains(NAME), "audit entry {} still names her: {text}", a.id);
    }
    let apps = store.list_applications(&Default::default()).await.expect("applications");
    assert_eq!(apps.len(), 3, "applications stay for the programme's accounting");
    assert!(apps.iter().all(|a| a.contact_email != EMAIL && a.contact_name != NAME));
    for a in &apps {
        let text = format!("{} {:?} {}", a.help_question, a.entry_facts_json, a.state_json);
        assert!(!text.contains(EMAIL) && !text.contains(NAME), "application {} still names her: {text}", a.id);
    }
    let scrubbed = apps.iter().find(|a| a.contact_name == "Bram Collega").expect("Bram's application");
    assert!(scrubbed.help_question.contains(&format!("verwijderde gebruiker {anna}")), "{}", scrubbed.help_question);
    assert!(store.outbox(false, 100).await.expect("outbox").iter().all(|m| m.to_address != EMAIL));
    let left = store.outbox(false, 100).await.expect("outbox");
    assert_eq!(left.len(), 2, "mails to others stay");
    for m in &left {
        assert!(!m.subject.contains(NAME) && !m.body_text.contains(NAME) && !m.body_text.contains(EMAIL), "{m:?}");
    }
    assert_eq!(store.user(UserId::new(other)).await.expect("other").email, "ander@school.nl");
    // The erasure is audited, by the beheerder, without personal data.
    let erase = everything.iter().find(|a| a.action == "erase").expect("erase entry");
    assert_eq!((erase.actor_user_id, erase.entity_id.clone()), (Some(UserId::new(other)), anna.to_string()));
    assert!(store.person_records(UserId::new(anna)).await.expect("records").login_attempts.is_empty());
}

pub async fn prune_deletes_only_what_the_policy_no_longer_allows(store: Arc<dyn Store>) {
    const DAY: i64 = 86_400;
    let now = NOW + 400 * DAY;
    store.session_save(&SessionRecord { id: "oud".into(), data: vec![1], expires_at: now - 2 * DAY }).await.expect("s");
    store.session_save(&SessionRecord { id: "nieuw".into(), data: vec![1], expires_at: now + DAY }).await.expect("s");
    record_login_attempt(&*store, "a@b.nl", false, now - 100 * DAY).await;
    record_login_attempt(&*store, "a@b.nl", false, now - DAY).await;
    let mail = NewMail { to_address: "a@b.nl".into(), subject: "s".into(), body_text: "b".into() };
    let old = store.enqueue_mail(&mail, now - 300 * DAY).await.expect("mail");
    store.mark_mail(old.id, Some(now - 200 * DAY), None).await.expect("sent");
    let recent = store.enqueue_mail(&mail, now - 10 * DAY).await.expect("mail");
    store.mark_mail(recent.id, Some(now - 9 * DAY), None).await.expect("sent");
    store.enqueue_mail(&mail, now - 300 * DAY).await.expect("an unsent mail is never pruned");

    let report = store.prune(&RetentionPolicy::default(), now).await.expect("prune");
    assert_eq!((report.sessions, report.login_attempts, report.mails), (1, 1, 1));
    assert!(store.session_load("nieuw", now).await.expect("load").is_some());
    // The kept failure and the one this count records.
    assert_eq!(store.login_attempt_start("a@b.nl", now, 0).await.expect("count").failures, 2);
    assert_eq!(store.outbox(false, 10).await.expect("outbox").len(), 2);
    let again = store.prune(&RetentionPolicy::default(), now).await.expect("prune");
    assert_eq!((again.sessions, again.login_attempts, again.mails), (0, 0, 0));
}

/// A login attempt as the login records it: counted as failed first, then marked a success.
async fn record_login_attempt(store: &dyn koers_app::store::Store, key: &str, success: bool, now: i64) {
    let a = store.login_attempt_start(key, now, 0).await.expect("login attempt");
    if success {
        store.login_attempt_succeeded(a.id).await.expect("login attempt succeeded");
    }
}
