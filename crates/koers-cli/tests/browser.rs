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

async fn log_out(p: &Page) -> Fallible {
    p.follow("form[action='/uitloggen'] button[type=submit]").await?;
    p.wait_text("h1", "Kom ik in aanmerking").await?;
    Ok(())
}

/// Fill an empty input or textarea with `value`; leave a prefilled one as it is.
async fn fill_if_empty(p: &Page, css: &str, value: &str) -> Fallible {
    let input = p.wait(css).await?;
    if input.prop("value").await?.unwrap_or_default().trim().is_empty() {
        input.send_keys(value).await?;
    }
    Ok(())
}

/// The path `/goedkeuren/<64 hex>` of the first approval link in a mail body.
fn approval_path(body: &str) -> Option<String> {
    let start = body.find("/goedkeuren/")? + "/goedkeuren/".len();
    let token: String = body[start..].chars().take_while(char::is_ascii_hexdigit).collect();
    (token.len() == 64).then(|| format!("/goedkeuren/{token}"))
}

#[tokio::test]
async fn a_school_applies_its_board_approves_by_mail_link_and_staff_match_an_expert() {
    e2e()
        .journey("apply-approve-match", JS, |p| async move {
            // 1. Anonymous: the public check, then apply; the login comes in between.
            p.goto("/scholen?q=Morgenster").await?;
            open_de_morgenster_spijkenisse(&p).await?;
            p.wait_text(".eligibility .verdict", "Komt in aanmerking").await?;
            let apply = p.wait_text("main a.button", "Aanmelden voor GWGB+").await?;
            p.click_and_load(apply).await?;
            p.wait("#login-email").await?;
            let login_path = p.path().await?;
            assert!(login_path.starts_with("/inloggen?volgende="), "applying anonymously went to {login_path}");
            p.wait("#login-email").await?.send_keys("schoolleider@demo.koers.nl").await?;
            p.wait("#login-wachtwoord").await?.send_keys(DEMO_PASSWORD).await?;
            p.follow("main form[action^='/inloggen'] button[type=submit]").await?;
            p.wait_text("main h1", "Aanmelden voor").await?;
            let form_path = p.path().await?;
            assert!(form_path.starts_with("/aanmelden?school="), "after login landed on {form_path}, not the form");
            p.wait_text("main p.lead", "Morgenster").await?;
            fill_if_empty(&p, "#aanmelden-contact_name", "Sam Schoolleider").await?;
            fill_if_empty(&p, "#aanmelden-contact_email", "schoolleider@demo.koers.nl").await?;
            fill_if_empty(&p, "#aanmelden-contact_phone", "0181 123 456").await?;
            p.wait("#aanmelden-help_question")
                .await?
                .send_keys("We willen ons rekenonderwijs versterken en de resultaten beter volgen.")
                .await?;
            p.follow("main form button[type=submit]").await?;

            // The receipt: a reference, and the board still has to approve.
            p.wait_text("main h1", "KRS-").await?;
            let reference = p.text("main dl.facts dd").await?.trim().to_owned();
            assert!(reference.starts_with("KRS-"), "receipt reference {reference:?}");
            p.wait_text("main dl.facts dd", "wacht op goedkeuring van het bestuur").await?;
            p.wait_text("main .notice", "bestuur").await?;
            p.screenshot("apply-receipt").await?;

            // 2. The beheerder reads the approval mail to the bestuurder in the outbox.
            log_out(&p).await?;
            log_in(&p, "beheerder@demo.koers.nl").await?;
            p.goto("/beheer/outbox").await?;
            let mail_xpath = format!(
                "//article[contains(@class,'mail')][.//dd[contains(.,'bestuurder@demo.koers.nl')]]\
                 //pre[contains(.,'{reference}')]"
            );
            let body = p
                .client
                .wait()
                .at_most(koers_e2e::WAIT)
                .for_element(Locator::XPath(&mail_xpath))
                .await
                .map_err(|e| format!("no outbox mail to the bestuurder about {reference}: {e}"))?
                .text()
                .await?;
            let approve =
                approval_path(&body).ok_or_else(|| format!("no /goedkeuren/<64 hex> in the mail:\n{body}"))?;
            log_out(&p).await?;

            // The board approves through the link, without logging in.
            p.goto(&approve).await?;
            p.wait_text("main h1", &reference).await?;
            p.wait_text("main dl.facts dd", "Morgenster").await?;
            p.follow(&format!("form[action='{approve}'] input[value=akkoord] ~ button[type=submit]")).await?;
            p.wait_text("main h1", "Besluit vastgelegd").await?;
            p.wait_text("main p.lead", &format!("goedkeuring voor aanmelding {reference} is vastgelegd")).await?;

            // 3. Staff: find the application, intake, make it definitive, match an expert.
            log_in(&p, "programma@demo.koers.nl").await?;
            p.goto("/programma/aanmeldingen").await?;
            p.wait("#inbox-q").await?.send_keys(&reference).await?;
            p.follow("main form.filters button[type=submit]").await?;
            let row = p.wait_text("main tbody th a", &reference).await?;
            p.click_and_load(row).await?;
            p.wait_text("main h1", &reference).await?;

            p.wait("#plannen-datum").await?;
            p.client.execute("document.getElementById('plannen-datum').value = '2026-10-05';", vec![]).await?;
            p.wait("#plannen-deelnemers").await?.send_keys("Sam Schoolleider, Piet Programma").await?;
            p.follow("form[action$='/plannen'] button[type=submit]").await?;
            p.wait_text("main dl.facts dd", "2026").await?;

            p.wait("#verslag-verwachtingen").await?.send_keys("Betere rekenresultaten in groep 6 tot 8.").await?;
            p.wait("#verslag-achtergrond").await?.send_keys("Nieuw team, nieuwe rekenmethode.").await?;
            p.wait("#verslag-resultaten").await?.send_keys("1F is op orde, 1S/2F blijft achter.").await?;
            p.follow("form[action$='/verslag'] button[type=submit]").await?;
            p.wait_text("main dl.facts dd", "Nieuw team").await?;

            p.follow("form[action$='/definitief'] button[type=submit]").await?;
            p.wait("#match-expertise").await?.send_keys("rekenen").await?;
            p.follow("form.filters button[type=submit]").await?;
            let esther_row = "//tr[th[contains(.,'Esther Expert')]]";
            p.wait_text("main tbody tr th", "Esther Expert").await?;
            let row = p.client.find(Locator::XPath(esther_row)).await?;
            if let Ok(reason) = row.find(Locator::Css("input[name=overschrijding]")).await {
                reason.send_keys("Enige rekenexpert in Zuid-Holland met ruimte in de planning.").await?;
            }
            let assign = row
                .find(Locator::Css("form[action$='/koppelen'] button[type=submit]"))
                .await
                .map_err(|e| format!("Esther Expert cannot be assigned (unavailable?): {e}"))?;
            p.click_and_load(assign).await?;
            let trajectory = p.wait_text("main .notice dl.facts", "Esther Expert").await?;
            let trajectory = trajectory.find(Locator::Css("dd")).await?.text().await?;
            let trajectory_href = format!("/trajecten/{}", trajectory.trim().trim_start_matches('#'));
            log_out(&p).await?;

            // 4. The school leader sees the trajectory and its phases.
            log_in(&p, "schoolleider@demo.koers.nl").await?;
            let link = format!("main a[href='{trajectory_href}']");
            p.follow(&link).await?;
            p.wait_text("main p.lead", "Morgenster").await?;
            p.wait_text("main dl.facts dd", "Esther Expert").await?;
            p.wait_text("main h2", "Fasen").await?;
            assert!(p.count("main ol.timeline li").await? > 0, "the trajectory has no phases in its timeline");
            p.wait("main ol.timeline li[aria-current=step]").await?;
            p.screenshot("apply-trajectory").await?;
            log_out(&p).await?;

            // The expert finds it under "Jouw trajecten".
            log_in(&p, "expert@demo.koers.nl").await?;
            p.wait_text("main h2", "Jouw trajecten").await?;
            p.wait(&link).await.map_err(|e| format!("the expert's home lacks {trajectory_href}: {e}"))?;
            Ok(())
        })
        .await;
}

