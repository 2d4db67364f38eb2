//! # koers-reports — documents Koers writes
//!
//! Charts (SVG), the report document model and its PDF rendering, and xlsx workbooks. Pure
//! rendering of data handed in by koers-app: no store, no clock, no network.
//!
//! - [`chart`]: the results chart, an indicator against its line to the target, scores per
//!   standard — pure functions from data to accessible SVG ([`chart::Svg`]), the same markup on
//!   the web and in the PDF.
//! - [`document`]: the typed document model a report is assembled into — [`Document`] with
//!   [`Metadata`] and [`Section`]s of [`Block`]s (headings, paragraphs, key/values, tables,
//!   bullets, quotes, callouts, charts, signatures, page breaks). Text only, never markup.
//! - [`pdf`] (feature `pdf`, on by default): [`pdf::render_pdf`] turns a document into a tagged
//!   A4 PDF with Typst and the shipped Noto Sans fonts; one engine per process, built lazily.
//! - [`engine`]: [`PdfEngine`], the PDF engine as a port (the Typst one is [`pdf::Typst`]), so
//!   a crate that serves reports is handed an engine instead of building one.
//! - [`html`]: the same document as an HTML fragment for the screen ([`html::to_html`]).
//! - [`workbook`]: multi-sheet xlsx with typed cells (text, numbers, dates, euros from cents).
//! - [`export`]: the one CSV writer (Dutch `;`, BOM, formula injection neutralised) for every
//!   table export; the xlsx of the same [`workbook::Sheet`] comes from [`workbook`].
//! - [`extract`]: PDF → text with `pdftotext`, for tests.
//!
//! Errors: [`ReportError`] (Dutch, naming what is missing); charts alone: [`chart::ChartError`].
//!
//! ```
//! use koers_reports::{Document, Metadata};
//! let mut doc = Document::new(
//!     "Voortgangsrapportage",
//!     Metadata { organisation: "Leren Verbeteren".into(), school: "De Morgenster".into(),
//!                generated: "30 november 2026".into(), ..Metadata::default() },
//! );
//! doc.section("Doelen").bullets(["Begrijpend lezen: 60% op 1F in 2027"]);
//! doc.section("Metingen").when_empty("Er zijn nog geen metingen.");
//! assert!(doc.validate().is_ok());
//! ```

pub mod chart;
pub mod document;
pub mod engine;
mod error;
pub mod export;
pub mod extract;
pub mod html;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod sample;
mod text;
pub mod workbook;

pub use document::{
    Align, Block, Callout, Column, Document, Figure, KeyValue, Metadata, Section, Signature, Span, SpanStyle, Table,
    Tone,
};
pub use engine::PdfEngine;
pub use error::ReportError;
