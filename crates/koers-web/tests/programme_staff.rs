//! The programme staff side: the inbox `/programma/aanmeldingen`, the detail with its workflow
//! steps (plan → verslag → definitief, conflicts, the inspection-visit block), expert matching
//! and assignment with the capacity override, the dashboard and the exports.

mod auth_support;

use auth_support::{Who, World, browser, eligible_school, world};
use axum::body::Body;
use http_body_util::BodyExt;
use koers_app::applications::ApplicationInput;
use koers_app::store::{Actor, ExpertWrite};
use koers_core::ids::SchoolId;
use tower::ServiceExt;

/// Submit for school D through the use case and approve through the mailed link: the
/// application is then "goedgekeurd", ready for the kennismaking. Returns its id.
async fn approved_application(w: &World) -> koers_core::ids::ApplicationId {
    let d = eligible_school(w).await;
    let input = ApplicationInput {
        own_calculation: None,
        programme_id: "gwgb-plus-school".into(),
        school_id: Some(SchoolId::new(d)),
        board_number: None,
        contact_name: "Bo Bestuur".into(),
        contact_email: "contact@school-d.nl".into(),
        contact_phone: None,
        help_question: "Wij willen beter rekenonderwijs in groep 5 tot en met 8.".into(),
        entry_facts_json: None,
    };
    let now = koers_web::auth::now();
    let s = w
        .state
        .app
        .submit_application(&input, None, &Actor::system("test"), now, &w.state.config.base_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mails = w.store().outbox(false, 50).await.unwrap_or_else(|e| panic!("{e}"));
    let mail = mails
        .iter()
        .find(|m| m.subject.starts_with("Goedkeuring gevraagd"))
        .unwrap_or_else(|| panic!("no approval mail in {mails:?}"));
    let at = mail.body_text.find("/goedkeuren/").unwrap_or_else(|| panic!("no link in {}", mail.body_text));
    let token: String =
        mail.body_text[at + "/goedkeuren/".len()..].chars().take_while(char::is_ascii_hexdigit).collect();
    w.state.app.decide_by_link(&token, true, "", now).await.unwrap_or_else(|e| panic!("{e}"));
    s.application.id
}

async fn version(w: &World, id: koers_core::ids::ApplicationId) -> String {
    w.store().application(id).await.unwrap_or_else(|e| panic!("{e}")).version.to_string()
}

async fn expert(
    w: &World,
    name: &str,
    expertise: &[&str],
    trajectories: i64,
    dagdelen: i64,
) -> koers_core::ids::ExpertId {
    let e = ExpertWrite {
        user_id: None,
        name: name.into(),
        email: format!("{}@experts.test", name.to_lowercase().replace(' ', ".")),
        expertise: expertise.iter().map(|s| (*s).to_owned()).collect(),
        regions: vec!["Overijssel".into()],
        capacity_trajectories: trajectories,
        capacity_dagdelen: dagdelen,
        available: true,
        expected_version: None,
    };
    w.store().save_expert(&e, &Actor::system("test"), 1).await.unwrap_or_else(|e| panic!("{e}")).id
}

/// Plan and record a kennismaking through the pages; `visit` ticks "inspectiebezoek gepland".
async fn plan_and_record(w: &World, cookie: Option<&str>, id: koers_core::ids::ApplicationId, visit: bool) {
    let url = format!("/programma/aanmeldingen/{id}");
    let v = version(w, id).await;
    let res = w
        .post_form(
            &format!("{url}/plannen"),
            cookie,
            &[("version", &v), ("datum", "2026-12-03"), ("deelnemers", "Bo Bestuur, Piet Programma")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.location(), url);
    let v = version(w, id).await;
    let mut pairs = vec![
        ("version", v.as_str()),
        ("verwachtingen", "Betere rekenresultaten"),
        ("achtergrond", "Nieuw team"),
        ("resultaten", "Daling sinds 2023"),
    ];
    if visit {
        pairs.push(("inspectiebezoek", "ja"));
    }
    let res = w.post_form(&format!("{url}/verslag"), cookie, &pairs).await;
    assert_eq!(res.status, 303, "{}", res.body);
}

#[tokio::test]
async fn staff_take_an_application_from_inbox_to_trajectory() {
    let w = world().await;
    let id = approved_application(&w).await;
    let staff = w.session(Who::Programma).await;
    let cookie = staff.as_deref();

    // The inbox lists it, and the filters work.
    let inbox = w.get("/programma/aanmeldingen", cookie).await;
    assert_eq!(inbox.status, 200, "{}", inbox.body);
    for text in ["KRS-", "School D", "goedgekeurd door het bestuur"] {
        assert!(inbox.body.contains(text), "inbox lacks {text}");
    }
    let filtered = w.get("/programma/aanmeldingen?status=afgewezen&q=", cookie).await;
    assert!(!filtered.body.contains("School D"), "{}", filtered.body);
    let filtered = w.get("/programma/aanmeldingen?programma=gwgb-plus-school&q=rekenonderwijs", cookie).await;
    assert!(filtered.body.contains("School D"), "{}", filtered.body);

    // The detail: contact, help question, eligibility, history and the plan form.
    let url = format!("/programma/aanmeldingen/{id}");
    let page = w.get(&url, cookie).await;
    assert_eq!(page.status, 200, "{}", page.body);
    for text in
        ["contact@school-d.nl", "rekenonderwijs", "Je school komt in aanmerking omdat", "/plannen", "name=\"version\""]
    {
        assert!(page.body.contains(text), "detail lacks {text}: {}", page.body);
    }
    assert!(!page.body.contains("/definitief\""), "no definitief before the kennismaking");

    // Missing fields: Dutch message next to the form, values kept.
    let v = version(&w, id).await;
    let res = w
        .post_form(&format!("{url}/plannen"), cookie, &[("version", &v), ("datum", ""), ("deelnemers", "Bo Bestuur")])
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("Kies een datum voor de kennismaking"), "{}", res.body);
    assert!(res.body.contains("value=\"Bo Bestuur\""));

    plan_and_record(&w, cookie, id, false).await;
    let v = version(&w, id).await;
    let res = w.post_form(&format!("{url}/definitief"), cookie, &[("version", &v)]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = w.get(&url, cookie).await;
    assert!(page.body.contains("definitief; expert wordt gezocht"), "{}", page.body);
    assert!(page.body.contains("intake planned"), "history: {}", page.body);

    // Matching: reasons per expert; over capacity needs a reason.
    let free = expert(&w, "Rita Reken", &["rekenen"], 3, 40).await;
    let full = expert(&w, "Volle Vera", &["rekenen", "lezen"], 0, 40).await;
    let page = w.get(&format!("{url}?expertise=rekenen,lezen&dagdelen=8"), cookie).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("deelt expertise: rekenen"), "{}", page.body);
    assert!(page.body.contains("werkt in Overijssel"), "{}", page.body);
    assert!(page.body.contains("zit boven de capaciteit"), "{}", page.body);
    assert!(page.body.contains("Reden voor overschrijding"));
    assert!(page.body.contains("Rita Reken") && page.body.contains("Volle Vera"));

    let v = version(&w, id).await;
    let full_id = full.to_string();
    let pairs = [("version", v.as_str()), ("expert", full_id.as_str()), ("expertise", "rekenen"), ("dagdelen", "8")];
    let res = w.post_form(&format!("{url}/koppelen"), cookie, &pairs).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("boven de capaciteit"), "{}", res.body);
    assert!(w.store().list_trajectories(&Default::default()).await.unwrap_or_default().is_empty());

    let pairs = [
        ("version", v.as_str()),
        ("expert", full_id.as_str()),
        ("expertise", "rekenen"),
        ("dagdelen", "8"),
        ("overschrijding", "Vera kent de school al"),
    ];
    let res = w.post_form(&format!("{url}/koppelen"), cookie, &pairs).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = w.get(&url, cookie).await;
    assert!(page.body.contains("gekoppeld aan een expert"), "{}", page.body);
    assert!(page.body.contains("Volle Vera"), "the trajectory shows its expert");
    let trajectories = w.store().list_trajectories(&Default::default()).await.unwrap_or_default();
    assert_eq!(trajectories.len(), 1);
    assert_eq!((trajectories[0].expert_id, trajectories[0].dagdelen_planned), (full, 8));
    let _ = free;

    // The dashboard counts it and shows the load.
    let dash = w.get("/programma/dashboard", cookie).await;
    assert_eq!(dash.status, 200, "{}", dash.body);
    assert!(dash.body.contains("gekoppeld aan een expert") && dash.body.contains("Volle Vera"), "{}", dash.body);
    assert!(dash.body.contains("1 / 0"), "Vera's trajectories over capacity: {}", dash.body);
    assert!(
        dash.body.contains("Lopende trajecten per fase") && dash.body.contains("Zelfevaluatie (0-meting)"),
        "{}",
        dash.body
    );

    // Exports.
    let csv = w.get("/programma/export/aanmeldingen.csv", cookie).await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-disposition").starts_with("attachment"), "{:?}", csv.headers);
    assert!(csv.body.starts_with("\u{feff}Referentie;Programma;School of bestuur;Status;"), "{}", csv.body);
    assert!(csv.body.contains("School D"));
    let csv = w.get("/programma/export/trajecten.csv", cookie).await;
    assert!(csv.body.starts_with("\u{feff}Traject;Aanmelding;"), "{}", csv.body);
    assert!(csv.body.contains("Volle Vera"));
    for (file, header, text) in
        [("aanmeldingen.xlsx", "Referentie", "School D"), ("trajecten.xlsx", "Expert", "Volle Vera")]
    {
        let req = browser("GET", &format!("/programma/export/{file}"), cookie)
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}"));
        let res = w.router.clone().oneshot(req).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(res.status(), 200);
        let disposition = res.headers().get("content-disposition").and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert!(disposition.contains(file), "{disposition}");
        let bytes = res.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
        let table = koers_import::read_table(&bytes, file).unwrap_or_else(|e| panic!("{e}"));
        assert!(table.headers.iter().any(|h| h == header), "{:?}", table.headers);
        assert_eq!(table.rows.len(), 1, "{file}");
        assert!(format!("{:?}", table.rows[0]).contains(text), "{:?}", table.rows[0]);
    }
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_that_keeps_what_was_typed() {
    let w = world().await;
    let id = approved_application(&w).await;
    let staff = w.session(Who::Programma).await;
    let url = format!("/programma/aanmeldingen/{id}");
    let v = version(&w, id).await;
    let first = [("version", v.as_str()), ("datum", "2026-12-03"), ("deelnemers", "Piet Programma")];
    let res = w.post_form(&format!("{url}/plannen"), staff.as_deref(), &first).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let beheer = w.session(Who::Beheerder).await;
    let second = [("version", v.as_str()), ("datum", "2026-12-10"), ("deelnemers", "Anna Andersom")];
    let res = w.post_form(&format!("{url}/plannen"), beheer.as_deref(), &second).await;
    assert_eq!(res.status, 409, "{}", res.body);
    assert!(res.body.contains("Iemand anders heeft deze aanmelding intussen gewijzigd"), "{}", res.body);
    assert!(res.body.contains("kennismaking gepland"), "the current state is shown");
    assert!(res.body.contains("Anna Andersom") && res.body.contains("2026-12-10"), "typed values kept");
    let stored = w.store().application(id).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(stored.state_json.contains("Piet Programma") && !stored.state_json.contains("Anna"));
}

