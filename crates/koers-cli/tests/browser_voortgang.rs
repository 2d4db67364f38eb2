//! Browser journey for voortgang, reviews and "op koers?" (issue 9) on the real `koers demo` in
//! headless Chromium (harness `crates/koers-e2e`), with a fixed clock (`--vandaag`):
//!
//! 1. On 3 May 2027 the expert goes from their home to a running trajectory's voortgang, is
//!    refused a date before the trajectory's start (Dutch message at the field), marks a measure
//!    gereed, records a measurement and a step-5 activity, plans a midterm review, names an
//!    external reviewer and makes their invitation link; the reviewer fills in findings through
//!    the link (no account), which then no longer works; the expert sees the findings and
//!    records the review as held. Staff see the trajectory is not on their off-course list.
//! 2. The demo restarts on the same database on 15 July 2027: the other measures ended on
//!    30 June and are not gereed, so the trajectory is "niet op koers" with that reason on the
//!    staff dashboard (filtered by reason kind) and on its voortgang page. The demo school's
//!    leader and bestuurder sign its plan van aanpak; the bestuurder opens that trajectory's
//!    voortgangsrapportage from the board view and downloads its PDF, whose text (pdftotext)
//!    holds the school, op koers and both signatures.
//!
//! Every new page is checked with axe-core (0 violations). Explicit waits, no sleeps; forms are
//! submitted with `Page::submit` (htmx or plain) and dates entered with `Page::set_date`.

use koers_e2e::{BrowserOptions, E2e, Fallible, Locator, Page};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const JS: BrowserOptions = BrowserOptions { javascript: true };
const DEMO_PASSWORD: &str = "koers-demo-2026";
/// The demo school's leader and its board's bestuurder (Bo Bestuur).
/// The expert's home: a GWGB+ school trajectory with a vastgesteld plan, on course.
const ON_COURSE_GWGB_SCHOOL: &str = "//section[@data-testid='home-op-koers']//tr[@data-plan='true'][@data-on-course='true']\
     [td[normalize-space()='Goed Worden, Goed Blijven Plus (school)']]/th/a";
const LEADER: &str = "schoolleider@demo.koers.nl";
const BOARD: &str = "bestuurder@demo.koers.nl";
const D1: &str = "2027-05-03";
const D2: &str = "2027-07-15";

fn shots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| PathBuf::from("target"), Path::to_path_buf)
        .join("e2e-screenshots")
}

fn start(dir: &Path, today: &str) -> E2e {
    let extra = ["--vandaag".to_owned(), today.to_owned()];
    match E2e::start_in(Path::new(env!("CARGO_BIN_EXE_koers")), shots(), dir, &extra) {
        Ok(e) => e,
        Err(e) => panic!("browser tests cannot start: {e}"),
    }
}

async fn axe(p: &Page, label: &str, reports: &Arc<Mutex<Vec<String>>>) -> Fallible {
    if let Some(r) = p.axe(label).await? {
        reports.lock().map_err(|_| "lock")?.push(r);
    }
    Ok(())
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
    p.wait("a.login-link").await?;
    Ok(())
}

/// Type `text` into the field `css` after clearing it.
async fn fill(p: &Page, css: &str, text: &str) -> Fallible {
    let el = p.wait(css).await?;
    el.clear().await?;
    el.send_keys(text).await?;
    Ok(())
}

/// The first element matching `x` (XPath), waiting for it.
async fn xpath(p: &Page, x: &str) -> Fallible<koers_e2e::Element> {
    Ok(p.client.wait().at_most(koers_e2e::WAIT).for_element(Locator::XPath(x)).await?)
}

/// Sign the plan on its page in the capacity the page offers, with `role` as the role's name.
async fn sign(p: &Page, role: &str) -> Fallible {
    p.wait("#teken-rol").await?.send_keys(role).await?;
    p.submit("main form[action$='/plan/ondertekenen'] button[type=submit]").await?;
    p.wait_text("#ondertekenen ~ ul li", role).await?;
    Ok(())
}

/// Choose the option with value `value` of the select `css`.
async fn choose(p: &Page, css: &str, value: &str) -> Fallible {
    p.wait(css).await?.find(Locator::Css(&format!("option[value='{value}']"))).await?.click().await?;
    Ok(())
}

type Shared<T> = Arc<Mutex<T>>;

