//! Experts (audited as `expert`, optimistic concurrency) and their current load.
//!
//! `ExpertWrite` carries no expert id, so an update (`expected_version: Some(v)`) finds its
//! expert by the write's `user_id` when one has it, otherwise by e-mail address
//! (case-insensitive; unique, like users' addresses). So a linked expert may change address,
//! and an unlinked one may be linked to a login; only an unlinked expert cannot change address.

use koers_app::store::{
    Actor, AuditEntity, ExpertLoad, ExpertPool, ExpertRecord, ExpertWrite, StoreError, StoreResult,
};
use koers_core::ids::UserId;

use super::audit::Change;
use super::error::{corrupt, db, json, stale};
use crate::backend::{Conn, Pool, begin_write};

/// An `experts` row as stored (expertise and regions as JSON arrays).
struct ExpertRow {
    id: i64,
    user_id: Option<i64>,
    name: String,
    email: String,
    expertise: String,
    regions: String,
    capacity_trajectories: i64,
    capacity_dagdelen: i64,
    available: bool,
    version: i64,
    programmes: String,
    sectors: String,
    base_place: Option<String>,
    base_lat: Option<f64>,
    base_lon: Option<f64>,
    max_distance_km: Option<i64>,
}

impl TryFrom<ExpertRow> for ExpertRecord {
    type Error = StoreError;
    fn try_from(r: ExpertRow) -> StoreResult<Self> {
        Ok(ExpertRecord {
            expertise: serde_json::from_str(&r.expertise).map_err(|_| corrupt("expertise", &r.expertise))?,
            regions: serde_json::from_str(&r.regions).map_err(|_| corrupt("regions", &r.regions))?,
            id: r.id.into(),
            user_id: r.user_id.map(UserId::new),
            name: r.name,
            email: r.email,
            capacity_trajectories: r.capacity_trajectories,
            capacity_dagdelen: r.capacity_dagdelen,
            available: r.available,
            version: r.version,
            pool: ExpertPool {
                programmes: serde_json::from_str(&r.programmes).map_err(|_| corrupt("programmes", &r.programmes))?,
                sectors: serde_json::from_str(&r.sectors).map_err(|_| corrupt("sectors", &r.sectors))?,
                base_place: r.base_place,
                base_lat: r.base_lat,
                base_lon: r.base_lon,
                max_distance_km: r.max_distance_km,
            },
        })
    }
}

