//! Multi-sheet xlsx workbooks with typed cells, for the programme monitor, the kostenoverzicht
//! and the expert time sheets (the flat table exports live in `export`).
//!
//! Every cell says what it is, and is written as that: **text always as a string** (a BRIN
//! `00AV`, a reference `LV-2026-0042` or `=1+1` is never read as a number, date or formula),
//! numbers as numbers with a fixed number of decimals, percentages as numbers with a `%` format,
//! dates as real Excel dates (`dd-mm-jjjj`), money from integer [`Cents`] as euros with a `€`
//! format. Excel shows the separators of the reader's locale (Dutch: `€ 2.286,00`, `85,0%`).
//! Each sheet has a bold header row that stays in view and a filter; an optional totals row is
//! bold. The document's creation date is passed in (this crate has no clock), so the same data
//! gives the same workbook.

use crate::error::ReportError;
use koers_core::calendar::Date;
use koers_core::money::Cents;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Workbook as XlsxWorkbook, Worksheet, XlsxError,
};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    /// A number shown with `decimals` decimals (at most 6).
    Number {
        value: f64,
        decimals: u8,
    },
    /// A percentage given as 0–100 (as `koers_core::nl::percent` takes it), shown with `decimals`.
    Percent {
        value: f64,
        decimals: u8,
    },
    Date(Date),
    Money(Cents),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }
    pub fn number(value: f64, decimals: u8) -> Self {
        Cell::Number { value, decimals }
    }
    pub fn percent(value: f64) -> Self {
        Cell::Percent { value, decimals: 1 }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Integer(n)
    }
}
impl From<u32> for Cell {
    fn from(n: u32) -> Self {
        Cell::Integer(i64::from(n))
    }
}
impl From<Date> for Cell {
    fn from(d: Date) -> Self {
        Cell::Date(d)
    }
}
impl From<Cents> for Cell {
    fn from(c: Cents) -> Self {
        Cell::Money(c)
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, Into::into)
    }
}

/// One worksheet: a name (≤ 31 characters, none of `[ ] : * ? / \`), column headers, rows and an
/// optional totals row.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub total: Option<Vec<Cell>>,
}

impl Sheet {
    pub fn row(&mut self, cells: impl IntoIterator<Item = Cell>) -> &mut Self {
        self.rows.push(cells.into_iter().collect());
        self
    }
    pub fn total(&mut self, cells: impl IntoIterator<Item = Cell>) -> &mut Self {
        self.total = Some(cells.into_iter().collect());
        self
    }
}

/// A workbook: a title (document property), its creation date and sheets in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    pub title: String,
    pub created: Date,
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    pub fn new(title: impl Into<String>, created: Date) -> Self {
        Workbook { title: title.into(), created, sheets: Vec::new() }
    }

    /// Adds a sheet with these column headers and returns it to fill.
    pub fn sheet<S: Into<String>>(
        &mut self,
        name: impl Into<String>,
        headers: impl IntoIterator<Item = S>,
    ) -> &mut Sheet {
        let headers = headers.into_iter().map(Into::into).collect();
        self.sheets.push(Sheet { name: name.into(), headers, rows: Vec::new(), total: None });
        let last = self.sheets.len() - 1;
        &mut self.sheets[last]
    }

    /// Checks names and shapes: a Dutch error naming the sheet (and row) that is wrong.
    pub fn validate(&self) -> Result<(), ReportError> {
        if self.sheets.is_empty() {
            return Err(ReportError::EmptyWorkbook);
        }
        let mut seen: Vec<String> = Vec::new();
        for s in &self.sheets {
            let bad = |problem| Err(ReportError::BadSheet { sheet: s.name.clone(), problem });
            let name = s.name.trim();
            if name.is_empty() {
                return bad("een werkblad heeft geen naam");
            }
            if s.name.chars().count() > 31 {
                return bad("de naam van een werkblad is hooguit 31 tekens");
            }
            if s.name.contains(['[', ']', ':', '*', '?', '/', '\\'])
                || s.name.starts_with('\'')
                || s.name.ends_with('\'')
            {
                return bad(
                    "de naam van een werkblad mag geen [ ] : * ? / \\ bevatten en niet met ' beginnen of eindigen",
                );
            }
            if s.name.eq_ignore_ascii_case("History") {
                return bad("'History' is in Excel een gereserveerde naam");
            }
            let lower = s.name.to_lowercase();
            if seen.contains(&lower) {
                return bad("twee werkbladen hebben dezelfde naam");
            }
            seen.push(lower);
            if s.headers.is_empty() {
                return bad("het werkblad heeft geen kolommen");
            }
            for (i, r) in s.rows.iter().chain(s.total.iter()).enumerate() {
                if r.len() != s.headers.len() {
                    let (expected, found) = (s.headers.len(), r.len());
                    return Err(ReportError::SheetShape { sheet: s.name.clone(), row: i + 2, expected, found });
                }
                for c in r {
                    if let Cell::Number { value: v, .. } | Cell::Percent { value: v, .. } = c
                        && !v.is_finite()
                    {
                        return Err(ReportError::SheetNotANumber { sheet: s.name.clone(), row: i + 2 });
                    }
                }
            }
        }
        Ok(())
    }

    /// The workbook as xlsx bytes.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, ReportError> {
        self.validate()?;
        let mut wb = XlsxWorkbook::new();
        let created = excel_date(self.created)?;
        let props =
            DocProperties::new().set_title(self.title.as_str()).set_author("Koers").set_creation_datetime(&created);
        wb.set_properties(&props);
        for s in &self.sheets {
            write_sheet(wb.add_worksheet(), s)?;
        }
        wb.save_to_buffer().map_err(xlsx)
    }
}

