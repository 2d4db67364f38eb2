//! Hostile files for the memory-bound tests: small on disk, enormous when read naively.
//! Generated in the tests, never committed.
//!
//! - [`xlsx_corners`]: 1.6 kB, cells only at `A1` and `XFD1048576`, a declared dimension of the
//!   whole grid (a dense reader asks for 16,384 × 1,048,576 cells, 512 GiB);
//! - [`xlsx_expanding`]: a worksheet of `xml_bytes` of XML deflated to about 1/700 (1.8 GB of
//!   XML in 2.5 MB), declared honestly or with lying sizes;
//! - [`xlsx_shared_strings_claim`]: a shared-strings table announcing `count` strings;
//! - [`xlsx_styles`]: a styles part of empty cell formats (calamine holds ~30× its size);
//! - [`xlsx_shared_string_everywhere`]: one long shared string in every cell (each cell read is
//!   a copy: 100 kB × 1,000 columns is 100 MB a row);
//! - [`ods_repeats`]: a row of one value repeated over every column and row;
//! - [`csv_bad_rows`]: the Inspectie header and `rows` lines of `x` (3 M rows: 5.7 MB).

use flate2::{Compress, Compression, FlushCompress};

/// One zip entry, already compressed.
pub(crate) struct Entry {
    name: String,
    /// 0 stored, 8 deflated.
    method: u16,
    data: Vec<u8>,
    crc: u32,
    size: u32,
}

impl Entry {
    pub(crate) fn deflated(name: &str, text: &[u8]) -> Entry {
        let mut data = deflate(text, FlushCompress::Sync);
        data.extend_from_slice(&[0x03, 0x00]);
        Entry { name: name.into(), method: 8, data, crc: crc32fast::hash(text), size: len32(text.len() as u64) }
    }

    pub(crate) fn stored(name: &str, text: &[u8]) -> Entry {
        Entry {
            name: name.into(),
            method: 0,
            data: text.to_vec(),
            crc: crc32fast::hash(text),
            size: len32(text.len() as u64),
        }
    }
}

fn len32(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Raw deflate of `input` in a fresh stream, ending with `flush` (Sync: byte-aligned and not
/// final, so independently compressed pieces can be concatenated).
fn deflate(input: &[u8], flush: FlushCompress) -> Vec<u8> {
    let mut z = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(input.len() / 64 + 1024);
    loop {
        if out.len() == out.capacity() {
            out.reserve(64 * 1024);
        }
        let consumed = usize::try_from(z.total_in()).unwrap_or(usize::MAX);
        let _ = z.compress_vec(input.get(consumed..).unwrap_or_default(), &mut out, flush);
        // All input taken and room left over: the flush is complete.
        if usize::try_from(z.total_in()).unwrap_or(usize::MAX) >= input.len() && out.len() < out.capacity() {
            return out;
        }
    }
}

/// A zip archive of `entries`, in order.
pub(crate) fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = len32(out.len() as u64);
        let name = e.name.as_bytes();
        let name_len = u16::try_from(name.len()).unwrap_or(u16::MAX);
        let compressed = len32(e.data.len() as u64);
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        for v in [20u16, 0, e.method, 0, 0x21] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [e.crc, compressed, e.size] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name);
        out.extend_from_slice(&e.data);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        for v in [20u16, 20, 0, e.method, 0, 0x21] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [e.crc, compressed, e.size] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [name_len, 0, 0, 0, 0] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let count = u16::try_from(entries.len()).unwrap_or(u16::MAX);
    let (cd_offset, cd_size) = (len32(out.len() as u64), len32(central.len() as u64));
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, count, count] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

