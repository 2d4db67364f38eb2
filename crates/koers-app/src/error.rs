//! The one error of the use cases. Every use case returns [`Error`]; the web maps it to a
//! response in one place (`koers_web::error`), the CLI to a message and an exit code.
//!
//! Display texts are Dutch and meant for users; causes that are not (a database or crypto
//! failure) sit behind `#[source]` so the surfaces log them once and show a general message.

use crate::check::FieldError;
use crate::mail::MailError;
use crate::store::{ApplicationRecord, StoreError};
use koers_core::matching::AssignmentError;
use koers_core::programme::ProgrammeError;
use koers_core::workflow::TransitionError;
use koers_import::FileError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Dutch refusal when a change would leave no active beheerder.
pub const LAST_BEHEERDER: &str =
    "dit is de laatste actieve beheerder; maak eerst iemand anders beheerder, anders kan niemand Koers meer beheren";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("niet gevonden")]
    NotFound,
    /// The person may not do this (checked by a use case that decides what it reads first).
    #[error("geen toegang")]
    Forbidden,
    /// Input that breaks a rule, per field, in Dutch.
    #[error("ongeldige invoer")]
    Invalid(Vec<FieldError>),
    /// Someone else changed the record first (optimistic concurrency). For an application the
    /// use case attaches what it is now, so the page can show it next to what was typed.
    #[error("iemand anders heeft dit intussen gewijzigd; bekijk de nieuwe stand en probeer het opnieuw")]
    Conflict { current: Option<Box<ApplicationRecord>> },
    /// The programme's entry rule says no; the text is the eligibility's Dutch summary.
    #[error("{summary}")]
    /// `referral`: where the programme sends a referred school or board (its `[referral]`).
    NotEligible { summary: String, referral: Option<Box<koers_core::programme::Referral>> },
    #[error(transparent)]
    Transition(#[from] TransitionError),
    #[error(transparent)]
    Assignment(#[from] AssignmentError),
    /// An expert is assigned through the matching, not with a bare step.
    #[error("koppel een expert via de matching")]
    AssignThroughMatching,
    #[error(transparent)]
    Login(#[from] LoginRefusal),
    #[error(transparent)]
    Link(#[from] LinkRefusal),
    /// An account request's confirmation link or a password-reset link that cannot be used.
    #[error(transparent)]
    AccountLink(#[from] crate::account_requests::AccountLinkRefusal),
    /// A sign-in through an OpenID provider that does not lead to an account.
    #[error(transparent)]
    External(#[from] ExternalRefusal),
    /// Every password-hashing slot stayed taken (see [`crate::hashing`]): try again shortly.
    #[error(transparent)]
    Busy(#[from] crate::hashing::Busy),
    /// The change would leave nobody who can manage Koers (checked inside the write).
    #[error("{}", LAST_BEHEERDER)]
    LastBeheerder,
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{0} wordt (nog) niet in het register ingelezen")]
    Unsupported(&'static str),
    #[error("geen normtabellen geladen")]
    NoNorms,
    /// No active programme is the default for a PO school with a results-band rule, so the
    /// public verdict cannot be given.
    #[error("er is geen actief programma met een resultatenregel voor po-scholen (default_for = [\"po\"])")]
    NoBandProgramme,
    #[error(transparent)]
    Programme(#[from] ProgrammeError),
    #[error(transparent)]
    Mail(#[from] MailError),
    /// A stored document (state, snapshot) that no longer reads back.
    #[error("opgeslagen gegevens onleesbaar")]
    Corrupt(#[source] serde_json::Error),
    /// Hashing, random numbers, a blocking task: the machine failed, not the input.
    #[error("interne fout")]
    System(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A report that cannot be made yet; the text names what is missing ("er is nog geen
    /// vastgesteld plan van aanpak …").
    #[error("{0}")]
    ReportUnavailable(String),
    /// This installation renders no PDFs (no engine was handed to [`crate::App`]).
    #[error("PDF-rapporten zijn in deze installatie niet beschikbaar; bekijk het rapport op het scherm")]
    PdfUnavailable,
    /// Too many reports are being made at once; try again in a moment.
    #[error("er worden nu veel rapporten tegelijk gemaakt; probeer het over een minuut opnieuw")]
    ReportsBusy,
    /// A database problem (the backend's message is the source).
    #[error(transparent)]
    Store(StoreError),
}

impl Error {
    pub(crate) fn system(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::System(Box::new(e))
    }

    /// 32 random bytes from the operating system.
    pub(crate) fn random_bytes() -> Result<[u8; 32]> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| Self::system(std::io::Error::other(e.to_string())))?;
        Ok(bytes)
    }

    /// One field error.
    pub fn field(field: &str, detail: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError { field: field.to_owned(), detail: detail.into() }])
    }

    /// A conflict or a refused step: the person can act on it (reload, change the input).
    pub fn is_conflict(&self) -> bool {
        matches!(self, Error::Conflict { .. }) || matches!(self, Error::Transition(TransitionError::Final(_)))
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Error::NotFound,
            StoreError::Conflict { .. } => Error::Conflict { current: None },
            StoreError::LastBeheerder => Error::LastBeheerder,
            other => Error::Store(other),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Corrupt(e)
    }
}

/// Why a login is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LoginRefusal {
    /// Unknown e-mail or wrong password: one message for both, so accounts cannot be probed.
    #[error("e-mailadres of wachtwoord klopt niet")]
    BadCredentials,
    #[error("te veel mislukte pogingen; probeer het over {retry_after_minutes} minuten opnieuw")]
    Throttled { retry_after_minutes: i64 },
    #[error("dit account is niet actief; neem contact op met de beheerder")]
    Inactive,
    /// Password login is switched off for one of the account's roles: sign in through the
    /// organisation's provider.
    #[error("inloggen met een wachtwoord staat uit voor uw rol; log in via uw organisatie")]
    PasswordOff,
}

/// Why a sign-in through an OpenID provider leads to no account (nothing is linked, nothing
/// taken over).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ExternalRefusal {
    /// The account with this address is already linked to someone else at this provider.
    #[error(
        "het account met dit e-mailadres is al gekoppeld aan een ander account bij deze organisatie; neem contact op met de beheerder"
    )]
    LinkedToOther,
}

/// Why a board-approval link cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkRefusal {
    #[error("deze link is onbekend of onvolledig; gebruik de link uit de e-mail of log in om het verzoek te bekijken")]
    Unknown,
    #[error("deze link is verlopen; log in om het verzoek op je startpagina te behandelen")]
    Expired,
    #[error("deze link is al gebruikt; het besluit is vastgelegd")]
    Used,
}
