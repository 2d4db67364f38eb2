//! Recognising which of the known files a table is, and parsing a file of any known kind.

use serde::{Deserialize, Serialize};

use crate::columns::{RowCells, normalize};
use crate::error::{FileError, Parsed, RowError};
use crate::limits::Limits;
use crate::parser::{Driver, Feed, RowParser};
use crate::source::{RowRef, RowVisitor};
use crate::table::Table;
use crate::{
    DuoExamenRecord, DuoReferentieRecord, DuoSoortPoRecord, DuoVestigingRecord, DuoVestigingVoRecord,
    InspectieResultRow, SchoolLocatieRecord, SchoolwegingDriejaarsRecord, SchoolwegingJaarRecord,
};

/// The files this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FileKind {
    /// Inspectie, leerresultaten primair onderwijs (per `ovt`, per school year).
    InspectieResultaten,
    /// Inspectie, schoolweging as a three-year mean.
    SchoolwegingDriejaars,
    /// Inspectie, schoolweging per school year.
    SchoolwegingPerJaar,
    /// DUO, pupils per reached reference level, per vestiging.
    DuoReferentieniveaus,
    /// DUO, register of primary school vestigingen.
    DuoVestigingen,
    /// DUO, register of VO vestigingen (with `ONDERWIJSSTRUCTUUR`).
    DuoVestigingenVo,
    /// DUO, pupils per primary location by kind (bo, sbo, so, vso) and cluster.
    DuoLeerlingenSoortPo,
    /// DUO, exam candidates and passes per VO location and programme.
    DuoExamensVo,
    /// Every school location with type and coordinates.
    ScholenGeo,
}

impl FileKind {
    /// Every kind, in the order [`detect_kind`] tries them.
    pub const ALL: [FileKind; 9] = [
        FileKind::InspectieResultaten,
        FileKind::SchoolwegingDriejaars,
        FileKind::SchoolwegingPerJaar,
        FileKind::DuoReferentieniveaus,
        FileKind::DuoLeerlingenSoortPo,
        FileKind::DuoExamensVo,
        FileKind::DuoVestigingenVo,
        FileKind::DuoVestigingen,
        FileKind::ScholenGeo,
    ];

    /// A Dutch name for messages.
    pub fn dutch_name(self) -> &'static str {
        match self {
            FileKind::InspectieResultaten => "leerresultaten primair onderwijs (Inspectie)",
            FileKind::SchoolwegingDriejaars => "schoolweging driejaarsgemiddelde (Inspectie)",
            FileKind::SchoolwegingPerJaar => "schoolweging per schooljaar (Inspectie)",
            FileKind::DuoReferentieniveaus => "referentieniveaus basisonderwijs (DUO)",
            FileKind::DuoVestigingen => "vestigingen basisonderwijs (DUO)",
            FileKind::DuoVestigingenVo => "vestigingen voortgezet onderwijs (DUO)",
            FileKind::DuoLeerlingenSoortPo => "leerlingen primair onderwijs per soort en cluster (DUO)",
            FileKind::DuoExamensVo => "examenkandidaten en geslaagden voortgezet onderwijs (DUO)",
            FileKind::ScholenGeo => "schoollocaties met coördinaten",
        }
    }

    /// The columns that identify the kind, as a person would look for them.
    pub fn identifying_columns(self) -> &'static str {
        match self {
            FileKind::InspectieResultaten => "ovt en Aantal leerlingen <schooljaar>",
            FileKind::SchoolwegingDriejaars => "ovt en schoolweging_driejaarsgemiddelde",
            FileKind::SchoolwegingPerJaar => "ovt, schooljaar en schoolweging",
            FileKind::DuoReferentieniveaus => "INSTELLINGSCODE en REKENEN_…",
            FileKind::DuoVestigingen => "INSTELLINGSCODE, VESTIGINGSCODE en VESTIGINGSNAAM",
            FileKind::DuoVestigingenVo => "INSTELLINGSCODE, VESTIGINGSCODE en ONDERWIJSSTRUCTUUR",
            FileKind::DuoLeerlingenSoortPo => "INSTELLINGSCODE, SOORT_PO en CLUSTER",
            FileKind::DuoExamensVo => "VESTIGINGSCODE en EXAMENKANDIDATEN SCHOOLJAAR …",
            FileKind::ScholenGeo => "vestigingscode, lon en lat",
        }
    }
}

/// Recognises a table by its headers (case-insensitive); `None` when it is none of the known
/// files. Only the identifying columns are looked at; the parser reports what else is missing.
pub fn detect_kind(table: &Table) -> Option<FileKind> {
    detect_kind_from_headers(&table.headers)
}

