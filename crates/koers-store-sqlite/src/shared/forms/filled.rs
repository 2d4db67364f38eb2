//! The filled-in forms of a trajectory: created at the format version in force, submitted
//! (baseline frozen) and confirmed with optimistic concurrency, with the phase move a status
//! causes in the same transaction (`trajectories::apply_move`). Audited as `self_evaluation`
//! and `trajectory`.

use koers_app::store::{Actor, AuditEntity, SelfEvaluationRecord, StatusWrite, StoreError, StoreResult};
use koers_core::format::FormStatus;
use koers_core::ids::{SelfEvaluationId, TrajectoryId, UserId};

use super::super::audit::Change;
use super::super::error::{corrupt, db, stale};
use super::{DbRow, col};
use crate::backend::{Conn, Pool, begin_write};

const COLUMNS: &str = "id, trajectory_id, format_id, format_version, status, baseline_json, submitted_at, submitted_by,
                       confirmed_at, confirmed_by, version, answers_rev, created_at";

fn record(row: &DbRow) -> StoreResult<SelfEvaluationRecord> {
    let status: String = col(row, "status")?;
    Ok(SelfEvaluationRecord {
        id: SelfEvaluationId::new(col(row, "id")?),
        trajectory_id: TrajectoryId::new(col(row, "trajectory_id")?),
        format_id: col(row, "format_id")?,
        format_version: col(row, "format_version")?,
        status: FormStatus::from_code(&status).ok_or_else(|| corrupt("status van een formulier", &status))?,
        baseline_json: col(row, "baseline_json")?,
        submitted_at: col(row, "submitted_at")?,
        submitted_by: col::<Option<i64>>(row, "submitted_by")?.map(UserId::new),
        confirmed_at: col(row, "confirmed_at")?,
        confirmed_by: col::<Option<i64>>(row, "confirmed_by")?.map(UserId::new),
        version: col(row, "version")?,
        answers_rev: col(row, "answers_rev")?,
        created_at: col(row, "created_at")?,
    })
}

pub(crate) async fn fetch(conn: &mut Conn, id: SelfEvaluationId) -> StoreResult<Option<SelfEvaluationRecord>> {
    let sql = format!("SELECT {COLUMNS} FROM self_evaluations WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.get()).fetch_optional(&mut *conn).await.map_err(db)?;
    row.as_ref().map(record).transpose()
}

pub(crate) async fn by_id(pool: &Pool, id: SelfEvaluationId) -> StoreResult<SelfEvaluationRecord> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch(&mut conn, id).await?.ok_or(StoreError::NotFound)
}

pub(crate) async fn of_trajectory(pool: &Pool, t: TrajectoryId) -> StoreResult<Vec<SelfEvaluationRecord>> {
    let sql = format!("SELECT {COLUMNS} FROM self_evaluations WHERE trajectory_id = $1 ORDER BY id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(t.get()).fetch_all(pool).await.map_err(db)?;
    rows.iter().map(record).collect()
}

pub(crate) async fn create(
    pool: &Pool,
    t: TrajectoryId,
    format_id: &str,
    format_version: i64,
    actor: &Actor,
    now: i64,
) -> StoreResult<SelfEvaluationRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let exists = sqlx::query("SELECT id FROM self_evaluations WHERE trajectory_id = $1 AND format_id = $2")
        .bind(t.get())
        .bind(format_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
    if exists.is_some() {
        return Err(StoreError::Duplicate("een formulier van dit format voor dit traject".into()));
    }
    let row = sqlx::query(
        "INSERT INTO self_evaluations (trajectory_id, format_id, format_version, status, version, answers_rev, created_at)
         VALUES ($1, $2, $3, 'concept', 1, 0, $4) RETURNING id",
    )
    .bind(t.get())
    .bind(format_id)
    .bind(format_version)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    let id = SelfEvaluationId::new(col(&row, "id")?);
    let created = fetch(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
    Change::new(actor, now, "create", AuditEntity::SelfEvaluation, id).after(&created)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(created)
}

/// Mark a change to the form's content (answers, flags, visits, uploads) inside `conn`'s
/// transaction: refused with `Conflict` unless the form is a concept. The UPDATE takes the
/// row's write lock, so it serializes with a submission.
pub(crate) async fn touch_concept(conn: &mut Conn, id: SelfEvaluationId) -> StoreResult<()> {
    let done =
        sqlx::query("UPDATE self_evaluations SET answers_rev = answers_rev + 1 WHERE id = $1 AND status = 'concept'")
            .bind(id.get())
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    if done.rows_affected() == 0 {
        let now = fetch(conn, id).await?.ok_or(StoreError::NotFound)?;
        return Err(StoreError::Conflict { expected: now.version, actual: now.version });
    }
    Ok(())
}

/// See `FormsWrite::set_self_evaluation_status`.
pub(crate) async fn set_status(
    pool: &Pool,
    w: &StatusWrite,
    actor: &Actor,
    now: i64,
) -> StoreResult<SelfEvaluationRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let before = fetch(&mut tx, w.id).await?.ok_or(StoreError::NotFound)?;
    let rev = w.expected_answers_rev.unwrap_or(before.answers_rev);
    if before.version != w.expected_version {
        return Err(StoreError::Conflict { expected: w.expected_version, actual: before.version });
    }
    if before.answers_rev != rev {
        return Err(StoreError::Conflict { expected: rev, actual: before.answers_rev });
    }
    let (submitted_at, submitted_by, baseline) = match w.status {
        FormStatus::Ingediend => (Some(now), actor.user_id.map(UserId::get), w.baseline_json.clone()),
        _ => (before.submitted_at, before.submitted_by.map(UserId::get), before.baseline_json.clone()),
    };
    let (confirmed_at, confirmed_by) = match w.status {
        FormStatus::Bevestigd => (Some(now), actor.user_id.map(UserId::get)),
        _ => (None, None),
    };
    let done = sqlx::query(
        "UPDATE self_evaluations SET status = $1, baseline_json = $2, submitted_at = $3, submitted_by = $4,
                confirmed_at = $5, confirmed_by = $6, version = version + 1
         WHERE id = $7 AND version = $8 AND answers_rev = $9",
    )
    .bind(w.status.code())
    .bind(&baseline)
    .bind(submitted_at)
    .bind(submitted_by)
    .bind(confirmed_at)
    .bind(confirmed_by)
    .bind(w.id.get())
    .bind(w.expected_version)
    .bind(rev)
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        let actual = fetch(&mut tx, w.id).await?.map(|s| s.version);
        return Err(stale(w.expected_version, actual));
    }
    let after = fetch(&mut tx, w.id).await?.ok_or(StoreError::NotFound)?;
    let mut audit_before = before.clone();
    audit_before.baseline_json = None;
    let mut audit_after = after.clone();
    audit_after.baseline_json = None;
    Change::new(actor, now, w.status.code(), AuditEntity::SelfEvaluation, w.id)
        .before(&audit_before)?
        .after(&audit_after)?
        .write(&mut tx)
        .await?;
    if let Some(m) = &w.phase {
        super::super::trajectories::apply_move(&mut tx, m, actor, now).await?;
    }
    tx.commit().await.map_err(db)?;
    Ok(after)
}
