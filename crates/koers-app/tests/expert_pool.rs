//! The expert pool per programme and sector with a standplaats (issue 10 §6), against the real
//! SQLite store and the real VO register with coordinates: the form's checks (Dutch, per field),
//! and an application for a VO school ranked by programme, sector and distance, with reasons.

use koers_app::applications::{ApplicationInput, rank_for_application};
use koers_app::experts::PoolInput;
use koers_app::store::{Actor, ExpertWrite, Store, StoreRead};
use koers_app::{App, Error};
use koers_core::NormLibrary;
use koers_core::ids::ExpertId;
use koers_core::matching::MatchRequest;

const NOW: i64 = 1_790_000_000;

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../testdata/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|e| panic!("{e}"))
}

fn expert(name: &str, email: &str) -> ExpertWrite {
    ExpertWrite {
        user_id: None,
        name: name.into(),
        email: email.into(),
        expertise: vec!["kwaliteitszorg".into()],
        regions: vec![],
        capacity_trajectories: 3,
        capacity_dagdelen: 40,
        available: true,
        expected_version: None,
    }
}

fn pool(programmes: &[&str], sectors: &[&str], place: &str, km: &str) -> PoolInput {
    PoolInput {
        programmes: programmes.iter().map(|s| (*s).to_owned()).collect(),
        sectors: sectors.iter().map(|s| (*s).to_owned()).collect(),
        standplaats: place.into(),
        max_km: km.into(),
    }
}

#[tokio::test]
async fn a_vo_application_ranks_the_pool_by_programme_sector_and_distance() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let s = koers_store_sqlite::connect(&format!("sqlite://{}", dir.path().join("k.db").display()))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    s.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let actor = Actor::system("test");
    let norms = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
    let app = App::new(std::sync::Arc::new(s.clone()), std::sync::Arc::new(norms));
    for f in ["duo-vestigingen-vo.csv", "scholen-locaties-geo-20241122.csv"] {
        app.import_file(&data(f), f, &actor, NOW).await.unwrap_or_else(|e| panic!("{f}: {e}"));
    }

    // The form's checks, each naming its field.
    let e = app.save_expert(&expert("Nina Noord", "nina@x.nl"), &actor, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    let bad =
        app.set_expert_pool(e.id, e.version, &pool(&["bestaat-niet"], &["mbo"], "Atlantis", "0"), &actor, NOW).await;
    let Err(Error::Invalid(errors)) = bad else { panic!("refused: {bad:?}") };
    let fields: Vec<&str> = errors.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["programmas", "sectoren", "standplaats", "max_km"]);
    assert!(errors[2].detail.starts_with("Standplaats: \"Atlantis\" staat niet"), "{}", errors[2].detail);
    let bad = app.set_expert_pool(e.id, e.version, &pool(&[], &[], "", "50"), &actor, NOW).await;
    assert!(matches!(bad, Err(Error::Invalid(ref v)) if v[0].field == "standplaats"), "{bad:?}");

    // Nina: VO, Groningen, at most 60 km. Victor: VO, Zwolle. Paula: PO only, Zwolle.
    let nina = app
        .set_expert_pool(e.id, e.version, &pool(&["leren-verbeteren-npo"], &["vo"], "groningen", "60"), &actor, NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(nina.pool.base_place.as_deref(), Some("GRONINGEN"));
    assert!(nina.pool.base_lat.is_some_and(|l| (53.1..53.3).contains(&l)));
    let v = app.save_expert(&expert("Victor", "victor@x.nl"), &actor, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    app.set_expert_pool(v.id, v.version, &pool(&[], &["vo"], "Zwolle", ""), &actor, NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let p = app.save_expert(&expert("Paula", "paula@x.nl"), &actor, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    app.set_expert_pool(p.id, p.version, &pool(&["gwgb-plus-school"], &["po"], "Zwolle", ""), &actor, NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    // An NPO application of a VO school in Zwolle.
    let school = s
        .all_schools()
        .await
        .unwrap_or_default()
        .into_iter()
        .find(|x| x.place.as_deref() == Some("ZWOLLE") && x.lat.is_some())
        .unwrap_or_else(|| panic!("a VO school in Zwolle"));
    let input = ApplicationInput {
        own_calculation: None,
        programme_id: "leren-verbeteren-npo".into(),
        school_id: Some(school.id),
        board_number: None,
        contact_name: "Lea".into(),
        contact_email: "lea@school.nl".into(),
        contact_phone: None,
        help_question: "Hulp bij de schoolscan.".into(),
        entry_facts_json: Some(
            r#"{"oordeel":null,"department":null,"risks":[{"kind":"team_signals","evidence":"Docenten melden een dalende motivatie."}]}"#
                .into(),
        ),
    };
    let a = app
        .submit_application(&input, None, &actor, NOW, "https://k.example.nl")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .application;
    let req =
        MatchRequest { expertise_wanted: vec!["kwaliteitszorg".into()], dagdelen_needed: 8, ..MatchRequest::default() };
    let ranked = rank_for_application(&s, &a, &req).await.unwrap_or_else(|e| panic!("{e}"));
    let order: Vec<ExpertId> = ranked.iter().map(|m| m.expert_id).collect();
    assert_eq!(order, vec![v.id, p.id, nina.id], "fitting first; among those who do not fit, by score");
    assert!(ranked[0].fits && !ranked[1].fits && !ranked[2].fits);
    let victor = ranked[0].summary_nl();
    assert!(
        victor.contains("werkt in de sector vo")
            && victor.contains("km van de school (standplaats ZWOLLE), in de regio"),
        "{victor}"
    );
    assert!(ranked[2].summary_nl().contains("verder dan de 60 km die deze expert reist"), "{}", ranked[2].summary_nl());
    assert!(
        ranked[1].summary_nl().contains("past niet: werkt niet voor leren-verbeteren-npo"),
        "{}",
        ranked[1].summary_nl()
    );
}
