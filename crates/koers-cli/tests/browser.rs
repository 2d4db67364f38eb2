//! Browser journeys: the real `koers demo` (national data, demo users) in headless Chromium.
//!
//! The harness (chromedriver, the demo server, axe-core, screenshots) is `crates/koers-e2e`;
//! this file lives in koers-cli because only here does cargo hand us `CARGO_BIN_EXE_koers`, a
//! `koers` binary rebuilt for this very test run. One demo server and one chromedriver serve the
//! whole file; every test gets a fresh browser with an empty profile. Waits are explicit
//! (`wait`, `wait_text`), never sleeps. Screenshots land in `target/e2e-screenshots/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`scripts/install-test-deps`).

use koers_e2e::{BrowserOptions, E2e, Fallible, Locator, Page};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static E2E: OnceLock<Result<E2e, String>> = OnceLock::new();

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

/// Demo password of every demo user (`koers demo` prints it).
const DEMO_PASSWORD: &str = "koers-demo-2026";

/// The four verdict labels of the eligibility section (nl).
const VERDICTS_NL: [&str; 4] = [
    "Komt in aanmerking",
    "Komt niet in aanmerking",
    "Niet te bepalen uit de resultaten",
    "Verwijzing naar het reguliere programma GWGB",
];

/// Reasons list of the eligibility section: the list right after the "Waarom" heading.
const REASONS_XPATH: &str =
    "//section[contains(@class,'eligibility')]//h3[normalize-space()='Waarom']/following-sibling::ul[1]/li";

async fn assert_verdict_reasons_and_chart(p: &Page) -> Fallible {
    let verdict = p.text(".eligibility .verdict").await?;
    assert!(VERDICTS_NL.contains(&verdict.trim()), "verdict {verdict:?} is not one of {VERDICTS_NL:?}");
    let reasons = p.client.find_all(Locator::XPath(REASONS_XPATH)).await?;
    assert!(!reasons.is_empty(), "no reasons under 'Waarom' for verdict {verdict:?}");
    let first = reasons[0].text().await?;
    assert!(first.len() > 10, "reason {first:?} is too short to explain anything");
    let chart = p.wait(".eligibility svg[role=img]").await?;
    let named = chart.attr("aria-labelledby").await?.is_some() || chart.attr("aria-label").await?.is_some();
    assert!(named, "the chart svg[role=img] has no accessible name (aria-labelledby/aria-label)");
    Ok(())
}

/// Open the De Morgenster in Spijkenisse (00AV, the schoolleider's demo school) from a result list.
async fn open_de_morgenster_spijkenisse(p: &Page) -> Fallible {
    let item = p.wait_text("#resultaten li", "spijkenisse").await?;
    p.click_and_load(item.find(Locator::Css("a")).await?).await?;
    p.wait_text("h1", "Morgenster").await?;
    assert!(p.path().await?.starts_with("/scholen/"), "the result link leads to {}", p.path().await?);
    Ok(())
}

#[tokio::test]
async fn search_as_you_type_finds_de_morgenster_and_shows_its_verdict() {
    e2e()
        .journey("search-htmx", JS, |p| async move {
            p.goto("/").await?;
            p.wait("#zoek-q").await?.send_keys("Morgenster").await?;
            // htmx swaps the result list in place: no submit, no navigation.
            p.wait_text("#resultaten .results-list li", "Morgenster").await?;
            assert_eq!(p.path().await?, "/", "typing must not navigate away");
            open_de_morgenster_spijkenisse(&p).await?;
            assert_verdict_reasons_and_chart(&p).await?;
            p.screenshot("school-page").await?;
            p.screenshot_of("section.eligibility", "school-page-verdict").await?;
            Ok(())
        })
        .await;
}

#[tokio::test]
async fn search_with_a_plain_form_submit_works_without_javascript() {
    e2e()
        .journey("search-no-js", NO_JS, |p| async move {
            p.goto("/").await?;
            // WebDriver's own scripts still run with page JavaScript off: prove htmx did not load.
            let htmx = p.client.execute("return typeof window.htmx;", vec![]).await?;
            assert_eq!(htmx.as_str(), Some("undefined"), "page JavaScript should be off in this browser");
            p.wait("#zoek-q").await?.send_keys("Morgenster").await?;
            p.follow("form.search button[type=submit]").await?;
            p.wait_text("h1", "Scholen zoeken").await?;
            assert_eq!(p.path().await?, "/scholen?q=Morgenster");
            let kept = p.wait("#zoek-q").await?.prop("value").await?;
            assert_eq!(kept.as_deref(), Some("Morgenster"), "the search box keeps the query");
            open_de_morgenster_spijkenisse(&p).await?;
            assert_verdict_reasons_and_chart(&p).await?;
            Ok(())
        })
        .await;
}

