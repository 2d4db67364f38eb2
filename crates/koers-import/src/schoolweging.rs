//! The Inspectie's schoolweging files: the three-year mean, and the value per school year.

use koers_core::codes::Ovt;
use serde::{Deserialize, Serialize};

use crate::columns::{Columns, Ctx, RowCells, board_number, bounded_decimal};
use crate::error::{FileError, Parsed, RowError};
use crate::kind::{FileKind, ParsedFile};
use crate::parser::{RowParser, parse_table};
use crate::table::Table;
use crate::values::{Cell, count_bytes, parse_ovt, parse_school_year};

/// A row of `ovt;naam;bevoegd_gezag_nummer;schoolweging_driejaarsgemiddelde`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolwegingDriejaarsRecord {
    /// 1-based line in the file.
    pub line: usize,
    /// Object van toezicht, e.g. `00AP|C1`.
    pub ovt: Ovt,
    /// Its BRIN.
    pub brin: String,
    /// School name.
    pub naam: Option<String>,
    /// Board number.
    pub bevoegd_gezag_nummer: Option<u32>,
    /// Unweighted mean of three school years; `None` when empty.
    pub schoolweging: Option<f64>,
}

/// A row of `schooljaar;ovt;naam;bevoegd_gezag_nummer;schoolweging;aantal_leerlingen;spreiding`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolwegingJaarRecord {
    /// 1-based line in the file.
    pub line: usize,
    /// School year as `2021-2022`.
    pub schooljaar: String,
    /// The same as a code: `2122`.
    pub school_year_code: String,
    /// Object van toezicht.
    pub ovt: Ovt,
    /// Its BRIN.
    pub brin: String,
    /// School name.
    pub naam: Option<String>,
    /// Board number.
    pub bevoegd_gezag_nummer: Option<u32>,
    /// CBS schoolweging of that year; `None` when empty.
    pub schoolweging: Option<f64>,
    /// Number of pupils; `None` when empty.
    pub aantal_leerlingen: Option<u32>,
    /// Spread of the pupils' weights; `None` when empty.
    pub spreiding: Option<f64>,
}

/// Parses the three-year schoolweging file.
pub fn parse_schoolweging_driejaars(table: &Table) -> Result<Parsed<SchoolwegingDriejaarsRecord>, FileError> {
    parse_table::<DriejaarsParser>(table)
}

/// Parses the schoolweging-per-school-year file.
pub fn parse_schoolweging_per_jaar(table: &Table) -> Result<Parsed<SchoolwegingJaarRecord>, FileError> {
    parse_table::<PerJaarParser>(table)
}

pub(crate) struct DriejaarsParser {
    ovt: usize,
    weging: usize,
    naam: Option<usize>,
    board: Option<usize>,
}

impl RowParser for DriejaarsParser {
    type Row = SchoolwegingDriejaarsRecord;
    type Record = SchoolwegingDriejaarsRecord;
    const KIND: FileKind = FileKind::SchoolwegingDriejaars;

    fn new(columns: &Columns, file: &str) -> Result<Self, FileError> {
        let [ovt, weging] =
            columns.require(file, Self::KIND.dutch_name(), ["ovt", "schoolweging_driejaarsgemiddelde"])?;
        Ok(DriejaarsParser { ovt, weging, naam: columns.find("naam"), board: columns.find("bevoegd_gezag_nummer") })
    }

    fn parse_row<C: RowCells + ?Sized>(&mut self, ctx: &Ctx<'_, C>) -> Result<Self::Row, RowError> {
        let ovt = ctx.get_str(self.ovt, parse_ovt)?;
        Ok(SchoolwegingDriejaarsRecord {
            line: ctx.line,
            brin: ovt.brin().to_owned(),
            ovt,
            naam: ctx.optional_text(self.naam),
            bevoegd_gezag_nummer: ctx.get_opt(self.board, board_number)?.flatten(),
            schoolweging: ctx.get(self.weging, |b| bounded_decimal(b, 0.0, 60.0))?,
        })
    }

    fn finish(self, rows: Vec<Self::Row>) -> Vec<Self::Record> {
        rows
    }

    fn wrap(parsed: Parsed<Self::Record>) -> ParsedFile {
        ParsedFile::SchoolwegingDriejaars(parsed)
    }
}

pub(crate) struct PerJaarParser {
    year: usize,
    ovt: usize,
    weging: usize,
    naam: Option<usize>,
    board: Option<usize>,
    pupils: Option<usize>,
    spread: Option<usize>,
}

impl RowParser for PerJaarParser {
    type Row = SchoolwegingJaarRecord;
    type Record = SchoolwegingJaarRecord;
    const KIND: FileKind = FileKind::SchoolwegingPerJaar;

    fn new(columns: &Columns, file: &str) -> Result<Self, FileError> {
        let [year, ovt, weging] =
            columns.require(file, Self::KIND.dutch_name(), ["schooljaar", "ovt", "schoolweging"])?;
        Ok(PerJaarParser {
            year,
            ovt,
            weging,
            naam: columns.find("naam"),
            board: columns.find("bevoegd_gezag_nummer"),
            pupils: columns.find("aantal_leerlingen"),
            spread: columns.find("spreiding"),
        })
    }

    fn parse_row<C: RowCells + ?Sized>(&mut self, ctx: &Ctx<'_, C>) -> Result<Self::Row, RowError> {
        let school_year = ctx.get_str(self.year, parse_school_year)?;
        let ovt = ctx.get_str(self.ovt, parse_ovt)?;
        Ok(SchoolwegingJaarRecord {
            line: ctx.line,
            schooljaar: school_year.label,
            school_year_code: school_year.code,
            brin: ovt.brin().to_owned(),
            ovt,
            naam: ctx.optional_text(self.naam),
            bevoegd_gezag_nummer: ctx.get_opt(self.board, board_number)?.flatten(),
            schoolweging: ctx.get(self.weging, |b| bounded_decimal(b, 0.0, 60.0))?,
            aantal_leerlingen: ctx.get_opt(self.pupils, count_bytes)?.and_then(|c: Cell<u32>| c.value()),
            spreiding: ctx.get_opt(self.spread, |b| bounded_decimal(b, 0.0, 60.0))?.flatten(),
        })
    }

    fn finish(self, rows: Vec<Self::Row>) -> Vec<Self::Record> {
        rows
    }

    fn wrap(parsed: Parsed<Self::Record>) -> ParsedFile {
        ParsedFile::SchoolwegingPerJaar(parsed)
    }
}
