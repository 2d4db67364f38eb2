//! Import runs and every one of their rejected rows (issue 11 item 2), so the report pages
//! through them from the database. Not audited (the import itself is, by the caller); older
//! runs than the newest [`KEPT_IMPORT_RUNS`] are deleted with their rows. Runtime-checked
//! queries (no `.sqlx` entries).

use koers_app::store::{ImportRun, KEPT_IMPORT_RUNS, NewImportRun, RowError, StoreError, StoreResult};

use super::error::db;
use crate::backend::{Pool, begin_write};

/// Rows per multi-row INSERT: 5 values each, far under both backends' bind limits.
const CHUNK: usize = 500;

fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub(crate) async fn record(pool: &Pool, run: &NewImportRun, rejected: &[RowError]) -> StoreResult<i64> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO import_runs (at, actor_label, file, summary, rejected_total) VALUES ($1, $2, $3, $4, $5)
         RETURNING id",
    )
    .bind(run.at)
    .bind(&run.actor_label)
    .bind(&run.file)
    .bind(&run.summary)
    .bind(int(rejected.len()))
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    for (c, chunk) in rejected.chunks(CHUNK).enumerate() {
        let mut q =
            sqlx::QueryBuilder::new("INSERT INTO import_rejections (run_id, seq, line, column_name, value, problem) ");
        q.push_values(chunk.iter().enumerate(), |mut b, (i, e)| {
            b.push_bind(id)
                .push_bind(int(c * CHUNK + i))
                .push_bind(int(e.line))
                .push_bind(e.column.as_str())
                .push_bind(e.value.as_str())
                .push_bind(e.problem.as_str());
        });
        q.build().execute(&mut *tx).await.map_err(db)?;
    }
    sqlx::query("DELETE FROM import_runs WHERE id NOT IN (SELECT id FROM import_runs ORDER BY id DESC LIMIT $1)")
        .bind(KEPT_IMPORT_RUNS)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)?;
    Ok(id)
}

pub(crate) async fn by_id(pool: &Pool, id: i64) -> StoreResult<ImportRun> {
    let row: Option<(i64, i64, String, String, String, i64)> =
        sqlx::query_as("SELECT id, at, actor_label, file, summary, rejected_total FROM import_runs WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await
            .map_err(db)?;
    let (id, at, actor_label, file, summary, rejected_total) = row.ok_or(StoreError::NotFound)?;
    Ok(ImportRun { id: id.into(), at, actor_label, file, summary, rejected_total })
}

pub(crate) async fn rejections(pool: &Pool, run_id: i64, offset: i64, limit: i64) -> StoreResult<Vec<RowError>> {
    let file: String = sqlx::query_scalar("SELECT file FROM import_runs WHERE id = $1")
        .bind(run_id)
        .fetch_optional(pool)
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT line, column_name, value, problem FROM import_rejections
         WHERE run_id = $1 ORDER BY seq LIMIT $2 OFFSET $3",
    )
    .bind(run_id)
    .bind(limit.max(0))
    .bind(offset.max(0))
    .fetch_all(pool)
    .await
    .map_err(db)?;
    Ok(rows
        .into_iter()
        .map(|(line, column, value, problem)| RowError {
            file: file.clone(),
            line: usize::try_from(line).unwrap_or(0),
            column,
            value,
            problem,
        })
        .collect())
}
