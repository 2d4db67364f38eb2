//! The role homes, a school's own page (edit with field errors and conflicts, audit trail), the
//! board page and the screening list.

mod auth_support;

use auth_support::{BOARD_X, BOARD_Y, Who, world};
use axum::http::StatusCode;
use koers_app::store::{Actor, SchoolEdit};
use koers_core::ids::SchoolId;

#[tokio::test]
async fn each_role_lands_on_its_own_home() {
    let w = world().await;
    let board_link = format!("href=\"/bestuur/{BOARD_X}\"");
    let expect = [
        (Who::Beheerder, vec!["href=\"/beheer/gebruikers\"", "href=\"/beheer/import\"", "href=\"/beheer/audit\""]),
        (Who::Programma, vec!["3 scholen in het register doorgelicht.", "href=\"/programma/screening\""]),
        (Who::Expert, vec!["Jouw trajecten", "zodra het programma je aan een school koppelt"]),
        (Who::LeiderA, vec!["School A", "href=\"/mijn-school/", "Komt"]),
        (Who::BestuurderX, vec!["Stichting X", &board_link, "School A", "School C"]),
    ];
    for (who, texts) in expect {
        let cookie = w.session(who).await;
        let r = w.get("/home", cookie.as_deref()).await;
        assert_eq!(r.status, StatusCode::OK, "{who:?}");
        for t in texts {
            assert!(r.body.contains(t), "{who:?} home lacks {t:?}: {}", r.body);
        }
    }
    let leader = w.session(Who::LeiderA).await;
    let r = w.get("/home", leader.as_deref()).await;
    assert!(!r.body.contains("School B") && !r.body.contains("School C"));
    assert!(r.body.contains("light light-"), "traffic light with text");
}

#[tokio::test]
async fn a_school_leader_edits_their_school_with_dutch_field_errors() {
    let w = world().await;
    let a = w.ids.school_a;
    let cookie = w.session(Who::LeiderA).await.unwrap_or_default();
    let page = w.get(&format!("/mijn-school/{a}"), Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("value=\"31,47\""), "Dutch decimal comma: {}", page.body);
    let v = w.store().school(SchoolId::new(a)).await.map(|s| s.version.to_string()).unwrap_or_default();
    let uri = format!("/mijn-school/{a}");
    let bad = [("naam", ""), ("website", "klimop"), ("schoolweging", "dertig"), ("version", v.as_str())];
    let r = w.post_form(&uri, Some(&cookie), &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Vul de naam van de school in"));
    assert!(r.body.contains("Vul een webadres in, bijvoorbeeld www.school.nl"));
    assert!(r.body.contains("Vul de schoolweging in als getal, bijvoorbeeld 31,47."));
    assert!(r.body.contains("value=\"dertig\"") && r.body.contains("value=\"klimop\""), "typed values kept");
    let range = [("naam", "School A"), ("schoolweging", "101,5"), ("version", v.as_str())];
    assert!(w.post_form(&uri, Some(&cookie), &range).await.body.contains("ligt tussen 0 en 100"));
    let good = [
        ("naam", "School A"),
        ("plaats", "Kampen"),
        ("website", "https://school-a.nl"),
        ("schoolweging", "30,25"),
        ("version", v.as_str()),
    ];
    let r = w.post_form(&uri, Some(&cookie), &good).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), format!("/mijn-school/{a}?opgeslagen=1"));
    let s = w.store().school(SchoolId::new(a)).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((s.place.as_deref(), s.schoolweging), (Some("Kampen"), Some(30.25)));
    use koers_core::register::ManualField;
    assert!(s.manual_fields.contains(&ManualField::Place) && !s.manual_fields.contains(&ManualField::Name));
    let after = w.get(r.location(), Some(&cookie)).await;
    assert!(after.body.contains("De wijzigingen zijn opgeslagen."));
    assert!(after.body.contains("leider-a@test.nl"), "audit trail shows the actor: {}", after.body);
    assert!(after.body.contains("Kampen"));
}

