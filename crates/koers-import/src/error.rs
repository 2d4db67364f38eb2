//! Row and file errors, in Dutch, for the user.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One rejected row: where it is and what is wrong with it, in Dutch.
///
/// `column` is the header text as it appears in the file; it is empty for a problem with the
/// row as a whole (too few cells, numbers that do not add up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// File name as given by the caller.
    pub file: String,
    /// 1-based line (CSV) or row (spreadsheet) number; the header is line 1.
    pub line: usize,
    /// Header name of the offending column, or empty for a whole-row problem.
    pub column: String,
    /// The cell text as read.
    pub value: String,
    /// What is wrong, in Dutch, phrased to follow `waarde "…"`.
    pub problem: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "{}, regel {}: {}", self.file, self.line, self.problem)
        } else {
            write!(
                f,
                "{}, regel {}, kolom \"{}\": waarde \"{}\" {}",
                self.file, self.line, self.column, self.value, self.problem
            )
        }
    }
}

impl std::error::Error for RowError {}

/// The outcome of parsing one file: the good records and the rejected rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed<T> {
    /// Records of the rows that parsed, in file order.
    pub records: Vec<T>,
    /// One error per rejected row, in file order.
    pub rejected: Vec<RowError>,
    /// File name as given by the caller.
    pub file: String,
}

/// A problem with a file as a whole; nothing of it can be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// Reading the bytes failed.
    #[error("bestand {file} kon niet worden gelezen: {reason}")]
    Unreadable { file: String, reason: String },
    /// No bytes, or only blank lines.
    #[error("bestand {file} is leeg")]
    Empty { file: String },
    /// Binary content that is neither CSV nor a supported spreadsheet.
    #[error(
        "bestand {file} is geen tabel: verwacht een CSV-bestand (tekst met ; , of tab) of een spreadsheet (.xlsx, .ods)"
    )]
    NotATable { file: String },
    /// A spreadsheet format this crate does not read.
    #[error("bestand {file} is een {format}-bestand; dat wordt niet ondersteund. Sla het op als .xlsx, .ods of .csv")]
    UnsupportedFormat { file: String, format: String },
    /// The spreadsheet library could not read the workbook.
    #[error("spreadsheet {file} kon niet worden gelezen: {reason}")]
    Spreadsheet { file: String, reason: String },
    /// The workbook has no worksheet with content.
    #[error("spreadsheet {file} bevat geen werkblad met gegevens")]
    NoSheet { file: String },
    /// Required columns are not in the header.
    #[error("bestand {file} ({kind}): {}", missing_text(.missing))]
    MissingColumns { file: String, kind: String, missing: Vec<String> },
    /// The headers match none of the known files.
    #[error(
        "bestand {file} is geen bekend bestand: de kolomkoppen passen bij geen van {}",
        crate::kind::known_kinds_text()
    )]
    UnknownKind { file: String },
    /// A header that cannot be understood.
    #[error("bestand {file}, kolom \"{column}\": {problem}")]
    BadHeader { file: String, column: String, problem: String },
}

fn missing_text(missing: &[String]) -> String {
    let quoted: Vec<String> = missing.iter().map(|m| format!("\"{m}\"")).collect();
    match quoted.as_slice() {
        [one] => format!("kolom {one} ontbreekt"),
        _ => format!("kolommen {} ontbreken", quoted.join(", ")),
    }
}
