//! The public pages, in-process.

mod common;

use axum::http::StatusCode;
use common::app;

#[tokio::test]
async fn the_home_page_offers_the_search_and_the_form() {
    let app = app().await;
    let r = app.get("/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(r#"<html lang="nl""#));
    assert!(r.body.contains("<h1>Kom ik in aanmerking?</h1>"));
    assert!(r.body.contains(r#"hx-trigger="input changed delay:200ms, search""#));
    assert!(r.body.contains(r#"aria-live="polite""#));
    assert!(r.body.contains(r#"href="/check""#));
    assert!(r.body.contains(r##"href="#inhoud""##), "skip link");
}

#[tokio::test]
async fn search_without_js_returns_the_full_page() {
    let app = app().await;
    let r = app.get("/scholen?q=wereld").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.starts_with("<!DOCTYPE html>"));
    assert!(r.body.contains(&format!(r#"href="/scholen/{}""#, app.ids.wereldwijs)));
    assert!(r.body.contains("1 school gevonden"));
    assert_eq!(r.header("vary"), "HX-Request");
}

#[tokio::test]
async fn search_with_htmx_returns_only_the_fragment() {
    let app = app().await;
    let r = app.get_with("/scholen?q=00AP", &[("hx-request", "true")]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("<html"), "{}", r.body);
    assert!(r.body.contains("WereldWijs"));
    assert_eq!(r.header("vary"), "HX-Request");
}

#[tokio::test]
async fn short_or_empty_queries_get_a_friendly_message() {
    let app = app().await;
    let r = app.get("/scholen?q=a").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Typ minstens twee tekens."));
    let r = app.get("/scholen").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Typ de naam, BRIN of plaats van een school."));
    let r = app.get("/scholen?q=zzzzqqq").await;
    assert!(r.body.contains("Geen scholen gevonden voor „zzzzqqq”"));
}

#[tokio::test]
async fn a_school_page_shows_dutch_numbers_and_the_verdict() {
    let app = app().await;
    let r = app.get(&format!("/scholen/{}", app.ids.wereldwijs)).await;
    assert_eq!(r.status, StatusCode::OK);
    let b = &r.body;
    assert!(b.contains("<h1>WereldWijs</h1>"));
    assert!(b.contains("00AP|C1") && b.contains("Stichting Wereldwijs &#38; Co (41646)"));
    assert!(b.contains("93,02%"), "three-year 1F");
    assert!(b.contains("51,94%"), "three-year 1S/2F");
    assert!(b.contains("94,44%") && b.contains("2022/23"), "yearly history");
    assert!(b.contains("43,5%"), "signaleringswaarde 1S/2F for [31,32)");
    assert!(b.contains("31,47 (categorie [31,32))"));
    assert!(b.contains("Komt niet in aanmerking"));
    assert!(b.contains("Je school komt niet in aanmerking omdat"));
    assert!(b.contains("groen: boven de grenswaarde"), "light with text");
    assert!(b.contains("eigen indeling van Koers"));
    assert!(b.contains(r#"<svg class="chart""#) && b.contains(r#"role="img""#));
    assert!(b.contains("Wat zou het veranderen?"));
    assert!(b.contains(r#"<th scope="col""#) && b.contains(r#"<th scope="row">"#));
}

#[tokio::test]
async fn an_eligible_school_says_why_and_what_would_change_it() {
    let app = app().await;
    let r = app.get(&format!("/scholen/{}", app.ids.de_brug)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Je school komt in aanmerking omdat"));
    assert!(r.body.contains("oranje: tussen signaleringswaarde en grenswaarde"));
    assert!(r.body.contains("van de 30 leerlingen"), "a lever");
}

#[tokio::test]
async fn masked_years_are_shown_as_afgeschermd() {
    let app = app().await;
    let r = app.get(&format!("/scholen/{}", app.ids.masked)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("afgeschermd"));
    assert!(r.body.contains("Gepubliceerde driejaarswaarden"));
    assert!(r.body.contains("95,50%"), "published 1F");
}

#[tokio::test]
async fn special_education_gets_a_note_instead_of_the_band() {
    let app = app().await;
    let r = app.get(&format!("/scholen/{}", app.ids.sbo)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("kwalitatieve criteria"));
    assert!(!r.body.contains(r#"<svg class="chart""#));
}

#[tokio::test]
async fn unknown_ids_bad_ids_and_routes_are_404_pages() {
    let app = app().await;
    for uri in ["/scholen/999999", "/scholen/abc", "/scholen/-1", "/bestaat-niet", "/taal/fr"] {
        let r = app.get(uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(r.header("content-type").starts_with("text/html"), "{uri}");
        assert!(r.body.contains("Pagina niet gevonden"), "{uri}: {}", r.body);
        assert!(r.body.contains(r#"<html lang="nl""#), "{uri}");
    }
}

#[tokio::test]
async fn the_check_form_keeps_values_and_shows_errors_next_to_fields() {
    let app = app().await;
    let r = app.get("/check").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains(r#"<label class="utrecht-form-label" for="pct1f-1">"#) && r.body.contains(r#"value="2023""#)
    );
    let body = "jaar-1=2023&leerlingen-1=18&pct1f-1=105&pct1s2f-1=55%2C56&jaar-2=2024&leerlingen-2=abc&pct1f-2=&pct1s2f-2=&schoolweging=31%2C47";
    let r = app.post("/check", "application/x-www-form-urlencoded", body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let b = &r.body;
    assert!(b.contains(r#"id="pct1f-1-fout""#), "error next to the field");
    assert!(b.contains("Percentage 105,00 ligt niet tussen 0 en 100."));
    assert!(b.contains(r#"aria-describedby="pct1f-1-fout" aria-invalid="true""#));
    assert!(b.contains(r#"id="leerlingen-2-fout""#) && b.contains("&#39;abc&#39; is geen geheel aantal leerlingen."));
    assert!(
        b.contains(r#"value="55,56""#) && b.contains(r#"value="105""#) && b.contains(r#"value="31,47""#),
        "values kept"
    );
    assert!(b.contains(r##"href="#pct1f-1""##), "error summary links to the field");
    assert!(!b.contains(r#"id="pct1s2f-1-fout""#), "valid fields have no error");
}

#[tokio::test]
async fn the_check_computes_the_result_with_decimal_commas() {
    let app = app().await;
    let body = "jaar-1=2023&leerlingen-1=18&pct1f-1=94%2C44&pct1s2f-1=55%2C56&jaar-2=2024&leerlingen-2=13&pct1f-2=92.31&pct1s2f-2=51%2C28&jaar-3=2025&leerlingen-3=12&pct1f-3=91%2C67&pct1s2f-3=47%2C22&schoolweging=31%2C47";
    let r = app.post("/check", "application/x-www-form-urlencoded", body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Uitkomst van je berekening"));
    assert!(r.body.contains("93,02%") && r.body.contains("Komt niet in aanmerking"));
    let r = app.get(&format!("/check?{body}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("93,02%"));
}

#[tokio::test]
async fn the_check_reports_app_errors_on_their_field() {
    let app = app().await;
    let body =
        "jaar-1=2019&leerlingen-1=18&pct1f-1=94&pct1s2f-1=55&jaar-2=2025&leerlingen-2=13&pct1f-2=92&pct1s2f-2=51";
    let r = app.post("/check", "application/x-www-form-urlencoded", body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#"id="jaar-1-fout""#), "{}", r.body);
    assert!(r.body.contains("Valt buiten de drie meest recente toetsjaren (2023 t/m 2025)."));
    let r = app.post("/check", "application/x-www-form-urlencoded", "jaar-1=2023").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#"id="jaren-fout""#));
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_goes_back() {
    let app = app().await;
    let r = app.get("/taal/en?terug=%2Fscholen%3Fq%3Dwereld").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header("location"), "/scholen?q=wereld");
    assert!(r.header("set-cookie").starts_with("lang=en;") && r.header("set-cookie").contains("SameSite=Lax"));
    let r = app.get("/taal/en?terug=%2F%2Fevil.example").await;
    assert_eq!(r.header("location"), "/");
    let r = app.get_with(&format!("/scholen/{}", app.ids.wereldwijs), &[("cookie", "lang=en")]).await;
    assert!(r.body.contains(r#"<html lang="en""#));
    assert!(r.body.contains("93.02%") && !r.body.contains("93,02%"), "decimal point in English");
    assert!(r.body.contains("Your school does not qualify because"));
    assert!(r.body.contains(r#"lang="nl" hreflang="nl">Nederlands</a>"#));
    let r = app.get_with("/", &[("cookie", "lang=en")]).await;
    assert!(r.body.contains("/taal/nl?terug=%2F"));
}

#[tokio::test]
async fn english_pages_word_reasons_and_levers_from_the_structured_data() {
    let app = app().await;
    let r = app.get_with(&format!("/scholen/{}", app.ids.de_brug), &[("cookie", "lang=en")]).await;
    assert_eq!(r.status, StatusCode::OK);
    let b = &r.body;
    assert!(b.contains("Your school qualifies because"), "{b}");
    assert!(b.contains("is above the signaleringswaarde (43.5%) but below the grenswaarde (49.0%)"));
    assert!(b.contains("If at least") && b.contains("of the 30 pupils reach 1S/2F in 2025/26"));
    assert!(b.contains("orange: between signaleringswaarde and grenswaarde"));
    assert!(!b.contains("komt in aanmerking"), "no Dutch core sentences on the English page");
}
