//! Sign-in through an OpenID provider (issue 13 §2): who a validated identity is in Koers.
//!
//! The web layer has done the protocol (state, nonce, PKCE, ID-token signature, issuer,
//! audience, expiry); this module decides what the identity may do, and is the only place that
//! links one at sign-in:
//!
//! 1. A (provider, subject) pair linked before signs in to its account — the pair, never the
//!    e-mail address, is what later sign-ins match on (an address can change hands).
//! 2. A first sign-in whose **verified** e-mail address belongs to an account is linked to it
//!    (an account a beheerder made is the invitation). The account holder gets a mail that a
//!    sign-in method was added, and the link is audited: nothing is taken over silently. An
//!    account already linked to *another* subject of the same provider is refused.
//! 3. Otherwise the person may ask for an account **as in the account request flow**
//!    ([`crate::account_requests`]): the same form (school or board, name, function), the same
//!    queue for programme staff, the same decision. The request carries the identity
//!    ([`PendingIdentity`] → `RequestIdentity`); approving it links the identity to the new
//!    account in the same transaction. An address the provider vouched for needs no
//!    confirmation link; any other address is confirmed by the e-mail link like every request.
//!    While such a request is open, signing in again says so ([`SignInOutcome::Requested`]).
//!
//! An unverified or missing e-mail address is matched to nothing. A provider "vouches" for an
//! address when its `email_verified` claim is true; for providers that do not send the claim
//! but check addresses themselves (SURFconext) the configuration says so ([`Vouching`]).

use crate::accounts::principal_of;
use crate::error::{ExternalRefusal, LoginRefusal, Result};
use crate::mail;
use crate::store::{
    AccountRequestRecord, Actor, AuditEntity, NewAudit, NewExternalIdentity, RequestIdentity, RequestStatus, Store,
    StoreError, User,
};
use koers_core::access::Principal;
use koers_core::email::Email;
use serde::{Deserialize, Serialize};

/// The password hash of an account made from an account request: no password matches it
/// (not a PHC string), so it can only sign in through its provider until someone sets one.
pub const NO_PASSWORD: &str = "!";

/// Does the provider's word on e-mail addresses count when it sends no `email_verified`?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vouching {
    /// Only `email_verified: true` counts (the default).
    ClaimOnly,
    /// The provider checks every address it sends (configured per provider).
    TrustAddresses,
}

/// What the provider said about the person, after the ID token was validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalSignIn {
    /// The provider's id in the configuration.
    pub provider: String,
    /// `sub`.
    pub subject: String,
    pub email: Option<String>,
    /// The `email_verified` claim, when sent.
    pub email_verified: Option<bool>,
    pub vouching: Vouching,
    pub name: Option<String>,
    /// The configured organisation claim, when sent.
    pub organisation: Option<String>,
}

impl ExternalSignIn {
    /// The e-mail address, lower case, when it is one.
    fn email(&self) -> Option<String> {
        let email = self.email.as_deref().map(|e| e.trim().to_lowercase()).unwrap_or_default();
        Email::is_valid(&email).then_some(email)
    }

    /// The e-mail address, lower case, when the provider vouches for it.
    fn verified_email(&self) -> Option<String> {
        let verified = match self.email_verified {
            Some(v) => v,
            None => self.vouching == Vouching::TrustAddresses,
        };
        self.email().filter(|_| verified)
    }

    fn pending(&self) -> PendingIdentity {
        PendingIdentity {
            provider: self.provider.clone(),
            subject: self.subject.clone(),
            email: self.email().unwrap_or_default(),
            email_vouched: self.verified_email().is_some(),
            name: self.name.as_deref().map(str::trim).unwrap_or_default().chars().take(200).collect(),
            organisation: self.organisation.as_deref().map(str::trim).unwrap_or_default().chars().take(200).collect(),
        }
    }
}

/// A validated identity without an account, on its way to an account request: the web keeps
/// it in the session between the provider's answer and the request form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingIdentity {
    pub provider: String,
    pub subject: String,
    /// The provider's address (lower case), or empty when it sent none.
    pub email: String,
    /// The provider vouched for `email`: a request with this address needs no confirmation link.
    pub email_vouched: bool,
    /// The name the provider gave, or empty.
    pub name: String,
    /// The organisation claim, or empty.
    pub organisation: String,
}

impl PendingIdentity {
    /// What the request stores; `confirmed` when the request's address is the vouched one.
    pub(crate) fn for_request(&self, request_email: &str) -> (RequestIdentity, bool) {
        let confirmed = self.email_vouched && !self.email.is_empty() && self.email == request_email;
        let identity = RequestIdentity {
            provider: self.provider.clone(),
            subject: self.subject.clone(),
            email: self.email.clone(),
            organisation: self.organisation.clone(),
        };
        (identity, confirmed)
    }
}

/// Where a sign-in through a provider ends.
#[derive(Debug, Clone)]
pub enum SignInOutcome {
    /// Signed in; `linked_now` when this sign-in linked the pair to an existing account.
    SignedIn { user: User, principal: Principal, linked_now: bool },
    /// No account: the person may request one (the account request form, prefilled).
    MayRequest(PendingIdentity),
    /// A request made through this identity is still open (unconfirmed or with staff).
    Requested(AccountRequestRecord),
}

fn actor_for(sign_in: &ExternalSignIn, email: &str) -> Actor {
    Actor { user_id: None, label: format!("{email} (via {})", sign_in.provider) }
}

