//! `koers check`: one school from numbers on the command line.

use crate::exit;
use clap::{Args, ValueEnum};
use koers_app::check::{CheckInput, CheckOutcome, YearInput, check};
use koers_core::eligibility::{Oordeel, SchoolContext, SpecialAnswers, assess_special};
use koers_core::nl::{PctP, decimal, places_for};
use koers_core::programme::{Audience, RuleSettings};
use koers_core::{Eligibility, Indicator, NormLibrary, Sector};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OordeelArg {
    Voldoende,
    Onvoldoende,
    ZeerZwak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Een toetsjaar als JAAR:LEERLINGEN:%1F:%1S2F, bv. 2025:12:91,67:47,22 (herhaal per jaar).
    #[arg(long = "year", value_name = "JAAR:N:%1F:%1S2F")]
    pub years: Vec<String>,
    /// Een toetsjaar als aantallen per domein (rekenen, lezen, taalverzorging):
    /// JAAR:N:R1F,L1F,T1F:R1S,L2F,T2F — leerlingen op 1F of hoger en op het streefniveau.
    #[arg(long = "counts", value_name = "JAAR:N:1F…:1S2F…")]
    pub counts: Vec<String>,
    /// Schoolweging (driejaarsgemiddelde), bv. 31,47.
    #[arg(long)]
    pub schoolweging: Option<String>,
    /// Verwacht aantal leerlingen volgend jaar (voor 'wat zou het veranderen'); standaard dat van het laatste jaar.
    #[arg(long)]
    pub next_pupils: Option<u32>,
    /// Oordeel van de Inspectie, als bekend.
    #[arg(long, value_enum)]
    pub oordeel: Option<OordeelArg>,
    /// De school heeft een herstelopdracht.
    #[arg(long)]
    pub herstelopdracht: bool,
    /// Sector: po (resultatenmodel) of sbo/so/vso (kwalitatieve criteria).
    #[arg(long, value_parser = parse_sector, default_value = "po")]
    pub sector: Sector,
    /// sbo/so/vso: is de leerlingpopulatie beschreven? (ja/nee)
    #[arg(long, value_parser = parse_yes_no)]
    pub populatie_beschreven: Option<bool>,
    /// sbo/so/vso: zijn er ambities die bij de populatie passen? (ja/nee)
    #[arg(long, value_parser = parse_yes_no)]
    pub ambities_passend: Option<bool>,
    /// sbo/so/vso: zijn de ambities de meeste jaren gehaald? (ja/nee; weglaten als er geen ambities zijn)
    #[arg(long, value_parser = parse_yes_no)]
    pub ambities_gehaald: Option<bool>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Lees de programma's uit deze database (sqlite://… of postgres://…), zoals een beheerder ze
    /// heeft ingesteld; zonder deze optie gelden de meegeleverde programmes/*.toml.
    #[arg(long)]
    pub database_url: Option<String>,
}

/// A bad value on the command line of `koers check`; the Dutch message names the field
/// (clap adds the flag for the value parsers).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArgError {
    #[error("'vo' wordt (nog) niet door 'koers check' beoordeeld; kies po, sbo, so of vso")]
    SectorVo,
    #[error("'{0}' is geen sector; kies po, sbo, so of vso")]
    Sector(String),
    #[error("'{0}' is geen ja of nee")]
    YesNo(String),
    #[error("{field}: '{value}' is geen getal")]
    Decimal { field: String, value: String },
    #[error("{field}: '{value}' is geen geheel getal van 0 of meer")]
    Count { field: String, value: String },
    #[error("{field}: verwacht drie aantallen (rekenen,lezen,taalverzorging), kreeg '{value}'")]
    Triple { field: String, value: String },
    #[error("{field}: verwacht {shape}")]
    Shape { field: String, shape: &'static str },
    #[error("{field}: jaar is te groot")]
    YearTooLarge { field: String },
    #[error("geef minstens één toetsjaar op met --year of --counts")]
    NoYears,
}

/// po, sbo, so or vso (the one `Sector` of core; vo has no `koers check` yet).
fn parse_sector(s: &str) -> Result<Sector, ArgError> {
    match Sector::from_code(s) {
        Some(Sector::Vo) => Err(ArgError::SectorVo),
        Some(x) => Ok(x),
        None => Err(ArgError::Sector(s.to_owned())),
    }
}

fn parse_yes_no(s: &str) -> Result<bool, ArgError> {
    match s.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "true" => Ok(true),
        "nee" | "n" | "no" | "false" => Ok(false),
        _ => Err(ArgError::YesNo(s.to_owned())),
    }
}

