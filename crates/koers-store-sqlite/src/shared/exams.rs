//! The VO exam pass-rate trend per location (DUO). Like the results: an upsert rewrites only
//! rows whose values changed, returns how many did and writes one audit entry per school
//! (entity `exam_year`, entity id = school id).

use koers_app::store::{Actor, AuditEntity, ExamYear, StoreResult};

use super::error::db;
use super::results::{audit, per_school};
use crate::backend::{Conn, Pool, begin_write};

async fn exams_in(conn: &mut Conn, school_id: i64) -> StoreResult<Vec<ExamYear>> {
    sqlx::query_as!(
        ExamYear,
        r#"SELECT school_id AS "school_id!: i64", afdeling AS "afdeling!", school_year AS "school_year!",
                  programmes AS "programmes!: i64", candidates_min AS "candidates_min!: i64",
                  candidates_max AS "candidates_max!: i64", passes_min AS "passes_min!: i64",
                  passes_max AS "passes_max!: i64", pass_rate AS "pass_rate?: f64",
                  pass_rate_min AS "pass_rate_min?: f64", pass_rate_max AS "pass_rate_max?: f64",
                  masking AS "masking!"
           FROM exam_years WHERE school_id = $1 ORDER BY afdeling, school_year"#,
        school_id
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(db)
}

/// The whole location first (afdeling `""`), then per afdeling; each oldest year first.
pub(crate) async fn exam_years_of_school(pool: &Pool, school_id: i64) -> StoreResult<Vec<ExamYear>> {
    let mut conn = pool.acquire().await.map_err(db)?;
    exams_in(&mut conn, school_id).await
}

pub(crate) async fn upsert_exam_years(pool: &Pool, rows: &[ExamYear], actor: &Actor, now: i64) -> StoreResult<usize> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let mut changed = 0;
    for (school_id, new) in per_school(rows, |r| r.school_id.get(), |r| (r.afdeling.clone(), r.school_year.clone())) {
        let old = exams_in(&mut tx, school_id).await?;
        let (mut before, mut after) = (Vec::new(), Vec::new());
        for ((afdeling, year), row) in new {
            let previous = old.iter().find(|o| o.afdeling == afdeling && o.school_year == year);
            if previous == Some(row) {
                continue;
            }
            sqlx::query!(
                "INSERT INTO exam_years (school_id, afdeling, school_year, programmes, candidates_min, candidates_max,
                                         passes_min, passes_max, pass_rate, pass_rate_min, pass_rate_max, masking,
                                         updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                 ON CONFLICT (school_id, afdeling, school_year) DO UPDATE SET programmes = excluded.programmes,
                     candidates_min = excluded.candidates_min, candidates_max = excluded.candidates_max,
                     passes_min = excluded.passes_min, passes_max = excluded.passes_max,
                     pass_rate = excluded.pass_rate, pass_rate_min = excluded.pass_rate_min,
                     pass_rate_max = excluded.pass_rate_max, masking = excluded.masking,
                     updated_at = excluded.updated_at",
                row.school_id.get(),
                row.afdeling,
                row.school_year,
                row.programmes,
                row.candidates_min,
                row.candidates_max,
                row.passes_min,
                row.passes_max,
                row.pass_rate,
                row.pass_rate_min,
                row.pass_rate_max,
                row.masking,
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
            audit(&mut tx, AuditEntity::ExamYear, school_id, &before, &after, actor, now).await?;
        }
    }
    tx.commit().await.map_err(db)?;
    Ok(changed)
}
