//! # koers-testkit — support for tests and benchmarks
//!
//! - [`synthetic`]: a deterministic generator of Inspectie-format results files of any size,
//!   for benchmarks (`examples/gen_results.rs` writes one to disk).

pub mod synthetic;
