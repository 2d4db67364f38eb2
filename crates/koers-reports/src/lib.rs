//! # koers-reports — documents Koers writes
//!
//! Exports (CSV, xlsx), charts (SVG) and the PDF reports of a trajectory. Pure rendering of
//! data handed in by koers-app: no store, no clock, no network.
