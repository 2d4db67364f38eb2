//! The beheerder's pages: users (create, edit, roles, conflicts), import upload, audit log.

mod auth_support;

use auth_support::{BOARD_X, Who, browser, world};
use axum::body::Body;
use axum::http::StatusCode;
use koers_app::store::{Actor, UserUpdate};
use koers_core::access::{RoleKind, Scope};
use koers_core::ids::{SchoolId, UserId};

#[tokio::test]
async fn creating_a_user_reports_every_problem_in_dutch_and_keeps_the_input() {
    let w = world().await;
    let admin = w.session(Who::Beheerder).await.unwrap_or_default();
    let form = w.get("/beheer/gebruikers/nieuw", Some(&admin)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Goed Worden, Goed Blijven Plus (school)"), "programmes offered: {}", form.body);
    let pairs = [
        ("email", "geen-adres"),
        ("naam", ""),
        ("wachtwoord", "kort-ww"),
        ("taal", "nl"),
        ("rol", "schoolleider"),
        ("school", "00ZZ|C9"),
    ];
    let r = w.post_form("/beheer/gebruikers/nieuw", Some(&admin), &pairs).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for text in [
        "vul een geldig e-mailadres in",
        "vul een naam in",
        "minstens 10",
        "Er is geen school met ovt-code 00ZZ|C9 in het register.",
    ] {
        assert!(r.body.contains(text), "missing {text:?}");
    }
    assert!(r.body.contains("value=\"geen-adres\"") && !r.body.contains("kort-ww"));
    let board = [
        ("email", "nieuw@test.nl"),
        ("naam", "Nieuwe Bestuurder"),
        ("wachtwoord", "lang-genoeg-wachtwoord"),
        ("rol", "bestuurder"),
        ("bestuur", "99999"),
    ];
    let r = w.post_form("/beheer/gebruikers/nieuw", Some(&admin), &board).await;
    assert!(r.body.contains("Er is geen bestuur met nummer 99999 in het register."), "{}", r.body);
    let no_role = [("email", "nieuw@test.nl"), ("naam", "X"), ("wachtwoord", "lang-genoeg-wachtwoord")];
    assert!(w.post_form("/beheer/gebruikers/nieuw", Some(&admin), &no_role).await.body.contains("Kies een rol."));
    let dup = [
        ("email", "EXPERT@test.nl"),
        ("naam", "Dubbel"),
        ("wachtwoord", "lang-genoeg-wachtwoord"),
        ("rol", "beheerder"),
    ];
    let r = w.post_form("/beheer/gebruikers/nieuw", Some(&admin), &dup).await;
    assert!(r.body.contains("er bestaat al een account met dit e-mailadres"), "{}", r.body);
}

#[tokio::test]
async fn a_created_user_gets_the_role_and_can_log_in() {
    let w = world().await;
    let admin = w.session(Who::Beheerder).await.unwrap_or_default();
    let pairs = [
        ("email", "Leider-B@Test.nl"),
        ("naam", "Lotte Leider"),
        ("wachtwoord", "lang-genoeg-wachtwoord"),
        ("taal", "en"),
        ("rol", "schoolleider"),
        ("school", "22BB|C1"),
    ];
    let r = w.post_form("/beheer/gebruikers/nieuw", Some(&admin), &pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let user = w.store().user_by_email("leider-b@test.nl").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.location(), format!("/beheer/gebruikers/{}", user.id));
    assert_eq!(user.locale, "en");
    let grants = w.store().grants_of_user(user.id).await.unwrap_or_default();
    assert_eq!(grants[0].grant.scope, Scope::School(SchoolId::new(w.ids.school_b)));
    let list = w.get("/beheer/gebruikers", Some(&admin)).await;
    assert!(list.body.contains("Lotte Leider") && list.body.contains("Schoolleider – School B (22BB|C1)"));
    let login = w.login_raw("leider-b@test.nl", "lang-genoeg-wachtwoord").await;
    let cookie = login.session_cookie().unwrap_or_default();
    assert_eq!(w.get(&format!("/mijn-school/{}", w.ids.school_b), Some(&cookie)).await.status, StatusCode::OK);
    assert_eq!(w.get(&format!("/mijn-school/{}", w.ids.school_a), Some(&cookie)).await.status, StatusCode::FORBIDDEN);
    // The creation is in the audit log page.
    let audit = w.get("/beheer/audit?entiteit=user", Some(&admin)).await;
    assert!(audit.body.contains("leider-b@test.nl"), "{}", audit.body);
    assert!(audit.body.contains("beheer@test.nl"), "the actor is shown");
}

#[tokio::test]
async fn editing_a_user_detects_a_conflict_and_keeps_what_was_typed() {
    let w = world().await;
    let admin = w.session(Who::Beheerder).await.unwrap_or_default();
    let uid = w.user_id(Who::Expert).await;
    let page = w.get(&format!("/beheer/gebruikers/{uid}"), Some(&admin)).await;
    let old = w.store().user(UserId::new(uid)).await.map(|u| u.version).unwrap_or_default();
    assert!(page.body.contains(&format!("name=\"version\" value=\"{old}\"")), "{}", page.body);
    // Someone else renames the account in the meantime.
    let other = UserUpdate { name: Some("Esther van Dijk".into()), ..Default::default() };
    w.store()
        .update_user(UserId::new(uid), old, &other, &Actor::system("test"), 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let old = old.to_string();
    let pairs = [("naam", "Esther de Expert"), ("actief", "1"), ("taal", "nl"), ("version", old.as_str())];
    let r = w.post_form(&format!("/beheer/gebruikers/{uid}"), Some(&admin), &pairs).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("Iemand anders heeft dit account intussen gewijzigd"));
    assert!(r.body.contains("value=\"Esther de Expert\""), "typed value kept");
    assert!(r.body.contains("Esther van Dijk"), "the other person's value shown");
    assert_eq!(w.store().user(UserId::new(uid)).await.map(|u| u.name).unwrap_or_default(), "Esther van Dijk");
    let bad = [("naam", " "), ("version", old.as_str()), ("wachtwoord", "kort")];
    let r = w.post_form(&format!("/beheer/gebruikers/{uid}"), Some(&admin), &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Vul een naam in") && r.body.contains("minstens 10"));
}

#[tokio::test]
async fn roles_are_added_checked_against_the_register_and_removed() {
    let w = world().await;
    let admin = w.session(Who::Beheerder).await.unwrap_or_default();
    let uid = w.user_id(Who::Expert).await;
    let uri = format!("/beheer/gebruikers/{uid}/rollen");
    let bad = w.post_form(&uri, Some(&admin), &[("rol", "bestuurder"), ("bestuur", "abc")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Vul een bestuursnummer in"));
    let x = BOARD_X.to_string();
    let ok = w.post_form(&uri, Some(&admin), &[("rol", "bestuurder"), ("bestuur", x.as_str())]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let grants = w.store().grants_of_user(UserId::new(uid)).await.unwrap_or_default();
    let added = grants.iter().find(|g| g.grant.role == RoleKind::Bestuurder).map(|g| g.id).unwrap_or_default();
    assert!(added.get() > 0);
    let other = w.user_id(Who::LeiderA).await;
    let wrong_user =
        w.post_form(&format!("/beheer/gebruikers/{other}/rollen/{added}/verwijderen"), Some(&admin), &[]).await;
    assert_eq!(wrong_user.status, StatusCode::NOT_FOUND);
    let gone = w.post_form(&format!("{uri}/{added}/verwijderen"), Some(&admin), &[]).await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    assert_eq!(w.store().grants_of_user(UserId::new(uid)).await.unwrap_or_default().len(), 1);
}

fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "koers-test-grens";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn an_upload_shows_the_summary_with_kept_edits_and_rejected_rows() {
    let w = world().await;
    let admin = w.session(Who::Beheerder).await.unwrap_or_default();
    // A manual edit first: the import must keep it and say so.
    let a = w.store().school(SchoolId::new(w.ids.school_a)).await.unwrap_or_else(|e| panic!("{e}"));
    let edit = [("naam", "School A (handmatig)"), ("plaats", "Zwolle"), ("schoolweging", "31,47")];
    let v = a.version.to_string();
    let edit: Vec<(&str, &str)> = edit.into_iter().chain([("version", v.as_str())]).collect();
    assert_eq!(w.post_form(&format!("/mijn-school/{}", a.id), Some(&admin), &edit).await.status, StatusCode::SEE_OTHER);
    let csv = "ovt;naam;bevoegd_gezag_nummer;schoolweging_driejaarsgemiddelde\n\
               11AA|C1;School A uit het bestand;41646;32.10\n\
               44DD|C1;School D;41646;29.5\n\
               55EE|C1;School E;41646;veel\n";
    let send = |name: &str, bytes: &[u8]| {
        let (ct, body) = multipart(name, bytes);
        browser("POST", "/beheer/import", Some(&admin))
            .header("content-type", ct)
            .body(Body::from(body))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let r = w.send(send("weging.csv", csv.as_bytes())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Samenvatting"));
    assert!(r.body.contains("School A (handmatig)") && r.body.contains("School A uit het bestand"), "kept edit");
    assert!(r.body.contains("<td class=\"num\">4</td>"), "rejected row on line 4: {}", r.body);
    assert!(r.body.contains("<code>veel</code>"));
    assert!(w.store().school_by_ovt("44DD|C1").await.is_ok());
    assert_eq!(w.store().school(a.id).await.map(|s| s.name).unwrap_or_default(), "School A (handmatig)");

    let empty = w.send(send("leeg.csv", b"")).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Het bestand leeg.csv is leeg."), "{}", empty.body);
    let pdf = w.send(send("rapport.pdf", b"%PDF-1.7")).await;
    assert!(pdf.body.contains("is geen CSV-, xlsx- of ods-bestand"));
    let unknown = w.send(send("iets.csv", b"a;b\n1;2\n")).await;
    assert!(unknown.body.contains("is geen bekend bestand"), "{}", unknown.body);
    let big = vec![b'x'; koers_web::html::beheer::import::BODY_LIMIT + 1];
    let r = w.send(send("groot.csv", &big)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("Het bestand is te groot: hoogstens 50 MB."), "{}", &r.body[..r.body.len().min(500)]);
    // Programme staff may not import.
    let staff = w.session(Who::Programma).await.unwrap_or_default();
    let (ct, body) = multipart("weging.csv", csv.as_bytes());
    let req = browser("POST", "/beheer/import", Some(&staff)).header("content-type", ct).body(Body::from(body));
    assert_eq!(w.send(req.unwrap_or_else(|e| panic!("{e}"))).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_audit_log_filters_and_shows_before_and_after() {
    let w = world().await;
    let admin = w.session(Who::Beheerder).await.unwrap_or_default();
    let a = w.ids.school_a;
    let v = w.store().school(SchoolId::new(a)).await.map(|s| s.version.to_string()).unwrap_or_default();
    let edit = [("naam", "School Alfa"), ("plaats", "Kampen"), ("schoolweging", ""), ("version", v.as_str())];
    assert_eq!(w.post_form(&format!("/mijn-school/{a}"), Some(&admin), &edit).await.status, StatusCode::SEE_OTHER);
    let aid = w.user_id(Who::Beheerder).await;
    let r = w.get(&format!("/beheer/audit?entiteit=school&id={a}&actor={aid}"), Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("School Alfa") && r.body.contains("Kampen"), "after shown: {}", r.body);
    assert!(r.body.contains("&quot;School A&quot;") || r.body.contains("School A"), "before shown");
    let none = w.get("/beheer/audit?entiteit=grant&id=999999", Some(&admin)).await;
    assert!(none.body.contains("Geen wijzigingen gevonden."));
}

#[tokio::test]
async fn the_last_active_beheerder_cannot_be_deactivated_or_lose_the_role() {
    let w = world().await;
    let admin = w.session(Who::Beheerder).await.unwrap_or_default();
    let uid = w.user_id(Who::Beheerder).await;
    let version = w.store().user(UserId::new(uid)).await.map(|u| u.version.to_string()).unwrap_or_default();
    let pairs = [("naam", "Bea Beheer"), ("taal", "nl"), ("version", version.as_str())];
    let r = w.post_form(&format!("/beheer/gebruikers/{uid}"), Some(&admin), &pairs).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("dit is de laatste actieve beheerder"), "{}", r.body);
    assert!(w.store().user(UserId::new(uid)).await.map(|u| u.active).unwrap_or(false), "still active");
    let grant = w
        .store()
        .grants_of_user(UserId::new(uid))
        .await
        .unwrap_or_default()
        .into_iter()
        .find(|g| g.grant.role == RoleKind::Beheerder)
        .map(|g| g.id)
        .unwrap_or_default();
    let r = w.post_form(&format!("/beheer/gebruikers/{uid}/rollen/{grant}/verwijderen"), Some(&admin), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("dit is de laatste actieve beheerder"));
    assert!(
        w.store().grants_of_user(UserId::new(uid)).await.unwrap_or_default().iter().any(|g| g.id == grant),
        "role kept"
    );
}
