//! Reading a file into a [`Table`] of text cells: CSV (any encoding we meet), xlsx and ods.

use std::io::Read;

use serde::{Deserialize, Serialize};

use crate::columns::RowCells;
use crate::error::FileError;
use crate::limits::{Limits, size_nl, thousands};
use crate::source::{RowRef, RowVisitor};
use crate::text::{decode_field, is_blank};

/// A file as a table of text, the way a person sees it in a spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// File name as given by the caller.
    pub file: String,
    /// Header cells, trimmed.
    pub headers: Vec<String>,
    /// Data rows, without trailing rows that are entirely empty.
    pub rows: Vec<Row>,
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// 1-based line number in the file (row number in a spreadsheet); the header is line 1.
    pub line: usize,
    /// The cells as text, untrimmed (parsers trim); there may be fewer or more than headers.
    pub cells: Vec<String>,
}

impl Table {
    /// Index of the header matching `name` case-insensitively (also ignoring `_` vs space).
    pub fn column(&self, name: &str) -> Option<usize> {
        let wanted = crate::columns::normalize(name);
        self.headers.iter().position(|h| crate::columns::normalize(h) == wanted)
    }
}

/// Reads a CSV, xlsx or ods file from memory, within [`Limits::default`].
///
/// The format comes from the content, not from `file_name` (which is only used in messages):
/// a zip is xlsx or ods (its first worksheet is read, cell by cell); anything else that is text
/// is CSV, in UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252, with `;`, `,` or
/// tab as delimiter, whichever the header line has most of.
pub fn read_table(bytes: &[u8], file_name: &str) -> Result<Table, FileError> {
    read_table_with(bytes, file_name, &Limits::default())
}

/// [`read_table`] within the given limits: a file whose table would pass
/// [`Limits::max_rows`], [`Limits::max_cells`] or [`Limits::max_text_bytes`] is refused with a
/// Dutch [`FileError`] as soon as the limit is passed, before the rest is read.
pub fn read_table_with(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<Table, FileError> {
    let mut collector = Collector { limits, file: file_name, headers: None, rows: Vec::new(), cells: 0, text_bytes: 0 };
    crate::source::visit(bytes, file_name, limits, &mut collector)?;
    let Some(headers) = collector.headers else {
        return Err(FileError::Empty { file: file_name.to_string() });
    };
    Ok(finish(file_name, headers, collector.rows))
}

/// Collects rows into a table, counting against the limits before each row is stored.
struct Collector<'a> {
    limits: &'a Limits,
    file: &'a str,
    headers: Option<Vec<String>>,
    rows: Vec<Row>,
    cells: usize,
    text_bytes: usize,
}

impl Collector<'_> {
    fn too_much(&self, what: String) -> FileError {
        FileError::TooMuchContent { file: self.file.to_string(), what }
    }
}

impl RowVisitor for Collector<'_> {
    fn header(&mut self, headers: Vec<String>) -> Result<(), FileError> {
        self.cells = headers.len();
        self.headers = Some(headers);
        Ok(())
    }

    fn row(&mut self, line: usize, row: RowRef<'_>) -> Result<(), FileError> {
        if self.rows.len() >= self.limits.max_rows {
            return Err(FileError::TooManyRows { file: self.file.to_string(), limit: self.limits.max_rows });
        }
        let count = row.count();
        self.cells = self.cells.saturating_add(count);
        if self.cells > self.limits.max_cells {
            return Err(self.too_much(format!("{} cellen", thousands(self.limits.max_cells as u64))));
        }
        let text: usize = (0..count).map(|i| row.bytes(i).len()).sum();
        self.text_bytes = self.text_bytes.saturating_add(text);
        if self.text_bytes > self.limits.max_text_bytes {
            return Err(self.too_much(format!("{} tekst", size_nl(self.limits.max_text_bytes as u64))));
        }
        let cells = (0..count).map(|i| decode_field(row.bytes(i)).into_owned()).collect();
        self.rows.push(Row { line, cells });
        Ok(())
    }
}

/// Drops trailing rows that are entirely empty.
pub(crate) fn finish(file_name: &str, headers: Vec<String>, mut rows: Vec<Row>) -> Table {
    while rows.last().is_some_and(|r| r.cells.iter().all(|c| is_blank(c.as_bytes()))) {
        rows.pop();
    }
    Table { file: file_name.to_string(), headers, rows }
}

/// The CSV reader used everywhere: no header handling, rows may differ in length.
pub(crate) fn csv_reader<R: Read>(reader: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(reader)
}

/// The 1-based line on which a record starts.
pub(crate) fn line_of(record: &csv::ByteRecord) -> usize {
    record.position().map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX))
}
