//! DUO's register of secondary school (VO) vestigingen ("02. alle vestigingen VO").

use serde::{Deserialize, Serialize};

use crate::columns::{Columns, Ctx, RowCells, board_number, required_text};
use crate::error::{FileError, Parsed, RowError};
use crate::kind::{FileKind, ParsedFile};
use crate::parser::{RowParser, parse_table};
use crate::table::Table;
use crate::values::{ValueProblem, parse_brin, parse_vestigingscode};

/// One VO vestiging. Text is trimmed; a cell of only spaces is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuoVestigingVoRecord {
    /// 1-based line in the file.
    pub line: usize,
    /// BRIN (`INSTELLINGSCODE`), e.g. `18BR`.
    pub instellingscode: String,
    /// The full vestiging number, BRIN and 2 digits: `18BR01`.
    pub vestigingscode: String,
    /// Name.
    pub vestigingsnaam: String,
    /// Board number (`BEVOEGD GEZAG NUMMER`).
    pub bevoegd_gezag_nummer: Option<u32>,
    /// Street.
    pub straatnaam: Option<String>,
    /// House number and addition.
    pub huisnummer_toevoeging: Option<String>,
    /// Postcode, as published (`9406 NN`).
    pub postcode: Option<String>,
    /// Place (DUO writes it in capitals).
    pub plaatsnaam: Option<String>,
    /// CBS municipality code, as published (`0106`).
    pub gemeentenummer: Option<String>,
    /// Municipality.
    pub gemeentenaam: Option<String>,
    /// Province.
    pub provincie: Option<String>,
    /// Denomination (`Openbaar`, `Bijzonder`, …).
    pub denominatie: Option<String>,
    /// Telephone number.
    pub telefoonnummer: Option<String>,
    /// Website, as published (mostly without `https://`).
    pub internetadres: Option<String>,
    /// `ONDERWIJSSTRUCTUUR` as published: `VBO/MAVO/HAVO/VWO`.
    pub onderwijsstructuur: String,
    /// The same, parsed, in the published order.
    pub structuren: Vec<VoStructuur>,
    /// Postal address, when the file has one.
    pub correspondentieadres: Option<Adres>,
    /// The regions DUO assigns the location to.
    pub regios: DuoRegios,
}

/// An address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adres {
    /// Street (or `Postbus`).
    pub straatnaam: Option<String>,
    /// House number and addition (or the PO box number).
    pub huisnummer_toevoeging: Option<String>,
    /// Postcode.
    pub postcode: Option<String>,
    /// Place.
    pub plaatsnaam: Option<String>,
}

/// A region: its code and name as DUO publishes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regio {
    /// Code, e.g. `07`.
    pub code: Option<String>,
    /// Name, e.g. `Noord-Drenthe`.
    pub naam: Option<String>,
}

/// The regions of a location (each `None` when the file leaves it out or empty).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DuoRegios {
    pub nodaal_gebied: Option<Regio>,
    pub rpa_gebied: Option<Regio>,
    pub wgr_gebied: Option<Regio>,
    pub coropgebied: Option<Regio>,
    pub onderwijsgebied: Option<Regio>,
    pub rmc_regio: Option<Regio>,
    /// `Noord`, `Midden` or `Zuid`.
    pub vakantieregio: Option<String>,
}

/// A part of `ONDERWIJSSTRUCTUUR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum VoStructuur {
    /// `VBO`: the vmbo's basis- and kaderberoepsgerichte leerwegen.
    Vbo,
    /// `MAVO`: the vmbo's gemengde/theoretische leerweg.
    Mavo,
    /// `HAVO`.
    Havo,
    /// `VWO`.
    Vwo,
    /// `PRO`: praktijkonderwijs.
    Pro,
    /// `BRUGJAAR`: a location with only the first years.
    Brugjaar,
}

impl VoStructuur {
    /// Every part.
    pub const ALL: [VoStructuur; 6] = [
        VoStructuur::Vbo,
        VoStructuur::Mavo,
        VoStructuur::Havo,
        VoStructuur::Vwo,
        VoStructuur::Pro,
        VoStructuur::Brugjaar,
    ];

    /// The code as DUO writes it.
    pub fn code(self) -> &'static str {
        match self {
            VoStructuur::Vbo => "VBO",
            VoStructuur::Mavo => "MAVO",
            VoStructuur::Havo => "HAVO",
            VoStructuur::Vwo => "VWO",
            VoStructuur::Pro => "PRO",
            VoStructuur::Brugjaar => "BRUGJAAR",
        }
    }

    /// Parses `VBO/MAVO/HAVO` (any case, spaces around `/` allowed) into its parts.
    pub fn parse_list(text: &str) -> Result<Vec<VoStructuur>, ValueProblem> {
        let mut parts = Vec::new();
        for part in text.split('/') {
            let part = part.trim();
            let found = Self::ALL.into_iter().find(|s| s.code().eq_ignore_ascii_case(part));
            match found {
                Some(s) if !parts.contains(&s) => parts.push(s),
                Some(_) => {}
                None => {
                    return Err(ValueProblem::UnknownLabel {
                        expected: Self::ALL.iter().map(|s| s.code().to_string()).collect(),
                    });
                }
            }
        }
        Ok(parts)
    }
}

