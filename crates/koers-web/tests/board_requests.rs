//! One NPO request of a board for several of its schools (issue 10 §4), in-process against
//! SQLite: the board reaches the form from its page and home, bad input gets a Dutch message
//! naming the field with everything kept (no school chosen, a school not of this board, a school
//! twice, no risk described), the request shows on the board's home and staff's, and staff of
//! the programme decide each school on its own — an approved school becomes its own application
//! (definitief, ready for an expert), a declined one keeps its reason; both mailed.

mod auth_support;

use auth_support::{BOARD_X, BOARD_Y, Who, World, world};
use axum::http::StatusCode;
use koers_app::store::{Actor, LineStatus, SchoolFields, SchoolWrite, Sector};
use koers_core::ids::{BoardNumber, SchoolId};
use koers_core::workflow::Status;

async fn vo_school(w: &World, ovt: &str, name: &str, board: i64) -> i64 {
    let write = SchoolWrite::Insert {
        ovt: koers_core::codes::Ovt::parse(ovt).unwrap_or_else(|e| panic!("{e}")),
        brin: ovt[..4].into(),
        sector: Sector::Vo,
        fields: SchoolFields {
            name: name.into(),
            place: Some("Zwolle".into()),
            board_number: Some(BoardNumber::new(board)),
            ..SchoolFields::default()
        },
    };
    (w.store().apply_school_writes(&[write], &Actor::system("test"), 1).await.unwrap_or_else(|e| panic!("{e}"))[0])
        .get()
}

const FORM: &str = "/bestuur/{nr}/meerdere-scholen?programma=leren-verbeteren-npo";

fn form_url() -> String {
    FORM.replace("{nr}", &BOARD_X.to_string())
}

fn contact<'a>() -> Vec<(&'a str, &'a str)> {
    vec![
        ("contact_name", "Bo Bestuur"),
        ("contact_email", "bo@bestuur-x.nl"),
        ("help_question", "Twee van onze scholen hebben dalende examenresultaten."),
    ]
}

