//! The roles' part of the programme workflow: the bestuurder decides in the app from the task
//! on `/home`, the applicant sees the outcome and reason, trajectory pages per role, and the
//! admin pages for the expert pool and the programme definitions.

mod auth_support;

use auth_support::{BOARD_X, BOARD_Y, PASSWORD, Who, World, eligible_school, password_hash, world};
use koers_app::applications::{ApplicationInput, state_of};
use koers_app::store::{
    Actor, ApplicationRecord, ApplicationStateWrite, Assignment, ExpertWrite, NewTrajectory, NewUser,
};
use koers_core::access::{Grant, RoleKind, Scope};
use koers_core::ids::{BoardNumber, SchoolId, UserId};
use koers_core::programme::ProgrammeRules;
use koers_core::workflow::Status;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

async fn apply(w: &World, school: i64) -> ApplicationRecord {
    let input = ApplicationInput {
        own_calculation: None,
        programme_id: "gwgb-plus-school".into(),
        school_id: Some(SchoolId::new(school)),
        board_number: None,
        contact_name: "Dana Directeur".into(),
        contact_email: "contact@school-d.nl".into(),
        contact_phone: None,
        help_question: "Wij willen beter leesonderwijs in groep 5 tot en met 8.".into(),
        entry_facts_json: None,
    };
    let s = w
        .state
        .app
        .submit_application(&input, None, &Actor::system("test"), koers_web::auth::now(), "http://koers.test")
        .await;
    let a = ok(s).application;
    assert_eq!(a.status, Status::WachtOpBestuur);
    a
}

/// A user with one grant; returns (user id, session cookie).
async fn user_with(w: &World, email: &str, role: RoleKind, scope: Scope) -> (i64, String) {
    let actor = Actor::system("test");
    let new = NewUser {
        email: koers_core::email::Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
        name: email.into(),
        password_hash: password_hash(),
        locale: "nl".into(),
    };
    let u = ok(w.store().create_user(&new, &actor, 1).await);
    ok(w.store().add_grant(u.id, &ok(Grant::new(role, scope)), &actor, 1).await);
    let r = w.login_raw(email, PASSWORD).await;
    (u.id.get(), r.session_cookie().unwrap_or_else(|| panic!("login {email}: {}", r.body)))
}

#[tokio::test]
async fn the_board_decides_in_the_app_from_the_home_task() {
    let w = world().await;
    let d = eligible_school(&w).await;
    let a = apply(&w, d).await;
    let board = w.session(Who::BestuurderX).await;

    let home = w.get("/home", board.as_deref()).await;
    assert_eq!(home.status, 200, "{}", home.body);
    assert!(home.body.contains("Goedkeuring gevraagd"), "{}", home.body);
    assert!(home.body.contains(&a.reference.to_string()) && home.body.contains("School D"));
    let action = format!("/bestuur/{BOARD_X}/aanmeldingen/{}/besluit", a.id);
    assert!(home.body.contains(&action), "{}", home.body);

    // Declining needs a reason: 422 with the message next to the field.
    let v = a.version.to_string();
    let res = w.post_form(&action, board.as_deref(), &[("besluit", "afwijzen"), ("reden", " "), ("version", &v)]).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("vul de reden van de afwijzing in") && res.body.contains("aria-invalid=\"true\""));

    // A bestuurder of another board may not decide.
    let (_, other) =
        user_with(&w, "bestuur-y@test.nl", RoleKind::Bestuurder, Scope::Board(BoardNumber::new(BOARD_Y))).await;
    let res = w.post_form(&action, Some(&other), &[("besluit", "akkoord"), ("version", &v)]).await;
    assert_eq!(res.status, 403, "{}", res.body);
    let other_home = w.get("/home", Some(&other)).await;
    assert!(!other_home.body.contains(&a.reference.to_string()));

    let res = w.post_form(&action, board.as_deref(), &[("besluit", "akkoord"), ("version", &v)]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(res.location().starts_with("/home"));
    let now = ok(w.store().application(a.id).await);
    assert_eq!(now.status, Status::Goedgekeurd);
    let home = w.get(res.location(), board.as_deref()).await;
    assert!(home.body.contains("Je goedkeuring is vastgelegd"), "{}", home.body);
    assert!(!home.body.contains(&action), "the task is done");

    // The same (stale) form again: 409 with a clear message.
    let res = w.post_form(&action, board.as_deref(), &[("besluit", "akkoord"), ("version", &v)]).await;
    assert_eq!(res.status, 409, "{}", res.body);
    assert!(res.body.contains("intussen"), "{}", res.body);
}

