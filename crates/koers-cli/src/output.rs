//! Output writers for `koers screen`: an aligned table, Dutch CSV (`;`, decimal comma), JSON and
//! xlsx. Table, CSV and JSON stream row by row; xlsx is written at the end. CSV and xlsx go through
//! koers-reports' one export writer (text from the file is neutralised against formula injection
//! in CSV and kept as strings in xlsx).

use crate::error::CliError;
use clap::ValueEnum;
use koers_app::screening::Screened;
use koers_core::calendar::Date;
use koers_core::nl::{Dec, decimal};
use koers_core::{Indicator, Outcome};
use koers_reports::export::{CsvWriter, csv_text};
use koers_reports::workbook::{Cell, Workbook};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Xlsx,
}

pub enum Sink {
    Table { out: Box<dyn Write>, header_done: bool },
    Csv { out: CsvWriter<Box<dyn Write>>, header_done: bool },
    Json { out: Box<dyn Write>, first: bool },
    Xlsx { rows: Vec<Vec<Cell>>, path: Option<std::path::PathBuf> },
}

impl std::fmt::Debug for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sink")
    }
}

const CSV_HEADER: [&str; 18] = [
    "ovt",
    "brin",
    "schoolweging",
    "categorie",
    "leerlingen_3_jaar",
    "driejaars_1F",
    "driejaars_1S2F",
    "signaleringswaarde_1F",
    "signaleringswaarde_1S2F",
    "grenswaarde_1F",
    "grenswaarde_1S2F",
    "vergelijkbare_scholen_1F",
    "vergelijkbare_scholen_1S2F",
    "uitkomst_1F",
    "uitkomst_1S2F",
    "licht_koers",
    "oordeel",
    "toelichting",
];

fn output_error(path: Option<&Path>, source: io::Error) -> CliError {
    CliError::Output { path: path.map_or_else(|| "stdout".to_owned(), |p| p.display().to_string()), source }
}

impl Sink {
    pub fn open(format: Format, path: Option<&Path>) -> Result<Self, CliError> {
        let out: Box<dyn Write> = match (format, path) {
            (Format::Xlsx, p) => {
                if p.is_none() && io::stdout().is_terminal() {
                    return Err(CliError::XlsxToTerminal);
                }
                return Ok(Sink::Xlsx { rows: Vec::new(), path: p.map(Path::to_path_buf) });
            }
            (_, Some(p)) => {
                let f = File::create(p).map_err(|source| output_error(Some(p), source))?;
                Box::new(BufWriter::with_capacity(1 << 16, f))
            }
            (_, None) => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
        };
        Ok(match format {
            Format::Table => Sink::Table { out, header_done: false },
            // Excel-NL recognises UTF-8 only with a BOM (a file, not a pipe).
            Format::Csv => {
                let out = CsvWriter::new(out, path.is_some()).map_err(|source| output_error(path, source))?;
                Sink::Csv { out, header_done: false }
            }
            Format::Json => Sink::Json { out, first: true },
            Format::Xlsx => unreachable!("handled above"),
        })
    }

    pub fn write(&mut self, s: &Screened) -> io::Result<()> {
        match self {
            Sink::Table { out, header_done } => {
                if !*header_done {
                    *header_done = true;
                    writeln!(
                        out,
                        "{:<9} {:>6} {:<8} {:>4} {:>7} {:>7}  {:<7} {:<7} {:<6} oordeel",
                        "ovt", "weging", "cat", "lln", "1F", "1S/2F", "uitk 1F", "uitk 1S", "licht"
                    )?;
                }
                let a = &s.assessment;
                writeln!(
                    out,
                    "{:<9} {:>6} {:<8} {:>4} {:>7} {:>7}  {:<7} {:<7} {:<6} {}",
                    s.ovt,
                    a.schoolweging.map(|w| decimal(w.get(), 2)).unwrap_or_default(),
                    a.category.map(|c| c.label()).unwrap_or_default(),
                    a.three_year.map(|t| t.pupils.to_string()).unwrap_or_default(),
                    a.value(Indicator::F1).map(|v| decimal(v, 2)).unwrap_or_default(),
                    a.value(Indicator::S1F2).map(|v| decimal(v, 2)).unwrap_or_default(),
                    short(a.outcome_1f),
                    short(a.outcome_1s2f),
                    s.eligibility.light().map(|l| l.label()).unwrap_or("-"),
                    s.eligibility.verdict.label(),
                )
            }
            Sink::Csv { out, header_done } => {
                if !*header_done {
                    *header_done = true;
                    out.text_row(CSV_HEADER)?;
                }
                write_csv_row(out.raw(), s)
            }
            Sink::Json { out, first } => {
                out.write_all(if *first { b"[\n" } else { b",\n" })?;
                *first = false;
                let row = JsonRow {
                    line: s.line,
                    ovt: s.ovt.as_str(),
                    brin: &s.brin,
                    assessment: &s.assessment,
                    eligibility: &s.eligibility,
                    summary_nl: s.eligibility.summary_nl(),
                };
                serde_json::to_writer(&mut *out, &row).map_err(io::Error::other)
            }
            Sink::Xlsx { rows, .. } => {
                rows.push(cells(s));
                Ok(())
            }
        }
    }

