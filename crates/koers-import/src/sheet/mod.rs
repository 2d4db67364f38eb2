//! xlsx and ods, read cell by cell: the first worksheet, every cell as the text a person sees.
//!
//! Nothing is sized from what the file declares. A worksheet's `<dimension>` (or an ods repeat
//! count) can claim a million rows and sixteen thousand columns in a few bytes; reading a dense
//! range from it would ask for hundreds of gigabytes. Here each non-empty cell is placed in the
//! row being built, empty cells and empty rows cost nothing, a cell beyond
//! [`Limits::max_columns`] stops the reading with a Dutch message, and the zip itself is checked
//! first ([`zipscan`]): entry count, and the bytes it really unpacks to.

mod ods;
mod xlsx;
mod zipscan;

use crate::error::FileError;
use crate::limits::Limits;
use crate::source::{RowRef, RowVisitor};

pub(crate) use ods::visit_ods;
pub(crate) use xlsx::visit_xlsx;

/// Turns a worksheet's cells, row by row, into the header and data rows of a visitor.
struct SheetRows<'a> {
    visitor: &'a mut dyn RowVisitor,
    file: &'a str,
    limits: &'a Limits,
    header_len: Option<usize>,
    /// Text bytes in the row being built (one shared string can fill every cell of a row).
    row_text: usize,
}

/// The most characters in one cell (Excel's limit); as UTF-8 at most four bytes each.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

impl<'a> SheetRows<'a> {
    fn new(visitor: &'a mut dyn RowVisitor, file: &'a str, limits: &'a Limits) -> Self {
        SheetRows { visitor, file, limits, header_len: None, row_text: 0 }
    }

    /// Puts `text` in column `col` of the row being built (0-based `row` for messages),
    /// refusing a cell past the column limit, a cell longer than a spreadsheet cell can be, and
    /// a row with more text than a whole table may hold — before the cell is stored.
    fn put(&mut self, cells: &mut Vec<String>, row: u32, col: u32, text: &str) -> Result<(), FileError> {
        let at = self.check_column(row, col)?;
        let place = || format!("cel {}{}", column_name(at), u64::from(row) + 1);
        if text.len() > MAX_CELL_CHARS * 4 {
            return Err(FileError::TooMuchContent {
                file: self.file.to_string(),
                what: format!("{} tekens in één cel ({})", crate::limits::thousands(MAX_CELL_CHARS as u64), place()),
            });
        }
        self.row_text = self.row_text.saturating_add(text.len());
        if self.row_text > self.limits.max_text_bytes {
            return Err(FileError::TooMuchContent {
                file: self.file.to_string(),
                what: format!(
                    "{} tekst in één rij (rij {})",
                    crate::limits::size_nl(self.limits.max_text_bytes as u64),
                    u64::from(row) + 1
                ),
            });
        }
        if cells.len() <= at {
            cells.resize(at + 1, String::new());
        }
        if let Some(slot) = cells.get_mut(at) {
            text.clone_into(slot);
        }
        Ok(())
    }

    /// Where a cell may go: an error when `col` (0-based) is past the column limit.
    fn check_column(&self, row: u32, col: u32) -> Result<usize, FileError> {
        let col = col as usize;
        if col >= self.limits.max_columns {
            return Err(FileError::TooManyColumns {
                file: self.file.to_string(),
                place: format!("cel {}{}", column_name(col), u64::from(row) + 1),
                limit: self.limits.max_columns,
            });
        }
        Ok(col)
    }

    /// One worksheet row (0-based `row`). The first row with any text is the header; later
    /// rows are padded to the header's width (a spreadsheet leaves trailing empty cells out).
    fn row(&mut self, row: u32, cells: &mut Vec<String>) -> Result<(), FileError> {
        self.row_text = 0;
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        match self.header_len {
            None => {
                let headers: Vec<String> = cells.iter().map(|c| c.trim().to_string()).collect();
                self.header_len = Some(headers.len());
                self.visitor.header(headers)
            }
            Some(width) => {
                if cells.len() < width {
                    cells.resize(width, String::new());
                }
                self.visitor.row(row as usize + 1, RowRef::Cells(cells))
            }
        }
    }

    fn finish(self) -> Result<(), FileError> {
        match self.header_len {
            Some(_) => Ok(()),
            None => Err(FileError::NoSheet { file: self.file.to_string() }),
        }
    }
}

/// The spreadsheet name of a 0-based column: `A`, `Z`, `AA`, `XFD`.
pub(crate) fn column_name(col: usize) -> String {
    let mut name = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        name.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// A number as a person sees it (without number formatting such as thousands separators):
/// whole numbers without `.0`, other numbers with a dot.
pub(crate) fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        // Exact: the value is a whole number well inside i64.
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// A failure inside a spreadsheet library that should not happen (a panic on hostile input),
/// as a Dutch error instead of a crash.
pub(crate) fn guarded<T>(file: &str, read: impl FnOnce() -> Result<T, FileError>) -> Result<T, FileError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(FileError::Spreadsheet {
            file: file.to_string(),
            reason: "de opbouw van het bestand is ongeldig; sla het opnieuw op als .xlsx, .ods of .csv".into(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(column_name).into();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]);
    }

    #[test]
    fn numbers_as_people_see_them() {
        assert_eq!(float_text(18.0), "18");
        assert_eq!(float_text(-0.0), "0");
        assert_eq!(float_text(94.44), "94.44");
        assert_eq!(float_text(1e20), "100000000000000000000");
    }
}
