//! # koers-app — use cases
//!
//! What the CLI and the web both do, in one place, so neither holds domain logic:
//! - [`screening`]: turn parsed result rows into model inputs and run the results model and a
//!   programme's entry rule over every school of a file.
//! - [`check`]: one school from numbers typed in by hand.

pub mod check;
pub mod screening;
pub mod store;
