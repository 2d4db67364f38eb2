//! `/beheer/experts/{id}/inzet` (issue 10 §6): reachable from the expert's page; programmes and
//! sectors ticked are saved; a standplaats the register does not know and a bad distance get
//! Dutch messages at their fields, with everything typed kept.

mod auth_support;

use auth_support::{Who, world};
use koers_app::store::{Actor, ExpertWrite};

#[tokio::test]
async fn staff_set_programmes_sectors_and_standplaats() {
    let w = world().await;
    let e = ExpertWrite {
        user_id: None,
        name: "Vera Vo".into(),
        email: "vera@experts.test".into(),
        expertise: vec!["examens".into()],
        regions: vec![],
        capacity_trajectories: 2,
        capacity_dagdelen: 32,
        available: true,
        expected_version: None,
    };
    let e = w.state.app.save_expert(&e, &Actor::system("test"), 1).await.unwrap_or_else(|e| panic!("{e}"));
    let staff = w.session(Who::Programma).await;
    let detail = w.get(&format!("/beheer/experts/{}", e.id), staff.as_deref()).await;
    let uri = format!("/beheer/experts/{}/inzet", e.id);
    assert!(detail.body.contains(&format!("href=\"{uri}\"")), "{}", detail.body);

    let bad = w
        .post_form(
            &uri,
            staff.as_deref(),
            &[("version", "1"), ("programma", "leren-verbeteren-npo"), ("standplaats", "Atlantis"), ("max_km", "-3")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(
        bad.body.contains("Standplaats: &#34;Atlantis&#34; staat niet")
            || bad.body.contains("Standplaats: &quot;Atlantis&quot; staat niet"),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("Maximale reisafstand: een heel aantal kilometers"), "{}", bad.body);
    assert!(bad.body.contains("value=\"Atlantis\"") && bad.body.contains("value=\"leren-verbeteren-npo\" checked"));

    let ok = w
        .post_form(
            &uri,
            staff.as_deref(),
            &[
                ("version", "1"),
                ("programma", "leren-verbeteren-npo"),
                ("programma", "leren-verbeteren-procesbegeleiding"),
                ("sector", "vo"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let saved = w.store().expert(e.id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.pool.programmes, ["leren-verbeteren-npo", "leren-verbeteren-procesbegeleiding"]);
    assert_eq!(saved.pool.sectors, ["vo"]);
    let page = w.get(&uri, staff.as_deref()).await;
    assert!(page.body.contains("value=\"vo\" checked"), "{}", page.body);
    // The school leader may not.
    let leader = w.session(Who::LeiderA).await;
    assert_eq!(w.get(&uri, leader.as_deref()).await.status, 403);
}
