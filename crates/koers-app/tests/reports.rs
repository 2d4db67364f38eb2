//! Reports (issue 9 §5) from the demo's trajectories on SQLite, rendered with the real Typst
//! engine and read back by their text (`pdftotext`): school name, goals, indicator values,
//! op-koers reasons, signatures; the Inspectie report's release; refusals that name what is
//! missing; the kostenoverzicht PDF and the programme monitor workbook.

use koers_app::reports::ReportKind;
use koers_app::reports::render::RenderLimits;
use koers_app::store::{
    Actor, DagdelenWrite, NewBoard, NewTimeEntry, NewUser, PlanRead, SchoolFields, SchoolWrite, Sector, Store,
    StoreRead, TrajectoryFilter, TrajectoryRecord,
};
use koers_app::{App, Error};
use koers_core::NormLibrary;
use koers_core::access::{Grant, Principal, RoleKind, Scope};
use koers_core::calendar::Date;
use koers_core::ids::{BoardNumber, SchoolId, TrajectoryId, UserId};
use koers_core::plan::{ActivityType, VersionStatus};
use koers_reports::extract::{pdf_text, searchable};
use std::sync::Arc;

const NOW: i64 = 1_790_000_000;
/// The reports' day: two months after the demo's plans were signed, so the rules have reasons.
const REPORT_DAY: i64 = NOW + 60 * 86_400;

fn ok<T, E: std::fmt::Display + std::fmt::Debug>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}: {e:?}"))
}

fn school(ovt: &str, sector: Sector, board: i64, name: &str) -> SchoolWrite {
    SchoolWrite::Insert {
        ovt: koers_core::codes::Ovt::parse(ovt).unwrap_or_else(|e| panic!("{e}")),
        brin: ovt[..4].into(),
        sector,
        fields: SchoolFields {
            name: name.into(),
            board_number: Some(BoardNumber::new(board)),
            ..SchoolFields::default()
        },
    }
}

struct World {
    _dir: tempfile::TempDir,
    store: koers_store_sqlite::SqliteStore,
    app: App,
}

async fn world() -> World {
    let dir = ok(tempfile::tempdir());
    let s = ok(koers_store_sqlite::connect(&format!("sqlite://{}", dir.path().join("k.db").display())).await);
    ok(s.migrate().await);
    let actor = Actor::system("test");
    let boards: Vec<NewBoard> =
        (0..60).map(|i| NewBoard { number: BoardNumber::new(41_600 + i), name: format!("Stichting {i}") }).collect();
    ok(s.upsert_boards(&boards, &actor, NOW).await);
    let mut writes = vec![school(
        koers_app::demo::DEMO_SCHOOL_OVT,
        Sector::Po,
        koers_app::demo::DEMO_BOARD.get(),
        "OBS De Morgenster",
    )];
    for (i, sector) in [Sector::Po, Sector::Sbo, Sector::So, Sector::Vo].into_iter().enumerate() {
        for n in 0..12 {
            let name = format!("School {i}-{n} «Ĳsselmonde» & co");
            writes.push(school(&format!("{i}{n:03}|C1"), sector, 41_600 + (n % 60), &name));
        }
    }
    ok(s.apply_school_writes(&writes, &actor, NOW).await);
    let norms = ok(NormLibrary::shipped());
    let app = App::new(Arc::new(s.clone()), Arc::new(norms))
        .with_pdf_engine(Arc::new(koers_reports::pdf::Typst), RenderLimits::default());
    ok(app.seed_programmes(&actor, NOW).await);
    ok(app.demo_seed_users(NOW).await);
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
    ok(app.save_expert(&expert, &actor, NOW).await);
    ok(app.demo_seed_trajectories(NOW).await);
    World { _dir: dir, store: s, app }
}

async fn principal(w: &World, email: &str) -> Principal {
    let id = ok(w.store.user_by_email(email).await).id;
    ok(w.app.principal_of(id).await)
}

