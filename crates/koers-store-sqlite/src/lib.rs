//! # koers-store-sqlite — the `Store` on SQLite (the embedded default)
//!
//! - [`SqliteStore`] implements [`koers_app::store::Store`]; [`connect`] opens (and creates) the
//!   database file with WAL, `synchronous = NORMAL`, a 5 s busy timeout and foreign keys on.
//! - `migrations/` holds the schema (same versions and names as `koers-store-pg/migrations/`),
//!   embedded with `sqlx::migrate!` and applied by [`Store::migrate`](koers_app::store::Store::migrate).
//! - `src/shared/` is the store logic and the SQL, written once in portable SQL and compiled into
//!   **both** store crates (`koers-store-pg` loads it with `#[path]`). Every query is checked at
//!   compile time against each backend; the results live in each crate's own `.sqlx/`
//!   (regenerate with `scripts/sqlx-prepare`).
//! - `src/backend.rs` is the little that differs per backend: pool type, how a write
//!   transaction starts (`BEGIN IMMEDIATE` here, so two writers queue on the busy timeout
//!   instead of failing on a lock upgrade) and connecting.
//! - `src/maintenance.rs`: backup (`VACUUM INTO` while the server runs) and [`restore`].

mod backend;
mod maintenance;
mod shared;

pub use backend::{SqliteStore, connect};
pub use maintenance::restore;
