//! Sign-in through an OpenID provider (issue 13 §2): the (provider, subject) pairs linked to an
//! account. (A first sign-in that matches no account becomes an ordinary account request,
//! [`super::RequestIdentity`].)

use koers_core::ids::UserId;
use serde::{Deserialize, Serialize};

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