/// The first trajectory of `programme` in phase `phase`.
async fn trajectory(w: &World, programme: &str, phase: i64) -> TrajectoryRecord {
    let filter = TrajectoryFilter { programme_id: Some(programme.into()), ..TrajectoryFilter::default() };
    let ts = ok(w.store.list_trajectories(&filter).await);
    ts.into_iter().find(|t| t.current_phase == phase).unwrap_or_else(|| panic!("{programme} in phase {phase}"))
}

/// A user with one grant.
async fn user(w: &World, email: &str, name: &str, role: RoleKind, scope: Scope) -> Principal {
    let actor = Actor::system("test");
    let new = NewUser {
        email: koers_core::email::Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
        name: name.into(),
        password_hash: "x".into(),
        locale: "nl".into(),
    };
    let u = ok(w.store.create_user(&new, &actor, NOW).await);
    ok(w.store.add_grant(u.id, &ok(Grant::new(role, scope)), &actor, NOW).await);
    ok(w.app.principal_of(u.id).await)
}

async fn pdf(w: &World, who: &Principal, t: TrajectoryId, kind: ReportKind) -> String {
    let today = Date::of_instant(REPORT_DAY);
    let (_, bytes) = ok(w.app.report_pdf(who, &Actor::system("test"), t, kind, today, NOW).await);
    assert!(bytes.starts_with(b"%PDF"), "{kind:?}");
    // KOERS_REPORT_DUMP=dir keeps the PDFs to look at (pdftoppm -png).
    if let Ok(dir) = std::env::var("KOERS_REPORT_DUMP") {
        let _ = std::fs::write(format!("{dir}/{}-{t}.pdf", kind.code()), &bytes);
    }
    text_of(&ok(pdf_text(&bytes)))
}

/// Searchable text; Typst hyphenates Dutch words, which `pdftotext` writes with a soft hyphen.
fn text_of(raw: &str) -> String {
    searchable(&raw.replace("\u{ad}\n", "").replace('\u{ad}', ""))
}

