//! Browser journeys of issue 10's "Done when" on the real `koers demo` (the national register of
//! every sector) in headless Chromium: from the public start page `/welke-ondersteuning`, apply
//! for each of the five programmes with a real school of the right sector —
//! - GWGB+ school: a PO school (the demo school De Morgenster, its school leader);
//! - GWGB+ gespecialiseerd: a so school (the demo's so school leader), the three questions;
//! - Leren Verbeteren procesbegeleiding: a VO school (the demo's VO school leader), a risk;
//! - Leren Verbeteren NPO: a VO school via its board — the bestuurder of the board with the most
//!   VO schools sends one request for two schools; staff (the beheerder) approve one and decline
//!   the other, and the board sees both decisions on its home;
//! - GWGB+ bestuur: a board (the demo board 41646), the history questions.
//!
//! axe-core (WCAG 2.1 A/AA) runs on every page the journeys pass; every violation fails the
//! test. Explicit waits only, no sleeps. The names of the schools are read from the pages (the
//! demo picks them from the register), so the journeys follow the data.

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

/// axe-core runs as a script in the page; the pages themselves need none.
const JS: BrowserOptions = BrowserOptions { javascript: true };
const PASSWORD: &str = "koers-demo-2026";

/// Check the current page with axe; a violation is kept to fail the journey at its end.
async fn axe(p: &Page, label: &str, reports: &mut Vec<String>) -> Fallible {
    if let Some(r) = p.axe(label).await? {
        reports.push(r);
    }
    Ok(())
}

fn clean(reports: &[String]) -> Fallible {
    if reports.is_empty() { Ok(()) } else { Err(format!("axe violations:\n{}", reports.join("\n")).into()) }
}

async fn log_in(p: &Page, email: &str) -> Fallible {
    p.goto("/inloggen").await?;
    p.wait("#login-email").await?.send_keys(email).await?;
    p.wait("#login-wachtwoord").await?.send_keys(PASSWORD).await?;
    p.follow("main form[action^='/inloggen'] button[type=submit]").await?;
    p.wait_text("main h1", "Welkom").await?;
    Ok(())
}

async fn log_out(p: &Page) -> Fallible {
    p.follow("form[action='/uitloggen'] button[type=submit]").await?;
    p.wait("a.login-link").await?;
    Ok(())
}

/// The vestigingscode / BRIN of the first school on the home page (the reader's own school, or the
/// first of their board's).
async fn first_school_code(p: &Page) -> Fallible<String> {
    let code = p.text("main table tbody th span.hint").await?;
    Ok(code.trim().to_owned())
}

/// From the home page to the start page (the navigation), search `q` and open the first result.
async fn start_page_school(p: &Page, q: &str, reports: &mut Vec<String>) -> Fallible {
    p.goto("/").await?;
    p.follow("main a[href='/welke-ondersteuning']").await?;
    p.wait_text("main h1", "Welke ondersteuning past bij ons?").await?;
    axe(p, "start page", reports).await?;
    p.wait("#ondersteuning-q").await?.send_keys(q).await?;
    p.follow("main form[role=search] button[type=submit]").await?;
    p.follow("main ul.results-list li a[href^='/welke-ondersteuning/school/']").await?;
    p.wait("main h1").await?;
    axe(p, &format!("start page: school {q}"), reports).await?;
    Ok(())
}

/// Choose the option with `value` in the select `css`.
async fn choose(p: &Page, css: &str, value: &str) -> Fallible {
    let option = p.wait(&format!("{css} option[value='{value}']")).await?;
    option.click().await?;
    Ok(())
}

/// Send the start page's questions and wait for the programme that fits.
async fn answer(p: &Page, programme: &str, reports: &mut Vec<String>, label: &str) -> Fallible {
    p.follow("main form[method=get] button[type=submit]").await?;
    p.wait_text("main section.programme-fit", programme).await?;
    p.wait_text("main section.programme-fit p.verdict", "Komt in aanmerking").await?;
    axe(p, label, reports).await?;
    Ok(())
}

/// Click the programme's aanmelden link, fill in the help question, send, and wait for the receipt.
async fn apply(p: &Page, programme_id: &str, help: &str, reports: &mut Vec<String>, label: &str) -> Fallible<String> {
    p.follow(&format!("main section.programme-fit a[href*='programma={programme_id}']")).await?;
    p.wait_text("main h1", "Aanmelden").await?;
    axe(p, &format!("{label}: aanmeld form"), reports).await?;
    p.wait("#aanmelden-help_question").await?.send_keys(help).await?;
    p.follow("main form[method=post] button[type=submit]").await?;
    let h1 = p.wait_text("main h1", "Aanmelding KRS-").await?.text().await?;
    axe(p, &format!("{label}: receipt"), reports).await?;
    Ok(h1)
}

