//! The application pages: `/aanmelden` (form, field errors, not eligible, receipt),
//! `/goedkeuren/{token}` (approval by the link from the mail; reused and forged links refused)
//! and the beheerder's `/beheer/outbox`.

mod auth_support;

use auth_support::{Who, World, eligible_school, world};

const GOOD: [(&str, &str); 4] = [
    ("contact_name", "Bo Bestuur"),
    ("contact_email", "contact@school-d.nl"),
    ("contact_phone", "038 123 4567"),
    ("help_question", "Wij willen beter leesonderwijs in groep 5 tot en met 8."),
];

/// The approval link's token from the board's mail in the outbox.
async fn token_from_outbox(w: &World) -> String {
    let mails = w.store().outbox(false, 50).await.unwrap_or_else(|e| panic!("{e}"));
    let mail = mails
        .iter()
        .find(|m| m.subject.starts_with("Goedkeuring gevraagd") && m.to_address == Who::BestuurderX.email())
        .unwrap_or_else(|| panic!("no approval mail in {mails:?}"));
    let at = mail.body_text.find("/goedkeuren/").unwrap_or_else(|| panic!("no link in {}", mail.body_text));
    mail.body_text[at + "/goedkeuren/".len()..].chars().take_while(char::is_ascii_hexdigit).collect()
}

#[tokio::test]
async fn submitting_shows_the_receipt_and_queues_the_mails() {
    let w = world().await;
    let d = eligible_school(&w).await;
    let cookie = w.session(Who::BestuurderX).await;
    let form = w.get(&format!("/aanmelden?school={d}"), cookie.as_deref()).await;
    assert_eq!(form.status, 200, "{}", form.body);
    for text in ["School D", "44DD", "Kampen", "Stichting X", "bestuur-x@test.nl", "Bo Bestuur"] {
        assert!(form.body.contains(text), "form lacks {text}");
    }
    assert!(form.body.contains("uitkomst-kop"), "the eligibility result is shown");

    let res = w.post_form(&format!("/aanmelden?school={d}"), cookie.as_deref(), &GOOD).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let receipt_url = res.location().to_owned();
    assert!(receipt_url.starts_with("/aanmeldingen/"), "{receipt_url}");
    let receipt = w.get(&receipt_url, cookie.as_deref()).await;
    assert_eq!(receipt.status, 200, "{}", receipt.body);
    assert!(receipt.body.contains("KRS-"), "{}", receipt.body);
    assert!(receipt.body.contains("contact@school-d.nl"));
    assert!(receipt.body.contains("wacht op goedkeuring van het bestuur"));
    assert!(receipt.body.contains("het bestuur heeft daarvoor een verzoek gekregen"));

    let mails = w.store().outbox(false, 50).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(
        mails.iter().any(|m| m.to_address == "contact@school-d.nl" && m.subject.contains("Ontvangstbevestiging")),
        "{mails:?}"
    );
    // The receipt is visible to the school's people and beheer, not to others.
    let beheer = w.session(Who::Beheerder).await;
    assert_eq!(w.get(&receipt_url, beheer.as_deref()).await.status, 200);
    let leider = w.session(Who::LeiderA).await;
    assert_eq!(w.get(&receipt_url, leider.as_deref()).await.status, 403);
    let expert = w.session(Who::Expert).await;
    assert_eq!(w.get(&receipt_url, expert.as_deref()).await.status, 403);
}

#[tokio::test]
async fn field_errors_are_shown_next_to_the_fields_with_the_values_kept() {
    let w = world().await;
    let d = eligible_school(&w).await;
    let cookie = w.session(Who::BestuurderX).await;
    let pairs = [("contact_name", ""), ("contact_email", "geen-adres"), ("help_question", "")];
    let res = w.post_form(&format!("/aanmelden?school={d}"), cookie.as_deref(), &pairs).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("vul de naam van de contactpersoon in"));
    assert!(res.body.contains("vul een geldig e-mailadres in"));
    assert!(res.body.contains("beschrijf de hulpvraag"));
    assert!(res.body.contains("value=\"geen-adres\""), "the typed value is kept");
    assert!(res.body.contains("aria-invalid=\"true\""));
    assert!(w.store().outbox(false, 50).await.unwrap_or_else(|e| panic!("{e}")).is_empty());
}

