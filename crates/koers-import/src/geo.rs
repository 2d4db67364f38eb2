//! Every school location with its type and coordinates ("scholen-locaties-geo": DUO's location
//! registers of 22 November 2024, geocoded), for maps and distance-based matching.

use serde::{Deserialize, Serialize};

use crate::columns::{Columns, Ctx, RowCells, required_text};
use crate::error::{FileError, Parsed, RowError};
use crate::kind::{FileKind, ParsedFile};
use crate::parser::{RowParser, parse_table};
use crate::table::Table;
use crate::values::{Cell, ValueProblem, count_bytes, decimal_bytes, parse_brin, parse_vestiging};
use crate::vo_vestigingen::VoStructuur;

/// One school building. A vestiging with several buildings (addresses) has one record each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolLocatieRecord {
    /// 1-based line in the file.
    pub line: usize,
    /// BRIN and 2 digits: `32DD00`.
    pub vestigingscode: String,
    /// BRIN.
    pub brin: String,
    /// Name.
    pub naam: String,
    /// The kind of school, from `type`.
    pub soort: LocatieSoort,
    /// For a VO location: its structure (`VBO/MAVO` → VBO and MAVO); empty otherwise.
    pub vo_structuren: Vec<VoStructuur>,
    /// `type` as published: `basisschool`, `SBAO`, `(V)SO`, `SO`, `VSO`, `VBO/MAVO`, …
    pub type_label: String,
    pub denominatie: Option<String>,
    pub internetadres: Option<String>,
    pub straat: Option<String>,
    pub huisnummer: Option<String>,
    pub huisletter: Option<String>,
    pub huisnummertoevoeging: Option<String>,
    /// Postcode as published (`2516PV`).
    pub postcode: Option<String>,
    pub plaats: Option<String>,
    /// Municipality (in capitals).
    pub gemeente: Option<String>,
    pub provincie: Option<String>,
    pub onderwijsgebied: Option<String>,
    /// Pupils, when published.
    pub leerlingen: Option<u32>,
    /// Longitude, WGS84 degrees east.
    pub lon: f64,
    /// Latitude, WGS84 degrees north.
    pub lat: f64,
}

/// The kind of school of a location, as the `type` column names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LocatieSoort {
    /// `basisschool`.
    Bo,
    /// `SBAO`: speciaal basisonderwijs.
    Sbo,
    /// `SO`.
    So,
    /// `VSO`.
    Vso,
    /// `(V)SO`: a location with both so and vso.
    SoVso,
    /// A VO structure (`VBO/MAVO`, `HAVO/VWO`, `PRO`, …).
    Vo,
}

impl LocatieSoort {
    /// Parses `type`; a VO structure also gives its parts.
    pub fn parse(text: &str) -> Result<(LocatieSoort, Vec<VoStructuur>), ValueProblem> {
        let t = text.trim();
        let soort = match t.to_ascii_uppercase().as_str() {
            "BASISSCHOOL" | "BAO" | "BO" => Some(LocatieSoort::Bo),
            "SBAO" | "SBO" => Some(LocatieSoort::Sbo),
            "SO" => Some(LocatieSoort::So),
            "VSO" => Some(LocatieSoort::Vso),
            "(V)SO" => Some(LocatieSoort::SoVso),
            _ => None,
        };
        if let Some(soort) = soort {
            return Ok((soort, Vec::new()));
        }
        match VoStructuur::parse_list(t) {
            Ok(parts) => Ok((LocatieSoort::Vo, parts)),
            Err(_) => Err(ValueProblem::UnknownLabel {
                expected: ["basisschool", "SBAO", "SO", "VSO", "(V)SO", "een VO-structuur zoals VBO/MAVO of HAVO/VWO"]
                    .map(String::from)
                    .to_vec(),
            }),
        }
    }
}

/// Longitudes and latitudes of the Kingdom of the Netherlands, Caribbean islands included; a
/// value outside is a typo or swapped columns.
const LON: (f64, f64) = (-70.0, 7.5);
const LAT: (f64, f64) = (11.0, 54.0);

