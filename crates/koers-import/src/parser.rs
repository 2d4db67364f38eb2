//! The row loop every parser shares, for a [`Table`] and for rows streamed from a file.
//!
//! A parser is a [`RowParser`]: built from the header, it turns one row into a value (or a
//! [`RowError`]), and at the end turns those values into its records (most keep them as they
//! are; the sbo/so/vso file groups rows per location). The [`Driver`] feeds it, skips blank
//! rows, checks the row width, keeps the first rejections and counts the rest, and stops with
//! [`FileError::TooManyRows`] before it would keep more than [`Limits::max_rows`] values.

use crate::columns::{Columns, Ctx, RowCells};
use crate::error::{FileError, Parsed, RowError};
use crate::kind::{FileKind, ParsedFile};
use crate::limits::{Limits, Rejections};
use crate::table::Table;

/// One kind of file, parsed row by row.
pub(crate) trait RowParser: Sized {
    /// What one row gives.
    type Row;
    /// What the file gives.
    type Record;
    /// The kind of file.
    const KIND: FileKind;
    /// Finds the columns; a missing required column is a [`FileError::MissingColumns`].
    fn new(columns: &Columns, file: &str) -> Result<Self, FileError>;
    /// Parses one non-blank row that is at least as wide as the header.
    fn parse_row<C: RowCells + ?Sized>(&mut self, ctx: &Ctx<'_, C>) -> Result<Self::Row, RowError>;
    /// Turns the rows into records, in file order.
    fn finish(self, rows: Vec<Self::Row>) -> Vec<Self::Record>;
    /// The records as a [`ParsedFile`].
    fn wrap(parsed: Parsed<Self::Record>) -> ParsedFile;
}

/// Feeds rows to a parser and collects what it gives.
#[derive(Debug)]
pub(crate) struct Driver<P: RowParser> {
    parser: P,
    columns: Columns,
    file: String,
    rows: Vec<P::Row>,
    rejections: Rejections,
    max_rows: usize,
}

impl<P: RowParser> Driver<P> {
    pub(crate) fn new(headers: &[String], file: &str, limits: &Limits) -> Result<Self, FileError> {
        let columns = Columns::new(headers);
        let parser = P::new(&columns, file)?;
        Ok(Driver {
            parser,
            columns,
            file: file.to_string(),
            rows: Vec::new(),
            rejections: Rejections::new(limits.kept_rejections),
            max_rows: limits.max_rows,
        })
    }

    /// Parses one row; blank rows are skipped.
    pub(crate) fn feed<C: RowCells + ?Sized>(&mut self, line: usize, cells: &C) -> Result<(), FileError> {
        let ctx = Ctx { file: &self.file, line, columns: &self.columns, cells };
        if ctx.is_blank() {
            return Ok(());
        }
        match ctx.check_width().and_then(|()| self.parser.parse_row(&ctx)) {
            Ok(row) => {
                if self.rows.len() >= self.max_rows {
                    return Err(FileError::TooManyRows { file: self.file.clone(), limit: self.max_rows });
                }
                self.rows.push(row);
            }
            Err(error) => self.rejections.push(error),
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> Parsed<P::Record> {
        let (rejected, rejected_total) = self.rejections.into_parts();
        Parsed { records: self.parser.finish(self.rows), rejected, rejected_total, file: self.file }
    }
}

/// Parses every row of a table with `P`.
pub(crate) fn parse_table<P: RowParser>(table: &Table) -> Result<Parsed<P::Record>, FileError> {
    // The table is in memory within its own limits; each of its rows yields at most one
    // rejection, so every rejection is kept (the register stores them all for its paged report).
    let limits = Limits { max_rows: usize::MAX, kept_rejections: usize::MAX, ..Limits::default() };
    let mut driver = Driver::<P>::new(&table.headers, &table.file, &limits)?;
    for row in &table.rows {
        driver.feed(row.line, row.cells.as_slice())?;
    }
    Ok(driver.finish())
}

/// A [`Driver`] of any kind, behind one interface, for streaming a file whose kind is known
/// only once its header is read.
pub(crate) trait Feed {
    fn feed_cells(&mut self, line: usize, cells: &crate::source::RowRef<'_>) -> Result<(), FileError>;
    fn finish_any(self: Box<Self>) -> ParsedFile;
}

impl<P: RowParser> Feed for Driver<P> {
    fn feed_cells(&mut self, line: usize, cells: &crate::source::RowRef<'_>) -> Result<(), FileError> {
        self.feed(line, cells)
    }

    fn finish_any(self: Box<Self>) -> ParsedFile {
        P::wrap(self.finish())
    }
}
