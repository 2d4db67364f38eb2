// Just over ~400 lines: the four voortgang record kinds share one `append` helper and one audit
// shape; split per record kind when a fifth is added.
//! Voortgang (issue 9 item 1): measure status updates, indicator measurements, logged step-5
//! activities and the six-steps timeline. Audited on the trajectory (`measure_status`,
//! `measurement` / `register_measurements`, `progress_activity`, `step_timeline`). Reviews and
//! the digest are in [`super::reviews`].
//!
//! Runtime-checked queries (`sqlx::query`, not the macros): plain SQL, the same on both
//! backends; dates are ISO text, the measure status and activity their stable keys, the
//! measurement's source its serde JSON.

use async_trait::async_trait;
use koers_app::store::{
    ActivityRecord, AuditEntity, MeasurementRecord, StatusUpdateRecord, StepTimelineRecord, StoreError, StoreResult,
    Voortgang, VoortgangRead,
};
use koers_core::calendar::Date;
use koers_core::ids::{TrajectoryId, UserId};
use koers_core::plan::{IndicatorId, MeasureId};
use koers_core::progress::{
    ActivityEntry, MeasureStatus, Measurement, MeasurementSource, StatusUpdate, Step5Activity, StepTimeline,
};
use sqlx::Row;

use super::audit::Change;
use super::error::{corrupt, db};
use crate::backend::{Backend, Conn, Pool, begin_write};

pub(crate) type DbRow = <<Conn as sqlx::Connection>::Database as sqlx::Database>::Row;

pub(crate) fn date(text: &str, what: &str) -> StoreResult<Date> {
    Date::parse(text).map_err(|_| corrupt(what, text))
}

pub(crate) fn to_json(v: &impl serde::Serialize) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Backend(format!("JSON: {e}")))
}

fn status_key(s: MeasureStatus) -> &'static str {
    s.label_nl()
}

fn status_of(key: &str) -> StoreResult<MeasureStatus> {
    MeasureStatus::ALL.into_iter().find(|s| s.label_nl() == key).ok_or_else(|| corrupt("measure_updates.status", key))
}

fn update_of(r: &DbRow) -> StoreResult<StatusUpdateRecord> {
    let day: String = r.try_get("update_date").map_err(db)?;
    let status: String = r.try_get("status").map_err(db)?;
    Ok(StatusUpdateRecord {
        id: r.try_get("id").map_err(db)?,
        trajectory_id: TrajectoryId::new(r.try_get("trajectory_id").map_err(db)?),
        update: StatusUpdate {
            measure: MeasureId::new(r.try_get("measure_id").map_err(db)?),
            date: date(&day, "measure_updates.update_date")?,
            status: status_of(&status)?,
            note: r.try_get("note").map_err(db)?,
            by: r.try_get::<Option<i64>, _>("recorded_by").map_err(db)?.map(UserId::new),
        },
        recorded_at: r.try_get("recorded_at").map_err(db)?,
    })
}

fn measurement_of(r: &DbRow) -> StoreResult<MeasurementRecord> {
    let day: String = r.try_get("measured_on").map_err(db)?;
    let source: String = r.try_get("source").map_err(db)?;
    Ok(MeasurementRecord {
        id: r.try_get("id").map_err(db)?,
        trajectory_id: TrajectoryId::new(r.try_get("trajectory_id").map_err(db)?),
        measurement: Measurement {
            indicator: IndicatorId::new(r.try_get("indicator_id").map_err(db)?),
            date: date(&day, "measurements.measured_on")?,
            value: r.try_get("value").map_err(db)?,
            source: serde_json::from_str(&source).map_err(|_| corrupt("measurements.source", &source))?,
            note: r.try_get("note").map_err(db)?,
        },
        recorded_by: r.try_get::<Option<i64>, _>("recorded_by").map_err(db)?.map(UserId::new),
        recorded_at: r.try_get("recorded_at").map_err(db)?,
    })
}

