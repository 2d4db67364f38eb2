//! Every sector in the register (issue 10 §1): the national PO files, then VO locations,
//! sbo/so/vso locations, the VO exam trend and the coordinates — all real files from
//! `testdata/`, on the real SQLite store. Counts are the files' own.

use koers_app::App;
use koers_app::store::{Actor, Sector, Store, StoreRead};
use koers_core::NormLibrary;

fn data(name: &str) -> Vec<u8> {
    let path = format!("{}/../../testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const NOW: i64 = 1_790_000_000;

pub const ALL_FILES: [&str; 8] = [
    "inspectie-schoolweging-driejaars-2021-2024.csv",
    "inspectie-leerresultaten-po-2023-2025.csv",
    "inspectie-schoolweging-per-jaar-2021-2024.csv",
    "duo-vestigingen-bo.csv",
    "duo-vestigingen-vo.csv",
    "duo-leerlingen-po-soort-cluster-2024-2025.csv",
    "duo-examens-vo-2021-2025.csv",
    "scholen-locaties-geo-20241122.csv",
];

#[tokio::test]
async fn every_sector_with_exam_trend_and_coordinates_idempotently() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let s = koers_store_sqlite::connect(&format!("sqlite://{}", dir.path().join("k.db").display()))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    s.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let norms = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
    let app = App::new(std::sync::Arc::new(s.clone()), std::sync::Arc::new(norms));
    let actor = Actor::system("test");
    let mut reports = Vec::new();
    for f in ALL_FILES {
        let r = app.import_file(&data(f), f, &actor, NOW).await.unwrap_or_else(|e| panic!("{f}: {e}"));
        println!("{}", r.summary_nl());
        reports.push(r);
    }
    let schools = s.all_schools().await.unwrap_or_else(|e| panic!("{e}"));
    let count = |sector: Sector| schools.iter().filter(|x| x.sector == sector).count();
    let special = count(Sector::Sbo) + count(Sector::So) + count(Sector::Vso);
    println!(
        "po {} sbo {} so {} vso {} vo {}",
        count(Sector::Po),
        count(Sector::Sbo),
        count(Sector::So),
        count(Sector::Vso),
        count(Sector::Vo)
    );
    assert_eq!(count(Sector::Vo), 1_626, "every VO location of DUO's register");
    assert_eq!(special, 848, "every location counted as sbo, so or vso (1,001 rows: so and vso share 153)");
    assert!(count(Sector::Po) > 6_000);
    assert_eq!(reports[5].skipped, 6_122, "the regular Bo rows come from the Inspectie's files");

    // A VO location: its structure, board, exam trend per afdeling, coordinates.
    let vo = s.school_by_ovt("18BR00").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (vo.sector, vo.kind.as_deref(), vo.board_number),
        (Sector::Vo, Some("PRO"), Some(koers_core::ids::BoardNumber::new(10053)))
    );
    assert!(vo.lat.is_some() && vo.lon.is_some());
    let kp = s.school_by_ovt("00AH00").await.unwrap_or_else(|e| panic!("{e}"));
    let years = s.exam_years_of_school(kp.id).await.unwrap_or_else(|e| panic!("{e}"));
    let whole: Vec<_> = years.iter().filter(|y| y.afdeling.is_empty()).collect();
    assert_eq!(whole.len(), 5, "2020-2021 … 2024-2025");
    assert!(years.iter().any(|y| y.afdeling == "havo"), "{years:?}");
    assert!(whole.iter().all(|y| y.candidates_min <= y.candidates_max && y.passes_min <= y.passes_max));
    assert!(reports[6].exam_years_changed > 10_000, "{}", reports[6].exam_years_changed);

    // A (v)so location: both kinds, its cluster.
    let bolster = s.school_by_ovt("00AO00").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((bolster.sector, bolster.clusters.clone()), (Sector::Vso, vec![4]));
    assert!(bolster.name.contains("Bolster"), "{}", bolster.name);

    // Coordinates for nearly every school; a PO school by its BRIN's location.
    let located = schools.iter().filter(|x| x.lat.is_some()).count();
    println!("with coordinates: {located} of {}", schools.len());
    assert!(located * 100 >= schools.len() * 95, "{located} of {}", schools.len());
    let ap = s.school_by_ovt("00AP|C1").await.unwrap_or_else(|e| panic!("{e}"));
    assert!(ap.lat.is_some_and(|lat| (50.7..53.6).contains(&lat)), "{:?}", ap.lat);

    // Importing everything again changes nothing.
    for f in ALL_FILES {
        let r = app.import_file(&data(f), f, &actor, NOW + 1).await.unwrap_or_else(|e| panic!("{f}: {e}"));
        assert_eq!(
            (r.schools_inserted, r.schools_updated, r.results_changed, r.exam_years_changed, r.located),
            (0, 0, 0, 0, 0),
            "{f}: {}",
            r.summary_nl()
        );
    }
}
