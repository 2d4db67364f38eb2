//! The file types evidence may have, told by their content.

use serde::{Deserialize, Serialize};

/// The file types evidence may have (checked by content, see [`FileKind::sniff`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Pdf,
    Docx,
    Xlsx,
    Png,
    Jpg,
}

impl FileKind {
    pub const ALL: [FileKind; 5] = [FileKind::Pdf, FileKind::Docx, FileKind::Xlsx, FileKind::Png, FileKind::Jpg];

    pub fn name(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Docx => "docx",
            FileKind::Xlsx => "xlsx",
            FileKind::Png => "png",
            FileKind::Jpg => "jpg",
        }
    }
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Png => "image/png",
            FileKind::Jpg => "image/jpeg",
        }
    }
    /// The kind a file name's extension claims (`verslag.PDF` → pdf, `foto.jpeg` → jpg).
    pub fn from_file_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpeg" => Some(FileKind::Jpg),
            e => Self::ALL.into_iter().find(|k| k.name() == e),
        }
    }
    /// The kind the bytes are, judged by their content (magic numbers; for the two Office
    /// formats, the zip entry that only that format has). `None` for anything else.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        if bytes.starts_with(b"%PDF-") {
            Some(FileKind::Pdf)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(FileKind::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileKind::Jpg)
        } else if bytes.starts_with(b"PK\x03\x04") {
            if contains(b"word/document.xml") {
                Some(FileKind::Docx)
            } else if contains(b"xl/workbook.xml") {
                Some(FileKind::Xlsx)
            } else {
                None
            }
        } else {
            None
        }
    }
}
