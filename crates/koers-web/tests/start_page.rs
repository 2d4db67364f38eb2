//! "Welke ondersteuning past bij ons?" (issue 10 §3): reachable from the home page; a school of
//! every sector and a board reach the programme that fits, with reasons and the aanmelden link;
//! bad answers get a Dutch message naming the field (422, answers kept); a referred school or
//! board gets the pointer to regular GWGB; "Waarden om mee te kunnen doen" from the check.

mod auth_support;

use auth_support::{BOARD_X, Who, World, world};
use koers_app::store::{Actor, ExamYear, SchoolFields, SchoolWrite, Sector};
use koers_core::ids::{BoardNumber, SchoolId};

async fn school(w: &World, ovt: &str, name: &str, sector: Sector) -> i64 {
    let write = SchoolWrite::Insert {
        ovt: koers_core::codes::Ovt::parse(ovt).unwrap_or_else(|e| panic!("{e}")),
        brin: ovt[..4].into(),
        sector,
        fields: SchoolFields {
            name: name.into(),
            place: Some("Deventer".into()),
            province: Some("Overijssel".into()),
            board_number: Some(BoardNumber::new(BOARD_X)),
            lat: Some(52.25),
            lon: Some(6.16),
            ..SchoolFields::default()
        },
    };
    (w.store().apply_school_writes(&[write], &Actor::system("test"), 1).await.unwrap_or_else(|e| panic!("{e}"))[0])
        .get()
}

fn exam(school_id: i64, school_year: &str, rate: f64) -> ExamYear {
    ExamYear {
        school_id: SchoolId::new(school_id),
        afdeling: String::new(),
        school_year: school_year.into(),
        programmes: 1,
        candidates_min: 100,
        candidates_max: 100,
        passes_min: rate as i64,
        passes_max: rate as i64,
        pass_rate: Some(rate),
        pass_rate_min: Some(rate),
        pass_rate_max: Some(rate),
        masking: "exact".into(),
    }
}

#[tokio::test]
async fn from_the_home_page_to_the_programme_that_fits_a_po_school() {
    let w = world().await;
    let a = w.ids.school_a;
    let home = w.get("/", None).await;
    assert!(home.body.contains("href=\"/welke-ondersteuning\""), "reachable from the home page");
    let start = w.get("/welke-ondersteuning?q=School", None).await;
    assert_eq!(start.status, 200, "{}", start.body);
    assert!(start.body.contains(&format!("href=\"/welke-ondersteuning/school/{a}\"")), "{}", start.body);

    let page = w.get(&format!("/welke-ondersteuning/school/{a}"), None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Goed Worden, Goed Blijven Plus (school)"));
    assert!(page.body.contains("Komt in aanmerking"), "{}", page.body);
    assert!(
        page.body.contains(&format!("href=\"/aanmelden?school={a}&#38;programma=gwgb-plus-school\"")),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!("href=\"/check?school={a}\"")), "own calculation offered");
    assert!(page.body.contains(&format!("href=\"/welke-ondersteuning/bestuur/{BOARD_X}\"")), "the board's page");
    // Only programmes for PO schools: no NPO, no board programme.
    assert!(!page.body.contains("Leren Verbeteren"));
    let en = w
        .send(
            auth_support::browser("GET", &format!("/welke-ondersteuning/school/{a}"), None)
                .header("cookie", "lang=en")
                .body(axum::body::Body::empty())
                .unwrap_or_else(|e| panic!("{e}")),
        )
        .await;
    assert!(en.body.contains("Which support suits School A?"), "{}", en.body);
    assert!(en.body.contains("Apply for"));
}

