//! The one writer of flat table exports (every CSV Koers writes, and the xlsx of the same
//! tables through [`crate::workbook`]): the programme exports on the web and `koers screen`.
//!
//! **CSV** the way Excel-NL reads it: `;` between cells, CRLF between rows, UTF-8 with a BOM
//! (when the caller asks: a file, not a pipe), numbers with a decimal comma. A cell is quoted
//! only when it holds `;`, `"`, CR or LF (`"` doubled).
//!
//! **Formula injection** (CWE-1236): a text cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! CR would be run as a formula by a spreadsheet (`=HYPERLINK(…)`, `=1+1`), so it gets a `'` in
//! front (OWASP's advice; Excel shows the text as typed). Every text cell goes through
//! [`neutralise`]; numbers written from a number (never from user text) are left alone. The xlsx
//! writer needs no such step: it writes every text cell as a string, never as a formula.

use crate::workbook::{Cell, Sheet};
use koers_core::nl::Dec;
use std::borrow::Cow;
use std::io::{self, Write};

/// The characters a spreadsheet reads as the start of a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `'=1+1` for `=1+1`; any other text unchanged.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_START) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// One text cell as CSV: neutralised, then quoted when needed.
pub fn csv_text(text: &str) -> Cow<'_, str> {
    let t = neutralise(text);
    if t.contains([';', '"', '\n', '\r']) { Cow::Owned(format!("\"{}\"", t.replace('"', "\"\""))) } else { t }
}

/// One typed cell as CSV text: numbers with a decimal comma, dates `dd-mm-jjjj`, euros `2286,00`.
pub fn csv_cell(cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Empty => Cow::Borrowed(""),
        Cell::Text(t) => csv_text(t),
        Cell::Integer(n) => Cow::Owned(n.to_string()),
        Cell::Number { value, decimals } | Cell::Percent { value, decimals } => {
            Cow::Owned(Dec(*value, usize::from(*decimals)).to_string())
        }
        Cell::Date(d) => Cow::Owned(d.nl()),
        Cell::Money(c) => Cow::Owned(Dec(c.get() as f64 / 100.0, 2).to_string()),
    }
}

/// Writes CSV rows one at a time (`koers screen` streams millions of them).
#[derive(Debug)]
pub struct CsvWriter<W: Write> {
    out: W,
}

impl<W: Write> CsvWriter<W> {
    /// A writer; `bom` writes the UTF-8 byte-order mark Excel-NL needs to read UTF-8.
    pub fn new(mut out: W, bom: bool) -> io::Result<Self> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        Ok(Self { out })
    }

    /// A row of text cells (headers, or text only).
    pub fn text_row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> io::Result<()> {
        for (i, c) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.write_all(b";")?;
            }
            self.out.write_all(csv_text(c.as_ref()).as_bytes())?;
        }
        self.out.write_all(b"\r\n")
    }

    /// A row of typed cells.
    pub fn row<'a>(&mut self, cells: impl IntoIterator<Item = &'a Cell>) -> io::Result<()> {
        for (i, c) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.write_all(b";")?;
            }
            self.out.write_all(csv_cell(c).as_bytes())?;
        }
        self.out.write_all(b"\r\n")
    }

    /// The underlying writer, for cells written straight in (numbers formatted without
    /// allocating); text must still go through [`csv_text`].
    pub fn raw(&mut self) -> &mut W {
        &mut self.out
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

/// A whole sheet as CSV bytes (BOM, header row, rows, the totals row when present).
pub fn sheet_to_csv(sheet: &Sheet) -> Vec<u8> {
    let mut w = CsvWriter { out: Vec::with_capacity(64 * (sheet.rows.len() + 1)) };
    // Writing into a Vec cannot fail.
    let _ = w.out.write_all("\u{feff}".as_bytes());
    let _ = w.text_row(&sheet.headers);
    for r in sheet.rows.iter().chain(sheet.total.iter()) {
        let _ = w.row(r);
    }
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use koers_core::calendar::Date;

    #[test]
    fn cells_that_start_a_formula_get_a_quote_in_front() {
        for bad in ["=1+1", "=HYPERLINK(\"http://x\";\"klik\")", "+31 6", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        for fine in ["De Klimop", "1+1", "a=b", "", "'al"] {
            assert_eq!(neutralise(fine), fine);
        }
    }

    #[test]
    fn csv_quotes_only_what_needs_it_and_neutralises_first() {
        assert_eq!(csv_text("a;b"), "\"a;b\"");
        assert_eq!(csv_text("zeg \"hoi\""), "\"zeg \"\"hoi\"\"\"");
        assert_eq!(csv_text("=HYPERLINK(\"x\";\"y\")"), "\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\"");
        assert_eq!(csv_text("=1+1"), "'=1+1");
        assert_eq!(csv_text("\r=1"), "\"'\r=1\"");
    }

    #[test]
    fn a_sheet_becomes_dutch_csv_with_typed_cells() {
        let d = Date::new(2026, 11, 30).unwrap_or_else(|e| panic!("{e}"));
        let sheet = Sheet {
            name: "x".into(),
            headers: vec!["A".into(), "B".into(), "C".into(), "D".into()],
            rows: vec![vec![Cell::text("=1+1"), Cell::number(-1.5, 1), Cell::Date(d), Cell::Integer(-3)]],
            total: None,
        };
        let text = String::from_utf8(sheet_to_csv(&sheet)).unwrap_or_default();
        assert_eq!(text, "\u{feff}A;B;C;D\r\n'=1+1;-1,5;30-11-2026;-3\r\n");
    }
}
