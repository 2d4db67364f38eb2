//! Bounds on what one file may cost, checked before anything is allocated, and the capped list
//! of rejected rows.
//!
//! A file can be small on disk and huge in memory: a spreadsheet that declares a cell at
//! `XFD1048576`, a zip of repeated XML, a CSV of millions of one-byte rows. Every reader of this
//! crate counts against [`Limits`] as it goes and stops with a Dutch [`FileError`] the moment a
//! limit is passed; rejected rows are kept up to [`Limits::kept_rejections`] and counted beyond.

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{FileError, RowError};

/// What one file may cost. [`Limits::default`] keeps the peak memory of reading any file well
/// under 300 MB while leaving every real public file (the largest has 13,041 rows × 52 columns)
/// far inside the bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest file accepted, in bytes (the web upload takes at most 50 MB too).
    pub max_file_bytes: u64,
    /// Most data rows a [`crate::Table`] holds, and most records one parse keeps.
    pub max_rows: usize,
    /// Most columns of a row (the highest column a spreadsheet cell may sit in).
    pub max_columns: usize,
    /// Most cells a [`crate::Table`] holds in total.
    pub max_cells: usize,
    /// Most bytes of cell text a [`crate::Table`] holds in total.
    pub max_text_bytes: usize,
    /// Rejected rows kept with their [`RowError`]; the rest are only counted.
    pub kept_rejections: usize,
    /// Most entries in an xlsx/ods zip.
    pub max_zip_entries: usize,
    /// Most bytes all entries of an xlsx/ods zip may unpack to (counted while unpacking, so a
    /// zip that lies about its sizes is caught too).
    pub max_unzipped_bytes: u64,
    /// Most bytes the shared-strings table of an xlsx may unpack to (it is read whole, about
    /// three times its size in memory).
    pub max_shared_strings_bytes: u64,
    /// Most bytes any other entry that is read whole (styles, workbook, relationships, theme)
    /// may unpack to. Styles cost the most: about 30 times their XML in memory.
    pub max_part_bytes: u64,
    /// Most cell formats (`<xf>` elements) an xlsx styles part may hold. Excel itself allows
    /// 64,000; a styles part of empty `<xf/>` elements fits 800,000 in [`Limits::max_part_bytes`]
    /// and costs calamine about 130 MB.
    pub max_styles: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_rows: 500_000,
            max_columns: 1_000,
            max_cells: 2_000_000,
            max_text_bytes: 64 * 1024 * 1024,
            kept_rejections: 10_000,
            max_zip_entries: 1_000,
            max_unzipped_bytes: 100 * 1024 * 1024,
            max_shared_strings_bytes: 16 * 1024 * 1024,
            max_part_bytes: 4 * 1024 * 1024,
            max_styles: 65_536,
        }
    }
}

/// Rejected rows: the first [`Limits::kept_rejections`] with their error, and the total count.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rejections {
    kept: Vec<RowError>,
    total: usize,
    keep: usize,
}

impl Rejections {
    /// Keeps at most `keep` errors.
    pub fn new(keep: usize) -> Self {
        Rejections { kept: Vec::new(), total: 0, keep }
    }

    /// Counts a rejected row and keeps its error while there is room.
    pub fn push(&mut self, error: RowError) {
        self.total = self.total.saturating_add(1);
        if self.kept.len() < self.keep {
            self.kept.push(error);
        }
    }

    /// Every rejected row, also those whose error was not kept.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The kept errors, in file order.
    pub fn kept(&self) -> &[RowError] {
        &self.kept
    }

    /// Rejected rows whose error was not kept.
    pub fn not_kept(&self) -> usize {
        self.total - self.kept.len()
    }

    /// Whether no row was rejected.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The kept errors and the total.
    pub fn into_parts(self) -> (Vec<RowError>, usize) {
        (self.kept, self.total)
    }
}

/// Reads a file from disk, refusing one larger than [`Limits::max_file_bytes`] before reading it.
/// `file_name` is used in messages.
pub fn read_file(path: &Path, file_name: &str, limits: &Limits) -> Result<Vec<u8>, FileError> {
    let unreadable = |e: std::io::Error| FileError::Unreadable { file: file_name.to_string(), reason: io_nl(&e) };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > limits.max_file_bytes {
        return Err(FileError::TooLarge { file: file_name.to_string(), bytes: size, limit: limits.max_file_bytes });
    }
    read_all(file, file_name, limits)
}

