//! `koers screen <file>`: every school of a results file through the model and the GWGB+ rule.

use crate::error::CliError;
use crate::exit;
use crate::output::{Format, Sink};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use koers_app::screening::{Only, Tally, screen_row, window_for};
use koers_core::programme::RuleSettings;
use koers_core::{NormLibrary, TestYear};
use koers_import::{FileKind, Limits, Rejections, RowError, printable};
use std::fs::File;
use std::io::{BufReader, IsTerminal, Read};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// Resultatenbestand: het open-databestand 'Leerresultaten primair onderwijs' van de Inspectie
    /// of een bestand met dezelfde kolommen (CSV met ; of , — UTF-8 of Windows-1252 —, xlsx, ods).
    pub file: PathBuf,
    /// Uitvoerformaat.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Toon alleen scholen die hieraan voldoen: eligible, not-eligible, undetermined, onder,
    /// boven, te-weinig-gegevens, kleine-school, rood, oranje, groen. Herhaal of scheid met
    /// komma's: een school moet aan alle filters voldoen.
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
    /// Toon alleen deze school (BRIN, bv. 00AP, of ovt, bv. 00AP|C1).
    #[arg(long)]
    pub school: Option<String>,
    /// Schrijf naar dit bestand in plaats van naar stdout (verplicht voor xlsx op een terminal).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Het programma waarvan de toelatingsregel geldt (standaard: het programma voor po-scholen,
    /// `default_for = ["po"]`).
    #[arg(long)]
    pub programme: Option<String>,
    /// Lees de programma's uit deze database (sqlite://… of postgres://…), zoals een beheerder ze
    /// heeft ingesteld; zonder deze optie gelden de meegeleverde programmes/*.toml.
    #[arg(long)]
    pub database_url: Option<String>,
}

/// Messages can hold a file's names and values: printed through `printable`, never raw.
fn fail(msg: impl std::fmt::Display, code: u8) -> u8 {
    eprintln!("koers screen: {}", printable(&msg.to_string()));
    code
}

/// Rejected rows listed on stderr; the rest are only counted.
const SHOW: usize = 50;

pub fn run(args: &ScreenArgs) -> u8 {
    let mut filters = Vec::new();
    for f in &args.only {
        match Only::parse(f) {
            Some(o) => filters.push(o),
            None => {
                return fail(
                    format!("onbekend filter '{f}' bij --only; kies uit: {}", Only::NAMES.join(", ")),
                    exit::USAGE,
                );
            }
        }
    }
    let (norms, rule) = match load_rules(args.programme.as_deref(), args.database_url.as_deref()) {
        Ok(x) => x,
        Err(e) => return fail(&e, e.exit_code()),
    };
    let name = args.file.display().to_string();
    let file = match File::open(&args.file) {
        Ok(f) => f,
        Err(e) => {
            crate::error::log_detail("screen", &e.to_string());
            return fail(format!("kan {name} niet openen: {}", koers_app::error_nl::io(&e)), exit::BAD_FILE);
        }
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let progress = (std::io::stderr().is_terminal() && size > 4 << 20).then(|| {
        let pb = ProgressBar::new(size);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {elapsed} (nog {eta})") {
            pb.set_style(style);
        }
        pb
    });
    let mut sink = match Sink::open(args.format, args.output.as_deref()) {
        Ok(s) => s,
        Err(e) => return fail(&e, e.exit_code()),
    };
    let school = args.school.as_deref().map(str::trim).map(str::to_uppercase);
    let mut tally = Tally::default();
    let mut rejected = Rejections::new(SHOW);
    let mut window: Option<[TestYear; 3]> = None;
    let mut write_error: Option<std::io::Error> = None;
    let mut on_row = |r: Result<koers_import::InspectieResultRow, RowError>| {
        let row = match r {
            Ok(row) => row,
            Err(e) => return rejected.push(e),
        };
        let w = *window.get_or_insert_with(|| {
            let latest = row.years.iter().filter_map(|y| TestYear::new(y.test_year).ok()).max();
            latest.map_or_else(|| [TestYear::new(2025).unwrap_or_else(|_| unreachable!()); 3], window_for)
        });
        if let Some(s) = &school
            && row.ovt != s.as_str()
            && row.brin.to_uppercase() != *s
        {
            return;
        }
        let norm_set = match norms.for_test_year(w[2]) {
            Ok(n) => n,
            Err(e) => {
                return rejected.push(RowError {
                    file: name.clone(),
                    line: row.line,
                    column: "ovt".into(),
                    value: row.ovt.to_string(),
                    problem: e.to_string(),
                });
            }
        };
        match screen_row(&name, &row, w, norm_set, &rule) {
            Ok(s) => {
                let shown = filters.iter().all(|f| f.matches(&s));
                tally.add(&s, shown);
                if shown
                    && write_error.is_none()
                    && let Err(e) = sink.write(&s)
                {
                    write_error = Some(e);
                }
            }
            Err(e) => rejected.push(e),
        }
    };
    let reader: Box<dyn Read> = match &progress {
        Some(pb) => Box::new(pb.wrap_read(file)),
        None => Box::new(file),
    };
    let read = read_rows(reader, &name, &mut on_row);
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    if let Err(e) = read {
        return fail(e, exit::BAD_FILE);
    }
    if let Some(e) = write_error {
        crate::error::log_detail("screen", &e.to_string());
        return fail(format!("schrijven mislukt: {}", koers_app::error_nl::io(&e)), exit::INTERNAL);
    }
    if let Err(e) = sink.finish() {
        crate::error::log_detail("screen", &e.to_string());
        return fail(format!("schrijven mislukt: {}", koers_app::error_nl::io(&e)), exit::INTERNAL);
    }
    tally.rejected = rejected.total();
    report(&tally, &rejected)
}

