//! The look of every main page: the NL Design System layout at 375 px (a small phone, mobile
//! first) and 1280 px, with axe-core (WCAG 2.1 A + AA) at both widths.
//!
//! For each page state the journey saves `visual/<name>-375.png` and `visual/<name>-1280.png`
//! under `target/e2e-screenshots/` (test artefacts for humans), fails when the page scrolls
//! sideways at 375 px, and fails on any axe violation. One failure report lists every page.
//!
//! Before/after of the school page: `visual/school-{375,1280}.png` is the page as served;
//! `visual/school-before-nlds-{375,1280}.png` is the same page with the NL Design System
//! stylesheets (the voorbeeld theme and the Utrecht components) taken out in the browser, so
//! only Koers' own `koers.css` and the installation theme remain.
//! Same harness as `browser.rs` (`crates/koers-e2e`); needs Debian's chromium + chromium-driver.

use koers_e2e::{BrowserOptions, E2e, Fallible, Page};
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

const JS: BrowserOptions = BrowserOptions { javascript: true };
const NO_JS: BrowserOptions = BrowserOptions { javascript: false };
const DEMO_PASSWORD: &str = "koers-demo-2026";

/// Problems found so far, all reported at the end.
#[derive(Default)]
struct Findings(Vec<String>);

impl Findings {
    /// Screenshots at both widths, sideways scrolling at 375 px, axe at 375 px and 1280 px.
    async fn look(&mut self, p: &Page, name: &str) -> Fallible {
        p.wait("main h1").await?;
        if let Some(r) = p.look(name).await? {
            self.0.push(r);
        }
        // `look` leaves the window at 1280 px.
        if let Some(r) = p.axe(&format!("{name} at 1280px")).await? {
            self.0.push(r);
        }
        p.set_width(375).await?;
        if let Some(r) = p.axe(&format!("{name} at 375px")).await? {
            self.0.push(r);
        }
        p.set_width(1280).await?;
        Ok(())
    }

    /// Screenshots and sideways scrolling only: axe needs page JavaScript, which a no-JS browser
    /// does not run.
    async fn look_without_axe(&mut self, p: &Page, name: &str) -> Fallible {
        p.wait("main h1").await?;
        if let Some(r) = p.look(name).await? {
            self.0.push(r);
        }
        Ok(())
    }

    /// Visit `path` and look at it.
    async fn visit(&mut self, p: &Page, path: &str, name: &str) -> Fallible {
        p.goto(path).await?;
        self.look(p, name).await
    }

    fn assert_clean(&self) {
        assert!(self.0.is_empty(), "\n{}", self.0.join("\n"));
    }
}

async fn log_in(p: &Page, email: &str) -> Fallible {
    p.goto("/inloggen").await?;
    p.wait("#login-email").await?.send_keys(email).await?;
    p.wait("#login-wachtwoord").await?.send_keys(DEMO_PASSWORD).await?;
    p.follow("main form[action^='/inloggen'] button[type=submit]").await?;
    p.wait("main h1").await?;
    Ok(())
}

async fn log_out(p: &Page) -> Fallible {
    p.follow("form[action='/uitloggen'] button[type=submit]").await?;
    p.wait("main h1").await?;
    Ok(())
}

/// The `href` of the first element matching `css`.
async fn href(p: &Page, css: &str) -> Fallible<String> {
    let a = p.wait(css).await?;
    Ok(a.attr("href").await?.ok_or_else(|| format!("`{css}` has no href"))?)
}

#[tokio::test]
async fn public_pages_fit_a_phone_and_pass_axe_at_both_widths() {
    e2e()
        .journey("look-public", JS, |p| async move {
            let mut f = Findings::default();
            f.visit(&p, "/", "home").await?;
            f.visit(&p, "/scholen?q=Morgenster", "search-results").await?;
            f.visit(&p, "/scholen?q=xqzw", "search-no-results").await?;
            p.goto("/scholen?q=Morgenster").await?;
            let school = p.wait_text("#resultaten li", "spijkenisse").await?;
            let path = school.find(koers_e2e::Locator::Css("a")).await?.attr("href").await?.unwrap_or_default();
            f.visit(&p, &path, "school").await?;
            // The NL Design System components are there (the page header, tables, status badges).
            for css in [
                ".utrecht-page-header",
                ".utrecht-nav-bar",
                ".utrecht-breadcrumb-nav",
                ".utrecht-table",
                ".utrecht-status-badge",
            ] {
                p.wait(css).await.map_err(|e| format!("school page lacks {css}: {e}"))?;
            }
            // "Before": the same page without the NL Design System stylesheets.
            let strip = "document.querySelectorAll('link[rel=stylesheet]').forEach(l => { \
                         if (/voorbeeld-theme|utrecht-/.test(l.href)) l.remove(); });";
            p.client.execute(strip, vec![]).await?;
            p.look("school-before-nlds").await?;
            p.set_width(1280).await?;
            f.visit(&p, "/welke-ondersteuning", "support-start").await?;
            f.visit(&p, "/check/waarden", "check-values").await?;
            f.visit(&p, "/account-aanvragen", "account-request").await?;
            f.visit(&p, "/account-aanvragen?q=Morgenster", "account-request-search").await?;
            p.follow("main a[href^='/account-aanvragen?school=']").await?;
            f.look(&p, "account-request-details").await?;
            p.follow("main form[method=post] button[type=submit]").await?;
            p.wait(".utrecht-form-field-error-message").await?;
            f.look(&p, "account-request-errors").await?;
            f.visit(&p, "/wachtwoord-vergeten", "password-forgotten").await?;
            f.visit(&p, "/check", "check").await?;
            p.wait("#pct1f-1").await?.send_keys("9x").await?;
            p.follow("main form[action='/check'] button[type=submit]").await?;
            p.wait(".utrecht-form-field-error-message").await?;
            f.look(&p, "check-errors").await?;
            f.visit(&p, "/inloggen", "login").await?;
            p.wait("#login-email").await?.send_keys("niemand@example.invalid").await?;
            p.wait("#login-wachtwoord").await?.send_keys("fout").await?;
            p.follow("main form[action^='/inloggen'] button[type=submit]").await?;
            p.wait(".utrecht-alert").await?;
            f.look(&p, "login-error").await?;
            f.visit(&p, "/aanmelden", "apply").await?;
            f.visit(&p, "/bestaat-niet", "not-found").await?;
            f.assert_clean();
            Ok(())
        })
        .await;
}

