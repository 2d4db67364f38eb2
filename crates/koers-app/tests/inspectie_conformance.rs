//! Conformance with reality: Koers' results model against the Inspectie's own published
//! outcomes, on every one of the 6,205 rows of "Leerresultaten primair onderwijs" 2023–2025.
//!
//! Rows that cannot be checked in full are counted per reason and the reasons are asserted,
//! never skipped silently:
//! - yearly numbers masked with `*` (small schools): the three-year values cannot be recomputed
//!   from the years, so Koers uses the published three-year values and only the outcome is checked;
//! - the published three-year values masked too: nothing to compute with; the outcome is still
//!   compared, and the single row where it cannot match is named with its reason.

use koers_app::screening::{screen_row, window_for};
use koers_core::programme::BandRule;
use koers_core::{Category, Indicator, NormLibrary, Outcome, TestYear, YearEntry};
use koers_import::{Cell, parse_inspectie_results, read_table};
use std::collections::BTreeMap;

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/inspectie-leerresultaten-po-2023-2025.csv");

fn load() -> Vec<koers_import::InspectieResultRow> {
    let bytes = std::fs::read(FILE).unwrap_or_else(|e| panic!("{FILE}: {e}"));
    let table = read_table(&bytes, "inspectie-leerresultaten-po-2023-2025.csv").unwrap_or_else(|e| panic!("{e}"));
    let parsed = parse_inspectie_results(&table).unwrap_or_else(|e| panic!("{e}"));
    assert!(parsed.rejected.is_empty(), "rejected rows: {:?}", parsed.rejected.iter().take(5).collect::<Vec<_>>());
    parsed.records
}

fn published_outcome(o: Option<koers_import::PublishedOutcome>) -> Option<Outcome> {
    use koers_import::PublishedOutcome as P;
    o.map(|o| match o {
        P::Boven => Outcome::Boven,
        P::Onder => Outcome::Onder,
        P::TeWeinigGegevens => Outcome::TeWeinigGegevens,
        P::KleineSchool => Outcome::KleineSchool,
    })
}

#[test]
fn every_row_of_the_inspectie_file_matches_koers() {
    let rows = load();
    assert_eq!(rows.len(), 6205);
    let lib = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
    let window = window_for(TestYear::new(2025).unwrap_or_else(|e| panic!("{e}")));
    let norms = lib.for_test_year(window[2]).unwrap_or_else(|e| panic!("{e}"));
    let rule = BandRule::default();

    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut value_mismatches = Vec::new();
    let mut outcome_mismatches = Vec::new();
    for row in &rows {
        let s = screen_row("inspectie.csv", row, window, norms, &rule).unwrap_or_else(|e| panic!("{e}"));
        let a = &s.assessment;
        // Category and signaleringswaarde as published.
        if let Some(label) = &row.category_label {
            assert_eq!(a.category.map(Category::label).as_deref(), Some(label.as_str()), "{}", row.ovt);
        }
        if let Some(sw) = row.signaleringswaarde_1s2f {
            assert_eq!(a.signaleringswaarde_1s2f, Some(sw), "{}", row.ovt);
        }
        let years_suppressed = a.window.iter().zip(row_years(row, window)).any(|(_, y)| y == YearEntry::Suppressed);
        match (years_suppressed, row.published_1f, row.published_1s2f, row.published_total) {
            (false, Cell::Value(p1), Cell::Value(p2), Cell::Value(n)) => {
                *counts.entry("three-year values recomputed from the years").or_default() += 1;
                let t = a.three_year.unwrap_or_else(|| panic!("{}: no three-year value", row.ovt));
                let ok = (a.value(Indicator::F1).unwrap_or(-1.0) - p1).abs() <= 0.01 + 1e-9
                    && (a.value(Indicator::S1F2).unwrap_or(-1.0) - p2).abs() <= 0.01 + 1e-9
                    && t.pupils == n;
                if !ok {
                    value_mismatches.push((row.ovt.clone(), t, p1, p2, n));
                }
            }
            (true, Cell::Value(_), Cell::Value(_), Cell::Value(_)) => {
                *counts.entry("yearly numbers masked (*): published three-year values used").or_default() += 1;
            }
            (true, _, _, _) => {
                *counts.entry("yearly and three-year numbers masked (*)").or_default() += 1;
            }
            other => panic!("{}: unexpected combination {other:?}", row.ovt),
        }
        let published = (published_outcome(row.outcome_1f), published_outcome(row.outcome_1s2f));
        let ours = (Some(a.outcome_1f), Some(a.outcome_1s2f));
        if published != ours {
            outcome_mismatches.push((row.ovt.clone(), published, ours, a.status));
        }
    }
    println!("Inspectie conformance over {} rows: {counts:#?}", rows.len());
    assert!(value_mismatches.is_empty(), "three-year values differ: {value_mismatches:#?}");
    assert_eq!(counts.values().sum::<usize>(), 6205);
    assert_eq!(counts.get("three-year values recomputed from the years"), Some(&5921));

    // The only row whose outcome Koers cannot reproduce (11OA|C5): every number (years, three-year values
    // and pupil total) is masked, yet the Inspectie labels it a small school. With no numbers
    // Koers can only say "te weinig gegevens".
    let unexplained: Vec<_> = outcome_mismatches
        .iter()
        .filter(|(_, p, _, status)| {
            !(*p == (Some(Outcome::KleineSchool), Some(Outcome::KleineSchool))
                && *status == koers_core::DataStatus::Suppressed)
        })
        .collect();
    assert!(unexplained.is_empty(), "outcomes differ: {unexplained:#?}");
    let names: Vec<&str> = outcome_mismatches.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(names, vec!["11OA|C5"], "explained mismatches: {outcome_mismatches:#?}");
}

fn row_years(row: &koers_import::InspectieResultRow, window: [TestYear; 3]) -> [YearEntry; 3] {
    koers_app::screening::input_from_row("x", row, window).map(|i| i.years).unwrap_or([YearEntry::Missing; 3])
}

/// The comparable-schools table in `norms/` is the unweighted mean of the published three-year
/// values per category over every school with a category, and the national means likewise.
#[test]
fn the_comparable_schools_table_is_reproduced_from_the_file() {
    let rows = load();
    let lib = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
    let norms = lib.by_id("inspectie-po-2023-2025").unwrap_or_else(|e| panic!("{e}"));
    let mut sums: BTreeMap<u8, (f64, f64, f64)> = BTreeMap::new();
    let (mut n, mut s1, mut s2) = (0.0, 0.0, 0.0);
    for row in &rows {
        let (Some(c), Cell::Value(p1), Cell::Value(p2)) =
            (row.category_label.as_deref().and_then(Category::parse_label), row.published_1f, row.published_1s2f)
        else {
            continue;
        };
        let e = sums.entry(c.lower_bound()).or_default();
        *e = (e.0 + 1.0, e.1 + p1, e.2 + p2);
        (n, s1, s2) = (n + 1.0, s1 + p1, s2 + p2);
    }
    for c in Category::all() {
        let (k, a, b) = sums[&c.lower_bound()];
        let row = norms.category(c);
        assert!(((a / k) - row.comparable_1f).abs() < 0.05 + 1e-9, "{c}: 1F {} vs {}", a / k, row.comparable_1f);
        assert!(((b / k) - row.comparable_1s2f).abs() < 0.05 + 1e-9, "{c}: 1S/2F {} vs {}", b / k, row.comparable_1s2f);
    }
    assert!((s1 / n - norms.national_mean_1f).abs() < 0.05);
    assert!((s2 / n - norms.national_mean_1s2f).abs() < 0.05);
}
