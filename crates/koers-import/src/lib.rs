//! # koers-import
//!
//! Parsers for the Dutch public education data files that Koers works with: the Inspectie's
//! *leerresultaten primair onderwijs* and *schoolweging* files, and DUO's *referentieniveaus*,
//! *vestigingen* (primary and VO), *leerlingen per soort po en cluster* (sbo/so/vso) and
//! *examenkandidaten en geslaagden* files, and the geocoded school locations. Bytes go in (CSV,
//! xlsx or ods); typed records with plain fields come out, next to the rows that were rejected,
//! each with a Dutch [`RowError`] that names file, line, column and value. One bad row never
//! stops the rest; a file that cannot be used at all gives a Dutch [`FileError`]. Nothing here
//! panics on any input, and no input can make it use unbounded memory (see [`Limits`]).
//!
//! The steps:
//! 1. [`read_table`] turns bytes into a [`Table`] of text cells. CSV may be UTF-8 (with or
//!    without BOM), UTF-16 with BOM or Windows-1252, separated by `;`, `,` or tab; xlsx and
//!    ods are read cell by cell from their first worksheet, numbers shown as a person would
//!    (`18`, `94.44`).
//! 2. [`detect_kind`] recognises the file by its headers (matched case-insensitively);
//!    [`parse_any`] does that and runs the matching parser.
//! 3. A `parse_*` function turns the table into records; the [`values`] module holds the
//!    cell parsers (decimal comma or dot, `*` suppressed, DUO's `<5` masked, BRIN, ovt).
//! 4. For DUO's counts, [`recover`] recovers masked `<5` cells where the totals allow it, and
//!    [`exam_trends`] adds exam results up per VO location into a pass-rate trend.
//!
//! [`parse_bytes`] does steps 1–3 in one pass without a [`Table`]: rows go straight from the
//! file to the parser, so memory is the records plus one row, and a file of millions of bad
//! rows gives the first [`Limits::kept_rejections`] errors and a count. For very large
//! Inspectie files, [`stream_inspectie_results`] hands over each row as it is parsed.
//!
//! **Bounds.** Every reader counts against [`Limits`] before it allocates: file size, rows,
//! columns, cells and text of a table, kept rejections, and for xlsx/ods the zip itself (entry
//! count, the bytes every entry really unpacks to, the size of parts read whole, the announced
//! number of shared strings). Spreadsheets are never read into a range sized from what the file
//! declares: a 1.6 kB xlsx with cells at `A1` and `XFD1048576` is a Dutch error, not a 512 GB
//! allocation. Text from files is shown in messages through [`printable`], so a terminal
//! escape in a cell is printed as `\u{1b}`.
//!
//! The Inspectie results file may hold any number of school years: the years come from the
//! headers (`Aantal leerlingen 2324` is school year 2023/24, test year 2024) and are sorted
//! oldest first. Its published three-year columns, outcomes, signaleringswaarden and `naam`
//! are optional, so a school's own file with only `ovt`, the per-year columns and
//! `Schoolweging` parses too. This crate does not depend on `koers-core`.

mod columns;
mod duo;
mod error;
mod exams;
mod geo;
mod inspectie;
mod kind;
mod limits;
mod parser;
mod po_soort;
mod printable;
mod recover;
mod schoolweging;
mod sheet;
mod source;
mod table;
mod text;
pub mod values;
mod vestigingen;
mod vo_vestigingen;

pub use duo::{DuoReferentieRecord, RecoverySummary, parse_duo_referentieniveaus, recovery_summary};
pub use error::{FileError, Parsed, RowError};
pub use exams::{
    Afdeling, AfdelingTrend, DuoExamenRecord, ExamTrend, ExamenCel, ExamenJaar, Masking, PassRateYear, Span,
    exam_trends, parse_duo_examens_vo,
};
pub use geo::{LocatieSoort, SchoolLocatieRecord, parse_scholen_geo};
pub use inspectie::{
    InspectieResultRow, InspectieYear, PublishedOutcome, StreamSummary, parse_inspectie_results,
    stream_inspectie_results,
};
pub use kind::{FileKind, ParsedFile, detect_kind, detect_kind_from_headers, parse_any, parse_bytes};
pub use limits::{Limits, Rejections, read_all, read_file};
pub use po_soort::{DuoSoortPoRecord, LeeftijdAantal, Leerlingen, SoortPo, SoortPoDeel, parse_duo_leerlingen_soort_po};
pub use printable::printable;
pub use recover::{Domain, DuoCounts, Recovered, RecoveredCounts, recover};
pub use schoolweging::{
    SchoolwegingDriejaarsRecord, SchoolwegingJaarRecord, parse_schoolweging_driejaars, parse_schoolweging_per_jaar,
};
pub use table::{Row, Table, read_table, read_table_with};
pub use values::{Cell, Count, ValueProblem};
pub use vestigingen::{DuoVestigingRecord, parse_duo_vestigingen};
pub use vo_vestigingen::{Adres, DuoRegios, DuoVestigingVoRecord, Regio, VoStructuur, parse_duo_vestigingen_vo};
