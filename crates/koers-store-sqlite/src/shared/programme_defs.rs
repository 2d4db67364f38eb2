//! Stored programme definitions (the TOML text the app seeds from `programmes/*.toml` and a
//! beheerder edits): created or updated with optimistic concurrency, audited as `programme`.

use koers_app::store::{Actor, AuditEntity, ProgrammeDefinition, ProgrammeWrite, StoreError, StoreResult};

use super::audit::Change;
use super::error::{db, stale};
use crate::backend::{Conn, Pool, begin_write};

async fn fetch(conn: &mut Conn, id: &str) -> StoreResult<Option<ProgrammeDefinition>> {
    sqlx::query_as!(
        ProgrammeDefinition,
        r#"SELECT id AS "id!", name AS "name!", definition_toml AS "definition_toml!", active AS "active!: bool",
                  version AS "version!: i64", updated_at AS "updated_at!: i64"
           FROM programme_definitions WHERE id = $1"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)
}

/// By id.
pub(crate) async fn list(pool: &Pool) -> StoreResult<Vec<ProgrammeDefinition>> {
    sqlx::query_as!(
        ProgrammeDefinition,
        r#"SELECT id AS "id!", name AS "name!", definition_toml AS "definition_toml!", active AS "active!: bool",
                  version AS "version!: i64", updated_at AS "updated_at!: i64"
           FROM programme_definitions ORDER BY id"#
    )
    .fetch_all(pool)
    .await
    .map_err(db)
}

pub(crate) async fn by_id(pool: &Pool, id: &str) -> StoreResult<ProgrammeDefinition> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch(&mut conn, id).await?.ok_or(StoreError::NotFound)
}

/// `expected_version: None` creates (`Duplicate` when the id exists); `Some(v)` updates version
/// `v` (`Conflict` when stale, `NotFound` when missing). Saving unchanged values writes and
/// audits nothing.
pub(crate) async fn save(pool: &Pool, p: &ProgrammeWrite, actor: &Actor, now: i64) -> StoreResult<ProgrammeDefinition> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let saved = match p.expected_version {
        None => {
            sqlx::query!(
                "INSERT INTO programme_definitions (id, name, definition_toml, active, version, updated_at)
                 VALUES ($1, $2, $3, $4, 1, $5)",
                p.id,
                p.name,
                p.definition_toml,
                p.active,
                now,
            )
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            let created = ProgrammeDefinition {
                id: p.id.clone(),
                name: p.name.clone(),
                definition_toml: p.definition_toml.clone(),
                active: p.active,
                version: 1,
                updated_at: now,
            };
            Change::new(actor, now, "create", AuditEntity::Programme, &p.id).after(&created)?.write(&mut tx).await?;
            created
        }
        Some(expected) => {
            let before = fetch(&mut tx, &p.id).await?.ok_or(StoreError::NotFound)?;
            if before.version != expected {
                return Err(StoreError::Conflict { expected, actual: before.version });
            }
            if (&before.name, &before.definition_toml, before.active) == (&p.name, &p.definition_toml, p.active) {
                return Ok(before);
            }
            let after = ProgrammeDefinition {
                id: before.id.clone(),
                name: p.name.clone(),
                definition_toml: p.definition_toml.clone(),
                active: p.active,
                version: expected + 1,
                updated_at: now,
            };
            let done = sqlx::query!(
                "UPDATE programme_definitions SET name = $1, definition_toml = $2, active = $3, version = $4,
                        updated_at = $5
                 WHERE id = $6 AND version = $7",
                after.name,
                after.definition_toml,
                after.active,
                after.version,
                now,
                after.id,
                expected,
            )
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            if done.rows_affected() == 0 {
                let actual = fetch(&mut tx, &p.id).await?.map(|d| d.version);
                return Err(stale(expected, actual));
            }
            Change::new(actor, now, "update", AuditEntity::Programme, &p.id)
                .before(&before)?
                .after(&after)?
                .write(&mut tx)
                .await?;
            after
        }
    };
    tx.commit().await.map_err(db)?;
    Ok(saved)
}
