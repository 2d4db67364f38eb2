//! Sign-in through an OpenID provider, end to end: the real `koers demo` against a real OpenID
//! provider — panva's `oidc-provider` on Node (pinned in `tests/oidc/package.json`, installed by
//! `scripts/install-test-deps` with `npm ci`), started here by `tests/oidc/provider.mjs`.
//!
//! Browser journeys (headless Chromium, explicit waits, axe on every Koers page state): a demo
//! user signs in through the provider and out again (at the provider too), a stranger's first
//! sign-in continues on the account request form (school, function; no password) into the one
//! queue programme staff decide, after which the stranger signs in, a provider whose issuer
//! does not match the configuration, an expired ID token, an unverified e-mail address (never
//! linked to the account that has it; the request form asks for a confirmation link). A replayed
//! `state` is sent with a plain HTTP client (the browser follows the callback redirect before a
//! test could copy it), through the same servers.
//!
//! Needs Node with `tests/oidc/node_modules`, Chromium and chromedriver
//! (`scripts/install-test-deps`).

use koers_e2e::process::{Guarded, free_port, scratch_dir, wait_ready};
use koers_e2e::{BrowserOptions, E2e, Fallible, HarnessError, Page};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

const JS: BrowserOptions = BrowserOptions { javascript: true };
const DEMO_PASSWORD: &str = "koers-demo-2026";
const SECRET: &str = "koers-test-geheim";

struct Setup {
    e2e: E2e,
    provider_port: u16,
    koers_port: u16,
    _provider: Guarded,
}

static SETUP: OnceLock<Result<Setup, HarnessError>> = OnceLock::new();

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn start() -> Result<Setup, HarnessError> {
    let dir = repo().join("tests/oidc");
    if !dir.join("node_modules/oidc-provider").is_dir() {
        return Err(HarnessError::Missing { path: dir.join("node_modules"), hint: "run scripts/install-test-deps" });
    }
    let scratch = scratch_dir("koers-e2e-oidc")?;
    let (provider_port, koers_port) = (free_port()?, free_port()?);
    let ids = ["test-idp", "verlopen", "verkeerde-uitgever"];
    let mut args = vec![dir.join("provider.mjs").display().to_string(), provider_port.to_string()];
    args.extend(ids.iter().map(|id| format!("http://127.0.0.1:{koers_port}/inloggen/oidc/{id}/terug")));
    let mut provider =
        Guarded::spawn("oidc-provider", Path::new("node"), &args, &scratch.join("oidc-provider.log"), None)?;
    wait_ready(&mut provider, provider_port, "/.well-known/openid-configuration", Duration::from_secs(60))?;
    // The third provider is the same server under another name: its discovery document says
    // issuer 127.0.0.1, the configuration expects localhost.
    let toml = format!(
        r#"[[provider]]
id = "test-idp"
name = "Test-IdP"
issuer = "http://127.0.0.1:{provider_port}"
client_id = "koers"
client_secret = "{SECRET}"
organisation_claim = "schac_home_organization"

[[provider]]
id = "verlopen"
name = "Klok-IdP"
issuer = "http://127.0.0.1:{provider_port}"
client_id = "koers-verlopen"
client_secret = "{SECRET}"

[[provider]]
id = "verkeerde-uitgever"
name = "Verkeerde IdP"
issuer = "http://localhost:{provider_port}"
client_id = "koers"
client_secret = "{SECRET}"
"#
    );
    let file = scratch.join("providers.toml");
    std::fs::write(&file, toml).map_err(HarnessError::io(format!("cannot write {}", file.display())))?;
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| PathBuf::from("target"), Path::to_path_buf)
        .join("e2e-screenshots");
    let extra = vec!["--oidc-providers".to_owned(), file.display().to_string()];
    let e2e = E2e::start_with(Path::new(env!("CARGO_BIN_EXE_koers")), shots, koers_port, &extra)?;
    Ok(Setup { e2e, provider_port, koers_port, _provider: provider })
}

fn setup() -> &'static Setup {
    match SETUP.get_or_init(start) {
        Ok(s) => s,
        Err(e) => panic!("OpenID journeys cannot start: {e}"),
    }
}

/// axe at the current page; a violation fails the journey.
async fn axe_clean(p: &Page, label: &str) -> Fallible {
    if let Some(report) = p.axe(label).await? {
        return Err(report.into());
    }
    Ok(())
}