#[tokio::test]
async fn a_po_school_applies_for_gwgb_plus_from_the_start_page() {
    e2e()
        .journey("start-po-gwgb", JS, |p| async move {
            let mut reports = Vec::new();
            log_in(&p, "schoolleider@demo.koers.nl").await?;
            let code = first_school_code(&p).await?;
            start_page_school(&p, &code, &mut reports).await?;
            p.wait_text("main h1", "Morgenster").await?;
            p.wait_text("main section.programme-fit", "Goed Worden, Goed Blijven Plus").await?;
            apply(&p, "gwgb-plus-school", "Rekenen in groep 5 tot en met 8 blijft achter.", &mut reports, "po").await?;
            clean(&reports)
        })
        .await;
}

#[tokio::test]
async fn a_so_school_applies_for_gwgb_plus_gespecialiseerd_after_the_three_questions() {
    e2e()
        .journey("start-so-gespecialiseerd", JS, |p| async move {
            let mut reports = Vec::new();
            log_in(&p, "so-schoolleider@demo.koers.nl").await?;
            let code = first_school_code(&p).await?;
            start_page_school(&p, &code, &mut reports).await?;
            p.wait_text("main dl.facts", "so").await?;
            p.wait("main input[name=population_described][value=nee]").await?.click().await?;
            p.wait("main input[name=ambitions_fit_population][value=ja]").await?.click().await?;
            p.wait("main input[name=ambitions_met][value=ja]").await?.click().await?;
            answer(&p, "sbo, so en vso", &mut reports, "so: answered").await?;
            let receipt = apply(
                &p,
                "gwgb-plus-gespecialiseerd",
                "Onze leerlingpopulatie is nog niet beschreven.",
                &mut reports,
                "so",
            )
            .await?;
            assert!(receipt.contains("KRS-"), "{receipt}");
            clean(&reports)
        })
        .await;
}

#[tokio::test]
async fn a_vo_school_applies_for_procesbegeleiding_with_a_demonstrable_risk() {
    e2e()
        .journey("start-vo-procesbegeleiding", JS, |p| async move {
            let mut reports = Vec::new();
            log_in(&p, "vo-schoolleider@demo.koers.nl").await?;
            let code = first_school_code(&p).await?;
            start_page_school(&p, &code, &mut reports).await?;
            choose(&p, "#aanmelden-risk_kind_0", "leadership_signals").await?;
            p.wait("#aanmelden-risk_evidence_0")
                .await?
                .send_keys("Het MT ziet het verzuim in de bovenbouw oplopen.")
                .await?;
            answer(&p, "procesbegeleiding", &mut reports, "vo: answered").await?;
            apply(
                &p,
                "leren-verbeteren-procesbegeleiding",
                "We willen het verzuim in de bovenbouw terugdringen.",
                &mut reports,
                "vo",
            )
            .await?;
            clean(&reports)
        })
        .await;
}

#[tokio::test]
async fn a_board_applies_for_gwgb_plus_bestuur_from_the_start_page() {
    e2e()
        .journey("start-bestuur", JS, |p| async move {
            let mut reports = Vec::new();
            log_in(&p, "bestuurder@demo.koers.nl").await?;
            p.goto("/").await?;
            p.follow("main a[href='/welke-ondersteuning']").await?;
            p.wait("#ondersteuning-bestuur").await?.send_keys("41646").await?;
            p.follow("main form[aria-labelledby=bestuur-kop] button[type=submit]").await?;
            p.wait("main select[name^='verdict_']").await?;
            axe(&p, "start page: board", &mut reports).await?;
            // One school of the board judged onvoldoende last year.
            let select = p.wait("main select[name^='verdict_']").await?;
            let name = select.attr("name").await?.unwrap_or_default();
            choose(&p, &format!("main select[name='{name}']"), "onvoldoende").await?;
            let year_field = name.replace("verdict_", "verdict_year_");
            p.wait(&format!("main input[name='{year_field}']")).await?.send_keys("2025").await?;
            answer(&p, "(bestuur)", &mut reports, "board: answered").await?;
            apply(&p, "gwgb-plus-bestuur", "Ons intern toezicht op de onderwijskwaliteit.", &mut reports, "board")
                .await?;
            clean(&reports)
        })
        .await;
}