#[tokio::test]
async fn the_school_leader_sees_the_outcome_and_the_reason() {
    let w = world().await;
    let d = eligible_school(&w).await;
    let a = apply(&w, d).await;
    let board = w.session(Who::BestuurderX).await;
    let action = format!("/bestuur/{BOARD_X}/aanmeldingen/{}/besluit", a.id);
    let v = a.version.to_string();
    let pairs = [("besluit", "afwijzen"), ("reden", "Eerst de nieuwe methode invoeren."), ("version", &v)];
    let res = w.post_form(&action, board.as_deref(), &pairs).await;
    assert_eq!(res.status, 303, "{}", res.body);

    let (_, leader) = user_with(&w, "leider-d@test.nl", RoleKind::Schoolleider, Scope::School(SchoolId::new(d))).await;
    let page = w.get(&format!("/mijn-school/{d}"), Some(&leader)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(&a.reference.to_string()), "{}", page.body);
    assert!(page.body.contains("niet goedgekeurd door het bestuur"));
    assert!(page.body.contains("Eerst de nieuwe methode invoeren."));
    assert!(page.body.contains(&format!("/aanmeldingen/{}", a.id)));
    let receipt = w.get(&format!("/aanmeldingen/{}", a.id), Some(&leader)).await;
    assert_eq!(receipt.status, 200, "{}", receipt.body);
    assert!(receipt.body.contains("Eerst de nieuwe methode invoeren."), "{}", receipt.body);
    // Another school's leader sees none of it.
    let other = w.session(Who::LeiderA).await;
    assert_eq!(w.get(&format!("/mijn-school/{d}"), other.as_deref()).await.status, 403);
}

async fn expert(w: &World, user_id: Option<i64>, email: &str) -> koers_core::ids::ExpertId {
    let e = ExpertWrite {
        user_id: user_id.map(koers_core::ids::UserId::new),
        name: format!("Expert {email}"),
        email: email.into(),
        expertise: vec!["lezen".into()],
        regions: vec!["Overijssel".into()],
        capacity_trajectories: 4,
        capacity_dagdelen: 32,
        available: true,
        expected_version: None,
    };
    ok(w.store().save_expert(&e, &Actor::system("test"), 1).await).id
}

#[tokio::test]
async fn a_trajectory_is_visible_to_its_expert_and_school_only() {
    let w = world().await;
    let d = eligible_school(&w).await;
    let a = apply(&w, d).await;
    let esther = expert(&w, Some(w.user_id(Who::Expert).await), Who::Expert.email()).await;
    let (other_uid, other_expert) =
        user_with(&w, "expert-2@test.nl", RoleKind::Expert, Scope::Programme("gwgb-plus-school".into())).await;
    expert(&w, Some(other_uid), "expert-2@test.nl").await;

    let mut st = ok(state_of(&a));
    st.status = Status::Gekoppeld;
    st.expert_id = Some(esther);
    let assignment = Assignment {
        application_id: a.id,
        state: ApplicationStateWrite {
            expected_version: a.version,
            state_json: ok(serde_json::to_string(&st)),
            status: Status::Gekoppeld,
            action: "expert_assigned".into(),
        },
        trajectory: NewTrajectory {
            expert_id: esther,
            phases_json: r#"["Zelfevaluatie","Situatie in kaart","Verbeterplan"]"#.into(),
            dagdelen_planned: 12,
        },
        capacity_override: None,
    };
    let (_, t) = ok(w.store().assign_expert(&assignment, &Actor::system("test"), 20).await);
    let url = format!("/trajecten/{}", t.id);

    let es = w.session(Who::Expert).await;
    let page = w.get(&url, es.as_deref()).await;
    assert_eq!(page.status, 200, "{}", page.body);
    for text in ["School D", "Zelfevaluatie", "Situatie in kaart", "Verbeterplan", "huidige fase", "0 van 3"] {
        assert!(page.body.contains(text), "trajectory page lacks {text}: {}", page.body);
    }
    let home = w.get("/home", es.as_deref()).await;
    assert!(home.body.contains(&url), "{}", home.body);
    assert!(!home.body.contains("Je hebt nog geen trajecten"));

    let (_, leader) = user_with(&w, "leider-d@test.nl", RoleKind::Schoolleider, Scope::School(SchoolId::new(d))).await;
    assert_eq!(w.get(&url, Some(&leader)).await.status, 200);
    assert!(w.get("/home", Some(&leader)).await.body.contains(&url));
    assert!(w.get(&format!("/aanmeldingen/{}", a.id), Some(&leader)).await.body.contains(&url));
    for who in [Who::BestuurderX, Who::Programma, Who::Beheerder] {
        let c = w.session(who).await;
        assert_eq!(w.get(&url, c.as_deref()).await.status, 200, "{who:?}");
    }
    assert_eq!(w.get(&url, Some(&other_expert)).await.status, 403);
    let leader_a = w.session(Who::LeiderA).await;
    assert_eq!(w.get(&url, leader_a.as_deref()).await.status, 403);
}

