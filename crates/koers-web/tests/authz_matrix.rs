//! The authorization matrix: EVERY route of the router × {anonymous, beheerder,
//! programmamedewerker of programme A, programmamedewerker of programme B, expert, schoolleider
//! of school A, bestuurder of board X}, in-process against a seeded SQLite store. The routes of
//! one application or trajectory are in it twice: with an id that does not exist and with a real
//! case of programme A, which staff of programme B may not read or change.
//!
//! The route list is read from the router's own sources: every `.route("…", …)` call under
//! `src/` (with its methods) plus every path of the OpenAPI spec (utoipa-axum registers each API
//! route together with its spec entry). A route added to the router but not to [`table`] fails
//! [`every_route_is_in_the_matrix`]; a row for a route that no longer exists fails it too.

mod auth_support;

use auth_support::{BOARD_X, BOARD_Y, Who, World, browser, case_of_programme_a, world};
use axum::body::Body;
use koers_core::ids::{BoardNumber, SchoolId, UserId};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Expected status per [`Who::ALL`] order: anonymous, beheerder, programma (staff of programme
/// A, GWGB+), programma B (staff of programme B, Leren verbeteren NPO), expert, leider A,
/// bestuurder X. 303 for anonymous HTML = redirect to the login page.
type Expect = [u16; 7];
const PUBLIC: Expect = [200; 7];
const LOGGED_IN: Expect = [303, 200, 200, 200, 200, 200, 200];
const ADMIN_ONLY: Expect = [303, 200, 403, 403, 403, 403, 403];
// programme staff (programmamedewerker and beheerder); `_404` for an application that does not exist
const STAFF: Expect = [303, 200, 200, 200, 403, 403, 403];
const STAFF_404: Expect = [303, 404, 404, 404, 403, 403, 403];
// a trajectory that does not exist: the login first, then 404 for everyone (HTML and API)
const NONE_404: Expect = [303, 404, 404, 404, 404, 404, 404];
const API_404: Expect = [401, 404, 404, 404, 404, 404, 404];
const T_FORM: &str = "/trajecten/999999/formulieren/zelfevaluatie-po";

struct Row {
    method: &'static str,
    /// The route as registered (`/mijn-school/{id}`).
    route: &'static str,
    uri: String,
    /// Form body for POSTs (`application/x-www-form-urlencoded`), or JSON for the API.
    body: &'static str,
    expect: Expect,
}

fn row(method: &'static str, route: &'static str, uri: impl Into<String>, body: &'static str, expect: Expect) -> Row {
    Row { method, route, uri: uri.into(), body, expect }
}

/// A running GWGB+ trajectory at school C (board X) with [`Who::Expert`] assigned and one
/// dagdeel logged: (trajectory id, expert id). Set up at the edge, like the CLI would.
async fn dagdelen_case(w: &World) -> (koers_core::ids::TrajectoryId, koers_core::ids::ExpertId) {
    use koers_app::store::{
        Actor, ApplicationStateWrite, Assignment, ExpertWrite, NewApplication, NewTimeEntry, NewTrajectory,
    };
    use koers_core::workflow::Status;
    fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
        r.unwrap_or_else(|e| panic!("{e}"))
    }
    let actor = Actor::system("test");
    let now = koers_web::auth::now();
    let new = NewApplication {
        programme_id: "gwgb-plus-school".into(),
        school_id: Some(SchoolId::new(w.ids.school_c)),
        board_number: Some(BoardNumber::new(BOARD_X)),
        contact_name: "Cas Contact".into(),
        contact_email: "contact@school-c.nl".into(),
        contact_phone: None,
        help_question: "Lezen.".into(),
        eligibility_json: None,
        entry_facts_json: None,
        state_json: ok(serde_json::to_string(&koers_core::workflow::Application::submitted(false))),
        status: Status::Ingediend,
        submitted_by: None,
    };
    let a = ok(w.store().create_application(&new, &actor, now - 100).await);
    let e = ExpertWrite {
        user_id: Some(UserId::new(w.user_id(Who::Expert).await)),
        name: "Esther Expert".into(),
        email: Who::Expert.email().into(),
        expertise: vec!["lezen".into()],
        regions: vec!["Overijssel".into()],
        capacity_trajectories: 4,
        capacity_dagdelen: 32,
        available: true,
        expected_version: None,
    };
    // Esther may be in the pool already (`case_of_programme_a`): one expert per account.
    let expert = match w.store().expert_by_user(UserId::new(w.user_id(Who::Expert).await)).await {
        Ok(x) => x.id,
        Err(_) => ok(w.store().save_expert(&e, &actor, now - 90).await).id,
    };
    let assignment = Assignment {
        application_id: a.id,
        state: ApplicationStateWrite {
            expected_version: a.version,
            state_json: ok(serde_json::to_string(&koers_core::workflow::Application {
                status: Status::Gekoppeld,
                expert_id: Some(expert),
                ..koers_core::workflow::Application::submitted(false)
            })),
            status: Status::Gekoppeld,
            action: "expert_assigned".into(),
        },
        trajectory: NewTrajectory { expert_id: expert, phases_json: r#"["Intake"]"#.into(), dagdelen_planned: 8 },
        capacity_override: None,
    };
    let t = ok(w.store().assign_expert(&assignment, &actor, now - 80).await).1;
    let entry = NewTimeEntry {
        trajectory_id: t.id,
        expert_id: expert,
        date: koers_core::calendar::Date::of_instant(now - 70),
        dagdelen: 1,
        measure_id: None,
        activity: koers_core::plan::ActivityType::Studiedag,
        note: String::new(),
        expected_spent: 0,
    };
    ok(w.store().log_time(&entry, &actor, now - 70).await);
    (t.id, expert)
}

/// A board's NPO request (programme B) for school A of board X, one open line: (request, line).
async fn board_request_case(w: &World) -> (koers_core::ids::BoardRequestId, i64) {
    use koers_app::store::{Actor, NewBoardRequest, NewBoardRequestLine, NewMail};
    let request = NewBoardRequest {
        programme_id: "leren-verbeteren-npo".into(),
        board_number: BoardNumber::new(BOARD_X),
        contact_name: "Bo Bestuur".into(),
        contact_email: "bo@bestuur-x.nl".into(),
        contact_phone: None,
        help_question: "Dalende resultaten.".into(),
        submitted_by: None,
        lines: vec![NewBoardRequestLine {
            school_id: SchoolId::new(w.ids.school_a),
            entry_facts_json: None,
            eligibility_json: None,
        }],
    };
    let mail = NewMail { to_address: "bo@bestuur-x.nl".into(), subject: "s".into(), body_text: "b".into() };
    let r = w
        .store()
        .create_board_request(&request, &mail, &Actor::system("test"), koers_web::auth::now())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (r.id, r.lines[0].id)
}

/// The rows; `app_a` and `traj_a` are the application and trajectory of [`case_of_programme_a`].
async fn table(w: &World, app_a: koers_core::ids::ApplicationId, traj_a: koers_core::ids::TrajectoryId) -> Vec<Row> {
    let (a, b, c) = (w.ids.school_a, w.ids.school_b, w.ids.school_c);
    let (case, expert_id) = dagdelen_case(w).await;
    let (board_request, line) = board_request_case(w).await;
    let expert = w.user_id(Who::Expert).await;
    // Esther Expert's record in the pool (linked to the expert account by `case_of_programme_a`).
    let esther = w.store().expert_by_user(UserId::new(expert)).await.map(|e| e.id).unwrap_or_else(|e| panic!("{e}"));
    let css = koers_web::assets::url("koers.css");
    let school_post = "naam=&version=1";
    vec![
        // ---- public pages and API (web-public) --------------------------------------------
        row("GET", "/", "/", "", PUBLIC),
        row("GET", "/scholen", "/scholen?q=School", "", PUBLIC),
        row("GET", "/scholen/{id}", format!("/scholen/{b}"), "", PUBLIC),
        row("GET", "/check", "/check", "", PUBLIC),
        row("POST", "/check", "/check", "", [422; 7]),
        row("GET", "/taal/{code}", "/taal/en?terug=%2F", "", [303; 7]),
        row("GET", "/check/waarden", "/check/waarden", "", PUBLIC),
        // ---- the start page "Welke ondersteuning past bij ons?" (public) -------------------
        row("GET", "/welke-ondersteuning", "/welke-ondersteuning?q=School", "", PUBLIC),
        row("GET", "/welke-ondersteuning", "/welke-ondersteuning?bestuur=abc", "", [422; 7]),
        row("GET", "/welke-ondersteuning/school/{id}", format!("/welke-ondersteuning/school/{b}"), "", PUBLIC),
        row(
            "GET",
            "/welke-ondersteuning/school/{id}",
            format!("/welke-ondersteuning/school/{a}?beantwoord=1"),
            "",
            PUBLIC,
        ),
        row("GET", "/welke-ondersteuning/school/{id}", "/welke-ondersteuning/school/999999", "", [404; 7]),
        row("GET", "/welke-ondersteuning/bestuur/{nr}", format!("/welke-ondersteuning/bestuur/{BOARD_X}"), "", PUBLIC),
        row(
            "GET",
            "/welke-ondersteuning/bestuur/{nr}",
            format!("/welke-ondersteuning/bestuur/{BOARD_X}?beantwoord=1&assessment_year=1800"),
            "",
            [422; 7],
        ),
        row("GET", "/welke-ondersteuning/bestuur/{nr}", "/welke-ondersteuning/bestuur/999999", "", [404; 7]),
        row("GET", "/health", "/health", "", PUBLIC),
        row("GET", "/ready", "/ready", "", PUBLIC),
        // Only with the metrics token (none configured here) or on the internal listener.
        row("GET", "/metrics", "/metrics", "", [404; 7]),
        row("GET", "/static/{version}/{file}", css, "", PUBLIC),
        // the installation's theme (no logo configured in this world: 404 for everyone)
        row("GET", "/thema/{version}/thema.css", koers_web::theme::Theme::default().css_url(), "", PUBLIC),
        row("GET", "/thema/{version}/logo", "/thema/0/logo", "", [404; 7]),
        row("GET", "/api/openapi.json", "/api/openapi.json", "", PUBLIC),
        row("GET", "/api/v1/schools", "/api/v1/schools?q=School", "", PUBLIC),
        row("GET", "/api/v1/schools/{id}", format!("/api/v1/schools/{b}"), "", PUBLIC),
        row("GET", "/api/v1/schools/{id}/results", format!("/api/v1/schools/{b}/results"), "", PUBLIC),
        row("GET", "/api/v1/schools/{id}/eligibility", format!("/api/v1/schools/{b}/eligibility"), "", PUBLIC),
        row("POST", "/api/v1/eligibility", "/api/v1/eligibility", "{}", [422; 7]),
        // ---- login, home, account -----------------------------------------------------------
        row("GET", "/api/v1/me", "/api/v1/me", "", [401, 200, 200, 200, 200, 200, 200]),
        row("GET", "/inloggen", "/inloggen", "", [200, 303, 303, 303, 303, 303, 303]),
        row("POST", "/inloggen", "/inloggen", "email=&wachtwoord=", [422; 7]),
        row("POST", "/uitloggen", "/uitloggen", "", [303; 7]),
        // ---- getting in (issue 10 §5): public, the token is the credential ------------------
        row("GET", "/account-aanvragen", "/account-aanvragen?q=School", "", PUBLIC),
        row("POST", "/account-aanvragen", format!("/account-aanvragen?school={a}"), "naam=", [422; 7]),
        row("GET", "/account-aanvragen/bevestigen/{token}", "/account-aanvragen/bevestigen/vervalst", "", [404; 7]),
        row("POST", "/account-aanvragen/bevestigen/{token}", "/account-aanvragen/bevestigen/vervalst", "", [404; 7]),
        row("GET", "/wachtwoord-vergeten", "/wachtwoord-vergeten", "", PUBLIC),
        row("POST", "/wachtwoord-vergeten", "/wachtwoord-vergeten", "email=geen-adres", [422; 7]),
        row("GET", "/wachtwoord-herstellen/{token}", "/wachtwoord-herstellen/vervalst", "", [404; 7]),
        row("POST", "/wachtwoord-herstellen/{token}", "/wachtwoord-herstellen/vervalst", "wachtwoord=x", [404; 7]),
        // staff of any programme decide (two programmes: tests/getting_in.rs)
        row("GET", "/programma/accountaanvragen", "/programma/accountaanvragen", "", STAFF),
        row("GET", "/programma/accountaanvragen/{id}", "/programma/accountaanvragen/999999", "", STAFF_404),
        row(
            "POST",
            "/programma/accountaanvragen/{id}/besluit",
            "/programma/accountaanvragen/999999/besluit",
            "besluit=goedkeuren&version=1",
            STAFF_404,
        ),
        // sign-in through an OpenID provider (issue 13): the world's provider does not answer
        row("GET", "/inloggen/oidc/{provider}", "/inloggen/oidc/test-idp", "", [503, 303, 303, 303, 303, 303, 303]),
        row("GET", "/inloggen/oidc/{provider}/terug", "/inloggen/oidc/test-idp/terug?state=x&code=y", "", [400; 7]),
        row("GET", "/home", "/home", "", LOGGED_IN),
        row("GET", "/account/tokens", "/account/tokens", "", LOGGED_IN),
        row("POST", "/account/tokens", "/account/tokens", "naam=", [303, 422, 422, 422, 422, 422, 422]),
        row(
            "POST",
            "/account/tokens/{id}/intrekken",
            "/account/tokens/999999/intrekken",
            "",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        // ---- a school's own page: own school, another board's school, own board's school ----
        row("GET", "/mijn-school/{id}", format!("/mijn-school/{a}"), "", [303, 200, 200, 200, 403, 200, 200]),
        row("GET", "/mijn-school/{id}", format!("/mijn-school/{b}"), "", [303, 200, 200, 200, 403, 403, 403]),
        row("GET", "/mijn-school/{id}", format!("/mijn-school/{c}"), "", [303, 200, 200, 200, 403, 403, 200]),
        row("GET", "/mijn-school/{id}", "/mijn-school/999999", "", [303, 404, 404, 404, 404, 404, 404]),
        row("POST", "/mijn-school/{id}", format!("/mijn-school/{a}"), school_post, [303, 422, 403, 403, 403, 422, 422]),
        row("POST", "/mijn-school/{id}", format!("/mijn-school/{b}"), school_post, [303, 422, 403, 403, 403, 403, 403]),
        row("POST", "/mijn-school/{id}", format!("/mijn-school/{c}"), school_post, [303, 422, 403, 403, 403, 403, 422]),
        // ---- board and screening --------------------------------------------------------------
        row("GET", "/bestuur/{nr}", format!("/bestuur/{BOARD_X}"), "", [303, 200, 200, 200, 403, 403, 200]),
        row("GET", "/bestuur/{nr}", format!("/bestuur/{BOARD_Y}"), "", [303, 200, 200, 200, 403, 403, 403]),
        row("GET", "/programma/screening", "/programma/screening", "", [303, 200, 200, 200, 403, 403, 403]),
        // ---- Inspectie verdicts: staff record, the school and its board declare ---------------
        row(
            "GET",
            "/mijn-school/{id}/oordelen",
            format!("/mijn-school/{a}/oordelen"),
            "",
            [303, 200, 200, 200, 403, 200, 200],
        ),
        row(
            "GET",
            "/mijn-school/{id}/oordelen",
            format!("/mijn-school/{b}/oordelen"),
            "",
            [303, 200, 200, 200, 403, 403, 403],
        ),
        row(
            "GET",
            "/mijn-school/{id}/oordelen",
            "/mijn-school/999999/oordelen",
            "",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        row(
            "POST",
            "/mijn-school/{id}/oordelen",
            format!("/mijn-school/{a}/oordelen"),
            "datum=",
            [303, 422, 422, 422, 403, 422, 422],
        ),
        row(
            "POST",
            "/mijn-school/{id}/oordelen",
            format!("/mijn-school/{b}/oordelen"),
            "datum=",
            [303, 422, 422, 422, 403, 403, 403],
        ),
        row(
            "GET",
            "/bestuur/{nr}/oordelen",
            format!("/bestuur/{BOARD_X}/oordelen"),
            "",
            [303, 200, 200, 200, 403, 403, 200],
        ),
        row(
            "GET",
            "/bestuur/{nr}/oordelen",
            format!("/bestuur/{BOARD_Y}/oordelen"),
            "",
            [303, 200, 200, 200, 403, 403, 403],
        ),
        row(
            "POST",
            "/bestuur/{nr}/oordelen",
            format!("/bestuur/{BOARD_X}/oordelen"),
            "datum=",
            [303, 422, 422, 422, 403, 403, 422],
        ),
        row(
            "POST",
            "/bestuur/{nr}/oordelen",
            format!("/bestuur/{BOARD_Y}/oordelen"),
            "datum=",
            [303, 422, 422, 422, 403, 403, 403],
        ),
        row(
            "POST",
            "/oordelen/{id}/bevestigen",
            "/oordelen/999999/bevestigen",
            "version=1",
            [303, 404, 404, 404, 403, 403, 403],
        ),
        // Changing and deleting a verdict: programme staff (of any programme) and beheerders.
        row("GET", "/oordelen/{id}/wijzigen", "/oordelen/999999/wijzigen", "", STAFF_404),
        row("POST", "/oordelen/{id}/wijzigen", "/oordelen/999999/wijzigen", "version=1&datum=", STAFF_404),
        row("POST", "/oordelen/{id}/verwijderen", "/oordelen/999999/verwijderen", "version=1&zeker=ja", STAFF_404),
        // The map of a programme's schools: staff of THAT programme (the programmamedewerker here
        // has gwgb-plus-school, not NPO) and beheerders.
        row(
            "GET",
            "/programma/kaart/{programma}",
            "/programma/kaart/gwgb-plus-school",
            "",
            [303, 200, 200, 403, 403, 403, 403],
        ),
        row(
            "GET",
            "/programma/kaart/{programma}",
            "/programma/kaart/leren-verbeteren-npo",
            "",
            [303, 200, 403, 200, 403, 403, 403],
        ),
        row(
            "GET",
            "/programma/kaart/{programma}",
            "/programma/kaart/bestaat-niet",
            "",
            [303, 404, 403, 403, 403, 403, 403],
        ),
        // ---- beheer ---------------------------------------------------------------------------
        row("GET", "/beheer/gebruikers", "/beheer/gebruikers", "", ADMIN_ONLY),
        row("GET", "/beheer/gebruikers/nieuw", "/beheer/gebruikers/nieuw", "", ADMIN_ONLY),
        row("POST", "/beheer/gebruikers/nieuw", "/beheer/gebruikers/nieuw", "", [303, 422, 403, 403, 403, 403, 403]),
        row("GET", "/beheer/gebruikers/{id}", format!("/beheer/gebruikers/{expert}"), "", ADMIN_ONLY),
        row(
            "POST",
            "/beheer/gebruikers/{id}",
            format!("/beheer/gebruikers/{expert}"),
            "naam=&version=1",
            [303, 422, 403, 403, 403, 403, 403],
        ),
        row(
            "POST",
            "/beheer/gebruikers/{id}/rollen",
            format!("/beheer/gebruikers/{expert}/rollen"),
            "rol=",
            [303, 422, 403, 403, 403, 403, 403],
        ),
        row(
            "POST",
            "/beheer/gebruikers/{id}/rollen/{grant}/verwijderen",
            format!("/beheer/gebruikers/{expert}/rollen/999999/verwijderen"),
            "",
            [303, 404, 403, 403, 403, 403, 403],
        ),
        // ---- AVG: a person's data and erasure (issue 12) ----
        row("GET", "/beheer/gebruikers/{id}/gegevens", format!("/beheer/gebruikers/{expert}/gegevens"), "", ADMIN_ONLY),
        row(
            "GET",
            "/beheer/gebruikers/{id}/gegevens.json",
            format!("/beheer/gebruikers/{expert}/gegevens.json"),
            "",
            ADMIN_ONLY,
        ),
        row("GET", "/beheer/gebruikers/{id}/wissen", format!("/beheer/gebruikers/{expert}/wissen"), "", ADMIN_ONLY),
        // AVG of external reviewers (no account): found by address, sent in POST bodies only.
        row("GET", "/beheer/reviewers", "/beheer/reviewers", "", ADMIN_ONLY),
        row("POST", "/beheer/reviewers", "/beheer/reviewers", "email=", [303, 422, 403, 403, 403, 403, 403]),
        row(
            "POST",
            "/beheer/reviewers/gegevens.json",
            "/beheer/reviewers/gegevens.json",
            "email=niemand%40example.nl",
            [303, 422, 403, 403, 403, 403, 403],
        ),
        row(
            "POST",
            "/beheer/reviewers/wissen",
            "/beheer/reviewers/wissen",
            "email=niemand%40example.nl&bevestig=x",
            [303, 422, 403, 403, 403, 403, 403],
        ),
        row(
            "POST",
            "/beheer/gebruikers/{id}/wissen",
            format!("/beheer/gebruikers/{expert}/wissen"),
            "bevestig=",
            [303, 422, 403, 403, 403, 403, 403],
        ),
        row("GET", "/beheer/import", "/beheer/import", "", ADMIN_ONLY),
        row("POST", "/beheer/import", "/beheer/import", "", [303, 400, 403, 403, 403, 403, 403]),
        // A stored import's rejected rows, paged (issue 11 item 2).
        row("GET", "/beheer/import/{id}", "/beheer/import/999999", "", [303, 404, 403, 403, 403, 403, 403]),
        row("GET", "/beheer/audit", "/beheer/audit", "", ADMIN_ONLY),
        row("GET", "/beheer/outbox", "/beheer/outbox", "", ADMIN_ONLY),
        // ---- applications: form (may change the school), receipt, board approval by link ----
        row("GET", "/aanmelden", format!("/aanmelden?school={a}"), "", [303, 200, 403, 403, 403, 200, 200]),
        row("GET", "/aanmelden", format!("/aanmelden?school={b}"), "", [303, 200, 403, 403, 403, 403, 403]),
        row("GET", "/aanmelden", format!("/aanmelden?school={c}"), "", [303, 200, 403, 403, 403, 403, 200]),
        row("GET", "/aanmelden", "/aanmelden?school=999999", "", [303, 404, 404, 404, 404, 404, 404]),
        row(
            "POST",
            "/aanmelden",
            format!("/aanmelden?school={a}"),
            "contact_name=",
            [303, 422, 403, 403, 403, 422, 422],
        ),
        row(
            "POST",
            "/aanmelden",
            format!("/aanmelden?school={b}"),
            "contact_name=",
            [303, 422, 403, 403, 403, 403, 403],
        ),
        row("GET", "/aanmeldingen/{id}", "/aanmeldingen/999999", "", [303, 404, 404, 404, 404, 404, 404]),
        // No login: the token is the credential; a forged one is unknown to everyone.
        row("GET", "/goedkeuren/{token}", "/goedkeuren/vervalst", "", [404; 7]),
        row("POST", "/goedkeuren/{token}", "/goedkeuren/vervalst", "besluit=akkoord", [404; 7]),
        // ---- one form per programme (aanmelden?programma=…, ?bestuur=…) ----------------------
        row(
            "GET",
            "/aanmelden",
            format!("/aanmelden?school={a}&programma=gwgb-plus-gespecialiseerd"),
            "",
            [303, 200, 403, 403, 403, 200, 200],
        ),
        row(
            "GET",
            "/aanmelden",
            format!("/aanmelden?school={a}&programma=leren-verbeteren-npo"),
            "",
            [303, 200, 403, 403, 403, 200, 200],
        ),
        row(
            "GET",
            "/aanmelden",
            format!("/aanmelden?school={b}&programma=leren-verbeteren-procesbegeleiding"),
            "",
            [303, 200, 403, 403, 403, 403, 403],
        ),
        row(
            "GET",
            "/aanmelden",
            format!("/aanmelden?school={a}&programma=bestaat-niet"),
            "",
            [303, 404, 403, 403, 403, 404, 404],
        ),
        row(
            "POST",
            "/aanmelden",
            format!("/aanmelden?school={a}&programma=leren-verbeteren-npo"),
            "contact_name=",
            [303, 422, 403, 403, 403, 422, 422],
        ),
        row(
            "POST",
            "/aanmelden",
            format!("/aanmelden?school={b}&programma=gwgb-plus-gespecialiseerd"),
            "contact_name=",
            [303, 422, 403, 403, 403, 403, 403],
        ),
        row("GET", "/aanmelden", format!("/aanmelden?bestuur={BOARD_X}"), "", [303, 200, 403, 403, 403, 403, 200]),
        row(
            "GET",
            "/aanmelden",
            format!("/aanmelden?bestuur={BOARD_Y}&programma=gwgb-plus-bestuur"),
            "",
            [303, 200, 403, 403, 403, 403, 403],
        ),
        row("GET", "/aanmelden", "/aanmelden?bestuur=999999", "", [303, 404, 404, 404, 404, 404, 404]),
        row(
            "POST",
            "/aanmelden",
            format!("/aanmelden?bestuur={BOARD_X}"),
            "contact_name=",
            [303, 422, 403, 403, 403, 403, 422],
        ),
        row(
            "POST",
            "/aanmelden",
            format!("/aanmelden?bestuur={BOARD_Y}"),
            "contact_name=",
            [303, 422, 403, 403, 403, 403, 403],
        ),
        // ---- end one form per programme ----
        // ---- programme staff: inbox, detail, steps, matching, dashboard, exports -------------
        row("GET", "/programma/aanmeldingen", "/programma/aanmeldingen?q=x", "", STAFF),
        row("GET", "/programma/aanmeldingen/{id}", "/programma/aanmeldingen/999999", "", STAFF_404),
        row(
            "POST",
            "/programma/aanmeldingen/{id}/{actie}",
            "/programma/aanmeldingen/999999/plannen",
            "version=1",
            STAFF_404,
        ),
        row(
            "POST",
            "/programma/aanmeldingen/{id}/koppelen",
            "/programma/aanmeldingen/999999/koppelen",
            "version=1&expert=1",
            STAFF_404,
        ),
        row("GET", "/programma/dashboard", "/programma/dashboard", "", STAFF),
        row("GET", "/programma/export/aanmeldingen.csv", "/programma/export/aanmeldingen.csv", "", STAFF),
        row("GET", "/programma/export/aanmeldingen.xlsx", "/programma/export/aanmeldingen.xlsx", "", STAFF),
        row("GET", "/programma/export/trajecten.csv", "/programma/export/trajecten.csv", "", STAFF),
        row("GET", "/programma/export/trajecten.xlsx", "/programma/export/trajecten.xlsx", "", STAFF),
        // ---- end programme staff ----
        // ---- roles workflow: board decision in the app, trajectories, expert pool, programmes ----
        row(
            "POST",
            "/bestuur/{nr}/aanmeldingen/{id}/besluit",
            format!("/bestuur/{BOARD_X}/aanmeldingen/999999/besluit"),
            "besluit=akkoord&version=1",
            [303, 404, 403, 403, 403, 403, 404],
        ),
        row(
            "POST",
            "/bestuur/{nr}/aanmeldingen/{id}/besluit",
            format!("/bestuur/{BOARD_Y}/aanmeldingen/999999/besluit"),
            "besluit=akkoord&version=1",
            [303, 404, 403, 403, 403, 403, 403],
        ),
        row("GET", "/trajecten/{id}", "/trajecten/999999", "", [303, 404, 404, 404, 404, 404, 404]),
        // Withdrawing: 404 for an application that does not exist; the role check on a real
        // one (whoever may change its school or board) is in tests/withdraw.rs.
        row(
            "POST",
            "/aanmeldingen/{id}/intrekken",
            "/aanmeldingen/999999/intrekken",
            "reden=x&versie=1",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        // Ending: 404 for a trajectory that does not exist; the role check on a real one (staff of
        // its programme and beheerders only) is in tests/trajectory_end.rs.
        row(
            "POST",
            "/trajecten/{id}/beeindigen",
            "/trajecten/999999/beeindigen",
            "reden=x&versie=1",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        // ---- a trajectory's forms (issue 8): 404 for a trajectory that does not exist; the role
        // checks on a real one (every role, the school's team, staff of two programmes, another
        // expert) are in tests/authz_forms.rs.
        row("GET", "/trajecten/{id}/formulieren/{format}", T_FORM, "", NONE_404),
        row(
            "POST",
            "/trajecten/{id}/formulieren/{format}/items/{item}",
            format!("{T_FORM}/items/op1-rubric"),
            "score=3&versie=0",
            NONE_404,
        ),
        row(
            "POST",
            "/trajecten/{id}/formulieren/{format}/items/{item}/opmerkingen",
            format!("{T_FORM}/items/op1-rubric/opmerkingen"),
            "opmerking=x",
            NONE_404,
        ),
        row(
            "POST",
            "/trajecten/{id}/formulieren/{format}/items/{item}/bezoeken",
            format!("{T_FORM}/items/op3-klassenbezoeken/bezoeken"),
            "groep=5",
            NONE_404,
        ),
        row(
            "POST",
            "/trajecten/{id}/formulieren/{format}/items/{item}/bestanden",
            format!("{T_FORM}/items/op1-bewijs/bestanden"),
            "",
            NONE_404,
        ),
        row(
            "GET",
            "/trajecten/{id}/formulieren/{format}/bestanden/{upload}",
            format!("{T_FORM}/bestanden/1"),
            "",
            NONE_404,
        ),
        row(
            "POST",
            "/trajecten/{id}/formulieren/{format}/bestanden/{upload}/verwijderen",
            format!("{T_FORM}/bestanden/1/verwijderen"),
            "",
            NONE_404,
        ),
        row(
            "POST",
            "/trajecten/{id}/formulieren/{format}/indienen",
            format!("{T_FORM}/indienen"),
            "versie=1",
            NONE_404,
        ),
        row(
            "POST",
            "/trajecten/{id}/formulieren/{format}/bevestigen",
            format!("{T_FORM}/bevestigen"),
            "versie=1",
            NONE_404,
        ),
        row("GET", "/trajecten/{id}/formulieren/{format}/resultaat", format!("{T_FORM}/resultaat"), "", NONE_404),
        row("GET", "/api/v1/formats", "/api/v1/formats", "", [401, 200, 200, 200, 200, 200, 200]),
        row("GET", "/api/v1/formats/{id}", "/api/v1/formats/zelfevaluatie-po", "", [401, 200, 200, 200, 200, 200, 200]),
        row("GET", "/api/v1/formats/{id}", "/api/v1/formats/bestaat-niet", "", [401, 404, 404, 404, 404, 404, 404]),
        row(
            "GET",
            "/api/v1/trajectories/{id}/forms/{format}",
            "/api/v1/trajectories/999999/forms/zelfevaluatie-po",
            "",
            API_404,
        ),
        row(
            "PUT",
            "/api/v1/trajectories/{id}/forms/{format}/items/{item}",
            "/api/v1/trajectories/999999/forms/zelfevaluatie-po/items/op1-rubric",
            r#"{"version":0}"#,
            API_404,
        ),
        row(
            "POST",
            "/api/v1/trajectories/{id}/forms/{format}/submit",
            "/api/v1/trajectories/999999/forms/zelfevaluatie-po/submit",
            r#"{"version":1}"#,
            API_404,
        ),
        // ---- formats as data (beheerders) and the school's team (its leader, a beheerder) ----
        row("GET", "/beheer/formats", "/beheer/formats", "", ADMIN_ONLY),
        row("GET", "/beheer/formats/nieuw", "/beheer/formats/nieuw", "", ADMIN_ONLY),
        row("POST", "/beheer/formats/nieuw", "/beheer/formats/nieuw", "toml=", [303, 422, 403, 403, 403, 403, 403]),
        row("GET", "/beheer/formats/{id}", "/beheer/formats/review", "", ADMIN_ONLY),
        row("GET", "/beheer/formats/{id}", "/beheer/formats/bestaat-niet", "", [303, 404, 403, 403, 403, 403, 403]),
        row(
            "POST",
            "/beheer/formats/{id}",
            "/beheer/formats/review",
            "toml=id%3D1&gezien=1",
            [303, 422, 403, 403, 403, 403, 403],
        ),
        row("GET", "/mijn-school/{id}/team", format!("/mijn-school/{a}/team"), "", [303, 200, 403, 403, 403, 200, 403]),
        row("GET", "/mijn-school/{id}/team", format!("/mijn-school/{b}/team"), "", [303, 200, 403, 403, 403, 403, 403]),
        row(
            "POST",
            "/mijn-school/{id}/team",
            format!("/mijn-school/{a}/team"),
            "naam=&email=",
            [303, 422, 403, 403, 403, 422, 403],
        ),
        row(
            "POST",
            "/mijn-school/{id}/team/{user}/verwijderen",
            format!("/mijn-school/{a}/team/999999/verwijderen"),
            "",
            [303, 404, 403, 403, 403, 404, 403],
        ),
        row("GET", "/beheer/experts", "/beheer/experts", "", [303, 200, 200, 200, 403, 403, 403]),
        row("GET", "/beheer/experts/nieuw", "/beheer/experts/nieuw", "", [303, 200, 200, 200, 403, 403, 403]),
        row("POST", "/beheer/experts/nieuw", "/beheer/experts/nieuw", "naam=", [303, 422, 422, 422, 403, 403, 403]),
        row("GET", "/beheer/experts/{id}", "/beheer/experts/999999", "", [303, 404, 404, 404, 403, 403, 403]),
        row("POST", "/beheer/experts/{id}", "/beheer/experts/999999", "version=1", [303, 404, 404, 404, 403, 403, 403]),
        row(
            "GET",
            "/beheer/experts/{id}/inzet",
            "/beheer/experts/999999/inzet",
            "",
            [303, 404, 404, 404, 403, 403, 403],
        ),
        row(
            "POST",
            "/beheer/experts/{id}/inzet",
            "/beheer/experts/999999/inzet",
            "version=1",
            [303, 404, 404, 404, 403, 403, 403],
        ),
        // Linking an account goes by invitation (issue 11 item 7): staff invite, only the
        // invited expert account confirms; an unknown expert or invitation is 404 for everyone.
        row(
            "POST",
            "/beheer/experts/{id}/uitnodigen",
            "/beheer/experts/999999/uitnodigen",
            "uitnodiging_email=x",
            [303, 404, 404, 404, 403, 403, 403],
        ),
        row(
            "POST",
            "/beheer/experts/{id}/uitnodigen",
            format!("/beheer/experts/{esther}/uitnodigen"),
            "uitnodiging_email=x",
            [303, 422, 422, 422, 403, 403, 403],
        ),
        row(
            "POST",
            "/expertpool/uitnodigingen/{id}/bevestigen",
            format!("/expertpool/uitnodigingen/{esther}/bevestigen"),
            "",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        row(
            "POST",
            "/expertpool/uitnodigingen/{id}/weigeren",
            "/expertpool/uitnodigingen/999999/weigeren",
            "",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        row("GET", "/beheer/programmas", "/beheer/programmas", "", ADMIN_ONLY),
        row("GET", "/beheer/programmas/nieuw", "/beheer/programmas/nieuw", "", ADMIN_ONLY),
        row(
            "POST",
            "/beheer/programmas/nieuw",
            "/beheer/programmas/nieuw",
            "toml=",
            [303, 422, 403, 403, 403, 403, 403],
        ),
        row(
            "GET",
            "/beheer/programmas/{id}",
            "/beheer/programmas/bestaat-niet",
            "",
            [303, 404, 403, 403, 403, 403, 403],
        ),
        row(
            "POST",
            "/beheer/programmas/{id}",
            "/beheer/programmas/bestaat-niet",
            "version=1&toml=",
            [303, 404, 403, 403, 403, 403, 403],
        ),
        // ---- inside the trajectory (issue 8): plan van aanpak, phases. 404 for a trajectory that
        // does not exist; the role checks on a real one (every role, staff of two programmes,
        // the school's own leader and board) are in tests/plan_pages.rs.
        row("GET", "/trajecten/{id}/plan", "/trajecten/999999/plan", "", [303, 404, 404, 404, 404, 404, 404]),
        row("POST", "/trajecten/{id}/plan", "/trajecten/999999/plan", "", [303, 404, 404, 404, 404, 404, 404]),
        row(
            "POST",
            "/trajecten/{id}/plan/wijzigen",
            "/trajecten/999999/plan/wijzigen",
            "versie=1&actie=doel-toevoegen",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        row(
            "POST",
            "/trajecten/{id}/plan/ondertekenen",
            "/trajecten/999999/plan/ondertekenen",
            "versie=1&als=schoolleider",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        row(
            "POST",
            "/trajecten/{id}/plan/terugsturen",
            "/trajecten/999999/plan/terugsturen",
            "versie=1&reden=x",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        row(
            "POST",
            "/trajecten/{id}/plan/bijstelling",
            "/trajecten/999999/plan/bijstelling",
            "versie=1&reden=x",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        row(
            "GET",
            "/trajecten/{id}/plan/versies",
            "/trajecten/999999/plan/versies",
            "",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        row(
            "GET",
            "/trajecten/{id}/plan/vergelijken",
            "/trajecten/999999/plan/vergelijken?a=1&b=2",
            "",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        row(
            "POST",
            "/trajecten/{id}/fase",
            "/trajecten/999999/fase",
            "fase=1&reden=x&versie=1",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        row(
            "GET",
            "/api/v1/trajectories/{id}/plan",
            "/api/v1/trajectories/999999/plan",
            "",
            [401, 404, 404, 404, 404, 404, 404],
        ),
        row(
            "GET",
            "/api/v1/trajectories/{id}/plan/versions/{number}",
            "/api/v1/trajectories/999999/plan/versions/1",
            "",
            [401, 404, 404, 404, 404, 404, 404],
        ),
        // ---- end inside the trajectory ----
        // ---- end roles workflow ----
        // ---- a real case of programme A (GWGB+, School D of board X, Esther Expert assigned):
        // staff of programme B are refused like any outsider. Changes carry a stale version, so
        // whoever passes the role check gets a 409 and nothing changes. ----
        // The receipt is the applicant's (its school's board) and staff's; the expert sees the
        // trajectory, which its school and board see too.
        row("GET", "/aanmeldingen/{id}", format!("/aanmeldingen/{app_a}"), "", [303, 200, 200, 403, 403, 403, 200]),
        row("GET", "/trajecten/{id}", format!("/trajecten/{traj_a}"), "", [303, 200, 200, 403, 200, 403, 200]),
        row(
            "GET",
            "/programma/aanmeldingen/{id}",
            format!("/programma/aanmeldingen/{app_a}"),
            "",
            [303, 200, 200, 403, 403, 403, 403],
        ),
        row(
            "POST",
            "/programma/aanmeldingen/{id}/{actie}",
            format!("/programma/aanmeldingen/{app_a}/plannen"),
            "version=999",
            [303, 409, 409, 403, 403, 403, 403],
        ),
        row(
            "POST",
            "/programma/aanmeldingen/{id}/koppelen",
            format!("/programma/aanmeldingen/{app_a}/koppelen"),
            "version=999&expert=1",
            [303, 409, 409, 403, 403, 403, 403],
        ),
        row(
            "POST",
            "/aanmeldingen/{id}/intrekken",
            format!("/aanmeldingen/{app_a}/intrekken"),
            "reden=x&versie=999",
            [303, 409, 403, 403, 403, 403, 409],
        ),
        row(
            "POST",
            "/trajecten/{id}/beeindigen",
            format!("/trajecten/{traj_a}/beeindigen"),
            "reden=x&versie=999",
            [303, 409, 409, 403, 403, 403, 403],
        ),
        row(
            "POST",
            "/bestuur/{nr}/aanmeldingen/{id}/besluit",
            format!("/bestuur/{BOARD_X}/aanmeldingen/{app_a}/besluit"),
            "besluit=akkoord&version=999",
            [303, 409, 403, 403, 403, 403, 409],
        ),
        // ---- reports (issue 9 §5): whoever sees the trajectory's plan; the case has no
        // vastgesteld plan yet, so they get the 409 that names what is missing; outsiders 403.
        // GWGB+ does not report to the Inspectie: 404 for those who may see the trajectory. ----
        row("GET", "/trajecten/{id}/rapporten/{bestand}", "/trajecten/999999/rapporten/plan-van-aanpak", "", NONE_404),
        row(
            "GET",
            "/trajecten/{id}/rapporten/{bestand}",
            format!("/trajecten/{traj_a}/rapporten/onbekend.pdf"),
            "",
            NONE_404,
        ),
        row(
            "GET",
            "/trajecten/{id}/rapporten/{bestand}",
            format!("/trajecten/{traj_a}/rapporten/plan-van-aanpak"),
            "",
            [303, 409, 409, 403, 409, 403, 409],
        ),
        row(
            "GET",
            "/trajecten/{id}/rapporten/{bestand}",
            format!("/trajecten/{traj_a}/rapporten/voortgang-bestuur.pdf"),
            "",
            [303, 409, 409, 403, 409, 403, 409],
        ),
        row(
            "GET",
            "/trajecten/{id}/rapporten/{bestand}",
            format!("/trajecten/{traj_a}/rapporten/voortgang-inspectie.pdf"),
            "",
            [303, 404, 404, 403, 404, 403, 404],
        ),
        row(
            "POST",
            "/trajecten/{id}/rapporten/voortgang-inspectie/vrijgeven",
            "/trajecten/999999/rapporten/voortgang-inspectie/vrijgeven",
            "",
            NONE_404,
        ),
        row(
            "POST",
            "/trajecten/{id}/rapporten/voortgang-inspectie/vrijgeven",
            format!("/trajecten/{traj_a}/rapporten/voortgang-inspectie/vrijgeven"),
            "",
            [303, 409, 409, 403, 409, 403, 409],
        ),
        // ---- one request of a board for several schools (issue 10 §4): board X's NPO request
        // (programme B) for school A; its board and beheerders apply, staff of B decide ----
        row(
            "GET",
            "/bestuur/{nr}/meerdere-scholen",
            format!("/bestuur/{BOARD_X}/meerdere-scholen?programma=leren-verbeteren-npo"),
            "",
            [303, 200, 403, 403, 403, 403, 200],
        ),
        row("GET", "/bestuur/{nr}/meerdere-scholen", "/bestuur/999999/meerdere-scholen", "", NONE_404),
        row(
            "POST",
            "/bestuur/{nr}/meerdere-scholen",
            format!("/bestuur/{BOARD_X}/meerdere-scholen?programma=leren-verbeteren-npo"),
            "contact_name=",
            [303, 422, 403, 403, 403, 403, 422],
        ),
        row("POST", "/bestuur/{nr}/meerdere-scholen", "/bestuur/999999/meerdere-scholen", "contact_name=", NONE_404),
        row("GET", "/bestuursaanvragen/{id}", "/bestuursaanvragen/999999", "", NONE_404),
        row(
            "GET",
            "/bestuursaanvragen/{id}",
            format!("/bestuursaanvragen/{board_request}"),
            "",
            [303, 200, 404, 200, 404, 404, 200],
        ),
        row(
            "POST",
            "/bestuursaanvragen/{id}/scholen/{line}",
            "/bestuursaanvragen/999999/scholen/1",
            "besluit=&version=1",
            NONE_404,
        ),
        row(
            "POST",
            "/bestuursaanvragen/{id}/scholen/{line}",
            format!("/bestuursaanvragen/{board_request}/scholen/{line}"),
            "besluit=&version=1",
            [303, 422, 404, 422, 404, 404, 403],
        ),
        // ---- end real case ----
        // ---- dagdelen and money (issue 10 §7–8): a GWGB+ case at school C (board X) ----
        // (staff of programme B, NPO, are outsiders to it: 403, or 404 where the use case hides it)
        row("GET", "/trajecten/{id}/dagdelen", "/trajecten/999999/dagdelen", "", [303, 404, 404, 404, 404, 404, 404]),
        row(
            "GET",
            "/trajecten/{id}/dagdelen",
            format!("/trajecten/{case}/dagdelen"),
            "",
            [303, 200, 200, 403, 200, 403, 200],
        ),
        // Logging: only the assigned expert (an empty form: 422); everyone else who may see it 403.
        row(
            "POST",
            "/trajecten/{id}/dagdelen",
            "/trajecten/999999/dagdelen",
            "dagdelen=",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        row(
            "POST",
            "/trajecten/{id}/dagdelen",
            format!("/trajecten/{case}/dagdelen"),
            "dagdelen=",
            [303, 403, 403, 403, 422, 403, 403],
        ),
        // Budget decisions: staff of the programme and beheerders (an empty form: 422).
        row(
            "POST",
            "/trajecten/{id}/budget",
            "/trajecten/999999/budget",
            "dagdelen=",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        row(
            "POST",
            "/trajecten/{id}/budget",
            format!("/trajecten/{case}/budget"),
            "dagdelen=",
            [303, 422, 422, 404, 403, 404, 403],
        ),
        // The kostenoverzicht: the school, its board, staff of a programme it has a trajectory
        // in, beheerders.
        row(
            "GET",
            "/mijn-school/{id}/kostenoverzicht",
            format!("/mijn-school/{a}/kostenoverzicht"),
            "",
            [303, 200, 403, 403, 403, 200, 200],
        ),
        row(
            "GET",
            "/mijn-school/{id}/kostenoverzicht",
            format!("/mijn-school/{b}/kostenoverzicht"),
            "",
            [303, 200, 403, 403, 403, 403, 403],
        ),
        row(
            "GET",
            "/mijn-school/{id}/kostenoverzicht",
            format!("/mijn-school/{c}/kostenoverzicht"),
            "",
            [303, 200, 200, 403, 403, 403, 200],
        ),
        row(
            "GET",
            "/mijn-school/{id}/kostenoverzicht",
            "/mijn-school/999999/kostenoverzicht",
            "",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        row(
            "GET",
            "/mijn-school/{id}/kostenoverzicht.xlsx",
            format!("/mijn-school/{c}/kostenoverzicht.xlsx"),
            "",
            [303, 200, 200, 403, 403, 403, 200],
        ),
        row(
            "GET",
            "/mijn-school/{id}/kostenoverzicht.pdf",
            format!("/mijn-school/{c}/kostenoverzicht.pdf"),
            "",
            [303, 200, 200, 403, 403, 403, 200],
        ),
        row(
            "GET",
            "/mijn-school/{id}/kostenoverzicht.pdf",
            "/mijn-school/999999/kostenoverzicht.pdf",
            "",
            [303, 404, 404, 404, 404, 404, 404],
        ),
        // The programme monitor (issue 9 §5): programme staff and beheerders.
        row("GET", "/programma/monitor.xlsx", "/programma/monitor.xlsx", "", STAFF),
        // Issuing the kenmerk: staff of a programme of the school (or a beheerder); nothing in
        // the period yet for school A: 422.
        row(
            "POST",
            "/mijn-school/{id}/kostenoverzicht",
            format!("/mijn-school/{a}/kostenoverzicht"),
            "van=&tot=",
            [303, 422, 403, 403, 403, 403, 403],
        ),
        // Time sheets: the expert's own, beheerders and programme staff.
        row(
            "GET",
            "/experts/{id}/urenstaat",
            format!("/experts/{expert_id}/urenstaat"),
            "",
            [303, 200, 200, 200, 200, 403, 403],
        ),
        row("GET", "/experts/{id}/urenstaat", "/experts/999999/urenstaat", "", [303, 404, 404, 404, 404, 404, 404]),
        row(
            "GET",
            "/experts/{id}/urenstaat.xlsx",
            format!("/experts/{expert_id}/urenstaat.xlsx"),
            "",
            [303, 200, 200, 200, 200, 403, 403],
        ),
        // ---- voortgang, reviews, op koers (issue 9) on the same GWGB+ case (no plan yet): who
        // may see it reads; who may write gets 422 (no vastgesteld plan / an empty form); staff
        // of programme B, the other school's leader and the board (which reads) 403. ----
        row("GET", "/trajecten/{id}/voortgang", "/trajecten/999999/voortgang", "", NONE_404),
        row(
            "GET",
            "/trajecten/{id}/voortgang",
            format!("/trajecten/{case}/voortgang"),
            "",
            [303, 200, 200, 403, 200, 403, 200],
        ),
        // The same read in the JSON API: 401 without a login, then the page's rights.
        row("GET", "/api/v1/trajectories/{id}/voortgang", "/api/v1/trajectories/999999/voortgang", "", API_404),
        row("GET", "/api/v1/trajectories/{id}/voortgang", "/api/v1/trajectories/x/voortgang", "", API_404),
        row(
            "GET",
            "/api/v1/trajectories/{id}/voortgang",
            format!("/api/v1/trajectories/{case}/voortgang"),
            "",
            [401, 200, 200, 403, 200, 403, 200],
        ),
        row("POST", "/trajecten/{id}/voortgang/status", "/trajecten/999999/voortgang/status", "status=loopt", NONE_404),
        row(
            "POST",
            "/trajecten/{id}/voortgang/status",
            format!("/trajecten/{case}/voortgang/status"),
            "status=loopt",
            [303, 422, 422, 403, 422, 403, 403],
        ),
        row("POST", "/trajecten/{id}/voortgang/meting", "/trajecten/999999/voortgang/meting", "waarde=1", NONE_404),
        row(
            "POST",
            "/trajecten/{id}/voortgang/meting",
            format!("/trajecten/{case}/voortgang/meting"),
            "waarde=1",
            [303, 422, 422, 403, 422, 403, 403],
        ),
        row(
            "POST",
            "/trajecten/{id}/voortgang/activiteit",
            "/trajecten/999999/voortgang/activiteit",
            "met=x",
            NONE_404,
        ),
        row(
            "POST",
            "/trajecten/{id}/voortgang/activiteit",
            format!("/trajecten/{case}/voortgang/activiteit"),
            "met=x",
            [303, 422, 422, 403, 422, 403, 403],
        ),
        row("POST", "/trajecten/{id}/voortgang/stap", "/trajecten/999999/voortgang/stap", "stap=x", NONE_404),
        row(
            "POST",
            "/trajecten/{id}/voortgang/stap",
            format!("/trajecten/{case}/voortgang/stap"),
            "stap=x",
            [303, 422, 422, 403, 422, 403, 403],
        ),
        row("POST", "/trajecten/{id}/voortgang/reviews", "/trajecten/999999/voortgang/reviews", "soort=x", NONE_404),
        row(
            "POST",
            "/trajecten/{id}/voortgang/reviews",
            format!("/trajecten/{case}/voortgang/reviews"),
            "soort=x",
            [303, 422, 422, 403, 422, 403, 403],
        ),
        row("GET", "/trajecten/{id}/voortgang/reviews/{review}", "/trajecten/999999/voortgang/reviews/1", "", NONE_404),
        row(
            "GET",
            "/trajecten/{id}/voortgang/reviews/{review}",
            format!("/trajecten/{case}/voortgang/reviews/999999"),
            "",
            [303, 404, 404, 403, 404, 403, 404],
        ),
        row(
            "POST",
            "/trajecten/{id}/voortgang/reviews/{review}",
            format!("/trajecten/{case}/voortgang/reviews/999999"),
            "actie=details",
            [303, 404, 404, 403, 404, 403, 404],
        ),
        row(
            "POST",
            "/trajecten/{id}/voortgang/reviews/{review}/uitnodigen",
            format!("/trajecten/{case}/voortgang/reviews/999999/uitnodigen"),
            "reviewer=0",
            [303, 404, 404, 403, 404, 403, 403],
        ),
        // The external reviewer's link: no login, the token is the credential; unknown → 404.
        row("GET", "/review/uitnodiging/{token}", format!("/review/uitnodiging/{}", "ab".repeat(32)), "", [404; 7]),
        row(
            "POST",
            "/review/uitnodiging/{token}",
            format!("/review/uitnodiging/{}", "ab".repeat(32)),
            "versie=1",
            [404; 7],
        ),
        row("GET", "/programma/op-koers", "/programma/op-koers?reden=measure_overdue", "", STAFF),
        row("GET", "/programma/leren", "/programma/leren", "", STAFF),
        // ---- end dagdelen and money ----
    ]
}

/// `(METHOD, route)` of every `.route("…", get(…).post(…))` call in the crate's sources.
fn routes_in_sources() -> BTreeSet<(String, String)> {
    let mut files = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}")).flatten() {
            let p = entry.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                files.push(p);
            }
        }
    }
    let mut out = BTreeSet::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap_or_default();
        for unsupported in [".nest(", ".nest_service(", ".route_service("] {
            assert!(!src.contains(unsupported), "{} uses {unsupported}: teach this scan about it", f.display());
        }
        let mut rest = src.as_str();
        while let Some(at) = rest.find(".route(") {
            rest = &rest[at + ".route(".len()..];
            let after = rest.trim_start();
            let Some(lit) = after.strip_prefix('"') else {
                panic!("a route path that is not a string literal in {}: keep paths literal", f.display())
            };
            let path = lit.split('"').next().unwrap_or_default().to_owned();
            // The call's arguments: up to the matching parenthesis.
            let mut depth = 1;
            let end = rest
                .char_indices()
                .find(|&(_, ch)| {
                    depth += i32::from(ch == '(') - i32::from(ch == ')');
                    depth == 0
                })
                .map_or(rest.len(), |(i, _)| i);
            let args = &rest[..end];
            let methods = ["get", "post", "put", "patch", "delete"];
            let mut found = false;
            for m in methods {
                let needle = format!("{m}(");
                let hit = args.match_indices(&needle).any(|(i, _)| {
                    i == 0
                        || !args[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
                        || args[..i].ends_with("routing::")
                });
                if hit {
                    out.insert((m.to_uppercase(), path.clone()));
                    found = true;
                }
            }
            assert!(found, "no method found for route {path} in {}", f.display());
        }
    }
    out
}

/// `(METHOD, path)` of every operation in the OpenAPI spec.
fn routes_in_spec() -> BTreeSet<(String, String)> {
    let spec = serde_json::to_value(koers_web::api::spec().as_ref()).unwrap_or_default();
    let mut out = BTreeSet::new();
    for (path, ops) in spec["paths"].as_object().into_iter().flatten() {
        for method in ops.as_object().into_iter().flatten().map(|(m, _)| m) {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                out.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

#[tokio::test]
async fn every_route_is_in_the_matrix() {
    let w = world().await;
    let mut routed = routes_in_sources();
    routed.extend(routes_in_spec());
    assert!(routed.len() > 30, "route scan found too little: {routed:?}");
    let (case, traj) = case_of_programme_a(&w).await;
    let tabled: BTreeSet<(String, String)> =
        table(&w, case.id, traj).await.iter().map(|r| (r.method.to_owned(), r.route.to_owned())).collect();
    let missing: Vec<_> = routed.difference(&tabled).collect();
    let stale: Vec<_> = tabled.difference(&routed).collect();
    assert!(missing.is_empty(), "routes without a row in the authorization matrix: {missing:?}");
    assert!(stale.is_empty(), "matrix rows for routes the router does not have: {stale:?}");
}

#[tokio::test]
async fn every_route_answers_every_role_as_expected() {
    let w = world().await;
    let mut sessions: HashMap<Who, Option<String>> = HashMap::new();
    for who in Who::ALL {
        sessions.insert(who, w.session(who).await);
    }
    let (case, traj) = case_of_programme_a(&w).await;
    let mut failures = Vec::new();
    for r in table(&w, case.id, traj).await {
        for (i, who) in Who::ALL.into_iter().enumerate() {
            // Logging out ends the session: use a fresh one for that row.
            let cookie = if r.route == "/uitloggen" { w.session(who).await } else { sessions[&who].clone() };
            let mut req = browser(r.method, &r.uri, cookie.as_deref());
            if r.method != "GET" {
                let ct =
                    if r.uri.starts_with("/api/") { "application/json" } else { "application/x-www-form-urlencoded" };
                req = req.header("content-type", ct);
            }
            let res = w.send(req.body(Body::from(r.body)).unwrap_or_else(|e| panic!("{e}"))).await;
            if res.status.as_u16() != r.expect[i] {
                failures.push(format!("{} {} as {who:?}: {} (expected {})", r.method, r.uri, res.status, r.expect[i]));
            }
            if r.expect[i] == 303 && who == Who::Anonymous && r.route != "/uitloggen" && r.route != "/taal/{code}" {
                assert!(
                    res.location().starts_with("/inloggen?volgende="),
                    "{} {}: {}",
                    r.method,
                    r.uri,
                    res.location()
                );
            }
        }
    }
    assert!(failures.is_empty(), "authorization matrix mismatches:\n{}", failures.join("\n"));
    // Nothing a refused request tried has changed anything.
    let a = w.store().school(SchoolId::new(w.ids.school_a)).await.unwrap_or_else(|e| panic!("{e}"));
    let b = w.store().school(SchoolId::new(w.ids.school_b)).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((a.name.as_str(), b.name.as_str()), ("School A", "School B"));
    assert_eq!(
        w.store().grants_of_user(UserId::new(w.user_id(Who::Expert).await)).await.map(|g| g.len()).unwrap_or(0),
        1
    );
    // The case of programme A is as it was: same version, still coupled, its trajectory active.
    let now = w.store().application(case.id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((now.version, now.status), (case.version, koers_core::workflow::Status::Gekoppeld));
    assert!(w.store().trajectory(traj).await.map(|t| t.active).unwrap_or(false), "the trajectory is still active");
}

#[tokio::test]
async fn unknown_paths_are_404_for_everyone() {
    let w = world().await;
    for who in Who::ALL {
        let cookie = w.session(who).await;
        assert_eq!(w.get("/bestaat-niet", cookie.as_deref()).await.status.as_u16(), 404, "{who:?}");
        assert_eq!(w.get("/mijn-school/abc", cookie.as_deref()).await.status.as_u16(), 404, "{who:?}");
    }
}