/// Parses the geocoded school locations file.
pub fn parse_scholen_geo(table: &Table) -> Result<Parsed<SchoolLocatieRecord>, FileError> {
    parse_table::<GeoParser>(table)
}

pub(crate) struct GeoParser {
    code: usize,
    naam: usize,
    type_col: usize,
    lon: usize,
    lat: usize,
    brin: Option<usize>,
    text: [Option<usize>; 11],
    leerlingen: Option<usize>,
}

const TEXT: [&str; 11] = [
    "denominatie",
    "internetadres",
    "straat",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "postcode",
    "plaats",
    "gemeente",
    "provincie",
    "onderwijsgebied",
];

impl RowParser for GeoParser {
    type Row = SchoolLocatieRecord;
    type Record = SchoolLocatieRecord;
    const KIND: FileKind = FileKind::ScholenGeo;

    fn new(columns: &Columns, file: &str) -> Result<Self, FileError> {
        let [code, naam, type_col, lon, lat] =
            columns.require(file, Self::KIND.dutch_name(), ["vestigingscode", "naam", "type", "lon", "lat"])?;
        Ok(GeoParser {
            code,
            naam,
            type_col,
            lon,
            lat,
            brin: columns.find("brin_nummer").or_else(|| columns.find("brin")),
            text: TEXT.map(|name| columns.find(name)),
            leerlingen: columns.find("leerlingen"),
        })
    }

    fn parse_row<C: RowCells + ?Sized>(&mut self, ctx: &Ctx<'_, C>) -> Result<Self::Row, RowError> {
        let vestigingscode = ctx.get_str(self.code, parse_vestiging)?;
        let brin = vestigingscode.get(..4).unwrap_or_default().to_string();
        if let Some(i) = self.brin
            && !ctx.text(i).is_empty()
        {
            let stated = ctx.get_str(i, parse_brin)?;
            if stated != brin {
                return Err(ctx.error(i, format!("hoort niet bij vestigingscode {vestigingscode}")));
            }
        }
        let naam = ctx.get_str(self.naam, required_text)?;
        let type_label = ctx.get_str(self.type_col, required_text)?;
        let (soort, vo_structuren) = ctx.get_str(self.type_col, LocatieSoort::parse)?;
        let lon = ctx.get(self.lon, |b| coordinate(b, LON))?;
        let lat = ctx.get(self.lat, |b| coordinate(b, LAT))?;
        let leerlingen = ctx.get_opt(self.leerlingen, count_bytes)?.and_then(|c| c.value());
        let [
            denominatie,
            internetadres,
            straat,
            huisnummer,
            huisletter,
            huisnummertoevoeging,
            postcode,
            plaats,
            gemeente,
            provincie,
            onderwijsgebied,
        ] = self.text.map(|i| ctx.optional_text(i));
        Ok(SchoolLocatieRecord {
            line: ctx.line,
            vestigingscode,
            brin,
            naam,
            soort,
            vo_structuren,
            type_label,
            denominatie,
            internetadres,
            straat,
            huisnummer,
            huisletter,
            huisnummertoevoeging,
            postcode,
            plaats,
            gemeente,
            provincie,
            onderwijsgebied,
            leerlingen,
            lon,
            lat,
        })
    }

    fn finish(self, rows: Vec<Self::Row>) -> Vec<Self::Record> {
        rows
    }

    fn wrap(parsed: Parsed<Self::Record>) -> ParsedFile {
        ParsedFile::ScholenGeo(parsed)
    }
}

/// A required coordinate in degrees (decimal dot or comma) within `range`.
fn coordinate(raw: &[u8], (min, max): (f64, f64)) -> Result<f64, ValueProblem> {
    match decimal_bytes(raw)? {
        Cell::Value(v) if (min..=max).contains(&v) => Ok(v),
        Cell::Value(_) => Err(ValueProblem::OutOfRange { min, max }),
        Cell::Missing => Err(ValueProblem::Empty),
        Cell::Suppressed => Err(ValueProblem::SuppressedNotAllowed),
    }
}
