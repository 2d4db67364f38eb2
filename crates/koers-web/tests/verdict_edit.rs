//! Verdict leftovers (issue 10 §2): programme staff change and delete a recorded verdict
//! (reachable from the verdict list; version-checked: a stale edit shows the verdict as it is
//! now; audited with before and after; bad input named in Dutch); a verdict a VO school names in
//! the aanmeld form is stored as verklaard until staff confirm.

mod auth_support;

use auth_support::{BOARD_X, Who, world};
use koers_app::store::{Actor, AuditFilter, SchoolFields, SchoolWrite, Sector};
use koers_core::ids::{BoardNumber, SchoolId};

#[tokio::test]
async fn staff_change_and_delete_a_verdict_with_its_version() {
    let w = world().await;
    let a = w.ids.school_a;
    let staff = w.session(Who::Programma).await;
    let list = format!("/mijn-school/{a}/oordelen");
    let rec = w
        .post_form(&list, staff.as_deref(), &[("datum", "12-03-2025"), ("oordeel", "onvoldoende"), ("bron", "rapport")])
        .await;
    assert_eq!(rec.status, 303, "{}", rec.body);
    let v = w.store().verdicts_of_school(SchoolId::new(a)).await.unwrap_or_default().remove(0);
    let edit = format!("/oordelen/{}/wijzigen", v.id);
    let page = w.get(&list, staff.as_deref()).await;
    assert!(page.body.contains(&format!("href=\"{edit}\"")), "reachable from the list: {}", page.body);
    // The leader sees the list, not the edit link, and may not open it.
    let leader = w.session(Who::LeiderA).await;
    assert!(!w.get(&list, leader.as_deref()).await.body.contains(&edit));
    assert_eq!(w.get(&edit, leader.as_deref()).await.status, 403);

    let form = w.get(&edit, staff.as_deref()).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("value=\"12-03-2025\""), "{}", form.body);
    let version = v.version.to_string();
    // A date in the future: 422 at the field, typed input kept.
    let bad = w
        .post_form(
            &edit,
            staff.as_deref(),
            &[("version", &version), ("datum", "01-01-2999"), ("oordeel", "voldoende"), ("bron", "nieuw rapport")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("Datum: een oordeel kan niet in de toekomst liggen"), "{}", bad.body);
    assert!(bad.body.contains("value=\"nieuw rapport\""));
    // Saved.
    let ok = w
        .post_form(
            &edit,
            staff.as_deref(),
            &[("version", &version), ("datum", "14-03-2025"), ("oordeel", "voldoende"), ("bron", "herstelonderzoek")],
        )
        .await;
    assert_eq!((ok.status.as_u16(), ok.location()), (303, list.as_str()), "{}", ok.body);
    let now = w.store().verdict(v.id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (now.oordeel.as_str(), now.verdict_date.as_str(), now.version),
        ("voldoende", "2025-03-14", v.version + 1)
    );
    // The same (stale) version again: 409, the current verdict, what was typed kept.
    let stale = w
        .post_form(
            &edit,
            staff.as_deref(),
            &[("version", &version), ("datum", "15-03-2025"), ("oordeel", "goed"), ("bron", "x")],
        )
        .await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains("Iemand anders heeft dit oordeel intussen gewijzigd"));
    assert!(
        stale.body.contains(&format!("name=\"version\" value=\"{}\"", now.version)),
        "the form now holds the new version"
    );

    // Delete: first the tick, then gone; both audited.
    let del = format!("/oordelen/{}/verwijderen", v.id);
    let v2 = now.version.to_string();
    let no_tick = w.post_form(&del, staff.as_deref(), &[("version", &v2)]).await;
    assert_eq!(no_tick.status, 422, "{}", no_tick.body);
    assert!(no_tick.body.contains("Verwijderen: vink aan"));
    let gone = w.post_form(&del, staff.as_deref(), &[("version", &v2), ("zeker", "ja")]).await;
    assert_eq!((gone.status.as_u16(), gone.location()), (303, list.as_str()));
    assert!(w.store().verdicts_of_school(SchoolId::new(a)).await.unwrap_or_default().is_empty());
    let log = w
        .audit(AuditFilter {
            entity: Some(koers_app::store::AuditEntity::Verdict),
            entity_id: Some(v.id.to_string()),
            limit: 10,
            ..Default::default()
        })
        .await;
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["delete", "update", "create"], "{log:?}");
    assert!(log[1].before.as_deref().is_some_and(|b| b.contains("onvoldoende")));
    assert!(log[1].after.as_deref().is_some_and(|b| b.contains("voldoende")));
}

#[tokio::test]
async fn a_verdict_named_in_a_vo_aanmelding_is_stored_as_declared() {
    let w = world().await;
    let actor = Actor::system("test");
    let write = SchoolWrite::Insert {
        ovt: koers_core::codes::Ovt::parse("77VO|C1").unwrap_or_else(|e| panic!("{e}")),
        brin: "77VO".into(),
        sector: Sector::Vo,
        fields: SchoolFields {
            name: "College Noord".into(),
            board_number: Some(BoardNumber::new(BOARD_X)),
            ..SchoolFields::default()
        },
    };
    let vo = w.store().apply_school_writes(&[write], &actor, 1).await.unwrap_or_else(|e| panic!("{e}"))[0];
    // The board's bestuurder may apply for the board's schools.
    let bestuur = w.session(Who::BestuurderX).await;
    let uri = format!("/aanmelden?school={vo}&programma=leren-verbeteren-npo");
    let sent = w
        .post_form(
            &uri,
            bestuur.as_deref(),
            &[
                ("oordeel", "zeer_zwak"),
                ("department", "havo"),
                ("contact_name", "Bo"),
                ("contact_email", "bo@bestuur.nl"),
                ("help_question", "Havo-afdeling verbeteren"),
            ],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let v = w.store().verdicts_of_school(vo).await.unwrap_or_default();
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(
        (v[0].oordeel.as_str(), v[0].afdeling.as_deref(), v[0].status.as_str()),
        ("zeer_zwak", Some("havo"), "verklaard")
    );
    assert_eq!(v[0].source, "verklaard in de aanmelding");
    // Staff see it as declared and can confirm it.
    let beheer = w.session(Who::Beheerder).await;
    let page = w.get(&format!("/mijn-school/{vo}/oordelen"), beheer.as_deref()).await;
    assert!(page.body.contains("verklaard (nog niet bevestigd)"), "{}", page.body);
    assert!(page.body.contains(&format!("/oordelen/{}/bevestigen", v[0].id)));
}
