//! Measure a full register import into PostgreSQL: 6,205 schools, 18,615 result years, then
//! the same results again (idempotent: 0 changes). Prints wall times; not a test. Use a
//! scratch database: it must be empty.
//!
//! `cargo run --release -p koers-store-pg --example pg_import_speed -- postgres://postgres@127.0.0.1:5432/koers_bench`

use std::time::Instant;

use koers_app::store::Store;
use koers_testkit::conformance::{NOW, actor, bulk_results, bulk_schools};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args().nth(1).ok_or("usage: pg_import_speed POSTGRES_URL (an empty scratch database)")?;
    let store = koers_store_pg::connect(&url).await?;
    store.migrate().await?;
    let schools = bulk_schools(6205);
    let t = Instant::now();
    let ids = store.apply_school_writes(&schools, &actor(), NOW).await?;
    println!("postgres: {} schools inserted in {:.2?}", ids.len(), t.elapsed());
    let rows = bulk_results(&ids, "inspectie:bench.csv");
    let t = Instant::now();
    let n = store.upsert_results(&rows, &actor(), NOW).await?;
    println!("postgres: {n} result years upserted in {:.2?}", t.elapsed());
    let t = Instant::now();
    let n = store.upsert_results(&rows, &actor(), NOW + 1).await?;
    println!("postgres: re-import changed {n} rows in {:.2?}", t.elapsed());
    Ok(())
}
