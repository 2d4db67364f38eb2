//! Checking an xlsx/ods zip before any spreadsheet code reads it.
//!
//! - at most [`Limits::max_zip_entries`] entries;
//! - every entry is unpacked once into nothing, counting the bytes it really gives (a zip can
//!   declare small sizes and still unpack to gigabytes), and the total stays under
//!   [`Limits::max_unzipped_bytes`]; a declared size over the limit is refused without unpacking;
//! - entries that are read whole stay under [`Limits::max_shared_strings_bytes`] (the shared
//!   strings) or [`Limits::max_part_bytes`] (styles, workbook, relationships, theme…);
//!   worksheets and ods `content.xml` are streamed, so only the total counts for them;
//! - the shared-strings table may not announce more strings (`uniqueCount`) than
//!   [`Limits::max_cells`]: calamine reserves room for that many before reading one;
//! - the styles part may hold at most [`Limits::max_styles`] cell formats (`<xf>`): calamine
//!   keeps every one, at about 150 bytes each.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::Event;
use zip::ZipArchive;
use zip::result::ZipError;

use crate::error::FileError;
use crate::limits::{Limits, thousands};

/// Checks the zip of `bytes`; see the module docs.
pub(crate) fn check(bytes: &[u8], file: &str, limits: &Limits) -> Result<(), FileError> {
    let failed = |reason: String| FileError::Spreadsheet { file: file.to_string(), reason };
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| failed(zip_reason(&e)))?;
    if zip.len() > limits.max_zip_entries {
        return Err(failed(format!(
            "het zip-archief heeft {} onderdelen; Koers leest er hoogstens {}",
            thousands(zip.len() as u64),
            thousands(limits.max_zip_entries as u64)
        )));
    }
    let total_too_large = || FileError::UnpackedTooLarge { file: file.to_string(), limit: limits.max_unzipped_bytes };
    let part_too_large =
        |part: &str, limit: u64| FileError::PartTooLarge { file: file.to_string(), part: part.to_string(), limit };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| failed(zip_reason(&e)))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let part_limit = if is_streamed(&name) {
            limits.max_unzipped_bytes
        } else if is_shared_strings(&name) {
            limits.max_shared_strings_bytes
        } else {
            limits.max_part_bytes
        };
        let room = limits.max_unzipped_bytes.saturating_sub(total);
        // Refuse what the zip itself declares too large, without unpacking it.
        if entry.size() > part_limit {
            return Err(if part_limit < limits.max_unzipped_bytes {
                part_too_large(&name, part_limit)
            } else {
                total_too_large()
            });
        }
        if entry.size() > room {
            return Err(total_too_large());
        }
        let allowed = part_limit.min(room);
        let mut counted = Counted { inner: entry.take(allowed.saturating_add(1)), count: 0 };
        let broken = |e: std::io::Error| failed(entry_reason(&name, &e));
        if is_shared_strings(&name) {
            check_unique_count(&mut counted, limits).map_err(|e| e.into_file_error(file, &name, broken))?;
        } else if is_styles(&name) {
            check_style_count(&mut counted, limits).map_err(|e| e.into_file_error(file, &name, broken))?;
        }
        std::io::copy(&mut counted, &mut std::io::sink()).map_err(broken)?;
        if counted.count > allowed {
            return Err(if allowed == part_limit && part_limit < limits.max_unzipped_bytes {
                part_too_large(&name, part_limit)
            } else {
                total_too_large()
            });
        }
        total = total.saturating_add(counted.count);
    }
    Ok(())
}

/// Worksheets and ods content are read as a stream; every other part is read whole.
fn is_streamed(name: &str) -> bool {
    let name = name.to_ascii_lowercase().replace('\\', "/");
    name == "content.xml" || (name.starts_with("xl/worksheets/") && name.ends_with(".xml"))
}

fn is_styles(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with("styles.xml")
}