#[tokio::test]
async fn an_so_school_answers_the_three_questions() {
    let w = world().await;
    let so = school(&w, "55SO|C1", "De Zonnebloem (so)", Sector::So).await;
    let uri = format!("/welke-ondersteuning/school/{so}");
    let page = w.get(&uri, None).await;
    assert!(page.body.contains("Heeft de school haar leerlingpopulatie beschreven?"), "{}", page.body);
    assert!(page.body.contains("Nog niet beantwoord"));
    assert!(!page.body.contains("/aanmelden?school="), "no link before the answers");

    // Nothing chosen: 422, every question named.
    let bad = w.get(&format!("{uri}?beantwoord=1&population_described=nee"), None).await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("kies ja of nee"), "{}", bad.body);
    assert!(bad.body.contains("kies ja, nee of geen ambities"));
    assert!(bad.body.contains("value=\"nee\" checked"), "the answer given is kept");

    let ok = w
        .get(&format!("{uri}?beantwoord=1&population_described=nee&ambitions_fit_population=ja&ambitions_met=ja"), None)
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(ok.body.contains("Komt in aanmerking"), "{}", ok.body);
    assert!(
        ok.body.contains(&format!(
            "/aanmelden?school={so}&#38;programma=gwgb-plus-gespecialiseerd&#38;population_described=nee"
        )),
        "the answers go along: {}",
        ok.body
    );
    // The aanmeld form starts with those answers.
    let bestuur = w.session(Who::BestuurderX).await;
    let form = w
        .get(
            &format!("/aanmelden?school={so}&programma=gwgb-plus-gespecialiseerd&population_described=nee"),
            bestuur.as_deref(),
        )
        .await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("value=\"nee\" checked"), "{}", form.body);
    let all_fine = w
        .get(&format!("{uri}?beantwoord=1&population_described=ja&ambitions_fit_population=ja&ambitions_met=ja"), None)
        .await;
    assert!(all_fine.body.contains("Komt niet in aanmerking"), "{}", all_fine.body);
    assert!(!all_fine.body.contains("/aanmelden?school="));
    // On the English page the answers are English too.
    let en = w
        .send(
            auth_support::browser("GET", &uri, None)
                .header("cookie", "lang=en")
                .body(axum::body::Body::empty())
                .unwrap_or_else(|e| panic!("{e}")),
        )
        .await;
    assert!(en.body.contains("the school has set no ambitions") && en.body.contains("> yes</label>"), "{}", en.body);
    assert!(!en.body.contains("de school heeft geen ambities vastgesteld"));
}

#[tokio::test]
async fn a_vo_school_sees_its_exam_trend_and_a_fall_counts_as_risk() {
    let w = world().await;
    let vo = school(&w, "66VO|C1", "Het Lyceum", Sector::Vo).await;
    let years = [exam(vo, "2022-2023", 92.0), exam(vo, "2023-2024", 91.0), exam(vo, "2024-2025", 84.0)];
    w.store().upsert_exam_years(&years, &Actor::system("test"), 1).await.unwrap_or_else(|e| panic!("{e}"));
    let uri = format!("/welke-ondersteuning/school/{vo}");
    let page = w.get(&uri, None).await;
    assert!(page.body.contains("84,0%"), "the exam trend is shown: {}", page.body);
    assert!(page.body.contains("Leren Verbeteren"), "{}", page.body);
    assert!(page.body.contains("Oordeel van de Inspectie"));

    // A risk without what shows it: 422 at the field.
    let bad = w.get(&format!("{uri}?beantwoord=1&risk_kind_0=team_signals"), None).await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("beschrijf waaruit het risico blijkt"), "{}", bad.body);

    // No verdict named: the falling pass rate alone is a demonstrable risk.
    let ok = w.get(&format!("{uri}?beantwoord=1&oordeel="), None).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(ok.body.contains("Komt in aanmerking"), "{}", ok.body);
    assert!(ok.body.contains(&format!("/aanmelden?school={vo}&#38;programma=leren-verbeteren-npo")), "{}", ok.body);
}

#[tokio::test]
async fn a_board_answers_the_history_questions_and_a_referred_board_gets_the_pointer() {
    let w = world().await;
    // The board number as typed: a bad one is named, a good one goes on.
    let bad = w.get("/welke-ondersteuning?bestuur=12ab", None).await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Bestuursnummer: vul alleen cijfers in"), "{}", bad.body);
    assert!(bad.body.contains("value=\"12ab\""));
    let unknown = w.get("/welke-ondersteuning?bestuur=424242", None).await;
    assert!(unknown.body.contains("geen bestuur met nummer 424242"));
    let go = w.get(&format!("/welke-ondersteuning?bestuur={BOARD_X}"), None).await;
    assert_eq!((go.status.as_u16(), go.location()), (303, format!("/welke-ondersteuning/bestuur/{BOARD_X}").as_str()));

    let uri = format!("/welke-ondersteuning/bestuur/{BOARD_X}");
    let page = w.get(&uri, None).await;
    assert!(page.body.contains("Goed Worden, Goed Blijven Plus (bestuur)"), "{}", page.body);
    assert!(page.body.contains("Onderzoek bestuur en scholen"));
    let weak = w.ids.school_a;
    let eligible = w.get(&format!("{uri}?beantwoord=1&verdict_{weak}=zeer_zwak&verdict_year_{weak}=2025"), None).await;
    assert!(eligible.body.contains("Komt in aanmerking"), "{}", eligible.body);
    assert!(eligible.body.contains(&format!("/aanmelden?bestuur={BOARD_X}&#38;programma=gwgb-plus-bestuur")));

    let referred =
        w.get(&format!("{uri}?beantwoord=1&assessment_oordeel=onvoldoende&assessment_year=2025"), None).await;
    assert_eq!(referred.status, 200, "{}", referred.body);
    assert!(referred.body.contains("Komt niet in aanmerking"));
    assert!(referred.body.contains("Beter passend: Goed Worden, Goed Blijven (regulier)"), "{}", referred.body);
    assert!(referred.body.contains("href=\"https://www.poraad.nl/\""));
    assert!(!referred.body.contains("/aanmelden?bestuur="));
}

