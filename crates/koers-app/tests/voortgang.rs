//! Voortgang, op koers and the weekly digest (issue 9) on SQLite with a fixed clock: the demo's
//! trajectories with a vastgesteld plan get voortgang; the demo's off-course trajectory has its
//! reasons; bad input is refused with a Dutch message naming the field; the digest goes out once
//! per ISO week to the expert and the programme staff, with links.

use koers_app::App;
use koers_app::store::{Actor, NewBoard, SchoolFields, SchoolWrite, Sector, Store, StoreRead, VoortgangRead};
use koers_app::voortgang::record::StatusInput;
use koers_core::NormLibrary;
use koers_core::calendar::Date;
use koers_core::ids::BoardNumber;
use koers_core::op_koers::ReasonKind;
use std::sync::Arc;

/// 21 September 2026 (Dutch time), the fixed clock.
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
    let staff_actor = Actor { user_id: Some(staff_user.id), label: staff_user.email.to_string() };
    let rows = ok(app.op_koers_rows(&staff, &staff_actor, today).await);
    assert!(rows.iter().all(|r| r.trajectory.programme_id == "gwgb-plus-school"), "staff see their programme");
    let off: Vec<_> = rows.iter().filter(|r| !r.assessment.on_course).collect();
    assert_eq!(off.len(), 1, "the demo has one GWGB+ trajectory off course: {:#?}", off);
    let off = off[0];
    assert!(off.has(ReasonKind::IndicatorBelowLine) && off.has(ReasonKind::ReviewOverdue), "{:?}", off.assessment);
    assert!(rows.iter().filter(|r| r.has_plan && r.trajectory.id != off.trajectory.id).all(|r| r.assessment.on_course));

    // Bad input: a date before the trajectory's start, named in Dutch; nothing written.
    let id = off.trajectory.id;
    let c = ok(app.voortgang_case(&staff, &staff_actor, id, today).await);
    let measure = c.measures()[0].measure.id.get().to_string();
    let before = c.voortgang.updates.len();
    let input = StatusInput {
        measure: measure.clone(),
        status: "loopt".into(),
        date: "01-01-2020".into(),
        note: String::new(),
        version: String::new(),
    };
    match app.record_measure_status(&staff, &staff_actor, id, &input, today, NOW).await {
        Err(koers_app::Error::Invalid(f)) => {
            assert_eq!(f[0].field, "date");
            assert!(f[0].detail.contains("vóór de start van het traject"), "{}", f[0].detail);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let again = ok(app.voortgang_case(&staff, &staff_actor, id, today).await);
    assert_eq!(again.voortgang.updates.len(), before);

    // Two people update the same measure from the same page (the same `versie`): the first is
    // saved, the second gets the conflict answer; nothing is lost or overwritten.
    let seen = again.voortgang.last_update_id().to_string();
    let first = StatusInput {
        measure,
        status: "loopt".into(),
        date: String::new(),
        note: "Weer gestart na de herfstvakantie.".into(),
        version: seen,
    };
    ok(app.record_measure_status(&staff, &staff_actor, id, &first, today, NOW).await);
    let second = StatusInput { status: "gereed".into(), note: "Afgerond.".into(), ..first.clone() };
    match app.record_measure_status(&staff, &staff_actor, id, &second, today, NOW + 1).await {
        Err(e) if e.is_conflict() => {}
        other => panic!("expected the conflict answer, got {other:?}"),
    }
    let after = ok(app.voortgang_case(&staff, &staff_actor, id, today).await).voortgang.updates;
    assert_eq!(after.len(), before + 1, "the first write is kept, the stale one not written");
    assert_eq!(after.last().map(|u| u.update.note.as_str()), Some("Weer gestart na de herfstvakantie."));

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

/// AVG for an external reviewer (no account): found by their address in the review team, the
/// invitation link, the findings they wrote through it, the audit trail and the outbox; erased
/// to a placeholder everywhere while the review and its findings stay.
#[tokio::test]
async fn an_external_reviewer_is_exported_and_erased_by_their_address() {
    use koers_app::voortgang::reviews::{FindingInput, ReviewChange};
    let (app, s, _dir) = demo().await;
    let today = Date::of_instant(NOW);
    let staff_user = ok(s.user_by_email("programma@demo.koers.nl").await);
    let staff = ok(app.principal_of(staff_user.id).await);
    let actor = Actor { user_id: Some(staff_user.id), label: staff_user.email.to_string() };
    let rows = ok(app.op_koers_rows(&staff, &actor, today).await);
    let row = rows.iter().find(|r| r.has_plan).unwrap_or_else(|| panic!("a trajectory with a plan"));
    let id = row.trajectory.id;
    let plan =
        koers_app::voortgang::reviews::PlanReviewInput { kind: "midterm-review".into(), planned_on: String::new() };
    let review = ok(app.plan_review(&staff, &actor, id, &plan, today, NOW).await);
    let add = ReviewChange::AddReviewer {
        name: "Drs. Renate Extern".into(),
        role: "extern deskundige".into(),
        email: "R.Extern@Example.nl".into(),
        external: true,
    };
    let r = app.change_review(&staff, &actor, id, review.id, review.version, &add, today, NOW).await;
    let r = r.unwrap_or_else(|e| panic!("{e:?}"));
    let index = r.content.reviewers.len() - 1;
    let link = ok(app.invite_reviewer(&staff, &actor, id, r.id, index, None, "http://koers.test/r", today, NOW).await);
    let seen = ok(app.invited_review(&link.token, NOW).await);
    let standard = seen.format.standards[0].code.clone();
    let finding = FindingInput { standard, judgement: "3".into(), text: "Stelselmatig gevolgd.".into() };
    let version = seen.review.version;
    let r = ok(app.submit_invited_findings(&link.token, version, &[finding], "Deel de analyses.", NOW + 1).await);
    assert!(r.content.findings.iter().any(|f| f.by == "Drs. Renate Extern"));

    // Bad input names the field.
    let bad = app.privacy_export_reviewer("geen adres", &actor, NOW).await;
    assert!(matches!(&bad, Err(koers_app::Error::Invalid(f)) if f[0].field == "email"), "{bad:?}");
    let none = app.privacy_export_reviewer("niemand@example.nl", &actor, NOW).await;
    assert!(matches!(&none, Err(koers_app::Error::Invalid(f)) if f[0].field == "email"), "{none:?}");

    // The export: the review, the link's audit entry, the invitation mail.
    let x = ok(app.privacy_export_reviewer(" r.extern@example.nl ", &actor, NOW + 2).await);
    assert_eq!(x.records.reviews.len(), 1);
    assert!(x.records.audit.iter().any(|a| a.actor_label.contains("Drs. Renate Extern")), "{:?}", x.records.audit);
    assert_eq!(x.records.mails.len(), 1, "the invitation");
    let json = ok(serde_json::to_string(&x));
    assert!(json.contains("Stelselmatig gevolgd."), "what they wrote is theirs too");

    // Erasing: the confirmation must repeat the address; then the person is gone, the work stays.
    let unconfirmed = app.erase_reviewer("r.extern@example.nl", "iets anders", &actor, NOW + 3).await;
    assert!(matches!(&unconfirmed, Err(koers_app::Error::Invalid(f)) if f[0].field == "bevestig"));
    let done = ok(app.erase_reviewer("r.extern@example.nl", "R.EXTERN@example.nl", &actor, NOW + 3).await);
    assert!(done.records >= 4, "{done:?}");
    let after = ok(s.review(r.id).await);
    assert_eq!(after.version, r.version + 1, "an editor with the old version gets a conflict");
    assert!(after.content.reviewers.iter().all(|p| p.name != "Drs. Renate Extern" && p.email.is_none()));
    assert!(after.content.findings.iter().any(|f| f.by == done.placeholder && f.text == "Stelselmatig gevolgd."));
    assert!(!after.content.recommendations.contains("Renate"), "{}", after.content.recommendations);
    assert!(after.invitations.iter().all(|i| i.email.is_none() && i.reviewer_name == done.placeholder));
    let all = koers_app::store::AuditFilter { limit: 100_000, ..Default::default() };
    let everything = ok(serde_json::to_string(&ok(s.audit_log(&all).await)));
    assert!(!everything.contains("Renate") && !everything.to_lowercase().contains("r.extern@example.nl"));
    assert!(ok(s.outbox(false, 0).await).iter().all(|m| !m.to_address.eq_ignore_ascii_case("r.extern@example.nl")));
    let gone = app.privacy_export_reviewer("r.extern@example.nl", &actor, NOW + 4).await;
    assert!(gone.is_err(), "nothing is held any more: {gone:?}");
}
