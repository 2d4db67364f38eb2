//! Write a synthetic Inspectie-format results file:
//! `cargo run --release -p koers-testkit --example gen_results -- SCHOOL_YEARS OUT.csv`
//! (1,000,000 school-years = 333,334 rows of three years).

use std::io::BufWriter;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let school_years: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let out = args.next().unwrap_or_else(|| "bench-data/synthetic-results.csv".into());
    if let Some(dir) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(dir)?;
    }
    let rows = school_years.div_ceil(3);
    let mut w = BufWriter::new(std::fs::File::create(&out)?);
    koers_testkit::synthetic::write_file(&mut w, rows, 42)?;
    eprintln!("{out}: {rows} rows, {} school-years", rows * 3);
    Ok(())
}
