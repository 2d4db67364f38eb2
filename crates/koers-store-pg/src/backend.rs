//! What is PostgreSQL-specific: the pool, connecting, and how a write transaction starts. The
//! shared store code (`crate::shared`) uses only the names defined here.

use koers_app::store::{StoreError, StoreResult};
use sqlx::postgres::PgPoolOptions;

pub(crate) type Pool = sqlx::PgPool;
pub(crate) type Conn = sqlx::PgConnection;
pub(crate) type Tx = sqlx::Transaction<'static, sqlx::Postgres>;

/// The backend name reported by `Store::backend`.
pub(crate) const NAME: &str = "postgres";
/// See `StoreRead::ids_in_commit_order`.
pub(crate) const IDS_IN_COMMIT_ORDER: bool = false;

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!();

/// The store type the shared `impl Store` is written for.
pub(crate) type Backend = PgStore;

/// Start a transaction that will write (READ COMMITTED: an `UPDATE … WHERE version = $n` waits
/// for a concurrent writer of the row and then re-checks the version).
pub(crate) async fn begin_write(pool: &Pool) -> sqlx::Result<Tx> {
    pool.begin().await
}

/// Koers' store on a PostgreSQL database.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
    /// The URL it was opened with, for `pg_dump` (backups); `None` for [`PgStore::from_pool`].
    url: Option<String>,
}

/// Never prints the URL (it may hold a password).
impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("pool", &self.pool).finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connect to `url` (`postgres://user@host:5432/db`); see [`connect`].
    pub async fn connect(url: &str) -> StoreResult<Self> {
        connect(url).await
    }

    /// Wrap an existing pool (tests, tools).
    pub fn from_pool(pool: Pool) -> Self {
        Self { pool, url: None }
    }

    /// The URL the store was opened with (holds the password, if any: never log it).
    pub(crate) fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// The connection pool, for tests and maintenance.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }
}

/// Connect a pool of at most 10 connections to `url`. Does not migrate: call
/// [`Store::migrate`](koers_app::store::Store::migrate). The error never repeats the URL (it may
/// hold a password).
pub async fn connect(url: &str) -> StoreResult<PgStore> {
    let pool = PgPoolOptions::new().max_connections(10).connect(url).await.map_err(|e| {
        // The driver's text may repeat the URL (with its password): logged without it.
        tracing::warn!(error = %without_url(&e, url), "PostgreSQL");
        StoreError::Backend(format!("kan niet verbinden met PostgreSQL: {}", crate::shared::nl_quiet(&e)))
    })?;
    Ok(PgStore { pool, url: Some(url.to_owned()) })
}

fn without_url(e: &sqlx::Error, url: &str) -> String {
    e.to_string().replace(url, "<database-url>")
}