/// A Dutch decimal (`91,67`), through core's one parser.
fn dec(field: &str, s: &str) -> Result<f64, ArgError> {
    koers_core::nl::parse_decimal(s).ok_or_else(|| ArgError::Decimal { field: field.to_owned(), value: s.to_owned() })
}

fn int(field: &str, s: &str) -> Result<u32, ArgError> {
    s.trim().parse::<u32>().map_err(|_| ArgError::Count { field: field.to_owned(), value: s.to_owned() })
}

fn triple(field: &str, s: &str) -> Result<[u32; 3], ArgError> {
    let parts: Vec<&str> = s.split(',').collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(ArgError::Triple { field: field.to_owned(), value: s.to_owned() });
    };
    Ok([int(field, a)?, int(field, b)?, int(field, c)?])
}

fn year(field: &str, s: &str) -> Result<u16, ArgError> {
    u16::try_from(int(field, s)?).map_err(|_| ArgError::YearTooLarge { field: field.to_owned() })
}

fn parse_year(s: &str) -> Result<YearInput, ArgError> {
    let field = format!("--year {s}");
    let p: Vec<&str> = s.split(':').collect();
    let [y, n, p1, p2] = p.as_slice() else {
        return Err(ArgError::Shape { field, shape: "JAAR:LEERLINGEN:%1F:%1S2F" });
    };
    Ok(YearInput::Percentages {
        test_year: year(&field, y)?,
        pupils: int(&field, n)?,
        pct_1f: dec(&field, p1)?,
        pct_1s2f: dec(&field, p2)?,
    })
}

fn parse_counts(s: &str) -> Result<YearInput, ArgError> {
    let field = format!("--counts {s}");
    let p: Vec<&str> = s.split(':').collect();
    let [y, n, a, b] = p.as_slice() else {
        return Err(ArgError::Shape { field, shape: "JAAR:N:R1F,L1F,T1F:R1S,L2F,T2F" });
    };
    Ok(YearInput::Counts {
        test_year: year(&field, y)?,
        pupils: int(&field, n)?,
        at_1f: triple(&field, a)?,
        at_1s2f: triple(&field, b)?,
    })
}

pub fn run(args: &CheckArgs) -> u8 {
    let ctx = SchoolContext {
        oordeel: args.oordeel.map(|o| match o {
            OordeelArg::Voldoende => Oordeel::Voldoende,
            OordeelArg::Onvoldoende => Oordeel::Onvoldoende,
            OordeelArg::ZeerZwak => Oordeel::ZeerZwak,
        }),
        herstelopdracht: args.herstelopdracht,
    };
    if args.sector != Sector::Po {
        return run_special(args, &ctx);
    }
    let mut errors = Vec::new();
    let mut years = Vec::new();
    for r in args.years.iter().map(|s| parse_year(s)).chain(args.counts.iter().map(|s| parse_counts(s))) {
        match r {
            Ok(y) => years.push(y),
            Err(e) => errors.push(e),
        }
    }
    let schoolweging = match args.schoolweging.as_deref().map(|s| dec("--schoolweging", s)) {
        Some(Ok(w)) => Some(w),
        Some(Err(e)) => {
            errors.push(e);
            None
        }
        None => None,
    };
    if years.is_empty() && errors.is_empty() {
        errors.push(ArgError::NoYears);
    }
    if !errors.is_empty() {
        errors.iter().for_each(|e| eprintln!("koers check: {e}"));
        return exit::USAGE;
    }
    let norms = match NormLibrary::shipped() {
        Ok(n) => n,
        Err(e) => {
            eprintln!("koers check: {e}");
            return exit::INTERNAL;
        }
    };
    let input = CheckInput { years, schoolweging, next_pupils: args.next_pupils, context: ctx };
    let rule = match crate::db::programmes(args.database_url.as_deref())
        .and_then(|p| p.band().map(|(_, r)| *r).map_err(crate::error::CliError::from))
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("koers check: {e}");
            return exit::INTERNAL;
        }
    };
    match check(&input, &norms, &rule) {
        Ok(o) => {
            match args.format {
                CheckFormat::Json => println!("{}", json(&o.eligibility, Some(&o))),
                CheckFormat::Text => print!("{}", text(&o)),
            }
            exit::OK
        }
        Err(errs) => {
            errs.iter().for_each(|e| eprintln!("koers check: {e}"));
            exit::REJECTED_ROWS
        }
    }
}

