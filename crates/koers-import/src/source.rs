//! Reading a file row by row, whatever its format, without holding more than one row: CSV is
//! parsed as it is read, xlsx and ods are read cell by cell (see [`crate::sheet`]).

use crate::columns::RowCells;
use crate::error::FileError;
use crate::limits::{Limits, thousands};
use crate::sheet;
use crate::table::{csv_reader, line_of};
use crate::text::{LfReader, Sniffed, decode_field, first_line, is_ods, sniff, sniff_delimiter, strip_utf8_bom};

/// One row as a reader hands it over.
#[derive(Debug, Clone, Copy)]
pub(crate) enum RowRef<'a> {
    /// A CSV record, as bytes (decoded per field).
    Csv(&'a csv::ByteRecord),
    /// Spreadsheet cells as text.
    Cells(&'a [String]),
}

impl RowCells for RowRef<'_> {
    fn count(&self) -> usize {
        match self {
            RowRef::Csv(r) => r.len(),
            RowRef::Cells(c) => c.len(),
        }
    }

    fn bytes(&self, i: usize) -> &[u8] {
        match self {
            RowRef::Csv(r) => r.get(i).unwrap_or_default(),
            RowRef::Cells(c) => c.get(i).map(String::as_bytes).unwrap_or_default(),
        }
    }
}

/// Receives the rows of a file: the header first, then every data row in order.
pub(crate) trait RowVisitor {
    /// The header cells, trimmed. An error stops the reading.
    fn header(&mut self, headers: Vec<String>) -> Result<(), FileError>;
    /// A data row (it may be blank); `line` is 1-based, the header is line 1 in a CSV file.
    fn row(&mut self, line: usize, row: RowRef<'_>) -> Result<(), FileError>;
}

/// Reads `bytes` as CSV, xlsx or ods (see [`crate::read_table`] for the detection) and hands
/// every row to `visitor`. Rows wider than [`Limits::max_columns`] stop the reading.
pub(crate) fn visit(
    bytes: &[u8],
    file_name: &str,
    limits: &Limits,
    visitor: &mut dyn RowVisitor,
) -> Result<(), FileError> {
    let file = file_name.to_string();
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(FileError::TooLarge { file, bytes: bytes.len() as u64, limit: limits.max_file_bytes });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FileError::Empty { file });
    }
    match sniff(bytes) {
        Sniffed::Zip if is_ods(bytes) => sheet::visit_ods(bytes, file_name, limits, visitor),
        Sniffed::Zip => sheet::visit_xlsx(bytes, file_name, limits, visitor),
        Sniffed::Xls => Err(FileError::UnsupportedFormat { file, format: "oud Excel (.xls)".into() }),
        Sniffed::Binary => Err(FileError::NotATable { file }),
        Sniffed::Utf16 => visit_csv(crate::text::utf16_to_utf8(bytes).as_slice(), file_name, limits, visitor),
        Sniffed::Text => visit_csv(bytes, file_name, limits, visitor),
    }
}

/// Parses CSV as it reads it: one reused record, line ends normalised on the fly.
fn visit_csv(bytes: &[u8], file_name: &str, limits: &Limits, visitor: &mut dyn RowVisitor) -> Result<(), FileError> {
    let bytes = strip_utf8_bom(bytes);
    let delimiter = sniff_delimiter(first_line(bytes));
    let mut reader = csv_reader(LfReader::new(bytes), delimiter);
    let mut record = csv::ByteRecord::new();
    let mut header_done = false;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(file_name, &e)),
        }
        if record.len() > limits.max_columns {
            return Err(FileError::TooManyColumns {
                file: file_name.to_string(),
                place: format!("regel {}", thousands(line_of(&record) as u64)),
                limit: limits.max_columns,
            });
        }
        if header_done {
            visitor.row(line_of(&record), RowRef::Csv(&record))?;
        } else {
            header_done = true;
            visitor.header(record.iter().map(|c| decode_field(c).trim().to_string()).collect())?;
        }
    }
    if header_done { Ok(()) } else { Err(FileError::Empty { file: file_name.to_string() }) }
}

/// A CSV reading error in Dutch.
pub(crate) fn csv_error(file_name: &str, e: &csv::Error) -> FileError {
    let reason = match e.kind() {
        csv::ErrorKind::Io(io) => crate::limits::io_nl(io),
        _ => match e.position() {
            Some(p) => format!("de CSV-opmaak klopt niet vanaf regel {}", thousands(p.line())),
            None => "de CSV-opmaak klopt niet".to_string(),
        },
    };
    FileError::Unreadable { file: file_name.to_string(), reason }
}
