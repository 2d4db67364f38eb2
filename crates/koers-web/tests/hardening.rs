//! Regression tests of issue 11 ("Hardening"), in-process: the login throttle cannot be raced,
//! the login rate limits (per client address and global) answer 429 with `Retry-After`, API
//! tokens (only `/api/`, scopes, revoked with a new password or a deactivation), staff of one
//! programme cannot read another programme's applications and trajectories, oversized JSON is
//! a 413, HSTS and `Cache-Control: no-store`, and anonymous failed logins are summarised
//! instead of audited one by one. The slow-client limits are tested on a real socket in
//! `slow_clients.rs`; timings are never asserted.

mod auth_support;

use auth_support::{PASSWORD, Who, World, browser, case_of_programme_a, password_hash, test_config, world, world_with};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::StatusCode;
use koers_app::store::{Actor, AuditFilter, NewUser, TokenScope, UserUpdate};
use koers_core::access::{Grant, RoleKind, Scope};
use koers_core::ids::UserId;
use koers_web::WebConfig;
use koers_web::limits::{Bucket, LoginLimits};
use std::net::SocketAddr;
use std::time::Duration;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// A login POST as it arrives over a connection from `peer`.
fn login_from(peer: &str, email: &str, password: &str) -> axum::http::Request<Body> {
    let mut req = browser("POST", "/inloggen", None)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(auth_support::form_body(&[("email", email), ("wachtwoord", password)])))
        .unwrap_or_else(|e| panic!("{e}"));
    let addr: SocketAddr = peer.parse().unwrap_or_else(|e| panic!("{e}"));
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}

