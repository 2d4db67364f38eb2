//! Inspectie verdicts as data (issue 10 §2) against the real SQLite store: who records and who
//! declares, Dutch messages naming the field, confirmation, and the VO, procesbegeleiding and
//! board entry rules reading stored verdicts and DUO's falling exam pass rates.

use koers_app::applications::ApplicationInput;
use koers_app::store::{Actor, ExamYear, NewBoard, SchoolFields, SchoolWrite, Sector, Store, StoreRead};
use koers_app::verdicts::{self, VerdictOf};
use koers_app::{App, Error};
use koers_core::access::{Grant, Principal, RoleKind, Scope};
use koers_core::eligibility::{BoardFacts, RiskKind, VoFacts, assess_vo};
use koers_core::ids::{BoardNumber, SchoolId, UserId};
use koers_core::inspection::VerdictForm;
use koers_core::programme::VoRule;
use koers_core::{NormLibrary, Verdict};

/// 2026-09-21 (a Monday).
const NOW: i64 = 1_790_000_000;
const BOARD: i64 = 50_500;

async fn setup() -> (koers_store_sqlite::SqliteStore, tempfile::TempDir, i64, i64) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let s = koers_store_sqlite::connect(&format!("sqlite://{}", dir.path().join("k.db").display()))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    s.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let actor = Actor::system("test");
    s.upsert_boards(&[NewBoard { number: BoardNumber::new(BOARD), name: "Stichting Lyceum".into() }], &actor, NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let school = |ovt: &str, name: &str, sector| SchoolWrite::Insert {
        ovt: koers_core::codes::Ovt::parse(ovt).unwrap_or_else(|e| panic!("{e}")),
        brin: ovt[..4].into(),
        sector,
        fields: SchoolFields {
            name: name.into(),
            board_number: Some(BoardNumber::new(BOARD)),
            ..SchoolFields::default()
        },
    };
    let ids = s
        .apply_school_writes(
            &[school("99VO00", "Het Lyceum", Sector::Vo), school("99PO|C1", "De Linde", Sector::Po)],
            &actor,
            NOW,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (s, dir, ids[0].get(), ids[1].get())
}

fn who(role: RoleKind, scope: Scope) -> Principal {
    Principal { user_id: UserId::new(7), grants: vec![Grant::new(role, scope).unwrap_or_else(|e| panic!("{e}"))] }
}

fn form(date: &str, oordeel: &str, afdeling: &str) -> VerdictForm {
    VerdictForm {
        date: date.into(),
        oordeel: oordeel.into(),
        afdeling: afdeling.into(),
        source: "inspectierapport".into(),
        ..VerdictForm::default()
    }
}

fn fields(e: Error) -> Vec<(String, String)> {
    match e {
        Error::Invalid(v) => v.into_iter().map(|f| (f.field, f.detail)).collect(),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn staff_record_applicants_declare_staff_confirm() {
    let (s, _d, vo, _po) = setup().await;
    let staff = who(RoleKind::Programmamedewerker, Scope::Programme("leren-verbeteren-npo".into()));
    let leader = who(RoleKind::Schoolleider, Scope::School(SchoolId::new(vo)));
    let expert = who(RoleKind::Expert, Scope::Programme("leren-verbeteren-npo".into()));
    let actor = Actor { user_id: None, label: "leider@lyceum.nl".into() };
    let of = VerdictOf::School(SchoolId::new(vo));

    // The day after today is refused, naming the field; so is an unknown oordeel.
    let e = verdicts::record(&s, &leader, of, &form("22-09-2026", "zeer zwak", ""), &actor, NOW).await;
    let f = fields(e.err().unwrap_or_else(|| panic!("refused")));
    assert_eq!(f[0].0, "datum");
    assert!(f[0].1.contains("niet in de toekomst") && f[0].1.contains("22-09-2026"), "{}", f[0].1);
    let e = verdicts::record(&s, &leader, of, &form("21-09-2026", "slecht", ""), &actor, NOW).await;
    let f = fields(e.err().unwrap_or_else(|| panic!("refused")));
    assert_eq!(f[0].0, "oordeel");
    assert!(f[0].1.starts_with("Oordeel: onbekend oordeel \"slecht\""), "{}", f[0].1);
    assert!(s.verdicts_of_school(SchoolId::new(vo)).await.unwrap_or_default().is_empty(), "nothing stored");

    // The leader declares (today is allowed); an expert may not.
    let declared = verdicts::record(&s, &leader, of, &form("21-09-2026", "zeer_zwak", "havo"), &actor, NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((declared.status.as_str(), declared.afdeling.as_deref()), ("verklaard", Some("havo")));
    let denied = verdicts::record(&s, &expert, of, &form("2026-01-01", "voldoende", ""), &actor, NOW).await;
    assert!(matches!(denied, Err(Error::Forbidden)), "{denied:?}");
    assert!(matches!(
        verdicts::confirm(&s, &leader, declared.id, declared.version, &actor, NOW).await,
        Err(Error::Forbidden)
    ));

    // Staff confirm; confirming again changes nothing; staff's own verdicts are vastgesteld.
    let staff_actor = Actor { user_id: None, label: "piet@programma.nl".into() };
    let c = verdicts::confirm(&s, &staff, declared.id, declared.version, &staff_actor, NOW + 1)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((c.status.as_str(), c.confirmed_by_label.as_deref()), ("vastgesteld", Some("piet@programma.nl")));
    let again =
        verdicts::confirm(&s, &staff, c.id, c.version, &staff_actor, NOW + 2).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, c);
    let own = verdicts::record(&s, &staff, of, &form("2025-05-01", "voldoende", ""), &staff_actor, NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(own.status, "vastgesteld");
    let list = verdicts::of_school(&s, SchoolId::new(vo)).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].record.verdict_date, "2026-09-21", "newest first");
    let audit = s
        .audit_log(&koers_app::store::AuditFilter {
            entity: Some(koers_app::store::AuditEntity::Verdict),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap_or_default();
    assert_eq!(audit.len(), 3, "two created, one confirmed");

    // A board is never zeer zwak; an afdeling only for VO.
    let board_staff = verdicts::record(
        &s,
        &staff,
        VerdictOf::Board(BoardNumber::new(BOARD)),
        &form("2025-05-01", "zeer zwak", ""),
        &staff_actor,
        NOW,
    )
    .await;
    assert_eq!(fields(board_staff.err().unwrap_or_else(|| panic!("refused")))[0].0, "oordeel");
}

#[tokio::test]
async fn the_vo_rule_reads_stored_verdicts_and_falling_pass_rates() {
    let (s, _d, vo, _po) = setup().await;
    let staff = who(RoleKind::Programmamedewerker, Scope::Programme("leren-verbeteren-npo".into()));
    let actor = Actor::system("staff");
    let procesbegeleiding = VoRule { demonstrable_risk_qualifies: false };
    // Nothing known: not eligible.
    let f =
        verdicts::vo_facts_for(&s, SchoolId::new(vo), VoFacts::default(), true).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(assess_vo(&f, &procesbegeleiding).verdict, Verdict::NotEligible);

    // Falling pass rates from DUO: a demonstrable risk, with the numbers as evidence.
    let year = |sy: &str, rate: f64| ExamYear {
        school_id: SchoolId::new(vo),
        afdeling: String::new(),
        school_year: sy.into(),
        programmes: 3,
        candidates_min: 100,
        candidates_max: 100,
        passes_min: rate as i64,
        passes_max: rate as i64,
        pass_rate: Some(rate),
        pass_rate_min: Some(rate),
        pass_rate_max: Some(rate),
        masking: "exact".into(),
    };
    s.upsert_exam_years(&[year("2022-2023", 93.0), year("2023-2024", 91.0), year("2024-2025", 86.0)], &actor, NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let f =
        verdicts::vo_facts_for(&s, SchoolId::new(vo), VoFacts::default(), true).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.risks.len(), 1);
    assert_eq!(f.risks[0].kind, RiskKind::FallingResults);
    assert!(f.risks[0].evidence.contains("van 93,0% (2022-2023) naar 86,0% (2024-2025)"), "{}", f.risks[0].evidence);
    let npo = VoRule { demonstrable_risk_qualifies: true };
    assert_eq!(assess_vo(&f, &npo).verdict, Verdict::Eligible);
    let f = verdicts::vo_facts_for(&s, SchoolId::new(vo), VoFacts::default(), false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(f.risks.is_empty(), "a rule without the risk route does not look");

    // A zeer zwakke afdeling, recorded by staff.
    verdicts::record(
        &s,
        &staff,
        VerdictOf::School(SchoolId::new(vo)),
        &form("2025-03-12", "zeer zwak", "vmbo-b"),
        &actor,
        NOW,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let f = verdicts::vo_facts_for(&s, SchoolId::new(vo), VoFacts::default(), false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let e = assess_vo(&f, &procesbegeleiding);
    assert_eq!(e.verdict, Verdict::Eligible);
    assert!(e.summary_nl().contains("vmbo-b"), "{}", e.summary_nl());

    // Through the application: procesbegeleiding with empty answers is accepted on the stored verdict.
    let input = ApplicationInput {
        own_calculation: None,
        programme_id: "leren-verbeteren-procesbegeleiding".into(),
        school_id: Some(SchoolId::new(vo)),
        board_number: None,
        contact_name: "Lea Leider".into(),
        contact_email: "lea@lyceum.nl".into(),
        contact_phone: None,
        help_question: "Hulp bij de afdeling vmbo-b.".into(),
        entry_facts_json: Some(r#"{"oordeel":null,"department":null,"risks":[]}"#.into()),
    };
    let norms = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
    let app = App::new(std::sync::Arc::new(s.clone()), std::sync::Arc::new(norms));
    let done = app
        .submit_application(&input, None, &actor, NOW, "https://k.example.nl")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(done.eligibility.verdict, Verdict::Eligible);
}

#[tokio::test]
async fn the_board_rule_reads_the_verdicts_of_its_schools_and_its_own() {
    let (s, _d, _vo, po) = setup().await;
    let staff = who(RoleKind::Programmamedewerker, Scope::Programme("gwgb-plus-bestuur".into()));
    let board_member = who(RoleKind::Bestuurder, Scope::Board(BoardNumber::new(BOARD)));
    let actor = Actor::system("test");
    let mut investigated = form("2024-10-01", "voldoende", "");
    investigated.risk_investigation = true;
    verdicts::record(
        &s,
        &board_member,
        VerdictOf::School(SchoolId::new(po)),
        &form("2024-03-01", "onvoldoende", ""),
        &actor,
        NOW,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    verdicts::record(&s, &staff, VerdictOf::School(SchoolId::new(po)), &investigated, &actor, NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut board_form = form("2025-06-01", "voldoende", "");
    board_form.herstelopdracht = true;
    let b = verdicts::record(&s, &board_member, VerdictOf::Board(BoardNumber::new(BOARD)), &board_form, &actor, NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.status, "verklaard");
    let f = verdicts::board_facts_for(&s, BoardNumber::new(BOARD), BoardFacts::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.schools, 2);
    assert_eq!(f.school_verdicts.len(), 1);
    assert_eq!(f.school_verdicts[0].school, "De Linde");
    assert_eq!(f.risk_investigations.len(), 1);
    assert_eq!(f.board_assessments.len(), 1);
    assert!(f.board_assessments[0].herstelopdrachten);
    let rule = koers_core::programme::BoardRule::default();
    assert_eq!(koers_core::eligibility::assess_board(&f, &rule, 2026).verdict, Verdict::Eligible);
}
