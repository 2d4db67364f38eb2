//! xlsx and ods through calamine: the first worksheet, every cell as the text a person sees.

use std::io::Cursor;

use calamine::{Data, Ods, Range, Reader, Xlsx};

use crate::error::FileError;
use crate::table::{Row, Table, finish};

/// Reads the first worksheet of an xlsx (or, with `ods`, an OpenDocument) workbook.
pub(crate) fn read_sheet(bytes: &[u8], file_name: &str, ods: bool) -> Result<Table, FileError> {
    let failed = |reason: String| FileError::Spreadsheet { file: file_name.to_string(), reason };
    let range = if ods {
        let mut book = Ods::new(Cursor::new(bytes)).map_err(|e| failed(e.to_string()))?;
        book.worksheet_range_at(0).map(|r| r.map_err(|e| failed(e.to_string())))
    } else {
        let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| failed(e.to_string()))?;
        book.worksheet_range_at(0).map(|r| r.map_err(|e| failed(e.to_string())))
    };
    let range = range.ok_or_else(|| FileError::NoSheet { file: file_name.to_string() })??;
    to_table(&range, file_name)
}

fn to_table(range: &Range<Data>, file_name: &str) -> Result<Table, FileError> {
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| Row { line: first_row + i + 1, cells: cells.iter().map(cell_text).collect() });
    let Some(header) = rows.find(|r| r.cells.iter().any(|c| !c.trim().is_empty())) else {
        return Err(FileError::NoSheet { file: file_name.to_string() });
    };
    let rows: Vec<Row> = rows.collect();
    let headers = header.cells.iter().map(|h| h.trim().to_string()).collect();
    Ok(finish(file_name, headers, rows))
}

/// The text a person sees in the cell (without number formatting such as thousands
/// separators): whole numbers without `.0`, other numbers with a dot, dates as `2024-10-01`.
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(true) => "WAAR".into(),
        Data::Bool(false) => "ONWAAR".into(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(dt) => float_text(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        // Exact: the value is a whole number well inside i64.
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_see_them() {
        assert_eq!(cell_text(&Data::Float(18.0)), "18");
        assert_eq!(cell_text(&Data::Float(-0.0)), "0");
        assert_eq!(cell_text(&Data::Float(94.44)), "94.44");
        assert_eq!(cell_text(&Data::Float(1e20)), "100000000000000000000");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::String(" <5 ".into())), " <5 ");
        assert_eq!(cell_text(&Data::Empty), "");
    }
}
