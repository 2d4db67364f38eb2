//! Output writers for `koers screen`: an aligned table, Dutch CSV (`;`, decimal comma), JSON and
//! xlsx. Table, CSV and JSON stream row by row; xlsx is written at the end.

use clap::ValueEnum;
use koers_app::screening::Screened;
use koers_core::nl::{Dec, decimal};
use koers_core::{Indicator, Outcome};
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
    Csv { out: Box<dyn Write>, header_done: bool },
    Json { out: Box<dyn Write>, first: bool },
    Xlsx { rows: Vec<Vec<XCell>>, path: Option<std::path::PathBuf> },
}

impl std::fmt::Debug for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sink")
    }
}

pub enum XCell {
    Text(String),
    Number(f64),
    Int(u32),
    Empty,
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

impl Sink {
    pub fn open(format: Format, path: Option<&Path>) -> Result<Self, String> {
        let out: Box<dyn Write> = match (format, path) {
            (Format::Xlsx, p) => {
                if p.is_none() && io::stdout().is_terminal() {
                    return Err("xlsx is binair: geef een bestand op met --output bestand.xlsx".into());
                }
                return Ok(Sink::Xlsx { rows: Vec::new(), path: p.map(Path::to_path_buf) });
            }
            (_, Some(p)) => {
                let f = File::create(p).map_err(|e| format!("kan {} niet aanmaken: {e}", p.display()))?;
                Box::new(BufWriter::with_capacity(1 << 16, f))
            }
            (_, None) => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
        };
        Ok(match format {
            Format::Table => Sink::Table { out, header_done: false },
            Format::Csv => {
                let mut out = out;
                if path.is_some() {
                    // Excel-NL recognises UTF-8 only with a BOM.
                    out.write_all("\u{feff}".as_bytes()).map_err(|e| e.to_string())?;
                }
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
                    writeln!(out, "{}", CSV_HEADER.join(";"))?;
                }
                write_csv_row(out, s)
            }
            Sink::Json { out, first } => {
                out.write_all(if *first { b"[\n" } else { b",\n" })?;
                *first = false;
                let row = JsonRow {
                    line: s.line,
                    ovt: &s.ovt,
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
            Sink::Table { mut out, .. } | Sink::Csv { mut out, .. } => out.flush(),
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
    write!(out, "{};{}", s.ovt, s.brin)?;
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
    write_csv_text(out, &s.eligibility.summary_nl())?;
    out.write_all(b"\n")
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

fn write_csv_text(out: &mut dyn Write, t: &str) -> io::Result<()> {
    if t.contains([';', '"', '\n', '\r']) {
        out.write_all(b"\"")?;
        out.write_all(t.replace('"', "\"\"").as_bytes())?;
        out.write_all(b"\"")
    } else {
        out.write_all(t.as_bytes())
    }
}

fn num(v: Option<f64>) -> XCell {
    v.map_or(XCell::Empty, XCell::Number)
}

fn cells(s: &Screened) -> Vec<XCell> {
    let a = &s.assessment;
    let band = |i: Indicator| s.eligibility.bands.iter().find(|b| b.indicator == i);
    vec![
        XCell::Text(s.ovt.clone()),
        XCell::Text(s.brin.clone()),
        num(a.schoolweging.map(|w| w.get())),
        a.category.map_or(XCell::Empty, |c| XCell::Text(c.label())),
        a.three_year.map_or(XCell::Empty, |t| XCell::Int(t.pupils)),
        num(a.value(Indicator::F1)),
        num(a.value(Indicator::S1F2)),
        num(Some(a.signaleringswaarde_1f)),
        num(a.signaleringswaarde_1s2f),
        num(band(Indicator::F1).map(|b| b.grenswaarde)),
        num(band(Indicator::S1F2).map(|b| b.grenswaarde)),
        num(band(Indicator::F1).map(|b| b.comparable_mean)),
        num(band(Indicator::S1F2).map(|b| b.comparable_mean)),
        XCell::Text(a.outcome_1f.label().to_owned()),
        XCell::Text(a.outcome_1s2f.label().to_owned()),
        s.eligibility.light().map_or(XCell::Empty, |l| XCell::Text(l.label().to_owned())),
        XCell::Text(s.eligibility.verdict.label().to_owned()),
        XCell::Text(s.eligibility.summary_nl()),
    ]
}

fn write_xlsx(rows: &[Vec<XCell>], path: Option<&Path>) -> io::Result<()> {
    use rust_xlsxwriter::{Format as XFormat, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let bold = XFormat::new().set_bold();
    let pct = XFormat::new().set_num_format("0.00");
    let err = |e: rust_xlsxwriter::XlsxError| io::Error::other(e.to_string());
    ws.set_name("Screening").map_err(err)?;
    for (c, h) in CSV_HEADER.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold).map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                XCell::Text(t) => ws.write_string(r, c, t).map(|_| ()).map_err(err)?,
                XCell::Number(n) => ws.write_number_with_format(r, c, *n, &pct).map(|_| ()).map_err(err)?,
                XCell::Int(n) => ws.write_number(r, c, f64::from(*n)).map(|_| ()).map_err(err)?,
                XCell::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 1).map_err(err)?;
    ws.autofilter(0, 0, rows.len() as u32, CSV_HEADER.len() as u16 - 1).map_err(err)?;
    match path {
        Some(p) => wb.save(p).map_err(err),
        None => {
            let buf = wb.save_to_buffer().map_err(err)?;
            io::stdout().lock().write_all(&buf)
        }
    }
}
