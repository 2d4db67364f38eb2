//! One form per programme: `/aanmelden?school={id}&programma=…` and `/aanmelden?bestuur={nr}`.
//! Each programme's form renders its own questions and submits (eligible facts → receipt with a
//! KRS- reference; not eligible → 422 with the reasons); invalid answers → 422 next to the field;
//! the programme choice page; the public school page links to the form only when eligible.

mod auth_support;

use auth_support::{BOARD_X, BOARD_Y, Who, World, world};
use koers_app::store::{Actor, ResultYear, SchoolFields, SchoolWrite, Sector};
use koers_core::ids::{BoardNumber, SchoolId};

const CONTACT: [(&str, &str); 3] = [
    ("contact_name", "Bo Bestuur"),
    ("contact_email", "contact@koers-test.nl"),
    ("help_question", "Wij willen ons kwaliteitsbeleid versterken."),
];

/// Last year (always within the three-year lookback of the current reference year).
fn last_year() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    (1970 + secs / 31_556_952 - 1).to_string()
}

async fn insert_school(w: &World, ovt: &str, name: &str, sector: Sector) -> i64 {
    let write = SchoolWrite::Insert {
        ovt: koers_core::codes::Ovt::parse(ovt).unwrap_or_else(|e| panic!("{e}")),
        brin: ovt[..4].into(),
        sector,
        fields: SchoolFields {
            name: name.into(),
            place: Some("Zwolle".into()),
            board_number: Some(BoardNumber::new(BOARD_X)),
            schoolweging: (sector == Sector::Po).then_some(31.5),
            ..SchoolFields::default()
        },
    };
    let ids =
        w.store().apply_school_writes(&[write], &Actor::system("test"), 1).await.unwrap_or_else(|e| panic!("{e}"));
    ids[0].get()
}

/// A PO school of board X with results well below the signaleringswaarden: eligible.
async fn eligible_po_school(w: &World) -> i64 {
    let id = insert_school(w, "44DD|C1", "School D", Sector::Po).await;
    let rows: Vec<ResultYear> = [2023, 2024, 2025]
        .into_iter()
        .map(|y| ResultYear {
            school_id: SchoolId::new(id),
            test_year: y,
            pupils: Some(30),
            pct_1f: Some(95.0),
            pct_1s2f: Some(30.0),
            suppressed: false,
            source: "test".into(),
        })
        .collect();
    w.store().upsert_results(&rows, &Actor::system("test"), 1).await.unwrap_or_else(|e| panic!("{e}"));
    id
}

fn with_contact<'a>(facts: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut v = CONTACT.to_vec();
    v.extend_from_slice(facts);
    v
}

async fn assert_receipt(w: &World, cookie: Option<&str>, res: &auth_support::Resp) {
    assert_eq!(res.status, 303, "{}", res.body);
    let url = res.location().to_owned();
    assert!(url.starts_with("/aanmeldingen/"), "{url}");
    let receipt = w.get(&url, cookie).await;
    assert_eq!(receipt.status, 200, "{}", receipt.body);
    assert!(receipt.body.contains("KRS-"), "{}", receipt.body);
}

#[tokio::test]
async fn the_special_education_form_asks_the_three_questions() {
    let w = world().await;
    let sbo = insert_school(&w, "55EE|C1", "De Sprong (sbo)", Sector::Sbo).await;
    let cookie = w.session(Who::BestuurderX).await;
    // An sbo school gets its one programme without choosing.
    let form = w.get(&format!("/aanmelden?school={sbo}"), cookie.as_deref()).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("Goed Worden, Goed Blijven Plus (sbo, so en vso)"), "{}", form.body);
    for name in ["population_described", "ambitions_fit_population", "ambitions_met", "geen ambities"] {
        assert!(form.body.contains(name), "form lacks {name}");
    }
    let url = format!("/aanmelden?school={sbo}&programma=gwgb-plus-gespecialiseerd");

    // Nothing answered: errors next to the fields, the typed values kept.
    let res = w.post_form(&url, cookie.as_deref(), &CONTACT).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("aanmelden-population_described-error"), "{}", res.body);
    assert!(res.body.contains("kies ja of nee"));
    assert!(res.body.contains("kies ja, nee of geen ambities"));
    assert!(res.body.contains("value=\"contact@koers-test.nl\""));

    // Everything in order: the school does not qualify, with the reason.
    let all_yes =
        with_contact(&[("population_described", "ja"), ("ambitions_fit_population", "ja"), ("ambitions_met", "ja")]);
    let res = w.post_form(&url, cookie.as_deref(), &all_yes).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("komt niet in aanmerking"), "{}", res.body);
    assert!(res.body.contains("value=\"ja\" checked"), "the answers are kept");

    let eligible =
        with_contact(&[("population_described", "ja"), ("ambitions_fit_population", "nee"), ("ambitions_met", "geen")]);
    let res = w.post_form(&url, cookie.as_deref(), &eligible).await;
    assert_receipt(&w, cookie.as_deref(), &res).await;
}

