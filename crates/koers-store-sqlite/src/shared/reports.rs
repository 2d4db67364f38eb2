//! Released reports (issue 9 §5): a release of a trajectory's report keeps the facts it released
//! (JSON). Audited as `report_release` on the `report` entity (entity id: the trajectory).
//!
//! Runtime-checked queries (`sqlx::query`): plain SQL, the same on both backends, no `.sqlx/` data.

use async_trait::async_trait;
use koers_app::store::{
    Actor, AuditEntity, NewRelease, ReportRead, ReportRelease, ReportWrite, StoreError, StoreResult,
};
use koers_core::ids::{TrajectoryId, UserId};
use sqlx::Row;

use super::audit::Change;
use super::error::db;
use super::trajectories;
use crate::backend::{Backend, Conn, begin_write};

/// The backend's row type.
type DbRow = <<Conn as sqlx::Connection>::Database as sqlx::Database>::Row;

fn record(r: &DbRow) -> StoreResult<ReportRelease> {
    let released_by: Option<i64> = r.try_get("released_by").map_err(db)?;
    Ok(ReportRelease {
        id: r.try_get("id").map_err(db)?,
        trajectory_id: TrajectoryId::new(r.try_get("trajectory_id").map_err(db)?),
        kind: r.try_get("kind").map_err(db)?,
        facts_json: r.try_get("facts").map_err(db)?,
        released_by: released_by.map(UserId::new),
        released_role: r.try_get("released_role").map_err(db)?,
        released_at: r.try_get("released_at").map_err(db)?,
    })
}

#[async_trait]
impl ReportRead for Backend {
    async fn report_releases(&self, trajectory: TrajectoryId, kind: &str) -> StoreResult<Vec<ReportRelease>> {
        let rows = sqlx::query(
            "SELECT id, trajectory_id, kind, facts, released_by, released_role, released_at FROM report_releases
             WHERE trajectory_id = $1 AND kind = $2 ORDER BY released_at DESC, id DESC",
        )
        .bind(trajectory.get())
        .bind(kind)
        .fetch_all(self.pool())
        .await
        .map_err(db)?;
        rows.iter().map(record).collect()
    }
}

#[async_trait]
impl ReportWrite for Backend {
    async fn release_report(&self, r: &NewRelease, actor: &Actor, now: i64) -> StoreResult<ReportRelease> {
        let mut tx = begin_write(self.pool()).await.map_err(db)?;
        trajectories::fetch(&mut tx, r.trajectory_id.get()).await?.ok_or(StoreError::NotFound)?;
        let row = sqlx::query(
            "INSERT INTO report_releases (trajectory_id, kind, facts, released_by, released_role, released_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             RETURNING id, trajectory_id, kind, facts, released_by, released_role, released_at",
        )
        .bind(r.trajectory_id.get())
        .bind(&r.kind)
        .bind(&r.facts_json)
        .bind(actor.user_id.map(UserId::get))
        .bind(&r.released_role)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db)?;
        let release = record(&row)?;
        let after = serde_json::json!({ "kind": r.kind, "release": release.id, "role": r.released_role });
        Change::new(actor, now, "report_release", AuditEntity::Report, r.trajectory_id.get())
            .after(&after)?
            .write(&mut tx)
            .await?;
        tx.commit().await.map_err(db)?;
        Ok(release)
    }
}