/// From Koers' login page through the provider's login and consent pages, back to Koers.
async fn through_provider(p: &Page, button: &str, login: &str) -> Fallible {
    p.goto("/inloggen").await?;
    p.wait("main h1").await?;
    axe_clean(p, "login page with providers").await?;
    p.follow(button).await?;
    p.wait("input[name=login]").await?.send_keys(login).await?;
    p.wait("input[name=password]").await?.send_keys("wat-dan-ook").await?;
    p.follow("button[type=submit]").await?;
    // The consent page ("Continue").
    p.wait("input[name=prompt][value=consent]").await?;
    p.follow("button[type=submit]").await?;
    p.wait("main h1").await?;
    Ok(())
}

#[tokio::test]
async fn a_demo_user_signs_in_through_the_provider_and_out_again() {
    let s = setup();
    s.e2e
        .journey("oidc-login", JS, |p| async move {
            through_provider(&p, "#login-oidc-test-idp", "schoolleider@demo.koers.nl").await?;
            assert_eq!(p.path().await?, "/home", "signed in, to the role home");
            p.wait_text("header, nav", "Uitloggen").await?;
            axe_clean(&p, "home after provider sign-in").await?;
            // Logging out ends the session at the provider too (Koers' "uitgelogd" page continues
            // there at once, with a meta refresh), which sends the browser back.
            p.follow("form[action='/uitloggen'] button[type=submit]").await?;
            p.follow("button[name=logout][value=yes]").await?;
            p.wait("main h1").await?;
            assert_eq!(p.path().await?, "/", "back on Koers' start page");
            p.goto("/home").await?;
            p.wait("#login-email").await?;
            assert!(p.path().await?.starts_with("/inloggen"), "logged out: {}", p.path().await?);
            Ok(())
        })
        .await;
}

#[tokio::test]
async fn a_first_sign_in_becomes_an_account_request_that_staff_approve() {
    let s = setup();
    s.e2e
        .journey("oidc-request", JS, |p| async move {
            through_provider(&p, "#login-oidc-test-idp", "nieuwe.collega@school.test").await?;
            // No account: the account request form, as for everyone who asks for one.
            assert_eq!(p.path().await?, "/account-aanvragen");
            p.wait_text("main [role=status]", "Test-IdP").await?;
            axe_clean(&p, "account request form after a provider sign-in").await?;
            p.wait("#aanvraag-q").await?.send_keys("Morgenster").await?;
            p.follow("main form[role=search] button[type=submit]").await?;
            p.follow("main a[href^='/account-aanvragen?school=']").await?;
            let email = p.wait("#aanvraag-email").await?.prop("value").await?.unwrap_or_default();
            assert_eq!(email, "nieuwe.collega@school.test", "the provider's address, prefilled");
            assert_eq!(
                p.count("#aanvraag-wachtwoord").await?,
                0,
                "no password: the account signs in through the provider"
            );
            axe_clean(&p, "account request details after a provider sign-in").await?;
            p.wait("#aanvraag-functie").await?.send_keys("intern begeleider").await?;
            p.follow("main form[method=post] button[type=submit]").await?;
            p.wait_text("main h1", "Aanvraag ontvangen").await?;
            p.wait_text("main", "nieuwe.collega@school.test").await?;
            axe_clean(&p, "account request received").await?;
            // Programme staff find it in the one queue from their home page and approve it.
            p.goto("/inloggen").await?;
            p.wait("#login-email").await?.send_keys("programma@demo.koers.nl").await?;
            p.wait("#login-wachtwoord").await?.send_keys(DEMO_PASSWORD).await?;
            p.follow("main form[action^='/inloggen'] button[type=submit]").await?;
            p.follow("main a[href='/programma/accountaanvragen']").await?;
            p.wait_text("main table", "nieuwe.collega@school.test").await?;
            p.wait_text("main table", "Test-IdP (organisatie: school.test)").await?;
            axe_clean(&p, "account requests with a provider request").await?;
            p.follow("main table tr:last-child a[href^='/programma/accountaanvragen/']").await?;
            p.wait_text("main", "nieuwe.collega@school.test").await?;
            p.follow("main form input[value=goedkeuren] ~ button[type=submit]").await?;
            p.wait_text("main [role=status]", "Goedgekeurd").await?;
            axe_clean(&p, "account request approved").await?;
            Ok(())
        })
        .await;
    // A fresh browser: the new account signs in through the provider, to its home.
    s.e2e
        .journey("oidc-request-approved", JS, |p| async move {
            through_provider(&p, "#login-oidc-test-idp", "nieuwe.collega@school.test").await?;
            assert_eq!(p.path().await?, "/home", "signed in with the approved account");
            p.wait_text("header, nav", "Uitloggen").await?;
            Ok(())
        })
        .await;
}

