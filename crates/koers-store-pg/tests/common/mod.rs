//! Scratch PostgreSQL databases for tests: one fresh database per test on the local server
//! (`$KOERS_PG_URL`, default `postgres://postgres@127.0.0.1:5432/test`), dropped afterwards.
//!
//! An unreachable server FAILS the test, so CI proves PostgreSQL was tested; set
//! `KOERS_SKIP_PG=1` to skip instead (a machine without PostgreSQL).

#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::Connection;
use sqlx::postgres::PgConnection;

pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// A scratch database; call [`ScratchDb::drop_db`] when done.
#[derive(Debug)]
pub struct ScratchDb {
    admin: PgConnection,
    pub name: String,
    pub url: String,
}

/// Create a fresh, empty database, or `None` when PostgreSQL is unreachable and
/// `KOERS_SKIP_PG=1`. Panics when it is unreachable otherwise.
pub async fn scratch_db() -> Option<ScratchDb> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let base = std::env::var("KOERS_PG_URL").unwrap_or_else(|_| DEFAULT_URL.to_owned());
    let mut admin = match PgConnection::connect(&base).await {
        Ok(conn) => conn,
        Err(e) if std::env::var("KOERS_SKIP_PG").as_deref() == Ok("1") => {
            eprintln!("KOERS_SKIP_PG=1: skipping, PostgreSQL unreachable ({e})");
            return None;
        }
        Err(e) => panic!(
            "PostgreSQL at {base} is unreachable ({e}). Start it \
             (pg_ctlcluster --skip-systemctl-redirect 15 main start) or set KOERS_SKIP_PG=1 to skip."
        ),
    };
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let name = format!("koers_test_{}_{}_{nanos}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
    // The name is made here from digits and underscores only.
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create database");
    let url = match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("KOERS_PG_URL has no database name: {base}"),
    };
    Some(ScratchDb { admin, name, url })
}

impl ScratchDb {
    /// Drop the database, disconnecting whoever is still connected.
    pub async fn drop_db(mut self) {
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        if let Err(e) = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut self.admin).await {
            eprintln!("could not drop {}: {e}", self.name);
        }
        let _ = self.admin.close().await;
    }
}
