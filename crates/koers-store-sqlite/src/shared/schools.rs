//! Schools: reading and searching (writes are in `school_writes`).

use koers_app::store::{School, Sector, StoreError, StoreResult};
use koers_core::codes::Ovt;
use koers_core::ids::BoardNumber;

use super::error::{corrupt, db};
use crate::backend::{Conn, Pool};

/// A `schools` row as stored.
struct SchoolRow {
    id: i64,
    ovt: String,
    brin: String,
    name: String,
    place: Option<String>,
    municipality: Option<String>,
    province: Option<String>,
    denomination: Option<String>,
    board_number: Option<i64>,
    sector: String,
    schoolweging: Option<f64>,
    website: Option<String>,
    kind: Option<String>,
    clusters: String,
    lat: Option<f64>,
    lon: Option<f64>,
    manual_fields: String,
    version: i64,
    updated_at: i64,
}

impl TryFrom<SchoolRow> for School {
    type Error = StoreError;
    fn try_from(r: SchoolRow) -> StoreResult<School> {
        Ok(School {
            sector: Sector::from_code(&r.sector).ok_or_else(|| corrupt("sector", &r.sector))?,
            clusters: serde_json::from_str(&r.clusters).map_err(|_| corrupt("clusters", &r.clusters))?,
            manual_fields: serde_json::from_str(&r.manual_fields)
                .map_err(|_| corrupt("manual_fields", &r.manual_fields))?,
            id: r.id.into(),
            ovt: Ovt::parse(&r.ovt).map_err(|_| corrupt("ovt", &r.ovt))?,
            brin: r.brin,
            name: r.name,
            place: r.place,
            municipality: r.municipality,
            province: r.province,
            denomination: r.denomination,
            board_number: r.board_number.map(BoardNumber::new),
            schoolweging: r.schoolweging,
            website: r.website,
            kind: r.kind,
            lat: r.lat,
            lon: r.lon,
            version: r.version,
            updated_at: r.updated_at,
        })
    }
}

fn convert(rows: Vec<SchoolRow>) -> StoreResult<Vec<School>> {
    rows.into_iter().map(School::try_from).collect()
}

/// The lowercase text `search_schools` matches; one definition shared with the in-memory index.
pub(crate) use koers_app::search::search_text_parts as search_text;