/// The parts of a one-sheet workbook around `sheet` (and extra parts).
fn workbook(sheet: Entry, extra: Vec<Entry>) -> Vec<u8> {
    let mut entries = vec![
        Entry::deflated("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        Entry::deflated("_rels/.rels", ROOT_RELS.as_bytes()),
        Entry::deflated("xl/workbook.xml", WORKBOOK.as_bytes()),
        Entry::deflated("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        sheet,
    ];
    entries.extend(extra);
    zip(&entries)
}

/// An xlsx of about 1.6 kB holding only `A1` (`ovt`) and `XFD1048576` (`1`), declaring the
/// whole grid as its dimension.
pub fn xlsx_corners() -> Vec<u8> {
    let sheet = format!(
        r#"{SHEET_START}<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ovt</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#
    );
    workbook(Entry::deflated("xl/worksheets/sheet1.xml", sheet.as_bytes()), Vec::new())
}

/// An xlsx whose worksheet is about `xml_bytes` of XML (rows of 16 numbers between runs of
/// white space), deflated by repeating one compressed 1 MiB piece: 1.8 GB of XML is about
/// 2.5 MB. With `honest_sizes` false the zip declares the worksheet to be 1 kB.
pub fn xlsx_expanding(xml_bytes: u64, honest_sizes: bool) -> Vec<u8> {
    let row = format!("<row>{}</row>", "<c><v>1</v></c>".repeat(16));
    // One seventeenth rows, the rest white space between them: deflate packs the rows about
    // 257:1 and the white space about 1000:1, together about 720:1.
    let unit = format!("{}{}", row.repeat(6), " ".repeat(6 * 16 * row.len()));
    let piece = unit.repeat((1 << 20) / unit.len());
    let start = format!(
        r#"{SHEET_START}<dimension ref="A1:P1"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ovt</t></is></c></row>"#
    );
    let end = "</sheetData></worksheet>";
    let pieces = xml_bytes.saturating_sub((start.len() + end.len()) as u64) / piece.len() as u64;

    let compressed_piece = deflate(piece.as_bytes(), FlushCompress::Sync);
    let mut data = deflate(start.as_bytes(), FlushCompress::Sync);
    data.reserve(compressed_piece.len() * usize::try_from(pieces).unwrap_or(0) + 1024);
    for _ in 0..pieces {
        data.extend_from_slice(&compressed_piece);
    }
    data.extend_from_slice(&deflate(end.as_bytes(), FlushCompress::Sync));
    data.extend_from_slice(&[0x03, 0x00]);

    let mut crc = crc32fast::Hasher::new();
    crc.update(start.as_bytes());
    let mut piece_crc = crc32fast::Hasher::new();
    piece_crc.update(piece.as_bytes());
    for _ in 0..pieces {
        crc.combine(&piece_crc);
    }
    let mut end_crc = crc32fast::Hasher::new();
    end_crc.update(end.as_bytes());
    crc.combine(&end_crc);
    let total = (start.len() + end.len()) as u64 + pieces * piece.len() as u64;
    let size = if honest_sizes { len32(total) } else { 1024 };
    let sheet = Entry { name: "xl/worksheets/sheet1.xml".into(), method: 8, data, crc: crc.finalize(), size };
    workbook(sheet, Vec::new())
}

/// An xlsx whose shared-strings table announces `count` strings (and holds one).
pub fn xlsx_shared_strings_claim(count: u64) -> Vec<u8> {
    let sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{count}"><si><t>ovt</t></si></sst>"#
    );
    let sheet =
        format!(r#"{SHEET_START}<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#);
    workbook(
        Entry::deflated("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        vec![Entry::deflated("xl/sharedStrings.xml", sst.as_bytes())],
    )
}

/// An xlsx with the three-year schoolweging header whose shared-strings table holds one string
/// of `len` letters, referenced by every cell of `rows` rows of `columns` columns (each cell
/// read as text is a copy of it).
pub fn xlsx_shared_string_everywhere(len: usize, rows: usize, columns: usize) -> Vec<u8> {
    let sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{}</t></si></sst>"#,
        "a".repeat(len)
    );
    let row = format!("<row>{}</row>", r#"<c t="s"><v>0</v></c>"#.repeat(columns));
    let sheet = format!(
        r#"{SHEET_START}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ovt</t></is></c><c r="B1" t="inlineStr"><is><t>naam</t></is></c><c r="C1" t="inlineStr"><is><t>schoolweging_driejaarsgemiddelde</t></is></c></row>{}</sheetData></worksheet>"#,
        row.repeat(rows)
    );
    workbook(
        Entry::deflated("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        vec![Entry::deflated("xl/sharedStrings.xml", sst.as_bytes())],
    )
}

/// An xlsx with `ovt` in A1 and a styles part of about `xml_bytes` of empty cell formats.
pub fn xlsx_styles(xml_bytes: usize) -> Vec<u8> {
    let count = xml_bytes.saturating_sub(200) / 5;
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="{count}">{}</cellXfs></styleSheet>"#,
        "<xf/>".repeat(count)
    );
    let sheet = format!(
        r#"{SHEET_START}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ovt</t></is></c></row></sheetData></worksheet>"#
    );
    workbook(
        Entry::deflated("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        vec![Entry::deflated("xl/styles.xml", styles.as_bytes())],
    )
}

/// An ods whose first row is `ovt` and whose next row holds the value 1 in `columns` columns,
/// repeated `rows` times (16,384 × 1,048,575 is the whole grid: calamine expands it to 100 M
/// cells, about 3 GB).
pub fn ods_repeats(columns: u64, rows: u64) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Blad1"><table:table-row><table:table-cell office:value-type="string"><text:p>ovt</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="{columns}" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    ods_package(&content)
}

/// An ods package around `content` (the text of `content.xml`).
pub(crate) fn ods_package(content: &str) -> Vec<u8> {
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip(&[
        Entry::stored("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        Entry::deflated("META-INF/manifest.xml", manifest.as_bytes()),
        Entry::deflated("content.xml", content.as_bytes()),
    ])
}

/// The Inspectie results header and `rows` lines holding only `x`: every row is rejected.
pub fn csv_bad_rows(rows: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(crate::synthetic::HEADER.len() + 1 + 2 * rows);
    out.extend_from_slice(crate::synthetic::HEADER.as_bytes());
    out.push(b'\n');
    for _ in 0..rows {
        out.extend_from_slice(b"x\n");
    }
    out
}
