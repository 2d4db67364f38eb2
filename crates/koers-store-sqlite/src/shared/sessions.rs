//! Sessions and login throttling: not audited (no user data changes).

use koers_app::store::{LoginAttemptStart, SessionRecord, StoreResult};

use super::error::db;
use crate::backend::{Pool, begin_write};

/// `None` when missing or expired.
pub(crate) async fn load(pool: &Pool, id: &str, now: i64) -> StoreResult<Option<SessionRecord>> {
    sqlx::query_as!(
        SessionRecord,
        r#"SELECT id AS "id!", data AS "data!", expires_at AS "expires_at!: i64"
           FROM sessions WHERE id = $1 AND expires_at > $2"#,
        id,
        now
    )
    .fetch_optional(pool)
    .await
    .map_err(db)
}

pub(crate) async fn save(pool: &Pool, r: &SessionRecord) -> StoreResult<()> {
    sqlx::query!(
        "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
        r.id,
        r.data,
        r.expires_at
    )
    .execute(pool)
    .await
    .map_err(db)?;
    Ok(())
}

pub(crate) async fn delete(pool: &Pool, id: &str) -> StoreResult<()> {
    sqlx::query!("DELETE FROM sessions WHERE id = $1", id).execute(pool).await.map_err(db)?;
    Ok(())
}

pub(crate) async fn delete_expired(pool: &Pool, now: i64) -> StoreResult<u64> {
    let done = sqlx::query!("DELETE FROM sessions WHERE expires_at <= $1", now).execute(pool).await.map_err(db)?;
    Ok(done.rows_affected())
}

/// Record a login attempt for `key` as failed *before* the password is checked, and count the
/// failed attempts at or after `since` including this one. Insert and count are two statements,
/// each committed on its own: of any number of parallel attempts the k-th to insert counts at
/// least k, so no more than the allowed number of password checks can slip through a race.
pub(crate) async fn login_attempt_start(
    pool: &Pool,
    key: &str,
    now: i64,
    since: i64,
) -> StoreResult<LoginAttemptStart> {
    let id = sqlx::query_scalar!(
        r#"INSERT INTO login_attempts (key, success, at) VALUES ($1, FALSE, $2) RETURNING id AS "id!: i64""#,
        key,
        now
    )
    .fetch_one(pool)
    .await
    .map_err(db)?;
    let failures = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM login_attempts WHERE key = $1 AND success = FALSE AND at >= $2"#,
        key,
        since
    )
    .fetch_one(pool)
    .await
    .map_err(db)?;
    Ok(LoginAttemptStart { id, failures })
}

/// The attempt turned out to be a successful login: it no longer counts as a failure.
pub(crate) async fn login_attempt_succeeded(pool: &Pool, id: i64) -> StoreResult<()> {
    sqlx::query!("UPDATE login_attempts SET success = TRUE WHERE id = $1", id).execute(pool).await.map_err(db)?;
    Ok(())
}

/// The attempt was refused by the throttle without a password check: it does not count (so
/// parallel right passwords cannot lock an account, and a flood cannot extend a lock).
pub(crate) async fn login_attempt_discard(pool: &Pool, id: i64) -> StoreResult<()> {
    sqlx::query!("DELETE FROM login_attempts WHERE id = $1", id).execute(pool).await.map_err(db)?;
    Ok(())
}

/// Delete the attempts before `before`; returns how many of them had failed (for the audit
/// summary written by the caller).
pub(crate) async fn login_attempts_prune(pool: &Pool, before: i64) -> StoreResult<u64> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let failed = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM login_attempts WHERE at < $1 AND success = FALSE"#,
        before
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    sqlx::query!("DELETE FROM login_attempts WHERE at < $1", before).execute(&mut *tx).await.map_err(db)?;
    tx.commit().await.map_err(db)?;
    Ok(u64::try_from(failed).unwrap_or(0))
}