fn activity_of(r: &DbRow) -> StoreResult<ActivityRecord> {
    let day: String = r.try_get("activity_date").map_err(db)?;
    let key: String = r.try_get("activity").map_err(db)?;
    Ok(ActivityRecord {
        id: r.try_get("id").map_err(db)?,
        trajectory_id: TrajectoryId::new(r.try_get("trajectory_id").map_err(db)?),
        entry: ActivityEntry {
            activity: Step5Activity::from_key(&key).ok_or_else(|| corrupt("progress_activities.activity", &key))?,
            date: date(&day, "progress_activities.activity_date")?,
            with: r.try_get("with_whom").map_err(db)?,
            note: r.try_get("note").map_err(db)?,
            by: r.try_get::<Option<i64>, _>("recorded_by").map_err(db)?.map(UserId::new),
        },
        recorded_at: r.try_get("recorded_at").map_err(db)?,
    })
}

fn timeline_of(r: &DbRow) -> StoreResult<StepTimelineRecord> {
    let json: String = r.try_get("timeline").map_err(db)?;
    Ok(StepTimelineRecord {
        trajectory_id: TrajectoryId::new(r.try_get("trajectory_id").map_err(db)?),
        timeline: serde_json::from_str(&json).map_err(|_| corrupt("step_timelines.timeline", "JSON"))?,
        version: r.try_get("version").map_err(db)?,
        updated_at: r.try_get("updated_at").map_err(db)?,
    })
}

/// Lock the trajectory's row for the rest of the transaction (`NotFound` when there is none).
pub(crate) async fn lock_trajectory(conn: &mut Conn, trajectory: TrajectoryId) -> StoreResult<()> {
    let locked = sqlx::query("UPDATE trajectories SET version = version WHERE id = $1")
        .bind(trajectory.get())
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    if locked.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

async fn timeline_row(conn: &mut Conn, trajectory: TrajectoryId) -> StoreResult<Option<StepTimelineRecord>> {
    sqlx::query("SELECT trajectory_id, timeline, version, updated_at FROM step_timelines WHERE trajectory_id = $1")
        .bind(trajectory.get())
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?
        .map(|r| timeline_of(&r))
        .transpose()
}

pub(crate) async fn read(pool: &Pool, trajectory: TrajectoryId) -> StoreResult<Voortgang> {
    let t = trajectory.get();
    let updates = sqlx::query(
        "SELECT id, trajectory_id, measure_id, update_date, status, note, recorded_by, recorded_at
         FROM measure_updates WHERE trajectory_id = $1 ORDER BY update_date, id",
    )
    .bind(t)
    .fetch_all(pool)
    .await
    .map_err(db)?
    .iter()
    .map(update_of)
    .collect::<StoreResult<Vec<_>>>()?;
    let measurements = sqlx::query(
        "SELECT id, trajectory_id, indicator_id, measured_on, value, source, note, recorded_by, recorded_at
         FROM measurements WHERE trajectory_id = $1 ORDER BY measured_on, id",
    )
    .bind(t)
    .fetch_all(pool)
    .await
    .map_err(db)?
    .iter()
    .map(measurement_of)
    .collect::<StoreResult<Vec<_>>>()?;
    let activities = sqlx::query(
        "SELECT id, trajectory_id, activity, activity_date, with_whom, note, recorded_by, recorded_at
         FROM progress_activities WHERE trajectory_id = $1 ORDER BY activity_date, id",
    )
    .bind(t)
    .fetch_all(pool)
    .await
    .map_err(db)?
    .iter()
    .map(activity_of)
    .collect::<StoreResult<Vec<_>>>()?;
    let mut conn = pool.acquire().await.map_err(db)?;
    let timeline = timeline_row(&mut conn, trajectory).await?;
    Ok(Voortgang { updates, measurements, activities, timeline })
}

type Db = <Conn as sqlx::Connection>::Database;
/// An `INSERT … RETURNING id` with its values bound.
type Insert<'q> = sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments>;

/// Append one voortgang row in one transaction: lock the trajectory, run `insert` (which returns
/// the new `id`, or no row when its own `WHERE` refuses), make the record from the id and audit it
/// as `action` on the trajectory. `Ok(None)`: refused, nothing written.
async fn append<R: serde::Serialize>(
    pool: &Pool,
    trajectory: TrajectoryId,
    insert: Insert<'_>,
    record: impl FnOnce(i64) -> R,
    action: &str,
    actor: &koers_app::store::Actor,
    now: i64,
) -> StoreResult<Option<R>> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    lock_trajectory(&mut tx, trajectory).await?;
    let Some(row) = insert.fetch_optional(&mut *tx).await.map_err(db)? else {
        return Ok(None);
    };
    let record = record(row.try_get("id").map_err(db)?);
    Change::new(actor, now, action, AuditEntity::Trajectory, trajectory).after(&record)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(Some(record))
}