    pub fn finish(self) -> io::Result<()> {
        match self {
            Sink::Table { mut out, .. } => out.flush(),
            Sink::Csv { out, .. } => out.into_inner().flush(),
            Sink::Json { mut out, first } => {
                out.write_all(if first { b"[]\n" } else { b"\n]\n" })?;
                out.flush()
            }
            Sink::Xlsx { rows, path } => write_xlsx(&rows, path.as_deref()),
        }
    }
}

/// One CSV row, written straight into the output (no per-cell allocation: this is the hot path
/// of `koers screen --format csv`). Columns as in [`CSV_HEADER`]; numbers with a decimal comma.
fn write_csv_row(out: &mut dyn Write, s: &Screened) -> io::Result<()> {
    let a = &s.assessment;
    let band = |i: Indicator| s.eligibility.bands.iter().find(|b| b.indicator == i);
    let opt = |out: &mut dyn Write, v: Option<f64>| -> io::Result<()> {
        match v {
            Some(v) => write!(out, ";{}", Dec(v, 2)),
            None => out.write_all(b";"),
        }
    };
    write!(out, "{};{}", csv_text(s.ovt.as_str()), csv_text(&s.brin))?;
    opt(out, a.schoolweging.map(|w| w.get()))?;
    match a.category {
        Some(c) => write!(out, ";[{},{})", c.lower_bound(), c.lower_bound() + 1)?,
        None => out.write_all(b";")?,
    }
    match a.three_year {
        Some(t) => write!(out, ";{}", t.pupils)?,
        None => out.write_all(b";")?,
    }
    opt(out, a.value(Indicator::F1))?;
    opt(out, a.value(Indicator::S1F2))?;
    opt(out, Some(a.signaleringswaarde_1f))?;
    opt(out, a.signaleringswaarde_1s2f)?;
    opt(out, band(Indicator::F1).map(|b| b.grenswaarde))?;
    opt(out, band(Indicator::S1F2).map(|b| b.grenswaarde))?;
    opt(out, band(Indicator::F1).map(|b| b.comparable_mean))?;
    opt(out, band(Indicator::S1F2).map(|b| b.comparable_mean))?;
    write!(
        out,
        ";{};{};{};{};",
        a.outcome_1f.label(),
        a.outcome_1s2f.label(),
        s.eligibility.light().map_or("", |l| l.label()),
        s.eligibility.verdict.label()
    )?;
    out.write_all(csv_text(&s.eligibility.summary_nl()).as_bytes())?;
    out.write_all(b"\r\n")
}

#[derive(serde::Serialize)]
struct JsonRow<'a> {
    line: usize,
    ovt: &'a str,
    brin: &'a str,
    assessment: &'a koers_core::Assessment,
    eligibility: &'a koers_core::Eligibility,
    summary_nl: String,
}

fn short(o: Outcome) -> &'static str {
    match o {
        Outcome::Boven => "boven",
        Outcome::Onder => "onder",
        Outcome::TeWeinigGegevens => "te-weinig",
        Outcome::KleineSchool => "klein",
    }
}

fn num(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, |v| Cell::number(v, 2))
}

fn cells(s: &Screened) -> Vec<Cell> {
    let a = &s.assessment;
    let band = |i: Indicator| s.eligibility.bands.iter().find(|b| b.indicator == i);
    vec![
        Cell::Text(s.ovt.to_string()),
        Cell::Text(s.brin.clone()),
        num(a.schoolweging.map(|w| w.get())),
        a.category.map_or(Cell::Empty, |c| Cell::Text(c.label())),
        a.three_year.map_or(Cell::Empty, |t| Cell::from(t.pupils)),
        num(a.value(Indicator::F1)),
        num(a.value(Indicator::S1F2)),
        num(Some(a.signaleringswaarde_1f)),
        num(a.signaleringswaarde_1s2f),
        num(band(Indicator::F1).map(|b| b.grenswaarde)),
        num(band(Indicator::S1F2).map(|b| b.grenswaarde)),
        num(band(Indicator::F1).map(|b| b.comparable_mean)),
        num(band(Indicator::S1F2).map(|b| b.comparable_mean)),
        Cell::Text(a.outcome_1f.label().to_owned()),
        Cell::Text(a.outcome_1s2f.label().to_owned()),
        s.eligibility.light().map_or(Cell::Empty, |l| Cell::Text(l.label().to_owned())),
        Cell::Text(s.eligibility.verdict.label().to_owned()),
        Cell::Text(s.eligibility.summary_nl()),
    ]
}

fn write_xlsx(rows: &[Vec<Cell>], path: Option<&Path>) -> io::Result<()> {
    let mut wb = Workbook::new("Koers screening", Date::of_instant(crate::db::now()));
    wb.sheet("Screening", CSV_HEADER).rows = rows.to_vec();
    let buf = wb.to_xlsx().map_err(|e| io::Error::other(e.to_string()))?;
    match path {
        Some(p) => std::fs::write(p, buf),
        None => io::stdout().lock().write_all(&buf),
    }
}
