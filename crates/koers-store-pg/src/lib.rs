//! # koers-store-pg — the `Store` on PostgreSQL
//!
//! - [`PgStore`] implements [`koers_app::store::Store`]; [`connect`] opens a pool of at most 10
//!   connections.
//! - `migrations/` holds the schema (same versions and names as `koers-store-sqlite/migrations/`;
//!   `tests/schema_compare.rs` checks tables, columns, type classes and nullability match),
//!   embedded with `sqlx::migrate!`.
//! - The store logic and SQL are **the same source as koers-store-sqlite**: its `src/shared/`
//!   is compiled into this crate with `#[path]`, and every query is checked at compile time
//!   against PostgreSQL, with the result in this crate's own `.sqlx/` (regenerate with
//!   `scripts/sqlx-prepare`).
//! - `src/backend.rs` is the little that differs: pool type, transactions, connecting.
//! - `src/maintenance.rs`: backup with `pg_dump` (custom format) and [`restore`] with `pg_restore`.

mod backend;
mod maintenance;
#[path = "../../koers-store-sqlite/src/shared/mod.rs"]
mod shared;

pub use backend::{PgStore, connect};
pub use maintenance::restore;
