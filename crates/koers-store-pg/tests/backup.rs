//! Backup → restore round trip on PostgreSQL (issue 12): a database with rows in every kind of
//! table is dumped with `pg_dump` while its pool is open, restored with `pg_restore` into a
//! fresh database, and every table is compared row by row. A restore into a database with data
//! is refused unless forced. Fails when PostgreSQL is unreachable unless KOERS_SKIP_PG=1.

mod common;

use koers_app::store::{RestoreError, Store, StoreRead};
use sqlx::PgPool;

/// Every table of the public schema with every row as text, sorted.
async fn dump(pool: &PgPool) -> Vec<(String, Vec<String>)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .expect("tables");
    let mut out = Vec::new();
    for t in tables {
        // Names come from the database's own catalogue.
        let sql = format!("SELECT x::text FROM \"{t}\" AS x ORDER BY 1");
        let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await.expect("rows");
        out.push((t, rows));
    }
    out
}

const NOW: i64 = 1_780_000_000;

#[tokio::test]
async fn a_backup_restores_into_an_empty_database_with_every_table_equal() {
    let Some(src) = common::scratch_db().await else { return };
    let Some(dst) = common::scratch_db().await else { return };
    let store = koers_store_pg::connect(&src.url).await.expect("connect");
    store.migrate().await.expect("migrate");
    koers_testkit::ops::populate(std::sync::Arc::new(store.clone()), NOW).await;

    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("koers.pgdump");
    let info = store.backup_to(&file).await.expect("pg_dump while the pool is open");
    assert!(info.bytes > 0 && info.method.contains("pg_dump"), "{info:?}");

    // The fresh database is empty: restore, then migrate (nothing left to do).
    koers_store_pg::restore(&dst.url, &file, false).await.expect("restore");
    let restored = koers_store_pg::connect(&dst.url).await.expect("reopen");
    restored.migrate().await.expect("migrations are current");
    restored.readiness().await.expect("ready: reachable and migrated");
    let changes = restored.register_changes(0, 10_000).await.expect("register changes");
    assert!(
        changes.iter().any(|c| c.entity == koers_app::store::AuditEntity::School)
            && changes.iter().any(|c| c.entity == koers_app::store::AuditEntity::Result)
    );
    assert!(changes.windows(2).all(|w| w[0].id < w[1].id), "oldest first");
    assert!(!restored.ids_in_commit_order(), "PostgreSQL: ids not in commit order (the page cache re-reads a window)");
    assert_eq!(restored.last_change_id().await.expect("last id"), store.last_change_id().await.expect("last id"));
    let (before, after) = (dump(store.pool()).await, dump(restored.pool()).await);
    let filled = before.iter().filter(|(_, rows)| !rows.is_empty()).count();
    assert!(filled >= 10, "only {filled} tables had rows");
    assert_eq!(before.len(), after.len());
    for ((t, a), (t2, b)) in before.iter().zip(&after) {
        assert_eq!(t, t2);
        assert_eq!(a, b, "table {t} differs after the round trip");
    }
    // New rows still get fresh ids (the identity sequences came along).
    let mail = koers_app::store::NewMail {
        to_address: "nog@example.nl".into(),
        subject: "Na herstel".into(),
        body_text: "x".into(),
    };
    restored.enqueue_mail(&mail, NOW).await.expect("insert after restore");

    restored.pool().close().await;
    match koers_store_pg::restore(&dst.url, &file, false).await {
        Err(RestoreError::NotEmpty(what)) => assert!(what.contains("scholen"), "{what}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    koers_store_pg::restore(&dst.url, &file, true).await.expect("forced restore over data");

    store.pool().close().await;
    src.drop_db().await;
    dst.drop_db().await;
}
