//! Users (e-mail unique case-insensitively, optimistic concurrency) and their grants.

use koers_app::store::{Actor, AuditEntity, GrantRecord, NewUser, StoreError, StoreResult, User, UserUpdate};
use koers_core::access::{Grant, RoleKind, Scope};
use koers_core::email::Email;
use koers_core::ids::{BoardNumber, SchoolId, UserId};

use super::audit::Change;
use super::error::{corrupt, db, stale};
use crate::backend::{Conn, Pool, begin_write};

/// A `users` row as the database gives it; [`User`] once its address is checked.
struct UserRow {
    id: i64,
    email: String,
    name: String,
    password_hash: String,
    locale: String,
    active: bool,
    version: i64,
    created_at: i64,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;
    fn try_from(r: UserRow) -> StoreResult<User> {
        Ok(User {
            id: UserId::new(r.id),
            email: Email::parse(&r.email).map_err(|_| corrupt("users.email", &r.email))?,
            name: r.name,
            password_hash: r.password_hash,
            locale: r.locale,
            active: r.active,
            version: r.version,
            created_at: r.created_at,
        })
    }
}

async fn fetch(conn: &mut Conn, id: i64) -> StoreResult<Option<User>> {
    sqlx::query_as!(
        UserRow,
        r#"SELECT id AS "id!: i64", email AS "email!", name AS "name!", password_hash AS "password_hash!",
                  locale AS "locale!", active AS "active!: bool", version AS "version!: i64",
                  created_at AS "created_at!: i64"
           FROM users WHERE id = $1"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?
    .map(User::try_from)
    .transpose()
}

pub(crate) async fn by_id(pool: &Pool, id: i64) -> StoreResult<User> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch(&mut conn, id).await?.ok_or(StoreError::NotFound)
}

/// Case-insensitive (ASCII, the same on both backends).
pub(crate) async fn by_email(pool: &Pool, email: &str) -> StoreResult<User> {
    sqlx::query_as!(
        UserRow,
        r#"SELECT id AS "id!: i64", email AS "email!", name AS "name!", password_hash AS "password_hash!",
                  locale AS "locale!", active AS "active!: bool", version AS "version!: i64",
                  created_at AS "created_at!: i64"
           FROM users WHERE lower(email) = lower($1)"#,
        email.trim()
    )
    .fetch_optional(pool)
    .await
    .map_err(db)?
    .ok_or(StoreError::NotFound)?
    .try_into()
}

/// Ordered by e-mail address.
pub(crate) async fn list(pool: &Pool) -> StoreResult<Vec<User>> {
    let mut conn = pool.acquire().await.map_err(db)?;
    list_on(&mut conn).await
}

async fn list_on(conn: &mut Conn) -> StoreResult<Vec<User>> {
    sqlx::query_as!(
        UserRow,
        r#"SELECT id AS "id!: i64", email AS "email!", name AS "name!", password_hash AS "password_hash!",
                  locale AS "locale!", active AS "active!: bool", version AS "version!: i64",
                  created_at AS "created_at!: i64"
           FROM users ORDER BY lower(email), id"#
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(db)?
    .into_iter()
    .map(User::try_from)
    .collect()
}

pub(crate) async fn create(pool: &Pool, u: &NewUser, actor: &Actor, now: i64) -> StoreResult<User> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO users (email, name, password_hash, locale, active, version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, TRUE, 1, $5, $5)
           RETURNING id AS "id!: i64""#,
        u.email.as_str(),
        u.name,
        u.password_hash,
        u.locale,
        now,
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    let user = User {
        id: id.into(),
        email: u.email.clone(),
        name: u.name.clone(),
        password_hash: u.password_hash.clone(),
        locale: u.locale.clone(),
        active: true,
        version: 1,
        created_at: now,
    };
    Change::new(actor, now, "create", AuditEntity::User, id).after(&user)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(user)
}

pub(crate) async fn update(
    pool: &Pool,
    id: i64,
    expected: i64,
    u: &UserUpdate,
    actor: &Actor,
    now: i64,
) -> StoreResult<User> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let before = fetch(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
    if before.version != expected {
        return Err(StoreError::Conflict { expected, actual: before.version });
    }
    let mut after = User {
        name: u.name.clone().unwrap_or_else(|| before.name.clone()),
        password_hash: u.password_hash.clone().unwrap_or_else(|| before.password_hash.clone()),
        locale: u.locale.clone().unwrap_or_else(|| before.locale.clone()),
        active: u.active.unwrap_or(before.active),
        ..before.clone()
    };
    if after == before {
        return Ok(before);
    }
    after.version = expected + 1;
    let done = sqlx::query!(
        "UPDATE users SET name = $1, password_hash = $2, locale = $3, active = $4, version = $5, updated_at = $6
         WHERE id = $7 AND version = $8",
        after.name,
        after.password_hash,
        after.locale,
        after.active,
        after.version,
        now,
        id,
        expected,
    )
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        let actual = sqlx::query_scalar!(r#"SELECT version AS "v!: i64" FROM users WHERE id = $1"#, id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
        return Err(stale(expected, actual));
    }
    if before.active && !after.active && is_beheerder(&mut tx, id).await? {
        ensure_a_beheerder_remains(&mut tx).await?;
    }
    Change::new(actor, now, "update", AuditEntity::User, id).before(&before)?.after(&after)?.write(&mut tx).await?;
    // A new password or a deactivation ends every API token of the account, in the same
    // transaction (sessions end through their auth hash, see koers-web's auth backend).
    if after.password_hash != before.password_hash || (before.active && !after.active) {
        super::tokens::revoke_all_of_user(&mut tx, id, actor, now).await?;
    }
    tx.commit().await.map_err(db)?;
    Ok(after)
}