#[tokio::test]
async fn a_board_applies_for_two_schools_and_staff_decide_each_on_its_own() {
    let w = world().await;
    let noord = vo_school(&w, "71AA00", "Lyceum Noord", BOARD_X).await;
    let zuid = vo_school(&w, "71AB00", "College Zuid", BOARD_X).await;
    let elders = vo_school(&w, "72AA00", "Elders College", BOARD_Y).await;
    let board = w.session(Who::BestuurderX).await;
    let board = board.as_deref();

    // Reachable by clicking: the board's page and the bestuurder's home link to the form.
    for page in [format!("/bestuur/{BOARD_X}"), "/home".to_owned()] {
        let r = w.get(&page, board).await;
        assert!(
            r.body.contains(&form_url().replace('&', "&#38;")) || r.body.contains(&form_url()),
            "{page}: {}",
            r.body
        );
    }
    let form = w.get(&form_url(), board).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("Lyceum Noord") && form.body.contains("College Zuid"));
    assert!(!form.body.contains("Elders College"), "only the board's own schools");
    assert!(!form.body.contains("School A"), "only schools the programme is for (VO)");

    // No school chosen.
    let r = w.post_form(&form_url(), board, &contact()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("scholen: kies ten minste één school van het bestuur"), "{}", r.body);
    assert!(r.body.contains("Twee van onze scholen"), "the help question is kept");

    // A school of another board, one twice, one without a description.
    let (n, z, e) = (noord.to_string(), zuid.to_string(), elders.to_string());
    let mut pairs = contact();
    pairs.push(("school", e.as_str()));
    let r = w.post_form(&form_url(), board, &pairs).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains(&format!("scholen: Elders College (72AA00) hoort niet bij bestuur {BOARD_X}")),
        "{}",
        r.body
    );
    let (rn, on) = (format!("risico_{noord}"), format!("onderbouwing_{noord}"));
    let (rz, oz) = (format!("risico_{zuid}"), format!("onderbouwing_{zuid}"));
    let mut pairs = contact();
    pairs.extend([
        ("school", n.as_str()),
        ("school", n.as_str()),
        (rn.as_str(), "falling_results"),
        (on.as_str(), "Havo-slagingspercentage drie jaar gedaald"),
    ]);
    let r = w.post_form(&form_url(), board, &pairs).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("scholen: Lyceum Noord staat er twee keer in"), "{}", r.body);
    let mut pairs = contact();
    pairs.extend([("school", n.as_str()), (rn.as_str(), "falling_results"), ("school", z.as_str())]);
    let r = w.post_form(&form_url(), board, &pairs).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("onderbouwing bij Lyceum Noord: beschrijf wat het risico laat zien"), "{}", r.body);
    assert!(r.body.contains("onderbouwing bij College Zuid"), "{}", r.body);
    assert!(r.body.contains(&format!(r#"value="{noord}" id="meerdere-school-{noord}" checked"#)), "ticks kept");
    assert!(
        w.store().board_requests_of_board(BoardNumber::new(BOARD_X)).await.unwrap_or_default().is_empty(),
        "nothing stored"
    );

    // Both schools with what shows the risk: stored, one line each, receipt mailed.
    let mut pairs = contact();
    pairs.extend([
        ("school", n.as_str()),
        (rn.as_str(), "falling_results"),
        (on.as_str(), "Havo-slagingspercentage drie jaar gedaald"),
        ("school", z.as_str()),
        (rz.as_str(), "team_signals"),
        (oz.as_str(), "Team meldt handelingsverlegenheid bij rekenen"),
    ]);
    let r = w.post_form(&form_url(), board, &pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let requests = w.store().board_requests_of_board(BoardNumber::new(BOARD_X)).await.unwrap_or_default();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(r.location(), format!("/bestuursaanvragen/{}?ingediend=1", request.id));
    assert_eq!(request.lines.iter().map(|l| l.school_id.get()).collect::<Vec<_>>(), vec![noord, zuid]);
    let mails = w.store().outbox(false, 0).await.unwrap_or_default();
    assert!(mails.iter().any(|m| m.to_address == "bo@bestuur-x.nl" && m.body_text.contains("College Zuid")));
    let page = w.get(r.location(), board).await;
    assert!(
        page.body.contains("De aanvraag is verstuurd") && page.body.contains("wacht op een besluit"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Goedkeuren"), "the board does not decide");
    let home = w.get("/home", board).await;
    assert!(home.body.contains(&format!("/bestuursaanvragen/{}", request.id)), "on the board's home");
    assert!(home.body.contains("2 scholen, 2 wachten op een besluit"), "{}", home.body);

    // Staff of NPO (programme B) see it on their home and decide per school; staff of GWGB+ not.
    let staff = w.session(Who::ProgrammaB).await;
    let staff = staff.as_deref();
    let home = w.get("/home", staff).await;
    assert!(home.body.contains(&format!("/bestuursaanvragen/{}", request.id)), "{}", home.body);
    let other = w.session(Who::Programma).await;
    assert_eq!(w.get(&format!("/bestuursaanvragen/{}", request.id), other.as_deref()).await.status, 404);
    let url = |line: i64| format!("/bestuursaanvragen/{}/scholen/{line}", request.id);
    let (first, second) = (&request.lines[0], &request.lines[1]);
    let v1 = first.version.to_string();
    let r = w.post_form(&url(second.id), staff, &[("besluit", "afwijzen"), ("reden", "kort"), ("version", "1")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("reden: leg uit waarom College Zuid niet meedoet"), "{}", r.body);
    assert!(r.body.contains(">kort</textarea>"), "the reason typed is kept");
    let r = w.post_form(&url(first.id), staff, &[("besluit", "goedkeuren"), ("version", v1.as_str())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The same decision again (a second tab): 409 with the state of now.
    let r = w.post_form(&url(first.id), staff, &[("besluit", "goedkeuren"), ("version", v1.as_str())]).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let reason = "Geen risico zichtbaar in de cijfers van het team.";
    let r = w.post_form(&url(second.id), staff, &[("besluit", "afwijzen"), ("reden", reason), ("version", "1")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let done = w.store().board_request(request.id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(done.lines[0].status, LineStatus::Goedgekeurd);
    assert_eq!((done.lines[1].status, done.lines[1].reason.as_deref()), (LineStatus::Afgewezen, Some(reason)));
    let application = w.store().application(done.lines[0].application_id.unwrap_or_default()).await;
    let application = application.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (application.school_id, application.status),
        (Some(SchoolId::new(noord)), Status::Definitief),
        "ready for an expert"
    );
    let inbox = w.get("/programma/aanmeldingen", staff).await;
    assert!(inbox.body.contains(&application.reference.to_string()), "in the staff inbox: {}", inbox.body);
    let page = w.get(&format!("/bestuursaanvragen/{}", request.id), board).await;
    assert!(page.body.contains("goedgekeurd") && page.body.contains(reason), "{}", page.body);
    assert!(page.body.contains(&format!("/aanmeldingen/{}", application.id)), "the school's application");
    let mails = w.store().outbox(false, 0).await.unwrap_or_default();
    assert_eq!(mails.iter().filter(|m| m.to_address == "bo@bestuur-x.nl").count(), 3, "receipt + two decisions");
    let audit = w
        .audit(koers_app::store::AuditFilter {
            entity: Some(koers_app::store::AuditEntity::BoardRequest),
            entity_id: Some(request.id.to_string()),
            limit: 100,
            ..Default::default()
        })
        .await;
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, vec!["line_decline", "line_approve", "submit"]);
}

#[tokio::test]
async fn only_the_board_and_beheerders_apply_and_only_for_programmes_that_allow_it() {
    let w = world().await;
    vo_school(&w, "71AA00", "Lyceum Noord", BOARD_X).await;
    let leader = w.session(Who::LeiderA).await;
    assert_eq!(w.get(&form_url(), leader.as_deref()).await.status, 403);
    let board = w.session(Who::BestuurderX).await;
    let other_board = FORM.replace("{nr}", &BOARD_Y.to_string());
    assert_eq!(w.get(&other_board, board.as_deref()).await.status, 403, "not their board");
    let gwgb = format!("/bestuur/{BOARD_X}/meerdere-scholen?programma=gwgb-plus-school");
    assert_eq!(w.get(&gwgb, board.as_deref()).await.status, 404, "GWGB+ has no multi-school request");
    let admin = w.session(Who::Beheerder).await;
    assert_eq!(w.get(&form_url(), admin.as_deref()).await.status, 200);
}