/// Journey 1 on `dir` with the clock at D1 (see the module doc, part 1): leaves the followed
/// trajectory's id in `trajectory` and axe reports in `reports`.
async fn expert_logs_progress(dir: &Path, reports: &Shared<Vec<String>>, trajectory: &Shared<String>) {
    let e2e = start(dir, D1);
    let (r, t) = (reports.clone(), trajectory.clone());
    e2e.journey("voortgang-1", JS, |p| async move {
        // 1. The expert: home → a running trajectory with a plan, on course → voortgang.
        log_in(&p, "expert@demo.koers.nl").await?;
        // (A GWGB+ school trajectory: the demo's programme staff follow that programme.)
        let link = xpath(&p, ON_COURSE_GWGB_SCHOOL).await?;
        let href = link.attr("href").await?.ok_or("no link")?;
        let id: String = href.trim_start_matches("/trajecten/").chars().take_while(char::is_ascii_digit).collect();
        *t.lock().map_err(|_| "lock")? = id.clone();
        p.click_and_load(link).await?;
        p.wait_text("main h1", "Voortgang").await?;
        p.wait_text("[data-testid=op-koers]", "op koers").await?;
        axe(&p, "voortgang", &r).await?;

        // A date before the trajectory's start: refused at the field, what was typed kept.
        // (The status and measurement forms post through htmx: `submit` waits for the swap.)
        p.set_date("#status-datum", "2020-01-01").await?;
        choose(&p, "#status-status", "gereed").await?;
        fill(&p, "#status-toelichting", "Afgerond met de laatste studiedag.").await?;
        p.submit("#status-submit").await?;
        p.wait_text("#status-datum-error", "vóór de start van het traject").await?;
        let kept = p.wait("#status-toelichting").await?.prop("value").await?.unwrap_or_default();
        assert_eq!(kept, "Afgerond met de laatste studiedag.", "what was typed is kept");
        axe(&p, "voortgang: refused", &r).await?;
        p.set_date("#status-datum", "").await?;
        p.submit("#status-submit").await?;
        p.wait_text("main .notice", "Opgeslagen").await?;
        p.wait("[data-testid=measures] td[data-status='gereed']").await?;

        // A measurement at the indicator's target (on or above its line), and an activity.
        let target = p.text("[data-testid=indicators] tbody tr:first-child td:nth-of-type(2)").await?;
        let value = target.split(" (").next().unwrap_or_default().trim().to_owned();
        fill(&p, "#meting-waarde", &value).await?;
        fill(&p, "#meting-bron", "LVS midden").await?;
        p.submit("#meting-submit").await?;
        p.wait_text("main .notice", "Opgeslagen").await?;
        p.wait_text("[data-testid=indicators] tbody tr:first-child", "03-05-2027").await?;
        choose(&p, "#activiteit-activiteit", "verantwoording").await?;
        fill(&p, "#activiteit-met", "bestuur").await?;
        p.submit("#activiteit-submit").await?;
        p.wait_text("[data-testid=activities]", "bestuur").await?;

        // 2. A midterm review with an external reviewer and their invitation link.
        choose(&p, "#review-soort", "midterm-review").await?;
        p.set_date("#review-gepland", D1).await?;
        p.submit("#review-submit").await?;
        p.follow("[data-testid=reviews] a").await?;
        p.wait_text("main h1", "midterm-review").await?;
        let review_page = p.path().await?;
        fill(&p, "#reviewer-naam", "Drs. R. Extern").await?;
        fill(&p, "#reviewer-rol", "extern deskundige").await?;
        fill(&p, "#reviewer-email", "r.extern@example.nl").await?;
        p.submit("#reviewer-submit").await?;
        p.wait_text("[data-testid=reviewers]", "Drs. R. Extern").await?;
        axe(&p, "review", &r).await?;
        p.submit("#invite-0").await?;
        let invite = p.wait("[data-testid=invite-link] a").await?.attr("href").await?.ok_or("no link")?;
        log_out(&p).await?;

        // The reviewer, without an account, fills in findings through the link.
        p.goto(invite.trim_start_matches(p.url("").as_str())).await?;
        p.wait_text("main h1", "Bevindingen invullen").await?;
        axe(&p, "review invitation", &r).await?;
        choose(&p, "#oordeel-OP2", "3").await?;
        fill(&p, "#bevindingen-OP2", "De school volgt de leerlingen stelselmatig.").await?;
        fill(&p, "#aanbevelingen", "Deel de analyses met de secties.").await?;
        p.submit("#invited-submit").await?;
        p.wait_text("[data-testid=invited-done]", "ontvangen").await?;
        p.goto(invite.trim_start_matches(p.url("").as_str())).await?;
        p.wait_text("main [role=alert]", "al gebruikt").await?;

        // The expert sees the findings and records the review as held.
        log_in(&p, "expert@demo.koers.nl").await?;
        p.goto(&review_page).await?;
        let text = p.wait("#bevindingen-OP2").await?.prop("value").await?.unwrap_or_default();
        assert!(text.contains("stelselmatig"), "the reviewer's findings: {text:?}");
        p.set_date("#details-gehouden", D1).await?;
        p.submit("main form input[value=details] ~ button[type=submit]").await?;
        p.wait_text("main .notice", "Opgeslagen").await?;
        log_out(&p).await?;

        // Staff: home → the off-course list; this trajectory is not on it today.
        log_in(&p, "programma@demo.koers.nl").await?;
        p.follow("main a[href='/programma/op-koers']").await?;
        p.wait_text("main h1", "Op koers?").await?;
        axe(&p, "staff: op koers", &r).await?;
        assert_eq!(p.count(&format!("tr[data-trajectory='{id}']")).await?, 0, "on course on {D1}");
        p.follow("main a[href='/programma/leren']").await?;
        p.wait_text("main h1", "Leren over het programma").await?;
        axe(&p, "staff: learning", &r).await?;
        Ok(())
    })
    .await;
}

