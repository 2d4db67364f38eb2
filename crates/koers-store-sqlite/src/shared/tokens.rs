//! API tokens: stored as SHA-256 hashes, revoked rather than deleted.

use koers_app::store::{Actor, ApiToken, AuditEntity, NewApiToken, StoreError, StoreResult};

use super::audit::Change;
use super::error::db;
use crate::backend::{Pool, Tx, begin_write};

pub(crate) async fn create(pool: &Pool, t: &NewApiToken, actor: &Actor, now: i64) -> StoreResult<ApiToken> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO api_tokens (user_id, name, token_hash, created_at, last_used_at, revoked, scope)
           VALUES ($1, $2, $3, $4, NULL, FALSE, $5)
           RETURNING id AS "id!: i64""#,
        t.user_id.get(),
        t.name,
        t.token_hash,
        t.created_at,
        t.scope,
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    let token = ApiToken {
        id: id.into(),
        user_id: t.user_id,
        name: t.name.clone(),
        token_hash: t.token_hash.clone(),
        created_at: t.created_at,
        last_used_at: None,
        revoked: false,
        scope: t.scope.clone(),
    };
    Change::new(actor, now, "create", AuditEntity::ApiToken, id).after(&token)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(token)
}

/// The live (not revoked) token with this hash; records `now` as its last use.
pub(crate) async fn by_hash(pool: &Pool, hash: &str, now: i64) -> StoreResult<ApiToken> {
    sqlx::query_as!(
        ApiToken,
        r#"UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1 AND revoked = FALSE
           RETURNING id AS "id!: i64", user_id AS "user_id!: i64", name AS "name!", token_hash AS "token_hash!",
                     created_at AS "created_at!: i64", last_used_at AS "last_used_at?: i64", revoked AS "revoked!: bool",
                     scope AS "scope!""#,
        hash,
        now
    )
    .fetch_optional(pool)
    .await
    .map_err(db)?
    .ok_or(StoreError::NotFound)
}

/// Revoking a revoked token changes nothing.
pub(crate) async fn revoke(pool: &Pool, id: i64, actor: &Actor, now: i64) -> StoreResult<()> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let before = sqlx::query_as!(
        ApiToken,
        r#"SELECT id AS "id!: i64", user_id AS "user_id!: i64", name AS "name!", token_hash AS "token_hash!",
                  created_at AS "created_at!: i64", last_used_at AS "last_used_at?: i64", revoked AS "revoked!: bool",
                     scope AS "scope!"
           FROM api_tokens WHERE id = $1"#,
        id
    )
    .fetch_optional(&mut *tx)
    .await
    .map_err(db)?
    .ok_or(StoreError::NotFound)?;
    if before.revoked {
        return Ok(());
    }
    sqlx::query!("UPDATE api_tokens SET revoked = TRUE WHERE id = $1", id).execute(&mut *tx).await.map_err(db)?;
    let after = ApiToken { revoked: true, ..before.clone() };
    Change::new(actor, now, "update", AuditEntity::ApiToken, id).before(&before)?.after(&after)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(())
}

/// Revoke every live token of `user_id` inside `tx` (a password change or deactivation),
/// each audited like a single revocation. Returns how many were revoked.
pub(crate) async fn revoke_all_of_user(tx: &mut Tx, user_id: i64, actor: &Actor, now: i64) -> StoreResult<usize> {
    let live = sqlx::query_as!(
        ApiToken,
        r#"SELECT id AS "id!: i64", user_id AS "user_id!: i64", name AS "name!", token_hash AS "token_hash!",
                  created_at AS "created_at!: i64", last_used_at AS "last_used_at?: i64", revoked AS "revoked!: bool",
                  scope AS "scope!"
           FROM api_tokens WHERE user_id = $1 AND revoked = FALSE ORDER BY id"#,
        user_id
    )
    .fetch_all(&mut **tx)
    .await
    .map_err(db)?;
    for before in &live {
        sqlx::query!("UPDATE api_tokens SET revoked = TRUE WHERE id = $1", before.id.get())
            .execute(&mut **tx)
            .await
            .map_err(db)?;
        let after = ApiToken { revoked: true, ..before.clone() };
        Change::new(actor, now, "update", AuditEntity::ApiToken, before.id)
            .before(before)?
            .after(&after)?
            .write(tx)
            .await?;
    }
    Ok(live.len())
}

/// Revoked ones included, oldest first.
pub(crate) async fn of_user(pool: &Pool, user_id: i64) -> StoreResult<Vec<ApiToken>> {
    sqlx::query_as!(
        ApiToken,
        r#"SELECT id AS "id!: i64", user_id AS "user_id!: i64", name AS "name!", token_hash AS "token_hash!",
                  created_at AS "created_at!: i64", last_used_at AS "last_used_at?: i64", revoked AS "revoked!: bool",
                     scope AS "scope!"
           FROM api_tokens WHERE user_id = $1 ORDER BY id"#,
        user_id
    )
    .fetch_all(pool)
    .await
    .map_err(db)
}
