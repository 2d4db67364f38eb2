//! Getting in (issue 10 §5): a school leader or bestuurder asks for an account on the public
//! site for a school or board of the register; the request is confirmed by an e-mail link
//! (random, only its SHA-256 stored, valid [`CONFIRM_TTL_SECS`], usable once) and then decided by
//! programme staff, who see the school or board and the requester. Approval creates the account
//! with the password chosen in the request and the grant that fits (schoolleider of the school,
//! bestuurder of the board). Every mail goes through the outbox and links to its page.
//!
//! A first sign-in through an OpenID provider that matches no account (issue 13 §2,
//! [`crate::external`]) asks through the same form and the same queue: the request carries the
//! provider's identity and no password; an address the provider vouched for needs no
//! confirmation link; approval links the identity to the new account.

use crate::accounts::{hash_password_async, token_hash, validate_password};
use crate::check::FieldError;
use crate::error::{Error, Result};
use crate::external::{NO_PASSWORD, PendingIdentity};
use crate::store::{
    AccountRequestId, AccountRequestRecord, Actor, NewAccountRequest, NewMail, RequestDecision, RequestStatus,
    RequestSubject, Store, StoreError, StoreRead, User,
};
use koers_core::access::{Action, Grant, Principal, Resource, RoleKind, Scope, may};
use koers_core::email::Email;

/// How long a confirmation link works.
pub const CONFIRM_TTL_SECS: i64 = 24 * 3600;

/// Why an account link (confirmation, password reset) cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AccountLinkRefusal {
    #[error("deze link is onbekend of onvolledig; gebruik de hele link uit de e-mail")]
    Unknown,
    #[error("deze link is verlopen; vraag een nieuwe aan")]
    Expired,
    #[error("deze link is al gebruikt")]
    Used,
}

/// What the request form sends.
#[derive(Debug, Clone, Default)]
pub struct RequestInput {
    pub subject: Option<RequestSubject>,
    pub name: String,
    pub email: String,
    /// The requester's function (directeur, bestuurder, …).
    pub function_title: String,
    pub password: String,
    pub password_again: String,
    /// `nl` or `en`.
    pub locale: String,
    /// Asked after a first sign-in through an OpenID provider: no password (the account signs
    /// in through the provider), the identity linked on approval.
    pub identity: Option<PendingIdentity>,
}

