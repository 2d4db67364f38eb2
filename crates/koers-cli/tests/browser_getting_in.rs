//! Browser journey for getting in (issue 10 §5) on the real `koers demo` in headless Chromium,
//! with the harness of `tests/browser.rs` (`crates/koers-e2e`): a school leader requests an
//! account from the login page, confirms it with the link read from the outbox, programme staff
//! approve it, the new account logs in; then the password is reset by the link from the outbox.
//! Every new page is checked with axe-core (0 violations). Explicit waits, no sleeps.
//!
//! Its own file (and demo server) so the journeys of `browser.rs` stay untouched.

use koers_e2e::{BrowserOptions, E2e, Fallible, Locator, Page};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static E2E: OnceLock<Result<E2e, koers_e2e::HarnessError>> = OnceLock::new();

fn e2e() -> &'static E2e {
    let started = E2E.get_or_init(|| {
        let shots =
            Path::new(env!("CARGO_TARGET_TMPDIR")).parent().map_or_else(|| PathBuf::from("target"), Path::to_path_buf);
        E2e::start(Path::new(env!("CARGO_BIN_EXE_koers")), shots.join("e2e-screenshots"))
    });
    match started {
        Ok(e) => e,
        Err(e) => panic!("browser tests cannot start: {e}"),
    }
}

/// axe-core runs as a script in the page, so the journey needs page JavaScript; the pages
/// themselves use none (the forms are plain posts; `tests/getting_in.rs` drives them without).
const JS: BrowserOptions = BrowserOptions { javascript: true };
const DEMO_PASSWORD: &str = "koers-demo-2026";
const EMAIL: &str = "nieuw.leider@morgenster.example.nl";
const CHOSEN: &str = "gekozen-wachtwoord-1";
const RESET: &str = "hersteld-wachtwoord-2";

async fn axe(p: &Page, label: &str, reports: &mut Vec<String>) -> Fallible {
    if let Some(r) = p.axe(label).await? {
        reports.push(r);
    }
    Ok(())
}

async fn log_in(p: &Page, email: &str, password: &str) -> Fallible {
    p.goto("/inloggen").await?;
    p.wait("#login-email").await?.send_keys(email).await?;
    p.wait("#login-wachtwoord").await?.send_keys(password).await?;
    p.follow("main form[action^='/inloggen'] button[type=submit]").await?;
    p.wait("main h1").await?;
    Ok(())
}

async fn log_out(p: &Page) -> Fallible {
    p.follow("form[action='/uitloggen'] button[type=submit]").await?;
    p.wait("a.login-link").await?;
    Ok(())
}

