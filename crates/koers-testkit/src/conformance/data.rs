//! Builders for conformance cases and import benchmarks.

use koers_app::store::{
    Actor, AuditEntity, AuditEntry, AuditFilter, NewUser, ResultYear, School, SchoolFields, SchoolWrite, Sector, Store,
    StoreError,
};
use koers_core::ids::{BoardNumber, SchoolId};

/// The time every case starts at (Unix seconds).
pub const NOW: i64 = 1_760_000_000;

/// The actor of case changes.
pub fn actor() -> Actor {
    Actor { user_id: None, label: "conformance".into() }
}

/// Register fields with just a name, place and board.
pub fn fields(name: &str, place: Option<&str>, board: Option<i64>) -> SchoolFields {
    SchoolFields {
        name: name.into(),
        place: place.map(Into::into),
        municipality: place.map(Into::into),
        province: Some("Utrecht".into()),
        denomination: Some("Openbaar".into()),
        board_number: board.map(BoardNumber::new),
        schoolweging: Some(31.47),
        website: None,
        ..SchoolFields::default()
    }
}

/// An insert for school `brin|C1`.
pub fn insert(brin: &str, name: &str, place: Option<&str>, board: Option<i64>) -> SchoolWrite {
    SchoolWrite::Insert {
        ovt: ovt(&format!("{brin}|C1")),
        brin: brin.into(),
        sector: Sector::Po,
        fields: fields(name, place, board),
    }
}

/// Insert the given schools in one batch and return them as stored.
pub async fn add_schools(store: &dyn Store, writes: &[SchoolWrite]) -> Vec<School> {
    let ids = store.apply_school_writes(writes, &actor(), NOW).await.expect("insert schools");
    let mut out = Vec::new();
    for id in ids {
        out.push(store.school(id).await.expect("read school back"));
    }
    out
}

/// One school, `00AP|C1` "De Regenboog" in Utrecht, board 41646.
pub async fn one_school(store: &dyn Store) -> School {
    add_schools(store, &[insert("00AP", "De Regenboog", Some("Utrecht"), Some(41646))]).await.remove(0)
}

/// A new user with this e-mail address.
pub fn new_user(email: &str) -> NewUser {
    NewUser {
        email: koers_core::email::Email::parse(email).unwrap_or_else(|e| panic!("{email}: {e}")),
        name: "Test Gebruiker".into(),
        password_hash: "$argon2id$v=19$test".into(),
        locale: "nl".into(),
    }
}

/// The audit entries about one entity, newest first.
pub async fn audit_of(store: &dyn Store, entity: AuditEntity, id: impl ToString) -> Vec<AuditEntry> {
    let filter = AuditFilter { entity: Some(entity), entity_id: Some(id.to_string()), ..AuditFilter::default() };
    store.audit_log(&filter).await.expect("audit log")
}

/// Every audit entry, newest first.
pub async fn all_audit(store: &dyn Store) -> Vec<AuditEntry> {
    store.audit_log(&AuditFilter::default()).await.expect("audit log")
}

/// Parse an audit JSON snapshot.
pub fn snapshot(json: Option<&str>) -> serde_json::Value {
    serde_json::from_str(json.expect("a before/after snapshot")).expect("snapshot is JSON")
}

/// Panic unless `result` is the expected error kind.
#[track_caller]
pub fn assert_not_found<T: std::fmt::Debug>(result: Result<T, StoreError>) {
    assert!(matches!(result, Err(StoreError::NotFound)), "expected NotFound, got {result:?}");
}

/// Panic unless `result` is `Duplicate`; returns its Dutch detail.
#[track_caller]
pub fn assert_duplicate<T: std::fmt::Debug>(result: Result<T, StoreError>) -> String {
    match result {
        Err(StoreError::Duplicate(detail)) => detail,
        other => panic!("expected Duplicate, got {other:?}"),
    }
}

/// A register of `n` schools (ovt `NNNN|C1`), for import benchmarks: the size of the real
/// PO register is 6,205.
pub fn bulk_schools(n: usize) -> Vec<SchoolWrite> {
    (0..n)
        .map(|i| {
            let brin = format!("{:02}{}{}", i % 100, letter(i / 100), letter(i / 2600));
            SchoolWrite::Insert {
                ovt: ovt(&format!("{brin}|C{}", i / 67_600 + 1)),
                brin,
                sector: if i % 20 == 0 { Sector::Sbo } else { Sector::Po },
                fields: fields(
                    &format!("Basisschool {i}"),
                    Some(PLACES[i % PLACES.len()]),
                    Some(40_000 + (i / 3) as i64),
                ),
            }
        })
        .collect()
}

/// Three test years for every school id (2023–2025), a few suppressed.
pub fn bulk_results(school_ids: &[SchoolId], source: &str) -> Vec<ResultYear> {
    let mut rows = Vec::with_capacity(school_ids.len() * 3);
    for (i, &school_id) in school_ids.iter().enumerate() {
        for (k, test_year) in (2023..=2025).enumerate() {
            let suppressed = (i + k) % 37 == 0;
            let pupils = (15 + (i * 7 + k * 3) % 60) as i64;
            rows.push(ResultYear {
                school_id,
                test_year,
                pupils: (!suppressed).then_some(pupils),
                pct_1f: (!suppressed).then_some(90.0 + ((i + k) % 10) as f64 * 0.5),
                pct_1s2f: (!suppressed).then_some(45.0 + ((i * 3 + k) % 30) as f64 * 0.75),
                suppressed,
                source: source.into(),
            });
        }
    }
    rows
}

const PLACES: [&str; 6] = ["Amsterdam", "Rotterdam", "Utrecht", "Zwolle", "Groningen", "Maastricht"];

fn letter(i: usize) -> char {
    char::from(b'A' + (i % 26) as u8)
}

/// An id `by` past `id`: one the store has not handed out (for the `NotFound` cases).
pub fn unknown<T: From<i64>>(id: T, by: i64) -> T
where
    i64: From<T>,
{
    T::from(i64::from(id) + by)
}

/// A register code a test spells out (panics on a typo in the test itself).
pub fn ovt(code: &str) -> koers_core::codes::Ovt {
    koers_core::codes::Ovt::parse(code).unwrap_or_else(|e| panic!("{code}: {e}"))
}