/// Every problem of the form at once, in Dutch, naming the field.
pub fn validate(input: &RequestInput) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut push = |field: &str, detail: &str| errors.push(FieldError { field: field.into(), detail: detail.into() });
    if input.subject.is_none() {
        push("school", "kies de school of het bestuur uit het register");
    }
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        push("naam", "vul je naam in (hoogstens 200 tekens)");
    }
    if !Email::is_valid(&input.email) {
        push("email", "vul een geldig e-mailadres in, zoals naam@school.nl");
    }
    let function = input.function_title.trim();
    if function.is_empty() || function.chars().count() > 200 {
        push("functie", "vul je functie in, zoals directeur of bestuurder (hoogstens 200 tekens)");
    }
    if input.identity.is_some() {
        // Signs in through the provider: no password is asked.
    } else if let Err(e) = validate_password(&input.password) {
        push("wachtwoord", &e.detail);
    } else if input.password != input.password_again {
        push("wachtwoord_herhaling", "de twee wachtwoorden zijn niet gelijk");
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

fn link_token() -> Result<(String, String)> {
    let token = hex::encode(Error::random_bytes()?);
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// The name of what the request is for, for mails and pages.
pub async fn subject_name(store: &dyn StoreRead, subject: RequestSubject) -> Result<String> {
    Ok(match subject {
        RequestSubject::School(id) => {
            let s = store.school(id).await?;
            format!("{} ({}, {})", s.name, s.ovt, s.place.unwrap_or_default())
        }
        RequestSubject::Board(n) => format!("{} (bestuur {})", store.board(n).await?.name, n),
    })
}

pub(crate) async fn request(
    store: &dyn Store,
    input: &RequestInput,
    base_url: &str,
    now: i64,
) -> Result<AccountRequestRecord> {
    validate(input).map_err(Error::Invalid)?;
    let subject = input.subject.ok_or_else(|| Error::field("school", "kies de school of het bestuur"))?;
    let about = match subject_name(store, subject).await {
        Ok(n) => n,
        Err(Error::NotFound) => {
            return Err(Error::field("school", "deze school of dit bestuur staat niet in het register"));
        }
        Err(e) => return Err(e),
    };
    let email = input.email.trim().to_lowercase();
    let (token, hash) = link_token()?;
    let (identity, confirmed) = match &input.identity {
        Some(p) => {
            let (identity, confirmed) = p.for_request(&email);
            (Some(identity), confirmed)
        }
        None => (None, false),
    };
    let password_hash = match input.identity {
        Some(_) => NO_PASSWORD.to_owned(),
        None => hash_password_async(input.password.clone()).await?,
    };
    let base = base_url.trim_end_matches('/');
    let link = format!("{base}/account-aanvragen/bevestigen/{token}");
    let mail = if confirmed {
        NewMail {
            to_address: email.clone(),
            subject: "Koers: je accountaanvraag is ontvangen".into(),
            body_text: format!(
                "Je hebt via je organisatie een account voor Koers aangevraagd voor {about}.\n\n\
                 Een programmamedewerker beoordeelt je aanvraag; je krijgt bericht. Daarna log je in via je \
                 organisatie:\n{base}/inloggen\n\n\
                 Heb je niets aangevraagd? Neem dan contact op met de beheerder van Koers."
            ),
        }
    } else {
        NewMail {
            to_address: email.clone(),
            subject: "Koers: bevestig je accountaanvraag".into(),
            body_text: format!(
                "Je hebt een account voor Koers aangevraagd voor {about}.\n\n\
                 Bevestig je e-mailadres binnen 24 uur via deze link:\n{link}\n\n\
                 Daarna beoordeelt een programmamedewerker je aanvraag; je krijgt bericht.\n\
                 Heb je niets aangevraagd? Dan kun je deze e-mail negeren."
            ),
        }
    };
    let new = NewAccountRequest {
        subject,
        name: input.name.trim().to_owned(),
        email,
        function_title: input.function_title.trim().to_owned(),
        locale: if input.locale == "en" { "en".into() } else { "nl".into() },
        password_hash,
        confirm_token_hash: hash,
        confirm_expires_at: now + CONFIRM_TTL_SECS,
        confirmed,
        identity,
    };
    let actor = Actor::system(&format!("{} (accountaanvraag)", new.email));
    store.create_account_request(&new, &mail, &actor, now).await.map_err(|e| match e {
        StoreError::Duplicate(what) if what == "account" => Error::field(
            "email",
            "er bestaat al een account met dit e-mailadres; log in, of kies 'wachtwoord vergeten' op de inlogpagina",
        ),
        StoreError::Duplicate(_) => Error::field(
            "email",
            "voor dit e-mailadres loopt al een aanvraag; bevestig die met de link uit de e-mail of wacht op het besluit",
        ),
        e => e.into(),
    })
}

/// The request behind a confirmation link, if the link may still be used.
pub(crate) async fn for_link(store: &dyn StoreRead, token: &str, now: i64) -> Result<AccountRequestRecord> {
    let token = token.trim();
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AccountLinkRefusal::Unknown.into());
    }
    let r = match store.account_request_by_token(&token_hash(token)).await {
        Ok(r) => r,
        Err(StoreError::NotFound) => return Err(AccountLinkRefusal::Unknown.into()),
        Err(e) => return Err(e.into()),
    };
    match r.status {
        RequestStatus::Onbevestigd if now < r.confirm_expires_at => Ok(r),
        RequestStatus::Onbevestigd | RequestStatus::Verlopen => Err(AccountLinkRefusal::Expired.into()),
        _ => Err(AccountLinkRefusal::Used.into()),
    }
}

/// Confirm the e-mail address (the link is used up).
pub(crate) async fn confirm(store: &dyn Store, token: &str, now: i64) -> Result<AccountRequestRecord> {
    let r = for_link(store, token, now).await?;
    let actor = Actor::system(&format!("{} (bevestigingslink)", r.email));
    match store.confirm_account_request(r.id, now, &actor).await {
        Ok(r) => Ok(r),
        Err(StoreError::Conflict { .. }) => Err(AccountLinkRefusal::Used.into()),
        Err(e) => Err(e.into()),
    }
}

/// The grant an approved request gives.
pub fn grant_for(subject: RequestSubject) -> Grant {
    match subject {
        RequestSubject::School(id) => Grant { role: RoleKind::Schoolleider, scope: Scope::School(id) },
        RequestSubject::Board(n) => Grant { role: RoleKind::Bestuurder, scope: Scope::Board(n) },
    }
}

