//! Privacy (AVG): what the store holds about a person, erasing a person, and the retention
//! prune (issue 12). Runtime-checked queries (`sqlx::query`), exercised by the conformance
//! suite on both backends.

use koers_app::store::{
    Actor, AuditEntity, AuditEntry, ErasureReport, LoginAttempt, NewAudit, OutboxMail, PersonRecords, PruneReport,
    RetentionPolicy, StoreError, StoreResult,
};

use koers_core::ids::UserId;

use super::error::{corrupt, db, json};
use crate::backend::{Pool, begin_write};

pub(super) type AuditRow = (i64, i64, Option<i64>, String, String, String, String, Option<String>, Option<String>);
pub(super) type MailRow = (i64, String, String, String, i64, Option<i64>, i64, Option<String>);

pub(super) fn audit_entry(row: AuditRow) -> StoreResult<AuditEntry> {
    let (id, at, actor_user_id, actor_label, action, entity, entity_id, before, after) = row;
    Ok(AuditEntry {
        id,
        at,
        actor_user_id: actor_user_id.map(UserId::new),
        actor_label,
        action,
        entity: AuditEntity::from_code(&entity).ok_or_else(|| corrupt("audit_log.entity", &entity))?,
        entity_id,
        before,
        after,
    })
}

pub(super) fn outbox_mail(row: MailRow) -> OutboxMail {
    let (id, to_address, subject, body_text, created_at, sent_at, attempts, last_error) = row;
    OutboxMail { id: id.into(), to_address, subject, body_text, created_at, sent_at, attempts, last_error }
}

/// The placeholder name and e-mail address of an erased user.
pub(crate) fn placeholders(user_id: i64) -> (String, String) {
    (format!("verwijderde gebruiker {user_id}"), format!("verwijderd-{user_id}@koers.invalid"))
}

async fn identity(pool: &Pool, user_id: i64) -> StoreResult<(String, String)> {
    sqlx::query_as::<_, (String, String)>("SELECT email, name FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)
}

/// `%text%` for LIKE (wildcards in the text only ever widen the match; REPLACE is exact).
/// Names shorter than this are not replaced inside free text: "Jan" would also hit "Januari".
/// A stored name is normally a full name ("Anna Persoon").
pub(super) const MIN_NAME_CHARS_IN_TEXT: usize = 5;

/// Free text other people wrote that names the person — an application's help question, its
/// entry facts and state notes, and mails in the outbox to someone else — gets the placeholders
/// instead of their e-mail address and full name. Returns the number of rows changed.
pub(super) async fn scrub_free_text(
    tx: &mut crate::backend::Tx,
    name: &str,
    ph_name: &str,
    email: &str,
    ph_email: &str,
) -> StoreResult<u64> {
    let name = name.trim();
    let mut patterns = vec![(email, ph_email)];
    if name.chars().count() >= MIN_NAME_CHARS_IN_TEXT {
        patterns.push((name, ph_name));
    }
    let mut changed = 0;
    for (from, to) in patterns {
        changed += sqlx::query(
            "UPDATE applications SET help_question = REPLACE(help_question, $1, $2),
                    entry_facts_json = REPLACE(entry_facts_json, $1, $2),
                    state_json = REPLACE(state_json, $1, $2)
             WHERE help_question LIKE $3 OR entry_facts_json LIKE $3 OR state_json LIKE $3",
        )
        .bind(from)
        .bind(to)
        .bind(containing(from))
        .execute(&mut **tx)
        .await
        .map_err(db)?
        .rows_affected();
        changed += sqlx::query(
            "UPDATE outbox SET subject = REPLACE(subject, $1, $2), body_text = REPLACE(body_text, $1, $2)
             WHERE subject LIKE $3 OR body_text LIKE $3",
        )
        .bind(from)
        .bind(to)
        .bind(containing(from))
        .execute(&mut **tx)
        .await
        .map_err(db)?
        .rows_affected();
    }
    Ok(changed)
}

pub(super) fn containing(text: &str) -> String {
    format!("%{text}%")
}

pub(crate) async fn person_records(pool: &Pool, user_id: i64) -> StoreResult<PersonRecords> {
    let (email, _) = identity(pool, user_id).await?;
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM applications WHERE submitted_by = $1 OR lower(contact_email) = lower($2) ORDER BY id",
    )
    .bind(user_id)
    .bind(&email)
    .fetch_all(pool)
    .await
    .map_err(db)?;
    let mut applications = Vec::with_capacity(ids.len());
    for id in ids {
        applications.push(super::applications::by_id(pool, id).await?);
    }
    let audit: Vec<AuditRow> = sqlx::query_as(
        "SELECT id, at, actor_user_id, actor_label, action, entity, entity_id, before, after FROM audit_log
         WHERE actor_user_id = $1 OR (entity = 'user' AND entity_id = $2) OR lower(actor_label) = lower($3)
            OR before LIKE $4 OR after LIKE $4
         ORDER BY at, id",
    )
    .bind(user_id)
    .bind(user_id.to_string())
    .bind(&email)
    .bind(containing(&email))
    .fetch_all(pool)
    .await
    .map_err(db)?;
    let login_attempts: Vec<(i64, bool)> =
        sqlx::query_as("SELECT at, success FROM login_attempts WHERE key = lower($1) ORDER BY at, id")
            .bind(&email)
            .fetch_all(pool)
            .await
            .map_err(db)?;
    let mails: Vec<MailRow> = sqlx::query_as(
        "SELECT id, to_address, subject, body_text, created_at, sent_at, attempts, last_error
         FROM outbox WHERE lower(to_address) = lower($1) ORDER BY id",
    )
    .bind(&email)
    .fetch_all(pool)
    .await
    .map_err(db)?;
    Ok(PersonRecords {
        applications,
        audit: audit.into_iter().map(audit_entry).collect::<StoreResult<_>>()?,
        login_attempts: login_attempts.into_iter().map(|(at, success)| LoginAttempt { at, success }).collect(),
        mails: mails.into_iter().map(outbox_mail).collect(),
        trajectory_work: super::privacy_trajectory::work_of(pool, user_id, &email).await?,
    })
}

