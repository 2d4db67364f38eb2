//! Security headers on every response. The CSP allows no inline script or style anywhere:
//! htmx is loaded from `/static`, its indicator styles are switched off by a meta tag, and the
//! SVG charts (koers-reports) carry classes and presentation attributes, never `style=`.
//!
//! Behind HTTPS ([`crate::WebConfig::secure_cookies`], as under `koers serve`) every response
//! also carries `Strict-Transport-Security`. Private responses — a request with a session
//! cookie or a token, or any path outside the public pages — get `Cache-Control: no-store`
//! unless the handler chose a cache policy itself, so no shared or browser cache keeps a
//! page with personal data.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

pub const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), \
magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

const HEADERS: [(HeaderName, &str); 6] = [
    (header::CONTENT_SECURITY_POLICY, CSP),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "same-origin"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (HeaderName::from_static("permissions-policy"), PERMISSIONS_POLICY),
    (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
];

/// One year, for all subdomains (the value of `Strict-Transport-Security`).
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Paths anyone may cache (same answer for everyone): the public pages, static files, the
/// spec and the health check.
fn is_public_path(path: &str) -> bool {
    path == "/"
        || path == "/health"
        || path == "/api/openapi.json"
        || ["/scholen", "/check", "/static", "/taal"]
            .iter()
            .any(|root| path.strip_prefix(root).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')))
}

/// Does the request carry credentials (a bearer token or Koers' session cookie)?
fn has_credentials(req: &Request) -> bool {
    req.headers().contains_key(header::AUTHORIZATION)
        || req.headers().get_all(header::COOKIE).iter().any(|v| {
            v.to_str().is_ok_and(|c| c.split(';').any(|kv| kv.trim().starts_with(crate::auth::SESSION_COOKIE)))
        })
}

pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let private = has_credentials(&req) || !is_public_path(req.uri().path());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    for (name, value) in HEADERS {
        h.insert(name, HeaderValue::from_static(value));
    }
    if state.config.secure_cookies {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    if private && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_public_pages_are_public() {
        for p in ["/", "/scholen", "/scholen/12", "/check", "/static/abc/koers.css", "/health", "/api/openapi.json"] {
            assert!(is_public_path(p), "{p}");
        }
        for p in
            ["/home", "/inloggen", "/mijn-school/1", "/aanmeldingen/3", "/api/v1/me", "/scholenx", "/beheer/import"]
        {
            assert!(!is_public_path(p), "{p}");
        }
    }
}
