//! Cross-cutting: security headers, static files, health, i18n key parity, and one test over a
//! real socket.

mod common;

use axum::http::StatusCode;
use common::app;
use std::collections::BTreeSet;
use std::path::Path;

#[tokio::test]
async fn every_response_has_the_security_headers() {
    let app = app().await;
    let school = format!("/scholen/{}", app.ids.wereldwijs);
    let css = koers_web::assets::url("koers.css");
    for uri in [
        "/",
        "/scholen?q=we",
        school.as_str(),
        "/check",
        "/bestaat-niet",
        "/api/v1/schools/1",
        "/api/x",
        "/health",
        css.as_str(),
        "/api/openapi.json",
        "/taal/en",
    ] {
        let r = app.get(uri).await;
        let csp = r.header("content-security-policy");
        assert_eq!(csp, koers_web::security::CSP, "{uri}");
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{uri}");
        assert_eq!(r.header("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(r.header("referrer-policy"), "same-origin", "{uri}");
        assert_eq!(r.header("x-frame-options"), "DENY", "{uri}");
        assert!(!r.header("permissions-policy").is_empty(), "{uri}");
        assert!(!r.header("x-request-id").is_empty(), "{uri}");
    }
    let r = app.post("/check", "application/x-www-form-urlencoded", "leerlingen-1=x").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.header("x-frame-options"), "DENY");
}

#[tokio::test]
async fn pages_have_no_inline_scripts_or_styles() {
    let app = app().await;
    let school = format!("/scholen/{}", app.ids.de_brug);
    for uri in ["/", "/scholen?q=wereld", school.as_str(), "/check", "/nergens"] {
        let body = app.get(uri).await.body;
        assert!(!body.contains("style="), "{uri}: style attribute");
        assert!(!body.contains("<style"), "{uri}: style element");
        assert!(!has_event_handler(&body), "{uri}: inline event handler");
        for script in body.split("<script").skip(1) {
            assert!(script.trim_start().starts_with("src="), "{uri}: inline script");
        }
        assert!(body.contains("includeIndicatorStyles"), "{uri}: htmx must not inject styles");
    }
}

/// An attribute like ` onclick=` or ` onload=`.
fn has_event_handler(html: &str) -> bool {
    html.split(" on").skip(1).any(|rest| {
        let name: String = rest.chars().take_while(|c| c.is_ascii_lowercase()).collect();
        !name.is_empty() && rest[name.len()..].starts_with('=')
    })
}

#[tokio::test]
async fn static_files_are_versioned_and_cached_long() {
    let app = app().await;
    let url = koers_web::assets::url("htmx.min.js");
    let r = app.get(&url).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("content-type").starts_with("text/javascript"));
    assert!(r.header("cache-control").contains("immutable"));
    assert!(r.body.contains("htmx"));
    let r = app.get("/static/oud/koers.css").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("cache-control"), "no-cache");
    assert_eq!(app.get("/static/x/nope.js").await.status, StatusCode::NOT_FOUND);
    let home = app.get("/").await.body;
    assert!(home.contains(&url) && home.contains(&koers_web::assets::url("koers.css")));
}

#[tokio::test]
async fn health_names_the_backend() {
    let app = app().await;
    let r = app.get("/health").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "ok sqlite"));
}

/// The keys of every `.ftl` file of a language (`main.ftl` and one per feature).
fn ftl_keys(lang: &str) -> BTreeSet<String> {
    let mut paths = Vec::new();
    files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{lang}")), "ftl", &mut paths);
    assert!(!paths.is_empty(), "no .ftl files for {lang}");
    let text: String = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect::<Vec<_>>()
        .join("\n");
    text.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
        .collect()
}

fn files(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

/// Key-like literals that are not translation keys.
const NOT_KEYS: &[&str] = &["no-cache", "no-store", "same-origin"];

fn is_key(s: &str) -> bool {
    !NOT_KEYS.contains(&s)
        && s.contains('-')
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.ends_with('-')
}

/// Keys used in templates (`.t("…")`, `.t_args("…"`) and key-like string literals in the Rust
/// sources whose first segment is also the first segment of some known key (`sector-…`).
fn used_keys(known: &BTreeSet<String>) -> BTreeSet<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let prefixes: BTreeSet<&str> = known.iter().filter_map(|k| k.split('-').next()).collect();
    let mut used = BTreeSet::new();
    let mut paths = Vec::new();
    files(&root.join("templates"), "html", &mut paths);
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        for part in text.split(".t(\"").skip(1).chain(text.split(".t_args(\"").skip(1)) {
            if let Some(key) = part.split('"').next().filter(|k| is_key(k)) {
                used.insert((key.to_owned(), p.display().to_string()));
            }
        }
    }
    let mut paths = Vec::new();
    files(&root.join("src"), "rs", &mut paths);
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        for (i, lit) in text.split('"').enumerate() {
            let prefix = lit.split('-').next().unwrap_or("");
            if i % 2 == 1 && is_key(lit) && prefixes.contains(prefix) {
                used.insert((lit.to_owned(), p.display().to_string()));
            }
        }
    }
    used
}

#[test]
fn both_locales_have_the_same_keys() {
    let (nl, en) = (ftl_keys("nl"), ftl_keys("en"));
    assert!(nl.len() > 100, "{}", nl.len());
    let only_nl: Vec<_> = nl.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&nl).collect();
    assert!(only_nl.is_empty() && only_en.is_empty(), "only in nl: {only_nl:?}; only in en: {only_en:?}");
}

#[test]
fn every_key_used_exists() {
    let nl = ftl_keys("nl");
    let missing: Vec<_> = used_keys(&nl).into_iter().filter(|(k, _)| !nl.contains(k)).collect();
    assert!(missing.is_empty(), "keys used but not in locales/nl/*.ftl: {missing:?}");
    for key in ["home-title", "light-oranje", "reason-suppressed", "elig-levers-heading"] {
        assert_ne!(koers_web::i18n::Lang::En.t(key), koers_web::i18n::Lang::Nl.t(key), "{key} untranslated");
    }
}

#[tokio::test]
async fn the_app_serves_over_a_real_socket_and_shuts_down() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = app().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(koers_web::serve_listener(app.state.clone(), listener, async {
        let _ = stopped.await;
    }));
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap_or_else(|e| panic!("{e}"));
    let path = format!("/scholen/{}", app.ids.wereldwijs);
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    conn.write_all(req.as_bytes()).await.unwrap_or_else(|e| panic!("{e}"));
    let mut raw = Vec::new();
    conn.read_to_end(&mut raw).await.unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&raw);
    assert!(text.starts_with("HTTP/1.1 200 OK"), "{}", &text[..text.len().min(200)]);
    assert!(text.to_ascii_lowercase().contains("content-security-policy: default-src 'self'"));
    assert!(text.contains("93,02%"));
    let _ = stop.send(());
    let result = server.await.unwrap_or_else(|e| panic!("{e}"));
    assert!(result.is_ok(), "{result:?}");
}
