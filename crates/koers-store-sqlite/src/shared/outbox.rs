//! The mail outbox: every mail goes through it, a sender delivers and marks it. Not audited:
//! bodies may hold approval links (bearer tokens), and the audit log is readable by staff.

use koers_app::store::{NewMail, OutboxMail, StoreError, StoreResult};

use super::error::db;
use crate::backend::{Conn, Pool};

pub(crate) async fn enqueue(pool: &Pool, m: &NewMail, now: i64) -> StoreResult<OutboxMail> {
    let mut conn = pool.acquire().await.map_err(db)?;
    insert(&mut conn, m, now).await
}

/// Insert on `conn` (inside a transaction when the caller has one).
pub(crate) async fn insert(conn: &mut Conn, m: &NewMail, now: i64) -> StoreResult<OutboxMail> {
    let id = sqlx::query_scalar!(
        r#"INSERT INTO outbox (to_address, subject, body_text, created_at, sent_at, attempts, last_error)
           VALUES ($1, $2, $3, $4, NULL, 0, NULL)
           RETURNING id AS "id!: i64""#,
        m.to_address,
        m.subject,
        m.body_text,
        now,
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(db)?;
    Ok(OutboxMail {
        id: id.into(),
        to_address: m.to_address.clone(),
        subject: m.subject.clone(),
        body_text: m.body_text.clone(),
        created_at: now,
        sent_at: None,
        attempts: 0,
        last_error: None,
    })
}

/// Newest first; `unsent_only` leaves out sent mail; a `limit` of 0 or less means no limit.
pub(crate) async fn list(pool: &Pool, unsent_only: bool, limit: i64) -> StoreResult<Vec<OutboxMail>> {
    let limit = if limit > 0 { limit } else { i64::MAX };
    sqlx::query_as!(
        OutboxMail,
        r#"SELECT id AS "id!: i64", to_address AS "to_address!", subject AS "subject!", body_text AS "body_text!",
                  created_at AS "created_at!: i64", sent_at AS "sent_at?: i64", attempts AS "attempts!: i64",
                  last_error AS "last_error?"
           FROM outbox
           WHERE ($1 = FALSE OR sent_at IS NULL)
           ORDER BY created_at DESC, id DESC
           LIMIT $2"#,
        unsent_only,
        limit,
    )
    .fetch_all(pool)
    .await
    .map_err(db)
}

/// Record one delivery attempt: `attempts + 1`, `last_error = error`, and `sent_at` when given
/// (a mail once sent stays sent). `NotFound` for an unknown id.
pub(crate) async fn mark(pool: &Pool, id: i64, sent_at: Option<i64>, error: Option<&str>) -> StoreResult<()> {
    let done = sqlx::query!(
        "UPDATE outbox SET attempts = attempts + 1, sent_at = COALESCE($2, sent_at), last_error = $3 WHERE id = $1",
        id,
        sent_at,
        error,
    )
    .execute(pool)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