/// [`detect_kind`] from the header cells alone (for a file being streamed).
pub fn detect_kind_from_headers(headers: &[String]) -> Option<FileKind> {
    let headers: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let has = |name: &str| headers.iter().any(|h| h == name);
    let has_prefix = |prefix: &str| headers.iter().any(|h| h.starts_with(prefix));
    let duo = has("instellingscode") && has("vestigingscode");
    if has("instellingscode") && has_prefix("rekenen ") {
        Some(FileKind::DuoReferentieniveaus)
    } else if has("instellingscode") && has("soort po") && has("cluster") {
        Some(FileKind::DuoLeerlingenSoortPo)
    } else if has("vestigingscode") && has_prefix("examenkandidaten schooljaar ") {
        Some(FileKind::DuoExamensVo)
    } else if duo && has("onderwijsstructuur") {
        Some(FileKind::DuoVestigingenVo)
    } else if duo {
        Some(FileKind::DuoVestigingen)
    } else if has("vestigingscode") && has("lon") && has("lat") {
        Some(FileKind::ScholenGeo)
    } else if has("ovt") && (has_prefix("gemiddelde %1f ") || has_prefix("aantal leerlingen ")) {
        Some(FileKind::InspectieResultaten)
    } else if has("ovt") && has("schoolweging driejaarsgemiddelde") {
        Some(FileKind::SchoolwegingDriejaars)
    } else if has("ovt") && has("schooljaar") && has("schoolweging") {
        Some(FileKind::SchoolwegingPerJaar)
    } else {
        None
    }
}

/// The known kinds and their identifying columns as Dutch text, for messages.
pub(crate) fn known_kinds_text() -> String {
    let names: Vec<String> =
        FileKind::ALL.iter().map(|k| format!("{} (kolommen {})", k.dutch_name(), k.identifying_columns())).collect();
    names.join("; ")
}

/// A file of any known kind, parsed.
#[derive(Debug, Clone, PartialEq)]
pub enum ParsedFile {
    /// See [`crate::parse_inspectie_results`].
    InspectieResultaten(Parsed<InspectieResultRow>),
    /// See [`crate::parse_schoolweging_driejaars`].
    SchoolwegingDriejaars(Parsed<SchoolwegingDriejaarsRecord>),
    /// See [`crate::parse_schoolweging_per_jaar`].
    SchoolwegingPerJaar(Parsed<SchoolwegingJaarRecord>),
    /// See [`crate::parse_duo_referentieniveaus`].
    DuoReferentieniveaus(Parsed<DuoReferentieRecord>),
    /// See [`crate::parse_duo_vestigingen`].
    DuoVestigingen(Parsed<DuoVestigingRecord>),
    /// See [`crate::parse_duo_vestigingen_vo`].
    DuoVestigingenVo(Parsed<DuoVestigingVoRecord>),
    /// See [`crate::parse_duo_leerlingen_soort_po`].
    DuoLeerlingenSoortPo(Parsed<DuoSoortPoRecord>),
    /// See [`crate::parse_duo_examens_vo`].
    DuoExamensVo(Parsed<DuoExamenRecord>),
    /// See [`crate::parse_scholen_geo`].
    ScholenGeo(Parsed<SchoolLocatieRecord>),
}

/// Calls `$body` with the `Parsed` inside any variant.
macro_rules! each {
    ($value:expr, $p:ident => $body:expr) => {
        match $value {
            ParsedFile::InspectieResultaten($p) => $body,
            ParsedFile::SchoolwegingDriejaars($p) => $body,
            ParsedFile::SchoolwegingPerJaar($p) => $body,
            ParsedFile::DuoReferentieniveaus($p) => $body,
            ParsedFile::DuoVestigingen($p) => $body,
            ParsedFile::DuoVestigingenVo($p) => $body,
            ParsedFile::DuoLeerlingenSoortPo($p) => $body,
            ParsedFile::DuoExamensVo($p) => $body,
            ParsedFile::ScholenGeo($p) => $body,
        }
    };
}

impl ParsedFile {
    /// Which kind of file it was.
    pub fn kind(&self) -> FileKind {
        match self {
            ParsedFile::InspectieResultaten(_) => FileKind::InspectieResultaten,
            ParsedFile::SchoolwegingDriejaars(_) => FileKind::SchoolwegingDriejaars,
            ParsedFile::SchoolwegingPerJaar(_) => FileKind::SchoolwegingPerJaar,
            ParsedFile::DuoReferentieniveaus(_) => FileKind::DuoReferentieniveaus,
            ParsedFile::DuoVestigingen(_) => FileKind::DuoVestigingen,
            ParsedFile::DuoVestigingenVo(_) => FileKind::DuoVestigingenVo,
            ParsedFile::DuoLeerlingenSoortPo(_) => FileKind::DuoLeerlingenSoortPo,
            ParsedFile::DuoExamensVo(_) => FileKind::DuoExamensVo,
            ParsedFile::ScholenGeo(_) => FileKind::ScholenGeo,
        }
    }

    /// Number of accepted records (for the sbo/so/vso file: locations, not rows).
    pub fn accepted(&self) -> usize {
        each!(self, p => p.records.len())
    }

    /// The kept rejected rows (the first [`Limits::kept_rejections`]).
    pub fn rejected(&self) -> &[RowError] {
        each!(self, p => &p.rejected)
    }

    /// Every rejected row, also those whose error was not kept.
    pub fn rejected_total(&self) -> usize {
        each!(self, p => p.rejected_total)
    }

