//! The JSON API under `/api/v1` and its OpenAPI spec at `/api/openapi.json` (utoipa 6 +
//! utoipa-axum: every route is registered together with its spec entry, so the two cannot
//! drift). Errors are always the envelope `{"errors":[{"field":…,"detail":…}]}` (see
//! [`crate::error`]); [`json::ApiJson`] turns bad JSON into 400 (syntax) or 422 (data) with
//! the field path (`years[0].pct_1f`).
//!
//! Authentication: public endpoints take [`crate::auth::MaybePrincipal`] and work anonymously;
//! the bearer scheme is declared in the spec (`bearer`) for the endpoints that will need it.

pub mod dto;
pub mod eligibility;
pub mod forms;
pub mod json;
pub mod plans;
pub mod schools;
pub mod voortgang;

use crate::error::{ErrorEnvelope, ErrorItem};
use crate::state::AppState;
use axum::Json;
use axum::Router;
use axum::response::IntoResponse;
use std::sync::Arc;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Koers API",
        version = "1",
        description = "Scholen uit het register, hun resultaten en de GWGB+-geschiktheid. \
Fouten komen altijd als {\"errors\":[{\"field\":…,\"detail\":…}]} met een Nederlandse toelichting."
    ),
    components(schemas(ErrorEnvelope, ErrorItem)),
    modifiers(&BearerScheme),
    tags(
        (name = "scholen", description = "Scholen, resultaten en geschiktheid uit het register"),
        (name = "geschiktheid", description = "De geschiktheidscheck met zelf ingevoerde getallen"),
        (name = "account", description = "Het eigen account (Authorization: Bearer <token> van /account/tokens)"),
        (name = "trajecten", description = "Het plan van aanpak van een traject en zijn versies, de formats en de formulieren van een traject (zelfevaluatie, schoolscan, review), en de voortgang met op koers?; alleen voor wie het traject mag zien")
    )
)]
struct ApiDoc;

struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The API routes and the spec that describes them.
pub fn routes() -> (Router<AppState>, Arc<utoipa::openapi::OpenApi>) {
    let (router, spec) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(schools::search))
        .routes(routes!(schools::show))
        .routes(routes!(schools::results))
        .routes(routes!(schools::eligibility))
        .routes(routes!(eligibility::check))
        .routes(routes!(crate::auth::me::me))
        .routes(routes!(plans::plan))
        .routes(routes!(plans::version))
        .routes(routes!(forms::formats))
        .routes(routes!(forms::format))
        .routes(routes!(forms::show))
        .routes(routes!(forms::answer))
        .routes(routes!(forms::submit))
        .routes(routes!(voortgang::voortgang))
        .split_for_parts();
    // Every operation of the spec (method, route): the token scope is checked on these.
    let operations: std::collections::HashSet<(String, String)> = serde_json::to_value(&spec)
        .ok()
        .and_then(|v| v.get("paths").and_then(|p| p.as_object()).cloned())
        .into_iter()
        .flatten()
        .flat_map(|(path, item)| {
            item.as_object()
                .map(|m| m.keys().map(|method| (method.clone(), path.clone())).collect::<Vec<_>>())
                .unwrap_or_default()
        })
        .collect();
    let operations = Arc::new(operations);
    let router = router.route_layer(axum::middleware::from_fn(move |req, next| {
        crate::auth::require_scope(operations.clone(), req, next)
    }));
    (router, Arc::new(spec))
}

/// The spec as JSON (paths include `/api/openapi.json` itself only implicitly).
pub fn spec() -> Arc<utoipa::openapi::OpenApi> {
    routes().1
}

/// The document served at `/api/openapi.json`: utoipa's spec plus two facts its derive cannot
/// state, so that a schema-valid request is never refused (issue 11 §11, checked by
/// schemathesis' `positive_data_acceptance` in `scripts/security-test`):
/// - `YearIn.test_year` is one of `norm_years` (the years a norm table covers,
///   [`koers_app::check::norm_years`]); the handler refuses any other year;
/// - each test year occurs at most once in `CheckRequest.years` (JSON Schema 2020-12
///   `contains` with `maxContains: 1` per year; `uniqueItems` cannot say "unique by field").
pub fn document(spec: &utoipa::openapi::OpenApi, norm_years: &[u16]) -> serde_json::Value {
    let mut doc = serde_json::to_value(spec).unwrap_or_default();
    let listed = norm_years.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
    if let Some(year) = doc.pointer_mut("/components/schemas/YearIn/properties/test_year") {
        year["enum"] = serde_json::json!(norm_years);
        year["description"] = serde_json::json!(format!(
            "The test year: one of the years a norm table covers ({listed}). There was no test in 2020."
        ));
    }
    if let Some(years) = doc.pointer_mut("/components/schemas/CheckRequest/properties/years") {
        let once = |y: &u16| {
            serde_json::json!({
                "contains": { "type": "object", "properties": { "test_year": { "const": y } }, "required": ["test_year"] },
                "minContains": 0,
                "maxContains": 1
            })
        };
        years["allOf"] = serde_json::Value::Array(norm_years.iter().map(once).collect());
    }
    doc
}

pub async fn serve_spec(doc: Arc<serde_json::Value>) -> impl IntoResponse {
    Json(doc.as_ref().clone())
}
