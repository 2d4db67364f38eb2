//! Privacy (AVG, issue 12): a beheerder exports everything Koers holds about a person and can
//! erase a person; operational records are pruned daily by a retention policy.
//!
//! - [`export`]: the account (without the password hash), grants, API tokens (without their
//!   hashes), the expert record, applications they filed or are the contact of, the audit
//!   entries by them, about their account or naming their e-mail address, login attempts,
//!   mails to them still in the outbox, what they wrote inside trajectories (form items,
//!   comments, klassenbezoeken, uploads, plan signatures, format versions), and the account
//!   requests (issue 10 §5) made with their address or that led to their account. The export
//!   itself is audited.
//! - [`erase`]: records the programme must keep (audit trail, applications and the trajectories
//!   on them, the expert record, the account row they point at) keep their place but name a
//!   placeholder (`verwijderde gebruiker 12`, `verwijderd-12@koers.invalid`) — so do a
//!   trajectory's forms and plans: authors, and their address and name inside texts; a signed
//!   plan stays signed, by the emptied account —; grants, tokens, linked sign-ins,
//!   login attempts and mails are deleted; the account can no longer log in. One transaction
//!   in the store; refused for one's own account and for the last active beheerder.
//!   Account requests keep their row and decision with the placeholder.
//! - [`reviewer_export`] / [`erase_reviewer`]: the same for an external reviewer of a review
//!   (issue 9) — someone without an account, named on a review team or invited by link — found
//!   by their e-mail address: the reviews, audit entries and mails that hold them; erasing keeps
//!   reviews and findings with a placeholder instead of their name and no address, deletes the
//!   mails to them, and moves each review's version on. Both audited.
//! - [`prune`]: what [`RetentionPolicy`] no longer allows (sessions, login attempts, sent mails,
//!   stale account requests: unconfirmed, expired or declined).

use crate::error::{Error, Result};
use crate::store::{
    Actor, ApiToken, ApplicationRecord, AuditEntity, AuditEntry, ErasureReport, ExpertRecord, GrantRecord,
    LoginAttempt, NewAudit, OutboxMail, PruneReport, RetentionPolicy, ReviewerRecords, Store, StoreError, User,
};
use koers_core::access::RoleKind;
use koers_core::ids::UserId;
use serde::Serialize;

/// Everything about one person, as exported (JSON and the readable page).
#[derive(Debug, Clone, Serialize)]
pub struct PersonExport {
    /// Unix seconds.
    pub exported_at: i64,
    pub account: User,
    pub grants: Vec<GrantRecord>,
    pub api_tokens: Vec<ApiToken>,
    pub expert: Option<ExpertRecord>,
    pub applications: Vec<ApplicationRecord>,
    pub audit: Vec<AuditEntry>,
    pub login_attempts: Vec<LoginAttempt>,
    pub mails: Vec<OutboxMail>,
    /// Sign-ins through an OpenID provider linked to the account (provider, subject, address).
    pub sign_ins: Vec<crate::store::ExternalIdentity>,
    /// What they wrote inside trajectories (issue 8).
    pub trajectory_work: crate::store::TrajectoryWork,
    /// Account requests with their address or that made their account (never the password hash
    /// or the confirmation token's hash: the record holds neither).
    pub account_requests: Vec<crate::store::AccountRequestRecord>,
}

/// Refusal to erase one's own account, on the confirmation field.
pub const OWN_ACCOUNT: &str = "u kunt uw eigen account niet wissen; laat een andere beheerder dat doen";

fn audit(actor: &Actor, now: i64, action: &str, user_id: UserId) -> NewAudit {
    audit_of(actor, now, action, AuditEntity::User, user_id.to_string())
}

fn audit_of(actor: &Actor, now: i64, action: &str, entity: AuditEntity, entity_id: String) -> NewAudit {
    NewAudit {
        at: now,
        actor_user_id: actor.user_id,
        actor_label: actor.label.clone(),
        action: action.into(),
        entity,
        entity_id,
        before: None,
        after: None,
    }
}

/// Everything about an external reviewer (no account), as exported (JSON and the page).
#[derive(Debug, Clone, Serialize)]
pub struct ReviewerExport {
    /// Unix seconds.
    pub exported_at: i64,
    /// The address they were found by (lower case).
    pub email: String,
    #[serde(flatten)]
    pub records: ReviewerRecords,
}

/// What an erasure of a reviewer did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewerErasure {
    /// The name they now have in the reviews and the audit trail.
    pub placeholder: String,
    /// Records changed or deleted.
    pub records: u64,
}

