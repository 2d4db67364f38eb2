//! Boards (bevoegd gezag), keyed by their number.

use koers_app::store::{Actor, AuditEntity, Board, NewBoard, StoreError, StoreResult};
use koers_core::ids::BoardNumber;

use super::audit::Change;
use super::error::db;
use crate::backend::{Conn, Pool, begin_write};

/// A `boards` row as stored.
struct BoardRow {
    id: i64,
    number: i64,
    name: String,
    version: i64,
}

impl From<BoardRow> for Board {
    fn from(r: BoardRow) -> Self {
        Board { id: r.id, number: BoardNumber::new(r.number), name: r.name, version: r.version }
    }
}

async fn fetch(conn: &mut Conn, number: i64) -> StoreResult<Option<Board>> {
    let row = sqlx::query_as!(
        BoardRow,
        r#"SELECT id AS "id!: i64", number AS "number!: i64", name AS "name!", version AS "version!: i64"
           FROM boards WHERE number = $1"#,
        number
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?;
    Ok(row.map(Board::from))
}

pub(crate) async fn by_number(pool: &Pool, number: i64) -> StoreResult<Board> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch(&mut conn, number).await?.ok_or(StoreError::NotFound)
}

/// Insert new boards, rename changed ones (version + 1); unchanged boards are not written.
/// Returns how many were inserted or changed. Audited with the board number as entity id.
pub(crate) async fn upsert(pool: &Pool, boards: &[NewBoard], actor: &Actor, now: i64) -> StoreResult<usize> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let mut changed = 0;
    for b in boards {
        let number = b.number.get();
        match fetch(&mut tx, number).await? {
            None => {
                let id = sqlx::query_scalar!(
                    r#"INSERT INTO boards (number, name, version, updated_at) VALUES ($1, $2, 1, $3)
                       RETURNING id AS "id!: i64""#,
                    number,
                    b.name,
                    now
                )
                .fetch_one(&mut *tx)
                .await
                .map_err(db)?;
                let after = Board { id, number: b.number, name: b.name.clone(), version: 1 };
                Change::new(actor, now, "create", AuditEntity::Board, b.number).after(&after)?.write(&mut tx).await?;
            }
            Some(before) if before.name != b.name => {
                let after = Board { name: b.name.clone(), version: before.version + 1, ..before.clone() };
                sqlx::query!(
                    "UPDATE boards SET name = $1, version = $2, updated_at = $3 WHERE id = $4",
                    after.name,
                    after.version,
                    now,
                    after.id
                )
                .execute(&mut *tx)
                .await
                .map_err(db)?;
                Change::new(actor, now, "update", AuditEntity::Board, b.number)
                    .before(&before)?
                    .after(&after)?
                    .write(&mut tx)
                    .await?;
            }
            Some(_) => continue,
        }
        changed += 1;
    }
    tx.commit().await.map_err(db)?;
    Ok(changed)
}
