// Over ~400 lines on purpose: one transaction per use case of getting in (request, confirm,
// decide with its linked OIDC identity, links, prune); split by request/link when one is added.
//! Getting in (issue 10 §5): account requests and one-time account links. Runtime-checked
//! queries (`sqlx::query`), exercised by the conformance suite on both backends; every write
//! with its audit entry and its mail in one transaction.

use koers_app::store::{
    AccountLink, AccountRequestId, AccountRequestRecord, Actor, AuditEntity, NewAccountRequest, NewExternalIdentity,
    NewMail, RequestDecision, RequestIdentity, RequestStatus, RequestSubject, StoreError, StoreResult, User,
};
use koers_core::access::{RoleKind, Scope};
use koers_core::ids::{BoardNumber, SchoolId, UserId};

use super::audit::Change;
use super::error::{corrupt, db, stale};
use crate::backend::{Conn, Pool, begin_write};

/// Only ever formatted with fixed SQL (never user input), hence `AssertSqlSafe` below. The
/// request (`r`) with the provider identity it was made by, if any (`i`, migration 0026).
const REQUEST_COLUMNS: &str = "r.id, r.school_id, r.board_number, r.name, r.email, r.function_title, r.locale,
    r.status, r.confirm_expires_at, r.confirmed_at, r.decided_at, r.decided_by, r.decision_reason, r.user_id,
    r.created_at, r.version, i.provider AS via_provider, i.subject AS via_subject, i.email AS via_email,
    i.organisation AS via_organisation
    FROM account_requests r LEFT JOIN account_request_identities i ON i.account_request_id = r.id";

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    school_id: Option<i64>,
    board_number: Option<i64>,
    name: String,
    email: String,
    function_title: String,
    locale: String,
    status: String,
    confirm_expires_at: i64,
    confirmed_at: Option<i64>,
    decided_at: Option<i64>,
    decided_by: Option<i64>,
    decision_reason: Option<String>,
    user_id: Option<i64>,
    created_at: i64,
    version: i64,
    via_provider: Option<String>,
    via_subject: Option<String>,
    via_email: Option<String>,
    via_organisation: Option<String>,
}

impl TryFrom<RequestRow> for AccountRequestRecord {
    type Error = StoreError;
    fn try_from(r: RequestRow) -> StoreResult<Self> {
        let subject = match (r.school_id, r.board_number) {
            (Some(id), None) => RequestSubject::School(SchoolId::new(id)),
            (None, Some(n)) => RequestSubject::Board(BoardNumber::new(n)),
            _ => return Err(corrupt("account_requests.school_id/board_number", &r.id.to_string())),
        };
        let identity = match (r.via_provider, r.via_subject) {
            (Some(provider), Some(subject)) => Some(RequestIdentity {
                provider,
                subject,
                email: r.via_email.unwrap_or_default(),
                organisation: r.via_organisation.unwrap_or_default(),
            }),
            _ => None,
        };
        Ok(AccountRequestRecord {
            id: AccountRequestId::new(r.id),
            subject,
            name: r.name,
            email: r.email,
            function_title: r.function_title,
            locale: r.locale,
            status: RequestStatus::from_code(&r.status).ok_or_else(|| corrupt("account_requests.status", &r.status))?,
            confirm_expires_at: r.confirm_expires_at,
            confirmed_at: r.confirmed_at,
            decided_at: r.decided_at,
            decided_by: r.decided_by.map(UserId::new),
            decision_reason: r.decision_reason,
            user_id: r.user_id.map(UserId::new),
            created_at: r.created_at,
            version: r.version,
            identity,
        })
    }
}

async fn fetch_where(conn: &mut Conn, condition: &str, value: &str) -> StoreResult<Option<AccountRequestRecord>> {
    let sql = format!("SELECT {REQUEST_COLUMNS} WHERE {condition}");
    let row: Option<RequestRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(value).fetch_optional(&mut *conn).await.map_err(db)?;
    row.map(AccountRequestRecord::try_from).transpose()
}