fn xlsx(e: XlsxError) -> ReportError {
    ReportError::Workbook(e.to_string())
}

fn excel_date(d: Date) -> Result<ExcelDateTime, ReportError> {
    let year =
        u16::try_from(d.year()).map_err(|_| ReportError::Workbook(format!("datum {} valt buiten Excel", d.nl())))?;
    ExcelDateTime::from_ymd(year, d.month(), d.day()).map_err(xlsx)
}

/// The number format of a cell kind.
fn num_format(cell: &Cell) -> Option<String> {
    let decimals = |n: u8| if n == 0 { String::new() } else { format!(".{}", "0".repeat(usize::from(n.min(6)))) };
    match cell {
        Cell::Integer(_) => Some("#,##0".into()),
        Cell::Number { decimals: d, .. } => Some(format!("#,##0{}", decimals(*d))),
        Cell::Percent { decimals: d, .. } => Some(format!("0{}%", decimals(*d))),
        Cell::Date(_) => Some("dd-mm-yyyy".into()),
        Cell::Money(_) => Some(r###""€ "#,##0.00;"€ -"#,##0.00"###.into()),
        Cell::Empty | Cell::Text(_) => None,
    }
}

fn write_sheet(ws: &mut Worksheet, s: &Sheet) -> Result<(), ReportError> {
    ws.set_name(s.name.as_str()).map_err(xlsx)?;
    let header = Format::new().set_bold().set_border_bottom(FormatBorder::Thin).set_background_color("E8EDF3");
    let mut widths: Vec<usize> = s.headers.iter().map(|h| h.chars().count()).collect();
    for (c, h) in s.headers.iter().enumerate() {
        ws.write_string_with_format(0, col(c)?, h.as_str(), &header).map_err(xlsx)?;
    }
    let rows = s.rows.iter().map(|r| (r, false)).chain(s.total.iter().map(|r| (r, true)));
    for (i, (cells, bold)) in rows.enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| ReportError::Workbook("te veel rijen".into()))?;
        for (c, cell) in cells.iter().enumerate() {
            let mut format = Format::new();
            if let Some(f) = num_format(cell) {
                format = format.set_num_format(f);
            }
            if bold {
                format = format.set_bold();
            }
            let column = col(c)?;
            let width = match cell {
                Cell::Empty => 0,
                Cell::Text(t) => {
                    ws.write_string_with_format(row, column, t.as_str(), &format).map_err(xlsx)?;
                    t.chars().count()
                }
                Cell::Integer(n) => write_number(ws, row, column, *n as f64, &format)?,
                Cell::Number { value, .. } => write_number(ws, row, column, *value, &format)?,
                Cell::Percent { value, .. } => write_number(ws, row, column, *value / 100.0, &format)?,
                Cell::Money(cents) => write_number(ws, row, column, cents.get() as f64 / 100.0, &format)? + 4,
                Cell::Date(d) => {
                    ws.write_datetime_with_format(row, column, excel_date(*d)?, &format).map_err(xlsx)?;
                    10
                }
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(width);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c)?, (*w).clamp(6, 60) as f64 + 2.0).map_err(xlsx)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    let last_row = u32::try_from(s.rows.len()).map_err(|_| ReportError::Workbook("te veel rijen".into()))?;
    if last_row > 0 {
        ws.autofilter(0, 0, last_row, col(s.headers.len() - 1)?).map_err(xlsx)?;
    }
    Ok(())
}

fn write_number(ws: &mut Worksheet, row: u32, col: u16, value: f64, format: &Format) -> Result<usize, ReportError> {
    ws.write_number_with_format(row, col, value, format).map_err(xlsx)?;
    Ok(format!("{value:.2}").len() + 2)
}

fn col(c: usize) -> Result<u16, ReportError> {
    u16::try_from(c).ok().filter(|&c| c < 16_384).ok_or_else(|| ReportError::Workbook("te veel kolommen".into()))
}

#[cfg(test)]
mod tests;
