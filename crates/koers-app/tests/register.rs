//! The register use cases against the real SQLite store and the real national files:
//! import, idempotent re-import, manual edits kept, bad rows reported, and the eligibility of a
//! stored school equal to screening the file directly.

use koers_app::App;
use koers_app::schools::{school_eligibility, screen_register};
use koers_app::store::{Actor, SchoolEdit, Store, StoreRead};
use koers_core::programme::BandRule;
use koers_core::{NormLibrary, Verdict};

fn data(name: &str) -> Vec<u8> {
    let path = format!("{}/../../testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

async fn store() -> (koers_store_sqlite::SqliteStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite://{}", dir.path().join("koers.db").display());
    let s = koers_store_sqlite::connect(&url).await.unwrap_or_else(|e| panic!("{e}"));
    s.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    (s, dir)
}

const NOW: i64 = 1_790_000_000;

/// The use cases over the test's store.
fn app(s: &koers_store_sqlite::SqliteStore) -> App {
    let norms = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
    App::new(std::sync::Arc::new(s.clone()), std::sync::Arc::new(norms))
}

#[tokio::test]
async fn importing_the_national_files_is_idempotent_and_matches_screening_the_file() {
    let (s, _dir) = store().await;
    let actor = Actor::system("test");
    let files = [
        "inspectie-schoolweging-driejaars-2021-2024.csv",
        "inspectie-leerresultaten-po-2023-2025.csv",
        "duo-vestigingen-bo.csv",
        "inspectie-schoolweging-per-jaar-2021-2024.csv",
    ];
    for f in files {
        let r = app(&s).import_file(&data(f), f, &actor, NOW).await.unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(r.rejected.is_empty(), "{f}: {:?}", r.rejected.first());
        println!("{}", r.summary_nl());
    }
    let first = app(&s).import_file(&data(files[0]), files[0], &actor, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((first.schools_inserted, first.schools_updated), (0, 0), "re-import changes nothing");
    let again = app(&s).import_file(&data(files[1]), files[1], &actor, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((again.schools_inserted, again.schools_updated, again.results_changed), (0, 0, 0));

    // 00AP|C1 as published: Boven / Boven, not eligible; named from the schoolweging file.
    let ap = s.school_by_ovt("00AP|C1").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ap.name, "WereldWijs");
    assert_eq!(ap.board_number, Some(koers_core::ids::BoardNumber::new(41646)));
    assert_eq!(ap.place.as_deref(), Some("ZOETERMEER"));
    let norms = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
    let o = school_eligibility(&s, ap.id, &norms, &BandRule::default()).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(o.assessment.value(koers_core::Indicator::F1), Some(93.02));
    assert_eq!(o.eligibility.verdict, Verdict::NotEligible);

    // The in-memory search index answers exactly as the store does.
    let index = koers_app::search::SchoolIndex::new(60);
    for q in ["morgenster", "00av", "00AP|C1", "zoetermeer", "de ", "a", "basisschool", "31", "|c2", "x%_", "ÉÉN", ""]
    {
        let from_store: Vec<_> = s.search_schools(q, 20).await.unwrap_or_default().iter().map(|x| x.id).collect();
        let from_index: Vec<_> = index.search(&s, q, 20, NOW).await.unwrap_or_default().iter().map(|x| x.id).collect();
        assert_eq!(from_index, from_store, "query {q:?}");
    }

    // The register gives the same verdicts as screening the file: 1,681 eligible.
    let all = screen_register(&s, &norms, &BandRule::default()).await.unwrap_or_else(|e| panic!("{e}"));
    let eligible = all.iter().filter(|(_, o)| o.eligibility.verdict == Verdict::Eligible).count();
    assert_eq!(eligible, 1681);
}

#[tokio::test]
async fn a_manual_edit_survives_a_reimport_and_is_reported() {
    let (s, _dir) = store().await;
    let actor = Actor::system("test");
    let f = "inspectie-schoolweging-driejaars-2021-2024.csv";
    app(&s).import_file(&data(f), f, &actor, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    let ap = s.school_by_ovt("00AP|C1").await.unwrap_or_else(|e| panic!("{e}"));
    let edit = SchoolEdit { name: Some("Kindcentrum WereldWijs".into()), ..Default::default() };
    let edited = s
        .edit_school(ap.id, ap.version, &edit, &Actor { user_id: None, label: "schoolleider".into() }, NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(edited.manual_fields, [koers_core::register::ManualField::Name]);
    let r = app(&s).import_file(&data(f), f, &actor, NOW + 1).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.kept_manual.len(), 1, "{:?}", r.kept_manual);
    assert_eq!(r.kept_manual[0].ovt, "00AP|C1");
    assert_eq!(r.kept_manual[0].field.code(), "name");
    let after = s.school_by_ovt("00AP|C1").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.name, "Kindcentrum WereldWijs");
}

#[tokio::test]
async fn bad_rows_are_reported_and_the_rest_is_imported() {
    let (s, _dir) = store().await;
    let body = "ovt;naam;bevoegd_gezag_nummer;schoolweging_driejaarsgemiddelde\n00AP|C1;WereldWijs;41646;31.47\n00AR|C1;De Maasparel;41797;dertig\nXXXX;Kapot;1;30\n";
    let r = app(&s)
        .import_file(body.as_bytes(), "upload.csv", &Actor::system("test"), NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.schools_inserted, 1);
    assert_eq!(r.rejected.len(), 2);
    assert_eq!(r.rejected[0].line, 3);
    assert!(r.rejected[0].to_string().contains("\"dertig\""), "{}", r.rejected[0]);
    assert!(s.school_by_ovt("00AR|C1").await.is_err());
}
