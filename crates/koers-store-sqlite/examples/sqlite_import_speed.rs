//! Measure a full register import into SQLite: 6,205 schools, 18,615 result years, then the
//! same results again (idempotent: 0 changes). Prints wall times; not a test.
//!
//! `cargo run --release -p koers-store-sqlite --example sqlite_import_speed [-- sqlite://path/koers.db]`

use std::time::Instant;

use koers_app::store::Store;
use koers_testkit::conformance::{NOW, actor, bulk_results, bulk_schools};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let url = std::env::args().nth(1).unwrap_or_else(|| format!("sqlite://{}", dir.path().join("koers.db").display()));
    let store = koers_store_sqlite::connect(&url).await?;
    store.migrate().await?;
    run(&store).await
}

async fn run(store: &dyn Store) -> Result<(), Box<dyn std::error::Error>> {
    let schools = bulk_schools(6205);
    let t = Instant::now();
    let ids = store.apply_school_writes(&schools, &actor(), NOW).await?;
    println!("{}: {} schools inserted in {:.2?}", store.backend(), ids.len(), t.elapsed());
    let rows = bulk_results(&ids, "inspectie:bench.csv");
    let t = Instant::now();
    let n = store.upsert_results(&rows, &actor(), NOW).await?;
    println!("{}: {n} result years upserted in {:.2?}", store.backend(), t.elapsed());
    let t = Instant::now();
    let n = store.upsert_results(&rows, &actor(), NOW + 1).await?;
    println!("{}: re-import changed {n} rows in {:.2?}", store.backend(), t.elapsed());
    let t = Instant::now();
    let found = store.search_schools("basisschool 12", 20).await?;
    println!("{}: search returned {} in {:.2?}", store.backend(), found.len(), t.elapsed());
    Ok(())
}
