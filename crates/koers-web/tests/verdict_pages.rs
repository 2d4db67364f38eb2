//! Inspectie verdicts in the browser (issue 10 §2): reachable by clicking from staff's view of a
//! school; the school leader declares (verklaard), a date in the future or an unknown oordeel
//! gets a Dutch message at the field and keeps what was typed; programme staff confirm.

mod auth_support;

use auth_support::{BOARD_X, Who, world};
use koers_core::ids::SchoolId;

#[tokio::test]
async fn leader_declares_staff_confirm_bad_input_is_named() {
    let w = world().await;
    let a = w.ids.school_a;
    let staff = w.session(Who::Programma).await;
    let leader = w.session(Who::LeiderA).await;

    // Reachable from staff's school view and from the board page.
    let own = w.get(&format!("/mijn-school/{a}"), staff.as_deref()).await;
    assert!(own.body.contains(&format!("href=\"/mijn-school/{a}/oordelen\"")), "{}", own.body);
    let board = w.get(&format!("/bestuur/{BOARD_X}"), staff.as_deref()).await;
    assert!(board.body.contains(&format!("href=\"/bestuur/{BOARD_X}/oordelen\"")), "{}", board.body);

    let uri = format!("/mijn-school/{a}/oordelen");
    let page = w.get(&uri, leader.as_deref()).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Oordeel verklaren"), "{}", page.body);
    assert!(page.body.contains("Er zijn nog geen oordelen vastgelegd."));

    // A date in the future and an unknown oordeel: 422, messages naming the field, input kept.
    let bad = w
        .post_form(&uri, leader.as_deref(), &[("datum", "01-01-2999"), ("oordeel", "matig"), ("bron", "rapport 7")])
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("Datum: een oordeel kan niet in de toekomst liggen"), "{}", bad.body);
    assert!(
        bad.body.contains("Oordeel: onbekend oordeel &#34;matig&#34;")
            || bad.body.contains("Oordeel: onbekend oordeel &quot;matig&quot;"),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("value=\"rapport 7\""), "typed input kept");
    assert!(bad.body.contains("aria-invalid=\"true\""));

    // Declared: listed as verklaard.
    let ok = w
        .post_form(
            &uri,
            leader.as_deref(),
            &[
                ("datum", "12-03-2025"),
                ("oordeel", "onvoldoende"),
                ("herstelopdracht", "ja"),
                ("bron", "inspectierapport 12-03-2025"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let page = w.get(&uri, leader.as_deref()).await;
    assert!(page.body.contains("verklaard (nog niet bevestigd)"), "{}", page.body);
    assert!(!page.body.contains("/bevestigen"), "the leader cannot confirm");

    // Staff confirm it.
    let page = w.get(&uri, staff.as_deref()).await;
    assert!(page.body.contains("Oordeel vastleggen"), "staff record as vastgesteld");
    let v = w.store().verdicts_of_school(SchoolId::new(a)).await.unwrap_or_default();
    assert_eq!(v.len(), 1);
    let confirm = format!("/oordelen/{}/bevestigen", v[0].id);
    assert!(page.body.contains(&confirm), "{}", page.body);
    let res = w.post_form(&confirm, staff.as_deref(), &[("version", &v[0].version.to_string())]).await;
    assert_eq!((res.status.as_u16(), res.location()), (303, uri.as_str()));
    let page = w.get(&uri, leader.as_deref()).await;
    assert!(page.body.contains("vastgesteld (programma@"), "{}", page.body);
    // A second click (stale version) lands on the same page, nothing changes.
    let res = w.post_form(&confirm, staff.as_deref(), &[("version", &v[0].version.to_string())]).await;
    assert_eq!(res.status, 303);
}
