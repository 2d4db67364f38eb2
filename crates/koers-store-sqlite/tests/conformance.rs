//! The Store conformance suite (koers-testkit) on SQLite: a fresh database file per test, in a
//! directory that does not exist yet (so `connect` creating it is tested too).

use std::sync::Arc;

use koers_app::store::Store;
use koers_store_sqlite::SqliteStore;
use koers_testkit::conformance::Fixture;

struct SqliteFixture {
    store: Arc<SqliteStore>,
    _dir: tempfile::TempDir,
}

impl Fixture for SqliteFixture {
    fn store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }
    async fn teardown(self) {
        self.store.pool().close().await;
    }
}

async fn fixture() -> Option<SqliteFixture> {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("data/koers.db").display());
    let store = koers_store_sqlite::connect(&url).await.expect("connect");
    store.migrate().await.expect("migrate");
    Some(SqliteFixture { store: Arc::new(store), _dir: dir })
}

koers_testkit::store_conformance_tests!(fixture());
