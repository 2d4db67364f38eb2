//! Finding columns by header name, and the row loop shared by every parser.

use std::borrow::Cow;

use crate::error::{FileError, RowError};
use crate::text::decode_field;
use crate::values::ValueProblem;

/// A header in comparable form: trimmed, lower case, `_` as space, runs of space as one.
pub(crate) fn normalize(header: &str) -> String {
    let lower = header.trim_start_matches('\u{feff}').to_lowercase().replace('_', " ");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The header of a file, for looking columns up.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    /// Header text as in the file (trimmed), for messages.
    pub names: Vec<String>,
    normalized: Vec<String>,
}

impl Columns {
    pub(crate) fn new(headers: &[String]) -> Self {
        Columns {
            names: headers.iter().map(|h| h.trim().to_string()).collect(),
            normalized: headers.iter().map(|h| normalize(h)).collect(),
        }
    }

    /// The first column with this (normalized) name.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        let wanted = normalize(name);
        self.normalized.iter().position(|h| *h == wanted)
    }

    pub(crate) fn normalized(&self) -> &[String] {
        &self.normalized
    }

    /// Looks up required columns; errors name every one that is missing.
    pub(crate) fn require<const N: usize>(
        &self,
        file: &str,
        kind: &str,
        names: [&str; N],
    ) -> Result<[usize; N], FileError> {
        let mut found = [0usize; N];
        let mut missing = Vec::new();
        for (slot, name) in found.iter_mut().zip(names) {
            match self.find(name) {
                Some(i) => *slot = i,
                None => missing.push(name.to_string()),
            }
        }
        if missing.is_empty() {
            Ok(found)
        } else {
            Err(FileError::MissingColumns { file: file.to_string(), kind: kind.to_string(), missing })
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }
}

/// The cells of one row as bytes: a `csv::ByteRecord` or a table row.
pub(crate) trait RowCells {
    fn count(&self) -> usize;
    /// The cell, or empty when the row is shorter.
    fn bytes(&self, i: usize) -> &[u8];
}

impl RowCells for csv::ByteRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn bytes(&self, i: usize) -> &[u8] {
        self.get(i).unwrap_or_default()
    }
}

impl RowCells for [String] {
    fn count(&self) -> usize {
        self.len()
    }
    fn bytes(&self, i: usize) -> &[u8] {
        self.get(i).map(String::as_bytes).unwrap_or_default()
    }
}

/// Where a row is, for building its errors.
#[derive(Debug)]
pub(crate) struct Ctx<'a, C: ?Sized> {
    pub file: &'a str,
    pub line: usize,
    pub columns: &'a Columns,
    pub cells: &'a C,
}

impl<C: RowCells + ?Sized> Ctx<'_, C> {
    /// The cell's text, trimmed.
    pub(crate) fn text(&self, i: usize) -> Cow<'_, str> {
        match decode_field(self.cells.bytes(i)) {
            Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
            Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
        }
    }

    /// The cell's text, or `None` when empty or a lone space.
    pub(crate) fn optional_text(&self, i: Option<usize>) -> Option<String> {
        let text = self.text(i?);
        (!text.is_empty()).then(|| text.into_owned())
    }

    /// An error about column `i`.
    pub(crate) fn error(&self, i: usize, problem: impl std::fmt::Display) -> RowError {
        RowError {
            file: self.file.to_string(),
            line: self.line,
            column: self.columns.names.get(i).cloned().unwrap_or_default(),
            value: self.text(i).into_owned(),
            problem: problem.to_string(),
        }
    }

    /// Parses column `i` with `f`, turning a problem into a row error.
    pub(crate) fn get<T>(&self, i: usize, f: impl FnOnce(&[u8]) -> Result<T, ValueProblem>) -> Result<T, RowError> {
        f(self.cells.bytes(i)).map_err(|p| self.error(i, p))
    }

    /// Like [`Ctx::get`] for an optional column; `None` when the column is absent.
    pub(crate) fn get_opt<T>(
        &self,
        i: Option<usize>,
        f: impl FnOnce(&[u8]) -> Result<T, ValueProblem>,
    ) -> Result<Option<T>, RowError> {
        i.map(|i| self.get(i, f)).transpose()
    }

    /// Parses text column `i` with a `&str` parser.
    pub(crate) fn get_str<T>(&self, i: usize, f: impl FnOnce(&str) -> Result<T, ValueProblem>) -> Result<T, RowError> {
        f(&self.text(i)).map_err(|p| self.error(i, p))
    }

    /// Whether every cell is empty: such rows are skipped, not rejected.
    pub(crate) fn is_blank(&self) -> bool {
        (0..self.cells.count()).all(|i| crate::text::is_blank(self.cells.bytes(i)))
    }

    /// A row with fewer cells than the header is damaged.
    pub(crate) fn check_width(&self) -> Result<(), RowError> {
        let (have, want) = (self.cells.count(), self.columns.len());
        if have < want {
            return Err(RowError {
                file: self.file.to_string(),
                line: self.line,
                column: String::new(),
                value: String::new(),
                problem: format!(
                    "de regel heeft {have} kolommen, de kopregel {want}; controleer scheidingstekens en aanhalingstekens"
                ),
            });
        }
        Ok(())
    }
}

/// Parses an optional board number (`bevoegd gezag nummer`).
pub(crate) fn board_number(raw: &[u8]) -> Result<Option<u32>, ValueProblem> {
    crate::values::count_bytes(raw).and_then(|cell| match cell {
        crate::values::Cell::Value(v) => Ok(Some(v)),
        crate::values::Cell::Missing => Ok(None),
        crate::values::Cell::Suppressed => Err(ValueProblem::SuppressedNotAllowed),
    })
}

/// An optional decimal: empty and `*` give `None`. Checks `min..=max`.
pub(crate) fn bounded_decimal(raw: &[u8], min: f64, max: f64) -> Result<Option<f64>, ValueProblem> {
    match crate::values::decimal_bytes(raw)? {
        crate::values::Cell::Value(v) if !(min..=max).contains(&v) => Err(ValueProblem::OutOfRange { min, max }),
        crate::values::Cell::Value(v) => Ok(Some(v)),
        crate::values::Cell::Missing | crate::values::Cell::Suppressed => Ok(None),
    }
}

/// A required text: trimmed, not empty.
pub(crate) fn required_text(text: &str) -> Result<String, ValueProblem> {
    if text.is_empty() { Err(ValueProblem::Empty) } else { Ok(text.to_string()) }
}
