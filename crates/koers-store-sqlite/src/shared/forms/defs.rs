//! Stored format versions: every version kept; the newest is in force. Audited as `format`.

use koers_app::store::{Actor, AuditEntity, FormatRecord, FormatWrite, StoreError, StoreResult};

use super::super::audit::Change;
use super::super::error::db;
use super::{DbRow, col};
use crate::backend::{Conn, Pool, begin_write};

const COLUMNS: &str = "format_id, version, title, definition_toml, created_at, created_by";

fn record(row: &DbRow) -> StoreResult<FormatRecord> {
    Ok(FormatRecord {
        id: col(row, "format_id")?,
        version: col(row, "version")?,
        title: col(row, "title")?,
        definition_toml: col(row, "definition_toml")?,
        created_at: col(row, "created_at")?,
        created_by: col(row, "created_by")?,
    })
}

/// The newest version of every format, by id.
pub(crate) async fn latest_all(pool: &Pool) -> StoreResult<Vec<FormatRecord>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM format_versions f
         WHERE version = (SELECT MAX(version) FROM format_versions g WHERE g.format_id = f.format_id)
         ORDER BY format_id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await.map_err(db)?;
    rows.iter().map(record).collect()
}

pub(crate) async fn versions(pool: &Pool, id: &str) -> StoreResult<Vec<FormatRecord>> {
    let sql = format!("SELECT {COLUMNS} FROM format_versions WHERE format_id = $1 ORDER BY version DESC");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(pool).await.map_err(db)?;
    rows.iter().map(record).collect()
}

pub(crate) async fn version(pool: &Pool, id: &str, version: i64) -> StoreResult<FormatRecord> {
    let sql = format!("SELECT {COLUMNS} FROM format_versions WHERE format_id = $1 AND version = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).bind(version).fetch_optional(pool).await.map_err(db)?;
    row.as_ref().map(record).transpose()?.ok_or(StoreError::NotFound)
}

async fn newest(conn: &mut Conn, id: &str) -> StoreResult<Option<i64>> {
    let row = sqlx::query("SELECT MAX(version) AS v FROM format_versions WHERE format_id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    col::<Option<i64>>(&row, "v")
}

/// See `FormsWrite::save_format`. A version at or below the newest is refused as `Conflict`
/// (the app checks this first with a Dutch message naming `version`).
pub(crate) async fn save(pool: &Pool, f: &FormatWrite, actor: &Actor, now: i64) -> StoreResult<FormatRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let newest = newest(&mut tx, &f.id).await?;
    match (f.expected_latest, newest) {
        (None, Some(_)) => return Err(StoreError::Duplicate("een format met dit id".into())),
        (Some(_), None) => return Err(StoreError::NotFound),
        (Some(expected), Some(actual)) if expected != actual => {
            return Err(StoreError::Conflict { expected, actual });
        }
        _ => {}
    }
    if let Some(actual) = newest.filter(|n| f.version <= *n) {
        return Err(StoreError::Conflict { expected: f.version, actual });
    }
    sqlx::query(
        "INSERT INTO format_versions (format_id, version, title, definition_toml, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&f.id)
    .bind(f.version)
    .bind(&f.title)
    .bind(&f.definition_toml)
    .bind(now)
    .bind(&actor.label)
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    let saved = FormatRecord {
        id: f.id.clone(),
        version: f.version,
        title: f.title.clone(),
        definition_toml: f.definition_toml.clone(),
        created_at: now,
        created_by: actor.label.clone(),
    };
    let summary = serde_json::json!({ "id": saved.id, "version": saved.version, "title": saved.title });
    let action = if newest.is_some() { "update" } else { "create" };
    Change::new(actor, now, action, AuditEntity::Format, &f.id).after(&summary)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(saved)
}
