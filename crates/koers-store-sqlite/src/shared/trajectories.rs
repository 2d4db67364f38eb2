//! Trajectories: made by assigning an expert to an application (the application's transition
//! and the trajectory in one transaction), read and filtered, and moved from phase to phase
//! ([`apply_move`]). Audited as `trajectory`.

use koers_app::store::{
    Actor, ApplicationRecord, Assignment, AuditEntity, PhaseChange, StoreError, StoreResult, TrajectoryFilter,
    TrajectoryRecord,
};
use koers_core::ids::{BoardNumber, ExpertId, SchoolId};

use super::applications::set_state;
use super::audit::Change;
use super::error::{db, stale};
use crate::backend::{Conn, Pool, begin_write};

/// The application's transition (version-checked, audited with its action) and the new
/// trajectory (audited as `create`, with `capacity_override` in the `after` JSON when staff
/// overrode the expert's capacity), atomically: when either fails nothing changes.
/// `Conflict` when the application changed, `Duplicate` when it already has a trajectory,
/// `NotFound` for an unknown application or expert.
pub(crate) async fn assign(
    pool: &Pool,
    a: &Assignment,
    actor: &Actor,
    now: i64,
) -> StoreResult<(ApplicationRecord, TrajectoryRecord)> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let application = set_state(&mut tx, a.application_id.get(), &a.state, actor, now).await?;
    let t = &a.trajectory;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO trajectories (application_id, programme_id, expert_id, school_id, board_number, phases_json,
                                     current_phase, dagdelen_planned, active, version, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, 0, $7, TRUE, 1, $8)
           RETURNING id AS "id!: i64""#,
        application.id.get(),
        application.programme_id,
        t.expert_id.get(),
        application.school_id.map(SchoolId::get),
        application.board_number.map(BoardNumber::get),
        t.phases_json,
        t.dagdelen_planned,
        now,
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    let trajectory = TrajectoryRecord {
        id: id.into(),
        application_id: application.id,
        programme_id: application.programme_id.clone(),
        expert_id: t.expert_id,
        school_id: application.school_id,
        board_number: application.board_number,
        phases_json: t.phases_json.clone(),
        current_phase: 0,
        dagdelen_planned: t.dagdelen_planned,
        active: true,
        version: 1,
        created_at: now,
    };
    let mut after = serde_json::to_value(&trajectory).map_err(|e| {
        tracing::warn!(error = %e, "JSON");
        StoreError::Backend("gegevens niet als JSON te schrijven".into())
    })?;
    if let (Some(note), Some(fields)) = (&a.capacity_override, after.as_object_mut()) {
        fields.insert("capacity_override".to_owned(), note.clone().into());
    }
    Change::new(actor, now, "create", AuditEntity::Trajectory, id).after(&after)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok((application, trajectory))
}

/// See `Store::end_trajectory`.
pub(crate) async fn end(
    pool: &Pool,
    id: i64,
    expected_version: i64,
    reason: &str,
    actor: &Actor,
    now: i64,
) -> StoreResult<TrajectoryRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let before = fetch(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
    if before.version != expected_version || !before.active {
        return Err(StoreError::Conflict { expected: expected_version, actual: before.version });
    }
    let done = sqlx::query!(
        "UPDATE trajectories SET active = FALSE, version = version + 1 WHERE id = $1 AND version = $2 AND active = TRUE",
        id,
        expected_version,
    )
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        let actual = fetch(&mut tx, id).await?.map(|t| t.version);
        return Err(stale(expected_version, actual));
    }
    let after = TrajectoryRecord { active: false, version: expected_version + 1, ..before.clone() };
    let mut after_json = serde_json::to_value(&after).map_err(|e| {
        tracing::warn!(error = %e, "JSON");
        StoreError::Backend("gegevens niet als JSON te schrijven".into())
    })?;
    if let Some(fields) = after_json.as_object_mut() {
        fields.insert("reason".to_owned(), reason.into());
    }
    Change::new(actor, now, "end", AuditEntity::Trajectory, id)
        .before(&before)?
        .after(&after_json)?
        .write(&mut tx)
        .await?;
    tx.commit().await.map_err(db)?;
    Ok(after)
}

/// A `trajectories` row as stored.
struct TrajectoryRow {
    id: i64,
    application_id: i64,
    programme_id: String,
    expert_id: i64,
    school_id: Option<i64>,
    board_number: Option<i64>,
    phases_json: String,
    current_phase: i64,
    dagdelen_planned: i64,
    active: bool,
    version: i64,
    created_at: i64,
}