/// Today as the dagdelen form takes it (`30-11-2026`), in Dutch time.
fn today_nl() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    koers_core::calendar::Date::of_instant(i64::try_from(now).unwrap_or(0)).nl()
}

#[tokio::test]
async fn the_expert_logs_dagdelen_and_the_school_sees_its_kostenoverzicht() {
    e2e()
        .journey("dagdelen", JS, |p| async move {
            let mut reports = Vec::new();
            // The demo expert: from the home to the demo trajectory's dagdelen page.
            log_in(&p, "expert@demo.koers.nl").await?;
            p.follow("main a[href$='/dagdelen']").await?;
            p.wait_text("main h1", "Dagdelen").await?;
            let spent: u32 =
                p.text("[data-testid=dagdelen-spent]").await?.trim().parse().map_err(|e| format!("{e}"))?;
            axe(&p, "dagdelen", &mut reports).await?;
            // A refused entry (htmx swaps the section): the message names the field, input kept.
            p.wait("#log-datum").await?.send_keys(&today_nl()).await?;
            p.wait("#log-dagdelen").await?.send_keys("1,5").await?;
            p.wait("#log-activiteit option[value=studiedag]").await?.click().await?;
            p.wait("#log-toelichting").await?.send_keys("Studiemiddag rekenen").await?;
            p.wait("#log-schrijven-submit").await?.click().await?;
            p.wait_text("#dagdelen .field-error", "geen heel aantal").await?;
            assert_eq!(p.wait("#log-toelichting").await?.prop("value").await?.as_deref(), Some("Studiemiddag rekenen"));
            axe(&p, "dagdelen-refused", &mut reports).await?;
            // Corrected: saved, the log and the total follow.
            let field = p.wait("#log-dagdelen").await?;
            field.clear().await?;
            field.send_keys("1").await?;
            p.wait("#log-schrijven-submit").await?.click().await?;
            p.wait_text("#dagdelen .notice", "opgeslagen").await?;
            p.wait_text("[data-testid=dagdelen-spent]", &(spent + 1).to_string()).await?;
            p.wait_text("[data-testid=dagdelen-log]", "Studiemiddag rekenen").await?;
            // The expert's time sheet of this month, from the home.
            p.goto("/home").await?;
            p.follow("main a[href$='/urenstaat']").await?;
            p.wait_text("main h1", "Urenstaat").await?;
            p.wait_text("main table", "Studiemiddag rekenen").await?;
            axe(&p, "urenstaat", &mut reports).await?;
            log_out(&p).await?;
            // The school leader: the school page links to the kostenoverzicht (GWGB+: kosteloos).
            log_in(&p, "schoolleider@demo.koers.nl").await?;
            p.follow("main a[href^='/mijn-school/']").await?;
            p.follow("main a[href$='/kostenoverzicht']").await?;
            p.wait_text("main h1", "Kostenoverzicht").await?;
            p.wait_text("main", "kosteloos (gesubsidieerd)").await?;
            p.wait_text("[data-testid=school-share]", "€ 0,00").await?;
            axe(&p, "kostenoverzicht", &mut reports).await?;
            assert!(reports.is_empty(), "axe-core violations:\n{}", reports.join("\n"));
            Ok(())
        })
        .await;
}