const NEW_EXPERT: [(&str, &str); 8] = [
    ("naam", "Iris Inzet"),
    ("email", "iris@experts.nl"),
    ("account", ""),
    ("expertise", "lezen, rekenen"),
    ("regios", "overijssel, Gelderland"),
    ("trajecten", "3"),
    ("dagdelen", "24"),
    ("beschikbaar", "1"),
];

#[tokio::test]
async fn programme_staff_manage_the_expert_pool() {
    let w = world().await;
    let staff = w.session(Who::Programma).await;
    let bad = [("naam", ""), ("email", "x"), ("regios", "Atlantis"), ("trajecten", "veel"), ("dagdelen", "1")];
    let res = w.post_form("/beheer/experts/nieuw", staff.as_deref(), &bad).await;
    assert_eq!(res.status, 422, "{}", res.body);
    for text in ["vul de naam in", "vul een geldig e-mailadres in", "onbekende provincie: Atlantis", "heel getal"] {
        assert!(res.body.contains(text), "{text}: {}", res.body);
    }
    assert!(res.body.contains("value=\"Atlantis\""), "the typed value is kept");

    let res = w.post_form("/beheer/experts/nieuw", staff.as_deref(), &NEW_EXPERT).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let url = res.location().split('?').next().unwrap_or_default().to_owned();
    let list = w.get("/beheer/experts", staff.as_deref()).await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("Iris Inzet") && list.body.contains("Overijssel, Gelderland"), "{}", list.body);
    assert!(list.body.contains("0 van 3 trajecten, 0 van 24 dagdelen"), "{}", list.body);
    assert_eq!(w.post_form("/beheer/experts/nieuw", staff.as_deref(), &NEW_EXPERT).await.status, 422, "duplicate");

    // Edit: the e-mail of an expert without a login stays as it is (and the form says so).
    let form = w.get(&url, staff.as_deref()).await;
    assert!(form.body.contains("readonly") && form.body.contains("geen account"), "{}", form.body);
    let mut edit: Vec<(&str, &str)> = NEW_EXPERT.to_vec();
    edit[0] = ("naam", "Iris Inzet-Smit");
    edit[1] = ("email", "ander@experts.nl");
    edit.push(("version", "1"));
    let res = w.post_form(&url, staff.as_deref(), &edit).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let all = ok(w.store().list_experts().await);
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].name.as_str(), all[0].email.as_str()), ("Iris Inzet-Smit", "iris@experts.nl"));

    // The same form again (version 1 is stale now): 409, their values shown, ours kept.
    edit[0] = ("naam", "Iris Oud");
    let res = w.post_form(&url, staff.as_deref(), &edit).await;
    assert_eq!(res.status, 409, "{}", res.body);
    assert!(res.body.contains("Iemand anders heeft deze expert intussen gewijzigd"));
    assert!(res.body.contains("Iris Inzet-Smit") && res.body.contains("value=\"Iris Oud\""));

    // Staff cannot link an account through the form (issue 11 item 7): an `account` field is
    // ignored, nothing is looked up; linking goes by invitation (tests/expert_invitation.rs).
    edit[0] = ("naam", "Iris Inzet-Smit");
    edit[2] = ("account", Who::Expert.email());
    *edit.last_mut().unwrap_or_else(|| panic!()) = ("version", "2");
    let res = w.post_form(&url, staff.as_deref(), &edit).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(w.store().expert_by_user(UserId::new(w.user_id(Who::Expert).await)).await.is_err(), "not linked");
    assert!(!w.get(&url, staff.as_deref()).await.body.contains("name=\"account\""), "no account field");

    // Not for experts or schools.
    let es = w.session(Who::Expert).await;
    assert_eq!(w.get("/beheer/experts", es.as_deref()).await.status, 403);
}

