//! OpenDocument spreadsheets, read as a stream of XML events from `content.xml`.
//!
//! calamine reads ods into a dense range, expanding every `number-rows-repeated` and
//! `number-columns-repeated` up to 100 million cells (about 3 GB) — so ods is read here with
//! quick-xml instead: repeated empty rows and cells only move the position, repeated non-empty
//! cells count against [`Limits::max_columns`], repeated non-empty rows are handed over once per
//! repeat (the visitor counts them), and a cell's text is capped at Excel's 32,767 characters.

use std::io::{BufRead, BufReader, Cursor};

use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::{MAX_CELL_CHARS, SheetRows, float_text, zipscan};
use crate::error::FileError;
use crate::limits::{Limits, thousands};
use crate::source::RowVisitor;

/// The most rows a worksheet can have (as in Excel and LibreOffice).
const MAX_ROWS: u64 = 1_048_576;

/// Reads the first table of an ods workbook cell by cell into `visitor`.
pub(crate) fn visit_ods(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
    visitor: &mut dyn RowVisitor,
) -> Result<(), FileError> {
    zipscan::check(bytes, file, limits)?;
    let failed = |reason: String| FileError::Spreadsheet { file: file.to_string(), reason };
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| failed("het zip-archief van het bestand is beschadigd".into()))?;
    let content = zip
        .by_name("content.xml")
        .map_err(|_| failed("onderdeel content.xml ontbreekt; is het een echt .ods-bestand?".into()))?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(1 << 16, content));
    xml.config_mut().trim_text(false);
    xml.config_mut().check_end_names = false;
    let mut reader = OdsReader { xml, buf: Vec::with_capacity(1024), depth: 0, file, failed: &failed };
    let mut rows = SheetRows::new(visitor, file, limits);
    if !reader.find_first_table()? {
        return Err(FileError::NoSheet { file: file.to_string() });
    }
    let mut row_index: u64 = 0;
    let mut cells: Vec<String> = Vec::new();
    while let Next::RowStart { repeats, empty } = reader.next()? {
        if !empty {
            reader.read_row(&mut rows, row_index, &mut cells)?;
        }
        if cells.is_empty() {
            row_index = row_index.saturating_add(repeats);
            continue;
        }
        if row_index.saturating_add(repeats) > MAX_ROWS {
            return Err(failed(format!("het werkblad heeft meer dan {} rijen", thousands(MAX_ROWS))));
        }
        for k in 0..repeats {
            rows.row(u32::try_from(row_index + k).unwrap_or(u32::MAX), &mut cells)?;
        }
        row_index += repeats;
        cells.clear();
    }
    rows.finish()
}

enum Next {
    RowStart {
        repeats: u64,
        empty: bool,
    },
    /// The end of the table, or of the file.
    End,
}

struct OdsReader<'a, R, F> {
    xml: quick_xml::Reader<R>,
    buf: Vec<u8>,
    /// Depth inside the table, in elements around rows (header rows, row groups).
    depth: usize,
    file: &'a str,
    failed: &'a F,
}

