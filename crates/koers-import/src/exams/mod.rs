//! DUO's "examenkandidaten en geslaagden vmbo, havo, vwo": exam candidates and passes per VO
//! location, programme (`OPLEIDINGSNAAM`) and school year, by sex and in total, with `<5` for
//! small counts.
//!
//! The parser gives one [`DuoExamenRecord`] per row (location × programme); [`exam_trends`]
//! adds them up per location and school year, and per afdeling, into a pass-rate trend that
//! says how masked cells were handled.

mod afdeling;
mod trend;

use serde::{Deserialize, Serialize};

use crate::columns::{Columns, Ctx, RowCells, bounded_decimal, required_text};
use crate::error::{FileError, Parsed, RowError};
use crate::kind::{FileKind, ParsedFile};
use crate::parser::{RowParser, parse_table};
use crate::table::Table;
use crate::values::{Count, duo_count_bytes, parse_brin, parse_school_year, parse_vestigingscode};

pub use afdeling::Afdeling;
pub use trend::{AfdelingTrend, ExamTrend, Masking, PassRateYear, Span, exam_trends};

/// One row: the exam results of one programme at one location, per school year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuoExamenRecord {
    /// 1-based line in the file.
    pub line: usize,
    /// BRIN.
    pub instellingscode: String,
    /// BRIN and 2 digits: `00AH00`.
    pub vestigingscode: String,
    /// `INSTELLINGSNAAM VESTIGING`.
    pub naam: Option<String>,
    /// Municipality (DUO writes it in capitals).
    pub gemeentenaam: Option<String>,
    /// `ONDERWIJSTYPE VO` as published: `VMBO`, `HAVO`, `VWO`.
    pub onderwijstype: String,
    /// The afdeling the Inspectie judges this programme under.
    pub afdeling: Afdeling,
    /// `INSPECTIECODE` of the programme (`50` is HAVO - N&T).
    pub inspectiecode: Option<u32>,
    /// `OPLEIDINGSNAAM`: `VMBO T - economie`, `HAVO - N&T / N&G`, …
    pub opleidingsnaam: String,
    /// The school years of the file, oldest first.
    pub jaren: Vec<ExamenJaar>,
}

/// One school year of a programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExamenJaar {
    /// `2020-2021`.
    pub schooljaar: String,
    /// `2021`.
    pub school_year_code: String,
    /// Men, when the file has the columns.
    pub man: Option<ExamenCel>,
    /// Women, when the file has the columns.
    pub vrouw: Option<ExamenCel>,
    /// Everyone: what the trend is built from.
    pub totaal: ExamenCel,
}

/// Candidates, passes and pass rate as published.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ExamenCel {
    /// Exam candidates.
    pub kandidaten: Count,
    /// Passes.
    pub geslaagden: Count,
    /// Pass rate in percent with one decimal (`93.3`), when published.
    pub slaagpercentage: Option<f64>,
}

impl ExamenCel {
    /// Every (candidates, passes) pair the cell can stand for: a masked count is 1 to 4, passes
    /// never exceed candidates, and the published percentage (rounded to one decimal) must
    /// match. One pair when nothing is masked or the percentage pins it down; never empty for
    /// a parsed record (the parser rejects a row whose numbers cannot agree).
    pub fn possible(&self) -> Vec<(u32, u32)> {
        let options = |c: Count| match c {
            Count::Known(n) => n..=n,
            Count::Masked => 1..=4,
        };
        let mut pairs = Vec::new();
        for c in options(self.kandidaten) {
            for p in options(self.geslaagden) {
                let rate_fits = match self.slaagpercentage {
                    Some(pct) if c > 0 => (f64::from(p) * 100.0 / f64::from(c) - pct).abs() <= 0.050_001,
                    _ => true,
                };
                if p <= c && rate_fits {
                    pairs.push((c, p));
                }
            }
        }
        pairs
    }

