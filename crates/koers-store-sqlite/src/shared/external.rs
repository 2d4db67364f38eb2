//! Sign-in through an OpenID provider: linked (provider, subject) pairs. (A first sign-in's
//! account request is an ordinary account request, [`super::access`].) Runtime-checked queries
//! (`sqlx::query_as` with tuples), portable between both backends.

use koers_app::store::{Actor, AuditEntity, ExternalIdentity, NewExternalIdentity, StoreError, StoreResult};
use koers_core::ids::UserId;

use super::audit::Change;
use super::error::db;
use crate::backend::{Conn, Pool, begin_write};

type IdentityRow = (i64, String, String, i64, String, i64, i64);

/// The columns of [`IdentityRow`] (a macro, so the SQL stays a literal for sqlx).
macro_rules! identity_cols {
    () => {
        "id, provider, subject, user_id, email, created_at, last_login_at"
    };
}

fn identity((id, provider, subject, user_id, email, created_at, last_login_at): IdentityRow) -> ExternalIdentity {
    ExternalIdentity { id, provider, subject, user_id: UserId::from(user_id), email, created_at, last_login_at }
}

pub(crate) async fn identity_by_subject(pool: &Pool, provider: &str, subject: &str) -> StoreResult<ExternalIdentity> {
    let sql = concat!("SELECT ", identity_cols!(), " FROM external_identities WHERE provider = $1 AND subject = $2");
    sqlx::query_as::<_, IdentityRow>(sql)
        .bind(provider)
        .bind(subject)
        .fetch_optional(pool)
        .await
        .map_err(db)?
        .map(identity)
        .ok_or(StoreError::NotFound)
}

pub(crate) async fn identities_of_user(pool: &Pool, user_id: UserId) -> StoreResult<Vec<ExternalIdentity>> {
    let sql =
        concat!("SELECT ", identity_cols!(), " FROM external_identities WHERE user_id = $1 ORDER BY provider, id");
    let rows = sqlx::query_as::<_, IdentityRow>(sql).bind(i64::from(user_id)).fetch_all(pool).await.map_err(db)?;
    Ok(rows.into_iter().map(identity).collect())
}

/// Insert a link and its audit entry inside `conn`'s transaction (also used on approving an
/// account request made through a provider).
pub(crate) async fn insert_identity(
    conn: &mut Conn,
    l: &NewExternalIdentity,
    actor: &Actor,
    now: i64,
) -> StoreResult<ExternalIdentity> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO external_identities (provider, subject, user_id, email, created_at, last_login_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(&l.provider)
    .bind(&l.subject)
    .bind(i64::from(l.user_id))
    .bind(&l.email)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
    .map_err(db)?;
    let linked = ExternalIdentity {
        id,
        provider: l.provider.clone(),
        subject: l.subject.clone(),
        user_id: l.user_id,
        email: l.email.clone(),
        created_at: now,
        last_login_at: now,
    };
    Change::new(actor, now, "link", AuditEntity::ExternalIdentity, id).after(&linked)?.write(conn).await?;
    Ok(linked)
}

pub(crate) async fn link(
    pool: &Pool,
    l: &NewExternalIdentity,
    actor: &Actor,
    now: i64,
) -> StoreResult<ExternalIdentity> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let linked = insert_identity(&mut tx, l, actor, now).await?;
    tx.commit().await.map_err(db)?;
    Ok(linked)
}

pub(crate) async fn touch(pool: &Pool, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE external_identities SET last_login_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(pool)
        .await
        .map_err(db)?;
    Ok(())
}
