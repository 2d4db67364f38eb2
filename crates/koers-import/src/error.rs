//! Row and file errors, in Dutch, for the user.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::limits::{size_nl, thousands};
use crate::printable::printable;

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

/// File, column and value come from outside (a file name, its headers and cells), so they are
/// shown through [`printable`]: a control character (a terminal escape) is shown as `\u{1b}`,
/// never written as it is.
impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = printable(&self.file);
        if self.column.is_empty() {
            write!(f, "{file}, regel {}: {}", self.line, printable(&self.problem))
        } else {
            write!(
                f,
                "{file}, regel {}, kolom \"{}\": waarde \"{}\" {}",
                self.line,
                printable(&self.column),
                printable(&self.value),
                printable(&self.problem)
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
    /// One error per rejected row, in file order: the first [`crate::Limits::kept_rejections`].
    pub rejected: Vec<RowError>,
    /// Every rejected row, also those beyond the kept ones (`>= rejected.len()`).
    pub rejected_total: usize,
    /// File name as given by the caller.
    pub file: String,
}

impl<T> Parsed<T> {
    /// Rejected rows whose error was not kept.
    pub fn rejected_not_kept(&self) -> usize {
        self.rejected_total.saturating_sub(self.rejected.len())
    }
}

/// A problem with a file as a whole; nothing of it can be used.
///
/// The message shows file names, headers and reasons through [`printable`], so a control
/// character from a file never reaches a terminal as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// Reading the bytes failed.
    #[error("bestand {f} kon niet worden gelezen: {r}", f = printable(.file), r = printable(.reason))]
    Unreadable { file: String, reason: String },
    /// No bytes, or only blank lines.
    #[error("bestand {f} is leeg", f = printable(.file))]
    Empty { file: String },
    /// Binary content that is neither CSV nor a supported spreadsheet.
    #[error(
        "bestand {f} is geen tabel: verwacht een CSV-bestand (tekst met ; , of tab) of een spreadsheet (.xlsx, .ods)",
        f = printable(.file)
    )]
    NotATable { file: String },
    /// A spreadsheet format this crate does not read.
    #[error(
        "bestand {f} is een {format}-bestand; dat wordt niet ondersteund. Sla het op als .xlsx, .ods of .csv",
        f = printable(.file)
    )]
    UnsupportedFormat { file: String, format: String },
    /// The workbook could not be read; `reason` is Dutch.
    #[error("spreadsheet {f} kon niet worden gelezen: {r}", f = printable(.file), r = printable(.reason))]
    Spreadsheet { file: String, reason: String },
    /// The workbook has no worksheet with content.
    #[error("spreadsheet {f} bevat geen werkblad met gegevens", f = printable(.file))]
    NoSheet { file: String },
    /// Required columns are not in the header.
    #[error("bestand {f} ({kind}): {m}", f = printable(.file), m = missing_text(.missing))]
    MissingColumns { file: String, kind: String, missing: Vec<String> },
    /// The headers match none of the known files.
    #[error(
        "bestand {f} is geen bekend bestand: de kolomkoppen passen bij geen van deze bestanden: {k}",
        f = printable(.file),
        k = crate::kind::known_kinds_text()
    )]
    UnknownKind { file: String },
    /// A known kind of file, but not one this use takes.
    #[error(
        "bestand {f} is een bestand met {found}; hier is nodig: {e}",
        f = printable(.file),
        found = .found.dutch_name(),
        e = expected_text(.expected)
    )]
    WrongKind { file: String, found: crate::FileKind, expected: Vec<crate::FileKind> },
    /// A header that cannot be understood.
    #[error(
        "bestand {f}, kolom \"{c}\": {p}",
        f = printable(.file),
        c = printable(.column),
        p = printable(.problem)
    )]
    BadHeader { file: String, column: String, problem: String },
    /// The file is larger than [`crate::Limits::max_file_bytes`].
    #[error(
        "bestand {f} is te groot ({b}); Koers leest bestanden tot {l}",
        f = printable(.file),
        b = size_nl(*.bytes),
        l = size_nl(*.limit)
    )]
    TooLarge { file: String, bytes: u64, limit: u64 },
    /// More data rows than [`crate::Limits::max_rows`].
    #[error(
        "bestand {f} heeft meer dan {l} gegevensregels; Koers leest er hoogstens zoveel per bestand. \
         Is dit het juiste bestand? Splits het anders in delen",
        f = printable(.file),
        l = thousands(*.limit as u64)
    )]
    TooManyRows { file: String, limit: usize },
    /// A cell or field beyond [`crate::Limits::max_columns`]; `place` names it (`cel XFD1048576`
    /// in a spreadsheet, `regel 12` in a CSV file).
    #[error(
        "bestand {f}: {place} ligt voorbij kolom {l}; Koers leest hoogstens zoveel kolommen. \
         Staat er ver naar rechts nog iets in het werkblad? Verwijder het, of sla het werkblad op als CSV",
        f = printable(.file),
        l = thousands(*.limit as u64)
    )]
    TooManyColumns { file: String, place: String, limit: usize },
    /// More cells, or more cell text, than a table may hold ([`crate::Limits::max_cells`],
    /// [`crate::Limits::max_text_bytes`]).
    #[error(
        "bestand {f} bevat meer dan {what}; Koers leest hoogstens zoveel per bestand. Is dit het juiste bestand?",
        f = printable(.file)
    )]
    TooMuchContent { file: String, what: String },
    /// A zip (xlsx, ods) that unpacks to more than [`crate::Limits::max_unzipped_bytes`]: a zip
    /// bomb, or far more than any table Koers reads.
    #[error(
        "spreadsheet {f} is uitgepakt groter dan {l}; Koers leest spreadsheets tot {l} uitgepakt. \
         Sla het werkblad op als CSV, of verwijder lege opmaak en andere werkbladen",
        f = printable(.file),
        l = size_nl(*.limit)
    )]
    UnpackedTooLarge { file: String, limit: u64 },
    /// One part of the zip that is read whole (shared strings, styles…) is larger than its limit.
    #[error(
        "spreadsheet {f}: onderdeel {p} is uitgepakt groter dan {l}; Koers leest dat onderdeel tot {l}. \
         Sla het werkblad op als CSV, of verwijder opmaak en andere werkbladen",
        f = printable(.file),
        p = printable(.part),
        l = size_nl(*.limit)
    )]
    PartTooLarge { file: String, part: String, limit: u64 },
}

fn expected_text(expected: &[crate::FileKind]) -> String {
    let names: Vec<String> =
        expected.iter().map(|k| format!("{} (kolommen {})", k.dutch_name(), k.identifying_columns())).collect();
    names.join(" of ")
}

fn missing_text(missing: &[String]) -> String {
    let quoted: Vec<String> = missing.iter().map(|m| format!("\"{}\"", printable(m))).collect();
    match quoted.as_slice() {
        [one] => format!("kolom {one} ontbreekt"),
        _ => format!("kolommen {} ontbreken", quoted.join(", ")),
    }
}
