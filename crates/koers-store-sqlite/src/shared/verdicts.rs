//! Inspectie verdicts (audited as `verdict`): recorded, confirmed (optimistic concurrency),
//! listed per school, per board and per board's schools.

use koers_app::store::{Actor, AuditEntity, NewVerdict, StoreError, StoreResult, VerdictRecord};

use koers_core::ids::{BoardNumber, SchoolId, UserId};

use super::audit::Change;
use super::error::{db, stale};
use crate::backend::{Conn, Pool, begin_write};

/// An `inspection_verdicts` row as stored.
struct VerdictRow {
    id: i64,
    school_id: Option<i64>,
    board_number: Option<i64>,
    verdict_date: String,
    oordeel: String,
    afdeling: Option<String>,
    herstelopdracht: bool,
    risk_investigation: bool,
    source: String,
    status: String,
    recorded_by: Option<i64>,
    recorded_by_label: String,
    recorded_at: i64,
    confirmed_by: Option<i64>,
    confirmed_by_label: Option<String>,
    confirmed_at: Option<i64>,
    version: i64,
}

impl From<VerdictRow> for VerdictRecord {
    fn from(r: VerdictRow) -> Self {
        VerdictRecord {
            id: r.id.into(),
            school_id: r.school_id.map(SchoolId::new),
            board_number: r.board_number.map(BoardNumber::new),
            verdict_date: r.verdict_date,
            oordeel: r.oordeel,
            afdeling: r.afdeling,
            herstelopdracht: r.herstelopdracht,
            risk_investigation: r.risk_investigation,
            source: r.source,
            status: r.status,
            recorded_by: r.recorded_by.map(UserId::new),
            recorded_by_label: r.recorded_by_label,
            recorded_at: r.recorded_at,
            confirmed_by: r.confirmed_by.map(UserId::new),
            confirmed_by_label: r.confirmed_by_label,
            confirmed_at: r.confirmed_at,
            version: r.version,
        }
    }
}

async fn fetch(conn: &mut Conn, id: i64) -> StoreResult<Option<VerdictRecord>> {
    let rows = sqlx::query_as!(
        VerdictRow,
        r#"SELECT id AS "id!: i64", school_id AS "school_id?: i64", board_number AS "board_number?: i64",
                  verdict_date AS "verdict_date!", oordeel AS "oordeel!", afdeling AS "afdeling?",
                  herstelopdracht AS "herstelopdracht!: bool", risk_investigation AS "risk_investigation!: bool",
                  source AS "source!", status AS "status!", recorded_by AS "recorded_by?: i64",
                  recorded_by_label AS "recorded_by_label!", recorded_at AS "recorded_at!: i64",
                  confirmed_by AS "confirmed_by?: i64", confirmed_by_label AS "confirmed_by_label?",
                  confirmed_at AS "confirmed_at?: i64", version AS "version!: i64"
           FROM inspection_verdicts WHERE id = $1"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?;
    Ok(rows.map(VerdictRecord::from))
}

pub(crate) async fn by_id(pool: &Pool, id: i64) -> StoreResult<VerdictRecord> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch(&mut conn, id).await?.ok_or(StoreError::NotFound)
}

pub(crate) async fn add(pool: &Pool, v: &NewVerdict, actor: &Actor, now: i64) -> StoreResult<VerdictRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let created = insert(&mut tx, v, actor, now).await?;
    tx.commit().await.map_err(db)?;
    Ok(created)
}

/// Insert and audit inside `conn`'s transaction (also a verdict declared with an application).
pub(crate) async fn insert(conn: &mut Conn, v: &NewVerdict, actor: &Actor, now: i64) -> StoreResult<VerdictRecord> {
    let id = sqlx::query_scalar!(
        r#"INSERT INTO inspection_verdicts (school_id, board_number, verdict_date, oordeel, afdeling, herstelopdracht,
                                            risk_investigation, source, status, recorded_by, recorded_by_label,
                                            recorded_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1)
           RETURNING id AS "id!: i64""#,
        v.school_id.map(SchoolId::get),
        v.board_number.map(BoardNumber::get),
        v.verdict_date,
        v.oordeel,
        v.afdeling,
        v.herstelopdracht,
        v.risk_investigation,
        v.source,
        v.status,
        actor.user_id.map(UserId::get),
        actor.label,
        now,
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(db)?;
    let created = fetch(conn, id).await?.ok_or(StoreError::NotFound)?;
    Change::new(actor, now, "create", AuditEntity::Verdict, id).after(&created)?.write(conn).await?;
    Ok(created)
}