#[tokio::test]
async fn a_school_that_is_not_eligible_gets_a_clear_message() {
    let w = world().await;
    let cookie = w.session(Who::Beheerder).await;
    let b = w.ids.school_b;
    let res = w.post_form(&format!("/aanmelden?school={b}"), cookie.as_deref(), &GOOD).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("Deze school komt nu niet in aanmerking"), "{}", res.body);
    assert!(res.body.contains("Wij willen beter leesonderwijs"), "the typed values are kept");
}

#[tokio::test]
async fn the_board_approves_through_the_mailed_link_once() {
    let w = world().await;
    let d = eligible_school(&w).await;
    let cookie = w.session(Who::BestuurderX).await;
    let res = w.post_form(&format!("/aanmelden?school={d}"), cookie.as_deref(), &GOOD).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let receipt_url = res.location().to_owned();
    let token = token_from_outbox(&w).await;
    assert_eq!(token.len(), 64);

    // No login needed.
    let page = w.get(&format!("/goedkeuren/{token}"), None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("KRS-") && page.body.contains("School D") && page.body.contains("leesonderwijs"));

    // Declining needs a reason; the link stays usable.
    let res = w.post_form(&format!("/goedkeuren/{token}"), None, &[("besluit", "afwijzen"), ("reden", " ")]).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("vul de reden van de afwijzing in"));

    let res = w.post_form(&format!("/goedkeuren/{token}"), None, &[("besluit", "akkoord")]).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(res.body.contains("Besluit vastgelegd"), "{}", res.body);
    let receipt = w.get(&receipt_url, cookie.as_deref()).await;
    assert!(!receipt.body.contains("wacht op goedkeuring van het bestuur"), "{}", receipt.body);

    let again = w.post_form(&format!("/goedkeuren/{token}"), None, &[("besluit", "akkoord")]).await;
    assert_eq!(again.status, 409, "{}", again.body);
    assert!(again.body.contains("al gebruikt"));
    assert_eq!(w.get(&format!("/goedkeuren/{token}"), None).await.status, 409);

    let forged = "0".repeat(64);
    let res = w.get(&format!("/goedkeuren/{forged}"), None).await;
    assert_eq!(res.status, 404);
    assert!(res.body.contains("onbekend"), "{}", res.body);
    let res = w.post_form(&format!("/goedkeuren/{forged}"), None, &[("besluit", "akkoord")]).await;
    assert_eq!(res.status, 404);
}

#[tokio::test]
async fn the_outbox_is_for_the_beheerder_only() {
    let w = world().await;
    let d = eligible_school(&w).await;
    let bestuur = w.session(Who::BestuurderX).await;
    let res = w.post_form(&format!("/aanmelden?school={d}"), bestuur.as_deref(), &GOOD).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let beheer = w.session(Who::Beheerder).await;
    let page = w.get("/beheer/outbox", beheer.as_deref()).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Ontvangstbevestiging aanmelding KRS-"));
    assert!(page.body.contains("contact@school-d.nl"));
    assert!(page.body.contains("<pre"));
    assert!(page.body.contains("nog niet verstuurd"));
    let leider = w.session(Who::LeiderA).await;
    assert_eq!(w.get("/beheer/outbox", leider.as_deref()).await.status, 403);
}

#[tokio::test]
async fn the_school_page_links_to_the_application_form() {
    let w = world().await;
    let leider = w.session(Who::LeiderA).await;
    let a = w.ids.school_a;
    let page = w.get(&format!("/mijn-school/{a}"), leider.as_deref()).await;
    assert!(page.body.contains(&format!("href=\"/aanmelden?school={a}\"")), "{}", page.body);
    assert!(page.body.contains("Aanmelden voor GWGB+"));
}
