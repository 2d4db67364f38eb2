//! Submitting an application: fields checked, the programme's entry rule applied (the
//! eligibility is attached as a snapshot), the reference number assigned, receipt and
//! board-approval request queued — all in one store transaction
//! ([`Store::submit_application`]), so an application never exists without its mails.

use super::{links, own};
use crate::check::FieldError;
use crate::error::{Error, Result};
use crate::schools::school_eligibility;
use crate::store::{
    Actor, ApplicationRecord, NewApplication, NewApprovalLink, NewMail, REFERENCE_PLACEHOLDER, Store, StoreError,
    StoreRead, Submission,
};
use crate::verdicts;
use koers_core::access::{RoleKind, Scope};
use koers_core::eligibility::{
    BoardFacts, Eligibility, Oordeel, SchoolContext, SpecialAnswers, VoFacts, assess_band, assess_board,
    assess_special, assess_vo,
};
use koers_core::ids::{BoardNumber, SchoolId, UserId};
use koers_core::programme::{Audience, ProgrammeRules, RuleSettings};
use koers_core::workflow::{Application, Command, transition};
use koers_core::{NormLibrary, Verdict};

/// What the aanmeldformulier sends.
#[derive(Debug, Clone, Default)]
pub struct ApplicationInput {
    pub programme_id: String,
    pub school_id: Option<SchoolId>,
    pub board_number: Option<BoardNumber>,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub help_question: String,
    /// The programme's entry facts as JSON (`SpecialAnswers`, `BoardFacts` or `VoFacts`);
    /// not needed for the results band, which is computed from the register.
    pub entry_facts_json: Option<String>,
    /// Results band only: the school's own calculation from `/check` (e.g. this year's results,
    /// not yet published), stored next to the register's as "eigen berekening".
    pub own_calculation: Option<crate::check::CheckInput>,
}

#[derive(Debug, Clone)]
pub struct Submitted {
    pub application: ApplicationRecord,
    pub eligibility: Eligibility,
    /// The board-approval link, when one was made (shown once; the board also gets it by mail).
    pub approval_link: Option<String>,
}

/// The board rule's reference year: the calendar year in Dutch time, the same year the store
/// gives the reference number (`koers_core::calendar::dutch_year`).
pub fn reference_year(now: i64) -> u16 {
    u16::try_from(koers_core::calendar::dutch_year(now)).unwrap_or(u16::MAX)
}

/// The longest contact name accepted (characters).
pub const MAX_CONTACT_NAME: usize = 200;
/// The longest phone number accepted (characters).
pub const MAX_CONTACT_PHONE: usize = 40;

fn field(errors: &mut Vec<FieldError>, f: &str, d: &str) {
    errors.push(FieldError { field: f.into(), detail: d.into() });
}

fn facts<T: serde::de::DeserializeOwned>(json: Option<&str>) -> Result<T> {
    let text = json.ok_or_else(|| Error::field("entry_facts", "beantwoord de vragen over de toelating"))?;
    serde_json::from_str(text)
        .map_err(|e| Error::field("entry_facts", format!("de antwoorden zijn onvolledig of ongeldig: {e}")))
}

/// The programme's entry rule over the answers and what the register knows (results, recorded
/// Inspectie verdicts when `records`, the exam trend). The one path the aanmeld form and the
/// public start page (`crate::support`) both decide by.
pub(crate) async fn entry_rule(
    store: &dyn StoreRead,
    p: &ProgrammeRules,
    norms: &NormLibrary,
    input: &ApplicationInput,
    now: i64,
    records: bool,
) -> Result<Eligibility> {
    Ok(match &p.rule {
        RuleSettings::ResultsBand(rule) => {
            let id = input.school_id.ok_or(StoreError::NotFound)?;
            let o = school_eligibility(store, id, norms, rule).await?;
            let ctx = if records { verdicts::school_context(store, id).await? } else { SchoolContext::default() };
            if ctx.herstelopdracht || ctx.oordeel.is_some_and(|o| o != Oordeel::Voldoende) {
                // Referred to regular GWGB by the verdicts on record (the band stays shown).
                let set = norms.by_id(&o.norms_id).map_err(|_| Error::NoNorms)?;
                assess_band(&o.assessment, set, rule, &ctx, None)
            } else {
                o.eligibility
            }
        }
        RuleSettings::SpecialEducation(rule) => {
            let ctx = match (input.school_id, records) {
                (Some(id), true) => verdicts::school_context(store, id).await?,
                _ => SchoolContext::default(),
            };
            assess_special(&facts::<SpecialAnswers>(input.entry_facts_json.as_deref())?, rule, &ctx)
        }
        RuleSettings::BoardHistory(rule) => {
            let mut f = facts::<BoardFacts>(input.entry_facts_json.as_deref())?;
            if let (Some(n), true) = (input.board_number, records) {
                f = verdicts::board_facts_for(store, n, f).await?;
            }
            assess_board(&f, rule, reference_year(now))
        }
        RuleSettings::VerdictOrRisk(rule) => {
            let mut f = facts::<VoFacts>(input.entry_facts_json.as_deref())?;
            if let Some(id) = input.school_id {
                f = if records {
                    verdicts::vo_facts_for(store, id, f, rule.demonstrable_risk_qualifies).await?
                } else {
                    verdicts::vo_facts_with_trend(store, id, f, rule.demonstrable_risk_qualifies).await?
                };
            }
            assess_vo(&f, rule)
        }
    })
}

