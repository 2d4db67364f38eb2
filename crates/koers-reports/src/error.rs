//! The crate's one error type: why a report or workbook cannot be produced, in Dutch, naming what
//! is missing or wrong.

use crate::chart::ChartError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("het rapport kan niet worden gemaakt: de {field} ontbreekt")]
    MissingField { field: &'static str },
    #[error("het rapport kan niet worden gemaakt: het heeft geen inhoud (geen enkele sectie)")]
    NoContent,
    #[error("het rapport kan niet worden gemaakt: een sectie heeft geen titel")]
    UntitledSection,
    #[error("het rapport kan niet worden gemaakt: de sectie '{section}' is leeg")]
    EmptySection { section: String },
    #[error("het rapport kan niet worden gemaakt: de tabel '{table}' heeft geen kolommen")]
    TableWithoutColumns { table: String },
    #[error(
        "het rapport kan niet worden gemaakt: rij {row} van de tabel '{table}' heeft {found} cellen, de tabel heeft {expected} kolommen"
    )]
    TableShape { table: String, row: usize, expected: usize, found: usize },
    #[error("het rapport kan niet worden gemaakt: een ondertekening in '{section}' heeft geen {field}")]
    IncompleteSignature { section: String, field: &'static str },
    #[error("het rapport kan niet worden gemaakt: een kader in '{section}' heeft geen titel")]
    UntitledCallout { section: String },
    #[error("het rapport kan niet worden gemaakt: {0}")]
    Chart(#[from] ChartError),
    /// The PDF engine refused (a template or font problem, not the caller's data).
    #[error("de PDF kon niet worden opgemaakt: {0}")]
    Engine(String),
    /// The xlsx writer refused.
    #[error("het Excel-bestand kon niet worden gemaakt: {0}")]
    Workbook(String),
    #[error("het Excel-bestand kan niet worden gemaakt: het heeft geen werkbladen")]
    EmptyWorkbook,
    #[error("het Excel-bestand kan niet worden gemaakt: {problem} (werkblad '{sheet}')")]
    BadSheet { sheet: String, problem: &'static str },
    #[error(
        "het Excel-bestand kan niet worden gemaakt: rij {row} van werkblad '{sheet}' heeft {found} cellen, het blad heeft {expected} kolommen"
    )]
    SheetShape { sheet: String, row: usize, expected: usize, found: usize },
    #[error("het Excel-bestand kan niet worden gemaakt: rij {row} van werkblad '{sheet}' bevat een ongeldig getal")]
    SheetNotANumber { sheet: String, row: usize },
}
