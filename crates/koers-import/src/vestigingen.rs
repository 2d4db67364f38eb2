//! DUO's register of primary school vestigingen.

use serde::{Deserialize, Serialize};

use crate::columns::{Columns, board_number, parse_rows};
use crate::error::{FileError, Parsed};
use crate::kind::FileKind;
use crate::table::Table;
use crate::values::{ValueProblem, parse_brin, parse_vestigingscode};

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
    let columns = Columns::new(&table.headers);
    let kind = FileKind::DuoVestigingen.dutch_name();
    let [brin_col, code_col, name_col] =
        columns.require(&table.file, kind, ["INSTELLINGSCODE", "VESTIGINGSCODE", "VESTIGINGSNAAM"])?;
    let find = |name: &str| columns.find(name);
    let provincie = find("PROVINCIE");
    let board = find("BEVOEGD GEZAG NUMMER");
    let straat = find("STRAATNAAM");
    let huisnummer = find("HUISNUMMER-TOEVOEGING");
    let postcode = find("POSTCODE");
    let plaats = find("PLAATSNAAM");
    let gemeente = find("GEMEENTENAAM");
    let denominatie = find("DENOMINATIE");
    let telefoon = find("TELEFOONNUMMER");
    let internet = find("INTERNETADRES");
    Ok(parse_rows(table, &columns, |ctx| {
        let brin = ctx.get_str(brin_col, parse_brin)?;
        let code = ctx.get_str(code_col, |t| parse_vestigingscode(t, &brin))?;
        let name =
            ctx.get_str(name_col, |t| if t.is_empty() { Err(ValueProblem::Empty) } else { Ok(t.to_string()) })?;
        Ok(DuoVestigingRecord {
            line: ctx.line,
            provincie: ctx.optional_text(provincie),
            bevoegd_gezag_nummer: ctx.get_opt(board, board_number)?.flatten(),
            vestigingscode: format!("{brin}{code}"),
            instellingscode: brin,
            vestigingsnaam: name,
            straatnaam: ctx.optional_text(straat),
            huisnummer_toevoeging: ctx.optional_text(huisnummer),
            postcode: ctx.optional_text(postcode),
            plaatsnaam: ctx.optional_text(plaats),
            gemeentenaam: ctx.optional_text(gemeente),
            denominatie: ctx.optional_text(denominatie),
            telefoonnummer: ctx.optional_text(telefoon),
            internetadres: ctx.optional_text(internet),
        })
    }))
}
