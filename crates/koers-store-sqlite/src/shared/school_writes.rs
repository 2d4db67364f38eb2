//! Schools: import batches and manual edits, with optimistic concurrency (`version`) and an
//! audit entry per changed school in the same transaction.

use koers_app::store::{
    Actor, AuditEntity, School, SchoolEdit, SchoolFields, SchoolWrite, Sector, StoreError, StoreResult,
};
use koers_core::codes::Ovt;
use koers_core::ids::{BoardNumber, SchoolId};
use koers_core::register::ManualField;

use super::audit::Change;
use super::error::{db, json, stale};
use super::schools::{current_version, fetch, search_text};
use crate::backend::{Conn, Pool, begin_write};

/// Write every field of `s` (already at its new version) if the row is still at `expected`.
async fn store(conn: &mut Conn, s: &School, expected: i64) -> StoreResult<()> {
    let search = search_text(&s.name, &s.brin, s.ovt.as_str(), s.place.as_deref());
    let manual = json(&s.manual_fields)?;
    let clusters = json(&s.clusters)?;
    let done = sqlx::query!(
        "UPDATE schools SET name = $1, place = $2, municipality = $3, province = $4, denomination = $5,
                board_number = $6, schoolweging = $7, website = $8, manual_fields = $9, search_text = $10,
                version = $11, updated_at = $12, kind = $15, clusters = $16, lat = $17, lon = $18
         WHERE id = $13 AND version = $14",
        s.name,
        s.place,
        s.municipality,
        s.province,
        s.denomination,
        s.board_number.map(BoardNumber::get),
        s.schoolweging,
        s.website,
        manual,
        search,
        s.version,
        s.updated_at,
        s.id.get(),
        expected,
        s.kind,
        clusters,
        s.lat,
        s.lon,
    )
    .execute(&mut *conn)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(stale(expected, current_version(conn, s.id.get()).await?));
    }
    Ok(())
}

async fn insert(
    conn: &mut Conn,
    ovt: &Ovt,
    brin: &str,
    sector: Sector,
    f: &SchoolFields,
    now: i64,
) -> StoreResult<School> {
    let search = search_text(&f.name, brin, ovt.as_str(), f.place.as_deref());
    let clusters = json(&f.clusters)?;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO schools (ovt, brin, name, place, municipality, province, denomination, board_number,
                                sector, schoolweging, website, manual_fields, search_text, version, updated_at,
                                kind, clusters, lat, lon)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '[]', $12, 1, $13, $14, $15, $16, $17)
           RETURNING id AS "id!: i64""#,
        ovt.as_str(),
        brin,
        f.name,
        f.place,
        f.municipality,
        f.province,
        f.denomination,
        f.board_number.map(BoardNumber::get),
        sector.code(),
        f.schoolweging,
        f.website,
        search,
        now,
        f.kind,
        clusters,
        f.lat,
        f.lon,
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(db)?;
    Ok(School {
        id: SchoolId::new(id),
        ovt: ovt.clone(),
        brin: brin.to_owned(),
        name: f.name.clone(),
        place: f.place.clone(),
        municipality: f.municipality.clone(),
        province: f.province.clone(),
        denomination: f.denomination.clone(),
        board_number: f.board_number,
        sector,
        schoolweging: f.schoolweging,
        website: f.website.clone(),
        kind: f.kind.clone(),
        clusters: f.clusters.clone(),
        lat: f.lat,
        lon: f.lon,
        manual_fields: Vec::new(),
        version: 1,
        updated_at: now,
    })
}

/// The row at `expected_version`, or why not.
async fn fetch_at(conn: &mut Conn, id: i64, expected_version: i64) -> StoreResult<School> {
    let school = fetch(conn, id).await?.ok_or(StoreError::NotFound)?;
    if school.version != expected_version {
        return Err(StoreError::Conflict { expected: expected_version, actual: school.version });
    }
    Ok(school)
}

/// Apply `after` over `before` (same version), audit it and return it; unchanged → no write.
async fn update(conn: &mut Conn, before: School, mut after: School, actor: &Actor, now: i64) -> StoreResult<School> {
    if after == before {
        return Ok(before);
    }
    after.version = before.version + 1;
    after.updated_at = now;
    store(conn, &after, before.version).await?;
    Change::new(actor, now, "update", AuditEntity::School, after.id)
        .before(&before)?
        .after(&after)?
        .write(conn)
        .await?;
    Ok(after)
}

pub(crate) async fn apply_writes(
    pool: &Pool,
    writes: &[SchoolWrite],
    actor: &Actor,
    now: i64,
) -> StoreResult<Vec<SchoolId>> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let mut ids = Vec::with_capacity(writes.len());
    for write in writes {
        match write {
            SchoolWrite::Insert { ovt, brin, sector, fields } => {
                let school = insert(&mut tx, ovt, brin, *sector, fields, now).await?;
                Change::new(actor, now, "create", AuditEntity::School, school.id)
                    .after(&school)?
                    .write(&mut tx)
                    .await?;
                ids.push(school.id);
            }
            SchoolWrite::Update { id, expected_version, fields } => {
                let before = fetch_at(&mut tx, id.get(), *expected_version).await?;
                let after = School {
                    name: fields.name.clone(),
                    place: fields.place.clone(),
                    municipality: fields.municipality.clone(),
                    province: fields.province.clone(),
                    denomination: fields.denomination.clone(),
                    board_number: fields.board_number,
                    schoolweging: fields.schoolweging,
                    website: fields.website.clone(),
                    kind: fields.kind.clone(),
                    clusters: fields.clusters.clone(),
                    lat: fields.lat,
                    lon: fields.lon,
                    ..before.clone()
                };
                ids.push(update(&mut tx, before, after, actor, now).await?.id);
            }
        }
    }
    tx.commit().await.map_err(db)?;
    Ok(ids)
}

pub(crate) async fn edit(
    pool: &Pool,
    id: i64,
    expected_version: i64,
    edit: &SchoolEdit,
    actor: &Actor,
    now: i64,
) -> StoreResult<School> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let before = fetch_at(&mut tx, id, expected_version).await?;
    let mut after = before.clone();
    if let Some(name) = &edit.name {
        after.name = name.clone();
        mark_manual(&mut after.manual_fields, ManualField::Name);
    }
    if let Some(place) = &edit.place {
        after.place = place.clone();
        mark_manual(&mut after.manual_fields, ManualField::Place);
    }
    if let Some(website) = &edit.website {
        after.website = website.clone();
        mark_manual(&mut after.manual_fields, ManualField::Website);
    }
    if let Some(schoolweging) = edit.schoolweging {
        after.schoolweging = schoolweging;
        mark_manual(&mut after.manual_fields, ManualField::Schoolweging);
    }
    let after = update(&mut tx, before, after, actor, now).await?;
    tx.commit().await.map_err(db)?;
    Ok(after)
}

fn mark_manual(fields: &mut Vec<ManualField>, field: ManualField) {
    if !fields.contains(&field) {
        fields.push(field);
    }
}
