//! Sign-in through an OpenID provider: linked (provider, subject) pairs and account requests.
//! Runtime-checked queries (`sqlx::query_as` with tuples), portable between both backends.

use koers_app::store::{
    Actor, ExternalIdentity, NewExternalIdentity, NewSignInRequest, NewUser, SignInRequest, SignInRequestId,
    SignInRequestStatus, StoreError, StoreResult, User,
};
use koers_core::ids::UserId;

use super::audit::Change;
use super::error::{corrupt, db};
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

async fn insert_identity(
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
    Change::new(actor, now, "link", "external_identity", id).after(&linked)?.write(conn).await?;
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

type RequestRow = (i64, String, String, String, String, String, String, Option<i64>, i64, Option<i64>, Option<String>);

/// The columns of [`RequestRow`].
macro_rules! request_cols {
    () => {
        "id, provider, subject, email, name, organisation, status, user_id, created_at, decided_at, decided_by"
    };
}

fn request(row: RequestRow) -> StoreResult<SignInRequest> {
    let (id, provider, subject, email, name, organisation, status, user_id, created_at, decided_at, decided_by) = row;
    Ok(SignInRequest {
        id: SignInRequestId::from(id),
        provider,
        subject,
        email,
        name,
        organisation,
        status: SignInRequestStatus::from_code(&status).ok_or_else(|| corrupt("sign_in_requests.status", &status))?,
        user_id: user_id.map(UserId::from),
        created_at,
        decided_at,
        decided_by,
    })
}

async fn fetch_request(conn: &mut Conn, id: SignInRequestId) -> StoreResult<SignInRequest> {
    let sql = concat!("SELECT ", request_cols!(), " FROM sign_in_requests WHERE id = $1");
    let row = sqlx::query_as::<_, RequestRow>(sql)
        .bind(i64::from(id))
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
    request(row)
}

pub(crate) async fn request_by_id(pool: &Pool, id: SignInRequestId) -> StoreResult<SignInRequest> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch_request(&mut conn, id).await
}

pub(crate) async fn request_by_subject(pool: &Pool, provider: &str, subject: &str) -> StoreResult<SignInRequest> {
    let sql = concat!("SELECT ", request_cols!(), " FROM sign_in_requests WHERE provider = $1 AND subject = $2");
    let row = sqlx::query_as::<_, RequestRow>(sql)
        .bind(provider)
        .bind(subject)
        .fetch_optional(pool)
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
    request(row)
}

pub(crate) async fn requests(pool: &Pool, open_only: bool) -> StoreResult<Vec<SignInRequest>> {
    let sql = if open_only {
        concat!("SELECT ", request_cols!(), " FROM sign_in_requests WHERE status = 'open' ORDER BY created_at, id")
    } else {
        concat!("SELECT ", request_cols!(), " FROM sign_in_requests ORDER BY created_at DESC, id DESC")
    };
    let rows = sqlx::query_as::<_, RequestRow>(sql).fetch_all(pool).await.map_err(db)?;
    rows.into_iter().map(request).collect()
}

pub(crate) async fn create_request(
    pool: &Pool,
    r: &NewSignInRequest,
    actor: &Actor,
    now: i64,
) -> StoreResult<SignInRequest> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO sign_in_requests (provider, subject, email, name, organisation, status, created_at)
         VALUES ($1, $2, $3, $4, $5, 'open', $6) RETURNING id",
    )
    .bind(&r.provider)
    .bind(&r.subject)
    .bind(&r.email)
    .bind(&r.name)
    .bind(&r.organisation)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    let created = fetch_request(&mut tx, SignInRequestId::from(id)).await?;
    Change::new(actor, now, "create", "sign_in_request", id).after(&created)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(created)
}

/// Mark an open request decided (inside `conn`'s transaction); `Conflict` when it is not open.
async fn decide(
    conn: &mut Conn,
    id: SignInRequestId,
    status: SignInRequestStatus,
    user_id: Option<UserId>,
    actor: &Actor,
    now: i64,
) -> StoreResult<SignInRequest> {
    let before = fetch_request(conn, id).await?;
    if before.status != SignInRequestStatus::Open {
        return Err(StoreError::Conflict { expected: 0, actual: 1 });
    }
    sqlx::query(
        "UPDATE sign_in_requests SET status = $1, user_id = $2, decided_at = $3, decided_by = $4
         WHERE id = $5 AND status = 'open'",
    )
    .bind(status.code())
    .bind(user_id.map(i64::from))
    .bind(now)
    .bind(&actor.label)
    .bind(i64::from(id))
    .execute(&mut *conn)
    .await
    .map_err(db)?;
    let after = fetch_request(conn, id).await?;
    Change::new(actor, now, status.code(), "sign_in_request", id).before(&before)?.after(&after)?.write(conn).await?;
    Ok(after)
}

// `user_id.into()`: a no-op while `User::id` is an `i64`, the conversion once it is a `UserId`.
#[allow(clippy::useless_conversion)]
pub(crate) async fn approve(
    pool: &Pool,
    id: SignInRequestId,
    u: &NewUser,
    actor: &Actor,
    now: i64,
) -> StoreResult<(User, SignInRequest)> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let open = fetch_request(&mut tx, id).await?;
    if open.status != SignInRequestStatus::Open {
        return Err(StoreError::Conflict { expected: 0, actual: 1 });
    }
    let user_id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash, locale, active, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, TRUE, 1, $5, $5) RETURNING id",
    )
    .bind(&u.email)
    .bind(&u.name)
    .bind(&u.password_hash)
    .bind(&u.locale)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    let user = User {
        id: user_id.into(),
        email: u.email.clone(),
        name: u.name.clone(),
        password_hash: u.password_hash.clone(),
        locale: u.locale.clone(),
        active: true,
        version: 1,
        created_at: now,
    };
    Change::new(actor, now, "create", "user", user_id).after(&user)?.write(&mut tx).await?;
    let link = NewExternalIdentity {
        provider: open.provider.clone(),
        subject: open.subject.clone(),
        user_id: UserId::from(user_id),
        email: open.email.clone(),
    };
    insert_identity(&mut tx, &link, actor, now).await?;
    let decided = decide(&mut tx, id, SignInRequestStatus::Approved, Some(UserId::from(user_id)), actor, now).await?;
    tx.commit().await.map_err(db)?;
    Ok((user, decided))
}

pub(crate) async fn decline(pool: &Pool, id: SignInRequestId, actor: &Actor, now: i64) -> StoreResult<SignInRequest> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let decided = decide(&mut tx, id, SignInRequestStatus::Declined, None, actor, now).await?;
    tx.commit().await.map_err(db)?;
    Ok(decided)
}
