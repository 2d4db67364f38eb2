//! Where the Inspectie results columns are, and parsing one row. Shared by the table parser
//! and the streaming reader, so both behave the same.

use super::{InspectieResultRow, InspectieYear, PublishedOutcome};
use crate::columns::{Columns, Ctx, RowCells, bounded_decimal};
use crate::error::{FileError, RowError};
use crate::kind::FileKind;
use crate::values::{Cell, count_bytes, parse_ovt, parse_school_year_code, percentage_bytes};

const PCT_1F: &str = "gemiddelde %1f ";
const PCT_1S2F: &str = "gemiddelde %1s/2f ";
const PUPILS: &str = "aantal leerlingen ";

#[derive(Debug, Clone)]
struct YearColumns {
    code: String,
    test_year: u16,
    pct_1f: usize,
    pct_1s2f: usize,
    pupils: usize,
}

/// Column positions of an Inspectie results file.
#[derive(Debug, Clone)]
pub(crate) struct InspectieLayout {
    columns: Columns,
    ovt: usize,
    name: Option<usize>,
    years: Vec<YearColumns>,
    schoolweging: usize,
    category: Option<usize>,
    signal_1f: Option<usize>,
    signal_1s2f: Option<usize>,
    published_1f: Option<usize>,
    published_1s2f: Option<usize>,
    published_total: Option<usize>,
    outcome_1f: Option<usize>,
    outcome_1s2f: Option<usize>,
}

impl InspectieLayout {
    pub(crate) fn from_headers(headers: &[String], file: &str) -> Result<Self, FileError> {
        let columns = Columns::new(headers);
        let mut codes: Vec<String> = Vec::new();
        for (i, header) in columns.normalized().iter().enumerate() {
            let Some(code) = [PCT_1F, PCT_1S2F, PUPILS].iter().find_map(|prefix| header.strip_prefix(prefix)) else {
                continue;
            };
            if parse_school_year_code(code).is_none() {
                return Err(FileError::BadHeader {
                    file: file.to_string(),
                    column: columns.names.get(i).cloned().unwrap_or_default(),
                    problem: format!(
                        "\"{code}\" is geen schooljaarcode; verwacht twee opeenvolgende jaren, zoals 2324 voor 2023/24"
                    ),
                });
            }
            if !codes.iter().any(|c| c == code) {
                codes.push(code.to_string());
            }
        }
        let mut missing = Vec::new();
        let mut find = |name: String| {
            let found = columns.find(&name);
            if found.is_none() {
                missing.push(name);
            }
            found.unwrap_or(0)
        };
        let ovt = find("ovt".into());
        let schoolweging = find("Schoolweging".into());
        if codes.is_empty() {
            for name in ["Gemiddelde %1F", "Gemiddelde %1S/2F", "Aantal leerlingen"] {
                find(format!("{name} <schooljaar, bijv. 2324>"));
            }
        }
        let mut years = Vec::new();
        for code in codes {
            let Some(year) = parse_school_year_code(&code) else {
                continue;
            };
            years.push(YearColumns {
                pct_1f: find(format!("Gemiddelde %1F {code}")),
                pct_1s2f: find(format!("Gemiddelde %1S/2F {code}")),
                pupils: find(format!("Aantal leerlingen {code}")),
                test_year: year.test_year,
                code,
            });
        }
        if !missing.is_empty() {
            return Err(FileError::MissingColumns {
                file: file.to_string(),
                kind: FileKind::InspectieResultaten.dutch_name().to_string(),
                missing,
            });
        }
        years.sort_by_key(|y| y.test_year);
        let opt = |name: &str| columns.find(name);
        Ok(InspectieLayout {
            ovt,
            name: opt("naam"),
            years,
            schoolweging,
            category: opt("Schoolwegingscategorie"),
            signal_1f: opt("Signaleringswaarde 1F"),
            signal_1s2f: opt("Signaleringswaarde 1S/2F"),
            published_1f: opt("Gewogen driejaarsgemiddelde %1F"),
            published_1s2f: opt("Gewogen driejaarsgemiddelde %1S/2F"),
            published_total: opt("Totaal aantal leerlingen 3 jaar"),
            outcome_1f: opt("Uitkomst indicator 1F"),
            outcome_1s2f: opt("Uitkomst indicator 1S/2F"),
            columns,
        })
    }

