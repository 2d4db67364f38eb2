//! DUO's 2024-2025 counts per reference level reproduce the Inspectie's 2024/25 yearly
//! percentages, through the same core function a school uses when it enters counts
//! (`YearResult::from_counts`), wherever a school maps one to one.
//!
//! Mapping: the Inspectie reports per `ovt` (`BRIN|C1`), DUO per vestiging (`BRIN00`). A BRIN
//! maps one to one when it has exactly one ovt in the Inspectie file and one vestiging in DUO's.

use koers_core::{TestYear, YearResult};
use koers_import::{Cell, Domain, parse_duo_referentieniveaus, parse_inspectie_results, read_table};
use std::collections::HashMap;

fn table(name: &str) -> koers_import::Table {
    let path = format!("{}/../../testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read_table(&bytes, name).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn duo_counts_reproduce_the_inspectie_2024_25_percentages() {
    let ins =
        parse_inspectie_results(&table("inspectie-leerresultaten-po-2023-2025.csv")).unwrap_or_else(|e| panic!("{e}"));
    let duo =
        parse_duo_referentieniveaus(&table("duo-referentieniveaus-bo-2024-2025.csv")).unwrap_or_else(|e| panic!("{e}"));
    assert!(ins.rejected.is_empty() && duo.rejected.is_empty());

    let mut ins_by_brin: HashMap<&str, Vec<_>> = HashMap::new();
    for r in &ins.records {
        ins_by_brin.entry(r.brin.as_str()).or_default().push(r);
    }
    let mut duo_by_brin: HashMap<&str, Vec<_>> = HashMap::new();
    for r in &duo.records {
        duo_by_brin.entry(r.instellingscode.as_str()).or_default().push(r);
    }
    let year = TestYear::new(2025).unwrap_or_else(|e| panic!("{e}"));
    let (mut one_to_one, mut with_2425, mut computable, mut exact, mut pupils_differ) = (0, 0, 0, 0, 0);
    let mut other = Vec::new();
    for (brin, i) in &ins_by_brin {
        let (Some([d]), [i]) = (duo_by_brin.get(brin).map(Vec::as_slice), i.as_slice()) else { continue };
        one_to_one += 1;
        let Some(y) = i.years.iter().find(|y| y.test_year == 2025) else { continue };
        let (Cell::Value(n), Cell::Value(p1), Cell::Value(p2)) = (y.pupils, y.pct_1f, y.pct_1s2f) else { continue };
        with_2425 += 1;
        let rc = &d.recovered;
        let counts = |f: fn(&koers_import::RecoveredCounts, Domain) -> Option<u32>| -> Option<[u32; 3]> {
            Some([f(rc, Domain::Rekenen)?, f(rc, Domain::Lezen)?, f(rc, Domain::Taalverzorging)?])
        };
        let (Some(pupils), Some(at_1f), Some(at_t)) =
            (rc.pupils, counts(|r, d| r.at_least_1f(d)), counts(|r, d| r.at_target(d)))
        else {
            continue;
        };
        computable += 1;
        let Ok(r) = YearResult::from_counts(year, pupils, at_1f, at_t) else { continue };
        if pupils != n {
            // DUO counts on its peildatum, the Inspectie after ontheffingen: a pupil more or
            // less changes the percentages; counted, not hidden.
            pupils_differ += 1;
        } else if (r.pct_1f.get() - p1).abs() <= 0.01 && (r.pct_1s2f.get() - p2).abs() <= 0.01 {
            exact += 1;
        } else {
            other.push((brin.to_string(), pupils, r.pct_1f.get(), p1, r.pct_1s2f.get(), p2));
        }
    }
    let share = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "DUO→Inspectie 2024/25: {one_to_one} of {} Inspectie schools map one to one ({:.1}%); {with_2425} have 2024/25 results; \
{computable} computable after recovering masked cells ({:.1}%); {exact} match within 0,01 ({:.1}% of computable); \
{pupils_differ} differ in pupil count; {} same count but other percentages",
        ins.records.len(),
        share(one_to_one, ins.records.len()),
        share(computable, with_2425),
        share(exact, computable),
        other.len()
    );
    // Floors set just under the measured values (see README), so a regression fails the test.
    assert!(one_to_one >= 5700, "{one_to_one}");
    assert!(computable >= 3700, "{computable}");
    assert!(share(exact, computable) >= 90.0, "{exact} of {computable}");
    assert!(other.len() <= computable / 50, "same pupil count, other percentages: {other:#?}");
}