fn is_shared_strings(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with("sharedstrings.xml")
}

/// A reader that counts what passes through.
struct Counted<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count = self.count.saturating_add(n as u64);
        Ok(n)
    }
}

enum SstProblem {
    Io(std::io::Error),
    Xml,
    TooMany(String, usize),
    TooManyStyles(usize),
}

impl SstProblem {
    fn into_file_error(self, file: &str, part: &str, broken: impl Fn(std::io::Error) -> FileError) -> FileError {
        match self {
            SstProblem::Io(e) => broken(e),
            SstProblem::Xml => FileError::Spreadsheet {
                file: file.to_string(),
                reason: format!("de XML van onderdeel {part} is ongeldig"),
            },
            SstProblem::TooManyStyles(limit) => FileError::Spreadsheet {
                file: file.to_string(),
                reason: format!(
                    "onderdeel {part} heeft meer dan {} celopmaken; Koers leest er hoogstens zoveel",
                    thousands(limit as u64)
                ),
            },
            SstProblem::TooMany(count, limit) => FileError::Spreadsheet {
                file: file.to_string(),
                reason: format!(
                    "de tabel met teksten kondigt {count} teksten aan; Koers leest er hoogstens {}",
                    thousands(limit as u64)
                ),
            },
        }
    }
}

/// Reads up to the `<sst>` element and checks its `uniqueCount` the way calamine will use it.
fn check_unique_count<R: Read>(reader: &mut R, limits: &Limits) -> Result<(), SstProblem> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(4096, reader));
    let mut buf = Vec::with_capacity(256);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                for attr in e.attributes().flatten() {
                    if attr.key.local_name().as_ref() != "uniqueCount" {
                        continue;
                    }
                    let value = attr.value.trim().to_string();
                    let within = value.bytes().all(|b| b.is_ascii_digit())
                        && value.parse::<u64>().is_ok_and(|n| n <= limits.max_cells as u64);
                    if !within {
                        return Err(SstProblem::TooMany(value.chars().take(30).collect(), limits.max_cells));
                    }
                }
                return Ok(());
            }
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(quick_xml::Error::Io(e)) => {
                return Err(SstProblem::Io(std::io::Error::new(e.kind(), e.to_string())));
            }
            Err(_) => return Err(SstProblem::Xml),
        }
    }
}

/// Counts the cell formats (`<xf>`, in `cellXfs` and `cellStyleXfs`) of a styles part as a
/// stream, stopping at the first one over [`Limits::max_styles`].
fn check_style_count<R: Read>(reader: &mut R, limits: &Limits) -> Result<(), SstProblem> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(4096, reader));
    let mut buf = Vec::with_capacity(256);
    let mut count = 0usize;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "xf" => {
                count += 1;
                if count > limits.max_styles {
                    return Err(SstProblem::TooManyStyles(limits.max_styles));
                }
            }
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(quick_xml::Error::Io(e)) => {
                return Err(SstProblem::Io(std::io::Error::new(e.kind(), e.to_string())));
            }
            Err(_) => return Err(SstProblem::Xml),
        }
    }
}

fn zip_reason(e: &ZipError) -> String {
    match e {
        ZipError::UnsupportedArchive(what) if what.contains("ncrypt") || what.contains("assword") => {
            "het bestand is met een wachtwoord beveiligd; sla het zonder wachtwoord op".into()
        }
        ZipError::UnsupportedArchive(_) => "het zip-archief gebruikt een vorm die Koers niet leest".into(),
        _ => "het zip-archief van het bestand is beschadigd".into(),
    }
}

fn entry_reason(part: &str, e: &std::io::Error) -> String {
    let why = match e.kind() {
        std::io::ErrorKind::InvalidData => "de opgegeven grootte of controlesom klopt niet".to_string(),
        _ => crate::limits::io_nl(e),
    };
    format!("onderdeel {part} van het zip-archief is beschadigd ({why})")
}
