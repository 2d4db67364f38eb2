//! # koers-testkit — support for tests and benchmarks
//!
//! - [`synthetic`]: a deterministic generator of Inspectie-format results files of any size,
//!   for benchmarks (`examples/gen_results.rs` writes one to disk).
//! - [`bombs`]: hostile files (spreadsheet and CSV bombs) for the memory-bound tests.
//! - [`ops`]: a database with rows in every kind of table (backup round trip).
//! - [`sheets`]: small ods files written like LibreOffice writes them.
//! - [`conformance`]: the `Store` conformance suite. One list of cases, expanded by
//!   [`store_conformance_tests!`] into one `#[tokio::test]` per case in each store crate
//!   (`koers-store-sqlite`, `koers-store-pg`), so both backends are held to the same behaviour.

pub mod bombs;
pub mod conformance;
pub mod ops;
pub mod sheets;
pub mod synthetic;
