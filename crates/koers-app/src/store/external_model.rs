//! Sign-in through an OpenID provider (issue 13 §2): the (provider, subject) pairs linked to an
//! account, and the account requests of first sign-ins that matched no account.

use koers_core::ids::UserId;
use serde::{Deserialize, Serialize};

koers_core::id_type!(
    /// An account request (accountaanvraag) of a first sign-in through a provider.
    SignInRequestId
);

/// A (provider, subject) pair linked to an account. Later sign-ins are matched on the pair only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalIdentity {
    pub id: i64,
    /// The provider's id in the installation's configuration (e.g. `surfconext`).
    pub provider: String,
    /// The provider's `sub` claim: stable, never reassigned.
    pub subject: String,
    pub user_id: UserId,
    /// The e-mail address the provider gave when the pair was linked.
    pub email: String,
    pub created_at: i64,
    pub last_login_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExternalIdentity {
    pub provider: String,
    pub subject: String,
    pub user_id: UserId,
    pub email: String,
}

/// Where an account request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignInRequestStatus {
    Open,
    Approved,
    Declined,
}

impl SignInRequestStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Approved => "approved",
            Self::Declined => "declined",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        [Self::Open, Self::Approved, Self::Declined].into_iter().find(|x| x.code() == s)
    }
}

/// A first sign-in that matched no account, waiting for a beheerder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRequest {
    pub id: SignInRequestId,
    pub provider: String,
    pub subject: String,
    pub email: String,
    pub name: String,
    /// The organisation claim (e.g. SURFconext's `schac_home_organization`), or empty.
    pub organisation: String,
    pub status: SignInRequestStatus,
    /// The account made on approval.
    pub user_id: Option<UserId>,
    pub created_at: i64,
    pub decided_at: Option<i64>,
    /// Who decided (the beheerder's e-mail address).
    pub decided_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSignInRequest {
    pub provider: String,
    pub subject: String,
    pub email: String,
    pub name: String,
    pub organisation: String,
}
