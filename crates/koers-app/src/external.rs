//! Sign-in through an OpenID provider (issue 13 §2): who a validated identity is in Koers.
//!
//! The web layer has done the protocol (state, nonce, PKCE, ID-token signature, issuer,
//! audience, expiry); this module decides what the identity may do, and is the only place that
//! links one:
//!
//! 1. A (provider, subject) pair linked before signs in to its account — the pair, never the
//!    e-mail address, is what later sign-ins match on (an address can change hands).
//! 2. A first sign-in whose **verified** e-mail address belongs to an account is linked to it
//!    (an account a beheerder made is the invitation). The account holder gets a mail that a
//!    sign-in method was added, and the link is audited: nothing is taken over silently. An
//!    account already linked to *another* subject of the same provider is refused.
//! 3. Otherwise the sign-in becomes an account request (accountaanvraag) for a beheerder, who
//!    approves it (the account is made without a password, linked to the pair) or declines it.
//!
//! An unverified or missing e-mail address is matched to nothing. A provider "vouches" for an
//! address when its `email_verified` claim is true; for providers that do not send the claim
//! but check addresses themselves (SURFconext) the configuration says so ([`Vouching`]).

use crate::accounts::{is_valid_email, principal_of};
use crate::error::{Error, ExternalRefusal, LoginRefusal, Result};
use crate::mail;
use crate::store::{
    Actor, NewAudit, NewExternalIdentity, NewSignInRequest, NewUser, SignInRequest, SignInRequestId,
    SignInRequestStatus, Store, StoreError, User,
};
use koers_core::access::Principal;
use koers_core::ids::UserId;

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
    /// The e-mail address, lower case, when the provider vouches for it.
    fn verified_email(&self) -> Result<String> {
        let email = self.email.as_deref().map(|e| e.trim().to_lowercase()).unwrap_or_default();
        if !is_valid_email(&email) {
            return Err(ExternalRefusal::NoEmail.into());
        }
        let verified = match self.email_verified {
            Some(v) => v,
            None => self.vouching == Vouching::TrustAddresses,
        };
        if verified { Ok(email) } else { Err(ExternalRefusal::EmailUnverified.into()) }
    }
}

/// Where a sign-in through a provider ends.
#[derive(Debug, Clone)]
pub enum SignInOutcome {
    /// Signed in; `linked_now` when this sign-in linked the pair to an existing account.
    SignedIn { user: User, principal: Principal, linked_now: bool },
    /// No account: an account request waits for a beheerder (new, or still open from before).
    Requested(SignInRequest),
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
            entity: "session".into(),
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
            let user = store.user(link.user_id.into()).await?;
            return signed_in(store, user, &label, false, now).await;
        }
        Err(StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    let email = match s.verified_email() {
        Ok(e) => e,
        Err(e) => {
            audit(store, now, None, &label, "login_external_refused").await?;
            return Err(e);
        }
    };
    // 2. An account with the verified address.
    match store.user_by_email(&email).await {
        Ok(user) => {
            let links = store.external_identities_of_user(UserId::from(user.id)).await?;
            if links.iter().any(|l| l.provider == s.provider) {
                audit(store, now, Some(&user), &label, "login_external_refused").await?;
                return Err(ExternalRefusal::LinkedToOther.into());
            }
            if !user.active {
                audit(store, now, Some(&user), &label, "login_inactive").await?;
                return Err(LoginRefusal::Inactive.into());
            }
            let link = NewExternalIdentity {
                provider: s.provider.clone(),
                subject: s.subject.clone(),
                user_id: UserId::from(user.id),
                email: email.clone(),
            };
            store.link_external_identity(&link, &actor_for(s, &email), now).await?;
            let body = format!(
                "Beste {},\n\nAan uw Koers-account is zojuist een nieuwe manier van inloggen gekoppeld: \
                 via uw organisatie ({}). Was u dit niet? Neem dan direct contact op met de beheerder van Koers.",
                user.name, s.provider
            );
            mail::queue(store, &user.email, "Koers: nieuwe inlogmethode gekoppeld", &body, now).await?;
            return signed_in(store, user, &label, true, now).await;
        }
        Err(StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    // 3. An account request.
    match store.sign_in_request_by_subject(&s.provider, &s.subject).await {
        Ok(r) if r.status == SignInRequestStatus::Declined => return Err(ExternalRefusal::Declined.into()),
        Ok(r) => return Ok(SignInOutcome::Requested(r)),
        Err(StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    let name = s.name.as_deref().map(str::trim).filter(|n| !n.is_empty()).unwrap_or(&email);
    let request = NewSignInRequest {
        provider: s.provider.clone(),
        subject: s.subject.clone(),
        email: email.clone(),
        name: name.chars().take(200).collect(),
        organisation: s.organisation.as_deref().unwrap_or_default().trim().chars().take(200).collect(),
    };
    Ok(SignInOutcome::Requested(store.create_sign_in_request(&request, &actor_for(s, &email), now).await?))
}

/// Approve an open request: the account (no password, language Dutch) linked to the pair.
pub(crate) async fn approve(store: &dyn Store, id: SignInRequestId, actor: &Actor, now: i64) -> Result<User> {
    let r = store.sign_in_request(id).await?;
    let user = NewUser {
        email: r.email.clone(),
        name: r.name.clone(),
        password_hash: NO_PASSWORD.into(),
        locale: "nl".into(),
    };
    let (user, _) = store.approve_sign_in_request(id, &user, actor, now).await.map_err(|e| match e {
        StoreError::Duplicate(_) => Error::field("email", "er bestaat al een account met dit e-mailadres"),
        e => e.into(),
    })?;
    Ok(user)
}

pub(crate) async fn decline(store: &dyn Store, id: SignInRequestId, actor: &Actor, now: i64) -> Result<SignInRequest> {
    Ok(store.decline_sign_in_request(id, actor, now).await?)
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
        let ok = |e: Result<String>| e.ok();
        assert_eq!(
            ok(sign_in(Some(" An@School.NL "), Some(true), ClaimOnly).verified_email()),
            Some("an@school.nl".into())
        );
        assert_eq!(
            ok(sign_in(Some("an@school.nl"), None, TrustAddresses).verified_email()),
            Some("an@school.nl".into())
        );
        for (email, verified, vouching, want) in [
            (Some("an@school.nl"), Some(false), TrustAddresses, ExternalRefusal::EmailUnverified),
            (Some("an@school.nl"), None, ClaimOnly, ExternalRefusal::EmailUnverified),
            (None, Some(true), ClaimOnly, ExternalRefusal::NoEmail),
            (Some("geen adres"), Some(true), ClaimOnly, ExternalRefusal::NoEmail),
        ] {
            let got = sign_in(email, verified, vouching).verified_email();
            assert!(matches!(got, Err(Error::External(r)) if r == want), "{email:?} {verified:?}: {got:?}");
        }
    }
}
