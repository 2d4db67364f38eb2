//! A school from the register: its page data and its eligibility computed from stored results.

use crate::check::CheckOutcome;
use crate::error::{Error, Result};
use crate::store::{Board, ExamYear, PublishedThreeYear, ResultYear, School, StoreError, StoreRead, WegingYear};
use koers_core::eligibility::{NextYear, SchoolContext, assess_band};
use koers_core::ids::SchoolId;
use koers_core::programme::BandRule;
use koers_core::results::{ThreeYear, assess};
use koers_core::{NormLibrary, ResultsInput, Schoolweging, TestYear, YearEntry, YearResult};

/// Everything the school page shows.
#[derive(Debug, Clone)]
pub struct SchoolPage {
    pub school: School,
    pub board: Option<Board>,
    /// Oldest first.
    pub results: Vec<ResultYear>,
    pub published: Option<PublishedThreeYear>,
    pub weging_years: Vec<WegingYear>,
    /// VO: the exam pass-rate trend (whole location, then per afdeling; oldest year first).
    pub exam_years: Vec<ExamYear>,
}

pub async fn school_page(store: &dyn StoreRead, id: SchoolId) -> Result<SchoolPage, StoreError> {
    let school = store.school(id).await?;
    let board = match school.board_number {
        Some(n) => match store.board(n).await {
            Ok(b) => Some(b),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    let mut results = store.results_of_school(id).await?;
    results.sort_by_key(|r| r.test_year);
    let published = store.published_of_school(id).await?;
    let weging_years = store.weging_years_of_school(id).await?;
    let exam_years = store.exam_years_of_school(id).await?;
    Ok(SchoolPage { school, board, results, published, weging_years, exam_years })
}

/// The model input for a school from its stored rows. The window ends at `latest` (the latest
/// national test year known to the register), so a school without a result that year has a
/// missing year, as in the Inspectie's file.
pub fn input_from_rows(
    results: &[ResultYear],
    published: Option<&PublishedThreeYear>,
    schoolweging: Option<f64>,
    latest: TestYear,
) -> ResultsInput {
    let window = latest.window().unwrap_or([latest; 3]);
    let years = window.map(|ty| {
        let Some(r) = results.iter().find(|r| r.test_year == i64::from(ty.get())) else {
            return YearEntry::Missing;
        };
        if r.suppressed {
            return YearEntry::Suppressed;
        }
        match (r.pupils.and_then(|n| u32::try_from(n).ok()), r.pct_1f, r.pct_1s2f) {
            (Some(n), Some(p1), Some(p2)) => {
                YearResult::new(ty, n, p1, p2).map_or(YearEntry::Missing, YearEntry::Present)
            }
            _ => YearEntry::Missing,
        }
    });
    let published = published.filter(|p| p.last_test_year == i64::from(latest.get())).and_then(|p| {
        Some(ThreeYear { pupils: u32::try_from(p.pupils).ok()?, pct_1f: p.pct_1f, pct_1s2f: p.pct_1s2f })
    });
    ResultsInput { window, years, schoolweging: schoolweging.and_then(|w| Schoolweging::new(w).ok()), published }
}

/// The latest test year present in `results`, or the latest year the norms cover.
pub fn latest_test_year(results: &[ResultYear], norms: &NormLibrary) -> Option<TestYear> {
    let from_results = results.iter().filter_map(|r| u16::try_from(r.test_year).ok()).max();
    let from_norms = norms.sets().iter().map(|s| s.period.last_test_year).max();
    from_results.max(from_norms).and_then(|y| TestYear::new(y).ok())
}

/// The GWGB+ eligibility of a stored school.
pub async fn school_eligibility(
    store: &dyn StoreRead,
    school_id: SchoolId,
    norms: &NormLibrary,
    rule: &BandRule,
) -> Result<CheckOutcome> {
    let school = store.school(school_id).await?;
    let results = store.results_of_school(school_id).await?;
    let published = store.published_of_school(school_id).await?;
    eligibility_from_rows(&school, &results, published.as_ref(), norms, rule)
}

/// The same, from rows already loaded (the school page loads them once).
pub fn eligibility_from_rows(
    school: &School,
    results: &[ResultYear],
    published: Option<&PublishedThreeYear>,
    norms: &NormLibrary,
    rule: &BandRule,
) -> Result<CheckOutcome> {
    let no_norms = || Error::NoNorms;
    let latest = latest_test_year(results, norms).ok_or_else(no_norms)?;
    let input = input_from_rows(results, published, school.schoolweging, latest);
    let ns = norms.for_test_year(latest).ok().or_else(|| norms.sets().last()).ok_or_else(no_norms)?;
    let assessment = assess(&input, ns);
    let next = NextYear::from_input(&input, None);
    let eligibility = assess_band(&assessment, ns, rule, &SchoolContext::default(), next.as_ref());
    Ok(CheckOutcome { norms_id: ns.id.clone(), window: input.window, input, assessment, eligibility })
}

/// Every school of the register with its eligibility (programme staff's proactive screening):
/// three bulk reads, then the pure model per school.
pub async fn screen_register(
    store: &dyn StoreRead,
    norms: &NormLibrary,
    rule: &BandRule,
) -> Result<Vec<(School, CheckOutcome)>> {
    let schools = store.all_schools().await?;
    let mut results: std::collections::HashMap<SchoolId, Vec<ResultYear>> = std::collections::HashMap::new();
    for r in store.all_results().await? {
        results.entry(r.school_id).or_default().push(r);
    }
    let published: std::collections::HashMap<SchoolId, PublishedThreeYear> =
        store.all_published().await?.into_iter().map(|p| (p.school_id, p)).collect();
    let mut out = Vec::with_capacity(schools.len());
    for s in schools {
        let rows = results.remove(&s.id).unwrap_or_default();
        let outcome = eligibility_from_rows(&s, &rows, published.get(&s.id), norms, rule)?;
        out.push((s, outcome));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(y: i64, n: i64, p1: f64, p2: f64) -> ResultYear {
        ResultYear {
            school_id: SchoolId::new(1),
            test_year: y,
            pupils: Some(n),
            pct_1f: Some(p1),
            pct_1s2f: Some(p2),
            suppressed: false,
            source: "t".into(),
        }
    }

    #[test]
    fn stored_rows_become_the_window_ending_at_the_latest_year() {
        let lib = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
        let rows = vec![
            row(2024, 13, 92.31, 51.28),
            row(2023, 18, 94.44, 55.56),
            row(2025, 12, 91.67, 47.22),
            row(2019, 9, 1.0, 1.0),
        ];
        let latest = latest_test_year(&rows, &lib).unwrap_or_else(|| panic!("latest"));
        let i = input_from_rows(&rows, None, Some(31.47), latest);
        assert_eq!(i.window.map(u16::from), [2023, 2024, 2025]);
        assert!(i.years.iter().all(|y| matches!(y, YearEntry::Present(_))));
        let mut masked = rows.clone();
        masked[0].suppressed = true;
        let i = input_from_rows(&masked, None, None, latest);
        assert_eq!(i.years[1], YearEntry::Suppressed);
        let i = input_from_rows(&rows[1..2], None, None, latest);
        assert_eq!(i.years[1], YearEntry::Missing);
    }
}
