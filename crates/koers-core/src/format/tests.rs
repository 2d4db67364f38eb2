//! Tests of the format model: parsing and validation (every refusal at its boundary), answers,
//! results, candidate goals, the shipped formats and arbitrary text.

mod answers;
mod fixture;
mod fuzz;
mod goals;
mod model;
mod results;
mod shipped;
mod validation;