#[tokio::test]
async fn an_inspection_visit_blocks_definitief() {
    let w = world().await;
    let id = approved_application(&w).await;
    let staff = w.session(Who::Programma).await;
    plan_and_record(&w, staff.as_deref(), id, true).await;
    let url = format!("/programma/aanmeldingen/{id}");
    let v = version(&w, id).await;
    let res = w.post_form(&format!("{url}/definitief"), staff.as_deref(), &[("version", &v)]).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("hoort bij het reguliere programma Goed Worden, Goed Blijven"), "{}", res.body);
    // Referring needs a reason, then works.
    let res = w.post_form(&format!("{url}/doorverwijzen"), staff.as_deref(), &[("version", &v), ("reden", "")]).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("Geef een reden voor het doorverwijzen"), "{}", res.body);
    let res = w
        .post_form(&format!("{url}/doorverwijzen"), staff.as_deref(), &[("version", &v), ("reden", "Regulier GWGB")])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = w.get(&url, staff.as_deref()).await;
    assert!(page.body.contains("doorverwezen") && page.body.contains("Regulier GWGB"), "{}", page.body);
}

#[tokio::test]
async fn only_staff_and_beheer_reach_an_application() {
    let w = world().await;
    let id = approved_application(&w).await;
    let url = format!("/programma/aanmeldingen/{id}");
    for (who, status) in [
        (Who::Programma, 200),
        (Who::Beheerder, 200),
        (Who::LeiderA, 403),
        (Who::BestuurderX, 403),
        (Who::Expert, 403),
        (Who::Anonymous, 303),
    ] {
        let cookie = w.session(who).await;
        assert_eq!(w.get(&url, cookie.as_deref()).await.status.as_u16(), status, "{who:?}");
    }
    let leider = w.session(Who::LeiderA).await;
    let v = version(&w, id).await;
    let res = w.post_form(&format!("{url}/afwijzen"), leider.as_deref(), &[("version", &v), ("reden", "x")]).await;
    assert_eq!(res.status, 403);
    assert_eq!(version(&w, id).await, v, "nothing changed");
}