/// Fill `/check` with three test years; `pct1f-2` gets `bad_pct1f_2`.
async fn fill_check_form(p: &Page, bad_pct1f_2: &str) -> Fallible {
    let values = [
        ("jaar-1", "2023"),
        ("leerlingen-1", "30"),
        ("pct1f-1", "96,7"),
        ("pct1s2f-1", "55,0"),
        ("jaar-2", "2024"),
        ("leerlingen-2", "28"),
        ("pct1f-2", bad_pct1f_2),
        ("pct1s2f-2", "50"),
        ("jaar-3", "2025"),
        ("leerlingen-3", "32"),
        ("pct1f-3", "93.75"),
        ("pct1s2f-3", "46,88"),
        ("schoolweging", "31,47"),
    ];
    for (id, v) in values {
        let input = p.wait(&format!("#{id}")).await?;
        input.clear().await?;
        input.send_keys(v).await?;
    }
    Ok(())
}

async fn value_of(p: &Page, id: &str) -> Fallible<String> {
    Ok(p.wait(&format!("#{id}")).await?.prop("value").await?.unwrap_or_default())
}

#[tokio::test]
async fn check_form_shows_a_dutch_error_next_to_the_field_keeps_the_values_then_gives_a_verdict() {
    e2e()
        .journey("check", JS, |p| async move {
            p.goto("/check").await?;
            fill_check_form(&p, "9x,1").await?;
            p.follow("main form[action='/check'] button[type=submit]").await?;

            // The error sits in the field's own block, in Dutch, tied to the input.
            let err = p.wait_text(".field:has(> #pct1f-2) .field-error", "geen getal").await?;
            let err_text = err.text().await?;
            assert!(err_text.starts_with("Fout:"), "error text {err_text:?} lacks the 'Fout:' prefix");
            assert!(err_text.contains("9x,1"), "error text {err_text:?} does not quote the typed value");
            let input = p.wait("#pct1f-2").await?;
            assert_eq!(input.attr("aria-invalid").await?.as_deref(), Some("true"));
            let described = input.attr("aria-describedby").await?.unwrap_or_default();
            let err_id = err.attr("id").await?.unwrap_or_default();
            assert!(described.split(' ').any(|id| id == err_id), "aria-describedby {described:?} misses {err_id:?}");
            p.wait("div.error-summary a[href='#pct1f-2']").await?;

            // Everything typed is still there, the bad value included.
            for (id, want) in [
                ("leerlingen-1", "30"),
                ("pct1f-1", "96,7"),
                ("pct1f-2", "9x,1"),
                ("pct1f-3", "93.75"),
                ("schoolweging", "31,47"),
            ] {
                assert_eq!(value_of(&p, id).await?, want, "field #{id} lost its value");
            }

            // Fix it: a verdict, with the values still in the adjust form below it.
            let input = p.wait("#pct1f-2").await?;
            input.clear().await?;
            input.send_keys("91,1").await?;
            p.follow("main form[action='/check'] button[type=submit]").await?;
            p.wait_text("h1", "Uitkomst van je berekening").await?;
            assert_verdict_reasons_and_chart(&p).await?;
            assert_eq!(p.count(".field-error").await?, 0, "errors left on the result page");
            assert_eq!(value_of(&p, "pct1f-2").await?, "91,1");
            p.screenshot("check-result").await?;
            p.screenshot_of("section.eligibility", "check-result-verdict").await?;
            Ok(())
        })
        .await;
}

/// (e-mail, name in the welcome heading, a selector only that role's home has, what it is)
const ROLES: [(&str, &str, &str, &str); 5] = [
    ("beheerder@demo.koers.nl", "Bea Beheer", "main a[href='/beheer/gebruikers']", "link to user admin"),
    ("programma@demo.koers.nl", "Piet Programma", "main a[href='/programma/screening']", "link to the screening"),
    ("expert@demo.koers.nl", "Esther Expert", "main h2", "heading of the trajectories"),
    ("schoolleider@demo.koers.nl", "Sam Schoolleider", "main a[href^='/mijn-school/']", "row of the own school"),
    ("bestuurder@demo.koers.nl", "Bo Bestuur", "main a[href='/bestuur/41646']", "heading of board 41646"),
];

/// Role-specific text on each home (nl): the role line, the expert's trajectories heading, the
/// schoolleider's school and the bestuurder's schools (00AV De Morgenster belongs to board 41646).
const ROLE_TEXT: [(&str, &str, &str); 8] = [
    ("beheerder@demo.koers.nl", "main p.lead", "als Beheerder"),
    ("programma@demo.koers.nl", "main p.lead", "als Programmamedewerker"),
    ("expert@demo.koers.nl", "main p.lead", "als Expert"),
    ("schoolleider@demo.koers.nl", "main p.lead", "als Schoolleider"),
    ("bestuurder@demo.koers.nl", "main p.lead", "als Bestuurder"),
    ("expert@demo.koers.nl", "main h2", "Jouw trajecten"),
    ("schoolleider@demo.koers.nl", "main table", "Morgenster"),
    ("bestuurder@demo.koers.nl", "main table", "Morgenster"),
];