// ---- item 3: the throttle race -----------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_parallel_wrong_passwords_are_throttled() {
    let w = world().await;
    let tasks: Vec<_> = (0..100)
        .map(|i| {
            let router = w.router.clone();
            tokio::spawn(async move {
                use tower::ServiceExt;
                let req = login_from("192.0.2.1:1000", Who::Programma.email(), &format!("fout-wachtwoord-{i}"));
                router.oneshot(req).await.map(|r| r.status())
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(ok(ok(t.await)));
    }
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY).count();
    let throttled = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert!(checked <= 5, "at most 5 passwords were checked, got {checked}: {statuses:?}");
    assert_eq!(checked + throttled, 100, "{statuses:?}");
    assert!(throttled >= 95, "{statuses:?}");
}

// ---- item 1: rate limits -------------------------------------------------------------------

#[tokio::test]
async fn one_client_address_is_limited_and_others_are_not() {
    let w = world_with(WebConfig { base_url: "http://koers.test".into(), ..WebConfig::default() }).await;
    let burst = LoginLimits::default().per_client.burst;
    for i in 0..burst {
        let r = w.send(login_from("192.0.2.1:1000", &format!("niemand{i}@test.nl"), "fout-wachtwoord")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "try {i}");
    }
    let refused = w.send(login_from("192.0.2.1:1001", "niemand@test.nl", "fout-wachtwoord")).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = refused.header("retry-after").parse().unwrap_or(0);
    assert!(retry >= 1, "Retry-After: {:?}", refused.header("retry-after"));
    assert!(refused.body.contains("Probeer het over een paar seconden opnieuw"), "{}", refused.body);
    // Another address logs in at once; the login page itself (GET) is never limited.
    let other = w.send(login_from("192.0.2.2:1000", Who::Beheerder.email(), PASSWORD)).await;
    assert_eq!(other.status, StatusCode::SEE_OTHER, "{}", other.body);
    assert_eq!(w.get("/inloggen", None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_global_login_limit_holds_over_every_address() {
    let tight = Bucket { burst: 3, every: Duration::from_secs(3600) };
    let loose = Bucket { burst: 1000, every: Duration::from_millis(1) };
    let config = WebConfig { login_limits: LoginLimits { per_client: loose, global: tight }, ..test_config() };
    let w = world_with(config).await;
    for i in 0..3 {
        let r = w.send(login_from(&format!("192.0.2.{}:1000", i + 1), "x@test.nl", "fout-wachtwoord")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let r = w.send(login_from("198.51.100.9:1000", "x@test.nl", "fout-wachtwoord")).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!r.header("retry-after").is_empty());
}

#[tokio::test]
async fn a_forged_forwarded_for_does_not_buy_a_new_bucket() {
    let w = world_with(WebConfig { base_url: "http://koers.test".into(), ..WebConfig::default() }).await;
    let burst = LoginLimits::default().per_client.burst;
    let mut last = StatusCode::OK;
    for i in 0..=burst {
        let mut req = login_from("192.0.2.1:1000", "x@test.nl", "fout-wachtwoord");
        let forged = format!("10.0.0.{i}");
        req.headers_mut().insert("x-forwarded-for", ok(forged.parse()));
        last = w.send(req).await.status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS, "no proxy is trusted by default");
}

// ---- item 10: anonymous failed logins do not grow the audit log ------------------------------

#[tokio::test]
async fn failed_logins_for_unknown_addresses_are_summarised_not_audited_one_by_one() {
    let w = world().await;
    for i in 0..20 {
        let r = w.login_raw(&format!("onbekend{i}@test.nl"), "fout-wachtwoord").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let failed = |log: &[koers_app::store::AuditEntry]| log.iter().filter(|e| e.action == "login_failed").count();
    let log = w
        .audit(AuditFilter { entity: Some(koers_app::store::AuditEntity::Session), limit: 1000, ..Default::default() })
        .await;
    assert_eq!(failed(&log), 0, "no audit row per anonymous failure");
    // An existing account's failures are audited (at most 5 per window, then throttled).
    assert_eq!(w.login_raw(Who::Expert.email(), "fout-wachtwoord").await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let log = w
        .audit(AuditFilter { entity: Some(koers_app::store::AuditEntity::Session), limit: 1000, ..Default::default() })
        .await;
    assert_eq!(failed(&log), 1);
    // Pruning after the window deletes the attempts and writes one summary.
    let later = koers_web::auth::now() + koers_app::accounts::THROTTLE_WINDOW_SECS + 60;
    assert_eq!(ok(koers_app::accounts::prune_login_attempts(w.store(), later).await), 21);
    let log = w
        .audit(AuditFilter { entity: Some(koers_app::store::AuditEntity::Session), limit: 1000, ..Default::default() })
        .await;
    let summaries: Vec<_> = log.iter().filter(|e| e.action == "login_failed_summary").collect();
    assert_eq!(summaries.len(), 1);
    assert!(summaries[0].after.as_deref().unwrap_or_default().contains("\"failed_attempts\":21"));
    assert_eq!(ok(koers_app::accounts::prune_login_attempts(w.store(), later).await), 0, "nothing twice");
}

// ---- item 5: API tokens -------------------------------------------------------------------

async fn token(w: &World, who: Who, scope: &str) -> String {
    let cookie = w.session(who).await;
    let r = w.post_form("/account/tokens", cookie.as_deref(), &[("naam", "script"), ("rechten", scope)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let marker = "id=\"nieuw-token\">";
    let start = r.body.find(marker).unwrap_or_else(|| panic!("no token in {}", r.body)) + marker.len();
    r.body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

async fn with_token(w: &World, method: &str, uri: &str, token: &str, body: &str) -> auth_support::Resp {
    let req = axum::http::Request::builder()
        .method(method)
        .uri(uri)
        .header("host", auth_support::HOST)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap_or_else(|e| panic!("{e}"));
    w.send(req).await
}

#[tokio::test]
async fn a_token_opens_the_api_only() {
    let w = world().await;
    let t = token(&w, Who::Beheerder, "lezen-schrijven").await;
    assert_eq!(with_token(&w, "GET", "/api/v1/me", &t, "").await.status, StatusCode::OK);
    for page in ["/home", "/beheer/gebruikers", "/account/tokens"] {
        let r = with_token(&w, "GET", page, &t, "").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{page}: a token is no login for pages");
        assert!(r.location().starts_with("/inloggen"), "{page}");
    }
    let mint = with_token(&w, "POST", "/account/tokens", &t, "naam=meer").await;
    assert_ne!(mint.status, StatusCode::OK, "a token cannot mint tokens");
}

#[tokio::test]
async fn a_read_only_token_reads_and_computes_but_changes_nothing() {
    let w = world().await;
    let read = token(&w, Who::Beheerder, "lezen").await;
    let write = token(&w, Who::Beheerder, "lezen-schrijven").await;
    assert_eq!(with_token(&w, "GET", "/api/v1/me", &read, "").await.status, StatusCode::OK);
    assert_eq!(
        with_token(&w, "POST", "/api/v1/eligibility", &read, "{}").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // No API route writes yet: an unknown method stays a 405 for every token; the scope is
    // checked on the routes that exist (koers_web::auth::require_scope, tested in its module).
    for t in [&read, &write] {
        assert_eq!(with_token(&w, "POST", "/api/v1/schools", t, "{}").await.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(with_token(&w, "TRACE", "/api/v1/me", t, "").await.status, StatusCode::METHOD_NOT_ALLOWED);
    }
    let tokens = ok(w.store().api_tokens_of_user(UserId::new(w.user_id(Who::Beheerder).await)).await);
    let scopes: Vec<TokenScope> = tokens.iter().map(koers_app::store::ApiToken::scope).collect();
    assert_eq!(scopes, [TokenScope::Read, TokenScope::ReadWrite]);
    let page = w.get("/account/tokens", w.session(Who::Beheerder).await.as_deref()).await;
    assert!(page.body.contains("Alleen lezen") && page.body.contains("Lezen en schrijven"));
}

#[tokio::test]
async fn tokens_die_with_a_new_password_and_with_deactivation() {
    let w = world().await;
    let expert = token(&w, Who::Expert, "lezen").await;
    let leader = token(&w, Who::LeiderA, "lezen").await;
    for t in [&expert, &leader] {
        assert_eq!(with_token(&w, "GET", "/api/v1/me", t, "").await.status, StatusCode::OK);
    }
    let actor = Actor::system("test");
    let e = ok(w.store().user_by_email(Who::Expert.email()).await);
    let hash = ok(koers_app::accounts::hash_password("een-ander-wachtwoord"));
    let new_password = UserUpdate { password_hash: Some(hash), ..UserUpdate::default() };
    ok(w.state.app.update_user(e.id, e.version, &new_password, &actor, 50).await);
    let l = ok(w.store().user_by_email(Who::LeiderA.email()).await);
    let off = UserUpdate { active: Some(false), ..UserUpdate::default() };
    ok(w.store().update_user(l.id, l.version, &off, &actor, 50).await);
    ok(w.store()
        .update_user(l.id, l.version + 1, &UserUpdate { active: Some(true), ..UserUpdate::default() }, &actor, 51)
        .await);
    for t in [&expert, &leader] {
        assert_eq!(with_token(&w, "GET", "/api/v1/me", t, "").await.status, StatusCode::UNAUTHORIZED);
    }
}

// ---- item 6: cross-programme reads ------------------------------------------------------------

async fn user_with(w: &World, email: &str, grants: &[(RoleKind, Scope)]) -> String {
    let actor = Actor::system("test");
    let new = NewUser {
        email: koers_core::email::Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
        name: email.into(),
        password_hash: password_hash(),
        locale: "nl".into(),
    };
    let u = ok(w.store().create_user(&new, &actor, 1).await);
    for (role, scope) in grants {
        ok(w.store().add_grant(u.id, &ok(Grant::new(*role, scope.clone())), &actor, 1).await);
    }
    let r = w.login_raw(email, PASSWORD).await;
    r.session_cookie().unwrap_or_else(|| panic!("login {email}: {}", r.body))
}

#[tokio::test]
async fn staff_of_another_programme_cannot_read_a_programmes_cases() {
    let w = world().await;
    let (a, t) = case_of_programme_a(&w).await;
    let npo = Scope::Programme("leren-verbeteren-npo".into());
    let gwgb = Scope::Programme("gwgb-plus-school".into());
    let other = user_with(&w, "npo@test.nl", &[(RoleKind::Programmamedewerker, npo.clone())]).await;
    let both =
        user_with(&w, "beide@test.nl", &[(RoleKind::Programmamedewerker, npo), (RoleKind::Programmamedewerker, gwgb)])
            .await;
    let own = w.session(Who::Programma).await.unwrap_or_default();
    for uri in
        [format!("/aanmeldingen/{}", a.id), format!("/trajecten/{t}"), format!("/programma/aanmeldingen/{}", a.id)]
    {
        let r = w.get(&uri, Some(&other)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{uri}");
        assert!(!r.body.contains("Geheime hulpvraag") && !r.body.contains("contact@school-d.nl"), "{uri}");
        for (label, cookie) in [("own programme", &own), ("both programmes", &both)] {
            assert_eq!(w.get(&uri, Some(cookie)).await.status, StatusCode::OK, "{uri}: {label}");
        }
    }
}

// ---- item 10: 413, HSTS, Cache-Control ----------------------------------------------------------

#[tokio::test]
async fn an_oversized_json_body_is_a_413_with_the_envelope() {
    let w = world().await;
    let big = format!("{{\"years\":[],\"pad\":\"{}\"}}", "x".repeat(3 * 1024 * 1024));
    let req = axum::http::Request::builder()
        .method("POST")
        .uri("/api/v1/eligibility")
        .header("host", auth_support::HOST)
        .header("content-type", "application/json")
        .body(Body::from(big))
        .unwrap_or_else(|e| panic!("{e}"));
    let r = w.send(req).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert!(r.json()["errors"][0]["detail"].as_str().unwrap_or_default().contains("te groot"));
}

#[tokio::test]
async fn hsts_behind_https_and_no_store_on_private_pages() {
    let secure =
        world_with(WebConfig { secure_cookies: true, base_url: "https://koers.test".into(), ..test_config() }).await;
    assert!(secure.get("/", None).await.header("strict-transport-security").contains("max-age=31536000"));
    let plain = world().await;
    assert_eq!(plain.get("/", None).await.header("strict-transport-security"), "");
    // Public pages may be stored (the page cache sends `no-cache`: revalidate with the ETag).
    assert_eq!(plain.get("/", None).await.header("cache-control"), "no-cache", "public pages may be cached");
    let cookie = plain.session(Who::Beheerder).await;
    for page in ["/home", "/beheer/gebruikers", "/", "/scholen?q=School"] {
        assert_eq!(plain.get(page, cookie.as_deref()).await.header("cache-control"), "no-store", "{page}");
    }
    assert_eq!(plain.get("/inloggen", None).await.header("cache-control"), "no-store");
}

// ---- item 2: the import report is bounded -----------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_of_thousands_of_bad_rows_shows_the_first_hundred_and_pages_through_all() {
    let w = world().await;
    let admin = w.session(Who::Beheerder).await.unwrap_or_default();
    let mut csv = String::from("ovt;naam;bevoegd_gezag_nummer;schoolweging_driejaarsgemiddelde\n");
    for i in 0..3000 {
        csv.push_str(&format!("{:02}XX|C1;School {i};41646;veel\n", i % 100));
    }
    let boundary = "koers-test-grens";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"weging.csv\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(csv.as_bytes());
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = browser("POST", "/beheer/import", Some(&admin))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .unwrap_or_else(|e| panic!("{e}"));
    let r = w.send(req).await;
    assert_eq!(r.status, StatusCode::OK, "{}", &r.body[..r.body.len().min(2000)]);
    assert!(r.body.contains("de eerste 100 van 3000"), "{}", &r.body[..r.body.len().min(4000)]);
    assert_eq!(r.body.matches("<code>veel</code>").count(), 100);
    assert!(r.body.len() < 200_000, "the page stays small: {} bytes", r.body.len());
    // Every rejected row is reachable, page by page, each page small; then no further page.
    let start = r.body.find("href=\"/beheer/import/").unwrap_or_else(|| panic!("no link to all rows"));
    let mut next = Some(r.body[start + 6..].split('"').next().unwrap_or_default().to_owned());
    let (mut pages, mut lines) = (0, Vec::new());
    while let Some(uri) = next.take() {
        let p = w.get(&uri.replace("&amp;", "&"), Some(&admin)).await;
        assert_eq!(p.status, StatusCode::OK, "{uri}: {}", p.body);
        assert!(p.body.len() < 100_000, "{uri}: {} bytes", p.body.len());
        for cell in p.body.split("<td class=\"num\">").skip(1) {
            lines.push(cell.split('<').next().unwrap_or_default().parse::<usize>().unwrap_or(0));
        }
        next = p
            .body
            .split("rel=\"next\"")
            .next()
            .and_then(|b| b.rsplit("href=\"").next())
            .filter(|_| p.body.contains("rel=\"next\""))
            .map(|h| h.split('"').next().unwrap_or_default().to_owned());
        pages += 1;
        assert!(pages <= 100, "paging does not end");
    }
    assert_eq!(lines, (2..=3001).collect::<Vec<_>>(), "every rejected line once, in file order");
    assert_eq!(pages, 60, "50 per page");
    // Not for programme staff.
    let staff = w.session(Who::Programma).await.unwrap_or_default();
    let run = &r.body[start + 6..].split('"').next().unwrap_or_default().to_owned();
    assert_eq!(w.get(run, Some(&staff)).await.status, StatusCode::FORBIDDEN);
}

// ---- item 11: the API accepts what its spec states ------------------------------------------------

#[tokio::test]
async fn integers_written_as_whole_floats_are_accepted_and_errors_stay_dutch() {
    let w = world().await;
    let post = |body: &'static str| {
        axum::http::Request::builder()
            .method("POST")
            .uri("/api/v1/eligibility")
            .header("host", auth_support::HOST)
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let body = r#"{"years":[{"test_year":2023.0,"pupils":20.0,"pct_1f":95,"pct_1s2f":55},
        {"test_year":2024,"pupils":21,"pct_1f":94.5,"pct_1s2f":54},{"test_year":2025,"pupils":22,"pct_1f":96,"pct_1s2f":56}],
        "next_pupils":20.0}"#;
    let r = w.send(post(body)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = w.send(post(r#"{"years":[{"test_year":2023.5,"pupils":20,"pct_1f":95,"pct_1s2f":55}]}"#)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let detail = r.json()["errors"][0]["detail"].as_str().unwrap_or_default().to_owned();
    assert!(!detail.contains("expected") && !detail.contains("invalid"), "no English library text: {detail}");
    let spec = w.get("/api/openapi.json", None).await.json();
    let year = &spec["components"]["schemas"]["YearIn"]["properties"];
    assert_eq!(year["test_year"]["minimum"], 2000);
    assert_eq!(year["test_year"]["enum"], serde_json::json!([2023, 2024, 2025]), "the years with a norm table");
    let once = &spec["components"]["schemas"]["CheckRequest"]["properties"]["years"]["allOf"];
    assert_eq!(once.as_array().map(Vec::len), Some(3), "each year at most once: {once}");
    assert_eq!(once[0]["maxContains"], 1);
    assert_eq!(year["pupils"]["minimum"], 1);
    let q = spec["paths"]["/api/v1/schools"]["get"]["parameters"][0]["schema"].clone();
    assert_eq!(q["minLength"], 2, "{q}");
}

// ---- item 11 / security-test: what the spec states is accepted, what it excludes is refused ---

#[tokio::test]
async fn a_year_without_a_norm_table_is_outside_the_spec_and_refused_naming_the_field() {
    let w = world().await;
    let post = |body: String| {
        axum::http::Request::builder()
            .method("POST")
            .uri("/api/v1/eligibility")
            .header("host", auth_support::HOST)
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let year = |y: u16| format!(r#"{{"test_year":{y},"pupils":20,"pct_1f":95,"pct_1s2f":55}}"#);
    // Every schema-valid combination of the stated years (1 to 3, each once) is judged: 200.
    let stated = [2023u16, 2024, 2025];
    for mask in 1u8..8 {
        let years: Vec<String> =
            stated.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, y)| year(*y)).collect();
        let r = w.send(post(format!(r#"{{"years":[{}]}}"#, years.join(",")))).await;
        assert_eq!(r.status, StatusCode::OK, "{mask:03b}: {}", r.body);
    }
    // Above the stated maximum of pupils (schemathesis' negative data): refused.
    let big = r#"{"years":[{"test_year":2023,"pupils":100001,"pct_1f":95,"pct_1s2f":55}],"next_pupils":100001}"#;
    let r = w.send(post(big.to_owned())).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let fields: Vec<String> = r.json()["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["field"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(fields, ["years[0].pupils", "next_pupils"], "{}", r.body);
    // A year the spec does not list: 422 with the field and a Dutch reason.
    let r = w.send(post(format!(r#"{{"years":[{}]}}"#, year(2019)))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["errors"][0]["field"], "years[0].test_year", "{}", r.body);
    assert!(r.json()["errors"][0]["detail"].as_str().unwrap_or_default().contains("geen normtabel"), "{}", r.body);
}

#[tokio::test]
async fn an_api_id_that_is_no_number_or_too_big_is_a_404_on_every_route() {
    // schemathesis found `/api/v1/trajectories/9223372036854775808/plan` answered an
    // undocumented 400 (the id overflows i64); every id in a path is a 404 when it names nothing.
    let w = world().await;
    let t = token(&w, Who::Beheerder, "lezen").await;
    for bad in ["9223372036854775808", "abc", "-1", "0"] {
        for uri in [
            format!("/api/v1/schools/{bad}"),
            format!("/api/v1/schools/{bad}/eligibility"),
            format!("/api/v1/trajectories/{bad}/plan"),
            format!("/api/v1/trajectories/{bad}/plan/versions/1"),
            format!("/api/v1/trajectories/{bad}/forms/zelfevaluatie-po"),
            format!("/api/v1/trajectories/{bad}/voortgang"),
        ] {
            let r = with_token(&w, "GET", &uri, &t, "").await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}: {}", r.body);
        }
    }
}
