//! Results per test year, published three-year values and schoolweging per school year.
//! Upserts rewrite only rows whose values changed and return how many did, so re-importing the
//! same file changes (and audits) nothing. One audit entry per school with the changed rows
//! before and after (entity id = school id).

use std::collections::BTreeMap;

use koers_app::store::{Actor, AuditEntity, PublishedThreeYear, ResultYear, StoreResult, WegingYear};
use serde::Serialize;

use super::audit::Change;
use super::error::db;
use crate::backend::{Conn, Pool, begin_write};

/// Rows grouped per school (in school id order); a later row for the same key replaces an
/// earlier one.
pub(super) fn per_school<T, K: Ord>(
    rows: &[T],
    school: impl Fn(&T) -> i64,
    key: impl Fn(&T) -> K,
) -> BTreeMap<i64, BTreeMap<K, &T>> {
    let mut map: BTreeMap<i64, BTreeMap<K, &T>> = BTreeMap::new();
    for r in rows {
        map.entry(school(r)).or_default().insert(key(r), r);
    }
    map
}

/// The audit entry of one school's changed rows; `before` holds the old values of rows that
/// existed.
pub(super) async fn audit<T: Serialize>(
    conn: &mut Conn,
    entity: AuditEntity,
    school_id: i64,
    before: &[T],
    after: &[T],
    actor: &Actor,
    now: i64,
) -> StoreResult<()> {
    let change = if before.is_empty() {
        Change::new(actor, now, "create", entity, school_id)
    } else {
        Change::new(actor, now, "update", entity, school_id).before(before)?
    };
    change.after(after)?.write(conn).await
}

async fn results_in(conn: &mut Conn, school_id: i64) -> StoreResult<Vec<ResultYear>> {
    sqlx::query_as!(
        ResultYear,
        r#"SELECT school_id AS "school_id!: i64", test_year AS "test_year!: i64", pupils AS "pupils?: i64",
                  pct_1f AS "pct_1f?: f64", pct_1s2f AS "pct_1s2f?: f64", suppressed AS "suppressed!: bool",
                  source AS "source!"
           FROM result_years WHERE school_id = $1 ORDER BY test_year"#,
        school_id
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(db)
}

pub(crate) async fn results_of_school(pool: &Pool, school_id: i64) -> StoreResult<Vec<ResultYear>> {
    let mut conn = pool.acquire().await.map_err(db)?;
    results_in(&mut conn, school_id).await
}

/// Every school's result years, by school and year.
pub(crate) async fn all_results(pool: &Pool) -> StoreResult<Vec<ResultYear>> {
    sqlx::query_as!(
        ResultYear,
        r#"SELECT school_id AS "school_id!: i64", test_year AS "test_year!: i64", pupils AS "pupils?: i64",
                  pct_1f AS "pct_1f?: f64", pct_1s2f AS "pct_1s2f?: f64", suppressed AS "suppressed!: bool",
                  source AS "source!"
           FROM result_years ORDER BY school_id, test_year"#
    )
    .fetch_all(pool)
    .await
    .map_err(db)
}

pub(crate) async fn upsert_results(pool: &Pool, rows: &[ResultYear], actor: &Actor, now: i64) -> StoreResult<usize> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let mut changed = 0;
    for (school_id, new) in per_school(rows, |r| r.school_id.get(), |r| r.test_year) {
        let old = results_in(&mut tx, school_id).await?;
        let (mut before, mut after) = (Vec::new(), Vec::new());
        for (year, row) in new {
            let previous = old.iter().find(|o| o.test_year == year);
            if previous == Some(row) {
                continue;
            }
            sqlx::query!(
                "INSERT INTO result_years (school_id, test_year, pupils, pct_1f, pct_1s2f, suppressed, source, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (school_id, test_year) DO UPDATE SET pupils = excluded.pupils, pct_1f = excluded.pct_1f,
                     pct_1s2f = excluded.pct_1s2f, suppressed = excluded.suppressed, source = excluded.source,
                     updated_at = excluded.updated_at",
                row.school_id.get(),
                row.test_year,
                row.pupils,
                row.pct_1f,
                row.pct_1s2f,
                row.suppressed,
                row.source,
                now,
            )
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            before.extend(previous.cloned());
            after.push(row.clone());
        }
        if !after.is_empty() {
            changed += after.len();
            audit(&mut tx, AuditEntity::Result, school_id, &before, &after, actor, now).await?;
        }
    }
    tx.commit().await.map_err(db)?;
    Ok(changed)
}