    /// File name as given by the caller.
    pub fn file(&self) -> &str {
        each!(self, p => &p.file)
    }
}

/// A driver for `kind`, built from the header.
fn driver(kind: FileKind, headers: &[String], file: &str, limits: &Limits) -> Result<Box<dyn Feed>, FileError> {
    fn boxed<P: RowParser + 'static>(
        headers: &[String],
        file: &str,
        limits: &Limits,
    ) -> Result<Box<dyn Feed>, FileError> {
        Ok(Box::new(Driver::<P>::new(headers, file, limits)?))
    }
    match kind {
        FileKind::InspectieResultaten => boxed::<crate::inspectie::InspectieLayout>(headers, file, limits),
        FileKind::SchoolwegingDriejaars => boxed::<crate::schoolweging::DriejaarsParser>(headers, file, limits),
        FileKind::SchoolwegingPerJaar => boxed::<crate::schoolweging::PerJaarParser>(headers, file, limits),
        FileKind::DuoReferentieniveaus => boxed::<crate::duo::ReferentieParser>(headers, file, limits),
        FileKind::DuoVestigingen => boxed::<crate::vestigingen::VestigingenParser>(headers, file, limits),
        FileKind::DuoVestigingenVo => boxed::<crate::vo_vestigingen::VoVestigingenParser>(headers, file, limits),
        FileKind::DuoLeerlingenSoortPo => boxed::<crate::po_soort::SoortPoParser>(headers, file, limits),
        FileKind::DuoExamensVo => boxed::<crate::exams::ExamensParser>(headers, file, limits),
        FileKind::ScholenGeo => boxed::<crate::geo::GeoParser>(headers, file, limits),
    }
}

/// Recognises the table with [`detect_kind`] and parses it with the matching parser.
pub fn parse_any(table: &Table) -> Result<ParsedFile, FileError> {
    let kind = detect_kind(table).ok_or_else(|| FileError::UnknownKind { file: table.file.clone() })?;
    let limits = Limits { max_rows: usize::MAX, ..Limits::default() };
    let mut feed = driver(kind, &table.headers, &table.file, &limits)?;
    for row in &table.rows {
        feed.feed_cells(row.line, &RowRef::Cells(&row.cells))?;
    }
    Ok(feed.finish_any())
}

/// Reads and parses a file of any known kind (CSV, xlsx or ods) in one pass, without building a
/// [`Table`]: the kind is recognised from the header ([`detect_kind_from_headers`]), and every
/// row goes straight to its parser. Memory is the records plus one row; the first
/// [`Limits::kept_rejections`] rejected rows are kept and the rest counted
/// ([`ParsedFile::rejected_total`]), so a file of millions of bad rows gives a short report.
/// More than [`Limits::max_rows`] accepted rows, or any other limit passed, is a [`FileError`].
///
/// `expect` restricts the kinds accepted: a file of another known kind gets a Dutch
/// [`FileError::WrongKind`] naming both.
pub fn parse_bytes(
    bytes: &[u8],
    file_name: &str,
    limits: &Limits,
    expect: Option<&[FileKind]>,
) -> Result<ParsedFile, FileError> {
    let mut visitor = AnyKind { file: file_name, limits, expect, feed: None, text_bytes: 0 };
    crate::source::visit(bytes, file_name, limits, &mut visitor)?;
    match visitor.feed {
        Some(feed) => Ok(feed.finish_any()),
        None => Err(FileError::Empty { file: file_name.to_string() }),
    }
}

struct AnyKind<'a> {
    file: &'a str,
    limits: &'a Limits,
    expect: Option<&'a [FileKind]>,
    feed: Option<Box<dyn Feed>>,
    /// All cell text read: the records keep part of it, so it is bounded like a table's.
    text_bytes: usize,
}

impl RowVisitor for AnyKind<'_> {
    fn header(&mut self, headers: Vec<String>) -> Result<(), FileError> {
        let file = self.file.to_string();
        let kind = detect_kind_from_headers(&headers).ok_or_else(|| FileError::UnknownKind { file: file.clone() })?;
        if let Some(expected) = self.expect
            && !expected.contains(&kind)
        {
            return Err(FileError::WrongKind { file, found: kind, expected: expected.to_vec() });
        }
        self.feed = Some(driver(kind, &headers, self.file, self.limits)?);
        Ok(())
    }

    fn row(&mut self, line: usize, row: RowRef<'_>) -> Result<(), FileError> {
        let text: usize = (0..row.count()).map(|i| row.bytes(i).len()).sum();
        self.text_bytes = self.text_bytes.saturating_add(text);
        if self.text_bytes > self.limits.max_text_bytes {
            return Err(FileError::TooMuchContent {
                file: self.file.to_string(),
                what: format!("{} tekst", crate::limits::size_nl(self.limits.max_text_bytes as u64)),
            });
        }
        match &mut self.feed {
            Some(feed) => feed.feed_cells(line, &row),
            None => Ok(()),
        }
    }
}