fn assert_axe_clean(reports: &Shared<Vec<String>>) {
    let reports = reports.lock().map(|g| g.clone()).unwrap_or_default();
    assert!(reports.is_empty(), "axe-core found WCAG A/AA violations:\n{}", reports.join("\n"));
}

/// Parts 1–4: ten weeks later the followed trajectory is off course; the bestuurder's report.
#[tokio::test]
async fn the_expert_logs_progress_a_reviewer_fills_in_by_link_and_an_overdue_measure_turns_the_trajectory_off_course() {
    let scratch = koers_e2e::process::ScratchDir::new("koers-e2e-voortgang").unwrap_or_else(|e| panic!("{e}"));
    let dir = scratch.path();
    let reports = Arc::new(Mutex::new(Vec::<String>::new()));
    let trajectory = Arc::new(Mutex::new(String::new()));
    expert_logs_progress(dir, &reports, &trajectory).await;
    // 3. Ten weeks later: the same database, a later clock.
    let e2e = start(dir, D2);
    let (r, t) = (reports.clone(), trajectory.clone());
    let id = t.lock().map(|g| g.clone()).unwrap_or_default();
    e2e.journey("voortgang-2", JS, |p| async move {
        log_in(&p, "programma@demo.koers.nl").await?;
        p.follow("main a[href='/programma/op-koers']").await?;
        choose(&p, "#filter-reden", "measure_overdue").await?;
        p.submit("main form.filters button[type=submit]").await?;
        let row = p.wait(&format!("[data-testid=off-course] tr[data-trajectory='{id}']")).await?;
        let text = row.text().await?;
        assert!(text.contains("einddatum"), "the reason names the overdue measure: {text}");
        axe(&p, "staff: op koers filtered", &r).await?;
        p.follow(&format!("tr[data-trajectory='{id}'] th a")).await?;
        p.wait_text("[data-testid=op-koers]", "niet op koers").await?;
        p.wait_text("[data-testid=op-koers-reasons]", "einddatum").await?;
        log_out(&p).await?;

        // 4. The demo school's plan (in the plan phase) is signed by its leader and then by the
        //    bestuurder, who finds its voortgangsrapportage in the board view and downloads it.
        log_in(&p, LEADER).await?;
        let link =
            xpath(&p, "//section[@data-testid='home-op-koers']//tr[td[normalize-space()='Plan van aanpak']]/th/a")
                .await?;
        let school = link.text().await?;
        let href = link.attr("href").await?.ok_or("no link")?;
        let own: String = href.trim_start_matches("/trajecten/").chars().take_while(char::is_ascii_digit).collect();
        p.goto(&format!("/trajecten/{own}/plan")).await?;
        sign(&p, "Directeur").await?;
        log_out(&p).await?;
        log_in(&p, BOARD).await?;
        p.wait_text("[data-testid=home-op-koers] h2", "stimulerend toezicht").await?;
        p.goto(&format!("/trajecten/{own}/plan")).await?;
        sign(&p, "Voorzitter college van bestuur").await?;
        p.wait_text("main dl.facts dd", "vastgesteld").await?;
        p.goto("/home").await?;
        axe(&p, "bestuurder: board view", &r).await?;
        let cell =
            format!("tr[data-trajectory='{own}'] [data-testid=board-latest-report] a[href$='/voortgang-bestuur']");
        p.follow(&cell).await?;
        p.wait_text("main", "Verantwoording aan het bestuur").await?;
        axe(&p, "bestuurder: voortgangsrapportage on screen", &r).await?;
        let href = p.wait("main a[download][href$='.pdf']").await?.attr("href").await?.ok_or("no PDF link")?;
        let pdf = p.download(&href).await?;
        assert_eq!((pdf.status, pdf.content_type.as_str()), (200, "application/pdf"), "{href}");
        assert!(pdf.disposition.starts_with("attachment; filename=\"voortgang-bestuur-"), "{}", pdf.disposition);
        let text = koers_e2e::pdf_text(&pdf.bytes)?;
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for needle in [
            "Verantwoording aan het bestuur",
            school.trim(),
            "Op koers?",
            "Ondertekening",
            "Sam Schoolleider",
            "Bo Bestuur",
        ] {
            assert!(flat.contains(needle), "the PDF lacks {needle:?}:\n{text}");
        }
        Ok(())
    })
    .await;
    assert_axe_clean(&reports);
}