/// The facts of a verdict changed by staff (runtime query: no offline-cache entry needed).
pub(crate) async fn update(
    pool: &Pool,
    id: i64,
    expected_version: i64,
    v: &NewVerdict,
    actor: &Actor,
    now: i64,
) -> StoreResult<VerdictRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let before = fetch(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
    if before.version != expected_version {
        return Err(StoreError::Conflict { expected: expected_version, actual: before.version });
    }
    let done = sqlx::query(
        "UPDATE inspection_verdicts SET verdict_date = $1, oordeel = $2, afdeling = $3, herstelopdracht = $4,
                risk_investigation = $5, source = $6, version = version + 1
         WHERE id = $7 AND version = $8",
    )
    .bind(&v.verdict_date)
    .bind(&v.oordeel)
    .bind(&v.afdeling)
    .bind(v.herstelopdracht)
    .bind(v.risk_investigation)
    .bind(&v.source)
    .bind(id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        let actual = fetch(&mut tx, id).await?.map(|x| x.version);
        return Err(stale(expected_version, actual));
    }
    let after = fetch(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
    Change::new(actor, now, "update", AuditEntity::Verdict, id).before(&before)?.after(&after)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(after)
}

pub(crate) async fn delete(pool: &Pool, id: i64, expected_version: i64, actor: &Actor, now: i64) -> StoreResult<()> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let before = fetch(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
    if before.version != expected_version {
        return Err(StoreError::Conflict { expected: expected_version, actual: before.version });
    }
    let done = sqlx::query("DELETE FROM inspection_verdicts WHERE id = $1 AND version = $2")
        .bind(id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    if done.rows_affected() == 0 {
        let actual = fetch(&mut tx, id).await?.map(|x| x.version);
        return Err(stale(expected_version, actual));
    }
    Change::new(actor, now, "delete", AuditEntity::Verdict, id).before(&before)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(())
}

pub(crate) async fn confirm(
    pool: &Pool,
    id: i64,
    expected_version: i64,
    actor: &Actor,
    now: i64,
) -> StoreResult<VerdictRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let before = fetch(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
    if before.version != expected_version {
        return Err(StoreError::Conflict { expected: expected_version, actual: before.version });
    }
    let done = sqlx::query!(
        "UPDATE inspection_verdicts SET status = 'vastgesteld', confirmed_by = $1, confirmed_by_label = $2,
                confirmed_at = $3, version = version + 1
         WHERE id = $4 AND version = $5",
        actor.user_id.map(UserId::get),
        actor.label,
        now,
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
    Change::new(actor, now, "confirm", AuditEntity::Verdict, id).before(&before)?.after(&after)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(after)
}

pub(crate) async fn of_school(pool: &Pool, school_id: i64) -> StoreResult<Vec<VerdictRecord>> {
    let rows = sqlx::query_as!(
        VerdictRow,
        r#"SELECT id AS "id!: i64", school_id AS "school_id?: i64", board_number AS "board_number?: i64",
                  verdict_date AS "verdict_date!", oordeel AS "oordeel!", afdeling AS "afdeling?",
                  herstelopdracht AS "herstelopdracht!: bool", risk_investigation AS "risk_investigation!: bool",
                  source AS "source!", status AS "status!", recorded_by AS "recorded_by?: i64",
                  recorded_by_label AS "recorded_by_label!", recorded_at AS "recorded_at!: i64",
                  confirmed_by AS "confirmed_by?: i64", confirmed_by_label AS "confirmed_by_label?",
                  confirmed_at AS "confirmed_at?: i64", version AS "version!: i64"
           FROM inspection_verdicts WHERE school_id = $1
           ORDER BY verdict_date DESC, id DESC"#,
        school_id
    )
    .fetch_all(pool)
    .await
    .map_err(db)?;
    Ok(rows.into_iter().map(VerdictRecord::from).collect())
}

pub(crate) async fn of_board(pool: &Pool, board_number: i64) -> StoreResult<Vec<VerdictRecord>> {
    let rows = sqlx::query_as!(
        VerdictRow,
        r#"SELECT id AS "id!: i64", school_id AS "school_id?: i64", board_number AS "board_number?: i64",
                  verdict_date AS "verdict_date!", oordeel AS "oordeel!", afdeling AS "afdeling?",
                  herstelopdracht AS "herstelopdracht!: bool", risk_investigation AS "risk_investigation!: bool",
                  source AS "source!", status AS "status!", recorded_by AS "recorded_by?: i64",
                  recorded_by_label AS "recorded_by_label!", recorded_at AS "recorded_at!: i64",
                  confirmed_by AS "confirmed_by?: i64", confirmed_by_label AS "confirmed_by_label?",
                  confirmed_at AS "confirmed_at?: i64", version AS "version!: i64"
           FROM inspection_verdicts WHERE board_number = $1
           ORDER BY verdict_date DESC, id DESC"#,
        board_number
    )
    .fetch_all(pool)
    .await
    .map_err(db)?;
    Ok(rows.into_iter().map(VerdictRecord::from).collect())
}

pub(crate) async fn of_board_schools(pool: &Pool, board_number: i64) -> StoreResult<Vec<VerdictRecord>> {
    let rows = sqlx::query_as!(
        VerdictRow,
        r#"SELECT v.id AS "id!: i64", v.school_id AS "school_id?: i64", v.board_number AS "board_number?: i64",
                  v.verdict_date AS "verdict_date!", v.oordeel AS "oordeel!", v.afdeling AS "afdeling?",
                  v.herstelopdracht AS "herstelopdracht!: bool", v.risk_investigation AS "risk_investigation!: bool",
                  v.source AS "source!", v.status AS "status!", v.recorded_by AS "recorded_by?: i64",
                  v.recorded_by_label AS "recorded_by_label!", v.recorded_at AS "recorded_at!: i64",
                  v.confirmed_by AS "confirmed_by?: i64", v.confirmed_by_label AS "confirmed_by_label?",
                  v.confirmed_at AS "confirmed_at?: i64", v.version AS "version!: i64"
           FROM inspection_verdicts v JOIN schools s ON s.id = v.school_id
           WHERE s.board_number = $1
           ORDER BY v.verdict_date DESC, v.id DESC"#,
        board_number
    )
    .fetch_all(pool)
    .await
    .map_err(db)?;
    Ok(rows.into_iter().map(VerdictRecord::from).collect())
}