#[tokio::test]
async fn the_board_form_lists_the_schools_of_the_board() {
    let w = world().await;
    let (a, c) = (w.ids.school_a, w.ids.school_c);
    let cookie = w.session(Who::BestuurderX).await;
    let form = w.get(&format!("/aanmelden?bestuur={BOARD_X}"), cookie.as_deref()).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("Goed Worden, Goed Blijven Plus (bestuur)"));
    assert!(form.body.contains(&BOARD_X.to_string()) && form.body.contains("Stichting X"));
    assert!(
        form.body.contains(&format!("name=\"verdict_{a}\"")) && form.body.contains(&format!("name=\"verdict_{c}\""))
    );
    assert!(!form.body.contains("name=\"concern\""), "two schools: not an éénpitter");
    let url = format!("/aanmelden?bestuur={BOARD_X}");

    // A verdict without its year, a year that is no year.
    let a_verdict = format!("verdict_{a}");
    let c_risk = format!("risk_year_{c}");
    let res = w
        .post_form(&url, cookie.as_deref(), &with_contact(&[(&a_verdict, "onvoldoende"), (&c_risk, "vorig jaar")]))
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains(&format!("aanmelden-verdict_year_{a}-error")), "{}", res.body);
    assert!(res.body.contains("vul het jaar van het oordeel in"));
    assert!(res.body.contains("vul een jaartal in, zoals 2024"));
    assert!(res.body.contains("value=\"vorig jaar\""));
    assert!(res.body.contains("value=\"onvoldoende\" selected"));

    // Nothing to report: not eligible, with the reason.
    let res = w.post_form(&url, cookie.as_deref(), &CONTACT).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("komt niet in aanmerking"), "{}", res.body);

    let year = last_year();
    let a_year = format!("verdict_year_{a}");
    let res =
        w.post_form(&url, cookie.as_deref(), &with_contact(&[(&a_verdict, "onvoldoende"), (&a_year, &year)])).await;
    assert_receipt(&w, cookie.as_deref(), &res).await;
}

#[tokio::test]
async fn an_eenpitter_names_its_quality_concerns() {
    let w = world().await;
    let cookie = w.session(Who::Beheerder).await;
    let form = w.get(&format!("/aanmelden?bestuur={BOARD_Y}"), cookie.as_deref()).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("name=\"concern\"") && form.body.contains("de kwaliteitscultuur"), "{}", form.body);
    let url = format!("/aanmelden?bestuur={BOARD_Y}&programma=gwgb-plus-bestuur");
    // Judged voldoende without herstelopdrachten recently: the concerns alone do not count.
    let year = last_year();
    let judged_well =
        with_contact(&[("concern", "culture"), ("assessment_oordeel", "voldoende"), ("assessment_year", &year)]);
    let res = w.post_form(&url, cookie.as_deref(), &judged_well).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("komt niet in aanmerking"), "{}", res.body);
    assert!(res.body.contains("value=\"culture\" checked"), "the checkbox is kept");
    let res =
        w.post_form(&url, cookie.as_deref(), &with_contact(&[("concern", "culture"), ("concern", "roles")])).await;
    assert_receipt(&w, cookie.as_deref(), &res).await;
    // The board's receipt is visible to the board's bestuurder? Board Y is not X's.
    let x = w.session(Who::BestuurderX).await;
    assert_eq!(w.get(&format!("/aanmelden?bestuur={BOARD_Y}"), x.as_deref()).await.status, 403);
}