async fn published_in(conn: &mut Conn, school_id: i64) -> StoreResult<Option<PublishedThreeYear>> {
    sqlx::query_as!(
        PublishedThreeYear,
        r#"SELECT school_id AS "school_id!: i64", last_test_year AS "last_test_year!: i64", pupils AS "pupils!: i64",
                  pct_1f AS "pct_1f!: f64", pct_1s2f AS "pct_1s2f!: f64"
           FROM published_three_year WHERE school_id = $1"#,
        school_id
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)
}

pub(crate) async fn published_of_school(pool: &Pool, school_id: i64) -> StoreResult<Option<PublishedThreeYear>> {
    let mut conn = pool.acquire().await.map_err(db)?;
    published_in(&mut conn, school_id).await
}

/// Every school's published three-year values, by school.
pub(crate) async fn all_published(pool: &Pool) -> StoreResult<Vec<PublishedThreeYear>> {
    sqlx::query_as!(
        PublishedThreeYear,
        r#"SELECT school_id AS "school_id!: i64", last_test_year AS "last_test_year!: i64", pupils AS "pupils!: i64",
                  pct_1f AS "pct_1f!: f64", pct_1s2f AS "pct_1s2f!: f64"
           FROM published_three_year ORDER BY school_id"#
    )
    .fetch_all(pool)
    .await
    .map_err(db)
}

pub(crate) async fn upsert_published(
    pool: &Pool,
    rows: &[PublishedThreeYear],
    actor: &Actor,
    now: i64,
) -> StoreResult<usize> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let mut changed = 0;
    for (school_id, new) in per_school(rows, |r| r.school_id.get(), |_| ()) {
        let Some(row) = new.into_values().next_back() else { continue };
        let old = published_in(&mut tx, school_id).await?;
        if old.as_ref() == Some(row) {
            continue;
        }
        sqlx::query!(
            "INSERT INTO published_three_year (school_id, last_test_year, pupils, pct_1f, pct_1s2f, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (school_id) DO UPDATE SET last_test_year = excluded.last_test_year, pupils = excluded.pupils,
                 pct_1f = excluded.pct_1f, pct_1s2f = excluded.pct_1s2f, updated_at = excluded.updated_at",
            row.school_id.get(),
            row.last_test_year,
            row.pupils,
            row.pct_1f,
            row.pct_1s2f,
            now,
        )
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        changed += 1;
        let before: Vec<_> = old.into_iter().collect();
        audit(&mut tx, AuditEntity::Published, school_id, &before, std::slice::from_ref(row), actor, now).await?;
    }
    tx.commit().await.map_err(db)?;
    Ok(changed)
}

async fn weging_in(conn: &mut Conn, school_id: i64) -> StoreResult<Vec<WegingYear>> {
    sqlx::query_as!(
        WegingYear,
        r#"SELECT school_id AS "school_id!: i64", school_year AS "school_year!", weging AS "weging?: f64",
                  pupils AS "pupils?: i64", spreiding AS "spreiding?: f64"
           FROM weging_years WHERE school_id = $1 ORDER BY school_year"#,
        school_id
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(db)
}

pub(crate) async fn weging_years_of_school(pool: &Pool, school_id: i64) -> StoreResult<Vec<WegingYear>> {
    let mut conn = pool.acquire().await.map_err(db)?;
    weging_in(&mut conn, school_id).await
}

pub(crate) async fn upsert_weging_years(
    pool: &Pool,
    rows: &[WegingYear],
    actor: &Actor,
    now: i64,
) -> StoreResult<usize> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let mut changed = 0;
    for (school_id, new) in per_school(rows, |r| r.school_id.get(), |r| r.school_year.clone()) {
        let old = weging_in(&mut tx, school_id).await?;
        let (mut before, mut after) = (Vec::new(), Vec::new());
        for (year, row) in new {
            let previous = old.iter().find(|o| o.school_year == year);
            if previous == Some(row) {
                continue;
            }
            sqlx::query!(
                "INSERT INTO weging_years (school_id, school_year, weging, pupils, spreiding, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (school_id, school_year) DO UPDATE SET weging = excluded.weging, pupils = excluded.pupils,
                     spreiding = excluded.spreiding, updated_at = excluded.updated_at",
                row.school_id.get(),
                row.school_year,
                row.weging,
                row.pupils,
                row.spreiding,
                now,
            )
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            before.extend(previous.cloned());
            after.push(row.clone());
        }
        if !after.is_empty() {
            changed += after.len();
            audit(&mut tx, AuditEntity::WegingYear, school_id, &before, &after, actor, now).await?;
        }
    }
    tx.commit().await.map_err(db)?;
    Ok(changed)
}