/// Parses DUO's register of VO vestigingen.
pub fn parse_duo_vestigingen_vo(table: &Table) -> Result<Parsed<DuoVestigingVoRecord>, FileError> {
    parse_table::<VoVestigingenParser>(table)
}

pub(crate) struct VoVestigingenParser {
    brin: usize,
    code: usize,
    name: usize,
    structure: usize,
    board: Option<usize>,
    address: [Option<usize>; 4],
    gemeentenummer: Option<usize>,
    gemeentenaam: Option<usize>,
    provincie: Option<usize>,
    denominatie: Option<usize>,
    telefoon: Option<usize>,
    internet: Option<usize>,
    post: [Option<usize>; 4],
    /// Code and name of: nodaal gebied, RPA, WGR, COROP, onderwijsgebied, RMC.
    regions: [(Option<usize>, Option<usize>); 6],
    vakantieregio: Option<usize>,
}

const ADDRESS: [&str; 4] = ["STRAATNAAM", "HUISNUMMER-TOEVOEGING", "POSTCODE", "PLAATSNAAM"];
const REGIONS: [&str; 6] = ["NODAAL GEBIED", "RPA-GEBIED", "WGR-GEBIED", "COROPGEBIED", "ONDERWIJSGEBIED", "RMC-REGIO"];

impl RowParser for VoVestigingenParser {
    type Row = DuoVestigingVoRecord;
    type Record = DuoVestigingVoRecord;
    const KIND: FileKind = FileKind::DuoVestigingenVo;

    fn new(columns: &Columns, file: &str) -> Result<Self, FileError> {
        let [brin, code, name, structure] = columns.require(
            file,
            Self::KIND.dutch_name(),
            ["INSTELLINGSCODE", "VESTIGINGSCODE", "VESTIGINGSNAAM", "ONDERWIJSSTRUCTUUR"],
        )?;
        let find = |name: &str| columns.find(name);
        Ok(VoVestigingenParser {
            brin,
            code,
            name,
            structure,
            board: find("BEVOEGD GEZAG NUMMER"),
            address: ADDRESS.map(find),
            gemeentenummer: find("GEMEENTENUMMER"),
            gemeentenaam: find("GEMEENTENAAM"),
            provincie: find("PROVINCIE"),
            denominatie: find("DENOMINATIE"),
            telefoon: find("TELEFOONNUMMER"),
            internet: find("INTERNETADRES"),
            post: ADDRESS.map(|a| find(&format!("{a} CORRESPONDENTIEADRES"))),
            regions: REGIONS.map(|r| (find(&format!("{r} CODE")), find(&format!("{r} NAAM")))),
            vakantieregio: find("VAKANTIEREGIO"),
        })
    }

    fn parse_row<C: RowCells + ?Sized>(&mut self, ctx: &Ctx<'_, C>) -> Result<Self::Row, RowError> {
        let brin = ctx.get_str(self.brin, parse_brin)?;
        let code = ctx.get_str(self.code, |t| parse_vestigingscode(t, &brin))?;
        let name = ctx.get_str(self.name, required_text)?;
        let onderwijsstructuur = ctx.get_str(self.structure, required_text)?;
        let structuren = ctx.get_str(self.structure, VoStructuur::parse_list)?;
        let text = |i: Option<usize>| ctx.optional_text(i);
        let address = |cols: [Option<usize>; 4]| {
            let [straatnaam, huisnummer_toevoeging, postcode, plaatsnaam] = cols.map(text);
            Adres { straatnaam, huisnummer_toevoeging, postcode, plaatsnaam }
        };
        let home = address(self.address);
        let post = address(self.post);
        let any_post = post.straatnaam.is_some() || post.postcode.is_some() || post.plaatsnaam.is_some();
        let [nodaal_gebied, rpa_gebied, wgr_gebied, coropgebied, onderwijsgebied, rmc_regio] =
            self.regions.map(|(code, naam)| {
                let (code, naam) = (text(code), text(naam));
                (code.is_some() || naam.is_some()).then_some(Regio { code, naam })
            });
        Ok(DuoVestigingVoRecord {
            line: ctx.line,
            vestigingscode: format!("{brin}{code}"),
            instellingscode: brin,
            vestigingsnaam: name,
            bevoegd_gezag_nummer: ctx.get_opt(self.board, board_number)?.flatten(),
            straatnaam: home.straatnaam,
            huisnummer_toevoeging: home.huisnummer_toevoeging,
            postcode: home.postcode,
            plaatsnaam: home.plaatsnaam,
            gemeentenummer: text(self.gemeentenummer),
            gemeentenaam: text(self.gemeentenaam),
            provincie: text(self.provincie),
            denominatie: text(self.denominatie),
            telefoonnummer: text(self.telefoon),
            internetadres: text(self.internet),
            onderwijsstructuur,
            structuren,
            correspondentieadres: any_post.then_some(post),
            regios: DuoRegios {
                nodaal_gebied,
                rpa_gebied,
                wgr_gebied,
                coropgebied,
                onderwijsgebied,
                rmc_regio,
                vakantieregio: text(self.vakantieregio),
            },
        })
    }

    fn finish(self, rows: Vec<Self::Row>) -> Vec<Self::Record> {
        rows
    }

    fn wrap(parsed: Parsed<Self::Record>) -> ParsedFile {
        ParsedFile::DuoVestigingenVo(parsed)
    }
}