async fn fetch(conn: &mut Conn, id: AccountRequestId) -> StoreResult<AccountRequestRecord> {
    let sql = format!("SELECT {REQUEST_COLUMNS} WHERE r.id = $1");
    let row: Option<RequestRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id.get()).fetch_optional(&mut *conn).await.map_err(db)?;
    row.map(AccountRequestRecord::try_from).transpose()?.ok_or(StoreError::NotFound)
}

pub(crate) async fn request(pool: &Pool, id: AccountRequestId) -> StoreResult<AccountRequestRecord> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch(&mut conn, id).await
}

pub(crate) async fn request_by_token(pool: &Pool, token_hash: &str) -> StoreResult<AccountRequestRecord> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch_where(&mut conn, "r.confirm_token_hash = $1", token_hash).await?.ok_or(StoreError::NotFound)
}

pub(crate) async fn requests(pool: &Pool, status: Option<RequestStatus>) -> StoreResult<Vec<AccountRequestRecord>> {
    let sql = format!("SELECT {REQUEST_COLUMNS} WHERE ($1 = '' OR r.status = $1) ORDER BY r.created_at, r.id");
    let rows: Vec<RequestRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(status.map_or("", RequestStatus::code))
        .fetch_all(pool)
        .await
        .map_err(db)?;
    rows.into_iter().map(AccountRequestRecord::try_from).collect()
}

pub(crate) async fn request_by_identity(
    pool: &Pool,
    provider: &str,
    subject: &str,
) -> StoreResult<Option<AccountRequestRecord>> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} WHERE i.provider = $1 AND i.subject = $2 ORDER BY r.created_at DESC, r.id DESC LIMIT 1"
    );
    let row: Option<RequestRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(provider).bind(subject).fetch_optional(pool).await.map_err(db)?;
    row.map(AccountRequestRecord::try_from).transpose()
}

async fn user_exists(conn: &mut Conn, email: &str) -> StoreResult<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE lower(email) = lower($1)")
        .bind(email)
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    Ok(n > 0)
}

pub(crate) async fn create_request(
    pool: &Pool,
    r: &NewAccountRequest,
    mail: &NewMail,
    actor: &Actor,
    now: i64,
) -> StoreResult<AccountRequestRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    if user_exists(&mut tx, &r.email).await? {
        return Err(StoreError::Duplicate("account".into()));
    }
    sqlx::query(
        "UPDATE account_requests SET status = 'verlopen', password_hash = '', version = version + 1
         WHERE lower(email) = lower($1) AND status = 'onbevestigd' AND confirm_expires_at <= $2",
    )
    .bind(&r.email)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    let (school_id, board_number) = match r.subject {
        RequestSubject::School(id) => (Some(id.get()), None),
        RequestSubject::Board(n) => (None, Some(n.get())),
    };
    let (status, confirmed_at) =
        if r.confirmed { (RequestStatus::Bevestigd, Some(now)) } else { (RequestStatus::Onbevestigd, None) };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO account_requests (school_id, board_number, name, email, function_title, locale, password_hash,
             status, confirm_token_hash, confirm_expires_at, confirmed_at, created_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1)
         RETURNING id",
    )
    .bind(school_id)
    .bind(board_number)
    .bind(&r.name)
    .bind(&r.email)
    .bind(&r.function_title)
    .bind(&r.locale)
    .bind(&r.password_hash)
    .bind(status.code())
    .bind(&r.confirm_token_hash)
    .bind(r.confirm_expires_at)
    .bind(confirmed_at)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| match db(e) {
        StoreError::Duplicate(_) => StoreError::Duplicate("aanvraag".into()),
        other => other,
    })?;
    if let Some(i) = &r.identity {
        sqlx::query(
            "INSERT INTO account_request_identities (account_request_id, provider, subject, email, organisation, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(&i.provider)
        .bind(&i.subject)
        .bind(&i.email)
        .bind(&i.organisation)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    }
    let record = fetch(&mut tx, AccountRequestId::new(id)).await?;
    Change::new(actor, now, "request", AuditEntity::AccountRequest, id).after(&record)?.write(&mut tx).await?;
    super::outbox::insert(&mut tx, mail, now).await?;
    tx.commit().await.map_err(db)?;
    Ok(record)
}

