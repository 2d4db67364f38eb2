//! Bytes to text: format detection, encodings and the CSV delimiter.

use std::borrow::Cow;
use std::io::{self, Read};

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// A zip: xlsx or ods.
    Zip,
    /// An old binary Excel (OLE compound file).
    Xls,
    /// Starts with a UTF-16 byte order mark.
    Utf16,
    /// Binary content: a control character in the first line, or a PDF.
    Binary,
    /// Text, read as CSV.
    Text,
}

pub(crate) fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") {
        Sniffed::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Sniffed::Xls
    } else if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        Sniffed::Utf16
    } else if bytes.starts_with(b"%PDF") || first_line(bytes).iter().any(|b| is_control(*b)) {
        Sniffed::Binary
    } else {
        Sniffed::Text
    }
}

/// A control character that no header line of a text table contains.
fn is_control(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x1F | 0x7F)
}

/// Whether a zip is an OpenDocument spreadsheet: its first entry, stored uncompressed, is the
/// file `mimetype` with that media type.
pub(crate) fn is_ods(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(200)).unwrap_or(bytes);
    contains(head, b"mimetype") && contains(head, b"application/vnd.oasis.opendocument.spreadsheet")
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Decodes a UTF-16 file with a byte order mark into UTF-8 bytes.
pub(crate) fn utf16_to_utf8(bytes: &[u8]) -> Vec<u8> {
    let encoding = if bytes.starts_with(&[0xFF, 0xFE]) { UTF_16LE } else { UTF_16BE };
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned().into_bytes()
}

pub(crate) fn strip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The text of one field: UTF-8 when it is valid UTF-8, else Windows-1252.
///
/// Deciding per field gives the same result as deciding per file for every real file (a
/// Windows-1252 field with accented letters is practically never valid UTF-8), and lets the
/// streaming reader decide without reading the whole file first.
pub(crate) fn decode_field(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            text
        }
    }
}

fn push_lf_only(bytes: &[u8], after_cr: &mut bool, mut push: impl FnMut(u8)) {
    for &b in bytes {
        if *after_cr && b == b'\n' {
            *after_cr = false;
            continue;
        }
        *after_cr = b == b'\r';
        push(if b == b'\r' { b'\n' } else { b });
    }
}

/// The longest line a text table may have. No real table comes near; a longer line means the
/// file is not a table (or a hostile one), and the CSV reader would hold all of it.
pub(crate) const MAX_LINE_BYTES: usize = 1 << 20;

/// Turns CRLF and lone CR line ends into LF as bytes are read, so that line numbers are right
/// (the csv crate counts a CRLF record's line end only when it reads the next record). A line
/// longer than [`MAX_LINE_BYTES`] is an error of kind [`io::ErrorKind::FileTooLarge`].
#[derive(Debug)]
pub(crate) struct LfReader<R> {
    inner: R,
    buffer: Vec<u8>,
    after_cr: bool,
    since_newline: usize,
}

impl<R: Read> LfReader<R> {
    pub(crate) fn new(inner: R) -> Self {
        LfReader { inner, buffer: vec![0; 1 << 16], after_cr: false, since_newline: 0 }
    }
}

impl<R: Read> Read for LfReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.read_lf(out)?;
        let written = out.get(..n).unwrap_or_default();
        self.since_newline = match memchr::memrchr(b'\n', written) {
            Some(at) => n - at - 1,
            None => self.since_newline.saturating_add(n),
        };
        if self.since_newline > MAX_LINE_BYTES {
            return Err(io::Error::new(io::ErrorKind::FileTooLarge, "regel te lang"));
        }
        Ok(n)
    }
}

impl<R: Read> LfReader<R> {
    fn read_lf(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let want = out.len().min(self.buffer.len());
        loop {
            let Some(chunk) = self.buffer.get_mut(..want) else {
                return Ok(0);
            };
            let n = self.inner.read(chunk)?;
            let Some(read) = self.buffer.get(..n) else {
                return Ok(0);
            };
            if n == 0 {
                return Ok(0);
            }
            if !self.after_cr && !read.contains(&b'\r') {
                if let Some(dest) = out.get_mut(..n) {
                    dest.copy_from_slice(read);
                }
                return Ok(n);
            }
            let mut slots = out.iter_mut();
            let mut written = 0;
            push_lf_only(read, &mut self.after_cr, |b| {
                if let Some(slot) = slots.next() {
                    *slot = b;
                    written += 1;
                }
            });
            if written > 0 {
                return Ok(written);
            }
        }
    }
}

/// Whether a cell is empty or only white space (any Unicode white space).
pub(crate) fn is_blank(bytes: &[u8]) -> bool {
    bytes.trim_ascii().is_empty() || decode_field(bytes).trim().is_empty()
}

/// The bytes of the first non-blank line (up to a line break outside quotes).
pub(crate) fn first_line(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !matches!(b, b'\r' | b'\n'));
    let bytes = bytes.get(start.unwrap_or(bytes.len())..).unwrap_or_default();
    let mut quoted = false;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => return bytes.get(..i).unwrap_or(bytes),
            _ => {}
        }
    }
    bytes
}

/// The delimiter of a header line: whichever of `;`, `,` and tab occurs most outside quotes.
/// Ties go to `;`, then `,`; a single-column file gets `;`.
pub(crate) fn sniff_delimiter(header_line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in header_line {
        match b {
            b'"' => quoted = !quoted,
            b';' if !quoted => counts[0] += 1,
            b',' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let mut best = (b';', counts[0]);
    for (delimiter, count) in [(b',', counts[1]), (b'\t', counts[2])] {
        if count > best.1 {
            best = (delimiter, count);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter(b"a;b;c"), b';');
        assert_eq!(sniff_delimiter(b"a,b;c,d"), b',');
        assert_eq!(sniff_delimiter(b"\"a;b\",c"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\tc,d"), b'\t');
        assert_eq!(sniff_delimiter(b"ovt"), b';');
    }

    #[test]
    fn fields_and_lines() {
        assert_eq!(decode_field(b"caf\xc3\xa9"), "café");
        assert_eq!(decode_field(b"caf\xe9 \x96"), "café –");
        assert_eq!(first_line(b"\"a\nb\";c\nd"), b"\"a\nb\";c");
        assert_eq!(first_line(b"\r\n\na,b\r\nc"), b"a,b");
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        let mut streamed = Vec::new();
        let input: &[u8] = b"a\r\nb\rc\n\r\n";
        // One byte at a time, so a CR and its LF arrive in different reads.
        let mut reader = LfReader::new(std::io::Read::take(input, 100));
        let mut byte = [0u8; 1];
        while reader.read(&mut byte).unwrap_or(0) == 1 {
            streamed.extend_from_slice(&byte);
        }
        assert_eq!(streamed, b"a\nb\nc\n\n");
        assert_eq!(sniff(b"a;b\x00"), Sniffed::Binary);
        assert_eq!(sniff(b"a;b\nc\x00"), Sniffed::Text);
    }
}