async fn school_name(w: &World, t: &TrajectoryRecord) -> String {
    ok(w.store.school(t.school_id.unwrap_or_default()).await).name
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_and_voortgang_reports_read_back_with_school_goals_values_reasons_and_signatures() {
    let w = world().await;
    let beheerder = principal(&w, "beheerder@demo.koers.nl").await;
    // GWGB+ school: the plan is vastgesteld from phase 2 (uitvoering) on.
    let t = trajectory(&w, "gwgb-plus-school", 2).await;
    let plan = ok(w.store.plan_of_trajectory(t.id).await);
    let v = plan.versions.last().cloned().unwrap_or_else(|| panic!("a version"));
    assert_eq!(v.status, VersionStatus::Vastgesteld);
    let goal = v.plan.goals[0].description.clone();
    let indicator = &v.plan.goals[0].indicators[0];
    let baseline = indicator.unit.format(indicator.baseline.value);
    let name = school_name(&w, &t).await;

    let text = pdf(&w, &beheerder, t.id, ReportKind::Plan).await;
    for needle in [
        name.as_str(),
        "Plan van aanpak",
        goal.as_str(),
        baseline.as_str(),
        "Ondertekening",
        "Digitaal ondertekend in Koers",
    ] {
        assert!(text.contains(&searchable(needle)), "plan report lacks '{needle}': {text}");
    }
    for s in &v.signatures {
        let signer = ok(w.store.user(UserId::new(s.user.get())).await).name;
        assert!(text.contains(&searchable(&signer)), "signer {signer} missing: {text}");
        assert!(text.contains(&searchable(&s.role_name)), "role {} missing", s.role_name);
    }

    let text = pdf(&w, &beheerder, t.id, ReportKind::VoortgangBestuur).await;
    for needle in [
        name.as_str(),
        "Voortgangsrapportage",
        "Verantwoording aan het bestuur",
        goal.as_str(),
        baseline.as_str(),
        "Op koers?",
        "Esther Expert",
    ] {
        assert!(text.contains(&searchable(needle)), "voortgang lacks '{needle}': {text}");
    }
    // The op-koers verdict and every reason, as the rules give them for that day.
    let built = ok(w
        .app
        .report(&beheerder, &Actor::system("t"), t.id, ReportKind::VoortgangBestuur, Date::of_instant(REPORT_DAY))
        .await);
    let html = ok(koers_reports::html::to_html(&built.document));
    assert!(html.contains("Op koers?"));
    let reasons: Vec<String> = built
        .document
        .sections
        .iter()
        .flat_map(|s| s.blocks.iter())
        .filter_map(|b| match b {
            koers_reports::Block::Callout(c) => Some(c.items.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(!reasons.is_empty(), "a demo trajectory without updates is not on course");
    for r in &reasons {
        assert!(text.contains(&searchable(r)), "reason '{r}' missing: {text}");
    }

    let text = pdf(&w, &beheerder, t.id, ReportKind::Eind).await;
    assert!(
        text.contains("Eindrapportage") && text.contains("Resultaat per doel") && text.contains(&searchable(&name))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_signed_plan_or_submitted_zelfevaluatie_the_refusal_names_what_is_missing() {
    let w = world().await;
    let beheerder = principal(&w, "beheerder@demo.koers.nl").await;
    let today = Date::of_instant(NOW);
    let t = trajectory(&w, "gwgb-plus-school", 1).await; // the plan phase: a concept plan
    for kind in [ReportKind::Plan, ReportKind::VoortgangBestuur, ReportKind::Eind] {
        match w.app.report_pdf(&beheerder, &Actor::system("t"), t.id, kind, today, NOW).await {
            Err(Error::ReportUnavailable(m)) => {
                assert!(m.contains("kan nog niet worden gemaakt"), "{m}");
                assert!(m.contains("nog concept") && m.contains("geen vastgesteld plan"), "{m}");
                assert!(m.contains("schoolleider"), "names who must sign: {m}");
            }
            other => panic!("{kind:?}: {other:?}"),
        }
    }
    let t0 = trajectory(&w, "gwgb-plus-school", 0).await; // nothing yet
    let e = w.app.report(&beheerder, &Actor::system("t"), t0.id, ReportKind::Plan, today).await;
    assert!(
        matches!(&e, Err(Error::ReportUnavailable(m)) if m.contains("er is nog geen plan van aanpak gestart")),
        "{e:?}"
    );
    let e = w.app.report(&beheerder, &Actor::system("t"), t0.id, ReportKind::Nulmeting, today).await;
    assert!(
        matches!(&e, Err(Error::ReportUnavailable(m)) if m.contains("zelfevaluatie (0-meting) is nog niet ingediend")),
        "{e:?}"
    );
    // The list says the same per report.
    let list = ok(w.app.reports_of(&beheerder, &Actor::system("t"), t.id, today).await);
    assert!(list.iter().all(|e| e.kind == ReportKind::Nulmeting || e.unavailable.is_some()));
    // Someone outside the trajectory gets nothing at all.
    let stranger = user(
        &w,
        "x@test.nl",
        "X",
        RoleKind::Schoolleider,
        Scope::School(SchoolId::new(t.school_id.map_or(0, SchoolId::get) + 1)),
    )
    .await;
    let e = w.app.report(&stranger, &Actor::system("t"), t.id, ReportKind::Plan, today).await;
    assert!(matches!(e, Err(Error::Forbidden)), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inspectie_report_leaves_the_school_only_once_released_and_without_names() {
    let w = world().await;
    let beheerder = principal(&w, "beheerder@demo.koers.nl").await;
    let t = trajectory(&w, "leren-verbeteren-procesbegeleiding", 3).await; // aan de slag
    let sid = t.school_id.unwrap_or_default();
    let leader = user(&w, "leider-vo@test.nl", "Lotte Leider", RoleKind::Schoolleider, Scope::School(sid)).await;
    let today = Date::of_instant(NOW + 7 * 86_400);
    let id = t.id;
    let actor = Actor::system("test");
    // Outside the school: refused until released, naming why.
    let e = w.app.report(&beheerder, &actor, id, ReportKind::VoortgangInspectie, today).await;
    assert!(matches!(&e, Err(Error::ReportUnavailable(m)) if m.contains("nog niet vrijgegeven")), "{e:?}");
    // Inside: the concept, marked as such, with role names only.
    let text = pdf(&w, &leader, t.id, ReportKind::VoortgangInspectie).await;
    assert!(text.contains("Inspectie") && text.contains("concept"), "{text}");
    assert!(!text.contains("Esther Expert"), "no personal names: {text}");
    assert!(text.contains("Procesbegeleider"), "{text}");
    // Only the school leader releases; the board may not.
    let e = w.app.release_inspectie_report(&beheerder, &actor, id, today, NOW).await;
    assert!(matches!(e, Err(Error::Forbidden)), "{e:?}");
    let r = ok(w.app.release_inspectie_report(&leader, &actor, id, today, NOW + 60).await);
    assert_eq!(r.released_role, "Schoolleider");
    let audit = ok(w.store.audit_log(&koers_app::store::AuditFilter::default()).await);
    assert!(audit.iter().any(|a| a.action == "report_release" && a.entity_id == t.id.to_string()), "audited");
    // Now outside the school: exactly the released facts.
    let text = pdf(&w, &beheerder, t.id, ReportKind::VoortgangInspectie).await;
    assert!(text.contains("vrijgegeven door de schoolleider"), "{text}");
    assert!(!text.contains("Esther Expert") && !text.contains("Lotte Leider"), "no names: {text}");
    let name = school_name(&w, &t).await;
    assert!(text.contains(&searchable(&name)), "{text}");
    // GWGB+ does not report to the Inspectie.
    let g = trajectory(&w, "gwgb-plus-school", 2).await;
    let e = w.app.report(&beheerder, &actor, g.id, ReportKind::VoortgangInspectie, today).await;
    assert!(matches!(e, Err(Error::NotFound)), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kostenoverzicht_pdf_and_programme_monitor() {
    let w = world().await;
    let beheerder = principal(&w, "beheerder@demo.koers.nl").await;
    let t = trajectory(&w, "leren-verbeteren-npo", 1).await;
    let actor = Actor::system("test");
    let day = Date::of_instant(NOW - 20 * 86_400);
    let entry = NewTimeEntry {
        trajectory_id: t.id,
        expert_id: t.expert_id,
        date: day,
        dagdelen: 8,
        measure_id: None,
        activity: ActivityType::Studiedag,
        note: String::new(),
        expected_spent: 0,
    };
    ok(w.store.log_time(&entry, &actor, NOW - 20 * 86_400).await);
    let period = ok(koers_app::dagdelen::money::period("", "", day));
    let sid = SchoolId::new(t.school_id.unwrap_or_default().get());
    let (_, bytes) = ok(w.app.cost_overview_pdf(&beheerder, &actor, sid, period, day, NOW).await);
    let text = text_of(&ok(koers_reports::extract::pdf_text_layout(&bytes)));
    assert!(text.contains("Kostenoverzicht") && text.contains(&searchable(&school_name(&w, &t).await)), "{text}");
    assert!(text.contains("Totaal 8 € 4.572,00 € 2.286,00 € 2.286,00"), "{text}");

    let xlsx = ok(w.app.programme_monitor(&beheerder, &actor, Date::of_instant(REPORT_DAY), NOW).await);
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = ok(Xlsx::new(std::io::Cursor::new(xlsx)));
    let range = ok(book.worksheet_range("Trajecten"));
    let all = ok(w.store.list_trajectories(&TrajectoryFilter::default()).await);
    assert_eq!(range.height(), all.len() + 1, "a row per trajectory");
    let cells: Vec<String> = range.rows().flat_map(|r| r.iter().map(ToString::to_string)).collect();
    assert!(cells.iter().any(|c| c == "niet op koers"), "op koers per trajectory");
    assert!(cells.iter().any(|c| c == "Doelen behaald"));
    // Not for a school leader.
    let leader = principal(&w, "schoolleider@demo.koers.nl").await;
    assert!(matches!(w.app.programme_monitor(&leader, &actor, day, NOW).await, Err(Error::Forbidden)));
}