impl<R: BufRead, F: Fn(String) -> FileError> OdsReader<'_, R, F> {
    fn event(&mut self) -> Result<Event<'static>, FileError> {
        self.buf.clear();
        match self.xml.read_event_into(&mut self.buf) {
            Ok(event) => Ok(event.into_owned()),
            Err(_) => Err((self.failed)("de XML van onderdeel content.xml is ongeldig".into())),
        }
    }

    /// Moves to just inside the first `table:table`; false when there is none.
    fn find_first_table(&mut self) -> Result<bool, FileError> {
        loop {
            match self.event()? {
                Event::Start(e) if e.name().as_ref() == "table:table" => return Ok(true),
                Event::Eof => return Ok(false),
                _ => {}
            }
        }
    }

    /// The next row of the table (rows may sit inside header-rows or row-group elements).
    fn next(&mut self) -> Result<Next, FileError> {
        loop {
            match self.event()? {
                Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                    return Ok(Next::RowStart { repeats: repeats(&e, "table:number-rows-repeated"), empty: false });
                }
                Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                    return Ok(Next::RowStart { repeats: repeats(&e, "table:number-rows-repeated"), empty: true });
                }
                Event::Start(_) => self.depth += 1,
                Event::End(_) if self.depth == 0 => return Ok(Next::End),
                Event::End(_) => self.depth -= 1,
                Event::Eof => return Ok(Next::End),
                _ => {}
            }
        }
    }

    /// Reads the cells of one row into `cells` (0-based `row`, for messages).
    fn read_row(&mut self, rows: &mut SheetRows<'_>, row: u64, cells: &mut Vec<String>) -> Result<(), FileError> {
        let row32 = u32::try_from(row).unwrap_or(u32::MAX);
        let mut col: u64 = 0;
        loop {
            let (start, has_content) = match self.event()? {
                Event::Start(e) if is_cell(&e) => (e, true),
                Event::Empty(e) if is_cell(&e) => (e, false),
                Event::End(e) if e.name().as_ref() == "table:table-row" => return Ok(()),
                Event::Eof => return Ok(()),
                _ => continue,
            };
            let repeats = repeats(&start, "table:number-columns-repeated");
            let text = self.cell_text(&start, has_content, row32, col)?;
            if !text.trim().is_empty() {
                for k in 0..repeats {
                    let at = u32::try_from(col.saturating_add(k)).unwrap_or(u32::MAX);
                    rows.put(cells, row32, at, &text)?;
                }
            }
            col = col.saturating_add(repeats);
        }
    }

    /// The text a person sees in a cell: its value attribute, or its paragraphs.
    fn cell_text(&mut self, cell: &BytesStart<'_>, has_content: bool, row: u32, col: u64) -> Result<String, FileError> {
        let mut value_type = None;
        let mut value = None;
        for attr in cell.attributes().flatten() {
            let key = attr.key.as_ref().to_string();
            let text = quick_xml::escape::unescape(&attr.value).map(|v| v.into_owned()).unwrap_or_default();
            match key.as_str() {
                "office:value-type" => value_type = Some(text),
                "office:value"
                | "office:date-value"
                | "office:time-value"
                | "office:boolean-value"
                | "office:string-value"
                    if value.is_none() =>
                {
                    value = Some((key, text));
                }
                _ => {}
            }
        }
        let content = if has_content { self.paragraphs(row, col)? } else { String::new() };
        Ok(match value {
            Some((key, v)) if key == "office:value" => v.trim().parse::<f64>().map(float_text).unwrap_or(v),
            Some((key, v)) if key == "office:boolean-value" => {
                if v.eq_ignore_ascii_case("true") {
                    "WAAR".into()
                } else {
                    "ONWAAR".into()
                }
            }
            Some((key, v)) if key == "office:date-value" => {
                v.strip_suffix("T00:00:00").map(str::to_string).unwrap_or(v)
            }
            Some((_, v)) => v,
            None if value_type.as_deref().is_none_or(|t| t == "string") => content,
            None => String::new(),
        })
    }

    /// The paragraphs of a cell up to its end tag, joined by line breaks; notes are skipped.
    fn paragraphs(&mut self, row: u32, col: u64) -> Result<String, FileError> {
        let mut text = String::new();
        let mut depth = 1usize;
        let mut paragraphs = 0usize;
        let mut note_depth: Option<usize> = None;
        while depth > 0 {
            let in_note = note_depth.is_some();
            match self.event()? {
                Event::Start(e) => {
                    depth += 1;
                    match e.name().as_ref() {
                        "office:annotation" if !in_note => note_depth = Some(depth),
                        "text:p" if !in_note => {
                            if paragraphs > 0 {
                                text.push('\n');
                            }
                            paragraphs += 1;
                        }
                        "text:s" if !in_note => push_spaces(&mut text, &e),
                        _ => {}
                    }
                }
                Event::Empty(e) if !in_note => match e.name().as_ref() {
                    "text:s" => push_spaces(&mut text, &e),
                    "text:tab" => text.push('\t'),
                    "text:line-break" => text.push('\n'),
                    "text:p" => {
                        if paragraphs > 0 {
                            text.push('\n');
                        }
                        paragraphs += 1;
                    }
                    _ => {}
                },
                Event::End(_) => {
                    if note_depth == Some(depth) {
                        note_depth = None;
                    }
                    depth -= 1;
                }
                Event::Text(t) if !in_note => text.push_str(&t.xml10_content()),
                Event::CData(t) if !in_note => text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) if !in_note => {
                    if let Some(s) = quick_xml::escape::resolve_xml_entity(&r) {
                        text.push_str(s);
                    } else if let Ok(Some(c)) = r.resolve_char_ref() {
                        text.push(c);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            if text.len() > MAX_CELL_CHARS * 4 {
                return Err(FileError::TooMuchContent {
                    file: self.file.to_string(),
                    what: format!(
                        "{} tekens in één cel (cel {}{})",
                        thousands(MAX_CELL_CHARS as u64),
                        super::column_name(usize::try_from(col).unwrap_or(usize::MAX)),
                        u64::from(row) + 1
                    ),
                });
            }
        }
        Ok(text)
    }
}

fn is_cell(e: &BytesStart<'_>) -> bool {
    matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell")
}

/// A repeat count attribute: 1 when absent or unreadable, never 0.
fn repeats(e: &BytesStart<'_>, name: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// `<text:s text:c="N"/>`: N spaces, at most as many as a cell can hold.
fn push_spaces(text: &mut String, e: &BytesStart<'_>) {
    let n = repeats(e, "text:c").min(MAX_CELL_CHARS as u64 + 1);
    text.extend(std::iter::repeat_n(' ', usize::try_from(n).unwrap_or(1)));
}