/// The path of the newest outbox mail to `to` whose body holds `prefix` + 64 hex characters,
/// as the beheerder reads it at `/beheer/outbox` (newest first).
async fn link_from_outbox(p: &Page, to: &str, prefix: &str) -> Fallible<String> {
    log_in(p, "beheerder@demo.koers.nl", DEMO_PASSWORD).await?;
    p.goto("/beheer/outbox").await?;
    let xpath = format!("//article[contains(@class,'mail')][.//dd[contains(.,'{to}')]]//pre[contains(.,'{prefix}')]");
    let body = p
        .client
        .wait()
        .at_most(koers_e2e::WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
        .map_err(|e| format!("no outbox mail to {to} with {prefix}: {e}"))?
        .text()
        .await?;
    log_out(p).await?;
    let at = body.find(prefix).ok_or_else(|| format!("no {prefix} in {body}"))?;
    let token: String = body[at + prefix.len()..].chars().take_while(char::is_ascii_hexdigit).collect();
    if token.len() != 64 {
        return Err(format!("a link token of {} characters in {body}", token.len()).into());
    }
    Ok(format!("{prefix}{token}"))
}

#[tokio::test]
async fn a_school_leader_requests_an_account_confirms_it_is_approved_and_resets_the_password() {
    e2e()
        .journey("getting-in", JS, |p| async move {
            let mut reports = Vec::new();
            // 1. From the login page to the request form, by clicking.
            p.goto("/inloggen").await?;
            p.follow("main a[href='/account-aanvragen']").await?;
            p.wait_text("main h1", "Account aanvragen").await?;
            axe(&p, "account request: choose", &mut reports).await?;
            p.wait("#aanvraag-q").await?.send_keys("Morgenster").await?;
            p.follow("main form[role=search] button[type=submit]").await?;
            let item = p.wait_text("main ul.found-schools li", "Spijkenisse").await?;
            p.click_and_load(item.find(Locator::Css("a[href*='school=']")).await?).await?;
            p.wait_text("main p", "als schoolleider van").await?;
            p.wait_text("main p", "Morgenster").await?;
            axe(&p, "account request: form", &mut reports).await?;

            // A bad submit keeps what was typed and names the fields in Dutch.
            p.wait("#aanvraag-naam").await?.send_keys("Noor Nieuw").await?;
            p.wait("#aanvraag-email").await?.send_keys(EMAIL).await?;
            p.follow("main form[method=post] button[type=submit]").await?;
            p.wait_text("#aanvraag-functie-error", "functie").await?;
            axe(&p, "account request: errors", &mut reports).await?;
            assert_eq!(p.wait("#aanvraag-email").await?.prop("value").await?.as_deref(), Some(EMAIL));
            p.wait("#aanvraag-functie").await?.send_keys("directeur").await?;
            p.wait("#aanvraag-wachtwoord").await?.send_keys(CHOSEN).await?;
            p.wait("#aanvraag-wachtwoord-herhaling").await?.send_keys(CHOSEN).await?;
            p.follow("main form[method=post] button[type=submit]").await?;
            p.wait_text("main h1", "Kijk in je mailbox").await?;

            // 2. The confirmation link from the outbox.
            let confirm = link_from_outbox(&p, EMAIL, "/account-aanvragen/bevestigen/").await?;
            p.goto(&confirm).await?;
            p.wait_text("main dl.facts dd", "Morgenster").await?;
            axe(&p, "account request: confirm", &mut reports).await?;
            p.follow("main form button[type=submit]").await?;
            p.wait_text("main h1", "Aanvraag bevestigd").await?;
            p.goto(&confirm).await?;
            p.wait_text("main p.lead", "al gebruikt").await?;

            // 3. Programme staff: home → account requests → the request → approve.
            log_in(&p, "programma@demo.koers.nl", DEMO_PASSWORD).await?;
            p.follow("main a[href='/programma/accountaanvragen']").await?;
            p.wait_text("main h1", "Accountaanvragen").await?;
            axe(&p, "staff: account requests", &mut reports).await?;
            let row = p.wait_text("main tbody th a", "Noor Nieuw").await?;
            p.click_and_load(row).await?;
            p.wait_text("main dd", EMAIL).await?;
            p.wait_text("main a", "Morgenster").await?;
            axe(&p, "staff: account request", &mut reports).await?;
            p.follow("main form input[value=goedkeuren] ~ button[type=submit]").await?;
            p.wait_text("main .notice", "account is gemaakt").await?;
            log_out(&p).await?;

            // 4. The new account logs in with the password of the request and sees the school.
            log_in(&p, EMAIL, CHOSEN).await?;
            p.wait_text("main p.lead", "als Schoolleider").await?;
            p.wait_text("main table", "Morgenster").await?;
            log_out(&p).await?;

            // 5. Password forgotten: login page → form → the link from the outbox → new password.
            p.goto("/inloggen").await?;
            p.follow("main a[href='/wachtwoord-vergeten']").await?;
            axe(&p, "password forgotten", &mut reports).await?;
            p.wait("#vergeten-email").await?.send_keys(EMAIL).await?;
            p.follow("main form button[type=submit]").await?;
            p.wait_text("main p.lead", "Hoort er een account bij dit e-mailadres").await?;
            let reset = link_from_outbox(&p, EMAIL, "/wachtwoord-herstellen/").await?;
            p.goto(&reset).await?;
            axe(&p, "password reset", &mut reports).await?;
            p.wait("#herstel-wachtwoord").await?.send_keys(RESET).await?;
            p.wait("#herstel-wachtwoord-herhaling").await?.send_keys(RESET).await?;
            p.follow("main form button[type=submit]").await?;
            p.wait_text("main h1", "Wachtwoord opgeslagen").await?;
            p.goto(&reset).await?;
            p.wait_text("main p.lead", "al gebruikt").await?;
            log_in(&p, EMAIL, RESET).await?;
            p.wait_text("main p.lead", "als Schoolleider").await?;
            assert!(reports.is_empty(), "axe-core found WCAG A/AA violations:\n{}", reports.join("\n"));
            Ok(())
        })
        .await;
}
