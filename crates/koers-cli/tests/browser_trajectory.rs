//! Browser journeys inside the trajectory (issue 8, "Done when") on the real `koers demo` in
//! headless Chromium, with the harness of `tests/browser.rs` (`crates/koers-e2e`):
//!
//! 1. PO (GWGB+ school, De Morgenster): staff put the demo school's trajectory back in the
//!    zelfevaluatie phase; the expert adds a klassenbezoek and comments; the school leader
//!    answers the comment, fills in the zelfevaluatie with an upload, flags verbeterpunten and
//!    submits; the expert confirms (the phase moves to the plan van aanpak); the school leader
//!    makes goals of the verbeterpunten, adds an indicator and a measure and signs; the
//!    bestuurder signs from the task on the home page; the phase moves to uitvoering.
//! 2. Board track (GWGB+ bestuur, the demo board): the same with the BKA1–3 format, the
//!    adviser's analyse, the advice, the choice *zelfstandig* and the bestuurder's signature.
//!
//! Everything is reached by clicking from the role's home page (only the login page is typed).
//! axe-core: 0 WCAG 2.1 A/AA violations on every page visited. Explicit waits, no sleeps.
//! Its own file (and demo server), so the journeys of the other browser files stay untouched.

mod form_steps;

use form_steps::{add_visit, comment, fill_open_items, form_status, pdf_file, show_item, upload};
use koers_e2e::{BrowserOptions, E2e, Element, Fallible, Locator, Page};
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

/// htmx on: the items save themselves; axe runs as a script in the page.
const JS: BrowserOptions = BrowserOptions { javascript: true };
const DEMO_PASSWORD: &str = "koers-demo-2026";
const STAFF: &str = "programma@demo.koers.nl";
const BEHEERDER: &str = "beheerder@demo.koers.nl";
const EXPERT: &str = "expert@demo.koers.nl";
const LEADER: &str = "schoolleider@demo.koers.nl";
const BOARD: &str = "bestuurder@demo.koers.nl";

/// The axe findings of every page a journey visits, reported together at the end.
#[derive(Default)]
struct Axe(Vec<String>);