/// Reads everything from `reader`, up to [`Limits::max_file_bytes`]; more is an error (the
/// rest is not read).
pub fn read_all(reader: impl Read, file_name: &str, limits: &Limits) -> Result<Vec<u8>, FileError> {
    let mut bytes = Vec::new();
    reader
        .take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::Unreadable { file: file_name.to_string(), reason: io_nl(&e) })?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(FileError::TooLarge {
            file: file_name.to_string(),
            bytes: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    Ok(bytes)
}

/// An I/O error in Dutch, for the common cases; the system's text otherwise.
pub(crate) fn io_nl(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "het bestand bestaat niet".into(),
        ErrorKind::PermissionDenied => "geen toestemming om het bestand te lezen".into(),
        ErrorKind::IsADirectory => "dit is een map, geen bestand".into(),
        ErrorKind::InvalidData => "het bestand is beschadigd".into(),
        ErrorKind::UnexpectedEof => "het bestand houdt onverwacht op".into(),
        ErrorKind::FileTooLarge => format!(
            "een regel is langer dan {}; is het wel een tabel (CSV)?",
            size_nl(crate::text::MAX_LINE_BYTES as u64)
        ),
        _ => "leesfout van het besturingssysteem".into(),
    }
}

/// A count with Dutch thousands separators: `1.048.576`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A size in bytes as a Dutch reader writes it, in units of 1024 as a file manager shows them:
/// `1,7 GB`, `50 MB`, `1,6 kB`.
pub(crate) fn size_nl(bytes: u64) -> String {
    const UNITS: [(&str, f64); 3] = [("GB", 1_073_741_824.0), ("MB", 1_048_576.0), ("kB", 1024.0)];
    for (unit, size) in UNITS {
        let value = bytes as f64 / size;
        if value >= 1.0 {
            let text = if value >= 10.0 || value.fract() < 0.05 {
                format!("{}", value.round() as u64)
            } else {
                format!("{value:.1}").replace('.', ",")
            };
            return format!("{text} {unit}");
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(line: usize) -> RowError {
        RowError { file: "f".into(), line, column: String::new(), value: String::new(), problem: "p".into() }
    }

    #[test]
    fn rejections_keep_the_first_and_count_all() {
        let mut r = Rejections::new(2);
        assert!(r.is_empty());
        for line in 2..7 {
            r.push(error(line));
        }
        assert_eq!((r.total(), r.not_kept()), (5, 3));
        assert_eq!(r.kept().iter().map(|e| e.line).collect::<Vec<_>>(), [2, 3]);
        let mut none = Rejections::new(0);
        none.push(error(2));
        assert_eq!((none.total(), none.kept().len()), (1, 0));
    }

    #[test]
    fn sizes_and_counts_in_dutch() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1.000");
        assert_eq!(thousands(1_048_576), "1.048.576");
        assert_eq!(size_nl(1_800_000_000), "1,7 GB");
        assert_eq!(size_nl(50 * 1024 * 1024), "50 MB");
        assert_eq!(size_nl(1_600), "1,6 kB");
        assert_eq!(size_nl(1_024), "1 kB");
        assert_eq!(size_nl(12), "12 bytes");
    }

    #[test]
    fn reading_stops_past_the_limit() {
        let limits = Limits { max_file_bytes: 4, ..Limits::default() };
        assert_eq!(read_all(&b"abcd"[..], "f", &limits), Ok(b"abcd".to_vec()));
        let err = read_all(&b"abcdef"[..], "f.csv", &limits).map_err(|e| e.to_string());
        assert!(err.is_err_and(|e| e.contains("f.csv is te groot")));
        let missing = read_file(Path::new("/bestaat/niet.csv"), "niet.csv", &limits).map_err(|e| e.to_string());
        assert_eq!(missing, Err("bestand niet.csv kon niet worden gelezen: het bestand bestaat niet".to_string()));
    }
}
