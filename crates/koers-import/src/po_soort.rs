//! DUO's "leerlingen po soort po, cluster, leeftijd": pupils per primary location by kind of
//! school (`SOORT_PO`: Bo, Sbo, So, Vso) and cluster — the source of the sbo/so/vso schools.
//!
//! The file has one row per location *and kind* (a location with both So and Vso has two rows);
//! the parser gives one [`DuoSoortPoRecord`] per location with a [`SoortPoDeel`] per row.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::columns::{Columns, Ctx, RowCells, board_number};
use crate::error::{FileError, Parsed, RowError};
use crate::kind::{FileKind, ParsedFile};
use crate::parser::{RowParser, parse_table};
use crate::table::Table;
use crate::values::{Count, ValueProblem, duo_count_bytes, parse_brin, parse_date, parse_vestigingscode};

/// One primary location with every kind of school it is counted as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuoSoortPoRecord {
    /// 1-based line of the location's first row.
    pub line: usize,
    /// Reference date (`2024-10-01`), from the first row.
    pub peildatum: Option<String>,
    /// BRIN.
    pub instellingscode: String,
    /// BRIN and 2 digits: `00AO01`.
    pub vestigingscode: String,
    /// Name (`INSTELLINGSNAAM_VESTIGING`), from the first row.
    pub naam: Option<String>,
    /// Postcode as published (`7383BH`).
    pub postcode: Option<String>,
    /// Place (DUO writes it in capitals).
    pub plaatsnaam: Option<String>,
    /// CBS municipality code (`0285`).
    pub gemeentenummer: Option<String>,
    /// Municipality.
    pub gemeentenaam: Option<String>,
    /// Province.
    pub provincie: Option<String>,
    /// Denomination.
    pub denominatie: Option<String>,
    /// Board number.
    pub bevoegd_gezag_nummer: Option<u32>,
    /// One part per row of the file, in file order: the kind, cluster and pupils.
    pub delen: Vec<SoortPoDeel>,
}

/// The pupils of one kind of school at a location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoortPoDeel {
    /// 1-based line in the file.
    pub line: usize,
    /// Kind of school.
    pub soort: SoortPo,
    /// Cluster 1–4 of special education (`None` for `nvt`).
    pub cluster: Option<u8>,
    /// Pupils per age column as published (`<5` stays [`Count::Masked`]).
    pub per_leeftijd: Vec<LeeftijdAantal>,
    /// The pupils in total: exact, or a range when cells are masked.
    pub leerlingen: Leerlingen,
}

/// The pupils of one age column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeeftijdAantal {
    /// The column's age as in its header, lower case: `jonger`, `4` … `24`, `ouder`.
    pub leeftijd: String,
    /// The count.
    pub aantal: Count,
}

/// A pupil total from counts of which some are masked (`<5`, so 1 to 4 each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leerlingen {
    /// The least it can be: the known counts plus 1 per masked cell.
    pub min: u32,
    /// The most it can be: the known counts plus 4 per masked cell.
    pub max: u32,
    /// How many cells were masked.
    pub masked_cells: u32,
}

impl Leerlingen {
    /// Adds up counts; masked cells widen the range.
    pub fn from_counts(counts: impl IntoIterator<Item = Count>) -> Self {
        let mut total = Leerlingen { min: 0, max: 0, masked_cells: 0 };
        for c in counts {
            let (lo, hi) = match c {
                Count::Known(n) => (n, n),
                Count::Masked => {
                    total.masked_cells += 1;
                    (1, 4)
                }
            };
            total.min = total.min.saturating_add(lo);
            total.max = total.max.saturating_add(hi);
        }
        total
    }

    /// The total when no cell was masked.
    pub fn exact(&self) -> Option<u32> {
        (self.min == self.max).then_some(self.min)
    }
}

/// `SOORT_PO`: the kind of primary school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SoortPo {
    /// Basisonderwijs.
    Bo,
    /// Speciaal basisonderwijs.
    Sbo,
    /// Speciaal onderwijs.
    So,
    /// Voortgezet speciaal onderwijs.
    Vso,
}

impl SoortPo {
    /// Every kind.
    pub const ALL: [SoortPo; 4] = [SoortPo::Bo, SoortPo::Sbo, SoortPo::So, SoortPo::Vso];

