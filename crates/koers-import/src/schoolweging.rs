//! The Inspectie's schoolweging files: the three-year mean, and the value per school year.

use serde::{Deserialize, Serialize};

use crate::columns::{Columns, board_number, bounded_decimal, parse_rows};
use crate::error::{FileError, Parsed};
use crate::kind::FileKind;
use crate::table::Table;
use crate::values::{Cell, brin_of, count_bytes, parse_ovt, parse_school_year};

/// A row of `ovt;naam;bevoegd_gezag_nummer;schoolweging_driejaarsgemiddelde`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolwegingDriejaarsRecord {
    /// 1-based line in the file.
    pub line: usize,
    /// Object van toezicht, e.g. `00AP|C1`.
    pub ovt: String,
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
    pub ovt: String,
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
    let columns = Columns::new(&table.headers);
    let kind = FileKind::SchoolwegingDriejaars.dutch_name();
    let [ovt, weging] = columns.require(&table.file, kind, ["ovt", "schoolweging_driejaarsgemiddelde"])?;
    let (naam, board) = (columns.find("naam"), columns.find("bevoegd_gezag_nummer"));
    Ok(parse_rows(table, &columns, |ctx| {
        let ovt = ctx.get_str(ovt, parse_ovt)?;
        Ok(SchoolwegingDriejaarsRecord {
            line: ctx.line,
            brin: brin_of(&ovt),
            ovt,
            naam: ctx.optional_text(naam),
            bevoegd_gezag_nummer: ctx.get_opt(board, board_number)?.flatten(),
            schoolweging: ctx.get(weging, |b| bounded_decimal(b, 0.0, 60.0))?,
        })
    }))
}

/// Parses the schoolweging-per-school-year file.
pub fn parse_schoolweging_per_jaar(table: &Table) -> Result<Parsed<SchoolwegingJaarRecord>, FileError> {
    let columns = Columns::new(&table.headers);
    let kind = FileKind::SchoolwegingPerJaar.dutch_name();
    let [year, ovt, weging] = columns.require(&table.file, kind, ["schooljaar", "ovt", "schoolweging"])?;
    let (naam, board) = (columns.find("naam"), columns.find("bevoegd_gezag_nummer"));
    let (pupils, spread) = (columns.find("aantal_leerlingen"), columns.find("spreiding"));
    Ok(parse_rows(table, &columns, |ctx| {
        let school_year = ctx.get_str(year, parse_school_year)?;
        let ovt = ctx.get_str(ovt, parse_ovt)?;
        Ok(SchoolwegingJaarRecord {
            line: ctx.line,
            schooljaar: school_year.label,
            school_year_code: school_year.code,
            brin: brin_of(&ovt),
            ovt,
            naam: ctx.optional_text(naam),
            bevoegd_gezag_nummer: ctx.get_opt(board, board_number)?.flatten(),
            schoolweging: ctx.get(weging, |b| bounded_decimal(b, 0.0, 60.0))?,
            aantal_leerlingen: ctx.get_opt(pupils, count_bytes)?.and_then(|c: Cell<u32>| c.value()),
            spreiding: ctx.get_opt(spread, |b| bounded_decimal(b, 0.0, 60.0))?.flatten(),
        })
    }))
}