#[tokio::test]
async fn the_vo_forms_ask_the_verdict_and_for_npo_the_risks() {
    let w = world().await;
    let a = w.ids.school_a;
    let cookie = w.session(Who::LeiderA).await;
    let npo = format!("/aanmelden?school={a}&programma=leren-verbeteren-npo");
    let form = w.get(&npo, cookie.as_deref()).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("Leren Verbeteren (NPO-ondersteuning)"));
    assert!(form.body.contains("name=\"oordeel\"") && form.body.contains("name=\"risk_kind_2\""));
    assert!(form.body.contains("dalende resultaten"));

    // A risk without evidence, an unknown verdict.
    let res = w
        .post_form(&npo, cookie.as_deref(), &with_contact(&[("oordeel", "slecht"), ("risk_kind_0", "team_signals")]))
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("aanmelden-risk_evidence_0-error"), "{}", res.body);
    assert!(res.body.contains("beschrijf waaruit het risico blijkt"));
    assert!(res.body.contains("kies een oordeel uit de lijst"));
    assert!(res.body.contains("value=\"team_signals\" selected"));

    // Voldoende and no risk: not eligible.
    let res = w.post_form(&npo, cookie.as_deref(), &with_contact(&[("oordeel", "voldoende")])).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("komt niet in aanmerking"), "{}", res.body);

    let risk = with_contact(&[
        ("oordeel", "voldoende"),
        ("risk_kind_1", "falling_results"),
        ("risk_evidence_1", "Examencijfers havo drie jaar op rij gedaald."),
    ]);
    let res = w.post_form(&npo, cookie.as_deref(), &risk).await;
    assert_receipt(&w, cookie.as_deref(), &res).await;

    // Procesbegeleiding: the verdict, or a demonstrable risk ("risicoschool", seed 004).
    let pb = format!("/aanmelden?school={a}&programma=leren-verbeteren-procesbegeleiding");
    let form = w.get(&pb, cookie.as_deref()).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("name=\"oordeel\"") && form.body.contains("risk_kind_0"));
    let res = w.post_form(&pb, cookie.as_deref(), &with_contact(&[("oordeel", "voldoende")])).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("komt niet in aanmerking"), "{}", res.body);
    let res =
        w.post_form(&pb, cookie.as_deref(), &with_contact(&[("oordeel", "zeer_zwak"), ("department", "havo")])).await;
    assert_receipt(&w, cookie.as_deref(), &res).await;
    let res = w.post_form(&pb, cookie.as_deref(), &risk).await;
    assert_receipt(&w, cookie.as_deref(), &res).await;
}

#[tokio::test]
async fn a_school_with_more_fitting_programmes_chooses_first() {
    let w = world().await;
    let vo = insert_school(&w, "66FF|C1", "Het Lyceum", Sector::Vo).await;
    let cookie = w.session(Who::BestuurderX).await;
    let page = w.get(&format!("/aanmelden?school={vo}"), cookie.as_deref()).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(&format!("/aanmelden?school={vo}&#38;programma=leren-verbeteren-npo")), "{}", page.body);
    assert!(page.body.contains("leren-verbeteren-procesbegeleiding"));
    assert!(page.body.contains("Welk risico of welke vraag speelt er?"), "the programme's help text");
    assert!(!page.body.contains("gwgb-plus-school"));
    // An unknown programme, or the board programme for a school, is not found.
    for p in ["bestaat-niet", "gwgb-plus-bestuur"] {
        assert_eq!(w.get(&format!("/aanmelden?school={vo}&programma={p}"), cookie.as_deref()).await.status, 404);
    }
}

#[tokio::test]
async fn the_school_form_keeps_its_results_band_check() {
    let w = world().await;
    let d = eligible_po_school(&w).await;
    let cookie = w.session(Who::BestuurderX).await;
    let url = format!("/aanmelden?school={d}&programma=gwgb-plus-school");
    let form = w.get(&url, cookie.as_deref()).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("uitkomst-kop"));
    let res = w.post_form(&url, cookie.as_deref(), &CONTACT).await;
    assert_receipt(&w, cookie.as_deref(), &res).await;
}

#[tokio::test]
async fn the_public_page_links_to_the_form_only_when_eligible() {
    let w = world().await;
    let d = eligible_po_school(&w).await;
    let page = w.get(&format!("/scholen/{d}"), None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains(&format!("href=\"/aanmelden?school={d}&#38;programma=gwgb-plus-school\"")),
        "{}",
        page.body
    );
    let b = w.ids.school_b;
    let page = w.get(&format!("/scholen/{b}"), None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(!page.body.contains("/aanmelden?"), "{}", page.body);
    // Login is asked for at the form.
    let res = w.get(&format!("/aanmelden?school={d}&programma=gwgb-plus-school"), None).await;
    assert_eq!(res.status, 303);
    assert!(res.location().starts_with("/inloggen?volgende="));
}