    pub(crate) fn columns(&self) -> &Columns {
        &self.columns
    }

    /// The school-year codes, oldest first.
    pub(crate) fn year_codes(&self) -> Vec<String> {
        self.years.iter().map(|y| y.code.clone()).collect()
    }

    pub(crate) fn parse_row<C: RowCells + ?Sized>(&self, ctx: &Ctx<'_, C>) -> Result<InspectieResultRow, RowError> {
        let ovt = ctx.get_str(self.ovt, parse_ovt)?;
        let mut years = Vec::with_capacity(self.years.len());
        for y in &self.years {
            let year = InspectieYear {
                school_year_code: y.code.clone(),
                test_year: y.test_year,
                pct_1f: ctx.get(y.pct_1f, percentage_bytes)?,
                pct_1s2f: ctx.get(y.pct_1s2f, percentage_bytes)?,
                pupils: ctx.get(y.pupils, count_bytes)?,
            };
            check_year(ctx, y, &year)?;
            years.push(year);
        }
        let outcome = |i: Option<usize>| -> Result<Option<PublishedOutcome>, RowError> {
            match i {
                Some(i) => ctx.get_str(i, PublishedOutcome::parse),
                None => Ok(None),
            }
        };
        let published = |i: Option<usize>| ctx.get_opt(i, percentage_bytes);
        Ok(InspectieResultRow {
            line: ctx.line,
            brin: ovt.brin().to_owned(),
            ovt,
            name: ctx.optional_text(self.name),
            years,
            schoolweging: ctx.get(self.schoolweging, |b| bounded_decimal(b, 0.0, 60.0))?,
            category_label: ctx.optional_text(self.category),
            signaleringswaarde_1f: ctx.get_opt(self.signal_1f, |b| bounded_decimal(b, 0.0, 100.0))?.flatten(),
            signaleringswaarde_1s2f: ctx.get_opt(self.signal_1s2f, |b| bounded_decimal(b, 0.0, 100.0))?.flatten(),
            published_1f: published(self.published_1f)?.unwrap_or(Cell::Missing),
            published_1s2f: published(self.published_1s2f)?.unwrap_or(Cell::Missing),
            published_total: ctx.get_opt(self.published_total, count_bytes)?.unwrap_or(Cell::Missing),
            outcome_1f: outcome(self.outcome_1f)?,
            outcome_1s2f: outcome(self.outcome_1s2f)?,
        })
    }
}

/// A year is either empty, or has pupils and both percentages; `*` may stand for any of them.
fn check_year<C: RowCells + ?Sized>(
    ctx: &Ctx<'_, C>,
    columns: &YearColumns,
    year: &InspectieYear,
) -> Result<(), RowError> {
    let cells = [
        (columns.pupils, year.pupils.value().is_some(), year.pupils.is_missing()),
        (columns.pct_1f, year.pct_1f.value().is_some(), year.pct_1f.is_missing()),
        (columns.pct_1s2f, year.pct_1s2f.value().is_some(), year.pct_1s2f.is_missing()),
    ];
    let filled = cells.iter().find(|c| c.1);
    let empty = cells.iter().find(|c| c.2);
    if let (Some(filled), Some(empty)) = (filled, empty) {
        let empty_name = ctx.columns.names.get(empty.0).cloned().unwrap_or_default();
        return Err(
            ctx.error(filled.0, format!("is ingevuld, maar kolom \"{empty_name}\" van hetzelfde schooljaar is leeg"))
        );
    }
    Ok(())
}
