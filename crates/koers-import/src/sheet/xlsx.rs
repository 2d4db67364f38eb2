//! xlsx through calamine's cell reader, one cell at a time, after the zip pre-scan.

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx, XlsxError};

use super::{SheetRows, float_text, guarded, zipscan};
use crate::error::FileError;
use crate::limits::Limits;
use crate::source::RowVisitor;

/// Reads the first worksheet of an xlsx workbook cell by cell into `visitor`.
pub(crate) fn visit_xlsx(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
    visitor: &mut dyn RowVisitor,
) -> Result<(), FileError> {
    zipscan::check(bytes, file, limits)?;
    guarded(file, || {
        let failed = |e: XlsxError| FileError::Spreadsheet { file: file.to_string(), reason: reason(&e) };
        let mut book = Xlsx::new(Cursor::new(bytes)).map_err(failed)?;
        let Some(name) = book.sheet_names().first().cloned() else {
            return Err(FileError::NoSheet { file: file.to_string() });
        };
        let mut cells_reader = book.worksheet_cells_reader(&name).map_err(failed)?;
        let mut rows = SheetRows::new(visitor, file, limits);
        let mut current: Option<u32> = None;
        let mut cells: Vec<String> = Vec::new();
        while let Some(cell) = cells_reader.next_cell().map_err(failed)? {
            let (row, col) = cell.get_position();
            let text = text(cell.get_value());
            if text.trim().is_empty() {
                continue;
            }
            // Checked as the cell arrives, before the row before it is handed over.
            rows.check_column(row, col)?;
            match current {
                Some(r) if r == row => {}
                Some(r) if row < r => {
                    return Err(FileError::Spreadsheet {
                        file: file.to_string(),
                        reason: format!(
                            "de cellen staan niet op volgorde (rij {} na rij {}); sla het bestand opnieuw op",
                            u64::from(row) + 1,
                            u64::from(r) + 1
                        ),
                    });
                }
                _ => {
                    if let Some(r) = current {
                        rows.row(r, &mut cells)?;
                        cells.clear();
                    }
                    current = Some(row);
                }
            }
            rows.put(&mut cells, row, col, &text)?;
        }
        if let Some(r) = current {
            rows.row(r, &mut cells)?;
        }
        rows.finish()
    })
}

/// The text a person sees in the cell: whole numbers without `.0`, other numbers with a dot,
/// dates as `2024-10-01`, booleans as `WAAR`/`ONWAAR`.
fn text(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => float_text(*f),
        DataRef::Bool(true) => "WAAR".into(),
        DataRef::Bool(false) => "ONWAAR".into(),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        DataRef::DateTime(dt) => float_text(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    }
}

/// Why calamine could not read the workbook, in Dutch.
fn reason(e: &XlsxError) -> String {
    match e {
        XlsxError::Password => "het bestand is met een wachtwoord beveiligd; sla het zonder wachtwoord op".into(),
        XlsxError::Zip(_) | XlsxError::Io(_) => "het zip-archief van het bestand is beschadigd".into(),
        XlsxError::FileNotFound(part) => {
            format!("onderdeel {part} ontbreekt; is het een echt .xlsx-bestand?")
        }
        XlsxError::WorksheetNotFound(_) | XlsxError::NotAWorksheet(_) => {
            "het eerste werkblad is geen gewoon werkblad (een grafiek of macroblad?); zet de gegevens op het eerste werkblad".into()
        }
        _ => "de opbouw van het bestand is ongeldig; sla het opnieuw op als .xlsx of .csv".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_as_people_see_them() {
        assert_eq!(text(&DataRef::Float(18.0)), "18");
        assert_eq!(text(&DataRef::Float(94.44)), "94.44");
        assert_eq!(text(&DataRef::Int(7)), "7");
        assert_eq!(text(&DataRef::SharedString(" <5 ")), " <5 ");
        assert_eq!(text(&DataRef::Bool(false)), "ONWAAR");
        assert_eq!(text(&DataRef::Empty), "");
    }
}