/// Why the rule of `--programme` cannot be used; each knows its exit code.
#[derive(Debug, thiserror::Error)]
enum RulesError {
    #[error("{0}")]
    Norms(koers_core::NormError),
    #[error("{0}")]
    Programmes(CliError),
    #[error("onbekend programma '{id}'; kies uit: {known}")]
    UnknownProgramme { id: String, known: String },
    #[error("{0}")]
    NoBand(koers_app::Error),
    #[error(
        "programma '{0}' beoordeelt niet op resultaten maar op kwalitatieve criteria; gebruik 'koers check --sector sbo'"
    )]
    Special(String),
    #[error(
        "programma '{0}' beoordeelt niet op PO-resultaten maar op inspectiegeschiedenis of risico's; 'koers screen' is alleen voor de resultatenband"
    )]
    NotResults(String),
}

impl RulesError {
    fn exit_code(&self) -> u8 {
        match self {
            RulesError::Norms(_) => exit::INTERNAL,
            RulesError::Programmes(_) => exit::BAD_FILE,
            RulesError::UnknownProgramme { .. }
            | RulesError::NoBand(_)
            | RulesError::Special(_)
            | RulesError::NotResults(_) => exit::USAGE,
        }
    }
}

fn load_rules(
    programme: Option<&str>,
    database_url: Option<&str>,
) -> Result<(&'static NormLibrary, koers_core::programme::BandRule), RulesError> {
    static NORMS: std::sync::OnceLock<Result<NormLibrary, koers_core::NormError>> = std::sync::OnceLock::new();
    let lib = NORMS.get_or_init(NormLibrary::shipped).as_ref().map_err(|e| RulesError::Norms(e.clone()))?;
    let programmes = crate::db::programmes(database_url).map_err(RulesError::Programmes)?;
    let p = match programme {
        Some(id) => programmes.get(id).ok_or_else(|| {
            let ids: Vec<&str> = programmes.active().iter().map(|p| p.id.as_str()).collect();
            RulesError::UnknownProgramme { id: id.to_owned(), known: ids.join(", ") }
        })?,
        None => programmes.band().map_err(RulesError::NoBand)?.0,
    };
    match p.rule {
        RuleSettings::ResultsBand(b) => Ok((lib, b)),
        RuleSettings::SpecialEducation(_) => Err(RulesError::Special(p.id.to_string())),
        RuleSettings::BoardHistory(_) | RuleSettings::VerdictOrRisk(_) => Err(RulesError::NotResults(p.id.to_string())),
    }
}

/// Why a results file cannot be read at all (rows that fail are counted, not this).
#[derive(Debug, thiserror::Error)]
enum ReadError {
    #[error("kan {name} niet lezen: {}", koers_app::error_nl::io(.source))]
    Read { name: String, source: std::io::Error },
    #[error(transparent)]
    File(#[from] koers_import::FileError),
    #[error(
        "{file} is een bestand van het soort '{kind}'; 'koers screen' heeft resultaten over meerdere jaren nodig \
(het bestand 'Leerresultaten primair onderwijs' van de Inspectie of een bestand met dezelfde kolommen)"
    )]
    WrongKind { file: String, kind: &'static str },
}

/// The norms to use are picked per file from its latest test year.
fn read_rows(
    mut reader: Box<dyn Read>,
    name: &str,
    on_row: &mut dyn FnMut(Result<koers_import::InspectieResultRow, RowError>),
) -> Result<(), ReadError> {
    let mut head = [0u8; 4];
    let n = read_up_to(&mut reader, &mut head).map_err(|source| ReadError::Read { name: name.to_owned(), source })?;
    let chained = std::io::Cursor::new(head[..n].to_vec()).chain(reader);
    if head[..n].starts_with(b"PK") {
        // xlsx / ods: read whole (within the limits), check the kind, then hand every row over.
        let bytes = koers_import::read_all(chained, name, &Limits::default())?;
        let table = koers_import::read_table(&bytes, name)?;
        check_kind(&table)?;
        drop(table);
        koers_import::stream_inspectie_results(bytes.as_slice(), name, on_row)?;
    } else {
        koers_import::stream_inspectie_results(BufReader::with_capacity(1 << 16, chained), name, on_row)?;
    }
    Ok(())
}

fn check_kind(table: &koers_import::Table) -> Result<(), ReadError> {
    match koers_import::detect_kind(table) {
        Some(FileKind::InspectieResultaten) => Ok(()),
        Some(other) => Err(ReadError::WrongKind { file: table.file.clone(), kind: other.dutch_name() }),
        None => Ok(()), // let the parser name the missing columns
    }
}

fn read_up_to(r: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn report(tally: &Tally, rejected: &Rejections) -> u8 {
    if !rejected.is_empty() {
        eprintln!("Afgewezen regels ({}):", rejected.total());
        for e in rejected.kept() {
            eprintln!("  {}", printable(&e.to_string()));
        }
        if rejected.not_kept() > 0 {
            eprintln!("  … en nog {} regels", rejected.not_kept());
        }
    }
    eprintln!("{}", tally.summary_nl());
    if rejected.is_empty() { exit::OK } else { exit::REJECTED_ROWS }
}
