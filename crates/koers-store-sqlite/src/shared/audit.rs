//! The audit log: written by every change in the change's own transaction, read newest first.

use koers_app::store::{Actor, AuditEntity, AuditEntry, AuditFilter, NewAudit, StoreError, StoreResult};
use koers_core::ids::UserId;
use serde::Serialize;

use super::error::{corrupt, db, json};
use crate::backend::{Conn, Pool};

/// An audit entry about to be written with a change.
pub(crate) struct Change(NewAudit);

impl Change {
    pub(crate) fn new(actor: &Actor, at: i64, action: &str, entity: AuditEntity, entity_id: impl ToString) -> Self {
        Self(NewAudit {
            at,
            actor_user_id: actor.user_id,
            actor_label: actor.label.clone(),
            action: action.to_owned(),
            entity,
            entity_id: entity_id.to_string(),
            before: None,
            after: None,
        })
    }

    /// The record before the change, as JSON.
    pub(crate) fn before<T: Serialize + ?Sized>(mut self, value: &T) -> StoreResult<Self> {
        self.0.before = Some(json(value)?);
        Ok(self)
    }

    /// The record after the change, as JSON.
    pub(crate) fn after<T: Serialize + ?Sized>(mut self, value: &T) -> StoreResult<Self> {
        self.0.after = Some(json(value)?);
        Ok(self)
    }

    /// Write it (inside the change's transaction).
    pub(crate) async fn write(self, conn: &mut Conn) -> StoreResult<()> {
        insert(conn, &self.0).await
    }
}

pub(crate) async fn insert(conn: &mut Conn, e: &NewAudit) -> StoreResult<()> {
    sqlx::query!(
        "INSERT INTO audit_log (at, actor_user_id, actor_label, action, entity, entity_id, before, after)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        e.at,
        e.actor_user_id.map(UserId::get),
        e.actor_label,
        e.action,
        e.entity.code(),
        e.entity_id,
        e.before,
        e.after,
    )
    .execute(&mut *conn)
    .await
    .map_err(db)?;
    Ok(())
}

pub(crate) async fn append(pool: &Pool, e: &NewAudit) -> StoreResult<()> {
    let mut conn = pool.acquire().await.map_err(db)?;
    insert(&mut conn, e).await
}

/// Newest first. A `limit` of 0 or less means no limit.
pub(crate) async fn list(pool: &Pool, f: &AuditFilter) -> StoreResult<Vec<AuditEntry>> {
    let limit = if f.limit > 0 { f.limit } else { i64::MAX };
    let offset = f.offset.max(0);
    let rows = sqlx::query_as!(
        AuditRow,
        r#"SELECT id AS "id!: i64", at AS "at!: i64", actor_user_id AS "actor_user_id?: i64",
                  actor_label AS "actor_label!", action AS "action!", entity AS "entity!",
                  entity_id AS "entity_id!", before AS "before?", after AS "after?"
           FROM audit_log
           WHERE (CAST($1 AS TEXT) IS NULL OR entity = $1)
             AND (CAST($2 AS TEXT) IS NULL OR entity_id = $2)
             AND (CAST($3 AS BIGINT) IS NULL OR actor_user_id = $3)
           ORDER BY at DESC, id DESC
           LIMIT $4 OFFSET $5"#,
        f.entity.map(AuditEntity::code),
        f.entity_id,
        f.actor_user_id.map(UserId::get),
        limit,
        offset,
    )
    .fetch_all(pool)
    .await
    .map_err(db)?;
    rows.into_iter().map(AuditEntry::try_from).collect()
}

/// An `audit_log` row as stored.
struct AuditRow {
    id: i64,
    at: i64,
    actor_user_id: Option<i64>,
    actor_label: String,
    action: String,
    entity: String,
    entity_id: String,
    before: Option<String>,
    after: Option<String>,
}

impl TryFrom<AuditRow> for AuditEntry {
    type Error = StoreError;
    fn try_from(r: AuditRow) -> StoreResult<Self> {
        Ok(AuditEntry {
            id: r.id,
            at: r.at,
            actor_user_id: r.actor_user_id.map(UserId::new),
            actor_label: r.actor_label,
            action: r.action,
            entity: AuditEntity::from_code(&r.entity).ok_or_else(|| corrupt("audit_log.entity", &r.entity))?,
            entity_id: r.entity_id,
            before: r.before,
            after: r.after,
        })
    }
}
