//! Streaming the Inspectie results file row by row, for files too big to hold as a [`Table`].

use std::io::{BufRead, BufReader, Cursor, Read};

use serde::{Deserialize, Serialize};

use super::{InspectieLayout, InspectieResultRow};
use crate::columns::{Ctx, RowCells};
use crate::error::{FileError, RowError};
use crate::limits::{Limits, io_nl, read_all};
use crate::source::csv_error;
use crate::table::{csv_reader, line_of, read_table_with};
use crate::text::{
    LfReader, MAX_LINE_BYTES, Sniffed, decode_field, first_line, sniff, sniff_delimiter, strip_utf8_bom,
};

/// Totals of a streamed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamSummary {
    /// File name as given by the caller.
    pub file: String,
    /// School-year codes found in the header, oldest first (`2223`, `2324`, …).
    pub year_codes: Vec<String>,
    /// Non-blank data rows read.
    pub rows: usize,
    /// Rows that parsed.
    pub accepted: usize,
    /// Rows rejected with a [`RowError`].
    pub rejected: usize,
    /// Accepted rows times the number of school years.
    pub school_years: usize,
}

/// Reads an Inspectie results file from `reader` and calls `on_row` for every non-blank data
/// row, in order, with its record or its error; the parsing is the same as
/// [`super::parse_inspectie_results`].
///
/// A CSV file is parsed as it is read, reusing one buffer, so memory does not grow with the
/// file (a line longer than 1 MB stops the reading: no table has one). A spreadsheet (or a
/// UTF-16 text file) is read into memory first, within [`Limits::default`].
pub fn stream_inspectie_results<R: Read>(
    reader: R,
    file_name: &str,
    mut on_row: impl FnMut(Result<InspectieResultRow, RowError>),
) -> Result<StreamSummary, FileError> {
    let unreadable = |e: std::io::Error| FileError::Unreadable { file: file_name.to_string(), reason: io_nl(&e) };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let head = read_header(&mut reader).map_err(unreadable)?;
    if head.iter().all(u8::is_ascii_whitespace) {
        return Err(FileError::Empty { file: file_name.to_string() });
    }
    if sniff(&head) != Sniffed::Text {
        let limits = Limits::default();
        let rest = read_all(reader, file_name, &limits)?;
        let mut all = head;
        all.extend_from_slice(&rest);
        drop(rest);
        let table = read_table_with(&all, file_name, &limits)?;
        let layout = InspectieLayout::from_headers(&table.headers, file_name)?;
        let mut summary = summary(file_name, &layout);
        for row in &table.rows {
            let ctx = Ctx { file: file_name, line: row.line, columns: layout.columns(), cells: row.cells.as_slice() };
            handle(&layout, &ctx, &mut summary, &mut on_row);
        }
        return Ok(summary);
    }
    if head.len() > MAX_LINE_BYTES {
        return Err(unreadable(std::io::Error::new(std::io::ErrorKind::FileTooLarge, "kopregel te lang")));
    }
    let head = strip_utf8_bom(&head).to_vec();
    let delimiter = sniff_delimiter(first_line(&head));
    let mut csv = csv_reader(LfReader::new(Cursor::new(head).chain(reader)), delimiter);
    let mut record = csv::ByteRecord::new();
    let csv_error = |e: csv::Error| csv_error(file_name, &e);
    if !csv.read_byte_record(&mut record).map_err(csv_error)? {
        return Err(FileError::Empty { file: file_name.to_string() });
    }
    let headers: Vec<String> = record.iter().map(|c| decode_field(c).trim().to_string()).collect();
    let layout = InspectieLayout::from_headers(&headers, file_name)?;
    let mut summary = summary(file_name, &layout);
    while csv.read_byte_record(&mut record).map_err(csv_error)? {
        let ctx = Ctx { file: file_name, line: line_of(&record), columns: layout.columns(), cells: &record };
        handle(&layout, &ctx, &mut summary, &mut on_row);
    }
    Ok(summary)
}

fn summary(file_name: &str, layout: &InspectieLayout) -> StreamSummary {
    StreamSummary {
        file: file_name.to_string(),
        year_codes: layout.year_codes(),
        rows: 0,
        accepted: 0,
        rejected: 0,
        school_years: 0,
    }
}

fn handle<C: RowCells + ?Sized>(
    layout: &InspectieLayout,
    ctx: &Ctx<'_, C>,
    summary: &mut StreamSummary,
    on_row: &mut impl FnMut(Result<InspectieResultRow, RowError>),
) {
    if ctx.is_blank() {
        return;
    }
    summary.rows += 1;
    let result = ctx.check_width().and_then(|()| layout.parse_row(ctx));
    match &result {
        Ok(row) => {
            summary.accepted += 1;
            summary.school_years += row.years.len();
        }
        Err(_) => summary.rejected += 1,
    }
    on_row(result);
}

/// Reads up to and including the first non-blank line, continuing while a quote is open; stops
/// after [`MAX_LINE_BYTES`] (the caller decides whether that is an error: not for a zip).
fn read_header(reader: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::new();
    loop {
        let room = (MAX_LINE_BYTES + 1).saturating_sub(head.len()) as u64;
        let read = (&mut *reader).take(room).read_until(b'\n', &mut head)?;
        if head.len() > MAX_LINE_BYTES {
            return Ok(head);
        }
        let quotes = head.iter().filter(|b| **b == b'"').count();
        let blank = head.iter().all(u8::is_ascii_whitespace);
        if read == 0 || (!blank && quotes % 2 == 0) {
            return Ok(head);
        }
    }
}