pub(crate) async fn fetch(conn: &mut Conn, id: i64) -> StoreResult<Option<ExpertRecord>> {
    let row = sqlx::query_as!(
        ExpertRow,
        r#"SELECT id AS "id!: i64", user_id AS "user_id?: i64", name AS "name!", email AS "email!",
                  expertise AS "expertise!", regions AS "regions!", capacity_trajectories AS "capacity_trajectories!: i64",
                  capacity_dagdelen AS "capacity_dagdelen!: i64", available AS "available!: bool", version AS "version!: i64",
                  programmes AS "programmes!", sectors AS "sectors!", base_place AS "base_place?",
                  base_lat AS "base_lat?: f64", base_lon AS "base_lon?: f64", max_distance_km AS "max_distance_km?: i64"
           FROM experts WHERE id = $1"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?;
    row.map(ExpertRecord::try_from).transpose()
}

/// The expert an update means: the one with the write's login, else the one with its address.
async fn fetch_for_write(conn: &mut Conn, e: &ExpertWrite) -> StoreResult<Option<ExpertRecord>> {
    let row = sqlx::query_as!(
        ExpertRow,
        r#"SELECT id AS "id!: i64", user_id AS "user_id?: i64", name AS "name!", email AS "email!",
                  expertise AS "expertise!", regions AS "regions!", capacity_trajectories AS "capacity_trajectories!: i64",
                  capacity_dagdelen AS "capacity_dagdelen!: i64", available AS "available!: bool", version AS "version!: i64",
                  programmes AS "programmes!", sectors AS "sectors!", base_place AS "base_place?",
                  base_lat AS "base_lat?: f64", base_lon AS "base_lon?: f64", max_distance_km AS "max_distance_km?: i64"
           FROM experts
           WHERE user_id = $1 OR lower(email) = lower($2)
           ORDER BY CASE WHEN user_id = $1 THEN 0 ELSE 1 END, id
           LIMIT 1"#,
        e.user_id.map(UserId::get),
        e.email.trim(),
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?;
    row.map(ExpertRecord::try_from).transpose()
}

pub(crate) async fn by_id(pool: &Pool, id: i64) -> StoreResult<ExpertRecord> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch(&mut conn, id).await?.ok_or(StoreError::NotFound)
}

pub(crate) async fn by_user(pool: &Pool, user_id: i64) -> StoreResult<ExpertRecord> {
    let row = sqlx::query_as!(
        ExpertRow,
        r#"SELECT id AS "id!: i64", user_id AS "user_id?: i64", name AS "name!", email AS "email!",
                  expertise AS "expertise!", regions AS "regions!", capacity_trajectories AS "capacity_trajectories!: i64",
                  capacity_dagdelen AS "capacity_dagdelen!: i64", available AS "available!: bool", version AS "version!: i64",
                  programmes AS "programmes!", sectors AS "sectors!", base_place AS "base_place?",
                  base_lat AS "base_lat?: f64", base_lon AS "base_lon?: f64", max_distance_km AS "max_distance_km?: i64"
           FROM experts WHERE user_id = $1"#,
        user_id
    )
    .fetch_optional(pool)
    .await
    .map_err(db)?;
    row.ok_or(StoreError::NotFound)?.try_into()
}

/// By name, then id.
pub(crate) async fn list(pool: &Pool) -> StoreResult<Vec<ExpertRecord>> {
    sqlx::query_as!(
        ExpertRow,
        r#"SELECT id AS "id!: i64", user_id AS "user_id?: i64", name AS "name!", email AS "email!",
                  expertise AS "expertise!", regions AS "regions!", capacity_trajectories AS "capacity_trajectories!: i64",
                  capacity_dagdelen AS "capacity_dagdelen!: i64", available AS "available!: bool", version AS "version!: i64",
                  programmes AS "programmes!", sectors AS "sectors!", base_place AS "base_place?",
                  base_lat AS "base_lat?: f64", base_lon AS "base_lon?: f64", max_distance_km AS "max_distance_km?: i64"
           FROM experts ORDER BY name, id"#
    )
    .fetch_all(pool)
    .await
    .map_err(db)?
    .into_iter()
    .map(ExpertRecord::try_from)
    .collect()
}

/// Every expert's active trajectories and their planned dagdelen (zeros without any), by id.
pub(crate) async fn loads(pool: &Pool) -> StoreResult<Vec<ExpertLoad>> {
    sqlx::query_as!(
        ExpertLoad,
        r#"SELECT e.id AS "expert_id!: i64", COUNT(t.id) AS "trajectories!: i64",
                  CAST(COALESCE(SUM(t.dagdelen_planned), 0) AS BIGINT) AS "dagdelen!: i64"
           FROM experts e LEFT JOIN trajectories t ON t.expert_id = e.id AND t.active = TRUE
           GROUP BY e.id
           ORDER BY e.id"#
    )
    .fetch_all(pool)
    .await
    .map_err(db)
}

/// `expected_version: None` creates; `Some(v)` updates version `v` of the expert found as the
/// module documentation says (`NotFound`, `Conflict`). `Duplicate` for an address or login
/// another expert has; `NotFound` for an unknown `user_id` on create. Unchanged → no write.
pub(crate) async fn save(pool: &Pool, e: &ExpertWrite, actor: &Actor, now: i64) -> StoreResult<ExpertRecord> {
    let expertise = json(&e.expertise)?;
    let regions = json(&e.regions)?;
    let mut tx = begin_write(pool).await.map_err(db)?;
    let saved = match e.expected_version {
        None => {
            let id = sqlx::query_scalar!(
                r#"INSERT INTO experts (user_id, name, email, expertise, regions, capacity_trajectories,
                                        capacity_dagdelen, available, version)
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)
                   RETURNING id AS "id!: i64""#,
                e.user_id.map(UserId::get),
                e.name,
                e.email,
                expertise,
                regions,
                e.capacity_trajectories,
                e.capacity_dagdelen,
                e.available,
            )
            .fetch_one(&mut *tx)
            .await
            .map_err(db)?;
            let created = record(id, 1, e);
            Change::new(actor, now, "create", AuditEntity::Expert, id).after(&created)?.write(&mut tx).await?;
            created
        }
        Some(expected) => {
            let before = fetch_for_write(&mut tx, e).await?.ok_or(StoreError::NotFound)?;
            if before.version != expected {
                return Err(StoreError::Conflict { expected, actual: before.version });
            }
            let mut after = record(before.id.get(), before.version, e);
            after.pool = before.pool.clone();
            if after == before {
                return Ok(before);
            }
            after.version = expected + 1;
            let done = sqlx::query!(
                "UPDATE experts SET user_id = $1, name = $2, email = $3, expertise = $4, regions = $5,
                        capacity_trajectories = $6, capacity_dagdelen = $7, available = $8, version = $9
                 WHERE id = $10 AND version = $11",
                after.user_id.map(UserId::get),
                after.name,
                after.email,
                expertise,
                regions,
                after.capacity_trajectories,
                after.capacity_dagdelen,
                after.available,
                after.version,
                after.id.get(),
                expected,
            )
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            if done.rows_affected() == 0 {
                let actual = fetch(&mut tx, before.id.get()).await?.map(|x| x.version);
                return Err(stale(expected, actual));
            }
            Change::new(actor, now, "update", AuditEntity::Expert, after.id)
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

fn record(id: i64, version: i64, e: &ExpertWrite) -> ExpertRecord {
    ExpertRecord {
        id: id.into(),
        user_id: e.user_id,
        name: e.name.clone(),
        email: e.email.clone(),
        expertise: e.expertise.clone(),
        regions: e.regions.clone(),
        capacity_trajectories: e.capacity_trajectories,
        capacity_dagdelen: e.capacity_dagdelen,
        available: e.available,
        version,
        pool: ExpertPool::default(),
    }
}

/// Programmes, sectors and standplaats of expert `id` at `expected_version`; unchanged → no write.
pub(crate) async fn set_pool(
    pool: &Pool,
    id: i64,
    expected_version: i64,
    p: &ExpertPool,
    actor: &Actor,
    now: i64,
) -> StoreResult<ExpertRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let before = fetch(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
    if before.version != expected_version {
        return Err(StoreError::Conflict { expected: expected_version, actual: before.version });
    }
    if before.pool == *p {
        return Ok(before);
    }
    let (programmes, sectors) = (json(&p.programmes)?, json(&p.sectors)?);
    let done = sqlx::query!(
        "UPDATE experts SET programmes = $1, sectors = $2, base_place = $3, base_lat = $4, base_lon = $5,
                max_distance_km = $6, version = version + 1
         WHERE id = $7 AND version = $8",
        programmes,
        sectors,
        p.base_place,
        p.base_lat,
        p.base_lon,
        p.max_distance_km,
        id,
        expected_version,
    )
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        let actual = fetch(&mut tx, id).await?.map(|x| x.version);
        return Err(stale(expected_version, actual));
    }
    let after = fetch(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
    Change::new(actor, now, "update", AuditEntity::Expert, id).before(&before)?.after(&after)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(after)
}
