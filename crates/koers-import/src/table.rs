//! Reading a file into a [`Table`] of text cells: CSV (any encoding we meet), xlsx and ods.

use std::io::Read;

use serde::{Deserialize, Serialize};

use crate::error::FileError;
use crate::sheet::read_sheet;
use crate::text::{
    Sniffed, decode_field, first_line, is_blank, is_ods, lf_only, sniff, sniff_delimiter, strip_utf8_bom, utf16_to_utf8,
};

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

/// Reads a CSV, xlsx or ods file from memory.
///
/// The format comes from the content, not from `file_name` (which is only used in messages):
/// a zip is xlsx or ods (its first worksheet is read); anything else that is text is CSV, in
/// UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252, with `;`, `,` or tab as
/// delimiter, whichever the header line has most of.
pub fn read_table(bytes: &[u8], file_name: &str) -> Result<Table, FileError> {
    let file = file_name.to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FileError::Empty { file });
    }
    match sniff(bytes) {
        Sniffed::Zip => read_sheet(bytes, file_name, is_ods(bytes)),
        Sniffed::Xls => Err(FileError::UnsupportedFormat { file, format: "oud Excel (.xls)".into() }),
        Sniffed::Binary => Err(FileError::NotATable { file }),
        Sniffed::Utf16 => read_csv(&utf16_to_utf8(bytes), file_name),
        Sniffed::Text => read_csv(bytes, file_name),
    }
}

/// Reads a CSV file from memory.
fn read_csv(bytes: &[u8], file_name: &str) -> Result<Table, FileError> {
    let bytes = lf_only(strip_utf8_bom(bytes));
    let bytes = bytes.as_ref();
    let delimiter = sniff_delimiter(first_line(bytes));
    let mut reader = csv_reader(bytes, delimiter);
    let mut record = csv::ByteRecord::new();
    let mut headers = None;
    let mut rows = Vec::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(FileError::Unreadable { file: file_name.to_string(), reason: e.to_string() });
            }
        }
        let cells: Vec<String> = record.iter().map(|c| decode_field(c).into_owned()).collect();
        if headers.is_none() {
            headers = Some(cells.iter().map(|h| h.trim().to_string()).collect());
        } else {
            rows.push(Row { line: line_of(&record), cells });
        }
    }
    let Some(headers) = headers else {
        return Err(FileError::Empty { file: file_name.to_string() });
    };
    Ok(finish(file_name, headers, rows))
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