/// The invariant "someone can still manage Koers", checked after the change inside its
/// transaction (an error drops the transaction, so the change is undone). On SQLite the write
/// lock serializes writers; on PostgreSQL two simultaneous demotions of the last two
/// beheerders under READ COMMITTED could both pass — rare enough for an admin screen.
async fn is_beheerder(conn: &mut Conn, user_id: i64) -> StoreResult<bool> {
    Ok(grants_on(conn, user_id).await?.iter().any(|g| g.grant.role == RoleKind::Beheerder))
}

async fn ensure_a_beheerder_remains(conn: &mut Conn) -> StoreResult<()> {
    for u in list_on(conn).await?.into_iter().filter(|u| u.active) {
        if is_beheerder(conn, u.id.get()).await? {
            return Ok(());
        }
    }
    Err(StoreError::LastBeheerder)
}

/// How a scope is stored: kind code and value text (`''` for global).
fn scope_columns(scope: &Scope) -> (&'static str, String) {
    match scope {
        Scope::Global => ("global", String::new()),
        Scope::Programme(p) => ("programme", p.clone()),
        Scope::School(id) => ("school", id.to_string()),
        Scope::Board(n) => ("board", n.to_string()),
    }
}

fn scope_from(kind: &str, value: &str) -> StoreResult<Scope> {
    let number = || value.parse::<i64>().map_err(|_| corrupt("scope_value", value));
    Ok(match kind {
        "global" => Scope::Global,
        "programme" => Scope::Programme(value.to_owned()),
        "school" => Scope::School(SchoolId::new(number()?)),
        "board" => Scope::Board(BoardNumber::new(number()?)),
        other => return Err(corrupt("scope_kind", other)),
    })
}

struct GrantRow {
    id: i64,
    user_id: i64,
    role: String,
    scope_kind: String,
    scope_value: String,
}

impl TryFrom<GrantRow> for GrantRecord {
    type Error = StoreError;
    fn try_from(r: GrantRow) -> StoreResult<Self> {
        let role = RoleKind::from_code(&r.role).ok_or_else(|| corrupt("role", &r.role))?;
        let grant = Grant { role, scope: scope_from(&r.scope_kind, &r.scope_value)? };
        Ok(GrantRecord { id: r.id.into(), user_id: UserId::new(r.user_id), grant })
    }
}

pub(crate) async fn grants_of_user(pool: &Pool, user_id: i64) -> StoreResult<Vec<GrantRecord>> {
    let mut conn = pool.acquire().await.map_err(db)?;
    grants_on(&mut conn, user_id).await
}

async fn grants_on(conn: &mut Conn, user_id: i64) -> StoreResult<Vec<GrantRecord>> {
    sqlx::query_as!(
        GrantRow,
        r#"SELECT id AS "id!: i64", user_id AS "user_id!: i64", role AS "role!", scope_kind AS "scope_kind!",
                  scope_value AS "scope_value!"
           FROM grants WHERE user_id = $1 ORDER BY id"#,
        user_id
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(db)?
    .into_iter()
    .map(GrantRecord::try_from)
    .collect()
}

/// `NotFound` for an unknown user, `Duplicate` when the user already has this grant.
pub(crate) async fn add_grant(
    pool: &Pool,
    user_id: i64,
    grant: &Grant,
    actor: &Actor,
    now: i64,
) -> StoreResult<GrantRecord> {
    let (kind, value) = scope_columns(&grant.scope);
    let mut tx = begin_write(pool).await.map_err(db)?;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO grants (user_id, role, scope_kind, scope_value, created_at) VALUES ($1, $2, $3, $4, $5)
           RETURNING id AS "id!: i64""#,
        user_id,
        grant.role.code(),
        kind,
        value,
        now,
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    let record = GrantRecord { id: id.into(), user_id: UserId::new(user_id), grant: grant.clone() };
    Change::new(actor, now, "create", AuditEntity::Grant, id).after(&record)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(record)
}

pub(crate) async fn remove_grant(pool: &Pool, grant_id: i64, actor: &Actor, now: i64) -> StoreResult<()> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let row = sqlx::query_as!(
        GrantRow,
        r#"DELETE FROM grants WHERE id = $1
           RETURNING id AS "id!: i64", user_id AS "user_id!: i64", role AS "role!", scope_kind AS "scope_kind!",
                     scope_value AS "scope_value!""#,
        grant_id
    )
    .fetch_optional(&mut *tx)
    .await
    .map_err(db)?
    .ok_or(StoreError::NotFound)?;
    let before = GrantRecord::try_from(row)?;
    if before.grant.role == RoleKind::Beheerder && fetch(&mut tx, before.user_id.get()).await?.is_some_and(|u| u.active)
    {
        ensure_a_beheerder_remains(&mut tx).await?;
    }
    Change::new(actor, now, "delete", AuditEntity::Grant, grant_id).before(&before)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(())
}