pub(crate) async fn erase_person(pool: &Pool, user_id: i64, actor: &Actor, now: i64) -> StoreResult<ErasureReport> {
    let (email, name) = identity(pool, user_id).await?;
    let (ph_name, ph_email) = placeholders(user_id);
    let id_text = user_id.to_string();
    let mut tx = begin_write(pool).await.map_err(db)?;
    let mut report = ErasureReport::default();
    let expert_ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM experts WHERE user_id = $1 OR lower(email) = lower($2)")
            .bind(user_id)
            .bind(&email)
            .fetch_all(&mut *tx)
            .await
            .map_err(db)?;
    // Audit entries stay (the programme's accounting); the person in them becomes the placeholder.
    report.audit_anonymised = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM audit_log
         WHERE actor_user_id = $1 OR (entity = 'user' AND entity_id = $2) OR lower(actor_label) = lower($3)
            OR before LIKE $4 OR after LIKE $4",
    )
    .bind(user_id)
    .bind(&id_text)
    .bind(&email)
    .bind(containing(&email))
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?
    .try_into()
    .unwrap_or(0);
    sqlx::query("UPDATE audit_log SET actor_label = $1 WHERE actor_user_id = $2 OR lower(actor_label) = lower($3)")
        .bind(&ph_name)
        .bind(user_id)
        .bind(&email)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    if !name.trim().is_empty() {
        // The name only where the entry is about them: their account, their expert record, or
        // an entry that holds their e-mail address.
        sqlx::query(
            "UPDATE audit_log SET before = REPLACE(before, $1, $2), after = REPLACE(after, $1, $2)
             WHERE (entity = 'user' AND entity_id = $3) OR actor_user_id = $4 OR before LIKE $5 OR after LIKE $5",
        )
        .bind(&name)
        .bind(&ph_name)
        .bind(&id_text)
        .bind(user_id)
        .bind(containing(&email))
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        for id in &expert_ids {
            sqlx::query(
                "UPDATE audit_log SET before = REPLACE(before, $1, $2), after = REPLACE(after, $1, $2)
                 WHERE entity = 'expert' AND entity_id = $3",
            )
            .bind(&name)
            .bind(&ph_name)
            .bind(id.to_string())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
    }
    sqlx::query(
        "UPDATE audit_log SET before = REPLACE(before, $1, $2), after = REPLACE(after, $1, $2)
         WHERE before LIKE $3 OR after LIKE $3",
    )
    .bind(&email)
    .bind(&ph_email)
    .bind(containing(&email))
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    report.applications_anonymised = sqlx::query(
        "UPDATE applications SET contact_name = $1, contact_email = $2, contact_phone = NULL,
                version = version + 1, updated_at = $3
         WHERE lower(contact_email) = lower($4)",
    )
    .bind(&ph_name)
    .bind(&ph_email)
    .bind(now)
    .bind(&email)
    .execute(&mut *tx)
    .await
    .map_err(db)?
    .rows_affected();
    report.free_text_scrubbed = scrub_free_text(&mut tx, &name, &ph_name, &email, &ph_email).await?;
    // Account requests (issue 10 §5) keep their row and decision; the person becomes the
    // placeholder. Their one-time links go.
    sqlx::query(
        "UPDATE account_requests SET name = $1, email = $2, function_title = '', password_hash = '',
                version = version + 1
         WHERE user_id = $3 OR lower(email) = lower($4)",
    )
    .bind(&ph_name)
    .bind(&ph_email)
    .bind(user_id)
    .bind(&email)
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    sqlx::query("DELETE FROM account_links WHERE user_id = $1").bind(user_id).execute(&mut *tx).await.map_err(db)?;
    report.experts_anonymised = sqlx::query(
        "UPDATE experts SET name = $1, email = 'verwijderd-expert-' || CAST(id AS TEXT) || '@koers.invalid',
                version = version + 1
         WHERE user_id = $2 OR lower(email) = lower($3)",
    )
    .bind(&ph_name)
    .bind(user_id)
    .bind(&email)
    .execute(&mut *tx)
    .await
    .map_err(db)?
    .rows_affected();
    let delete = |sql: &'static str| sqlx::query(sql);
    report.grants_deleted = delete("DELETE FROM grants WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
    report.tokens_deleted = delete("DELETE FROM api_tokens WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
    report.login_attempts_deleted = delete("DELETE FROM login_attempts WHERE key = lower($1)")
        .bind(&email)
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
    report.mails_deleted = delete("DELETE FROM outbox WHERE lower(to_address) = lower($1)")
        .bind(&email)
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
    // Who ran an import (the paged import report, issue 11 item 2) becomes the placeholder.
    sqlx::query("UPDATE import_runs SET actor_label = $1 WHERE lower(actor_label) = lower($2)")
        .bind(&ph_email)
        .bind(&email)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    // Invitations to link an expert to this address (issue 11 item 7) go with the person.
    sqlx::query("DELETE FROM expert_invitations WHERE email = lower($1)")
        .bind(&email)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    // Sign-ins through a provider end with the account; their requests go with them.
    sqlx::query("DELETE FROM external_identities WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    // The provider identities their account requests were made with (the requests above
    // already carry the placeholder address).
    sqlx::query(
        "DELETE FROM account_request_identities WHERE lower(email) = lower($1)
            OR account_request_id IN (SELECT id FROM account_requests WHERE user_id = $2 OR email = $3)",
    )
    .bind(&email)
    .bind(user_id)
    .bind(&ph_email)
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    // Inside trajectories (issue 8): the records stay, the person in them is the placeholder.
    report.trajectory_records_anonymised =
        super::privacy_trajectory::erase(&mut tx, user_id, &email, &name, &ph_name, &ph_email, MIN_NAME_CHARS_IN_TEXT)
            .await?;
    // The account row stays (applications and audit entries point at it) but holds nobody.
    sqlx::query(
        "UPDATE users SET email = $1, name = $2, password_hash = '!', active = FALSE,
                version = version + 1, updated_at = $3
         WHERE id = $4",
    )
    .bind(&ph_email)
    .bind(&ph_name)
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    let entry = NewAudit {
        at: now,
        actor_user_id: actor.user_id.filter(|id| id.get() != user_id),
        actor_label: actor.label.clone(),
        action: "erase".into(),
        entity: AuditEntity::User,
        entity_id: id_text,
        before: None,
        after: Some(json(&report)?),
    };
    super::audit::insert(&mut tx, &entry).await?;
    tx.commit().await.map_err(db)?;
    Ok(report)
}

pub(crate) async fn prune(pool: &Pool, policy: &RetentionPolicy, now: i64) -> StoreResult<PruneReport> {
    const DAY: i64 = 86_400;
    let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now - policy.session_days.max(0) * DAY)
        .execute(pool)
        .await
        .map_err(db)?
        .rows_affected();
    let login_attempts = sqlx::query("DELETE FROM login_attempts WHERE at < $1")
        .bind(now - policy.login_attempt_days.max(0) * DAY)
        .execute(pool)
        .await
        .map_err(db)?
        .rows_affected();
    let mails = sqlx::query("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1")
        .bind(now - policy.sent_mail_days.max(0) * DAY)
        .execute(pool)
        .await
        .map_err(db)?
        .rows_affected();
    // Account requests (issue 10 §5): unconfirmed ones whose link expired (also those already
    // marked verlopen) and declined ones, `account_request_days` after the link expired or the
    // decision. Confirmed requests wait for staff; approved ones stay as the account's origin.
    let cutoff = now - policy.account_request_days.max(0) * DAY;
    let account_requests = sqlx::query(
        "DELETE FROM account_requests
         WHERE (status IN ('onbevestigd', 'verlopen') AND confirm_expires_at < $1)
            OR (status = 'afgewezen' AND decided_at < $1)",
    )
    .bind(cutoff)
    .execute(pool)
    .await
    .map_err(db)?
    .rows_affected();
    Ok(PruneReport { sessions, login_attempts, mails, account_requests })
}
