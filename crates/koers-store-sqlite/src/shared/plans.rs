//! Plans van aanpak (issue 8 §4): one plan per trajectory, its versions as JSON documents of
//! `koers_core::plan::PlanVersion`, and the trajectory phase moves (by hand, or with the plan
//! save that completes the phase; the SQL is `trajectories::apply_move`). Audited as `plan`
//! (entity id: the trajectory, so a trajectory's history reads in one place) and `trajectory`.
//!
//! Runtime-checked queries (`sqlx::query`, not the macros): the SQL is plain and the same on
//! both backends, and the documents are checked by serde on the way in and out.

use async_trait::async_trait;
use koers_app::store::{
    Actor, AuditEntity, AwaitingSignature, PhaseChange, PlanRead, PlanRecord, PlanSave, PlanWrite, StoreError,
    StoreResult, TrajectoryRecord,
};
use koers_core::ids::TrajectoryId;
use koers_core::plan::{PlanId, PlanVersion, VersionStatus};
use sqlx::Row;

use super::audit::Change;
use super::error::{corrupt, db, json, stale};
use super::trajectories;
use crate::backend::{Backend, Conn, Pool, begin_write};

async fn load(conn: &mut Conn, trajectory: i64) -> StoreResult<Option<PlanRecord>> {
    let row = sqlx::query("SELECT id, version, created_at, updated_at FROM plans WHERE trajectory_id = $1")
        .bind(trajectory)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    let Some(row) = row else { return Ok(None) };
    let id: i64 = row.try_get("id").map_err(db)?;
    let docs = sqlx::query("SELECT document FROM plan_versions WHERE plan_id = $1 ORDER BY number")
        .bind(id)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    let mut versions = Vec::with_capacity(docs.len());
    for d in docs {
        let text: String = d.try_get("document").map_err(db)?;
        versions.push(serde_json::from_str::<PlanVersion>(&text).map_err(|_| corrupt("plan_versions.document", "…"))?);
    }
    Ok(Some(PlanRecord {
        id: PlanId::new(id),
        trajectory_id: TrajectoryId::new(trajectory),
        version: row.try_get("version").map_err(db)?,
        created_at: row.try_get("created_at").map_err(db)?,
        updated_at: row.try_get("updated_at").map_err(db)?,
        versions,
    }))
}

async fn trajectory_of(conn: &mut Conn, plan: i64) -> StoreResult<i64> {
    sqlx::query("SELECT trajectory_id FROM plans WHERE id = $1")
        .bind(plan)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?
        .try_get("trajectory_id")
        .map_err(db)
}

async fn insert_version(conn: &mut Conn, plan: i64, v: &PlanVersion) -> StoreResult<()> {
    let awaiting: Option<&str> = None;
    sqlx::query(
        "INSERT INTO plan_versions (plan_id, number, status, awaiting, document, created_at, vastgesteld_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(plan)
    .bind(i64::from(v.number))
    .bind(v.status.code())
    .bind(awaiting)
    .bind(json(v)?)
    .bind(v.created_at)
    .bind(v.vastgesteld_at)
    .execute(&mut *conn)
    .await
    .map_err(db)?;
    Ok(())
}

/// Insert or rewrite one version; a stored vastgestelde version is never rewritten.
async fn put_version(conn: &mut Conn, plan: i64, v: &PlanVersion, awaiting: Option<&str>) -> StoreResult<()> {
    let existing = sqlx::query("SELECT status FROM plan_versions WHERE plan_id = $1 AND number = $2")
        .bind(plan)
        .bind(i64::from(v.number))
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    match existing {
        None => insert_version(conn, plan, v).await?,
        Some(row) => {
            let status: String = row.try_get("status").map_err(db)?;
            if VersionStatus::from_code(&status) == Some(VersionStatus::Vastgesteld) {
                let n = i64::from(v.number);
                return Err(StoreError::Conflict { expected: n, actual: n });
            }
            sqlx::query(
                "UPDATE plan_versions SET status = $3, document = $4, vastgesteld_at = $5
                 WHERE plan_id = $1 AND number = $2",
            )
            .bind(plan)
            .bind(i64::from(v.number))
            .bind(v.status.code())
            .bind(json(v)?)
            .bind(v.vastgesteld_at)
            .execute(&mut *conn)
            .await
            .map_err(db)?;
        }
    }
    sqlx::query("UPDATE plan_versions SET awaiting = $3 WHERE plan_id = $1 AND number = $2")
        .bind(plan)
        .bind(i64::from(v.number))
        .bind(awaiting)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(())
}

pub(crate) async fn create(
    pool: &Pool,
    trajectory: TrajectoryId,
    first: &PlanVersion,
    actor: &Actor,
    now: i64,
) -> StoreResult<PlanRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    trajectories::fetch(&mut tx, trajectory.get()).await?.ok_or(StoreError::NotFound)?;
    let id: i64 = sqlx::query(
        "INSERT INTO plans (trajectory_id, version, created_at, updated_at) VALUES ($1, 1, $2, $2) RETURNING id",
    )
    .bind(trajectory.get())
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?
    .try_get("id")
    .map_err(db)?;
    insert_version(&mut tx, id, first).await?;
    let record = load(&mut tx, trajectory.get()).await?.ok_or(StoreError::NotFound)?;
    Change::new(actor, now, "plan_create", AuditEntity::Plan, trajectory.get()).after(first)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(record)
}