    /// How many of the two counts are masked.
    pub fn masked(&self) -> u32 {
        u32::from(self.kandidaten == Count::Masked) + u32::from(self.geslaagden == Count::Masked)
    }
}

/// Parses DUO's exam results file.
pub fn parse_duo_examens_vo(table: &Table) -> Result<Parsed<DuoExamenRecord>, FileError> {
    parse_table::<ExamensParser>(table)
}

/// The columns of one school year.
#[derive(Debug, Clone)]
struct YearColumns {
    label: String,
    code: String,
    /// Candidates, passes, rate — per man, vrouw, totaal.
    man: Option<[usize; 3]>,
    vrouw: Option<[usize; 3]>,
    totaal: [usize; 2],
    totaal_pct: Option<usize>,
}

pub(crate) struct ExamensParser {
    brin: usize,
    code: usize,
    type_col: usize,
    programme: usize,
    naam: Option<usize>,
    gemeente: Option<usize>,
    inspectiecode: Option<usize>,
    years: Vec<YearColumns>,
}

/// The header prefixes of the per-year columns (normalised: lower case, `_` as space).
const METRICS: [&str; 3] = ["examenkandidaten schooljaar ", "geslaagden schooljaar ", "slaagperc schooljaar "];
const SEXES: [&str; 3] = ["man", "vrouw", "totaal"];

impl RowParser for ExamensParser {
    type Row = DuoExamenRecord;
    type Record = DuoExamenRecord;
    const KIND: FileKind = FileKind::DuoExamensVo;

    fn new(columns: &Columns, file: &str) -> Result<Self, FileError> {
        let kind = Self::KIND.dutch_name();
        let [brin, code, type_col, programme] =
            columns.require(file, kind, ["INSTELLINGSCODE", "VESTIGINGSCODE", "ONDERWIJSTYPE VO", "OPLEIDINGSNAAM"])?;
        let mut labels: Vec<(String, String, u16)> = Vec::new();
        for (i, header) in columns.normalized().iter().enumerate() {
            let Some(rest) = METRICS.iter().find_map(|m| header.strip_prefix(m)) else { continue };
            let year_text = rest.split_once(" - ").map_or(rest, |(year, _)| year);
            let year = parse_school_year(year_text).map_err(|_| FileError::BadHeader {
                file: file.to_string(),
                column: columns.names.get(i).cloned().unwrap_or_default(),
                problem: format!("\"{year_text}\" is geen schooljaar; verwacht bijvoorbeeld 2024-2025"),
            })?;
            if !labels.iter().any(|(l, _, _)| *l == year.label) {
                labels.push((year.label, year.code, year.test_year));
            }
        }
        labels.sort_by_key(|(_, _, test_year)| *test_year);
        let mut missing = Vec::new();
        if labels.is_empty() {
            missing.push("EXAMENKANDIDATEN SCHOOLJAAR <schooljaar, bijv. 2024-2025> - TOTAAL".to_string());
        }
        let mut years = Vec::new();
        for (label, code, _) in labels {
            let name = |metric: &str, sex: &str| format!("{}{label} - {}", metric.to_uppercase(), sex.to_uppercase());
            let find = |metric: &str, sex: &str| columns.find(&name(metric, sex));
            let per_sex = |sex: &str| -> Option<[usize; 3]> {
                Some([find(METRICS[0], sex)?, find(METRICS[1], sex)?, find(METRICS[2], sex)?])
            };
            let mut need = |metric: &str| {
                let found = find(metric, SEXES[2]);
                if found.is_none() {
                    missing.push(name(metric, SEXES[2]));
                }
                found.unwrap_or(0)
            };
            let totaal = [need(METRICS[0]), need(METRICS[1])];
            years.push(YearColumns {
                man: per_sex(SEXES[0]),
                vrouw: per_sex(SEXES[1]),
                totaal,
                totaal_pct: find(METRICS[2], SEXES[2]),
                label,
                code,
            });
        }
        if !missing.is_empty() {
            return Err(FileError::MissingColumns { file: file.to_string(), kind: kind.to_string(), missing });
        }
        Ok(ExamensParser {
            brin,
            code,
            type_col,
            programme,
            naam: columns.find("INSTELLINGSNAAM VESTIGING").or_else(|| columns.find("VESTIGINGSNAAM")),
            gemeente: columns.find("GEMEENTENAAM"),
            inspectiecode: columns.find("INSPECTIECODE"),
            years,
        })
    }