async fn log_in(p: &Page, email: &str) -> Fallible {
    p.goto("/inloggen").await?;
    p.wait("#login-email").await?.send_keys(email).await?;
    p.wait("#login-wachtwoord").await?.send_keys(DEMO_PASSWORD).await?;
    p.follow("main form[action^='/inloggen'] button[type=submit]").await?;
    p.wait("main h1").await?;
    Ok(())
}

#[tokio::test]
async fn each_demo_role_logs_in_to_its_own_home_and_logs_out() {
    e2e()
        .journey("roles", JS, |p| async move {
            for (email, name, own, what) in ROLES {
                log_in(&p, email).await?;
                assert_eq!(p.path().await?, "/home", "{email} did not land on /home");
                p.wait_text("main h1", name).await?;
                p.wait(own).await.map_err(|e| format!("{email}: home lacks the {what}: {e}"))?;
                for (who, css, text) in ROLE_TEXT {
                    if who == email {
                        p.wait_text(css, text).await.map_err(|e| format!("{email}: {e}"))?;
                    }
                }
                // The admin and screening links are for their own roles only.
                for (other, _, other_own, other_what) in &ROLES[..2] {
                    if *other != email {
                        assert_eq!(p.count(other_own).await?, 0, "{email}'s home shows the {other_what}");
                    }
                }
                p.follow("form[action='/uitloggen'] button[type=submit]").await?;
                p.wait_text("h1", "Kom ik in aanmerking").await?;
                p.goto("/home").await?;
                p.wait("#login-email")
                    .await
                    .map_err(|e| format!("{email}: /home after logout is not the login page: {e}"))?;
                assert!(p.path().await?.starts_with("/inloggen"), "after logout /home went to {}", p.path().await?);
            }
            Ok(())
        })
        .await;
}

#[tokio::test]
async fn language_switches_to_english_and_back() {
    e2e()
        .journey("language", JS, |p| async move {
            p.goto("/").await?;
            p.wait("html[lang=nl]").await?;
            p.wait_text("h1", "Kom ik in aanmerking?").await?;
            p.follow("a.lang-switch").await?;
            p.wait("html[lang=en]").await?;
            p.wait_text("h1", "Do we qualify?").await?;
            assert_eq!(p.path().await?, "/", "switching language returns to the same page");
            // The choice sticks across pages.
            p.goto("/check").await?;
            p.wait("html[lang=en]").await?;
            p.follow("a.lang-switch[lang=nl]").await?;
            p.wait("html[lang=nl]").await?;
            p.wait_text("h1", "Zelf getallen invoeren").await?;
            assert_eq!(p.path().await?, "/check", "switching back returns to the same page");
            Ok(())
        })
        .await;
}

#[tokio::test]
async fn public_pages_have_no_wcag_a_or_aa_violations() {
    e2e()
        .journey("axe", JS, |p| async move {
            let mut reports = Vec::new();
            p.goto("/").await?;
            p.wait("main h1").await?;
            axe(&p, "home /", &mut reports).await?;

            p.wait("#zoek-q").await?.send_keys("Morgenster").await?;
            p.wait("#resultaten .results-list li").await?;
            axe(&p, "home / with results swapped in by htmx", &mut reports).await?;

            p.goto("/scholen?q=Morgenster").await?;
            p.wait("#resultaten li").await?;
            axe(&p, "search results /scholen?q=Morgenster", &mut reports).await?;

            p.goto("/scholen?q=xqzw").await?;
            p.wait("#resultaten p").await?;
            axe(&p, "search without results /scholen?q=xqzw", &mut reports).await?;

            p.goto("/scholen?q=Morgenster").await?;
            open_de_morgenster_spijkenisse(&p).await?;
            p.wait(".eligibility .verdict").await?;
            axe(&p, "school page (De Morgenster, Spijkenisse)", &mut reports).await?;

            p.goto("/check").await?;
            p.wait("#jaar-1").await?;
            axe(&p, "check form /check", &mut reports).await?;

            fill_check_form(&p, "9x,1").await?;
            p.follow("main form[action='/check'] button[type=submit]").await?;
            p.wait(".error-summary").await?;
            axe(&p, "check form with errors", &mut reports).await?;

            let input = p.wait("#pct1f-2").await?;
            input.clear().await?;
            input.send_keys("91,1").await?;
            p.follow("main form[action='/check'] button[type=submit]").await?;
            p.wait(".eligibility .verdict").await?;
            axe(&p, "check result", &mut reports).await?;

            p.goto("/inloggen").await?;
            p.wait("#login-email").await?;
            axe(&p, "login /inloggen", &mut reports).await?;

            assert!(reports.is_empty(), "\n{}", reports.join("\n"));
            Ok(())
        })
        .await;
}

/// Run axe on the current page and keep its report, so one failure lists every page's violations.
async fn axe(p: &Page, label: &str, reports: &mut Vec<String>) -> Fallible {
    if let Some(r) = p.axe(label).await? {
        reports.push(r);
    }
    Ok(())
}