impl From<TrajectoryRow> for TrajectoryRecord {
    fn from(r: TrajectoryRow) -> Self {
        TrajectoryRecord {
            id: r.id.into(),
            application_id: r.application_id.into(),
            programme_id: r.programme_id,
            expert_id: r.expert_id.into(),
            school_id: r.school_id.map(SchoolId::new),
            board_number: r.board_number.map(BoardNumber::new),
            phases_json: r.phases_json,
            current_phase: r.current_phase,
            dagdelen_planned: r.dagdelen_planned,
            active: r.active,
            version: r.version,
            created_at: r.created_at,
        }
    }
}

pub(crate) async fn fetch(conn: &mut Conn, id: i64) -> StoreResult<Option<TrajectoryRecord>> {
    let rows = sqlx::query_as!(
        TrajectoryRow,
        r#"SELECT id AS "id!: i64", application_id AS "application_id!: i64", programme_id AS "programme_id!",
                  expert_id AS "expert_id!: i64", school_id AS "school_id?: i64", board_number AS "board_number?: i64",
                  phases_json AS "phases_json!", current_phase AS "current_phase!: i64",
                  dagdelen_planned AS "dagdelen_planned!: i64", active AS "active!: bool", version AS "version!: i64",
                  created_at AS "created_at!: i64"
           FROM trajectories WHERE id = $1"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?;
    Ok(rows.map(TrajectoryRecord::from))
}

pub(crate) async fn by_id(pool: &Pool, id: i64) -> StoreResult<TrajectoryRecord> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch(&mut conn, id).await?.ok_or(StoreError::NotFound)
}

/// Newest first; every filter optional.
pub(crate) async fn list(pool: &Pool, f: &TrajectoryFilter) -> StoreResult<Vec<TrajectoryRecord>> {
    let rows = sqlx::query_as!(
        TrajectoryRow,
        r#"SELECT id AS "id!: i64", application_id AS "application_id!: i64", programme_id AS "programme_id!",
                  expert_id AS "expert_id!: i64", school_id AS "school_id?: i64", board_number AS "board_number?: i64",
                  phases_json AS "phases_json!", current_phase AS "current_phase!: i64",
                  dagdelen_planned AS "dagdelen_planned!: i64", active AS "active!: bool", version AS "version!: i64",
                  created_at AS "created_at!: i64"
           FROM trajectories
           WHERE (CAST($1 AS BIGINT) IS NULL OR expert_id = $1)
             AND (CAST($2 AS BIGINT) IS NULL OR school_id = $2)
             AND (CAST($3 AS BIGINT) IS NULL OR board_number = $3)
             AND (CAST($4 AS TEXT) IS NULL OR programme_id = $4)
             AND ($5 = FALSE OR active = TRUE)
           ORDER BY created_at DESC, id DESC"#,
        f.expert_id.map(ExpertId::get),
        f.school_id.map(SchoolId::get),
        f.board_number.map(BoardNumber::get),
        f.programme_id,
        f.active_only,
    )
    .fetch_all(pool)
    .await
    .map_err(db)?;
    Ok(rows.into_iter().map(TrajectoryRecord::from).collect())
}

/// Move trajectory `m.trajectory_id` from phase `m.from` to `m.to` inside `conn`'s transaction
/// (stale version, another phase or ended → `Conflict`), audited as `phase` with the reason and
/// what completed it. The only SQL that moves a phase: by hand (`PlanWrite::move_phase`) and
/// inside the plan save or form status write that completes the phase.
pub(crate) async fn apply_move(
    conn: &mut Conn,
    m: &PhaseChange,
    actor: &Actor,
    now: i64,
) -> StoreResult<TrajectoryRecord> {
    let id = m.trajectory_id.get();
    let before = fetch(conn, id).await?.ok_or(StoreError::NotFound)?;
    if before.version != m.expected_version || before.current_phase != m.from || !before.active {
        return Err(StoreError::Conflict { expected: m.expected_version, actual: before.version });
    }
    let done = sqlx::query(
        "UPDATE trajectories SET current_phase = $3, version = version + 1
         WHERE id = $1 AND version = $2 AND active = TRUE",
    )
    .bind(id)
    .bind(m.expected_version)
    .bind(m.to)
    .execute(&mut *conn)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        let actual = fetch(conn, id).await?.map(|t| t.version);
        return Err(stale(m.expected_version, actual));
    }
    let after = TrajectoryRecord { current_phase: m.to, version: before.version + 1, ..before.clone() };
    let mut after_json = serde_json::to_value(&after).map_err(|e| StoreError::Backend(format!("JSON: {e}")))?;
    if let Some(fields) = after_json.as_object_mut() {
        fields.insert("reason".to_owned(), m.reason.clone().into());
        fields.insert("from".to_owned(), m.from.into());
        fields.insert("completed_by".to_owned(), serde_json::to_value(m.completed_by).unwrap_or_default());
    }
    Change::new(actor, now, "phase", AuditEntity::Trajectory, id)
        .before(&before)?
        .after(&after_json)?
        .write(conn)
        .await?;
    Ok(after)
}
