//! Recognising which of the known files a table is.

use serde::{Deserialize, Serialize};

use crate::columns::normalize;
use crate::error::{FileError, Parsed, RowError};
use crate::table::Table;
use crate::{
    DuoReferentieRecord, DuoVestigingRecord, InspectieResultRow, SchoolwegingDriejaarsRecord, SchoolwegingJaarRecord,
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
    /// DUO, register of vestigingen.
    DuoVestigingen,
}

impl FileKind {
    /// Every kind.
    pub const ALL: [FileKind; 5] = [
        FileKind::InspectieResultaten,
        FileKind::SchoolwegingDriejaars,
        FileKind::SchoolwegingPerJaar,
        FileKind::DuoReferentieniveaus,
        FileKind::DuoVestigingen,
    ];

    /// A Dutch name for messages.
    pub fn dutch_name(self) -> &'static str {
        match self {
            FileKind::InspectieResultaten => "leerresultaten primair onderwijs (Inspectie)",
            FileKind::SchoolwegingDriejaars => "schoolweging driejaarsgemiddelde (Inspectie)",
            FileKind::SchoolwegingPerJaar => "schoolweging per schooljaar (Inspectie)",
            FileKind::DuoReferentieniveaus => "referentieniveaus basisonderwijs (DUO)",
            FileKind::DuoVestigingen => "vestigingen basisonderwijs (DUO)",
        }
    }
}

/// Recognises a table by its headers (case-insensitive); `None` when it is none of the known
/// files. Only the identifying columns are looked at; the parser reports what else is missing.
pub fn detect_kind(table: &Table) -> Option<FileKind> {
    let headers: Vec<String> = table.headers.iter().map(|h| normalize(h)).collect();
    let has = |name: &str| headers.iter().any(|h| h == name);
    let has_prefix = |prefix: &str| headers.iter().any(|h| h.starts_with(prefix));
    if has("instellingscode") && has_prefix("rekenen ") {
        Some(FileKind::DuoReferentieniveaus)
    } else if has("instellingscode") && has("vestigingscode") {
        Some(FileKind::DuoVestigingen)
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

/// The known kinds as Dutch text, for messages.
pub(crate) fn known_kinds_text() -> String {
    let names: Vec<&str> = FileKind::ALL.iter().map(|k| k.dutch_name()).collect();
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
        }
    }

    /// Number of accepted records.
    pub fn accepted(&self) -> usize {
        match self {
            ParsedFile::InspectieResultaten(p) => p.records.len(),
            ParsedFile::SchoolwegingDriejaars(p) => p.records.len(),
            ParsedFile::SchoolwegingPerJaar(p) => p.records.len(),
            ParsedFile::DuoReferentieniveaus(p) => p.records.len(),
            ParsedFile::DuoVestigingen(p) => p.records.len(),
        }
    }

    /// The rejected rows.
    pub fn rejected(&self) -> &[RowError] {
        match self {
            ParsedFile::InspectieResultaten(p) => &p.rejected,
            ParsedFile::SchoolwegingDriejaars(p) => &p.rejected,
            ParsedFile::SchoolwegingPerJaar(p) => &p.rejected,
            ParsedFile::DuoReferentieniveaus(p) => &p.rejected,
            ParsedFile::DuoVestigingen(p) => &p.rejected,
        }
    }
}

/// Recognises the table with [`detect_kind`] and parses it with the matching parser.
pub fn parse_any(table: &Table) -> Result<ParsedFile, FileError> {
    Ok(match detect_kind(table) {
        Some(FileKind::InspectieResultaten) => ParsedFile::InspectieResultaten(crate::parse_inspectie_results(table)?),
        Some(FileKind::SchoolwegingDriejaars) => {
            ParsedFile::SchoolwegingDriejaars(crate::parse_schoolweging_driejaars(table)?)
        }
        Some(FileKind::SchoolwegingPerJaar) => {
            ParsedFile::SchoolwegingPerJaar(crate::parse_schoolweging_per_jaar(table)?)
        }
        Some(FileKind::DuoReferentieniveaus) => {
            ParsedFile::DuoReferentieniveaus(crate::parse_duo_referentieniveaus(table)?)
        }
        Some(FileKind::DuoVestigingen) => ParsedFile::DuoVestigingen(crate::parse_duo_vestigingen(table)?),
        None => return Err(FileError::UnknownKind { file: table.file.clone() }),
    })
}
