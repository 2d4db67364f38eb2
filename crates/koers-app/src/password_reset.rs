//! Password reset by e-mail link (issue 10 §5): a random token (only its SHA-256 stored), valid
//! [`RESET_TTL_SECS`], usable once; using it ends every other open link of the account, the
//! API tokens (in the store) and the sessions (through their auth hash).
//!
//! No account enumeration: asking for a link answers the same whether the address has an
//! account or not, and takes the same time — the work is done, then the answer waits until
//! [`RESET_ANSWER_FLOOR`] has passed since the request came in (the work takes milliseconds).

use crate::account_requests::AccountLinkRefusal;
use crate::accounts::{hash_password_async, token_hash, validate_password};
use crate::error::{Error, Result};
use crate::store::{AccountLink, NewMail, Store, StoreError, StoreRead, User};
use koers_core::email::Email;
use std::time::{Duration, Instant};

/// How long a reset link works.
pub const RESET_TTL_SECS: i64 = 3600;
/// Every request for a reset link is answered after this long, whatever happened.
pub const RESET_ANSWER_FLOOR: Duration = Duration::from_millis(400);
pub const PURPOSE: &str = "wachtwoord";

/// Send a reset link when `email` belongs to an active account. Returns `Ok(())` in every
/// case the person may not learn about (unknown address, inactive account), after
/// [`RESET_ANSWER_FLOOR`]; only a malformed address is an error (it says nothing about
/// accounts).
pub(crate) async fn request(store: &dyn Store, email: &str, base_url: &str, now: i64) -> Result<()> {
    let started = Instant::now();
    if !Email::is_valid(email) {
        return Err(Error::field("email", "vul een geldig e-mailadres in, zoals naam@school.nl"));
    }
    let outcome = send_link(store, email, base_url, now).await;
    tokio::time::sleep_until((started + RESET_ANSWER_FLOOR).into()).await;
    outcome
}

async fn send_link(store: &dyn Store, email: &str, base_url: &str, now: i64) -> Result<()> {
    let user = match store.user_by_email(email.trim()).await {
        Ok(u) if u.active => u,
        Ok(_) | Err(StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let token = hex::encode(Error::random_bytes()?);
    let link = format!("{}/wachtwoord-herstellen/{token}", base_url.trim_end_matches('/'));
    let mail = NewMail {
        to_address: user.email.to_string(),
        subject: "Koers: nieuw wachtwoord instellen".into(),
        body_text: format!(
            "Iemand (hopelijk jij) vroeg een nieuw wachtwoord aan voor je account in Koers.\n\n\
             Stel binnen een uur een nieuw wachtwoord in via deze link (één keer te gebruiken):\n{link}\n\n\
             Niets aangevraagd? Dan kun je deze e-mail negeren; je wachtwoord blijft hetzelfde."
        ),
    };
    store.create_account_link(user.id, PURPOSE, &token_hash(&token), now + RESET_TTL_SECS, &mail, now).await?;
    Ok(())
}

/// The link behind a token, if it may still be used.
pub(crate) async fn link_for(store: &dyn StoreRead, token: &str, now: i64) -> Result<AccountLink> {
    let token = token.trim();
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AccountLinkRefusal::Unknown.into());
    }
    let link = match store.account_link(&token_hash(token)).await {
        Ok(l) if l.purpose == PURPOSE => l,
        Ok(_) | Err(StoreError::NotFound) => return Err(AccountLinkRefusal::Unknown.into()),
        Err(e) => return Err(e.into()),
    };
    if link.used_at.is_some() {
        return Err(AccountLinkRefusal::Used.into());
    }
    if now >= link.expires_at {
        return Err(AccountLinkRefusal::Expired.into());
    }
    Ok(link)
}

/// Set a new password through the link (the link is used up). The password is checked first,
/// so a refused password keeps the link.
pub(crate) async fn reset(store: &dyn Store, token: &str, password: &str, again: &str, now: i64) -> Result<User> {
    link_for(store, token, now).await?;
    validate_password(password).map_err(|mut e| {
        e.field = "wachtwoord".into();
        Error::Invalid(vec![e])
    })?;
    if password != again {
        return Err(Error::field("wachtwoord_herhaling", "de twee wachtwoorden zijn niet gelijk"));
    }
    let hash = hash_password_async(password.to_owned()).await?;
    match store.reset_password(&token_hash(token.trim()), &hash, now).await {
        Ok(u) => Ok(u),
        Err(StoreError::Conflict { .. }) => Err(AccountLinkRefusal::Used.into()),
        Err(e) => Err(e.into()),
    }
}