#[tokio::test]
async fn a_provider_whose_issuer_does_not_match_is_refused_in_dutch() {
    let s = setup();
    s.e2e
        .journey("oidc-wrong-issuer", JS, |p| async move {
            p.goto("/inloggen").await?;
            p.follow("#login-oidc-verkeerde-uitgever").await?;
            p.wait_text("main [role=alert]", "niet goed ingesteld").await?;
            assert!(p.path().await?.starts_with("/inloggen/oidc/verkeerde-uitgever"));
            axe_clean(&p, "wrong issuer").await?;
            Ok(())
        })
        .await;
}

#[tokio::test]
async fn an_expired_id_token_is_refused_in_dutch() {
    let s = setup();
    s.e2e
        .journey("oidc-expired", JS, |p| async move {
            through_provider(&p, "#login-oidc-verlopen", "schoolleider@demo.koers.nl").await?;
            p.wait_text("main [role=alert]", "verlopen").await?;
            p.wait("#login-email").await?;
            axe_clean(&p, "expired id token").await?;
            p.goto("/home").await?;
            p.wait("#login-email").await?;
            Ok(())
        })
        .await;
}

#[tokio::test]
async fn an_unverified_address_is_never_linked_and_asks_for_a_confirmation_link() {
    let s = setup();
    s.e2e
        .journey("oidc-unverified", JS, |p| async move {
            // email_verified = false for login names starting with "onbevestigd": such an
            // address is matched to no account (tests/oidc_sign_in.rs checks that with an
            // address that has one); here the form says a confirmation link will follow.
            through_provider(&p, "#login-oidc-test-idp", "onbevestigd-collega").await?;
            assert_eq!(p.path().await?, "/account-aanvragen", "not signed in: the request form");
            p.wait("#aanvraag-q").await?.send_keys("Morgenster").await?;
            p.follow("main form[role=search] button[type=submit]").await?;
            p.follow("main a[href^='/account-aanvragen?school=']").await?;
            p.wait_text("#aanvraag-email-hint", "niet bevestigd").await?;
            axe_clean(&p, "unverified e-mail: request form").await?;
            p.wait("#aanvraag-functie").await?.send_keys("leerkracht").await?;
            p.follow("main form[method=post] button[type=submit]").await?;
            // Confirmed by the e-mail link, like every request.
            p.wait_text("main h1", "Kijk in je mailbox").await?;
            axe_clean(&p, "unverified e-mail: request sent").await?;
            p.goto("/home").await?;
            p.wait("#login-email").await?;
            Ok(())
        })
        .await;
}

#[test]
fn a_replayed_state_is_refused() {
    let s = setup();
    let mut c = raw::Client::default();
    let koers = format!("http://127.0.0.1:{}", s.koers_port);
    let provider = format!("http://127.0.0.1:{}", s.provider_port);
    let r = c.get(&format!("{koers}/inloggen/oidc/test-idp"));
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(r.location.starts_with(&provider), "{}", r.location);
    assert!(r.location.contains("code_challenge_method=S256") && r.location.contains("nonce="), "{}", r.location);
    let callback = c.through_provider(&r.location, "bestuurder@demo.koers.nl");
    assert!(callback.starts_with(&format!("{koers}/inloggen/oidc/test-idp/terug?")), "{callback}");
    let first = c.get(&callback);
    assert_eq!((first.status, first.location.as_str()), (303, "/home"), "{}", first.body);
    let replay = c.get(&callback);
    assert_eq!(replay.status, 400, "{}", replay.body);
    assert!(replay.body.contains("verlopen of al gebruikt"), "{}", replay.body);
    // The same callback in another browser (no session, so no attempt) is refused as well.
    let stranger = raw::Client::default().get(&callback);
    assert_eq!(stranger.status, 400, "{}", stranger.body);
}

/// Just enough HTTP/1.1 with a cookie jar for the replay test (no redirects followed).
mod raw {
    use std::collections::BTreeMap;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;
    use std::time::Duration;

    pub struct Resp {
        pub status: u16,
        pub location: String,
        pub body: String,
    }