/// Issue 11 item 9: DUO's register writes websites without a scheme; the form shows the stored
/// value and must accept it back unchanged (it was a 422 on an unchanged save).
#[tokio::test]
async fn the_register_form_accepts_the_website_it_shows() {
    let w = world().await;
    let a = w.ids.school_a;
    let edit = SchoolEdit { website: Some(Some("www.school-a.nl".into())), ..Default::default() };
    let v = w.store().school(SchoolId::new(a)).await.map(|s| s.version).unwrap_or_default();
    w.state
        .app
        .edit_school(SchoolId::new(a), v, &edit, &Actor::system("oude import"), 5)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let before = w.store().school(SchoolId::new(a)).await.unwrap_or_else(|e| panic!("{e}"));
    let cookie = w.session(Who::LeiderA).await.unwrap_or_default();
    let page = w.get(&format!("/mijn-school/{a}"), Some(&cookie)).await;
    assert!(page.body.contains("value=\"www.school-a.nl\""), "{}", page.body);
    let v = before.version.to_string();
    let weging = before.schoolweging.map(|x| format!("{x}").replace('.', ",")).unwrap_or_default();
    let unchanged = [
        ("naam", before.name.as_str()),
        ("plaats", before.place.as_deref().unwrap_or("")),
        ("website", "www.school-a.nl"),
        ("schoolweging", weging.as_str()),
        ("version", v.as_str()),
    ];
    let r = w.post_form(&format!("/mijn-school/{a}"), Some(&cookie), &unchanged).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = w.store().school(SchoolId::new(a)).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.version, before.version, "an unchanged save is no edit");
    let typed = [
        ("naam", before.name.as_str()),
        ("plaats", before.place.as_deref().unwrap_or("")),
        ("website", "www.nieuw-a.nl"),
        ("schoolweging", weging.as_str()),
        ("version", v.as_str()),
    ];
    let r = w.post_form(&format!("/mijn-school/{a}"), Some(&cookie), &typed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = w.store().school(SchoolId::new(a)).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.website.as_deref(), Some("https://www.nieuw-a.nl"), "stored with its scheme");
}

#[tokio::test]
async fn a_conflicting_school_edit_shows_both_versions() {
    let w = world().await;
    let a = w.ids.school_a;
    let cookie = w.session(Who::LeiderA).await.unwrap_or_default();
    let v = w.store().school(SchoolId::new(a)).await.map(|s| s.version).unwrap_or_default();
    let theirs = SchoolEdit { place: Some(Some("Deventer".into())), ..Default::default() };
    w.store()
        .edit_school(SchoolId::new(a), v, &theirs, &Actor::system("collega"), 5)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let v = v.to_string();
    let mine = [("naam", "School A"), ("plaats", "Hattem"), ("schoolweging", "31,47"), ("version", v.as_str())];
    let r = w.post_form(&format!("/mijn-school/{a}"), Some(&cookie), &mine).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("Iemand anders heeft deze school intussen gewijzigd"));
    assert!(r.body.contains("<dd>Deventer</dd>"), "their value: {}", r.body);
    assert!(r.body.contains("value=\"Hattem\""), "my value kept");
    assert_eq!(w.store().school(SchoolId::new(a)).await.ok().and_then(|s| s.place).as_deref(), Some("Deventer"));
    // Saving again (with the version shown now) is a deliberate overwrite.
    let now = w.store().school(SchoolId::new(a)).await.map(|s| s.version.to_string()).unwrap_or_default();
    assert!(r.body.contains(&format!("name=\"version\" value=\"{now}\"")));
    let again = [("naam", "School A"), ("plaats", "Hattem"), ("schoolweging", "31,47"), ("version", now.as_str())];
    assert_eq!(w.post_form(&format!("/mijn-school/{a}"), Some(&cookie), &again).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn programme_staff_see_a_school_read_only_and_cannot_post() {
    let w = world().await;
    let b = w.ids.school_b;
    let cookie = w.session(Who::Programma).await.unwrap_or_default();
    let r = w.get(&format!("/mijn-school/{b}"), Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("name=\"version\""), "no edit form");
    let v = w.store().school(SchoolId::new(b)).await.map(|s| s.version.to_string()).unwrap_or_default();
    let post =
        w.post_form(&format!("/mijn-school/{b}"), Some(&cookie), &[("naam", "X"), ("version", v.as_str())]).await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert_eq!(w.store().school(SchoolId::new(b)).await.map(|s| s.name).unwrap_or_default(), "School B");
}

#[tokio::test]
async fn the_board_page_lists_its_schools_with_verdict_and_light() {
    let w = world().await;
    let cookie = w.session(Who::BestuurderX).await;
    let r = w.get(&format!("/bestuur/{BOARD_X}"), cookie.as_deref()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("School A") && r.body.contains("School C") && !r.body.contains("School B"));
    assert_eq!(w.get(&format!("/bestuur/{BOARD_Y}"), cookie.as_deref()).await.status, StatusCode::FORBIDDEN);
    let admin = w.session(Who::Beheerder).await;
    assert_eq!(w.get("/bestuur/777", admin.as_deref()).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_screening_filters_by_verdict_and_light() {
    let w = world().await;
    let cookie = w.session(Who::Programma).await;
    let all = w.get("/programma/screening", cookie.as_deref()).await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.body.contains("3 scholen gevonden."), "{}", all.body);
    let groen = w.get("/programma/screening?licht=groen", cookie.as_deref()).await;
    assert!(groen.body.contains("School B") && !groen.body.contains("School C"), "{}", groen.body);
    let geen = w.get("/programma/screening?licht=geen&uitkomst=undetermined", cookie.as_deref()).await;
    assert!(geen.body.contains("School C") && !geen.body.contains("School B"), "{}", geen.body);
    let beyond = w.get("/programma/screening?pagina=99", cookie.as_deref()).await;
    assert_eq!(beyond.status, StatusCode::OK, "clamped to the last page");
}
