//! Board-approval links: only the token's SHA-256 is stored (and never written to the audit
//! log); a link is used once. Audited as `approval_link` with a system actor (the trait passes
//! none: links are made for and used by people without a login).

use koers_app::store::{Actor, ApprovalLink, AuditEntity, StoreError, StoreResult};
use serde::Serialize;

use super::audit::Change;
use super::error::db;
use crate::backend::{Conn, Pool, begin_write};

/// Who creates and uses approval links in the audit log.
const ACTOR: &str = "koers (goedkeuringslink)";

/// What the audit log keeps of a link: everything but the token hash.
#[derive(Serialize)]
struct Audited {
    id: i64,
    application_id: i64,
    board_number: i64,
    expires_at: i64,
    used_at: Option<i64>,
    created_at: i64,
}

fn audited(l: &ApprovalLink) -> Audited {
    Audited {
        id: l.id.get(),
        application_id: l.application_id.get(),
        board_number: l.board_number.get(),
        expires_at: l.expires_at,
        used_at: l.used_at,
        created_at: l.created_at,
    }
}

/// `NotFound` for an unknown application, `Duplicate` for a token hash in use.
pub(crate) async fn create(
    pool: &Pool,
    application_id: i64,
    board_number: i64,
    token_hash: &str,
    expires_at: i64,
    now: i64,
) -> StoreResult<ApprovalLink> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let link = insert(&mut tx, application_id, board_number, token_hash, expires_at, now).await?;
    tx.commit().await.map_err(db)?;
    Ok(link)
}

/// Insert inside `conn`'s transaction (see [`create`]).
pub(crate) async fn insert(
    conn: &mut Conn,
    application_id: i64,
    board_number: i64,
    token_hash: &str,
    expires_at: i64,
    now: i64,
) -> StoreResult<ApprovalLink> {
    let id = sqlx::query_scalar!(
        r#"INSERT INTO approval_links (application_id, board_number, token_hash, expires_at, used_at, created_at)
           VALUES ($1, $2, $3, $4, NULL, $5)
           RETURNING id AS "id!: i64""#,
        application_id,
        board_number,
        token_hash,
        expires_at,
        now,
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(db)?;
    let link = ApprovalLink {
        id: id.into(),
        application_id: application_id.into(),
        board_number: board_number.into(),
        token_hash: token_hash.to_owned(),
        expires_at,
        used_at: None,
        created_at: now,
    };
    Change::new(&Actor::system(ACTOR), now, "create", AuditEntity::ApprovalLink, id)
        .after(&audited(&link))?
        .write(conn)
        .await?;
    Ok(link)
}

pub(crate) async fn by_hash(pool: &Pool, token_hash: &str) -> StoreResult<ApprovalLink> {
    sqlx::query_as!(
        ApprovalLink,
        r#"SELECT id AS "id!: i64", application_id AS "application_id!: i64", board_number AS "board_number!: i64",
                  token_hash AS "token_hash!", expires_at AS "expires_at!: i64", used_at AS "used_at?: i64",
                  created_at AS "created_at!: i64"
           FROM approval_links WHERE token_hash = $1"#,
        token_hash
    )
    .fetch_optional(pool)
    .await
    .map_err(db)?
    .ok_or(StoreError::NotFound)
}

/// Mark used, once: the `used_at IS NULL` condition makes the second of two simultaneous uses
/// match no row. A link already used is `Conflict { expected: 0, actual: 1 }` (0 = unused,
/// 1 = used: links have no version); an unknown one `NotFound`.
pub(crate) async fn mark_used(pool: &Pool, id: i64, now: i64) -> StoreResult<()> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let used = sqlx::query_as!(
        ApprovalLink,
        r#"UPDATE approval_links SET used_at = $2 WHERE id = $1 AND used_at IS NULL
           RETURNING id AS "id!: i64", application_id AS "application_id!: i64",
                     board_number AS "board_number!: i64", token_hash AS "token_hash!",
                     expires_at AS "expires_at!: i64", used_at AS "used_at?: i64", created_at AS "created_at!: i64""#,
        id,
        now
    )
    .fetch_optional(&mut *tx)
    .await
    .map_err(db)?;
    let Some(after) = used else {
        let exists = sqlx::query_scalar!(r#"SELECT id AS "id!: i64" FROM approval_links WHERE id = $1"#, id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
        return Err(match exists {
            Some(_) => StoreError::Conflict { expected: 0, actual: 1 },
            None => StoreError::NotFound,
        });
    };
    let before = ApprovalLink { used_at: None, ..after.clone() };
    Change::new(&Actor::system(ACTOR), now, "use", AuditEntity::ApprovalLink, id)
        .before(&audited(&before))?
        .after(&audited(&after))?
        .write(&mut tx)
        .await?;
    tx.commit().await.map_err(db)?;
    Ok(())
}
