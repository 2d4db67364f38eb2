//! What is SQLite-specific: the pool, connecting, and how a write transaction starts. The
//! shared store code (`crate::shared`) uses only the names defined here.

use std::str::FromStr;
use std::time::Duration;

use koers_app::store::{StoreError, StoreResult};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub(crate) type Pool = sqlx::SqlitePool;
pub(crate) type Conn = sqlx::SqliteConnection;
pub(crate) type Tx = sqlx::Transaction<'static, sqlx::Sqlite>;

/// The backend name reported by `Store::backend`.
pub(crate) const NAME: &str = "sqlite";
/// See `StoreRead::ids_in_commit_order`.
pub(crate) const IDS_IN_COMMIT_ORDER: bool = true;

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!();

/// The store type the shared `impl Store` is written for.
pub(crate) type Backend = SqliteStore;

/// Start a transaction that will write. `BEGIN IMMEDIATE` takes the write lock up front (waiting
/// up to the busy timeout), so a read-then-write transaction never fails halfway on a lock
/// upgrade while another connection writes.
pub(crate) async fn begin_write(pool: &Pool) -> sqlx::Result<Tx> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Koers' store on one SQLite database file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: Pool,
}

impl SqliteStore {
    /// Open `url` (`sqlite://path/koers.db`, `sqlite:relative.db`, `sqlite::memory:`); see
    /// [`connect`].
    pub async fn connect(url: &str) -> StoreResult<Self> {
        connect(url).await
    }

    /// Wrap an existing pool (tests, tools). The pool should have foreign keys on.
    pub fn from_pool(pool: Pool) -> Self {
        Self { pool }
    }

    /// The connection pool, for tests and maintenance (backups).
    pub fn pool(&self) -> &Pool {
        &self.pool
    }
}

/// Open the SQLite database at `url`, creating the file and its directory when missing. Does
/// not migrate: call [`Store::migrate`](koers_app::store::Store::migrate).
///
/// Connections use WAL, `synchronous = FULL` (every acknowledged commit is on disk before it
/// is acknowledged, also through a power loss; `NORMAL` could lose the last commits),
/// `busy_timeout = 5s` and `foreign_keys = ON`.
/// An in-memory URL gets a single connection that lives as long as the pool.
pub async fn connect(url: &str) -> StoreResult<SqliteStore> {
    let opts = SqliteConnectOptions::from_str(url)
        .map_err(|e| StoreError::Backend(format!("ongeldige SQLite-URL: {}", crate::shared::nl(&e))))?
        .create_if_missing(true)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    let pool = if in_memory {
        SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(opts)
            .await
    } else {
        if let Some(dir) = opts.get_filename().parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                tracing::warn!(error = %e, dir = %dir.display(), "databasemap");
                StoreError::Backend(format!("kan map {} niet maken: {}", dir.display(), koers_app::error_nl::io(&e)))
            })?;
        }
        let opts = opts.journal_mode(SqliteJournalMode::Wal).synchronous(SqliteSynchronous::Full);
        SqlitePoolOptions::new().max_connections(8).connect_with(opts).await
    };
    let pool = pool
        .map_err(|e| StoreError::Backend(format!("kan de SQLite-database niet openen: {}", crate::shared::nl(&e))))?;
    Ok(SqliteStore { pool })
}