/// A reviewer's address as typed: trimmed, lower case; refused on the field `email`.
fn reviewer_email(email: &str) -> Result<String> {
    let e = email.trim();
    if e.is_empty() || !e.contains('@') || e.chars().count() > 254 || e.contains(char::is_whitespace) {
        return Err(Error::field("email", "e-mailadres: vul het e-mailadres van de reviewer in, zoals naam@school.nl"));
    }
    Ok(e.to_lowercase())
}

const NO_REVIEWER: &str = "e-mailadres: geen reviewer met dit e-mailadres in een review of uitnodiging";

/// Everything held about the external reviewer with address `email`; the look is audited.
/// Refused on `email` when the address is not one or no review holds it.
pub(crate) async fn reviewer_export(store: &dyn Store, email: &str, actor: &Actor, now: i64) -> Result<ReviewerExport> {
    let email = reviewer_email(email)?;
    let records = store.reviewer_records(&email).await?;
    if records.reviews.is_empty() {
        return Err(Error::field("email", NO_REVIEWER));
    }
    store.append_audit(&audit_of(actor, now, "privacy_export_reviewer", AuditEntity::Reviewer, email.clone())).await?;
    Ok(ReviewerExport { exported_at: now, email, records })
}

/// Erase the external reviewer with address `email` after `confirm` repeats it (see the module
/// doc). Refused on `email` (not an address, no reviewer) or `bevestig` (not the same address).
pub(crate) async fn erase_reviewer(
    store: &dyn Store,
    email: &str,
    confirm: &str,
    actor: &Actor,
    now: i64,
) -> Result<ReviewerErasure> {
    let email = reviewer_email(email)?;
    if !confirm.trim().eq_ignore_ascii_case(&email) {
        return Err(Error::field(
            "bevestig",
            "bevestig: typ het e-mailadres van de reviewer nog eens om te bevestigen",
        ));
    }
    let placeholder = format!("verwijderde reviewer ({})", koers_core::calendar::datetime_nl(now));
    let placeholder_email = format!("verwijderd-reviewer-{now}@koers.invalid");
    let records = store.erase_reviewer(&email, &placeholder, &placeholder_email, actor, now).await?;
    if records == 0 {
        return Err(Error::field("email", NO_REVIEWER));
    }
    Ok(ReviewerErasure { placeholder, records })
}

/// Collect the export and record in the audit log that it was made (and by whom).
pub(crate) async fn export(store: &dyn Store, user_id: UserId, actor: &Actor, now: i64) -> Result<PersonExport> {
    let account = store.user(user_id).await?;
    let records = store.person_records(user_id).await?;
    let expert = match store.expert_by_user(user_id).await {
        Ok(e) => Some(e),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let account_requests = store
        .account_requests(None)
        .await?
        .into_iter()
        .filter(|r| r.user_id == Some(user_id) || r.email.eq_ignore_ascii_case(account.email.as_str()))
        .collect();
    let export = PersonExport {
        account_requests,
        exported_at: now,
        grants: store.grants_of_user(user_id).await?,
        api_tokens: store.api_tokens_of_user(user_id).await?,
        expert,
        applications: records.applications,
        audit: records.audit,
        login_attempts: records.login_attempts,
        mails: records.mails,
        trajectory_work: records.trajectory_work,
        sign_ins: store.external_identities_of_user(user_id).await?,
        account,
    };
    store.append_audit(&audit(actor, now, "privacy_export", user_id)).await?;
    Ok(export)
}

/// Erase the person behind `user_id` (see the module doc). Refused for one's own account (a
/// field error on the confirmation, `bevestig`) and for the last active beheerder.
pub(crate) async fn erase(store: &dyn Store, user_id: UserId, actor: &Actor, now: i64) -> Result<ErasureReport> {
    if actor.user_id == Some(user_id) {
        return Err(Error::field("bevestig", OWN_ACCOUNT));
    }
    let user = store.user(user_id).await?;
    if user.active && is_beheerder(store, user_id).await? && active_beheerders(store).await? <= 1 {
        return Err(Error::LastBeheerder);
    }
    Ok(store.erase_person(user_id, actor, now).await?)
}

async fn is_beheerder(store: &dyn Store, user_id: UserId) -> Result<bool, StoreError> {
    Ok(store.grants_of_user(user_id).await?.iter().any(|g| g.grant.role == RoleKind::Beheerder))
}

async fn active_beheerders(store: &dyn Store) -> Result<usize, StoreError> {
    let mut n = 0;
    for u in store.list_users().await?.into_iter().filter(|u| u.active) {
        if is_beheerder(store, u.id).await? {
            n += 1;
        }
    }
    Ok(n)
}

/// Delete what the retention policy no longer allows.
pub(crate) async fn prune(store: &dyn Store, policy: &RetentionPolicy, now: i64) -> Result<PruneReport> {
    Ok(store.prune(policy, now).await?)
}