pub(crate) async fn save(pool: &Pool, plan: PlanId, s: &PlanSave, actor: &Actor, now: i64) -> StoreResult<PlanRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let trajectory = trajectory_of(&mut tx, plan.get()).await?;
    let done = sqlx::query("UPDATE plans SET version = version + 1, updated_at = $3 WHERE id = $1 AND version = $2")
        .bind(plan.get())
        .bind(s.expected_version)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    if done.rows_affected() == 0 {
        let actual = load(&mut tx, trajectory).await?.map(|p| p.version);
        return Err(stale(s.expected_version, actual));
    }
    let last = s.versions.len().saturating_sub(1);
    for (i, v) in s.versions.iter().enumerate() {
        let awaiting = if i == last && !v.is_frozen() { s.awaiting.as_deref() } else { None };
        put_version(&mut tx, plan.get(), v, awaiting).await?;
    }
    let mut after = serde_json::json!({ "events": s.events });
    if let (Some(fields), Some(last)) = (after.as_object_mut(), s.versions.last()) {
        fields.insert("version".to_owned(), serde_json::to_value(last).unwrap_or_default());
    }
    Change::new(actor, now, &s.action, AuditEntity::Plan, trajectory).after(&after)?.write(&mut tx).await?;
    if let Some(m) = &s.phase {
        trajectories::apply_move(&mut tx, m, actor, now).await?;
    }
    let record = load(&mut tx, trajectory).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await.map_err(db)?;
    Ok(record)
}

pub(crate) async fn move_phase(pool: &Pool, m: &PhaseChange, actor: &Actor, now: i64) -> StoreResult<TrajectoryRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let t = trajectories::apply_move(&mut tx, m, actor, now).await?;
    tx.commit().await.map_err(db)?;
    Ok(t)
}

#[async_trait]
impl PlanRead for Backend {
    async fn plan_of_trajectory(&self, trajectory: TrajectoryId) -> StoreResult<PlanRecord> {
        let mut conn = self.pool().acquire().await.map_err(db)?;
        load(&mut conn, trajectory.get()).await?.ok_or(StoreError::NotFound)
    }

    async fn plans_awaiting(&self, signer: &str) -> StoreResult<Vec<AwaitingSignature>> {
        let rows = sqlx::query(
            "SELECT p.trajectory_id, v.number, v.awaiting FROM plan_versions v JOIN plans p ON p.id = v.plan_id
             WHERE v.awaiting = $1 ORDER BY p.trajectory_id, v.number",
        )
        .bind(signer)
        .fetch_all(self.pool())
        .await
        .map_err(db)?;
        rows.iter()
            .map(|r| {
                let number: i64 = r.try_get("number").map_err(db)?;
                Ok(AwaitingSignature {
                    trajectory_id: TrajectoryId::new(r.try_get("trajectory_id").map_err(db)?),
                    number: u32::try_from(number).map_err(|_| corrupt("plan_versions.number", &number.to_string()))?,
                    signer: r.try_get("awaiting").map_err(db)?,
                })
            })
            .collect()
    }
}

#[async_trait]
impl PlanWrite for Backend {
    async fn create_plan(
        &self,
        trajectory: TrajectoryId,
        first: &PlanVersion,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<PlanRecord> {
        create(self.pool(), trajectory, first, actor, now).await
    }

    async fn save_plan(&self, plan: PlanId, save: &PlanSave, actor: &Actor, now: i64) -> StoreResult<PlanRecord> {
        self::save(self.pool(), plan, save, actor, now).await
    }

    async fn move_phase(&self, m: &PhaseChange, actor: &Actor, now: i64) -> StoreResult<TrajectoryRecord> {
        self::move_phase(self.pool(), m, actor, now).await
    }
}
