//! Eigen berekening (issue 10 §3): from the start page a PO school checks its own numbers at
//! `/check?school=…`, applies with them, and the application carries them next to the register's
//! outcome, marked "eigen berekening", shown to staff. The register alone would say "niet in
//! aanmerking" here; the own calculation lets the school apply.

mod auth_support;

use auth_support::{Who, world};
use koers_app::store::{Actor, ResultYear};
use koers_core::ids::SchoolId;

fn year(school_id: i64, y: i64) -> ResultYear {
    ResultYear {
        school_id: SchoolId::new(school_id),
        test_year: y,
        pupils: Some(30),
        pct_1f: Some(99.0),
        pct_1s2f: Some(70.0),
        suppressed: false,
        source: "test".into(),
    }
}

#[tokio::test]
async fn a_school_applies_with_its_own_calculation() {
    let w = world().await;
    let a = w.ids.school_a;
    // The register: well above the band (niet in aanmerking).
    let rows = [year(a, 2023), year(a, 2024), year(a, 2025)];
    w.store().upsert_results(&rows, &Actor::system("test"), 2).await.unwrap_or_else(|e| panic!("{e}"));
    let leader = w.session(Who::LeiderA).await;
    let start = w.get(&format!("/welke-ondersteuning/school/{a}"), leader.as_deref()).await;
    assert!(start.body.contains("Komt niet in aanmerking"), "{}", start.body);
    assert!(start.body.contains(&format!("href=\"/check?school={a}\"")));

    let check = w.get(&format!("/check?school={a}"), leader.as_deref()).await;
    assert!(check.body.contains("Je rekent voor School A"), "{}", check.body);
    assert!(check.body.contains(&format!("name=\"school\" value=\"{a}\"")));
    let numbers = [
        ("school", a.to_string()),
        ("jaar-1", "2023".into()),
        ("leerlingen-1", "30".into()),
        ("pct1f-1", "96".into()),
        ("pct1s2f-1", "46".into()),
        ("jaar-2", "2024".into()),
        ("leerlingen-2", "30".into()),
        ("pct1f-2", "96".into()),
        ("pct1s2f-2", "46".into()),
        ("jaar-3", "2025".into()),
        ("leerlingen-3", "30".into()),
        ("pct1f-3", "96".into()),
        ("pct1s2f-3", "45,5".into()),
        ("schoolweging", "31,47".into()),
    ];
    let pairs: Vec<(&str, &str)> = numbers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let result = w.post_form("/check", leader.as_deref(), &pairs).await;
    assert_eq!(result.status, 200, "{}", result.body);
    assert!(result.body.contains("Aanmelden met deze eigen berekening"), "{}", result.body);
    let href = result
        .body
        .split("href=\"/aanmelden?")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|q| format!("/aanmelden?{}", q.replace("&#38;", "&")))
        .unwrap_or_else(|| panic!("no apply link: {}", result.body));
    assert!(href.contains("programma=gwgb-plus-school") && href.contains("pct1s2f-3=45%2C5"), "{href}");

    let form = w.get(&href, leader.as_deref()).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("Eigen berekening van de school"), "{}", form.body);
    assert!(form.body.contains("name=\"pct1s2f-3\" value=\"45,5\""), "carried in hidden fields");

    // Posted (the hidden fields with the contact part): accepted although the register says no.
    let mut post: Vec<(&str, &str)> = pairs.iter().filter(|(k, _)| *k != "school").copied().collect();
    post.extend([("contact_name", "Sam"), ("contact_email", "sam@school.nl"), ("help_question", "Resultaten omhoog")]);
    let action = format!("/aanmelden?school={a}&programma=gwgb-plus-school");
    let sent = w.post_form(&action, leader.as_deref(), &post).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let apps = w.store().list_applications(&Default::default()).await.unwrap_or_default();
    let app = apps.iter().find(|x| x.school_id == Some(SchoolId::new(a))).unwrap_or_else(|| panic!("{apps:?}"));
    let own = koers_app::applications::own::stored(app.entry_facts_json.as_deref()).unwrap_or_else(|| panic!("stored"));
    assert_eq!(own.verdict, koers_core::Verdict::Eligible);
    assert_eq!(own.years.len(), 3);

    // Staff see it, marked.
    let staff = w.session(Who::Programma).await;
    let detail = w.get(&format!("/programma/aanmeldingen/{}", app.id), staff.as_deref()).await;
    assert_eq!(detail.status, 200, "{}", detail.body);
    assert!(detail.body.contains("Eigen berekening (ingevuld door de school)"), "{}", detail.body);
    assert!(detail.body.contains("eigen berekening"));
    assert!(detail.body.contains("1S/2F 45,50%"), "{}", detail.body);

    // Tampered numbers in the hidden fields: 422 naming the calculation, nothing stored.
    let mut bad = post.clone();
    bad.retain(|(k, _)| *k != "pct1f-1");
    bad.push(("pct1f-1", "196"));
    let refused = w.post_form(&action, leader.as_deref(), &bad).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Eigen berekening, pct1f-1"), "{}", refused.body);
}

#[tokio::test]
async fn staff_see_a_map_of_their_programme_only() {
    let w = world().await;
    let d = auth_support::eligible_school(&w).await;
    let staff = w.session(Who::Programma).await;
    let dash = w.get("/programma/dashboard", staff.as_deref()).await;
    assert!(dash.body.contains("href=\"/programma/kaart/gwgb-plus-school\""), "{}", dash.body);
    assert!(!dash.body.contains("href=\"/programma/kaart/leren-verbeteren-npo\""), "not their programme");
    let map = w.get("/programma/kaart/gwgb-plus-school", staff.as_deref()).await;
    assert_eq!(map.status, 200, "{}", map.body);
    assert!(map.body.contains("<svg class=\"school-map\""), "{}", map.body);
    assert!(map.body.contains(&format!("href=\"/scholen/{d}\"")), "the table lists school D");
    assert!(map.body.contains("School A"), "A is in the band too");
    assert!(!map.body.contains("School B"), "B is above the band");
    assert_eq!(w.get("/programma/kaart/leren-verbeteren-npo", staff.as_deref()).await.status, 403);
}
