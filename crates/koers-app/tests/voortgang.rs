//! Voortgang, op koers and the weekly digest (issue 9) on SQLite with a fixed clock: the demo's
//! trajectories with a vastgesteld plan get voortgang; the demo's off-course trajectory has its
//! reasons; bad input is refused with a Dutch message naming the field; the digest goes out once
//! per ISO week to the expert and the programme staff, with links.

use koers_app::App;
use koers_app::store::{Actor, NewBoard, SchoolFields, SchoolWrite, Sector, Store, StoreRead};
use koers_app::voortgang::record::StatusInput;
use koers_core::NormLibrary;
use koers_core::calendar::Date;
use koers_core::ids::{BoardNumber, TrajectoryId};
use koers_core::op_koers::ReasonKind;
use std::sync::Arc;

/// 21 September 2026 (Dutch time), the fixed clock.
const NOW: i64 = 1_790_000_000;

fn school(ovt: &str, sector: Sector, board: i64) -> SchoolWrite {
    SchoolWrite::Insert {
        ovt: ovt.into(),
        brin: ovt[..4].into(),
        sector,
        fields: SchoolFields {
            name: format!("School {ovt}"),
            board_number: Some(BoardNumber::new(board)),
            ..SchoolFields::default()
        },
    }
}

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

async fn demo() -> (App, impl Store, tempfile::TempDir) {
    let dir = ok(tempfile::tempdir());
    let s = ok(koers_store_sqlite::connect(&format!("sqlite://{}", dir.path().join("k.db").display())).await);
    ok(s.migrate().await);
    let actor = Actor::system("test");
    let boards: Vec<NewBoard> =
        (0..60).map(|i| NewBoard { number: BoardNumber::new(41_600 + i), name: format!("Stichting {i}") }).collect();
    ok(s.upsert_boards(&boards, &actor, NOW).await);
    let mut writes = vec![school(koers_app::demo::DEMO_SCHOOL_OVT, Sector::Po, koers_app::demo::DEMO_BOARD.get())];
    for (i, sector) in [Sector::Po, Sector::Sbo, Sector::So, Sector::Vo].into_iter().enumerate() {
        for n in 0..200 {
            writes.push(school(&format!("{i}{n:03}|C1"), sector, 41_600 + (n % 60)));
        }
    }
    ok(s.apply_school_writes(&writes, &actor, NOW).await);
    let app = App::new(Arc::new(s.clone()), Arc::new(ok(NormLibrary::shipped())));
    ok(app.seed_programmes(&actor, NOW).await);
    ok(app.demo_seed_users(NOW).await);
    let expert = koers_app::store::ExpertWrite {
        user_id: Some(ok(s.user_by_email("expert@demo.koers.nl").await).id),
        name: "Esther Expert".into(),
        email: "expert@demo.koers.nl".into(),
        expertise: vec!["lezen".into()],
        regions: vec![],
        capacity_trajectories: 30,
        capacity_dagdelen: 400,
        available: true,
        expected_version: None,
    };
    ok(app.save_expert(&expert, &actor, NOW).await);
    ok(app.demo_seed_trajectories(NOW).await);
    assert!(ok(app.demo_seed_voortgang(NOW).await) > 0);
    assert_eq!(ok(app.demo_seed_voortgang(NOW).await), 0, "idempotent");
    (app, s, dir)
}

#[tokio::test]
async fn op_koers_reasons_bad_input_and_a_weekly_digest_on_a_fixed_clock() {
    let (app, s, _dir) = demo().await;
    let today = Date::of_instant(NOW);
    let staff_user = ok(s.user_by_email("programma@demo.koers.nl").await);
    let staff = ok(app.principal_of(staff_user.id).await);
    let staff_actor = Actor { user_id: Some(staff_user.id), label: staff_user.email.clone() };
    let rows = ok(app.op_koers_rows(&staff, &staff_actor, today).await);
    assert!(rows.iter().all(|r| r.trajectory.programme_id == "gwgb-plus-school"), "staff see their programme");
    let off: Vec<_> = rows.iter().filter(|r| !r.assessment.on_course).collect();
    assert_eq!(off.len(), 1, "the demo has one GWGB+ trajectory off course: {:#?}", off);
    let off = off[0];
    assert!(off.has(ReasonKind::IndicatorBelowLine) && off.has(ReasonKind::ReviewOverdue), "{:?}", off.assessment);
    assert!(rows.iter().filter(|r| r.has_plan && r.trajectory.id != off.trajectory.id).all(|r| r.assessment.on_course));

    // Bad input: a date before the trajectory's start, named in Dutch; nothing written.
    let id = TrajectoryId::new(off.trajectory.id);
    let c = ok(app.voortgang_case(&staff, &staff_actor, id, today).await);
    let measure = c.measures()[0].measure.id.get().to_string();
    let before = c.voortgang.updates.len();
    let input = StatusInput { measure, status: "loopt".into(), date: "01-01-2020".into(), note: String::new() };
    match app.record_measure_status(&staff, &staff_actor, id, &input, today, NOW).await {
        Err(koers_app::Error::Invalid(f)) => {
            assert_eq!(f[0].field, "date");
            assert!(f[0].detail.contains("vóór de start van het traject"), "{}", f[0].detail);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let again = ok(app.voortgang_case(&staff, &staff_actor, id, today).await);
    assert_eq!(again.voortgang.updates.len(), before);

    // The digest: once per ISO week, to the expert and the programme staff, with links.
    let sent = ok(app.send_op_koers_digest(today, "http://koers.test", NOW).await);
    assert!(sent.is_some_and(|n| n >= 2), "{sent:?}");
    assert_eq!(ok(app.send_op_koers_digest(today.add_days(1), "http://koers.test", NOW + 86_400).await), None);
    let mails = ok(s.outbox(false, 0).await);
    let to = |who: &str| mails.iter().find(|m| m.to_address == who && m.subject.starts_with("Op koers?"));
    let staff_mail = to("programma@demo.koers.nl").unwrap_or_else(|| panic!("no digest to staff"));
    assert!(staff_mail.subject.contains("1 van"), "{}", staff_mail.subject);
    assert!(staff_mail.body_text.contains(&format!("http://koers.test/trajecten/{}/voortgang", id.get())));
    assert!(staff_mail.body_text.contains("niet op koers"));
    let expert_mail = to("expert@demo.koers.nl").unwrap_or_else(|| panic!("no digest to the expert"));
    assert!(expert_mail.body_text.contains("op koers"));
    let next_week = ok(app.send_op_koers_digest(today.add_days(7), "http://koers.test", NOW + 7 * 86_400).await);
    assert!(next_week.is_some(), "a new week, a new digest");
}
