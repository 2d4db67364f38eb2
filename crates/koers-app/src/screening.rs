//! Screening: every school of an Inspectie-style results file through the results model and
//! the GWGB+ band rule.

use koers_core::codes::Ovt;
use koers_core::eligibility::{NextYear, SchoolContext, assess_band};
use koers_core::programme::BandRule;
use koers_core::results::{ThreeYear, assess};
use koers_core::{
    Assessment, Eligibility, NormSet, Outcome, ResultsInput, Schoolweging, TestYear, TrafficLight, Verdict, YearEntry,
    YearResult,
};
use koers_import::{Cell, InspectieResultRow, PublishedOutcome, RowError};
use serde::Serialize;

/// One screened school.
#[derive(Debug, Clone, Serialize)]
pub struct Screened {
    pub line: usize,
    pub ovt: Ovt,
    pub brin: String,
    pub assessment: Assessment,
    pub eligibility: Eligibility,
    /// The outcomes the Inspectie published in the same row, when present.
    pub published_outcomes: Option<(Outcome, Outcome)>,
}

/// Filters for `--only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    Eligible,
    NotEligible,
    Undetermined,
    Onder,
    Boven,
    TeWeinigGegevens,
    KleineSchool,
    Rood,
    Oranje,
    Groen,
}

impl Only {
    pub const NAMES: &'static [&'static str] = &[
        "eligible",
        "not-eligible",
        "undetermined",
        "onder",
        "boven",
        "te-weinig-gegevens",
        "kleine-school",
        "rood",
        "oranje",
        "groen",
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim().to_lowercase().as_str() {
            "eligible" | "in-aanmerking" => Self::Eligible,
            "not-eligible" | "niet-in-aanmerking" => Self::NotEligible,
            "undetermined" | "onbepaald" => Self::Undetermined,
            "onder" => Self::Onder,
            "boven" => Self::Boven,
            "te-weinig-gegevens" | "te-weinig" => Self::TeWeinigGegevens,
            "kleine-school" | "klein" => Self::KleineSchool,
            "rood" => Self::Rood,
            "oranje" => Self::Oranje,
            "groen" => Self::Groen,
            _ => return None,
        })
    }

    pub fn matches(self, s: &Screened) -> bool {
        let outcomes = [s.assessment.outcome_1f, s.assessment.outcome_1s2f];
        match self {
            Self::Eligible => s.eligibility.verdict == Verdict::Eligible,
            Self::NotEligible => s.eligibility.verdict == Verdict::NotEligible,
            Self::Undetermined => s.eligibility.verdict == Verdict::Undetermined,
            Self::Onder => outcomes.contains(&Outcome::Onder),
            Self::Boven => outcomes == [Outcome::Boven, Outcome::Boven],
            Self::TeWeinigGegevens => outcomes.contains(&Outcome::TeWeinigGegevens),
            Self::KleineSchool => outcomes.contains(&Outcome::KleineSchool),
            Self::Rood => s.eligibility.light() == Some(TrafficLight::Rood),
            Self::Oranje => s.eligibility.light() == Some(TrafficLight::Oranje),
            Self::Groen => s.eligibility.light() == Some(TrafficLight::Groen),
        }
    }
}

fn row_error(file: &str, line: usize, column: &str, value: String, problem: String) -> RowError {
    RowError { file: file.to_owned(), line, column: column.to_owned(), value, problem }
}

/// The window of a file: the three test years ending at its latest year column.
pub fn window_for(latest: TestYear) -> [TestYear; 3] {
    latest.window().unwrap_or([latest, latest, latest])
}

fn published_outcome(o: PublishedOutcome) -> Outcome {
    match o {
        PublishedOutcome::Boven => Outcome::Boven,
        PublishedOutcome::Onder => Outcome::Onder,
        PublishedOutcome::TeWeinigGegevens => Outcome::TeWeinigGegevens,
        PublishedOutcome::KleineSchool => Outcome::KleineSchool,
    }
}