#[tokio::test]
async fn the_beheerder_edits_programme_definitions() {
    let w = world().await;
    let admin = w.session(Who::Beheerder).await;
    let list = w.get("/beheer/programmas", admin.as_deref()).await;
    assert_eq!(list.status, 200, "{}", list.body);
    let shipped = ok(ProgrammeRules::shipped());
    let stored = ok(w.store().programme_definitions().await);
    assert_eq!(stored.len(), shipped.len());
    assert!(list.body.contains("/beheer/programmas/gwgb-plus-school"), "{}", list.body);
    let audit = w.audit(koers_app::store::AuditFilter::default()).await;
    assert!(!audit.is_empty());
    // A second visit seeds nothing more.
    w.get("/beheer/programmas", admin.as_deref()).await;
    assert_eq!(ok(w.store().programme_definitions().await).len(), shipped.len());

    let url = "/beheer/programmas/gwgb-plus-school";
    let d = ok(w.store().programme_definition("gwgb-plus-school").await);
    let page = w.get(url, admin.as_deref()).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<textarea") && page.body.contains("board_approval"), "{}", page.body);

    // Invalid TOML: 422, a Dutch message naming the field, the text kept.
    let broken = format!("{}\nonzin = 3\n", d.definition_toml);
    let v = d.version.to_string();
    let res = w.post_form(url, admin.as_deref(), &[("toml", &broken), ("actief", "1"), ("version", &v)]).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("onzin") && res.body.contains("De definitie klopt niet"), "{}", res.body);
    assert!(res.body.contains("onzin = 3"), "the text is kept");

    let renamed: String = d
        .definition_toml
        .lines()
        .map(|l| if l.starts_with("name = ") { "name = \"GWGB+ (nieuw)\"".to_owned() } else { l.to_owned() })
        .collect::<Vec<_>>()
        .join("\n");
    let res = w.post_form(url, admin.as_deref(), &[("toml", &renamed), ("actief", "1"), ("version", &v)]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let after = ok(w.store().programme_definition("gwgb-plus-school").await);
    assert_eq!(after.name, "GWGB+ (nieuw)");
    assert_eq!(after.version, d.version + 1);

    // Stale version: 409.
    let res = w.post_form(url, admin.as_deref(), &[("toml", &renamed), ("actief", "1"), ("version", &v)]).await;
    assert_eq!(res.status, 409, "{}", res.body);
    assert!(res.body.contains("Iemand anders heeft dit programma intussen gewijzigd"));

    // A new programme: its id must not exist yet.
    let res = w.post_form("/beheer/programmas/nieuw", admin.as_deref(), &[("toml", &renamed)]).await;
    assert_eq!(res.status, 422, "{}", res.body);
    let fresh = renamed.replace("gwgb-plus-school", "gwgb-test");
    let res = w.post_form("/beheer/programmas/nieuw", admin.as_deref(), &[("toml", &fresh), ("actief", "1")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(ok(w.store().programme_definition("gwgb-test").await).active);

    // Staff may not.
    let staff = w.session(Who::Programma).await;
    assert_eq!(w.get("/beheer/programmas", staff.as_deref()).await.status, 403);
}
