//! Sessions and login throttling: not audited (no user data changes).

use koers_app::store::{SessionRecord, StoreResult};

use super::error::db;
use crate::backend::Pool;

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

pub(crate) async fn record_login_attempt(pool: &Pool, key: &str, success: bool, now: i64) -> StoreResult<()> {
    sqlx::query!("INSERT INTO login_attempts (key, success, at) VALUES ($1, $2, $3)", key, success, now)
        .execute(pool)
        .await
        .map_err(db)?;
    Ok(())
}

/// Delete the attempts from before `before` (the throttle only looks back minutes).
pub(crate) async fn prune_login_attempts(pool: &Pool, before: i64) -> StoreResult<u64> {
    let done = sqlx::query!("DELETE FROM login_attempts WHERE at < $1", before).execute(pool).await.map_err(db)?;
    Ok(done.rows_affected())
}

/// Failed attempts for `key` at or after `since`.
pub(crate) async fn failed_logins_since(pool: &Pool, key: &str, since: i64) -> StoreResult<i64> {
    sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM login_attempts WHERE key = $1 AND success = FALSE AND at >= $2"#,
        key,
        since
    )
    .fetch_one(pool)
    .await
    .map_err(db)
}