/// Map one parsed row to the model's input for `window`. Years outside the window are ignored;
/// window years without a column are missing.
pub fn input_from_row(file: &str, row: &InspectieResultRow, window: [TestYear; 3]) -> Result<ResultsInput, RowError> {
    let mut years = [YearEntry::Missing; 3];
    for (slot, ty) in years.iter_mut().zip(window) {
        let Some(y) = row.years.iter().find(|y| y.test_year == ty.get()) else { continue };
        *slot = match (y.pupils, y.pct_1f, y.pct_1s2f) {
            (Cell::Value(n), Cell::Value(p1), Cell::Value(p2)) => {
                let col = format!("Aantal leerlingen {}", y.school_year_code);
                YearEntry::Present(
                    YearResult::new(ty, n, p1, p2)
                        .map_err(|e| row_error(file, row.line, &col, n.to_string(), e.to_string()))?,
                )
            }
            (Cell::Missing, Cell::Missing, Cell::Missing) => YearEntry::Missing,
            (Cell::Suppressed, _, _) | (_, Cell::Suppressed, _) | (_, _, Cell::Suppressed) => YearEntry::Suppressed,
            _ => {
                return Err(row_error(
                    file,
                    row.line,
                    &format!("Aantal leerlingen {}", y.school_year_code),
                    String::new(),
                    format!(
                        "schooljaar {} is onvolledig: aantal leerlingen, %1F en %1S/2F moeten alle drie ingevuld zijn of alle drie leeg",
                        ty.school_year_label()
                    ),
                ));
            }
        };
    }
    let schoolweging = match row.schoolweging {
        Some(w) => Some(
            Schoolweging::new(w)
                .map_err(|e| row_error(file, row.line, "Schoolweging", w.to_string(), e.to_string()))?,
        ),
        None => None,
    };
    let published = match (row.published_total, row.published_1f, row.published_1s2f) {
        (Cell::Value(n), Cell::Value(p1), Cell::Value(p2)) => Some(ThreeYear { pupils: n, pct_1f: p1, pct_1s2f: p2 }),
        _ => None,
    };
    Ok(ResultsInput { window, years, schoolweging, published })
}

/// Run the model and the band rule on one row.
pub fn screen_row(
    file: &str,
    row: &InspectieResultRow,
    window: [TestYear; 3],
    norms: &NormSet,
    rule: &BandRule,
) -> Result<Screened, RowError> {
    let input = input_from_row(file, row, window)?;
    let assessment = assess(&input, norms);
    let next = NextYear::from_input(&input, None);
    let eligibility = assess_band(&assessment, norms, rule, &SchoolContext::default(), next.as_ref());
    let published_outcomes = match (row.outcome_1f, row.outcome_1s2f) {
        (Some(a), Some(b)) => Some((published_outcome(a), published_outcome(b))),
        _ => None,
    };
    Ok(Screened {
        line: row.line,
        ovt: row.ovt.clone(),
        brin: row.brin.clone(),
        assessment,
        eligibility,
        published_outcomes,
    })
}

/// Counts for the closing summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Tally {
    pub schools: usize,
    pub shown: usize,
    pub rejected: usize,
    pub eligible: usize,
    pub not_eligible: usize,
    pub undetermined: usize,
    pub rood: usize,
    pub oranje: usize,
    pub groen: usize,
}

impl Tally {
    pub fn add(&mut self, s: &Screened, shown: bool) {
        self.schools += 1;
        self.shown += usize::from(shown);
        match s.eligibility.verdict {
            Verdict::Eligible => self.eligible += 1,
            Verdict::NotEligible => self.not_eligible += 1,
            Verdict::Undetermined | Verdict::ReferToRegularGwgb => self.undetermined += 1,
        }
        match s.eligibility.light() {
            Some(TrafficLight::Rood) => self.rood += 1,
            Some(TrafficLight::Oranje) => self.oranje += 1,
            Some(TrafficLight::Groen) => self.groen += 1,
            None => {}
        }
    }

    /// One Dutch summary line.
    pub fn summary_nl(&self) -> String {
        format!(
            "{} scholen beoordeeld ({} getoond): {} komen in aanmerking, {} niet, {} niet te bepalen; licht rood {}, oranje {}, groen {}; {} regels afgewezen.",
            self.schools,
            self.shown,
            self.eligible,
            self.not_eligible,
            self.undetermined,
            self.rood,
            self.oranje,
            self.groen,
            self.rejected
        )
    }
}