#[tokio::test]
async fn signed_in_pages_fit_a_phone_and_pass_axe_at_both_widths() {
    e2e()
        .journey("look-signed-in", JS, |p| async move {
            let mut f = Findings::default();
            log_in(&p, "beheerder@demo.koers.nl").await?;
            f.look(&p, "home-beheerder").await?;
            f.visit(&p, "/beheer/gebruikers", "admin-users").await?;
            f.visit(&p, "/beheer/gebruikers/nieuw", "admin-user-new").await?;
            let user = href(&p, "main a[href^='/beheer/gebruikers/'][href$='1']").await.unwrap_or_default();
            if !user.is_empty() {
                f.visit(&p, &user, "admin-user").await?;
            }
            f.visit(&p, "/beheer/programmas", "admin-programmes").await?;
            f.visit(&p, "/beheer/experts", "admin-experts").await?;
            f.visit(&p, "/beheer/outbox", "admin-outbox").await?;
            f.visit(&p, "/beheer/audit", "admin-audit").await?;
            f.visit(&p, "/account/tokens", "tokens").await?;
            f.visit(&p, "/beheer/import", "admin-import").await?;
            f.visit(&p, "/beheer/formats", "admin-formats").await?;
            p.goto("/beheer/experts").await?;
            let expert = href(&p, "main table a[href^='/beheer/experts/']").await?;
            f.visit(&p, &expert, "admin-expert").await?;
            f.visit(&p, &format!("{expert}/inzet"), "admin-expert-pool").await?;
            log_out(&p).await?;

            log_in(&p, "programma@demo.koers.nl").await?;
            f.look(&p, "home-programma").await?;
            f.visit(&p, "/programma/screening", "screening").await?;
            f.visit(&p, "/programma/aanmeldingen", "applications").await?;
            f.visit(&p, "/programma/dashboard", "dashboard").await?;
            let map = href(&p, "main a[href^='/programma/kaart/']").await?;
            f.visit(&p, &map, "map").await?;
            p.goto("/programma/aanmeldingen").await?;
            let application = href(&p, "main table a[href^='/programma/aanmeldingen/']").await?;
            f.visit(&p, &application, "application").await?;
            f.visit(&p, "/programma/accountaanvragen", "account-requests").await?;
            let request = href(&p, "main table a[href^='/programma/accountaanvragen/']").await?;
            f.visit(&p, &request, "account-request-decision").await?;
            log_out(&p).await?;

            log_in(&p, "expert@demo.koers.nl").await?;
            f.look(&p, "home-expert").await?;
            // `/trajecten/<id>` of the first trajectory linked from the home page (whatever sub-page
            // the link goes to).
            let link = href(&p, "main a[href^='/trajecten/']").await?;
            let id: String = link.trim_start_matches("/trajecten/").chars().take_while(char::is_ascii_digit).collect();
            let trajectory = format!("/trajecten/{id}");
            f.visit(&p, &trajectory, "trajectory").await?;
            if p.count("main a[href*='/formulieren/']").await? > 0 {
                let form = href(&p, "main a[href*='/formulieren/']").await?;
                f.visit(&p, &form, "self-evaluation").await?;
            } else {
                f.0.push(format!("{trajectory} links no self-evaluation form"));
            }
            f.visit(&p, &format!("{trajectory}/plan"), "plan").await?;
            f.visit(&p, &format!("{trajectory}/dagdelen"), "dagdelen").await?;
            log_out(&p).await?;

            log_in(&p, "schoolleider@demo.koers.nl").await?;
            f.look(&p, "home-schoolleider").await?;
            let own = href(&p, "main a[href^='/mijn-school/']").await?;
            f.visit(&p, &own, "my-school").await?;
            let own: String = own.split(['?', '#']).next().unwrap_or_default().to_owned();
            f.visit(&p, &format!("{own}/oordelen"), "verdicts").await?;
            f.visit(&p, &format!("{own}/kostenoverzicht"), "costs").await?;
            f.visit(&p, &format!("{own}/team"), "school-team").await?;
            log_out(&p).await?;

            log_in(&p, "bestuurder@demo.koers.nl").await?;
            f.look(&p, "home-bestuurder").await?;
            f.visit(&p, "/bestuur/41646", "board").await?;
            log_out(&p).await?;
            f.assert_clean();
            Ok(())
        })
        .await;
}

#[tokio::test]
async fn the_school_page_fits_a_phone_without_javascript() {
    e2e()
        .journey("look-no-js", NO_JS, |p| async move {
            let mut f = Findings::default();
            p.goto("/scholen?q=Morgenster").await?;
            let school = p.wait_text("#resultaten li", "spijkenisse").await?;
            p.click_and_load(school.find(koers_e2e::Locator::Css("a")).await?).await?;
            p.wait(".eligibility .verdict").await?;
            f.look_without_axe(&p, "school-no-js").await?;
            p.goto("/check").await?;
            f.look_without_axe(&p, "check-no-js").await?;
            f.assert_clean();
            Ok(())
        })
        .await;
}