    fn parse_row<C: RowCells + ?Sized>(&mut self, ctx: &Ctx<'_, C>) -> Result<Self::Row, RowError> {
        let brin = ctx.get_str(self.brin, parse_brin)?;
        let code = ctx.get_str(self.code, |t| parse_vestigingscode(t, &brin))?;
        let onderwijstype = ctx.get_str(self.type_col, required_text)?;
        let opleidingsnaam = ctx.get_str(self.programme, required_text)?;
        let afdeling = match Afdeling::from_onderwijstype(&onderwijstype) {
            Ok(Some(afdeling)) => afdeling,
            Ok(None) => ctx.get_str(self.programme, Afdeling::from_vmbo_programme)?,
            Err(problem) => return Err(ctx.error(self.type_col, problem)),
        };
        let inspectiecode = match self.inspectiecode {
            Some(i) => ctx.get(i, crate::values::count_bytes)?.value(),
            None => None,
        };
        let mut jaren = Vec::with_capacity(self.years.len());
        for y in &self.years {
            let cel = |cols: [usize; 3]| read_cell(ctx, cols[0], cols[1], Some(cols[2]));
            jaren.push(ExamenJaar {
                schooljaar: y.label.clone(),
                school_year_code: y.code.clone(),
                man: y.man.map(cel).transpose()?,
                vrouw: y.vrouw.map(cel).transpose()?,
                totaal: read_cell(ctx, y.totaal[0], y.totaal[1], y.totaal_pct)?,
            });
        }
        Ok(DuoExamenRecord {
            line: ctx.line,
            vestigingscode: format!("{brin}{code}"),
            instellingscode: brin,
            naam: ctx.optional_text(self.naam),
            gemeentenaam: ctx.optional_text(self.gemeente),
            onderwijstype,
            afdeling,
            inspectiecode,
            opleidingsnaam,
            jaren,
        })
    }

    fn finish(self, rows: Vec<Self::Row>) -> Vec<Self::Record> {
        rows
    }

    fn wrap(parsed: Parsed<Self::Record>) -> ParsedFile {
        ParsedFile::DuoExamensVo(parsed)
    }
}

/// Reads candidates, passes and rate, and checks that they can agree.
fn read_cell<C: RowCells + ?Sized>(
    ctx: &Ctx<'_, C>,
    candidates: usize,
    passes: usize,
    rate: Option<usize>,
) -> Result<ExamenCel, RowError> {
    let cel = ExamenCel {
        kandidaten: ctx.get(candidates, duo_count_bytes)?,
        geslaagden: ctx.get(passes, duo_count_bytes)?,
        slaagpercentage: match rate {
            Some(i) => ctx.get(i, |b| bounded_decimal(b, 0.0, 100.0))?,
            None => None,
        },
    };
    if let (Count::Known(c), Count::Known(p)) = (cel.kandidaten, cel.geslaagden)
        && p > c
    {
        let column = ctx.columns.names.get(candidates).cloned().unwrap_or_default();
        return Err(ctx.error(passes, format!("is meer dan het aantal examenkandidaten (kolom \"{column}\")")));
    }
    if cel.possible().is_empty() {
        let at = rate.unwrap_or(passes);
        return Err(ctx.error(
            at,
            format!(
                "past niet bij {} examenkandidaten en {} geslaagden",
                count_text(cel.kandidaten),
                count_text(cel.geslaagden)
            ),
        ));
    }
    Ok(cel)
}

fn count_text(c: Count) -> String {
    match c {
        Count::Known(n) => n.to_string(),
        Count::Masked => "<5".to_string(),
    }
}