pub(crate) async fn confirm_request(
    pool: &Pool,
    id: AccountRequestId,
    now: i64,
    actor: &Actor,
) -> StoreResult<AccountRequestRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let before = fetch(&mut tx, id).await?;
    let done = sqlx::query(
        "UPDATE account_requests SET status = 'bevestigd', confirmed_at = $1, version = version + 1
         WHERE id = $2 AND status = 'onbevestigd' AND confirm_expires_at > $1",
    )
    .bind(now)
    .bind(id.get())
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Conflict { expected: before.version, actual: before.version });
    }
    let after = fetch(&mut tx, id).await?;
    Change::new(actor, now, "confirm", AuditEntity::AccountRequest, id)
        .before(&before)?
        .after(&after)?
        .write(&mut tx)
        .await?;
    tx.commit().await.map_err(db)?;
    Ok(after)
}

pub(crate) async fn decide_request(
    pool: &Pool,
    id: AccountRequestId,
    expected: i64,
    decision: &RequestDecision,
    mail: &NewMail,
    actor: &Actor,
    now: i64,
) -> StoreResult<(AccountRequestRecord, Option<User>)> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let before = fetch(&mut tx, id).await?;
    if before.version != expected || before.status != RequestStatus::Bevestigd {
        return Err(StoreError::Conflict { expected, actual: before.version });
    }
    let (status, reason, user) = match decision {
        RequestDecision::Approve { grant } => {
            if user_exists(&mut tx, &before.email).await? {
                return Err(StoreError::Duplicate("account".into()));
            }
            let hash: String = sqlx::query_scalar("SELECT password_hash FROM account_requests WHERE id = $1")
                .bind(id.get())
                .fetch_one(&mut *tx)
                .await
                .map_err(db)?;
            let user_id: i64 = sqlx::query_scalar(
                "INSERT INTO users (email, name, password_hash, locale, active, version, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, TRUE, 1, $5, $5) RETURNING id",
            )
            .bind(before.email.as_str())
            .bind(&before.name)
            .bind(&hash)
            .bind(&before.locale)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .map_err(db)?;
            let user = User {
                id: UserId::new(user_id),
                email: koers_core::email::Email::parse(&before.email)
                    .map_err(|_| corrupt("account_requests.email", &before.email))?,
                name: before.name.clone(),
                password_hash: hash,
                locale: before.locale.clone(),
                active: true,
                version: 1,
                created_at: now,
            };
            Change::new(actor, now, "create", AuditEntity::User, user_id).after(&user)?.write(&mut tx).await?;
            let (kind, value) = match &grant.scope {
                Scope::School(s) => ("school", s.to_string()),
                Scope::Board(n) => ("board", n.to_string()),
                _ => return Err(corrupt("account_requests.grant", grant.role.code())),
            };
            if !matches!(grant.role, RoleKind::Schoolleider | RoleKind::Bestuurder) {
                return Err(corrupt("account_requests.grant", grant.role.code()));
            }
            let grant_id: i64 = sqlx::query_scalar(
                "INSERT INTO grants (user_id, role, scope_kind, scope_value, created_at) VALUES ($1, $2, $3, $4, $5)
                 RETURNING id",
            )
            .bind(user_id)
            .bind(grant.role.code())
            .bind(kind)
            .bind(&value)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .map_err(db)?;
            let record = serde_json::json!({ "id": grant_id, "user_id": user_id, "grant": grant });
            Change::new(actor, now, "create", AuditEntity::Grant, grant_id).after(&record)?.write(&mut tx).await?;
            if let Some(i) = &before.identity {
                let link = NewExternalIdentity {
                    provider: i.provider.clone(),
                    subject: i.subject.clone(),
                    user_id: UserId::new(user_id),
                    email: i.email.clone(),
                };
                super::external::insert_identity(&mut tx, &link, actor, now).await?;
            }
            (RequestStatus::Goedgekeurd.code(), None, Some(user))
        }
        RequestDecision::Decline { reason } => (RequestStatus::Afgewezen.code(), Some(reason.clone()), None),
    };
    let done = sqlx::query(
        "UPDATE account_requests SET status = $1, decision_reason = $2, decided_at = $3, decided_by = $4,
             user_id = $5, password_hash = '', version = version + 1
         WHERE id = $6 AND version = $7",
    )
    .bind(status)
    .bind(&reason)
    .bind(now)
    .bind(actor.user_id.map(UserId::get))
    .bind(user.as_ref().map(|u| u.id.get()))
    .bind(id.get())
    .bind(expected)
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(stale(expected, Some(expected + 1)));
    }
    let after = fetch(&mut tx, id).await?;
    let action = if user.is_some() { "approve" } else { "decline" };
    Change::new(actor, now, action, AuditEntity::AccountRequest, id)
        .before(&before)?
        .after(&after)?
        .write(&mut tx)
        .await?;
    super::outbox::insert(&mut tx, mail, now).await?;
    tx.commit().await.map_err(db)?;
    Ok((after, user))
}