    /// The code as DUO writes it: `Bo`, `Sbo`, `So`, `Vso`.
    pub fn code(self) -> &'static str {
        match self {
            SoortPo::Bo => "Bo",
            SoortPo::Sbo => "Sbo",
            SoortPo::So => "So",
            SoortPo::Vso => "Vso",
        }
    }

    /// Parses a code, ignoring case.
    pub fn parse(text: &str) -> Result<SoortPo, ValueProblem> {
        Self::ALL.into_iter().find(|s| s.code().eq_ignore_ascii_case(text.trim())).ok_or_else(|| {
            ValueProblem::UnknownLabel { expected: Self::ALL.iter().map(|s| s.code().to_string()).collect() }
        })
    }

    /// Special education (sbo, so, vso), as GWGB+ gespecialiseerd serves it.
    pub fn is_special(self) -> bool {
        self != SoortPo::Bo
    }
}

impl DuoSoortPoRecord {
    /// The kinds of school at this location, in file order.
    pub fn soorten(&self) -> Vec<SoortPo> {
        self.delen.iter().map(|d| d.soort).collect()
    }

    /// Whether the location is counted as this kind.
    pub fn has(&self, soort: SoortPo) -> bool {
        self.delen.iter().any(|d| d.soort == soort)
    }

    /// The clusters of its special education, sorted, without repeats.
    pub fn clusters(&self) -> Vec<u8> {
        let mut clusters: Vec<u8> = self.delen.iter().filter_map(|d| d.cluster).collect();
        clusters.sort_unstable();
        clusters.dedup();
        clusters
    }

    /// The one kind to file the location under: special education before `Bo`, then the kind
    /// with most pupils (upper bound), then the first in the file (So before Vso when equal).
    pub fn hoofdsoort(&self) -> Option<SoortPo> {
        let best = self
            .delen
            .iter()
            .enumerate()
            .max_by_key(|(i, d)| (d.soort.is_special(), d.leerlingen.max, std::cmp::Reverse(*i)));
        best.map(|(_, d)| d.soort)
    }

    /// All pupils at the location, over every kind.
    pub fn leerlingen(&self) -> Leerlingen {
        self.delen.iter().fold(Leerlingen { min: 0, max: 0, masked_cells: 0 }, |t, d| Leerlingen {
            min: t.min.saturating_add(d.leerlingen.min),
            max: t.max.saturating_add(d.leerlingen.max),
            masked_cells: t.masked_cells + d.leerlingen.masked_cells,
        })
    }
}

/// Parses DUO's pupils-per-kind-and-cluster file into one record per location.
pub fn parse_duo_leerlingen_soort_po(table: &Table) -> Result<Parsed<DuoSoortPoRecord>, FileError> {
    parse_table::<SoortPoParser>(table)
}

pub(crate) struct SoortPoParser {
    brin: usize,
    code: usize,
    soort: usize,
    cluster: Option<usize>,
    ages: Vec<(usize, String)>,
    peildatum: Option<usize>,
    naam: Option<usize>,
    postcode: Option<usize>,
    plaats: Option<usize>,
    gemeentenummer: Option<usize>,
    gemeente: Option<usize>,
    provincie: Option<usize>,
    denominatie: Option<usize>,
    board: Option<usize>,
    /// (vestiging, kind) → line, to refuse a repeated row.
    seen: HashMap<(String, SoortPo), usize>,
}

const AGE_PREFIX: &str = "leeftijd ";

impl RowParser for SoortPoParser {
    type Row = DuoSoortPoRecord;
    type Record = DuoSoortPoRecord;
    const KIND: FileKind = FileKind::DuoLeerlingenSoortPo;

