//! The Inspectie's "Leerresultaten primair onderwijs" file: one row per `ovt`, with per school
//! year the mean %1F, mean %1S/2F and pupil count, the schoolweging, and (optionally) the
//! published three-year results and outcomes.

mod layout;
mod stream;

use koers_core::codes::Ovt;
use serde::{Deserialize, Serialize};

use crate::columns::{Columns, Ctx, RowCells};
use crate::error::{FileError, Parsed, RowError};
use crate::kind::{FileKind, ParsedFile};
use crate::parser::{RowParser, parse_table};
use crate::table::Table;
use crate::values::{Cell, ValueProblem};

pub(crate) use layout::InspectieLayout;
pub use stream::{StreamSummary, stream_inspectie_results};

/// One `ovt` of the Inspectie results file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InspectieResultRow {
    /// 1-based line in the file.
    pub line: usize,
    /// Object van toezicht, e.g. `00AP|C1`.
    pub ovt: Ovt,
    /// Its BRIN, e.g. `00AP`.
    pub brin: String,
    /// School name, when the file has a `naam` column.
    pub name: Option<String>,
    /// The school years of the file, oldest first.
    pub years: Vec<InspectieYear>,
    /// Schoolweging (three-year mean); `None` when empty.
    pub schoolweging: Option<f64>,
    /// Category text such as `[31,32)`.
    pub category_label: Option<String>,
    /// Signaleringswaarde %1F.
    pub signaleringswaarde_1f: Option<f64>,
    /// Signaleringswaarde %1S/2F.
    pub signaleringswaarde_1s2f: Option<f64>,
    /// Published pupil-weighted three-year mean %1F.
    pub published_1f: Cell<f64>,
    /// Published pupil-weighted three-year mean %1S/2F.
    pub published_1s2f: Cell<f64>,
    /// Published pupil total over three years.
    pub published_total: Cell<u32>,
    /// Published outcome for 1F.
    pub outcome_1f: Option<PublishedOutcome>,
    /// Published outcome for 1S/2F.
    pub outcome_1s2f: Option<PublishedOutcome>,
}

/// One school year of an `ovt`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InspectieYear {
    /// Code from the header: `2223` is school year 2022/23.
    pub school_year_code: String,
    /// The year of the tests: 2023 for `2223`.
    pub test_year: u16,
    /// Number of pupils.
    pub pupils: Cell<u32>,
    /// Mean percentage of pupils at 1F or above.
    pub pct_1f: Cell<f64>,
    /// Mean percentage of pupils at 1S/2F.
    pub pct_1s2f: Cell<f64>,
}

/// The Inspectie's published outcome of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PublishedOutcome {
    /// `Boven de signaleringswaarde`.
    Boven,
    /// `Onder de signaleringswaarde`.
    Onder,
    /// `Te weinig gegevens`.
    TeWeinigGegevens,
    /// `Kleine school - Beoordeling over 5 jaar`.
    KleineSchool,
}

impl PublishedOutcome {
    /// Every outcome.
    pub const ALL: [PublishedOutcome; 4] = [
        PublishedOutcome::Boven,
        PublishedOutcome::Onder,
        PublishedOutcome::TeWeinigGegevens,
        PublishedOutcome::KleineSchool,
    ];

    /// The label as the Inspectie publishes it.
    pub fn label(self) -> &'static str {
        match self {
            PublishedOutcome::Boven => "Boven de signaleringswaarde",
            PublishedOutcome::Onder => "Onder de signaleringswaarde",
            PublishedOutcome::TeWeinigGegevens => "Te weinig gegevens",
            PublishedOutcome::KleineSchool => "Kleine school - Beoordeling over 5 jaar",
        }
    }

    /// Parses a published label (ignoring case and extra spaces). Empty gives `None`.
    pub fn parse(text: &str) -> Result<Option<PublishedOutcome>, ValueProblem> {
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.is_empty() {
            return Ok(None);
        }
        let wanted = words.join(" ");
        Self::ALL.into_iter().find(|o| o.label().eq_ignore_ascii_case(&wanted)).map(Some).ok_or_else(|| {
            ValueProblem::UnknownLabel { expected: Self::ALL.iter().map(|o| o.label().to_string()).collect() }
        })
    }
}

/// Parses an Inspectie results table (any set of school years, see the crate docs).
pub fn parse_inspectie_results(table: &Table) -> Result<Parsed<InspectieResultRow>, FileError> {
    parse_table::<InspectieLayout>(table)
}

impl RowParser for InspectieLayout {
    type Row = InspectieResultRow;
    type Record = InspectieResultRow;
    const KIND: FileKind = FileKind::InspectieResultaten;

    fn new(columns: &Columns, file: &str) -> Result<Self, FileError> {
        InspectieLayout::from_headers(&columns.names, file)
    }

    fn parse_row<C: RowCells + ?Sized>(&mut self, ctx: &Ctx<'_, C>) -> Result<Self::Row, RowError> {
        InspectieLayout::parse_row(self, ctx)
    }

    fn finish(self, rows: Vec<Self::Row>) -> Vec<Self::Record> {
        rows
    }

    fn wrap(parsed: Parsed<Self::Record>) -> ParsedFile {
        ParsedFile::InspectieResultaten(parsed)
    }
}