    #[derive(Default)]
    pub struct Client {
        /// Cookies by name (Koers and the provider run on one host, ports apart).
        jar: BTreeMap<String, String>,
    }

    impl Client {
        pub fn get(&mut self, url: &str) -> Resp {
            self.send("GET", url, None)
        }

        pub fn post(&mut self, url: &str, form: &str) -> Resp {
            self.send("POST", url, Some(form))
        }

        /// The provider's dev login and consent, up to the redirect back to Koers.
        pub fn through_provider(&mut self, authorize: &str, login: &str) -> String {
            let origin = origin(authorize);
            let mut url = authorize.to_owned();
            let form = format!("prompt=login&login={}&password=x", login.replace('@', "%40"));
            for step in 0..10 {
                let r = self.get(&url);
                assert_eq!(r.status / 100, 3, "step {step}: {url}: {}", r.body);
                let next = absolute(&origin, &r.location);
                if !next.starts_with(&origin) {
                    return next;
                }
                if next.contains("/interaction/") {
                    let page = self.get(&next);
                    let answer = if page.body.contains("name=\"login\"") { form.as_str() } else { "prompt=consent" };
                    let r = self.post(&next, answer);
                    assert_eq!(r.status / 100, 3, "posting to {next}: {}", r.body);
                    url = absolute(&origin, &r.location);
                } else {
                    url = next;
                }
            }
            panic!("the provider did not send the browser back within 10 steps")
        }

        fn send(&mut self, method: &str, url: &str, form: Option<&str>) -> Resp {
            let rest = url.strip_prefix("http://").unwrap_or(url);
            let (host, path) = rest.split_once('/').map_or((rest, "/".to_owned()), |(h, p)| (h, format!("/{p}")));
            let mut s = TcpStream::connect(host).unwrap_or_else(|e| panic!("{host}: {e}"));
            s.set_read_timeout(Some(Duration::from_secs(30))).unwrap_or_default();
            let cookies = self.jar.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
            let body = form.unwrap_or("");
            let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
            if !cookies.is_empty() {
                head.push_str(&format!("Cookie: {cookies}\r\n"));
            }
            if form.is_some() {
                head.push_str(&format!(
                    "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nOrigin: http://{host}\r\n",
                    body.len()
                ));
            }
            head.push_str("\r\n");
            s.write_all(head.as_bytes()).and_then(|()| s.write_all(body.as_bytes())).unwrap_or_else(|e| panic!("{e}"));
            let mut r = BufReader::new(s);
            let mut line = String::new();
            r.read_line(&mut line).unwrap_or_default();
            let status = line.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
            let (mut location, mut length, mut chunked) = (String::new(), None, false);
            loop {
                let mut h = String::new();
                if r.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
                let (name, value) = h.split_once(':').map_or((h.as_str(), ""), |(n, v)| (n, v.trim()));
                match name.to_ascii_lowercase().as_str() {
                    "location" => location = value.to_owned(),
                    "content-length" => length = value.parse::<usize>().ok(),
                    "transfer-encoding" => chunked = value.contains("chunked"),
                    "set-cookie" => {
                        let pair = value.split(';').next().unwrap_or_default();
                        if let Some((k, v)) = pair.split_once('=') {
                            if v.is_empty() || value.to_ascii_lowercase().contains("max-age=0") {
                                self.jar.remove(k.trim());
                            } else {
                                self.jar.insert(k.trim().to_owned(), v.to_owned());
                            }
                        }
                    }
                    _ => {}
                }
            }
            let mut bytes = Vec::new();
            if chunked {
                loop {
                    let mut size = String::new();
                    r.read_line(&mut size).unwrap_or_default();
                    let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    let mut chunk = vec![0; n + 2];
                    r.read_exact(&mut chunk).unwrap_or_default();
                    bytes.extend_from_slice(&chunk[..n]);
                }
            } else if let Some(n) = length {
                bytes.resize(n, 0);
                r.read_exact(&mut bytes).unwrap_or_default();
            } else {
                r.read_to_end(&mut bytes).unwrap_or_default();
            }
            Resp { status, location, body: String::from_utf8_lossy(&bytes).into_owned() }
        }
    }

    fn origin(url: &str) -> String {
        let rest = url.strip_prefix("http://").unwrap_or(url);
        format!("http://{}", rest.split('/').next().unwrap_or_default())
    }

    fn absolute(origin: &str, location: &str) -> String {
        if location.starts_with('/') { format!("{origin}{location}") } else { location.to_owned() }
    }
}