#[tokio::test]
async fn a_board_applies_for_npo_for_two_vo_schools_and_staff_decide_each() {
    e2e()
        .journey("start-npo-board", JS, |p| async move {
            let mut reports = Vec::new();
            log_in(&p, "vo-bestuurder@demo.koers.nl").await?;
            let code = first_school_code(&p).await?;
            start_page_school(&p, &code, &mut reports).await?;
            choose(&p, "#aanmelden-risk_kind_0", "falling_results").await?;
            p.wait("#aanmelden-risk_evidence_0").await?.send_keys("Het slagingspercentage havo daalt.").await?;
            answer(&p, "NPO", &mut reports, "npo: answered").await?;
            // The board applies for several of its schools at once.
            p.follow("main section.programme-fit a.board-request-link").await?;
            p.wait_text("main h1", "Aanvraag voor meerdere scholen").await?;
            axe(&p, "npo: multi-school form", &mut reports).await?;
            // Nothing chosen: a Dutch message at the field, what was typed kept.
            p.wait("#meerdere-help_question").await?.send_keys("Twee scholen met dalende resultaten.").await?;
            p.follow("main form[method=post] button[type=submit]").await?;
            p.wait_text("#meerdere-scholen-error", "kies ten minste één school").await?;
            axe(&p, "npo: multi-school form with errors", &mut reports).await?;
            let boxes = p.client.find_all(Locator::Css("main input[name=school]")).await?;
            let mut ids = Vec::new();
            for b in boxes.iter().take(2) {
                ids.push(b.attr("value").await?.unwrap_or_default());
            }
            if ids.len() < 2 {
                return Err("the board has fewer than two VO schools".into());
            }
            for (id, evidence) in ids.iter().zip(["Havo-slagingspercentage daalt.", "Vmbo-uitstroom loopt terug."]) {
                p.wait(&format!("#meerdere-school-{id}")).await?.click().await?;
                choose(&p, &format!("#meerdere-risico-{id}"), "falling_results").await?;
                p.wait(&format!("#meerdere-onderbouwing-{id}")).await?.send_keys(evidence).await?;
            }
            p.follow("main form[method=post] button[type=submit]").await?;
            p.wait_text("main div.notice", "De aanvraag is verstuurd").await?;
            assert_eq!(p.count("main article.task").await?, 2);
            p.wait_text("main article.task", "wacht op een besluit").await?;
            axe(&p, "npo: request", &mut reports).await?;
            let request = p.path().await?;
            let request = request.split('?').next().unwrap_or_default().to_owned();
            log_out(&p).await?;

            // Staff (the beheerder) find it on their home and decide per school.
            log_in(&p, "beheerder@demo.koers.nl").await?;
            p.follow(&format!("main a[href='{request}']")).await?;
            p.wait_text("main h1", "Aanvraag van het bestuur").await?;
            axe(&p, "npo: request for staff", &mut reports).await?;
            p.follow("main article.task form button[id$='-goedkeuren']").await?;
            p.wait_text("main div.notice", "Het besluit is vastgelegd").await?;
            p.wait_text("main article.task", "goedgekeurd").await?;
            let reason = p.wait("main article.task textarea[name=reden]").await?;
            reason.send_keys("Het risico is bij deze school nog niet zichtbaar in de cijfers.").await?;
            p.follow("main article.task form button[id$='-afwijzen']").await?;
            p.wait_text("main article.task", "afgewezen").await?;
            axe(&p, "npo: both decided", &mut reports).await?;
            // The approved school has its own application, in the inbox for an expert.
            p.follow("main article.task a[href^='/programma/aanmeldingen/']").await?;
            p.wait_text("main", "definitief").await?;
            log_out(&p).await?;

            // The board sees both decisions on its home.
            log_in(&p, "vo-bestuurder@demo.koers.nl").await?;
            p.wait_text("main", "0 wachten op een besluit").await?;
            p.follow(&format!("main a[href='{request}']")).await?;
            p.wait_text("main article.task", "goedgekeurd").await?;
            p.wait_text("main article.task", "niet zichtbaar in de cijfers").await?;
            axe(&p, "npo: request as the board sees it", &mut reports).await?;
            clean(&reports)
        })
        .await;
}
