//! Issue 8's tables: stored format versions, the filled-in forms of a trajectory, their
//! answers, comments, klassenbezoeken and uploads, and the phase move a status causes. Runtime
//! queries (`sqlx::query`, no compile-time cache), SQL portable as in the rest of `shared`.
//!
//! - [`defs`]: format versions; [`filled`]: the forms and status changes (with their phase move);
//!   [`items`]: answers, comments, visits, uploads; [`impl_`]: the traits for the backend.

pub(crate) mod defs;
mod filled;
mod impl_;
pub(crate) mod items;

use koers_app::store::StoreResult;
use sqlx::Row;

use super::error::db;

/// The backend's database type, from its pool type.
pub(crate) trait PoolDb {
    type Db: sqlx::Database;
}
impl<D: sqlx::Database> PoolDb for sqlx::Pool<D> {
    type Db = D;
}
pub(crate) type Db = <crate::backend::Pool as PoolDb>::Db;
pub(crate) type DbRow = <Db as sqlx::Database>::Row;

/// Read one column.
pub(crate) fn col<'r, T>(row: &'r DbRow, name: &str) -> StoreResult<T>
where
    T: sqlx::Decode<'r, Db> + sqlx::Type<Db>,
{
    row.try_get::<T, _>(name).map_err(db)
}