#[tokio::test]
async fn a_recorded_onvoldoende_refers_the_school_for_whoever_may_see_it() {
    let w = world().await;
    let a = w.ids.school_a;
    let staff = w.session(Who::Programma).await;
    let rec = w
        .post_form(
            &format!("/mijn-school/{a}/oordelen"),
            staff.as_deref(),
            &[("datum", "12-03-2025"), ("oordeel", "onvoldoende"), ("bron", "inspectierapport")],
        )
        .await;
    assert_eq!(rec.status, 303, "{}", rec.body);
    let uri = format!("/welke-ondersteuning/school/{a}");
    let seen = w.get(&uri, staff.as_deref()).await;
    assert!(seen.body.contains("Verwijzing naar het reguliere programma GWGB"), "{}", seen.body);
    assert!(seen.body.contains("Beter passend: Goed Worden, Goed Blijven (regulier)"));
    assert!(!seen.body.contains("/aanmelden?school="), "no aanmelden link for a referred school");
    // Anonymous: the recorded verdict is not shown nor used; the page says so.
    let anon = w.get(&uri, None).await;
    assert!(anon.body.contains("Komt in aanmerking"), "{}", anon.body);
    assert!(anon.body.contains("tellen hier alleen mee als je bent ingelogd"));
    // The aanmeld form refuses with the same pointer.
    let leader = w.session(Who::LeiderA).await;
    let sent = w
        .post_form(
            &format!("/aanmelden?school={a}&programma=gwgb-plus-school"),
            leader.as_deref(),
            &[("contact_name", "Sam"), ("contact_email", "sam@school.nl"), ("help_question", "Hulp graag")],
        )
        .await;
    assert_eq!(sent.status, 422, "{}", sent.body);
    assert!(sent.body.contains("Beter passend: Goed Worden, Goed Blijven (regulier)"), "{}", sent.body);
}

#[tokio::test]
async fn the_check_refers_a_school_with_a_herstelopdracht_and_links_the_values() {
    let w = world().await;
    let form = w.get("/check", None).await;
    assert!(form.body.contains("href=\"/check/waarden\""), "the table is linked from the check");
    let years = [
        ("jaar-1", "2023"),
        ("leerlingen-1", "30"),
        ("pct1f-1", "95"),
        ("pct1s2f-1", "45"),
        ("jaar-2", "2024"),
        ("leerlingen-2", "30"),
        ("pct1f-2", "95"),
        ("pct1s2f-2", "45"),
        ("jaar-3", "2025"),
        ("leerlingen-3", "30"),
        ("pct1f-3", "95"),
        ("pct1s2f-3", "45"),
        ("schoolweging", "31,5"),
    ];
    let mut with = years.to_vec();
    with.push(("herstelopdracht", "ja"));
    let r = w.post_form("/check", None, &with).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("Beter passend: Goed Worden, Goed Blijven (regulier)"), "{}", r.body);
    let plain = w.post_form("/check", None, &years).await;
    assert!(!plain.body.contains("Beter passend"), "no pointer without a referral");
    assert!(plain.body.contains("href=\"/check/waarden\""));
    let mut bad = years.to_vec();
    bad.push(("oordeel", "matig"));
    let r = w.post_form("/check", None, &bad).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        r.body.contains("&#39;matig&#39; is geen oordeel") || r.body.contains("'matig' is geen oordeel"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn the_values_to_take_part_follow_the_stored_band() {
    let w = world().await;
    let page = w.get("/check/waarden", None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    // Category 31: 1F 85,0 → grens 90,15, highest 90,14; 1S/2F 43,5 → 49,00, highest 48,99.
    let row = page.body.split("<tr><th scope=\"row\">[31,32)").nth(1).unwrap_or_default();
    let row = row.split("</tr>").next().unwrap_or_default();
    for v in ["85,0%", "90,15%", "90,14%", "43,5%", "49,00%", "48,99%"] {
        assert!(row.contains(v), "{v} in {row}");
    }
    assert!(page.body.contains("Schoolwegingscategorie"));
}
