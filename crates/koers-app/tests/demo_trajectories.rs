//! `koers demo`'s trajectories (issue 8 §9) against a small register on SQLite: per programme one
//! running trajectory in each phase, a concept plan in the plan phase and a vastgestelde one
//! after it; the demo school leader's school is in the GWGB+ plan phase; running it again adds
//! nothing.

use koers_app::App;
use koers_app::store::{
    Actor, NewBoard, PlanRead, SchoolFields, SchoolWrite, Sector, Store, StoreRead, TrajectoryFilter,
};
use koers_core::NormLibrary;
use koers_core::ids::BoardNumber;
use koers_core::plan::VersionStatus;
use koers_core::programme::PhaseCompletion;
use std::sync::Arc;

const NOW: i64 = 1_790_000_000;

fn school(ovt: &str, sector: Sector, board: i64) -> SchoolWrite {
    SchoolWrite::Insert {
        ovt: koers_core::codes::Ovt::parse(ovt).unwrap_or_else(|e| panic!("{e}")),
        brin: ovt[..4].into(),
        sector,
        fields: SchoolFields {
            name: format!("School {ovt}"),
            board_number: Some(BoardNumber::new(board)),
            ..SchoolFields::default()
        },
    }
}

#[tokio::test]
async fn the_demo_has_a_trajectory_in_every_phase_of_every_programme() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let s = koers_store_sqlite::connect(&format!("sqlite://{}", dir.path().join("k.db").display()))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    s.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let actor = Actor::system("test");
    let boards: Vec<NewBoard> =
        (0..60).map(|i| NewBoard { number: BoardNumber::new(41_600 + i), name: format!("Stichting {i}") }).collect();
    s.upsert_boards(&boards, &actor, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    let mut writes = vec![school(koers_app::demo::DEMO_SCHOOL_OVT, Sector::Po, koers_app::demo::DEMO_BOARD.get())];
    for (i, sector) in [Sector::Po, Sector::Sbo, Sector::So, Sector::Vo].into_iter().enumerate() {
        for n in 0..200 {
            writes.push(school(&format!("{i}{n:03}|C1"), sector, 41_600 + (n % 60)));
        }
    }
    s.apply_school_writes(&writes, &actor, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    let norms = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
    let app = App::new(Arc::new(s.clone()), Arc::new(norms));
    app.seed_programmes(&actor, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    app.demo_seed_users(NOW).await.unwrap_or_else(|e| panic!("{e}"));
    // The demo pool's standplaatsen need the register's coordinates; one expert will do here.
    let expert = koers_app::store::ExpertWrite {
        user_id: None,
        name: "Esther Expert".into(),
        email: "expert@demo.koers.nl".into(),
        expertise: vec!["lezen".into()],
        regions: vec![],
        capacity_trajectories: 30,
        capacity_dagdelen: 400,
        available: true,
        expected_version: None,
    };
    app.save_expert(&expert, &actor, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    let made = app.demo_seed_trajectories(NOW).await.unwrap_or_else(|e| panic!("{e}"));

    let programmes = app.programmes().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(made, programmes.iter().map(|p| p.phases.len()).sum::<usize>());
    for p in &programmes {
        let filter = TrajectoryFilter { programme_id: Some(p.id.clone()), ..TrajectoryFilter::default() };
        let ts = s.list_trajectories(&filter).await.unwrap_or_else(|e| panic!("{e}"));
        let mut phases: Vec<i64> = ts.iter().map(|t| t.current_phase).collect();
        phases.sort_unstable();
        assert_eq!(phases, (0..p.phases.len() as i64).collect::<Vec<_>>(), "{}", p.id);
        let plan_phase = p.phases.iter().position(|ph| ph.completes_on == PhaseCompletion::PlanGetekend);
        let plan_phase = plan_phase.unwrap_or_else(|| panic!("{} has a plan phase", p.id)) as i64;
        for t in &ts {
            let plan = s.plan_of_trajectory(t.id).await;
            match t.current_phase.cmp(&plan_phase) {
                std::cmp::Ordering::Less => assert!(plan.is_err(), "{}: no plan before its phase", p.id),
                std::cmp::Ordering::Equal => {
                    let v = plan.unwrap_or_else(|e| panic!("{}: {e}", p.id)).versions;
                    assert_eq!(v[0].status, VersionStatus::Concept, "{}", p.id);
                    assert!(!v[0].plan.goals.is_empty() && !v[0].plan.measures.is_empty(), "{}", p.id);
                }
                std::cmp::Ordering::Greater => {
                    let v = plan.unwrap_or_else(|e| panic!("{}: {e}", p.id)).versions;
                    assert_eq!(v[0].status, VersionStatus::Vastgesteld, "{}", p.id);
                    assert_eq!(v[0].signatures.len(), p.plan.signers.len(), "{}", p.id);
                }
            }
        }
    }
    // The demo school leader's school is in the GWGB+ school plan phase.
    let demo = s.school_by_ovt(koers_app::demo::DEMO_SCHOOL_OVT).await.unwrap_or_else(|e| panic!("{e}"));
    let filter = TrajectoryFilter { school_id: Some(demo.id), ..TrajectoryFilter::default() };
    let ts = s.list_trajectories(&filter).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        ts.iter().map(|t| (t.programme_id.as_str(), t.current_phase)).collect::<Vec<_>>(),
        [("gwgb-plus-school", 1)]
    );
    assert_eq!(app.demo_seed_trajectories(NOW + 1).await.unwrap_or_else(|e| panic!("{e}")), 0, "idempotent");
}