type LinkRow = (i64, i64, String, i64, Option<i64>, i64);

fn link_of((id, user_id, purpose, expires_at, used_at, created_at): LinkRow) -> AccountLink {
    AccountLink { id, user_id: UserId::new(user_id), purpose, expires_at, used_at, created_at }
}

pub(crate) async fn link(pool: &Pool, token_hash: &str) -> StoreResult<AccountLink> {
    let row: Option<LinkRow> = sqlx::query_as(
        "SELECT id, user_id, purpose, expires_at, used_at, created_at FROM account_links WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await
    .map_err(db)?;
    row.map(link_of).ok_or(StoreError::NotFound)
}

pub(crate) async fn create_link(
    pool: &Pool,
    user_id: UserId,
    purpose: &str,
    token_hash: &str,
    expires_at: i64,
    mail: &NewMail,
    now: i64,
) -> StoreResult<AccountLink> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO account_links (user_id, purpose, token_hash, expires_at, used_at, created_at)
         VALUES ($1, $2, $3, $4, NULL, $5) RETURNING id",
    )
    .bind(user_id.get())
    .bind(purpose)
    .bind(token_hash)
    .bind(expires_at)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    let link = AccountLink { id, user_id, purpose: purpose.to_owned(), expires_at, used_at: None, created_at: now };
    let actor = Actor::system("koers (wachtwoord vergeten)");
    Change::new(&actor, now, "reset_requested", AuditEntity::User, user_id)
        .after(&serde_json::json!({ "link": id, "expires_at": expires_at }))?
        .write(&mut tx)
        .await?;
    super::outbox::insert(&mut tx, mail, now).await?;
    tx.commit().await.map_err(db)?;
    Ok(link)
}

pub(crate) async fn reset_password(pool: &Pool, token_hash: &str, password_hash: &str, now: i64) -> StoreResult<User> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let user_id: Option<i64> = sqlx::query_scalar(
        "UPDATE account_links SET used_at = $1
         WHERE token_hash = $2 AND purpose = 'wachtwoord' AND used_at IS NULL AND expires_at > $1
         RETURNING user_id",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await
    .map_err(db)?;
    let Some(user_id) = user_id else {
        return Err(StoreError::Conflict { expected: 0, actual: 1 });
    };
    sqlx::query("UPDATE account_links SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    let (email, version): (String, i64) =
        sqlx::query_as("UPDATE users SET password_hash = $1, version = version + 1, updated_at = $2 WHERE id = $3 RETURNING email, version")
            .bind(password_hash)
            .bind(now)
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db)?;
    let actor = Actor { user_id: Some(UserId::new(user_id)), label: email };
    Change::new(&actor, now, "password_reset", AuditEntity::User, user_id)
        .after(&serde_json::json!({ "version": version }))?
        .write(&mut tx)
        .await?;
    super::tokens::revoke_all_of_user(&mut tx, user_id, &actor, now).await?;
    tx.commit().await.map_err(db)?;
    super::users::by_id(pool, user_id).await
}