/// `%`, `_` and the escape character itself taken literally in a `LIKE … ESCAPE '\'` pattern.
pub(crate) fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(super) async fn fetch(conn: &mut Conn, id: i64) -> StoreResult<Option<School>> {
    let row = sqlx::query_as!(
        SchoolRow,
        r#"SELECT id AS "id!: i64", ovt AS "ovt!", brin AS "brin!", name AS "name!", place AS "place?",
                  municipality AS "municipality?", province AS "province?", denomination AS "denomination?",
                  board_number AS "board_number?: i64", sector AS "sector!", schoolweging AS "schoolweging?: f64",
                  website AS "website?", kind AS "kind?", clusters AS "clusters!", lat AS "lat?: f64",
                  lon AS "lon?: f64", manual_fields AS "manual_fields!", version AS "version!: i64",
                  updated_at AS "updated_at!: i64"
           FROM schools WHERE id = $1"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?;
    row.map(School::try_from).transpose()
}

pub(super) async fn current_version(conn: &mut Conn, id: i64) -> StoreResult<Option<i64>> {
    sqlx::query_scalar!(r#"SELECT version AS "version!: i64" FROM schools WHERE id = $1"#, id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)
}

pub(crate) async fn by_id(pool: &Pool, id: i64) -> StoreResult<School> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch(&mut conn, id).await?.ok_or(StoreError::NotFound)
}

pub(crate) async fn by_ovt(pool: &Pool, ovt: &str) -> StoreResult<School> {
    let row = sqlx::query_as!(
        SchoolRow,
        r#"SELECT id AS "id!: i64", ovt AS "ovt!", brin AS "brin!", name AS "name!", place AS "place?",
                  municipality AS "municipality?", province AS "province?", denomination AS "denomination?",
                  board_number AS "board_number?: i64", sector AS "sector!", schoolweging AS "schoolweging?: f64",
                  website AS "website?", kind AS "kind?", clusters AS "clusters!", lat AS "lat?: f64",
                  lon AS "lon?: f64", manual_fields AS "manual_fields!", version AS "version!: i64",
                  updated_at AS "updated_at!: i64"
           FROM schools WHERE ovt = $1"#,
        ovt
    )
    .fetch_optional(pool)
    .await
    .map_err(db)?;
    row.ok_or(StoreError::NotFound)?.try_into()
}

pub(crate) async fn all(pool: &Pool) -> StoreResult<Vec<School>> {
    convert(
        sqlx::query_as!(
            SchoolRow,
            r#"SELECT id AS "id!: i64", ovt AS "ovt!", brin AS "brin!", name AS "name!", place AS "place?",
                      municipality AS "municipality?", province AS "province?", denomination AS "denomination?",
                      board_number AS "board_number?: i64", sector AS "sector!", schoolweging AS "schoolweging?: f64",
                      website AS "website?", kind AS "kind?", clusters AS "clusters!", lat AS "lat?: f64",
                  lon AS "lon?: f64", manual_fields AS "manual_fields!", version AS "version!: i64",
                      updated_at AS "updated_at!: i64"
               FROM schools ORDER BY ovt"#
        )
        .fetch_all(pool)
        .await
        .map_err(db)?,
    )
}

pub(crate) async fn of_board(pool: &Pool, board_number: i64) -> StoreResult<Vec<School>> {
    convert(
        sqlx::query_as!(
            SchoolRow,
            r#"SELECT id AS "id!: i64", ovt AS "ovt!", brin AS "brin!", name AS "name!", place AS "place?",
                      municipality AS "municipality?", province AS "province?", denomination AS "denomination?",
                      board_number AS "board_number?: i64", sector AS "sector!", schoolweging AS "schoolweging?: f64",
                      website AS "website?", kind AS "kind?", clusters AS "clusters!", lat AS "lat?: f64",
                  lon AS "lon?: f64", manual_fields AS "manual_fields!", version AS "version!: i64",
                      updated_at AS "updated_at!: i64"
               FROM schools WHERE board_number = $1 ORDER BY search_text, ovt"#,
            board_number
        )
        .fetch_all(pool)
        .await
        .map_err(db)?,
    )
}

/// Case-insensitive substring search; exact BRIN/ovt first, then name prefix, then by name.
pub(crate) async fn search(pool: &Pool, query: &str, limit: i64) -> StoreResult<Vec<School>> {
    let q = query.trim();
    let lower = like_escape(&q.to_lowercase());
    let (contains, prefix, exact) = (format!("%{lower}%"), format!("{lower}%"), q.to_uppercase());
    convert(
        sqlx::query_as!(
            SchoolRow,
            r#"SELECT id AS "id!: i64", ovt AS "ovt!", brin AS "brin!", name AS "name!", place AS "place?",
                      municipality AS "municipality?", province AS "province?", denomination AS "denomination?",
                      board_number AS "board_number?: i64", sector AS "sector!", schoolweging AS "schoolweging?: f64",
                      website AS "website?", kind AS "kind?", clusters AS "clusters!", lat AS "lat?: f64",
                  lon AS "lon?: f64", manual_fields AS "manual_fields!", version AS "version!: i64",
                      updated_at AS "updated_at!: i64"
               FROM schools
               WHERE search_text LIKE $1 ESCAPE '\'
               ORDER BY CASE WHEN upper(brin) = $2 OR upper(ovt) = $2 THEN 0
                             WHEN search_text LIKE $3 ESCAPE '\' THEN 1
                             ELSE 2 END,
                        search_text, ovt
               LIMIT $4"#,
            contains,
            exact,
            prefix,
            limit.max(0),
        )
        .fetch_all(pool)
        .await
        .map_err(db)?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_starts_with_the_name_and_is_lowercase() {
        assert_eq!(
            search_text("De Regenboog", "00AP", "00AP|C1", Some("Ütrecht")),
            "de regenboog 00ap 00ap|c1 ütrecht"
        );
        assert_eq!(search_text("X", "01AB", "01AB|C1", None), "x 01ab 01ab|c1");
    }

    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(like_escape(r"100%_a\b"), r"100\%\_a\\b");
    }
}
