//! Both migration sets must describe the same schema: the same migrations (version and name),
//! tables, columns in the same order, a coarse type class per column (integer, real, text, blob,
//! bool), nullability, and the same named indexes.

mod common;

use std::collections::BTreeMap;

use koers_app::store::Store;
use sqlx::Row;

/// table → [(column, type class, nullable)]
type Columns = BTreeMap<String, Vec<(String, &'static str, bool)>>;

#[derive(Debug, PartialEq)]
struct Schema {
    migrations: Vec<(i64, String)>,
    columns: Columns,
    indexes: Vec<(String, String)>,
}

fn class(declared: &str) -> &'static str {
    let t = declared.to_ascii_lowercase();
    if t.contains("bool") {
        "bool"
    } else if t.contains("int") {
        "integer"
    } else if t.contains("real") || t.contains("double") || t.contains("float") {
        "real"
    } else if t.contains("text") || t.contains("char") {
        "text"
    } else if t.contains("blob") || t.contains("bytea") {
        "blob"
    } else {
        panic!("no type class for {declared:?}")
    }
}

async fn sqlite_schema() -> Schema {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = koers_store_sqlite::connect(&format!("sqlite://{}", dir.path().join("koers.db").display()))
        .await
        .expect("connect sqlite");
    store.migrate().await.expect("migrate sqlite");
    let pool = store.pool();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .expect("tables");
    let mut columns = Columns::new();
    for table in tables {
        let rows = sqlx::query("SELECT name, type, \"notnull\" FROM pragma_table_info($1) ORDER BY cid")
            .bind(&table)
            .fetch_all(pool)
            .await
            .expect("columns");
        let cols = rows.iter().map(|r| (r.get(0), class(r.get::<&str, _>(1)), r.get::<i64, _>(2) == 0)).collect();
        columns.insert(table, cols);
    }
    let indexes = sqlx::query_as(
        "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'
         ORDER BY tbl_name, name",
    )
    .fetch_all(pool)
    .await
    .expect("indexes");
    let migrations = sqlx::query_as("SELECT version, description FROM _sqlx_migrations ORDER BY version")
        .fetch_all(pool)
        .await
        .expect("migrations");
    pool.close().await;
    Schema { migrations, columns, indexes }
}

async fn pg_schema(url: &str) -> Schema {
    let store = koers_store_pg::connect(url).await.expect("connect postgres");
    store.migrate().await.expect("migrate postgres");
    let pool = store.pool();
    let rows = sqlx::query(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable = 'YES'
         FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'
         ORDER BY table_name, ordinal_position",
    )
    .fetch_all(pool)
    .await
    .expect("columns");
    let mut columns = Columns::new();
    for r in &rows {
        columns.entry(r.get(0)).or_default().push((r.get(1), class(r.get::<&str, _>(2)), r.get(3)));
    }
    // Indexes made for constraints (primary keys, UNIQUE) are implicit in SQLite: leave them out.
    let indexes = sqlx::query_as(
        "SELECT tablename::text, indexname::text FROM pg_indexes
         WHERE schemaname = 'public' AND tablename <> '_sqlx_migrations'
           AND indexname NOT IN (SELECT conname FROM pg_constraint)
         ORDER BY tablename, indexname",
    )
    .fetch_all(pool)
    .await
    .expect("indexes");
    let migrations = sqlx::query_as("SELECT version, description FROM _sqlx_migrations ORDER BY version")
        .fetch_all(pool)
        .await
        .expect("migrations");
    pool.close().await;
    Schema { migrations, columns, indexes }
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_give_the_same_schema() {
    let Some(db) = common::scratch_db().await else { return };
    let pg = pg_schema(&db.url).await;
    db.drop_db().await;
    let sqlite = sqlite_schema().await;

    assert_eq!(sqlite.migrations, pg.migrations, "migration versions and names");
    assert_eq!(sqlite.columns.keys().collect::<Vec<_>>(), pg.columns.keys().collect::<Vec<_>>(), "table names");
    for (table, cols) in &sqlite.columns {
        assert_eq!(Some(cols), pg.columns.get(table), "columns of {table} (name, type class, nullable)");
    }
    assert_eq!(sqlite.indexes, pg.indexes, "named indexes");
    // Every table of every migration on both backends (49 after the 2026-11-30 merges and voortgang 0070, report releases 0080, board requests 0066: forms 0030,
    // plans 0040, dagdelen 0060, access 0065, OIDC 0025, invitations 0009, import runs 0012).
    assert_eq!(sqlite.columns.len(), 49, "{:?}", sqlite.columns.keys());
}