#[tokio::test]
async fn staff_of_another_programme_do_not_see_the_application() {
    use koers_app::store::{Actor, NewUser};
    use koers_core::access::{Grant, RoleKind, Scope};
    let w = world().await;
    let id = approved_application(&w).await;
    let reference = w.store().application(id).await.map(|a| a.reference.to_string()).unwrap_or_default();
    let actor = Actor::system("test");
    let npo = w
        .store()
        .create_user(
            &NewUser {
                email: koers_core::email::Email::parse("npo@test.nl").unwrap_or_else(|e| panic!("{e}")),
                name: "Nina NPO".into(),
                password_hash: auth_support::password_hash(),
                locale: "nl".into(),
            },
            &actor,
            1,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let grant = Grant::new(RoleKind::Programmamedewerker, Scope::Programme("leren-verbeteren-npo".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    w.store().add_grant(npo.id, &grant, &actor, 1).await.unwrap_or_else(|e| panic!("{e}"));
    let cookie = w.login_raw("npo@test.nl", auth_support::PASSWORD).await.session_cookie();
    assert!(cookie.is_some(), "logged in");
    let inbox = w.get("/programma/aanmeldingen", cookie.as_deref()).await;
    assert_eq!(inbox.status.as_u16(), 200);
    assert!(!inbox.body.contains(&reference), "another programme's application is not listed");
    let detail = w.get(&format!("/programma/aanmeldingen/{id}"), cookie.as_deref()).await;
    assert_eq!(detail.status.as_u16(), 403);
    let v = version(&w, id).await;
    let res = w
        .post_form(
            &format!("/programma/aanmeldingen/{id}/afwijzen"),
            cookie.as_deref(),
            &[("version", &v), ("reden", "x")],
        )
        .await;
    assert_eq!(res.status.as_u16(), 403);
    let csv = w.get("/programma/export/aanmeldingen.csv", cookie.as_deref()).await;
    assert!(!csv.body.contains(&reference), "nor exported");
}
