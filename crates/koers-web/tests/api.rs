//! The JSON API and its OpenAPI spec, in-process.

mod common;

use axum::http::StatusCode;
use common::app;
use serde_json::Value;

fn first_error(v: &Value) -> (Option<&str>, &str) {
    let e = &v["errors"][0];
    (e["field"].as_str(), e["detail"].as_str().unwrap_or_default())
}

#[tokio::test]
async fn schools_can_be_searched() {
    let app = app().await;
    let r = app.get("/api/v1/schools?q=wereld&limit=5").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("content-type").starts_with("application/json"));
    let v = r.json();
    assert_eq!(v["schools"][0]["ovt"], "00AP|C1");
    assert_eq!(v["schools"][0]["sector"], "po");
    let r = app.get("/api/v1/schools?q=a&limit=0").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let v = r.json();
    let fields: Vec<&str> = v["errors"].as_array().into_iter().flatten().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, vec!["q", "limit"]);
}

#[tokio::test]
async fn a_school_its_results_and_its_eligibility() {
    let app = app().await;
    let id = app.ids.wereldwijs;
    let v = app.get(&format!("/api/v1/schools/{id}")).await.json();
    assert_eq!(v["school"]["name"], "WereldWijs");
    assert_eq!(v["board"]["number"], 41646);
    let v = app.get(&format!("/api/v1/schools/{id}/results")).await.json();
    assert_eq!(v["results"].as_array().map(Vec::len), Some(3));
    assert_eq!(v["results"][0]["school_year"], "2022/23");
    assert_eq!(v["published"]["pct_1f"], 93.02);
    let v = app.get(&format!("/api/v1/schools/{id}/eligibility")).await.json();
    assert_eq!(v["norms"], "inspectie-po-2023-2025");
    assert_eq!(v["assessment"]["indicators"][0]["value"], 93.02);
    assert_eq!(v["assessment"]["status"], "complete");
    assert_eq!(v["eligibility"]["verdict"], "not_eligible");
    assert_eq!(v["eligibility"]["light"], "groen");
    assert_eq!(v["eligibility"]["reasons"][0]["code"], "above_band");
    assert!(v["summary_nl"].as_str().is_some_and(|s| s.starts_with("Je school komt niet in aanmerking omdat")));
    let r = app.get(&format!("/api/v1/schools/{}/eligibility", app.ids.sbo)).await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "a school without the results model: valid request, 409 (schemathesis ST202)"
    );
}

#[tokio::test]
async fn unknown_ids_and_routes_are_json_404s() {
    let app = app().await;
    for uri in
        ["/api/v1/schools/999999", "/api/v1/schools/abc", "/api/v1/schools/999999/results", "/api/v1/nope", "/api"]
    {
        let r = app.get(uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(r.header("content-type").starts_with("application/json"), "{uri}");
        assert_eq!(first_error(&r.json()), (None, "niet gevonden"), "{uri}");
    }
    let r = app.post("/api/v1/schools", "application/json", "{}").await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(r.json()["errors"][0]["detail"].is_string());
}

#[tokio::test]
async fn the_check_endpoint_answers_with_verdict_reasons_and_levers() {
    let app = app().await;
    let body = r#"{"years":[{"test_year":2023,"pupils":30,"pct_1f":90,"pct_1s2f":45},
        {"test_year":2024,"pupils":30,"pct_1f":89,"pct_1s2f":44},
        {"test_year":2025,"pupils":30,"pct_1f":91,"pct_1s2f":46}],"schoolweging":31.47}"#;
    let r = app.post("/api/v1/eligibility", "application/json", body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert_eq!(v["eligibility"]["verdict"], "eligible");
    assert_eq!(v["eligibility"]["bands"][1]["light"], "oranje");
    assert!(v["eligibility"]["levers"][0]["text_nl"].as_str().is_some_and(|s| s.contains("leerlingen")));
    assert!(v["summary_nl"].as_str().is_some_and(|s| s.starts_with("Je school komt in aanmerking omdat")));
}

#[tokio::test]
async fn bad_input_gets_the_envelope_with_the_field() {
    let app = app().await;
    let r = app.post("/api/v1/eligibility", "application/json", r#"{"years":[{"test_year":2025,"#).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(first_error(&r.json()).1.starts_with("ongeldige JSON"));
    let r = app
        .post(
            "/api/v1/eligibility",
            "application/json",
            r#"{"years":[{"test_year":2025,"pupils":10,"pct_1f":"x","pct_1s2f":1}]}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(first_error(&r.json()).0, Some("years[0].pct_1f"));
    let r = app
        .post(
            "/api/v1/eligibility",
            "application/json",
            r#"{"years":[{"test_year":2025,"pupils":10,"pct_1f":101,"pct_1s2f":1}]}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(first_error(&r.json()), (Some("years[0].pct_1f"), "percentage 101,00 ligt niet tussen 0 en 100"));
    let r = app
        .post(
            "/api/v1/eligibility",
            "application/json",
            r#"{"years":[{"test_year":2020,"pupils":10,"pct_1f":90,"pct_1s2f":50}]}"#,
        )
        .await;
    assert_eq!(first_error(&r.json()).0, Some("years[0].test_year"));
    let r = app.post("/api/v1/eligibility", "text/plain", "{}").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(first_error(&r.json()).1.contains("application/json"));
}

#[tokio::test]
async fn the_spec_parses_and_lists_every_api_route() {
    let app = app().await;
    let r = app.get("/api/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert!(v["openapi"].as_str().is_some_and(|s| s.starts_with("3.")));
    for (path, method) in [
        ("/api/v1/schools", "get"),
        ("/api/v1/schools/{id}", "get"),
        ("/api/v1/schools/{id}/results", "get"),
        ("/api/v1/schools/{id}/eligibility", "get"),
        ("/api/v1/eligibility", "post"),
    ] {
        assert!(v["paths"][path][method].is_object(), "{method} {path} missing from the spec");
    }
    assert!(v["components"]["schemas"]["ErrorEnvelope"].is_object());
    assert!(v["components"]["securitySchemes"]["bearer"].is_object());
    // Every documented path answers (no 404 from the router) — the spec and routes agree.
    let paths = v["paths"].as_object().cloned().unwrap_or_default();
    for path in paths.keys() {
        let uri = path.replace("{id}", &app.ids.wereldwijs.to_string());
        let r = if paths[path]["get"].is_object() {
            app.get(&uri).await
        } else if paths[path]["put"].is_object() {
            let req = axum::http::Request::put(&uri)
                .header("content-type", "application/json")
                .body(axum::body::Body::from("{}"))
                .unwrap_or_else(|e| panic!("{e}"));
            app.send(req).await
        } else {
            app.post(&uri, "application/json", "{}").await
        };
        assert_ne!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{path}");
    }
}
