//! SQLite specifics the conformance suite does not see: connection settings and URLs.

use koers_app::store::{Store, StoreError, StoreRead};

#[tokio::test]
async fn connect_sets_wal_busy_timeout_and_foreign_keys() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("a/b/koers.db").display());
    let store = koers_store_sqlite::connect(&url).await.expect("connect creates the directories");
    store.migrate().await.expect("migrate");
    let pool = store.pool();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(pool).await.expect("journal_mode");
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(pool).await.expect("synchronous");
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout").fetch_one(pool).await.expect("busy_timeout");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(pool).await.expect("foreign_keys");
    // synchronous = FULL (2): an acknowledged commit survives a power loss (issue 11).
    assert_eq!((mode.as_str(), sync, busy, fk), ("wal", 2, 5000, 1));
    assert_eq!(store.backend(), "sqlite");
    assert!(dir.path().join("a/b/koers.db").exists());
}

#[tokio::test]
async fn in_memory_databases_keep_their_data_across_calls() {
    let store = koers_store_sqlite::connect("sqlite::memory:").await.expect("connect");
    store.migrate().await.expect("migrate");
    let actor = koers_app::store::Actor::system("test");
    assert_eq!(koers_app::programmes::seed_shipped(&store, &actor, 1).await.expect("seed"), 5);
    assert_eq!(store.programme_definitions().await.expect("programmes").len(), 5);
}

#[tokio::test]
async fn a_bad_url_is_a_backend_error() {
    let err = koers_store_sqlite::connect("sqlite://koers.db?mode=bogus").await.expect_err("bad url");
    assert!(matches!(err, StoreError::Backend(_)), "{err:?}");
}