// `.into()` on user ids: a no-op while they are `i64`, the conversion once they are `UserId`.
#[allow(clippy::useless_conversion)]
async fn audit(store: &dyn Store, now: i64, user: Option<&User>, label: &str, action: &str) -> Result<()> {
    store
        .append_audit(&NewAudit {
            at: now,
            actor_user_id: user.map(|u| u.id.into()),
            actor_label: label.to_owned(),
            action: action.to_owned(),
            entity: AuditEntity::Session,
            entity_id: user.map(|u| u.id.to_string()).unwrap_or_default(),
            before: None,
            after: None,
        })
        .await?;
    Ok(())
}

#[allow(clippy::useless_conversion)]
async fn signed_in(store: &dyn Store, user: User, label: &str, linked_now: bool, now: i64) -> Result<SignInOutcome> {
    if !user.active {
        audit(store, now, Some(&user), label, "login_inactive").await?;
        return Err(LoginRefusal::Inactive.into());
    }
    audit(store, now, Some(&user), label, "login_external").await?;
    let principal = principal_of(store, user.id.into()).await?;
    Ok(SignInOutcome::SignedIn { user, principal, linked_now })
}

/// Apply the rules of the module documentation to a validated sign-in.
pub(crate) async fn sign_in(store: &dyn Store, s: &ExternalSignIn, now: i64) -> Result<SignInOutcome> {
    let label = format!("{} (via {})", s.email.as_deref().unwrap_or(&s.subject), s.provider);
    // 1. A linked pair.
    match store.external_identity(&s.provider, &s.subject).await {
        Ok(link) => {
            store.touch_external_identity(link.id, now).await?;
            let user = store.user(link.user_id).await?;
            return signed_in(store, user, &label, false, now).await;
        }
        Err(StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    // 2. An account with the verified address.
    if let Some(email) = s.verified_email() {
        match store.user_by_email(&email).await {
            Ok(user) => return link_to(store, s, user, &email, &label, now).await,
            Err(StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    // 3. An account request: one still open, or the form.
    if let Some(r) = store.account_request_by_identity(&s.provider, &s.subject).await?
        && matches!(r.status, RequestStatus::Onbevestigd | RequestStatus::Bevestigd)
    {
        return Ok(SignInOutcome::Requested(r));
    }
    audit(store, now, None, &label, "login_external_unknown").await?;
    Ok(SignInOutcome::MayRequest(s.pending()))
}

async fn link_to(
    store: &dyn Store,
    s: &ExternalSignIn,
    user: User,
    email: &str,
    label: &str,
    now: i64,
) -> Result<SignInOutcome> {
    let links = store.external_identities_of_user(user.id).await?;
    if links.iter().any(|l| l.provider == s.provider) {
        audit(store, now, Some(&user), label, "login_external_refused").await?;
        return Err(ExternalRefusal::LinkedToOther.into());
    }
    if !user.active {
        audit(store, now, Some(&user), label, "login_inactive").await?;
        return Err(LoginRefusal::Inactive.into());
    }
    let link = NewExternalIdentity {
        provider: s.provider.clone(),
        subject: s.subject.clone(),
        user_id: user.id,
        email: email.to_owned(),
    };
    store.link_external_identity(&link, &actor_for(s, email), now).await?;
    let body = format!(
        "Beste {},\n\nAan uw Koers-account is zojuist een nieuwe manier van inloggen gekoppeld: \
         via uw organisatie ({}). Was u dit niet? Neem dan direct contact op met de beheerder van Koers.",
        user.name, s.provider
    );
    mail::queue(store, user.email.as_str(), "Koers: nieuwe inlogmethode gekoppeld", &body, now).await?;
    signed_in(store, user, label, true, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign_in(email: Option<&str>, verified: Option<bool>, vouching: Vouching) -> ExternalSignIn {
        ExternalSignIn {
            provider: "surfconext".into(),
            subject: "abc".into(),
            email: email.map(str::to_owned),
            email_verified: verified,
            vouching,
            name: None,
            organisation: None,
        }
    }

    #[test]
    fn only_vouched_addresses_count() {
        use Vouching::*;
        assert_eq!(
            sign_in(Some(" An@School.NL "), Some(true), ClaimOnly).verified_email(),
            Some("an@school.nl".into())
        );
        assert_eq!(sign_in(Some("an@school.nl"), None, TrustAddresses).verified_email(), Some("an@school.nl".into()));
        for (email, verified, vouching) in [
            (Some("an@school.nl"), Some(false), TrustAddresses),
            (Some("an@school.nl"), None, ClaimOnly),
            (None, Some(true), ClaimOnly),
            (Some("geen adres"), Some(true), ClaimOnly),
        ] {
            assert_eq!(sign_in(email, verified, vouching).verified_email(), None, "{email:?} {verified:?}");
        }
    }

    #[test]
    fn a_request_is_confirmed_only_with_the_vouched_address() {
        let vouched = sign_in(Some("An@School.nl"), Some(true), Vouching::ClaimOnly).pending();
        assert!(vouched.for_request("an@school.nl").1);
        assert!(!vouched.for_request("ander@school.nl").1);
        let unverified = sign_in(Some("an@school.nl"), Some(false), Vouching::ClaimOnly).pending();
        assert_eq!((unverified.email.as_str(), unverified.for_request("an@school.nl").1), ("an@school.nl", false));
        let none = sign_in(None, Some(true), Vouching::ClaimOnly).pending();
        assert_eq!((none.email.as_str(), none.for_request("").1), ("", false));
    }
}