fn run_special(args: &CheckArgs, ctx: &SchoolContext) -> u8 {
    let (Some(population_described), Some(ambitions_fit_population)) =
        (args.populatie_beschreven, args.ambities_passend)
    else {
        eprintln!(
            "koers check: voor sbo, so en vso zijn --populatie-beschreven en --ambities-passend verplicht (ja/nee)"
        );
        return exit::USAGE;
    };
    let answers = SpecialAnswers {
        population_described,
        ambitions_fit_population,
        ambitions_met_most_years: args.ambities_gehaald,
    };
    let programmes = match crate::db::programmes(args.database_url.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("koers check: {e}");
            return exit::INTERNAL;
        }
    };
    let rule = match programmes.default_for(Audience::School, args.sector).map(|p| &p.rule) {
        Some(RuleSettings::SpecialEducation(r)) => *r,
        _ => {
            eprintln!("koers check: geen programma met de regel voor {} (default_for)", args.sector.code());
            return exit::INTERNAL;
        }
    };
    let e = assess_special(&answers, &rule, ctx);
    match args.format {
        CheckFormat::Json => println!("{}", json(&e, None)),
        CheckFormat::Text => println!("Oordeel: {}\n{}", e.verdict.label(), e.summary_nl()),
    }
    exit::OK
}

fn json(e: &Eligibility, o: Option<&CheckOutcome>) -> String {
    let v = serde_json::json!({
        "norms": o.map(|o| o.norms_id.clone()),
        "assessment": o.map(|o| &o.assessment),
        "eligibility": e,
        "summary_nl": e.summary_nl(),
        "levers_nl": e.levers.iter().map(|l| l.text_nl()).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

fn text(o: &CheckOutcome) -> String {
    use std::fmt::Write;
    let a = &o.assessment;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Toetsjaren {} t/m {} (normen: {})",
        o.window[0].school_year_label(),
        o.window[2].school_year_label(),
        o.norms_id
    );
    match (a.schoolweging, a.category) {
        (Some(w), Some(c)) => {
            let _ = writeln!(s, "Schoolweging {} → categorie {c}", decimal(w.get(), 2));
        }
        _ => s.push_str("Schoolweging onbekend\n"),
    }
    if let Some(t) = a.three_year {
        let _ = writeln!(s, "Leerlingen over drie jaar: {}", t.pupils);
    }
    let _ = writeln!(s, "{:<26}{:>10}{:>10}", "", "1F", "1S/2F");
    let row = |s: &mut String, label: &str, f: &dyn Fn(Indicator) -> String| {
        let _ = writeln!(s, "{label:<26}{:>10}{:>10}", f(Indicator::F1), f(Indicator::S1F2));
    };
    let band = |i: Indicator| o.eligibility.bands.iter().find(|b| b.indicator == i).copied();
    // The decimals that keep each column true next to its outcome (84,99 is not "85,0").
    let places = |i: Indicator| {
        band(i).map(|b| b.places()).unwrap_or_else(|| match (a.value(i), a.signaleringswaarde(i)) {
            (Some(v), Some(sig)) => places_for(v, sig),
            _ => 1,
        })
    };
    let pct = |i: Indicator, v: Option<f64>| v.map(|v| PctP(v, places(i)).to_string()).unwrap_or_else(|| "–".into());
    row(&mut s, "Driejaarsgemiddelde", &|i| pct(i, a.value(i)));
    row(&mut s, "Signaleringswaarde", &|i| pct(i, a.signaleringswaarde(i)));
    row(&mut s, "Grenswaarde (Koers)", &|i| pct(i, band(i).map(|b| b.grenswaarde)));
    row(&mut s, "Vergelijkbare scholen", &|i| pct(i, band(i).map(|b| b.comparable_mean)));
    row(&mut s, "Uitkomst (Inspectie)", &|i| match a.outcome(i) {
        koers_core::Outcome::Boven => "boven".into(),
        koers_core::Outcome::Onder => "onder".into(),
        koers_core::Outcome::TeWeinigGegevens => "te weinig".into(),
        koers_core::Outcome::KleineSchool => "klein".into(),
    });
    row(&mut s, "Licht (Koers' eigen)", &|i| band(i).map(|b| b.light.label().to_owned()).unwrap_or_else(|| "–".into()));
    let _ = writeln!(s, "\nOordeel: {}", o.eligibility.verdict.label());
    let _ = writeln!(s, "{}", o.eligibility.summary_nl());
    if !o.eligibility.levers.is_empty() {
        s.push_str("\nWat zou het veranderen:\n");
        for l in &o.eligibility.levers {
            let _ = writeln!(s, "- {}", l.text_nl());
        }
    }
    s
}