impl Axe {
    async fn check(&mut self, p: &Page, label: &str) -> Fallible {
        if let Some(r) = p.axe(label).await? {
            self.0.push(r);
        }
        Ok(())
    }
    fn assert_clean(&self) {
        assert!(self.0.is_empty(), "axe-core found WCAG A/AA violations:\n{}", self.0.join("\n"));
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
    p.wait("a.login-link").await?;
    Ok(())
}

async fn xpath(p: &Page, xpath: &str) -> Fallible<Element> {
    match p.client.wait().at_most(koers_e2e::WAIT).for_element(Locator::XPath(xpath)).await {
        Ok(el) => Ok(el),
        Err(e) => Err(format!("waiting for {xpath} on {}: {e}", p.path().await.unwrap_or_default()).into()),
    }
}

async fn follow_xpath(p: &Page, x: &str) -> Fallible {
    let el = xpath(p, x).await?;
    p.click_and_load(el).await
}

/// From the home page to the trajectory whose link names `needle`.
async fn trajectory_from_home(p: &Page, needle: &str) -> Fallible {
    follow_xpath(
        p,
        &format!(
            "//main//a[starts-with(@href,'/trajecten/') and not(contains(substring-after(@href,'/trajecten/'),'/')) \
             and contains(.,'{needle}')]"
        ),
    )
    .await?;
    p.wait_text("main h2", "Fasen").await?;
    Ok(())
}

/// Staff (or a beheerder) find the application of `applicant` in the inbox (filtered on
/// `programme` and status gekoppeld), open its trajectory and move it to the phase called
/// `phase` with a reason.
async fn staff_move_phase(p: &Page, axe: &mut Axe, programme: &str, applicant: &str, phase: &str) -> Fallible {
    p.follow("main a[href='/programma/aanmeldingen']").await?;
    xpath(p, &format!("//select[@id='inbox-programma']/option[normalize-space()='{programme}']"))
        .await?
        .click()
        .await?;
    xpath(p, "//select[@id='inbox-status']/option[starts-with(normalize-space(),'gekoppeld')]").await?.click().await?;
    p.follow("main form.filters button[type=submit]").await?;
    axe.check(p, "inbox (filtered)").await?;
    follow_xpath(p, &format!("//main//tbody/tr[td[contains(.,'{applicant}')]]/th/a")).await?;
    axe.check(p, "application (staff)").await?;
    p.follow("main a[href^='/trajecten/']").await?;
    p.wait_text("main h2", "Fasen").await?;
    axe.check(p, "trajectory (staff)").await?;
    xpath(p, &format!("//select[@id='fase-naar']/option[contains(.,'{phase}')]")).await?.click().await?;
    p.wait("#fase-reden").await?.send_keys("De zelfevaluatie wordt opnieuw gedaan met het nieuwe team.").await?;
    p.follow("form[action$='/fase'] button[type=submit]").await?;
    p.wait_text("main ol.timeline li[aria-current=step]", phase).await?;
    Ok(())
}

/// Open the trajectory's form called `title` from the trajectory page.
async fn open_form(p: &Page, title: &str) -> Fallible {
    follow_xpath(p, &format!("//main//a[contains(@href,'/formulieren/') and contains(.,'{title}')]")).await?;
    p.wait_text("main h1", title).await?;
    Ok(())
}

/// From the home page's "Wat moet ik nu doen?", the step whose line names `needle`.
async fn next_step(p: &Page, needle: &str) -> Fallible {
    follow_xpath(p, &format!("//section[contains(@class,'next-steps')]//li[contains(.,'{needle}')]/a")).await
}

/// Adopt every offered verbeterpunt as a goal of the plan.
async fn adopt_verbeterpunten(p: &Page, at_least: usize) -> Fallible {
    p.wait("#verbeterpunten").await?;
    let boxes = p.client.find_all(Locator::Css("main input[name=punt]")).await?;
    assert!(boxes.len() >= at_least, "{} verbeterpunten offered, expected at least {at_least}", boxes.len());
    for b in &boxes {
        b.click().await?;
    }
    p.follow("main form:has(input[value=verbeterpunten]) button[type=submit]").await?;
    Ok(())
}

/// Give every goal without an indicator one, and every goal without a measure one, owned by
/// `owner` (the value of the owner list: `expert`, `directeur`, `bestuurder`, …; dagdelen only
/// for the expert's). Returns how many goals were completed.
async fn complete_goals(p: &Page, indicator: &str, measure: &str, owner: &str) -> Fallible<usize> {
    const NO_INDICATOR: &str =
        "//main//section[contains(@class,'card') and starts-with(@id,'doel-') and not(.//table)]";
    const NO_MEASURE: &str = "//main//section[contains(@class,'card') and starts-with(@id,'doel-') \
                              and not(.//p[starts-with(normalize-space(),'Maatregelen voor dit doel')])]";
    let mut done = 0;
    loop {
        let (goal, needs_indicator) = match p.client.find(Locator::XPath(NO_INDICATOR)).await {
            Ok(g) => (g, true),
            Err(_) => match p.client.find(Locator::XPath(NO_MEASURE)).await {
                Ok(g) => (g, false),
                Err(_) => return Ok(done),
            },
        };
        done += 1;
        let gid = goal.attr("id").await?.unwrap_or_default().trim_start_matches("doel-").to_owned();
        if needs_indicator {
            let indicator = format!("{indicator} ({done})");
            goal.find(Locator::Css("details summary")).await?.click().await?;
            p.wait(&format!("#ind-naam-{gid}")).await?.send_keys(&indicator).await?;
            xpath(p, &format!("//select[@id='ind-eenheid-{gid}']/option[@value='score']")).await?.click().await?;
            p.wait(&format!("#ind-begin-{gid}")).await?.send_keys("2").await?;
            p.set_date(&format!("#ind-begindatum-{gid}"), "2026-11-15").await?;
            p.wait(&format!("#ind-bron-{gid}")).await?.send_keys("zelfevaluatie (0-meting)").await?;
            p.wait(&format!("#ind-streef-{gid}")).await?.send_keys("3").await?;
            p.set_date(&format!("#ind-streefdatum-{gid}"), "2027-07-01").await?;
            let form = p.wait(&format!("#doel-{gid} form:has(input[value=indicator-toevoegen])")).await?;
            p.click_and_load(form.find(Locator::Css("button[type=submit]")).await?).await?;
            p.wait_text(&format!("#doel-{gid} table"), &indicator).await?;
        }
        // A goal from a verbeterpunt has neither yet: it gets its measure too.
        let measure = format!("{measure} ({done})");
        p.wait("#mr-wat").await?.send_keys(&measure).await?;
        xpath(p, &format!("//select[@id='mr-doel']/option[@value='{gid}']")).await?.click().await?;
        xpath(p, &format!("//select[@id='mr-eigenaar']/option[@value='{owner}']")).await?.click().await?;
        p.set_date("#mr-start", "2027-01-10").await?;
        p.set_date("#mr-eind", "2027-06-30").await?;
        p.wait("#mr-dagdelen").await?.send_keys(if owner == "expert" { "2" } else { "0" }).await?;
        p.follow("main form:has(input[value=maatregel-toevoegen]) button[type=submit]").await?;
        p.wait_text("main table", &measure).await?;
    }
}

/// Sign the plan in the capacity the page offers, with a role name.
async fn sign(p: &Page, role: &str) -> Fallible {
    p.wait("#teken-rol").await?.send_keys(role).await?;
    p.follow("main form[action$='/plan/ondertekenen'] button[type=submit]").await?;
    p.wait_text("#ondertekenen ~ ul li", role).await?;
    Ok(())
}

#[tokio::test]
async fn po_zelfevaluatie_to_a_signed_plan_van_aanpak_and_the_phase_moves_to_uitvoering() {
    e2e()
        .journey("trajectory-po", JS, |p| async move {
            let mut axe = Axe::default();
            // 1. Staff put De Morgenster's trajectory (demo: in the plan phase) back in the
            //    zelfevaluatie, by hand with a reason.
            log_in(&p, STAFF).await?;
            staff_move_phase(&p, &mut axe, "Goed Worden, Goed Blijven Plus (school)", "Morgenster", "Zelfevaluatie")
                .await?;
            log_out(&p).await?;

            // 2. The expert: a klassenbezoek on the kijkwijzer and a comment.
            log_in(&p, EXPERT).await?;
            trajectory_from_home(&p, "Morgenster").await?;
            axe.check(&p, "trajectory (expert)").await?;
            open_form(&p, "Zelfevaluatie basisonderwijs").await?;
            axe.check(&p, "zelfevaluatie (expert)").await?;
            add_visit(&p, "2026-11-12", "groep 6", "Esther Expert").await?;
            add_visit(&p, "2026-11-12", "groep 4", "Esther Expert").await?;
            comment(&p, "op3-rubric", "Wat zien jullie zelf terug van de instructie op drie niveaus?").await?;
            axe.check(&p, "zelfevaluatie with a visit and a comment").await?;
            log_out(&p).await?;

            // 3. The school leader: answers the comment, fills in, uploads, flags, submits.
            log_in(&p, LEADER).await?;
            trajectory_from_home(&p, "Morgenster").await?;
            open_form(&p, "Zelfevaluatie basisonderwijs").await?;
            show_item(&p, "op3-rubric").await?;
            p.wait_text("#item-op3-rubric .se-thread", "drie niveaus").await?;
            comment(&p, "op3-rubric", "Vooral in groep 6 tot 8; de onderbouw werkt nog met één instructie.").await?;
            // The PO format asks for four klassenbezoeken: the directeur and the IB'er add two.
            add_visit(&p, "2026-11-17", "groep 3", "directeur").await?;
            add_visit(&p, "2026-11-18", "groep 8", "intern begeleider").await?;
            let pdf = pdf_file("schoolplan-2024-2028.pdf")?;
            upload(&p, "op0-bewijs", &pdf).await?;
            axe.check(&p, "zelfevaluatie with an upload").await?;
            let saved = fill_open_items(&p, &["op3-rubric", "or1-rubric"]).await?;
            assert!(saved > 20, "only {saved} items were filled in");
            axe.check(&p, "zelfevaluatie filled in").await?;
            p.client.refresh().await?;
            p.wait_text("main dl.facts dd", "100%").await?;
            form_status(&p, "indienen", "ingediend").await?;
            axe.check(&p, "zelfevaluatie submitted").await?;
            p.follow("main a[href$='/resultaat']").await?;
            p.wait("main svg[role=img]").await?;
            axe.check(&p, "zelfevaluatie result").await?;
            log_out(&p).await?;

            // 4. The expert confirms from the home page's next step: the phase moves on.
            log_in(&p, EXPERT).await?;
            next_step(&p, "Morgenster").await?;
            p.wait_text("main .se-status", "ingediend").await?;
            form_status(&p, "bevestigen", "bevestigd").await?;
            p.follow("main a[href^='/trajecten/']:not([href*='/formulieren/'])").await?;
            p.wait_text("main ol.timeline li[aria-current=step]", "Plan van aanpak").await?;
            log_out(&p).await?;

            // 5. The school leader writes the plan: goals from the verbeterpunten, an indicator,
            //    a measure; and signs.
            log_in(&p, LEADER).await?;
            trajectory_from_home(&p, "Morgenster").await?;
            p.follow("main a[href$='/plan']").await?;
            p.wait_text("main h1", "Plan van aanpak").await?;
            axe.check(&p, "plan van aanpak").await?;
            adopt_verbeterpunten(&p, 2).await?;
            let completed = complete_goals(
                &p,
                "Score instructie op niveau (klassenbezoeken)",
                "Coaching op gedifferentieerde instructie",
                "expert",
            )
            .await?;
            assert!(completed >= 2, "{completed} goals from the verbeterpunten got an indicator and a measure");
            axe.check(&p, "plan van aanpak written").await?;
            sign(&p, "Directeur").await?;
            log_out(&p).await?;

            // 6. The bestuurder signs from the task on the home page; the phase moves to uitvoering.
            log_in(&p, BOARD).await?;
            axe.check(&p, "board home with a task").await?;
            next_step(&p, "Morgenster").await?;
            axe.check(&p, "plan van aanpak (board)").await?;
            sign(&p, "Voorzitter college van bestuur").await?;
            p.wait_text("main dl.facts dd", "vastgesteld").await?;
            p.follow("main a[href^='/trajecten/']").await?;
            p.wait_text("main ol.timeline li[aria-current=step]", "Uitvoering").await?;
            axe.check(&p, "trajectory in uitvoering").await?;
            axe.assert_clean();
            Ok(())
        })
        .await;
}

#[tokio::test]
async fn board_track_bka_zelfevaluatie_advice_choice_and_sign_off() {
    e2e()
        .journey("trajectory-board", JS, |p| async move {
            let mut axe = Axe::default();
            // 1. A beheerder puts the demo board's trajectory (demo: in the plan phase) back in
            //    the zelfevaluatie BKA1–3.
            log_in(&p, BEHEERDER).await?;
            staff_move_phase(&p, &mut axe, "Goed Worden, Goed Blijven Plus (bestuur)", "41646", "Zelfevaluatie BKA")
                .await?;
            log_out(&p).await?;

            // 2. The adviser writes the analyse kwaliteitsbeleid and comments.
            log_in(&p, EXPERT).await?;
            trajectory_from_home(&p, "bestuur").await?;
            open_form(&p, "bestuur").await?;
            let saved = fill_open_items(&p, &[]).await?;
            assert!(saved >= 3, "the adviser filled in {saved} items");
            comment(&p, "bka3-rubric", "Hoe komt de raad van toezicht aan zijn informatie over de scholen?").await?;
            axe.check(&p, "board zelfevaluatie (adviser)").await?;
            log_out(&p).await?;

            // 3. The bestuurder answers, uploads the koersplan, flags, submits: the phase moves on.
            log_in(&p, BOARD).await?;
            trajectory_from_home(&p, "bestuur").await?;
            open_form(&p, "bestuur").await?;
            show_item(&p, "bka3-rubric").await?;
            p.wait_text("#item-bka3-rubric .se-thread", "raad van toezicht").await?;
            comment(&p, "bka3-rubric", "Uit de kwartaalrapportage; die bespreken we voortaan met de directeuren.").await?;
            upload(&p, "documenten-koersplan", &pdf_file("koersplan-2025-2029.pdf")?).await?;
            let saved = fill_open_items(&p, &["bka1-rubric", "bka3-rubric"]).await?;
            assert!(saved > 10, "the bestuurder filled in {saved} items");
            axe.check(&p, "board zelfevaluatie filled in").await?;
            p.client.refresh().await?;
            form_status(&p, "indienen", "ingediend").await?;
            p.follow("main a[href^='/trajecten/']:not([href*='/formulieren/'])").await?;
            p.wait_text("main ol.timeline li[aria-current=step]", "Advies").await?;
            log_out(&p).await?;

            // 4. The adviser writes the advice on the plan and confirms the zelfevaluatie.
            log_in(&p, EXPERT).await?;
            trajectory_from_home(&p, "bestuur").await?;
            p.follow("main a[href$='/plan']").await?;
            let advice = p.wait("#advies-tekst").await?;
            advice.clear().await?;
            advice
                .send_keys("Maak van de kwartaalrapportage een kwaliteitsdialoog: ambities per school, besproken met directeuren en toezicht.")
                .await?;
            p.set_date("#advies-datum", "2026-11-20").await?;
            p.follow("main form:has(input[value=advies]) button[type=submit]").await?;
            p.wait_text("main p.pre-line", "kwaliteitsdialoog").await?;
            axe.check(&p, "board plan with advice").await?;
            p.follow("main a[href^='/trajecten/']").await?;
            open_form(&p, "bestuur").await?;
            form_status(&p, "bevestigen", "bevestigd").await?;
            p.follow("main a[href^='/trajecten/']:not([href*='/formulieren/'])").await?;
            p.wait_text("main ol.timeline li[aria-current=step]", "Plan").await?;
            log_out(&p).await?;

            // 5. The bestuurder chooses "zelfstandig", makes goals, an indicator, a measure, signs.
            log_in(&p, BOARD).await?;
            trajectory_from_home(&p, "bestuur").await?;
            p.follow("main a[href$='/plan']").await?;
            // Zelfstandig: without the adviser's measures (the plan refuses the choice while
            // the expert still owns a measure, naming them).
            let expert_measure = "//main//tr[td[2][contains(.,'xpert')]]//form[input[@value='maatregel-verwijderen']]//button";
            while p.client.find(Locator::XPath(expert_measure)).await.is_ok() {
                follow_xpath(&p, expert_measure).await?;
            }
            p.wait("main input[name=keuze][value=zelfstandig]").await?.click().await?;
            p.follow("main form:has(input[value=keuze]) button[type=submit]").await?;
            p.wait_text("#keuze + p", "zelfstandig").await?;
            adopt_verbeterpunten(&p, 1).await?;
            let completed = complete_goals(
                &p,
                "Kwaliteitsgesprekken met verslag aan het toezicht",
                "Kwaliteitskalender vaststellen met de directeuren",
                "bestuurder",
            )
            .await?;
            assert!(completed >= 1, "{completed} goals from the verbeterpunten got an indicator and a measure");
            axe.check(&p, "board plan written").await?;
            sign(&p, "Bestuurder").await?;
            p.wait_text("main dl.facts dd", "vastgesteld").await?;
            p.follow("main a[href^='/trajecten/']").await?;
            p.wait("main ol.timeline").await?;
            assert_eq!(p.count("main ol.timeline li[aria-current=step]").await?, 0, "the last phase is done");
            axe.check(&p, "board trajectory after the plan").await?;
            axe.assert_clean();
            Ok(())
        })
        .await;
}