/// Approve or decline (a reason is required) a confirmed request, as `who` (programme staff).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn decide(
    store: &dyn Store,
    who: &Principal,
    id: AccountRequestId,
    expected_version: i64,
    approve: bool,
    reason: &str,
    actor: &Actor,
    now: i64,
    base_url: &str,
) -> Result<(AccountRequestRecord, Option<User>)> {
    if !may(Some(who), Action::Change, Resource::AccountRequests) {
        return Err(Error::Forbidden);
    }
    let r = store.account_request(id).await?;
    let reason = reason.trim();
    if !approve && reason.is_empty() {
        return Err(Error::field("reden", "geef een reden waarom de aanvraag wordt afgewezen"));
    }
    if r.status != RequestStatus::Bevestigd || r.version != expected_version {
        return Err(Error::Conflict { current: None });
    }
    let base = base_url.trim_end_matches('/');
    let about = subject_name(store, r.subject).await?;
    let (decision, mail) = if approve {
        let body = if r.identity.is_some() {
            format!(
                "Je account voor Koers ({about}) is goedgekeurd.\n\n\
                 Log in via je organisatie, zoals bij je aanvraag (de knop 'Inloggen via …'):\n{base}/inloggen"
            )
        } else {
            format!(
                "Je account voor Koers ({about}) is goedgekeurd.\n\n\
                 Log in met je e-mailadres en het wachtwoord dat je bij de aanvraag koos:\n{base}/inloggen\n\n\
                 Wachtwoord vergeten? Op de inlogpagina kun je een nieuw instellen."
            )
        };
        (RequestDecision::Approve { grant: grant_for(r.subject) }, ("Koers: je account is goedgekeurd", body))
    } else {
        let body = format!(
            "Je aanvraag voor een account in Koers ({about}) is niet goedgekeurd.\nReden: {reason}\n\n\
             Je kunt een nieuwe aanvraag doen:\n{base}/account-aanvragen"
        );
        (RequestDecision::Decline { reason: reason.to_owned() }, ("Koers: je accountaanvraag", body))
    };
    let mail = NewMail { to_address: r.email.clone(), subject: mail.0.into(), body_text: mail.1 };
    store.decide_account_request(id, expected_version, &decision, &mail, actor, now).await.map_err(|e| match e {
        StoreError::Duplicate(_) => Error::field("besluit", "er bestaat intussen al een account met dit e-mailadres"),
        e => e.into(),
    })
}

/// Demo data: one confirmed request waiting for staff (a school of the demo board) and one
/// board request whose address is not confirmed yet; only when the store holds no requests.
pub(crate) async fn seed_demo(
    store: &dyn Store,
    school: koers_core::ids::SchoolId,
    board: koers_core::ids::BoardNumber,
    now: i64,
) -> Result<usize> {
    if !store.account_requests(None).await?.is_empty() {
        return Ok(0);
    }
    let demo = [
        (RequestSubject::School(school), "Ria Rekenmeester", "ria@demo.koers.nl", "adjunct-directeur", true),
        (RequestSubject::Board(board), "Bram Bestuur", "bram@demo.koers.nl", "lid college van bestuur", false),
    ];
    for (subject, name, email, function_title, confirm) in demo {
        let input = RequestInput {
            subject: Some(subject),
            name: name.into(),
            email: email.into(),
            function_title: function_title.into(),
            password: crate::demo::DEMO_PASSWORD.into(),
            password_again: crate::demo::DEMO_PASSWORD.into(),
            locale: "nl".into(),
            identity: None,
        };
        let r = request(store, &input, "http://127.0.0.1:8080", now).await?;
        if confirm {
            store.confirm_account_request(r.id, now, &Actor::system("koers demo")).await?;
        }
    }
    Ok(demo.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use koers_core::ids::SchoolId;

    fn ok_input() -> RequestInput {
        RequestInput {
            subject: Some(RequestSubject::School(SchoolId::new(1))),
            name: "Sam de Vries".into(),
            email: "sam@morgenster.nl".into(),
            function_title: "directeur".into(),
            password: "lang-genoeg-wachtwoord".into(),
            password_again: "lang-genoeg-wachtwoord".into(),
            locale: "nl".into(),
            identity: None,
        }
    }

    #[test]
    fn every_field_is_checked_in_dutch() {
        assert!(validate(&ok_input()).is_ok());
        let bad = RequestInput { subject: None, ..RequestInput::default() };
        let fields: Vec<String> = validate(&bad).err().unwrap_or_default().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["school", "naam", "email", "functie", "wachtwoord"]);
        let mismatch = RequestInput { password_again: "iets-anders-lang".into(), ..ok_input() };
        let e = validate(&mismatch).err().unwrap_or_default();
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].field.as_str(), e[0].detail.as_str()),
            ("wachtwoord_herhaling", "de twee wachtwoorden zijn niet gelijk")
        );
    }

    #[test]
    fn the_grant_fits_the_subject() {
        let g = grant_for(RequestSubject::Board(koers_core::ids::BoardNumber::new(41646)));
        assert_eq!(
            (g.role, g.scope.clone()),
            (RoleKind::Bestuurder, Scope::Board(koers_core::ids::BoardNumber::new(41646)))
        );
        assert!(Grant::new(g.role, g.scope.clone()).is_ok());
        let g = grant_for(RequestSubject::School(SchoolId::new(7)));
        assert!(Grant::new(g.role, g.scope).is_ok());
    }
}
