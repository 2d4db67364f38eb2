//! Submitting an application: fields checked, the programme's entry rule applied (the
//! eligibility is attached as a snapshot), the reference number assigned, receipt and
//! board-approval request queued.

use super::{ApplicationError, links, status_code};
use crate::check::FieldError;
use crate::mail;
use crate::schools::school_eligibility;
use crate::store::{Actor, ApplicationRecord, NewApplication, Store, StoreError};
use koers_core::access::{RoleKind, Scope};
use koers_core::eligibility::{
    BoardFacts, Eligibility, SpecialAnswers, VoFacts, assess_board, assess_special, assess_vo,
};
use koers_core::programme::{Audience, ProgrammeRules, RuleSettings};
use koers_core::workflow::{Application, Command, transition};
use koers_core::{NormLibrary, Verdict};

/// What the aanmeldformulier sends.
#[derive(Debug, Clone, Default)]
pub struct ApplicationInput {
    pub programme_id: String,
    pub school_id: Option<i64>,
    pub board_number: Option<i64>,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub help_question: String,
    /// The programme's entry facts as JSON (`SpecialAnswers`, `BoardFacts` or `VoFacts`);
    /// not needed for the results band, which is computed from the register.
    pub entry_facts_json: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Submitted {
    pub application: ApplicationRecord,
    pub eligibility: Eligibility,
    /// The board-approval link, when one was made (shown once; the board also gets it by mail).
    pub approval_link: Option<String>,
}

/// Days since 1970-01-01 → civil year (Howard Hinnant's algorithm); `now` in Unix seconds.
pub fn year_of(now: i64) -> u16 {
    let z = now.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    u16::try_from(year).unwrap_or(u16::MAX)
}

/// The longest contact name accepted (characters).
pub const MAX_CONTACT_NAME: usize = 200;
/// The longest phone number accepted (characters).
pub const MAX_CONTACT_PHONE: usize = 40;

fn field(errors: &mut Vec<FieldError>, f: &str, d: &str) {
    errors.push(FieldError { field: f.into(), detail: d.into() });
}

fn facts<T: serde::de::DeserializeOwned>(json: Option<&str>) -> Result<T, ApplicationError> {
    let text = json.ok_or_else(|| {
        ApplicationError::Invalid(vec![FieldError {
            field: "entry_facts".into(),
            detail: "beantwoord de vragen over de toelating".into(),
        }])
    })?;
    serde_json::from_str(text).map_err(|e| {
        ApplicationError::Invalid(vec![FieldError {
            field: "entry_facts".into(),
            detail: format!("de antwoorden zijn onvolledig of ongeldig: {e}"),
        }])
    })
}

async fn entry_rule(
    store: &dyn Store,
    p: &ProgrammeRules,
    norms: &NormLibrary,
    input: &ApplicationInput,
    now: i64,
) -> Result<Eligibility, ApplicationError> {
    Ok(match &p.rule {
        RuleSettings::ResultsBand(rule) => {
            let id = input.school_id.ok_or(StoreError::NotFound)?;
            school_eligibility(store, id, norms, rule).await?.eligibility
        }
        RuleSettings::SpecialEducation(rule) => {
            assess_special(&facts::<SpecialAnswers>(input.entry_facts_json.as_deref())?, rule, &Default::default())
        }
        RuleSettings::BoardHistory(rule) => {
            assess_board(&facts::<BoardFacts>(input.entry_facts_json.as_deref())?, rule, year_of(now))
        }
        RuleSettings::VerdictOrRisk(rule) => assess_vo(&facts::<VoFacts>(input.entry_facts_json.as_deref())?, rule),
    })
}

/// E-mail addresses of the active bestuurders of a board.
async fn board_addresses(store: &dyn Store, board: i64) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    for u in store.list_users().await?.into_iter().filter(|u| u.active) {
        let grants = store.grants_of_user(u.id).await?;
        if grants.iter().any(|g| g.grant.role == RoleKind::Bestuurder && g.grant.scope == Scope::Board(board)) {
            out.push(u.email);
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
pub async fn submit(
    store: &dyn Store,
    programmes: &[ProgrammeRules],
    norms: &NormLibrary,
    input: &ApplicationInput,
    submitted_by: Option<i64>,
    actor: &Actor,
    now: i64,
    base_url: &str,
) -> Result<Submitted, ApplicationError> {
    let mut errors = Vec::new();
    let programme = programmes.iter().find(|p| p.id == input.programme_id);
    if programme.is_none() {
        field(&mut errors, "programme", "kies een programma");
    }
    let name_len = input.contact_name.trim().chars().count();
    if name_len == 0 || name_len > MAX_CONTACT_NAME {
        field(
            &mut errors,
            "contact_name",
            &format!("vul de naam van de contactpersoon in (hoogstens {MAX_CONTACT_NAME} tekens)"),
        );
    }
    if input.contact_phone.as_deref().is_some_and(|p| p.trim().chars().count() > MAX_CONTACT_PHONE) {
        field(
            &mut errors,
            "contact_phone",
            &format!("een telefoonnummer is hoogstens {MAX_CONTACT_PHONE} tekens lang"),
        );
    }
    let email = input.contact_email.trim();
    if !crate::accounts::is_valid_email(email) {
        field(&mut errors, "contact_email", "vul een geldig e-mailadres in, zoals naam@school.nl");
    }
    let q = input.help_question.trim();
    if q.is_empty() || q.chars().count() > 4000 {
        field(&mut errors, "help_question", "beschrijf de hulpvraag (hoogstens 4000 tekens)");
    }
    let mut board_number = input.board_number;
    if let Some(p) = programme {
        match p.audience {
            Audience::School => match input.school_id {
                Some(id) => match store.school(id).await {
                    Ok(s) => board_number = board_number.or(s.board_number),
                    Err(StoreError::NotFound) => field(&mut errors, "school", "deze school staat niet in het register"),
                    Err(e) => return Err(e.into()),
                },
                None => field(&mut errors, "school", "kies de school waarvoor je aanmeldt"),
            },
            Audience::Bestuur => {
                if board_number.is_none() {
                    field(&mut errors, "board", "vul het bestuursnummer (bevoegd gezag) in");
                }
            }
        }
    }
    let (Some(p), true) = (programme, errors.is_empty()) else {
        return Err(ApplicationError::Invalid(errors));
    };
    let eligibility = entry_rule(store, p, norms, input, now).await?;
    if matches!(eligibility.verdict, Verdict::NotEligible | Verdict::ReferToRegularGwgb) {
        return Err(ApplicationError::NotEligible(eligibility.summary_nl()));
    }
    let needs_board = p.board_approval && board_number.is_some();
    let (state, _events) = transition(&Application::submitted(needs_board), &Command::Route)?;
    let new = NewApplication {
        programme_id: p.id.clone(),
        school_id: input.school_id,
        board_number,
        contact_name: input.contact_name.trim().to_owned(),
        contact_email: email.to_lowercase(),
        contact_phone: input.contact_phone.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned),
        help_question: q.to_owned(),
        eligibility_json: serde_json::to_string(&eligibility).ok(),
        entry_facts_json: input.entry_facts_json.clone(),
        state_json: serde_json::to_string(&state).map_err(|e| ApplicationError::Corrupt(e.to_string()))?,
        status: status_code(&state)?,
        submitted_by,
    };
    let application = store.create_application(&new, actor, now).await?;
    let receipt = format!(
        "Bedankt voor je aanmelding voor {}.\nReferentienummer: {}\nStand: {}\n\n{}\n\nHulpvraag:\n{}",
        p.name,
        application.reference,
        state.status.label_nl(),
        eligibility.summary_nl(),
        application.help_question
    );
    let queue_err = |e: mail::MailError| ApplicationError::Corrupt(e.to_string());
    mail::queue(
        store,
        &application.contact_email,
        &format!("Ontvangstbevestiging aanmelding {}", application.reference),
        &receipt,
        now,
    )
    .await
    .map_err(queue_err)?;
    let mut approval_link = None;
    if let (true, Some(board)) = (needs_board, board_number) {
        let token = links::new_link_token().map_err(ApplicationError::Corrupt)?;
        store
            .create_approval_link(
                application.id,
                board,
                &crate::accounts::token_hash(&token),
                now + links::LINK_TTL_SECS,
                now,
            )
            .await?;
        let url = format!("{}/goedkeuren/{token}", base_url.trim_end_matches('/'));
        let body = format!(
            "Een school van uw bestuur heeft zich aangemeld voor {}.\nReferentienummer: {}\nHulpvraag: {}\n\nKeur de deelname goed of af via deze link (14 dagen geldig):\n{url}\n\nU vindt het verzoek ook als taak op uw startpagina in Koers.",
            p.name, application.reference, application.help_question
        );
        for to in board_addresses(store, board).await? {
            mail::queue(store, &to, &format!("Goedkeuring gevraagd: aanmelding {}", application.reference), &body, now)
                .await
                .map_err(queue_err)?;
        }
        approval_link = Some(url);
    }
    Ok(Submitted { application, eligibility, approval_link })
}

#[cfg(test)]
mod tests {
    use super::year_of;

    #[test]
    fn unix_seconds_map_to_the_civil_year() {
        assert_eq!(year_of(0), 1970);
        assert_eq!(year_of(1_790_000_000), 2026);
        assert_eq!(year_of(1_767_225_599), 2025, "2025-12-31 23:59:59 UTC");
        assert_eq!(year_of(1_767_225_600), 2026, "2026-01-01 00:00:00 UTC");
        assert_eq!(year_of(951_782_400), 2000, "2000-02-29");
    }
}
