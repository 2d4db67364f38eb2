//! Cases: result years, published three-year values, schoolweging per year.

use koers_core::ids::SchoolId;
use std::sync::Arc;

use koers_app::store::{PublishedThreeYear, ResultYear, Store, WegingYear};

use super::data::*;
use koers_app::store::AuditEntity;

fn year(school_id: SchoolId, test_year: i64, pupils: Option<i64>, pct_1f: Option<f64>) -> ResultYear {
    ResultYear {
        school_id,
        test_year,
        pupils,
        pct_1f,
        pct_1s2f: pct_1f.map(|p| p / 2.0),
        suppressed: pupils.is_none(),
        source: "inspectie:test.csv".into(),
    }
}

pub async fn upsert_results_counts_only_changed_rows(store: Arc<dyn Store>) {
    let s = &*store;
    let schools = add_schools(s, &[insert("01AA", "A", None, None), insert("02BB", "B", None, None)]).await;
    let (a, b) = (schools[0].id, schools[1].id);
    let mut rows = vec![
        year(a, 2025, Some(20), Some(95.0)),
        year(a, 2023, Some(18), Some(94.44)),
        year(a, 2024, None, None),
        year(b, 2023, Some(30), Some(90.0)),
        year(b, 2024, Some(31), Some(91.0)),
        year(b, 2025, Some(32), Some(92.0)),
    ];
    assert_eq!(s.upsert_results(&rows, &actor(), NOW).await.expect("first import"), 6);
    assert_eq!(s.upsert_results(&rows, &actor(), NOW + 1).await.expect("same import"), 0, "idempotent");

    let stored = s.results_of_school(a).await.expect("results");
    assert_eq!(stored.iter().map(|r| r.test_year).collect::<Vec<_>>(), [2023, 2024, 2025]);
    assert_eq!(stored[0], rows[1]);
    assert_eq!(stored[1], rows[2], "a suppressed year round-trips with its NULLs");

    rows[5].pct_1f = Some(92.5);
    let extra = [rows[5].clone(), year(b, 2022, Some(29), Some(80.0))];
    assert_eq!(s.upsert_results(&extra, &actor(), NOW + 2).await.expect("one changed, one new"), 2);
    assert_eq!(s.results_of_school(b).await.expect("b")[3], rows[5]);
    assert!(
        s.results_of_school(SchoolId::new(a.get() + b.get() + 1000)).await.expect("unknown school has none").is_empty()
    );

    let all = s.all_results().await.expect("all results");
    assert_eq!(all.len(), 7);
    assert!(all.windows(2).all(|w| (w[0].school_id, w[0].test_year) < (w[1].school_id, w[1].test_year)));

    let audit = audit_of(s, AuditEntity::Result, b).await;
    assert_eq!(audit.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["update", "create"]);
    let before = snapshot(audit[0].before.as_deref());
    assert_eq!(before.as_array().map(Vec::len), Some(1), "only the changed existing row: {before}");
    assert_eq!(before[0]["pct_1f"], 92.0);
    assert_eq!(snapshot(audit[0].after.as_deref()).as_array().map(Vec::len), Some(2));
    assert_eq!(audit_of(s, AuditEntity::Result, a).await.len(), 1);
}

pub async fn upsert_results_for_an_unknown_school_is_not_found(store: Arc<dyn Store>) {
    let s = &*store;
    let school = one_school(s).await;
    let rows = [
        year(school.id, 2025, Some(20), Some(95.0)),
        year(SchoolId::new(school.id.get() + 1000), 2025, Some(20), Some(95.0)),
    ];
    assert_not_found(s.upsert_results(&rows, &actor(), NOW).await);
    assert!(s.results_of_school(school.id).await.expect("results").is_empty(), "the batch rolled back");
    assert!(audit_of(s, AuditEntity::Result, school.id).await.is_empty());
}

pub async fn published_values_round_trip_idempotently(store: Arc<dyn Store>) {
    let s = &*store;
    let schools = add_schools(s, &[insert("01AA", "A", None, None), insert("02BB", "B", None, None)]).await;
    let p = PublishedThreeYear {
        school_id: schools[0].id,
        last_test_year: 2025,
        pupils: 61,
        pct_1f: 93.44,
        pct_1s2f: 51.91,
    };
    assert_eq!(s.upsert_published(std::slice::from_ref(&p), &actor(), NOW).await.expect("insert"), 1);
    assert_eq!(s.upsert_published(std::slice::from_ref(&p), &actor(), NOW).await.expect("again"), 0);
    assert_eq!(s.published_of_school(p.school_id).await.expect("read"), Some(p.clone()));
    assert_eq!(s.published_of_school(schools[1].id).await.expect("none"), None);

    let q = PublishedThreeYear { pupils: 62, ..p.clone() };
    assert_eq!(s.upsert_published(std::slice::from_ref(&q), &actor(), NOW + 1).await.expect("change"), 1);
    assert_eq!(s.all_published().await.expect("all"), [q]);
    let audit = audit_of(s, AuditEntity::Published, p.school_id).await;
    assert_eq!(audit.len(), 2);
    assert_eq!(snapshot(audit[0].before.as_deref())[0]["pupils"], 61);
    assert_eq!(snapshot(audit[0].after.as_deref())[0]["pupils"], 62);
}

pub async fn weging_years_round_trip_idempotently(store: Arc<dyn Store>) {
    let s = &*store;
    let school = one_school(s).await;
    let w = |school_year: &str, weging| WegingYear {
        school_id: school.id,
        school_year: school_year.into(),
        weging,
        pupils: Some(120),
        spreiding: Some(6.25),
    };
    let rows = [w("2022-2023", Some(30.1)), w("2021-2022", None)];
    assert_eq!(s.upsert_weging_years(&rows, &actor(), NOW).await.expect("insert"), 2);
    assert_eq!(s.upsert_weging_years(&rows, &actor(), NOW).await.expect("again"), 0);
    assert_eq!(s.weging_years_of_school(school.id).await.expect("read"), [rows[1].clone(), rows[0].clone()]);
    assert_eq!(s.upsert_weging_years(&[w("2022-2023", Some(30.2))], &actor(), NOW).await.expect("change"), 1);
    assert_eq!(s.weging_years_of_school(school.id).await.expect("read")[1].weging, Some(30.2));
    assert_eq!(audit_of(s, AuditEntity::WegingYear, school.id).await.len(), 2);
}