/// The id of the latest status update of `measure` on the trajectory (0: none).
async fn last_update_id(pool: &Pool, trajectory: TrajectoryId, measure: MeasureId) -> StoreResult<i64> {
    sqlx::query("SELECT COALESCE(MAX(id), 0) AS last FROM measure_updates WHERE trajectory_id = $1 AND measure_id = $2")
        .bind(trajectory.get())
        .bind(measure.get())
        .fetch_one(pool)
        .await
        .map_err(db)?
        .try_get("last")
        .map_err(db)
}

/// Record a status update written by someone who saw the trajectory's updates up to id
/// `expected_last` (0: none). A later update of the same measure (someone else's) makes this
/// one stale: `Conflict`, nothing written. Updates of other measures do not.
pub(crate) async fn record_status_update(
    pool: &Pool,
    trajectory: TrajectoryId,
    u: &StatusUpdate,
    expected_last: i64,
    actor: &koers_app::store::Actor,
    now: i64,
) -> StoreResult<StatusUpdateRecord> {
    let insert = sqlx::query(
        "INSERT INTO measure_updates (trajectory_id, measure_id, update_date, status, note, recorded_by, recorded_at)
         SELECT $1, $2, $3, $4, $5, $6, $7
         WHERE NOT EXISTS (SELECT 1 FROM measure_updates WHERE trajectory_id = $1 AND measure_id = $2 AND id > $8)
         RETURNING id",
    )
    .bind(trajectory.get())
    .bind(u.measure.get())
    .bind(u.date.to_string())
    .bind(status_key(u.status))
    .bind(&u.note)
    .bind(actor.user_id.map(UserId::get))
    .bind(now)
    .bind(expected_last);
    let record = |id| StatusUpdateRecord {
        id,
        trajectory_id: trajectory,
        update: StatusUpdate { by: actor.user_id, ..u.clone() },
        recorded_at: now,
    };
    match append(pool, trajectory, insert, record, "measure_status", actor, now).await? {
        Some(r) => Ok(r),
        None => Err(StoreError::Conflict {
            expected: expected_last,
            actual: last_update_id(pool, trajectory, u.measure).await?,
        }),
    }
}

pub(crate) async fn record_measurements(
    pool: &Pool,
    trajectory: TrajectoryId,
    ms: &[Measurement],
    action: &str,
    actor: &koers_app::store::Actor,
    now: i64,
) -> StoreResult<Vec<MeasurementRecord>> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    lock_trajectory(&mut tx, trajectory).await?;
    let mut written = Vec::new();
    for m in ms {
        let register_year = match m.source {
            MeasurementSource::Register { test_year } => Some(i64::from(test_year.get())),
            MeasurementSource::Handmatig { .. } => None,
        };
        let row = sqlx::query(
            "INSERT INTO measurements (trajectory_id, indicator_id, measured_on, value, source, register_year, note,
                                       recorded_by, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (trajectory_id, indicator_id, register_year) DO NOTHING RETURNING id",
        )
        .bind(trajectory.get())
        .bind(m.indicator.get())
        .bind(m.date.to_string())
        .bind(m.value)
        .bind(to_json(&m.source)?)
        .bind(register_year)
        .bind(&m.note)
        .bind(actor.user_id.map(UserId::get))
        .bind(now)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        if let Some(row) = row {
            written.push(MeasurementRecord {
                id: row.try_get("id").map_err(db)?,
                trajectory_id: trajectory,
                measurement: m.clone(),
                recorded_by: actor.user_id,
                recorded_at: now,
            });
        }
    }
    if !written.is_empty() {
        Change::new(actor, now, action, AuditEntity::Trajectory, trajectory).after(&written)?.write(&mut tx).await?;
    }
    tx.commit().await.map_err(db)?;
    Ok(written)
}

