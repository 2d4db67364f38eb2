//! DUO's "leerlingen bo referentieniveaus": pupil counts per reached level, per vestiging.

use serde::{Deserialize, Serialize};

use crate::columns::{Columns, Ctx, RowCells, board_number};
use crate::error::{FileError, Parsed, RowError};
use crate::kind::{FileKind, ParsedFile};
use crate::parser::{RowParser, parse_table};
use crate::recover::{DuoCounts, RecoveredCounts, recover};
use crate::table::Table;
use crate::values::{Count, duo_count_bytes, parse_brin, parse_date, parse_vestigingscode};

/// One vestiging of the DUO reference-level file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuoReferentieRecord {
    /// 1-based line in the file.
    pub line: usize,
    /// Reference date, as `2024-10-01`.
    pub peildatum: Option<String>,
    /// BRIN.
    pub instellingscode: String,
    /// Two digits, e.g. `00`.
    pub vestigingscode: String,
    /// BRIN and vestigingscode, e.g. `00AP00`.
    pub vestiging: String,
    /// Name of the vestiging.
    pub naam: Option<String>,
    /// Postcode.
    pub postcode: Option<String>,
    /// Place.
    pub plaats: Option<String>,
    /// Municipality.
    pub gemeente: Option<String>,
    /// Province.
    pub provincie: Option<String>,
    /// Kind of primary school (`Bo`).
    pub soort_po: Option<String>,
    /// Denomination.
    pub denominatie: Option<String>,
    /// Board number.
    pub bevoegd_gezag_nummer: Option<u32>,
    /// The counts as published.
    pub counts: DuoCounts,
    /// The counts after recovering masked cells.
    pub recovered: RecoveredCounts,
}

/// How far masked cells could be recovered in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoverySummary {
    /// Vestigingen in the file (accepted rows).
    pub schools: usize,
    /// Vestigingen without any `<5`.
    pub without_masked: usize,
    /// Vestigingen with `<5` cells that were all recovered.
    pub fully_recovered: usize,
    /// Vestigingen whose pupil total is known.
    pub pupils_known: usize,
    /// Vestigingen with at least one cell still unknown.
    pub partly_unknown: usize,
}

/// Counts how far recovery went for the records of one file.
pub fn recovery_summary(records: &[DuoReferentieRecord]) -> RecoverySummary {
    let mut summary = RecoverySummary {
        schools: records.len(),
        without_masked: 0,
        fully_recovered: 0,
        pupils_known: 0,
        partly_unknown: 0,
    };
    for r in records {
        let c = &r.counts;
        let cells = c.rekenen.iter().chain(&c.lezen).chain(&c.taalverzorging);
        let masked = cells.filter(|c| **c == Count::Masked).count();
        match (masked, r.recovered.is_complete()) {
            (0, _) => summary.without_masked += 1,
            (_, true) => summary.fully_recovered += 1,
            (_, false) => summary.partly_unknown += 1,
        }
        if r.recovered.pupils.is_some() {
            summary.pupils_known += 1;
        }
    }
    summary
}

/// Parses the DUO reference-level file; a row whose domains cannot share one pupil total is
/// rejected.
pub fn parse_duo_referentieniveaus(table: &Table) -> Result<Parsed<DuoReferentieRecord>, FileError> {
    parse_table::<ReferentieParser>(table)
}

pub(crate) struct ReferentieParser {
    brin: usize,
    code: usize,
    counts: [usize; 10],
    peildatum: Option<usize>,
    naam: Option<usize>,
    postcode: Option<usize>,
    plaats: Option<usize>,
    gemeente: Option<usize>,
    provincie: Option<usize>,
    soort: Option<usize>,
    denominatie: Option<usize>,
    board: Option<usize>,
}

impl RowParser for ReferentieParser {
    type Row = DuoReferentieRecord;
    type Record = DuoReferentieRecord;
    const KIND: FileKind = FileKind::DuoReferentieniveaus;

