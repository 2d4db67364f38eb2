//! DUO's register of primary school vestigingen.

use serde::{Deserialize, Serialize};

use crate::columns::{Columns, Ctx, RowCells, board_number, required_text};
use crate::error::{FileError, Parsed, RowError};
use crate::kind::{FileKind, ParsedFile};
use crate::parser::{RowParser, parse_table};
use crate::table::Table;
use crate::values::{parse_brin, parse_vestigingscode};

/// One vestiging of the DUO register. Text is trimmed; a cell of only spaces is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuoVestigingRecord {
    /// 1-based line in the file.
    pub line: usize,
    /// Province.
    pub provincie: Option<String>,
    /// Board number.
    pub bevoegd_gezag_nummer: Option<u32>,
    /// BRIN.
    pub instellingscode: String,
    /// The full vestiging number, BRIN and 2 digits: `32JK00`.
    pub vestigingscode: String,
    /// Name.
    pub vestigingsnaam: String,
    /// Street.
    pub straatnaam: Option<String>,
    /// House number and addition.
    pub huisnummer_toevoeging: Option<String>,
    /// Postcode, as published (`9306 TC`).
    pub postcode: Option<String>,
    /// Place.
    pub plaatsnaam: Option<String>,
    /// Municipality.
    pub gemeentenaam: Option<String>,
    /// Denomination.
    pub denominatie: Option<String>,
    /// Telephone number.
    pub telefoonnummer: Option<String>,
    /// Website.
    pub internetadres: Option<String>,
}

/// Parses the DUO register of vestigingen.
pub fn parse_duo_vestigingen(table: &Table) -> Result<Parsed<DuoVestigingRecord>, FileError> {
    parse_table::<VestigingenParser>(table)
}

pub(crate) struct VestigingenParser {
    brin: usize,
    code: usize,
    name: usize,
    provincie: Option<usize>,
    board: Option<usize>,
    straat: Option<usize>,
    huisnummer: Option<usize>,
    postcode: Option<usize>,
    plaats: Option<usize>,
    gemeente: Option<usize>,
    denominatie: Option<usize>,
    telefoon: Option<usize>,
    internet: Option<usize>,
}

impl RowParser for VestigingenParser {
    type Row = DuoVestigingRecord;
    type Record = DuoVestigingRecord;
    const KIND: FileKind = FileKind::DuoVestigingen;

    fn new(columns: &Columns, file: &str) -> Result<Self, FileError> {
        let [brin, code, name] =
            columns.require(file, Self::KIND.dutch_name(), ["INSTELLINGSCODE", "VESTIGINGSCODE", "VESTIGINGSNAAM"])?;
        let find = |name: &str| columns.find(name);
        Ok(VestigingenParser {
            brin,
            code,
            name,
            provincie: find("PROVINCIE"),
            board: find("BEVOEGD GEZAG NUMMER"),
            straat: find("STRAATNAAM"),
            huisnummer: find("HUISNUMMER-TOEVOEGING"),
            postcode: find("POSTCODE"),
            plaats: find("PLAATSNAAM"),
            gemeente: find("GEMEENTENAAM"),
            denominatie: find("DENOMINATIE"),
            telefoon: find("TELEFOONNUMMER"),
            internet: find("INTERNETADRES"),
        })
    }

    fn parse_row<C: RowCells + ?Sized>(&mut self, ctx: &Ctx<'_, C>) -> Result<DuoVestigingRecord, RowError> {
        let brin = ctx.get_str(self.brin, parse_brin)?;
        let code = ctx.get_str(self.code, |t| parse_vestigingscode(t, &brin))?;
        let name = ctx.get_str(self.name, required_text)?;
        Ok(DuoVestigingRecord {
            line: ctx.line,
            provincie: ctx.optional_text(self.provincie),
            bevoegd_gezag_nummer: ctx.get_opt(self.board, board_number)?.flatten(),
            vestigingscode: format!("{brin}{code}"),
            instellingscode: brin,
            vestigingsnaam: name,
            straatnaam: ctx.optional_text(self.straat),
            huisnummer_toevoeging: ctx.optional_text(self.huisnummer),
            postcode: ctx.optional_text(self.postcode),
            plaatsnaam: ctx.optional_text(self.plaats),
            gemeentenaam: ctx.optional_text(self.gemeente),
            denominatie: ctx.optional_text(self.denominatie),
            telefoonnummer: ctx.optional_text(self.telefoon),
            internetadres: ctx.optional_text(self.internet),
        })
    }

    fn finish(self, rows: Vec<DuoVestigingRecord>) -> Vec<DuoVestigingRecord> {
        rows
    }

    fn wrap(parsed: Parsed<DuoVestigingRecord>) -> ParsedFile {
        ParsedFile::DuoVestigingen(parsed)
    }
}