pub(crate) async fn log_activity(
    pool: &Pool,
    trajectory: TrajectoryId,
    e: &ActivityEntry,
    actor: &koers_app::store::Actor,
    now: i64,
) -> StoreResult<ActivityRecord> {
    let insert = sqlx::query(
        "INSERT INTO progress_activities (trajectory_id, activity, activity_date, with_whom, note, recorded_by,
                                          recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(trajectory.get())
    .bind(e.activity.key())
    .bind(e.date.to_string())
    .bind(&e.with)
    .bind(&e.note)
    .bind(actor.user_id.map(UserId::get))
    .bind(now);
    let record = |id| ActivityRecord {
        id,
        trajectory_id: trajectory,
        entry: ActivityEntry { by: actor.user_id, ..e.clone() },
        recorded_at: now,
    };
    append(pool, trajectory, insert, record, "progress_activity", actor, now)
        .await?
        .ok_or_else(|| StoreError::Backend("progress_activities: INSERT gaf geen id terug".into()))
}

pub(crate) async fn save_timeline(
    pool: &Pool,
    trajectory: TrajectoryId,
    expected_version: i64,
    timeline: &StepTimeline,
    events: serde_json::Value,
    actor: &koers_app::store::Actor,
    now: i64,
) -> StoreResult<StepTimelineRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    lock_trajectory(&mut tx, trajectory).await?;
    let before = timeline_row(&mut tx, trajectory).await?;
    let actual = before.as_ref().map_or(0, |b| b.version);
    if actual != expected_version {
        return Err(StoreError::Conflict { expected: expected_version, actual });
    }
    let json = to_json(timeline)?;
    let version = actual + 1;
    if before.is_some() {
        sqlx::query("UPDATE step_timelines SET timeline = $2, version = $3, updated_at = $4 WHERE trajectory_id = $1")
            .bind(trajectory.get())
            .bind(&json)
            .bind(version)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
    } else {
        sqlx::query(
            "INSERT INTO step_timelines (trajectory_id, timeline, version, updated_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(trajectory.get())
        .bind(&json)
        .bind(version)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    }
    let record = StepTimelineRecord { trajectory_id: trajectory, timeline: timeline.clone(), version, updated_at: now };
    Change::new(actor, now, "step_timeline", AuditEntity::Trajectory, trajectory)
        .after(&serde_json::json!({ "events": events, "version": version }))?
        .write(&mut tx)
        .await?;
    tx.commit().await.map_err(db)?;
    Ok(record)
}

#[async_trait]
impl VoortgangRead for Backend {
    async fn voortgang_of_trajectory(&self, trajectory: TrajectoryId) -> StoreResult<Voortgang> {
        read(self.pool(), trajectory).await
    }

    async fn reviews_of_trajectory(
        &self,
        trajectory: TrajectoryId,
    ) -> StoreResult<Vec<koers_app::store::ReviewRecord>> {
        super::reviews::of_trajectory(self.pool(), trajectory).await
    }

    async fn review(&self, id: koers_core::ids::ReviewId) -> StoreResult<koers_app::store::ReviewRecord> {
        let mut conn = self.pool().acquire().await.map_err(db)?;
        super::reviews::one(&mut conn, id.get()).await
    }

    async fn review_invitation(
        &self,
        token_hash: &str,
    ) -> StoreResult<(koers_app::store::ReviewInvitationRecord, koers_app::store::ReviewRecord)> {
        let mut conn = self.pool().acquire().await.map_err(db)?;
        super::reviews::invitation(&mut conn, token_hash).await
    }

    async fn reviewer_records(&self, email: &str) -> StoreResult<koers_app::store::ReviewerRecords> {
        super::privacy_reviewer::records(self.pool(), email).await
    }

    async fn digest_sent(&self, week: &str) -> StoreResult<bool> {
        Ok(sqlx::query("SELECT week FROM digest_runs WHERE week = $1")
            .bind(week)
            .fetch_optional(self.pool())
            .await
            .map_err(db)?
            .is_some())
    }
}
