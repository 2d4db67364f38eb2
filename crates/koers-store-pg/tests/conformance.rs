//! The Store conformance suite (koers-testkit) on PostgreSQL: a fresh database per test on the
//! local server, dropped afterwards. Fails when PostgreSQL is unreachable unless KOERS_SKIP_PG=1.

mod common;

use std::sync::Arc;

use koers_app::store::Store;
use koers_store_pg::PgStore;
use koers_testkit::conformance::Fixture;

struct PgFixture {
    store: Arc<PgStore>,
    db: common::ScratchDb,
}

impl Fixture for PgFixture {
    fn store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }
    async fn teardown(self) {
        self.store.pool().close().await;
        self.db.drop_db().await;
    }
}

async fn fixture() -> Option<PgFixture> {
    let db = common::scratch_db().await?;
    let store = koers_store_pg::connect(&db.url).await.expect("connect");
    store.migrate().await.expect("migrate");
    Some(PgFixture { store: Arc::new(store), db })
}

koers_testkit::store_conformance_tests!(fixture());
