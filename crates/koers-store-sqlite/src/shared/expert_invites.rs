//! Invitations that link an expert of the pool to an account (issue 11 item 7), audited on the
//! expert (`invite`, `link_account`, `decline`). Runtime-checked queries (no `.sqlx` entries).

use koers_app::store::{Actor, AuditEntity, ExpertInvitation, ExpertRecord, NewMail, StoreError, StoreResult};

use super::audit::Change;
use super::error::db;
use super::{experts, outbox};
use crate::backend::{Pool, begin_write};

type InvitationRow = (i64, String, i64, String);

fn invitation((expert_id, email, invited_at, invited_by): InvitationRow) -> ExpertInvitation {
    ExpertInvitation { expert_id: expert_id.into(), email, invited_at, invited_by }
}

pub(crate) async fn of_expert(pool: &Pool, expert_id: i64) -> StoreResult<Option<ExpertInvitation>> {
    let row: Option<InvitationRow> =
        sqlx::query_as("SELECT expert_id, email, invited_at, invited_by FROM expert_invitations WHERE expert_id = $1")
            .bind(expert_id)
            .fetch_optional(pool)
            .await
            .map_err(db)?;
    Ok(row.map(invitation))
}

pub(crate) async fn for_email(pool: &Pool, email: &str) -> StoreResult<Vec<ExpertInvitation>> {
    let rows: Vec<InvitationRow> = sqlx::query_as(
        "SELECT expert_id, email, invited_at, invited_by FROM expert_invitations
         WHERE email = $1 ORDER BY invited_at, expert_id",
    )
    .bind(email.trim().to_lowercase())
    .fetch_all(pool)
    .await
    .map_err(db)?;
    Ok(rows.into_iter().map(invitation).collect())
}

pub(crate) async fn invite(pool: &Pool, inv: &ExpertInvitation, mail: &NewMail, actor: &Actor) -> StoreResult<()> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    experts::fetch(&mut tx, inv.expert_id.get()).await?.ok_or(StoreError::NotFound)?;
    let email = inv.email.trim().to_lowercase();
    sqlx::query(
        "INSERT INTO expert_invitations (expert_id, email, invited_at, invited_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (expert_id) DO UPDATE SET email = $2, invited_at = $3, invited_by = $4",
    )
    .bind(inv.expert_id.get())
    .bind(&email)
    .bind(inv.invited_at)
    .bind(&inv.invited_by)
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    outbox::insert(&mut tx, mail, inv.invited_at).await?;
    let stored = ExpertInvitation { email, ..inv.clone() };
    Change::new(actor, inv.invited_at, "invite", AuditEntity::Expert, inv.expert_id)
        .after(&stored)?
        .write(&mut tx)
        .await?;
    tx.commit().await.map_err(db)?;
    Ok(())
}

pub(crate) async fn accept(
    pool: &Pool,
    expert_id: i64,
    user_id: i64,
    email: &str,
    actor: &Actor,
    now: i64,
) -> StoreResult<ExpertRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let used = sqlx::query("DELETE FROM expert_invitations WHERE expert_id = $1 AND email = $2")
        .bind(expert_id)
        .bind(email.trim().to_lowercase())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    if used.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    let before = experts::fetch(&mut tx, expert_id).await?.ok_or(StoreError::NotFound)?;
    if before.user_id.is_some() {
        return Err(StoreError::NotFound);
    }
    sqlx::query("UPDATE experts SET user_id = $1, version = version + 1 WHERE id = $2 AND user_id IS NULL")
        .bind(user_id)
        .bind(expert_id)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    let after = experts::fetch(&mut tx, expert_id).await?.ok_or(StoreError::NotFound)?;
    Change::new(actor, now, "link_account", AuditEntity::Expert, expert_id)
        .before(&before)?
        .after(&after)?
        .write(&mut tx)
        .await?;
    tx.commit().await.map_err(db)?;
    Ok(after)
}

pub(crate) async fn decline(pool: &Pool, expert_id: i64, email: &str, actor: &Actor, now: i64) -> StoreResult<()> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let email = email.trim().to_lowercase();
    let gone = sqlx::query("DELETE FROM expert_invitations WHERE expert_id = $1 AND email = $2")
        .bind(expert_id)
        .bind(&email)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    if gone.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Change::new(actor, now, "decline", AuditEntity::Expert, expert_id)
        .before(&serde_json::json!({ "invitation": email }))?
        .write(&mut tx)
        .await?;
    tx.commit().await.map_err(db)?;
    Ok(())
}
