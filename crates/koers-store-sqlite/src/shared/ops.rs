//! Operations shared by both backends: is a database empty (a restore target)? Is it ready
//! (reachable, migrations current)? What changed in the public register since a given audit
//! entry (cache invalidation on every app server)?
//!
//! These queries use `sqlx::query` (checked by the tests on both backends, not at compile time)
//! so the committed `.sqlx/` data needs no regeneration for them.

use koers_app::store::{AuditEntity, RegisterChange, StoreError, StoreResult};

use super::error::{corrupt, db};
use crate::backend::{MIGRATOR, Pool};

/// The tables that say "this database is in use", with their Dutch names for the message.
/// Programmes are seeded by migration and do not count.
const COUNTED: &[&str] = &["scholen", "besturen", "gebruikers", "aanmeldingen", "experts", "auditregels", "mails"];

pub(crate) async fn data_summary(pool: &Pool) -> StoreResult<Option<String>> {
    let counts: (i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM schools), (SELECT COUNT(*) FROM boards), (SELECT COUNT(*) FROM users),
                (SELECT COUNT(*) FROM applications), (SELECT COUNT(*) FROM experts),
                (SELECT COUNT(*) FROM audit_log), (SELECT COUNT(*) FROM outbox)",
    )
    .fetch_one(pool)
    .await
    .map_err(db)?;
    let n = [counts.0, counts.1, counts.2, counts.3, counts.4, counts.5, counts.6];
    let parts: Vec<String> =
        n.iter().zip(COUNTED).filter(|(n, _)| **n > 0).map(|(n, what)| format!("{n} {what}")).collect();
    Ok((!parts.is_empty()).then(|| parts.join(", ")))
}

pub(crate) async fn readiness(pool: &Pool) -> StoreResult<()> {
    let applied: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = TRUE").fetch_all(pool).await.map_err(
            |e| StoreError::Backend(format!("database niet bereikbaar of niet gemigreerd: {}", super::error::nl(&e))),
        )?;
    let missing: Vec<String> =
        MIGRATOR.iter().map(|m| m.version).filter(|v| !applied.contains(v)).map(|v| format!("{v:04}")).collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Backend(format!(
            "migraties nog niet uitgevoerd: {} (draai `koers migrate`)",
            missing.join(", ")
        )))
    }
}

pub(crate) async fn register_changes(pool: &Pool, after_id: i64, limit: i64) -> StoreResult<Vec<RegisterChange>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, entity, entity_id FROM audit_log
         WHERE id > $1 AND entity IN ('school', 'board', 'result', 'published', 'weging_year', 'exam_year', 'verdict', 'programme')
         ORDER BY id LIMIT $2",
    )
    .bind(after_id)
    .bind(limit)
    .fetch_all(pool)
    .await
    .map_err(db)?;
    rows.into_iter()
        .map(|(id, entity, entity_id)| {
            let entity = AuditEntity::from_code(&entity).ok_or_else(|| corrupt("audit_log.entity", &entity))?;
            Ok(RegisterChange { id, entity, entity_id })
        })
        .collect()
}

pub(crate) async fn last_change_id(pool: &Pool) -> StoreResult<i64> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM audit_log").fetch_one(pool).await.map_err(db)
}

pub(crate) async fn outbox_pending(pool: &Pool) -> StoreResult<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").fetch_one(pool).await.map_err(db)
}