/// The verdict a VO applicant declared (oordeel, afdeling), stored `verklaard` with the
/// application until staff confirm it — unless the same verdict is already on record.
async fn declared_verdicts(
    store: &dyn StoreRead,
    p: &ProgrammeRules,
    input: &ApplicationInput,
    now: i64,
) -> Result<Vec<crate::store::NewVerdict>> {
    let (RuleSettings::VerdictOrRisk(_), Some(school_id)) = (&p.rule, input.school_id) else {
        return Ok(Vec::new());
    };
    let answered = facts::<VoFacts>(input.entry_facts_json.as_deref())?;
    let Some(v) = verdicts::declared_in_application(school_id, &answered, now) else {
        return Ok(Vec::new());
    };
    let known =
        store.verdicts_of_school(school_id).await?.iter().any(|r| r.oordeel == v.oordeel && r.afdeling == v.afdeling);
    Ok(if known { Vec::new() } else { vec![v] })
}

/// E-mail addresses of the active bestuurders of a board.
async fn board_addresses(store: &dyn StoreRead, board: BoardNumber) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    for u in store.list_users().await?.into_iter().filter(|u| u.active) {
        let grants = store.grants_of_user(u.id).await?;
        if grants.iter().any(|g| g.grant.role == RoleKind::Bestuurder && g.grant.scope == Scope::Board(board)) {
            out.push(u.email.into_string());
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn submit(
    store: &dyn Store,
    programmes: &[ProgrammeRules],
    norms: &NormLibrary,
    input: &ApplicationInput,
    submitted_by: Option<UserId>,
    actor: &Actor,
    now: i64,
    base_url: &str,
) -> Result<Submitted> {
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
    if !koers_core::email::Email::is_valid(email) {
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
        return Err(Error::Invalid(errors));
    };
    let eligibility = entry_rule(store, p, norms, input, now, true).await?;
    let own = match (&p.rule, &input.own_calculation) {
        (RuleSettings::ResultsBand(rule), Some(c)) => Some(own::calculate(c, norms, rule)?),
        _ => None,
    };
    let entry_facts_json = match &own {
        Some(o) => Some(serde_json::to_string(&own::BandFacts { eigen_berekening: o.clone() })?),
        None => input.entry_facts_json.clone(),
    };
    if !own::admits(eligibility.verdict, own.as_ref()) {
        let referral = p.referral.clone().filter(|_| eligibility.verdict == Verdict::ReferToRegularGwgb).map(Box::new);
        return Err(Error::NotEligible { summary: eligibility.summary_nl(), referral });
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
        entry_facts_json,
        state_json: serde_json::to_string(&state)?,
        status: state.status,
        submitted_by,
    };
    let r = REFERENCE_PLACEHOLDER;
    let receipt = format!(
        "Bedankt voor je aanmelding voor {}.\nReferentienummer: {r}\nStand: {}\n\n{}\n\nHulpvraag:\n{}",
        p.name,
        state.status.label_nl(),
        eligibility.summary_nl(),
        // The help question is the applicant's own text: a literal placeholder in it stays.
        new.help_question.replace(r, "{ reference }")
    );
    let mut mails = vec![NewMail {
        to_address: new.contact_email.clone(),
        subject: format!("Ontvangstbevestiging aanmelding {r}"),
        body_text: receipt,
    }];
    let mut approval_link = None;
    let mut link = None;
    if let (true, Some(board)) = (needs_board, board_number) {
        let token = links::new_link_token()?;
        link = Some(NewApprovalLink {
            board_number: board,
            token_hash: crate::accounts::token_hash(&token),
            expires_at: now + links::LINK_TTL_SECS,
        });
        let url = format!("{}/goedkeuren/{token}", base_url.trim_end_matches('/'));
        let body = format!(
            "Een school van uw bestuur heeft zich aangemeld voor {}.\nReferentienummer: {r}\nHulpvraag: {}\n\nKeur de deelname goed of af via deze link (14 dagen geldig):\n{url}\n\nU vindt het verzoek ook als taak op uw startpagina in Koers.",
            p.name,
            new.help_question.replace(r, "{ reference }")
        );
        for to in board_addresses(store, board).await? {
            mails.push(NewMail {
                to_address: to,
                subject: format!("Goedkeuring gevraagd: aanmelding {r}"),
                body_text: body.clone(),
            });
        }
        approval_link = Some(url);
    }
    let verdicts = declared_verdicts(store, p, input, now).await?;
    let submission = Submission { application: new, approval_link: link, mails, verdicts };
    let application: ApplicationRecord = store.submit_application(&submission, actor, now).await?;
    Ok(Submitted { application, eligibility, approval_link })
}

#[cfg(test)]
mod tests {
    use super::reference_year;

    /// 2026-12-31 23:30 UTC = 1 January 2027 00:30 in Amsterdam.
    const NEW_YEAR_EVE_2330_UTC: i64 = 1_798_759_800;

    #[test]
    fn the_reference_year_is_the_dutch_calendar_year() {
        assert_eq!(reference_year(0), 1970);
        assert_eq!(reference_year(1_790_000_000), 2026);
        assert_eq!(reference_year(NEW_YEAR_EVE_2330_UTC), 2027, "already 2027 in Amsterdam");
        assert_eq!(reference_year(NEW_YEAR_EVE_2330_UTC - 3_600), 2026, "23:30 in Amsterdam");
        assert_eq!(reference_year(951_782_400), 2000, "2000-02-29");
    }
}