    fn new(columns: &Columns, file: &str) -> Result<Self, FileError> {
        let [brin, code, soort] =
            columns.require(file, Self::KIND.dutch_name(), ["INSTELLINGSCODE", "VESTIGINGSCODE", "SOORT_PO"])?;
        let ages: Vec<(usize, String)> = columns
            .normalized()
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.strip_prefix(AGE_PREFIX).map(|age| (i, age.to_string())))
            .collect();
        if ages.is_empty() {
            return Err(FileError::MissingColumns {
                file: file.to_string(),
                kind: Self::KIND.dutch_name().to_string(),
                missing: vec!["LEEFTIJD_4 (en de andere leeftijdskolommen)".to_string()],
            });
        }
        let find = |name: &str| columns.find(name);
        Ok(SoortPoParser {
            brin,
            code,
            soort,
            cluster: find("CLUSTER"),
            ages,
            peildatum: find("PEILDATUM"),
            naam: find("INSTELLINGSNAAM_VESTIGING").or_else(|| find("VESTIGINGSNAAM")),
            postcode: find("POSTCODE_VESTIGING").or_else(|| find("POSTCODE")),
            plaats: find("PLAATSNAAM"),
            gemeentenummer: find("GEMEENTENUMMER"),
            gemeente: find("GEMEENTENAAM"),
            provincie: find("PROVINCIE"),
            denominatie: find("DENOMINATIE_VESTIGING").or_else(|| find("DENOMINATIE")),
            board: find("BEVOEGD_GEZAG_NUMMER"),
            seen: HashMap::new(),
        })
    }

    fn parse_row<C: RowCells + ?Sized>(&mut self, ctx: &Ctx<'_, C>) -> Result<Self::Row, RowError> {
        let brin = ctx.get_str(self.brin, parse_brin)?;
        let code = ctx.get_str(self.code, |t| parse_vestigingscode(t, &brin))?;
        let soort = ctx.get_str(self.soort, SoortPo::parse)?;
        let cluster = match self.cluster {
            Some(i) => ctx.get_str(i, parse_cluster)?,
            None => None,
        };
        let mut per_leeftijd = Vec::with_capacity(self.ages.len());
        for (col, age) in &self.ages {
            per_leeftijd.push(LeeftijdAantal { leeftijd: age.clone(), aantal: ctx.get(*col, duo_count_bytes)? });
        }
        let peildatum = match self.peildatum {
            Some(i) if !ctx.text(i).is_empty() => Some(ctx.get_str(i, parse_date)?),
            _ => None,
        };
        let bevoegd_gezag_nummer = ctx.get_opt(self.board, board_number)?.flatten();
        let vestigingscode = format!("{brin}{code}");
        if let Some(first) = self.seen.get(&(vestigingscode.clone(), soort)) {
            return Err(ctx.error(
                self.soort,
                format!(
                    "staat voor vestiging {vestigingscode} al op regel {first}; elke soort hoort één keer per vestiging"
                ),
            ));
        }
        let leerlingen = Leerlingen::from_counts(per_leeftijd.iter().map(|a| a.aantal));
        let location = DuoSoortPoRecord {
            line: ctx.line,
            peildatum,
            instellingscode: brin,
            vestigingscode: vestigingscode.clone(),
            naam: ctx.optional_text(self.naam),
            postcode: ctx.optional_text(self.postcode),
            plaatsnaam: ctx.optional_text(self.plaats),
            gemeentenummer: ctx.optional_text(self.gemeentenummer),
            gemeentenaam: ctx.optional_text(self.gemeente),
            provincie: ctx.optional_text(self.provincie),
            denominatie: ctx.optional_text(self.denominatie),
            bevoegd_gezag_nummer,
            delen: vec![SoortPoDeel { line: ctx.line, soort, cluster, per_leeftijd, leerlingen }],
        };
        self.seen.insert((vestigingscode, soort), ctx.line);
        Ok(location)
    }

    /// Groups the rows per location, in the order the locations first appear.
    fn finish(self, rows: Vec<DuoSoortPoRecord>) -> Vec<DuoSoortPoRecord> {
        let mut records: Vec<DuoSoortPoRecord> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for location in rows {
            match index.get(&location.vestigingscode).and_then(|&i| records.get_mut(i)) {
                Some(record) => record.delen.extend(location.delen),
                None => {
                    index.insert(location.vestigingscode.clone(), records.len());
                    records.push(location);
                }
            }
        }
        records
    }

    fn wrap(parsed: Parsed<DuoSoortPoRecord>) -> ParsedFile {
        ParsedFile::DuoLeerlingenSoortPo(parsed)
    }
}

/// `CLUSTER`: 1 to 4, or `nvt` (not applicable) / empty.
fn parse_cluster(text: &str) -> Result<Option<u8>, ValueProblem> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "nvt" | "n.v.t." => Ok(None),
        "1" => Ok(Some(1)),
        "2" => Ok(Some(2)),
        "3" => Ok(Some(3)),
        "4" => Ok(Some(4)),
        _ => Err(ValueProblem::UnknownLabel { expected: ["1", "2", "3", "4", "nvt"].map(String::from).to_vec() }),
    }
}
