//! Backup → restore round trip on SQLite (issue 12): a database with rows in every kind of
//! table is backed up while its pool is open (`VACUUM INTO`), restored into a new file, and
//! every table is compared row by row. A restore into a database with data is refused unless
//! forced; a file that is not a backup is refused.

use koers_app::store::{RestoreError, Store, StoreRead};
use sqlx::Row;
use sqlx::SqlitePool;

/// Every table (but sqlite's own) with every row as text, sorted.
async fn dump(pool: &SqlitePool) -> Vec<(String, Vec<String>)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .expect("tables");
    let mut out = Vec::new();
    for t in tables {
        let cols: Vec<String> = sqlx::query("SELECT name FROM pragma_table_info($1) ORDER BY cid")
            .bind(&t)
            .fetch_all(pool)
            .await
            .expect("columns")
            .iter()
            .map(|r| r.get::<String, _>(0))
            .collect();
        let expr = cols.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || '|' || ");
        // Names come from the database's own catalogue.
        let sql = format!("SELECT {expr} FROM \"{t}\"");
        let mut rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await.expect("rows");
        rows.sort();
        out.push((t, rows));
    }
    out
}

const NOW: i64 = 1_780_000_000;

#[tokio::test]
async fn a_backup_restores_into_an_empty_database_with_every_table_equal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("koers.db").display());
    let store = koers_store_sqlite::connect(&url).await.expect("connect");
    store.migrate().await.expect("migrate");
    koers_testkit::ops::populate(std::sync::Arc::new(store.clone()), NOW).await;

    let file = dir.path().join("backup.db");
    let info = store.backup_to(&file).await.expect("backup while the pool is open");
    assert!(info.bytes > 0 && file.exists());
    assert!(store.backup_to(&file).await.is_err(), "an existing backup is never overwritten");

    // An empty (migrated) database accepts the restore.
    let url2 = format!("sqlite://{}", dir.path().join("hersteld.db").display());
    let empty = koers_store_sqlite::connect(&url2).await.expect("connect");
    empty.migrate().await.expect("migrate");
    assert_eq!(empty.data_summary().await.expect("summary"), None);
    empty.pool().close().await;
    koers_store_sqlite::restore(&url2, &file, false).await.expect("restore");

    let restored = koers_store_sqlite::connect(&url2).await.expect("reopen");
    restored.migrate().await.expect("migrations are current");
    restored.readiness().await.expect("ready: reachable and migrated");
    let changes = restored.register_changes(0, 10_000).await.expect("register changes");
    assert!(
        changes.iter().any(|c| c.entity == koers_app::store::AuditEntity::School)
            && changes.iter().any(|c| c.entity == koers_app::store::AuditEntity::Result)
    );
    assert!(changes.windows(2).all(|w| w[0].id < w[1].id), "oldest first");
    assert!(restored.ids_in_commit_order(), "SQLite: one writer, ids in commit order (the page cache reads no window)");
    assert_eq!(restored.last_change_id().await.expect("last id"), store.last_change_id().await.expect("last id"));
    let (before, after) = (dump(store.pool()).await, dump(restored.pool()).await);
    let filled = before.iter().filter(|(_, rows)| !rows.is_empty()).count();
    assert!(
        filled >= 10,
        "only {filled} tables had rows: {:?}",
        before.iter().map(|(t, r)| (t, r.len())).collect::<Vec<_>>()
    );
    assert_eq!(before.len(), after.len());
    for ((t, a), (t2, b)) in before.iter().zip(&after) {
        assert_eq!(t, t2);
        assert_eq!(a, b, "table {t} differs after the round trip");
    }

    // The restored database has data now: a second restore is refused, unless forced.
    restored.pool().close().await;
    match koers_store_sqlite::restore(&url2, &file, false).await {
        Err(RestoreError::NotEmpty(what)) => assert!(what.contains("scholen"), "{what}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    koers_store_sqlite::restore(&url2, &file, true).await.expect("forced restore");
}

#[tokio::test]
async fn a_file_that_is_not_a_koers_backup_is_refused_in_dutch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let junk = dir.path().join("geen-backup.db");
    std::fs::write(&junk, b"dit is geen database").expect("write");
    let url = format!("sqlite://{}", dir.path().join("koers.db").display());
    match koers_store_sqlite::restore(&url, &junk, false).await {
        Err(RestoreError::BadBackup(m)) => assert!(m.contains("geen bruikbare Koers-backup"), "{m}"),
        other => panic!("expected BadBackup, got {other:?}"),
    }
    assert!(!dir.path().join("koers.db").exists(), "nothing was created");
}

#[tokio::test]
async fn a_database_without_migrations_is_not_ready() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("koers.db").display());
    let store = koers_store_sqlite::connect(&url).await.expect("connect");
    let err = store.readiness().await.expect_err("not migrated");
    assert!(err.to_string().contains("niet"), "{err}");
    store.migrate().await.expect("migrate");
    store.readiness().await.expect("ready after migrating");
}
