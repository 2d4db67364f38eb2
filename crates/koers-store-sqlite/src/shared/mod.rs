//! The store logic and its SQL, written once and compiled into both store crates
//! (`koers-store-pg` includes this folder with `#[path]`). The SQL is portable between SQLite
//! and PostgreSQL: `$n` placeholders, `ON CONFLICT … DO UPDATE`, `RETURNING`, booleans as
//! `TRUE`/`FALSE`, no backend functions beyond `lower`/`upper`/`COUNT`. Each crate checks every
//! query against its own database and keeps the result in its own `.sqlx/`.
//!
//! Column overrides (`"id!"`, `"place?"`, `"n!: i64"`) pin nullability and types where SQLite's
//! inference is weaker than PostgreSQL's, so both backends produce the same Rust types.
//!
//! The including crate provides `crate::backend::{Pool, Conn, Tx, NAME, MIGRATOR, Backend,
//! begin_write}`.

mod access;
mod access_impl;
mod applications;
mod approvals;
mod audit;
mod board_requests;
mod boards;
mod dagdelen;
mod error;
mod exams;
mod expert_invites;
mod experts;
mod external;
mod forms;
mod import_runs;
mod ops;
mod outbox;
mod plans;
mod privacy;
mod privacy_reviewer;
mod privacy_trajectory;
mod programme_defs;
mod reports;
mod results;
mod reviews;
mod school_writes;
mod schools;
mod sessions;
mod store_impl;
mod tokens;
mod trajectories;
mod users;
mod verdicts;
mod voortgang;

pub(crate) use error::nl;
// Used by koers-store-pg's `connect` (which logs a text without the URL itself).
#[allow(unused_imports)]
pub(crate) use error::nl_quiet;
