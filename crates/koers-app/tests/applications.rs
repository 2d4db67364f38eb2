//! The application workflow against the real SQLite store: submit with the entry rule, receipt
//! and board mails in the outbox, approval by link (used, expired, forged links refused),
//! kennismaking, decision, expert ranking and assignment with a logged capacity override, and
//! two staff members acting at once.

use koers_app::applications::{ApplicationInput, rank_experts, state_of};
use koers_app::store::{Actor, AuditFilter, ExpertWrite, NewUser, Store, StoreRead};
use koers_app::{App, Error, LinkRefusal};
use koers_core::NormLibrary;
use koers_core::access::{Grant, RoleKind, Scope};
use koers_core::matching::MatchRequest;
use koers_core::programme::ProgrammeRules;
use koers_core::workflow::{Command, Intake, IntakePlan, Status};
use std::sync::Arc;

const NOW: i64 = 1_790_000_000;
const BASE: &str = "https://koers.example.nl";

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../testdata/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|e| panic!("{e}"))
}

async fn setup() -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let s = koers_store_sqlite::connect(&format!("sqlite://{}", dir.path().join("k.db").display()))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    s.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let actor = Actor::system("test");
    let norms = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
    let app = App::new(Arc::new(s.clone()), Arc::new(norms));
    for f in ["inspectie-schoolweging-driejaars-2021-2024.csv", "inspectie-leerresultaten-po-2023-2025.csv"] {
        app.import_file(&data(f), f, &actor, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    }
    let board_user = s
        .create_user(
            &NewUser {
                email: koers_core::email::Email::parse("bo@bestuur.nl").unwrap_or_else(|e| panic!("{e}")),
                name: "Bo".into(),
                password_hash: "x".into(),
                locale: "nl".into(),
            },
            &actor,
            NOW,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let g = Grant::new(RoleKind::Bestuurder, Scope::Board(koers_core::ids::BoardNumber::new(41646)))
        .unwrap_or_else(|e| panic!("{e}"));
    s.add_grant(board_user.id, &g, &actor, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    (app, dir)
}

fn programmes() -> Vec<ProgrammeRules> {
    ProgrammeRules::shipped().unwrap_or_else(|e| panic!("{e}"))
}

async fn input(s: &dyn StoreRead, ovt: &str) -> ApplicationInput {
    let school = s.school_by_ovt(ovt).await.unwrap_or_else(|e| panic!("{e}"));
    ApplicationInput {
        programme_id: "gwgb-plus-school".into(),
        school_id: Some(school.id),
        contact_name: "Sam Schoolleider".into(),
        contact_email: "sam@morgenster.nl".into(),
        help_question: "Hulp bij rekenonderwijs en zicht op ontwikkeling".into(),
        ..Default::default()
    }
}

fn token_of(url: &str) -> String {
    url.rsplit('/').next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn an_eligible_school_goes_from_aanmelding_to_trajectory() {
    let (app, _d) = setup().await;
    let s = app.read();
    let staff = Actor::system("piet@programma.nl");
    // 00AV|C1 (De Morgenster, board 41646) is below the signaleringswaarde: eligible.
    let sub = app
        .submit_application(&input(s, "00AV|C1").await, None, &Actor::system("sam"), NOW, BASE)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let a = sub.application;
    assert_eq!(a.reference.year(), 2026, "{}", a.reference);
    assert_eq!(state_of(&a).map(|x| x.status).ok(), Some(Status::WachtOpBestuur));
    let mails = s.outbox(false, 0).await.unwrap_or_default();
    assert!(mails.iter().any(|m| m.to_address == "sam@morgenster.nl" && m.subject.contains(&a.reference.to_string())));
    assert!(mails.iter().any(|m| m.to_address == "bo@bestuur.nl" && m.body_text.contains("/goedkeuren/")));

    // Forged, then valid, then reused link.
    assert!(matches!(
        app.decide_by_link(&"ab".repeat(32), true, "", NOW).await,
        Err(Error::Link(LinkRefusal::Unknown))
    ));
    let token = token_of(&sub.approval_link.unwrap_or_default());
    let a = app.decide_by_link(&token, true, "", NOW + 60).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state_of(&a).map(|x| x.status).ok(), Some(Status::Goedgekeurd));
    assert!(matches!(app.decide_by_link(&token, true, "", NOW + 120).await, Err(Error::Link(LinkRefusal::Used))));

    let plan = IntakePlan { date: "2026-12-03".into(), attendees: vec!["Sam".into(), "Piet".into()] };
    let a = app.act(a.id, a.version, &Command::PlanIntake(plan), &staff, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    let intake = Intake {
        expectations: "Rekenen versterken".into(),
        background: "Nieuw team".into(),
        results: "1S/2F onder de signaleringswaarde".into(),
        inspection_visit_planned: false,
        herstelopdracht: false,
    };
    let a =
        app.act(a.id, a.version, &Command::RecordIntake(intake), &staff, NOW).await.unwrap_or_else(|e| panic!("{e}"));

    // Two staff members decide at once with the same version: one wins, the other gets a conflict.
    let first = app.act(a.id, a.version, &Command::MakeDefinitive, &staff, NOW).await;
    let second = app.act(a.id, a.version, &Command::Decline { reason: "x".into() }, &staff, NOW).await;
    let a = first.unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(second, Err(Error::Conflict { .. })));
    assert_eq!(state_of(&a).map(|x| x.status).ok(), Some(Status::Definitief));

    // Experts: one full, one free; ranking says why; the full one needs an override.
    let write = |name: &str, email: &str, cap: i64| ExpertWrite {
        user_id: None,
        name: name.into(),
        email: email.into(),
        expertise: vec!["rekenen".into(), "zicht op ontwikkeling".into()],
        regions: vec!["Zuid-Holland".into()],
        capacity_trajectories: cap,
        capacity_dagdelen: 40,
        available: true,
        expected_version: None,
    };
    let full = app.save_expert(&write("Vol", "vol@expert.nl", 0), &staff, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    let free =
        app.save_expert(&write("Vrij", "vrij@expert.nl", 3), &staff, NOW).await.unwrap_or_else(|e| panic!("{e}"));
    let req = MatchRequest {
        expertise_wanted: vec!["Rekenen".into()],
        region: Some("Zuid-Holland".into()),
        dagdelen_needed: 8,
        ..MatchRequest::default()
    };
    let ranked = rank_experts(s, &req).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ranked.first().map(|m| m.expert_id), Some(free.id));
    assert!(ranked.iter().any(|m| m.expert_id == full.id && m.over_capacity));
    let gwgb = programmes().into_iter().find(|p| p.id == "gwgb-plus-school").unwrap_or_else(|| panic!("programme"));
    let refused = app.assign_expert(&gwgb, a.id, a.version, &req, full.id, None, &staff, NOW).await;
    assert!(matches!(refused, Err(Error::Assignment(_))), "{refused:?}");
    let (a, t) = app
        .assign_expert(&gwgb, a.id, a.version, &req, full.id, Some("Enige rekenexpert in de regio"), &staff, NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state_of(&a).map(|x| x.status).ok(), Some(Status::Gekoppeld));
    assert_eq!((t.expert_id, t.dagdelen_planned), (full.id, 8));
    assert!(t.phases_json.contains("Zelfevaluatie") || t.phases_json.contains("zelfevaluatie"), "{}", t.phases_json);
    let audit = s
        .audit_log(&AuditFilter { entity: Some(koers_app::store::AuditEntity::Trajectory), ..Default::default() })
        .await
        .unwrap_or_default();
    assert!(
        audit.iter().any(|e| e.after.as_deref().is_some_and(|j| j.contains("Enige rekenexpert"))),
        "override logged"
    );
    assert!(s.outbox(false, 0).await.unwrap_or_default().iter().any(|m| m.to_address == "vol@expert.nl"));
}

#[tokio::test]
async fn a_school_above_the_band_is_refused_with_the_reason_and_bad_fields_are_named() {
    let (app, _d) = setup().await;
    let s = app.read();
    // 00AP|C1 is above the grenswaarde on both indicators.
    let r = app.submit_application(&input(s, "00AP|C1").await, None, &Actor::system("t"), NOW, BASE).await;
    match r {
        Err(Error::NotEligible { summary: why, .. }) => {
            assert!(why.starts_with("Je school komt niet in aanmerking"), "{why}")
        }
        other => panic!("{other:?}"),
    }
    let bad = ApplicationInput {
        programme_id: "gwgb-plus-school".into(),
        contact_email: "geen".into(),
        ..Default::default()
    };
    match app.submit_application(&bad, None, &Actor::system("t"), NOW, BASE).await {
        Err(Error::Invalid(errs)) => {
            let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["contact_name", "contact_email", "help_question", "school"]);
        }
        other => panic!("{other:?}"),
    }
    // Lengths are bounded: a 10,000-character name or phone number is refused by field.
    let long = ApplicationInput {
        contact_name: "x".repeat(10_000),
        contact_phone: Some("0".repeat(10_000)),
        ..input(s, "00AP|C1").await
    };
    match app.submit_application(&long, None, &Actor::system("t"), NOW, BASE).await {
        Err(Error::Invalid(errs)) => {
            let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["contact_name", "contact_phone"]);
            assert!(errs[0].detail.contains("hoogstens 200 tekens"), "{}", errs[0].detail);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_expired_link_is_refused_and_the_board_can_still_decide_in_koers() {
    let (app, _d) = setup().await;
    let s = app.read();
    let sub = app
        .submit_application(&input(s, "00AV|C1").await, None, &Actor::system("t"), NOW, BASE)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let token = token_of(&sub.approval_link.unwrap_or_default());
    let late = NOW + koers_app::applications::LINK_TTL_SECS + 1;
    assert!(matches!(app.decide_by_link(&token, true, "", late).await, Err(Error::Link(LinkRefusal::Expired))));
    // A decline needs a reason; without one the link is not used up.
    assert!(app.decide_by_link(&token, false, " ", NOW).await.is_err());
    let a =
        app.decide_by_link(&token, false, "Andere prioriteiten dit jaar", NOW).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state_of(&a).map(|x| x.status).ok(), Some(Status::AfgewezenDoorBestuur));
    assert!(
        s.outbox(false, 0)
            .await
            .unwrap_or_default()
            .iter()
            .any(|m| m.body_text.contains("Andere prioriteiten dit jaar"))
    );
}
