//! Getting in (issue 10 §5): account requests from the public site and one-time e-mail links
//! for existing accounts (password reset), as the store keeps them. Only SHA-256 hashes of link
//! tokens are stored; the tokens themselves exist only in the mail.
//!
//! The port is its own pair of traits ([`AccessRead`], [`AccessWrite`]), supertraits of
//! [`super::StoreRead`] and [`super::Store`], so both stores implement it and the conformance
//! suite runs it on both backends.

use super::{Actor, NewMail, StoreResult, User};
use async_trait::async_trait;
use koers_core::access::Grant;
use koers_core::ids::{BoardNumber, SchoolId, UserId};
use serde::{Deserialize, Serialize};

koers_core::id_type!(
    /// An account request (accountaanvraag).
    AccountRequestId
);

/// What the account is for: a school of the register (schoolleider) or a board (bestuurder).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestSubject {
    School(SchoolId),
    Board(BoardNumber),
}

/// Where a request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Waiting for the requester to click the e-mail link.
    Onbevestigd,
    /// Confirmed; waiting for programme staff.
    Bevestigd,
    Goedgekeurd,
    Afgewezen,
    /// Never confirmed; the address asked again after the link expired.
    Verlopen,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 5] = [
        RequestStatus::Onbevestigd,
        RequestStatus::Bevestigd,
        RequestStatus::Goedgekeurd,
        RequestStatus::Afgewezen,
        RequestStatus::Verlopen,
    ];

    /// The stored code (also the URL filter and the message key suffix).
    pub fn code(self) -> &'static str {
        match self {
            RequestStatus::Onbevestigd => "onbevestigd",
            RequestStatus::Bevestigd => "bevestigd",
            RequestStatus::Goedgekeurd => "goedgekeurd",
            RequestStatus::Afgewezen => "afgewezen",
            RequestStatus::Verlopen => "verlopen",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The provider's identity of a request made by a first sign-in through an OpenID provider
/// (issue 13 §2): linked to the account when the request is approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestIdentity {
    /// The provider's id in the installation's configuration.
    pub provider: String,
    /// The provider's `sub`.
    pub subject: String,
    /// The address the provider gave (the request's own address may differ).
    pub email: String,
    /// The organisation claim, or empty.
    pub organisation: String,
}

/// A request to store (checked by the app).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccountRequest {
    pub subject: RequestSubject,
    pub name: String,
    /// Trimmed, lower case.
    pub email: String,
    pub function_title: String,
    pub locale: String,
    /// argon2id PHC string of the password chosen with the request.
    pub password_hash: String,
    pub confirm_token_hash: String,
    pub confirm_expires_at: i64,
    /// Stored as `bevestigd` at once (the address was vouched for by an OpenID provider).
    pub confirmed: bool,
    /// A first sign-in through a provider: the identity to link on approval.
    pub identity: Option<RequestIdentity>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRequestRecord {
    pub id: AccountRequestId,
    pub subject: RequestSubject,
    pub name: String,
    pub email: String,
    pub function_title: String,
    pub locale: String,
    pub status: RequestStatus,
    pub confirm_expires_at: i64,
    pub confirmed_at: Option<i64>,
    pub decided_at: Option<i64>,
    pub decided_by: Option<UserId>,
    pub decision_reason: Option<String>,
    /// The account made on approval.
    pub user_id: Option<UserId>,
    pub created_at: i64,
    pub version: i64,
    /// Made by a first sign-in through a provider: the identity linked on approval.
    pub identity: Option<RequestIdentity>,
}

/// A decision of programme staff on a confirmed request.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestDecision {
    /// Create the account (with the request's password) and this grant.
    Approve {
        grant: Grant,
    },
    Decline {
        reason: String,
    },
}

/// A one-time link for an existing account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLink {
    pub id: i64,
    pub user_id: UserId,
    /// `wachtwoord` (password reset).
    pub purpose: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub created_at: i64,
}

#[async_trait]
pub trait AccessRead: Send + Sync {
    /// `NotFound` when unknown.
    async fn account_request(&self, id: AccountRequestId) -> StoreResult<AccountRequestRecord>;
    /// The request whose confirmation link has this token hash (any status).
    async fn account_request_by_token(&self, token_hash: &str) -> StoreResult<AccountRequestRecord>;
    /// With `status` (or all), oldest first (a queue).
    async fn account_requests(&self, status: Option<RequestStatus>) -> StoreResult<Vec<AccountRequestRecord>>;
    /// The newest request made by this provider identity, if any.
    async fn account_request_by_identity(
        &self,
        provider: &str,
        subject: &str,
    ) -> StoreResult<Option<AccountRequestRecord>>;
    /// The link with this token hash (any state); `NotFound` when unknown.
    async fn account_link(&self, token_hash: &str) -> StoreResult<AccountLink>;
}

#[async_trait]
pub trait AccessWrite: Send + Sync {
    /// In one transaction: unconfirmed requests of the address whose link expired become
    /// `verlopen`; `Duplicate("account")` when a user has the address, `Duplicate("aanvraag")`
    /// when an open request (onbevestigd, bevestigd) remains; else the request (`bevestigd` at
    /// once when `confirmed`), its provider identity and its mail are written, audited as
    /// `request` on `account_request`.
    async fn create_account_request(
        &self,
        r: &NewAccountRequest,
        mail: &NewMail,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<AccountRequestRecord>;
    /// `onbevestigd` → `bevestigd` while the link is valid (`Conflict` when it is not, or when
    /// it was used already: two clicks at once, one wins); audited as `confirm`.
    async fn confirm_account_request(
        &self,
        id: AccountRequestId,
        now: i64,
        actor: &Actor,
    ) -> StoreResult<AccountRequestRecord>;
    /// Decide a `bevestigd` request as last seen at `expected_version` (`Conflict` otherwise),
    /// in one transaction with its mail: approving creates the user (the request's password,
    /// `Duplicate("account")` when the address has an account by now), the grant and, for a
    /// request made through a provider, the link of its identity, audited as `approve` (+ the
    /// user, grant and link creations); declining records the reason, audited as
    /// `decline`. The stored password hash is emptied either way.
    async fn decide_account_request(
        &self,
        id: AccountRequestId,
        expected_version: i64,
        decision: &RequestDecision,
        mail: &NewMail,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<(AccountRequestRecord, Option<User>)>;
    /// A one-time link and its mail in one transaction; audited as `reset_requested` on the user
    /// (without the token).
    async fn create_account_link(
        &self,
        user_id: UserId,
        purpose: &str,
        token_hash: &str,
        expires_at: i64,
        mail: &NewMail,
        now: i64,
    ) -> StoreResult<AccountLink>;
    /// Use a password link: while unused and unexpired (`Conflict` otherwise) it is marked used
    /// together with every other open link of the user, the password is replaced (version + 1),
    /// the user's API tokens are revoked; audited as `password_reset`. Sessions end through
    /// their auth hash.
    async fn reset_password(&self, token_hash: &str, password_hash: &str, now: i64) -> StoreResult<User>;
}
