//! # koers-import
//!
//! Parsers for the Dutch public education data files that Koers works with: the Inspectie's
//! *leerresultaten primair onderwijs* and *schoolweging* files, and DUO's *referentieniveaus*
//! and *vestigingen* files. Bytes go in (CSV, xlsx or ods); typed records with plain fields
//! come out, next to the rows that were rejected, each with a Dutch [`RowError`] that names
//! file, line, column and value. One bad row never stops the rest; a file that cannot be used
//! at all gives a Dutch [`FileError`]. Nothing here panics on any input.
//!
//! The steps:
//! 1. [`read_table`] turns bytes into a [`Table`] of text cells. CSV may be UTF-8 (with or
//!    without BOM), UTF-16 with BOM or Windows-1252, separated by `;`, `,` or tab; xlsx and
//!    ods are read from their first worksheet, numbers shown as a person would (`18`, `94.44`).
//! 2. [`detect_kind`] recognises the file by its headers (matched case-insensitively);
//!    [`parse_any`] does that and runs the matching parser.
//! 3. A `parse_*` function turns the table into records; the [`values`] module holds the
//!    cell parsers (decimal comma or dot, `*` suppressed, DUO's `<5` masked, BRIN, ovt).
//! 4. For DUO's counts, [`recover`] recovers masked `<5` cells where the totals allow it.
//!
//! For very large Inspectie files, [`stream_inspectie_results`] parses CSV row by row with one
//! reused buffer; it shares the row parser with [`parse_inspectie_results`], so both accept
//! and reject the same rows. This crate does not depend on `koers-core`.
//!
//! The Inspectie results file may hold any number of school years: the years come from the
//! headers (`Aantal leerlingen 2324` is school year 2023/24, test year 2024) and are sorted
//! oldest first. Its published three-year columns, outcomes, signaleringswaarden and `naam`
//! are optional, so a school's own file with only `ovt`, the per-year columns and
//! `Schoolweging` parses too.

mod columns;
mod duo;
mod error;
mod inspectie;
mod kind;
mod recover;
mod schoolweging;
mod sheet;
mod table;
mod text;
pub mod values;
mod vestigingen;

pub use duo::{DuoReferentieRecord, RecoverySummary, parse_duo_referentieniveaus, recovery_summary};
pub use error::{FileError, Parsed, RowError};
pub use inspectie::{
    InspectieResultRow, InspectieYear, PublishedOutcome, StreamSummary, parse_inspectie_results,
    stream_inspectie_results,
};
pub use kind::{FileKind, ParsedFile, detect_kind, parse_any};
pub use recover::{Domain, DuoCounts, Recovered, RecoveredCounts, recover};
pub use schoolweging::{
    SchoolwegingDriejaarsRecord, SchoolwegingJaarRecord, parse_schoolweging_driejaars, parse_schoolweging_per_jaar,
};
pub use table::{Row, Table, read_table};
pub use values::{Cell, Count, ValueProblem};
pub use vestigingen::{DuoVestigingRecord, parse_duo_vestigingen};