    fn new(columns: &Columns, file: &str) -> Result<Self, FileError> {
        let [brin, code, counts @ ..] = columns.require(
            file,
            Self::KIND.dutch_name(),
            [
                "INSTELLINGSCODE",
                "VESTIGINGSCODE",
                "REKENEN_LAGER1F",
                "REKENEN_1F",
                "REKENEN_1S",
                "REKENEN_2F",
                "LV_LAGER1F",
                "LV_1F",
                "LV_2F",
                "TV_LAGER1F",
                "TV_1F",
                "TV_2F",
            ],
        )?;
        let find = |name: &str| columns.find(name);
        Ok(ReferentieParser {
            brin,
            code,
            counts,
            peildatum: find("PEILDATUM"),
            naam: find("INSTELLINGSNAAM_VESTIGING").or_else(|| find("VESTIGINGSNAAM")),
            postcode: find("POSTCODE_VESTIGING").or_else(|| find("POSTCODE")),
            plaats: find("PLAATSNAAM"),
            gemeente: find("GEMEENTENAAM"),
            provincie: find("PROVINCIE"),
            soort: find("SOORT_PO"),
            denominatie: find("DENOMINATIE_VESTIGING").or_else(|| find("DENOMINATIE")),
            board: find("BEVOEGD_GEZAG_NUMMER"),
        })
    }

    fn parse_row<C: RowCells + ?Sized>(&mut self, ctx: &Ctx<'_, C>) -> Result<Self::Row, RowError> {
        let brin = ctx.get_str(self.brin, parse_brin)?;
        let code = ctx.get_str(self.code, |t| parse_vestigingscode(t, &brin))?;
        let mut counts = [Count::Masked; 10];
        for (slot, col) in counts.iter_mut().zip(self.counts) {
            *slot = ctx.get(col, duo_count_bytes)?;
        }
        let [r0, r1, r2, r3, l0, l1, l2, t0, t1, t2] = counts;
        let counts = DuoCounts { rekenen: [r0, r1, r2, r3], lezen: [l0, l1, l2], taalverzorging: [t0, t1, t2] };
        let recovered = recover(&counts);
        if !recovered.is_consistent() {
            return Err(RowError {
                file: ctx.file.to_string(),
                line: ctx.line,
                column: String::new(),
                value: String::new(),
                problem: inconsistency(&counts),
            });
        }
        let peildatum = match self.peildatum {
            Some(i) if !ctx.text(i).is_empty() => Some(ctx.get_str(i, parse_date)?),
            _ => None,
        };
        Ok(DuoReferentieRecord {
            line: ctx.line,
            peildatum,
            vestiging: format!("{brin}{code}"),
            instellingscode: brin,
            vestigingscode: code,
            naam: ctx.optional_text(self.naam),
            postcode: ctx.optional_text(self.postcode),
            plaats: ctx.optional_text(self.plaats),
            gemeente: ctx.optional_text(self.gemeente),
            provincie: ctx.optional_text(self.provincie),
            soort_po: ctx.optional_text(self.soort),
            denominatie: ctx.optional_text(self.denominatie),
            bevoegd_gezag_nummer: ctx.get_opt(self.board, board_number)?.flatten(),
            counts,
            recovered,
        })
    }

    fn finish(self, rows: Vec<Self::Row>) -> Vec<Self::Record> {
        rows
    }

    fn wrap(parsed: Parsed<Self::Record>) -> ParsedFile {
        ParsedFile::DuoReferentieniveaus(parsed)
    }
}

/// Dutch explanation of domains that cannot share one pupil total.
fn inconsistency(counts: &DuoCounts) -> String {
    let range = |cells: &[Count]| {
        let (known, masked) = cells.iter().fold((0u64, 0u64), |(k, m), c| match c {
            Count::Known(v) => (k + u64::from(*v), m),
            Count::Masked => (k, m + 1),
        });
        if masked == 0 { format!("{known}") } else { format!("{} tot {}", known + masked, known + 4 * masked) }
    };
    format!(
        "de aantallen per domein tellen niet op tot hetzelfde aantal leerlingen \
         (rekenen {}, lezen {}, taalverzorging {})",
        range(&counts.rekenen),
        range(&counts.lezen),
        range(&counts.taalverzorging)
    )
}
