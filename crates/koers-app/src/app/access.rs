//! [`App`]'s getting-in use cases (issue 10 §5): account requests from the public site and the
//! password reset by e-mail link (implemented in [`crate::account_requests`] and
//! [`crate::password_reset`]).

use super::App;
use crate::account_requests::{self, RequestInput};
use crate::error::Result;
use crate::password_reset;
use crate::store::{AccountLink, AccountRequestId, AccountRequestRecord, Actor, User};
use koers_core::access::Principal;

impl App {
    /// Store a request and mail its confirmation link (one transaction); duplicates are
    /// refused with a Dutch message on the `email` field.
    pub async fn request_account(
        &self,
        input: &RequestInput,
        base_url: &str,
        now: i64,
    ) -> Result<AccountRequestRecord> {
        account_requests::request(self.store.as_ref(), input, base_url, now).await
    }

    /// The request behind a confirmation link, if the link may still be used.
    pub async fn account_request_for_link(&self, token: &str, now: i64) -> Result<AccountRequestRecord> {
        account_requests::for_link(self.read(), token, now).await
    }

    /// Confirm the address of a request through its link (the link is used up).
    pub async fn confirm_account_request(&self, token: &str, now: i64) -> Result<AccountRequestRecord> {
        account_requests::confirm(self.store.as_ref(), token, now).await
    }

    /// Approve (creates the account and its grant) or decline (with a reason) a confirmed
    /// request, as programme staff; audited, the requester is mailed.
    #[allow(clippy::too_many_arguments)]
    pub async fn decide_account_request(
        &self,
        who: &Principal,
        id: AccountRequestId,
        expected_version: i64,
        approve: bool,
        reason: &str,
        actor: &Actor,
        now: i64,
        base_url: &str,
    ) -> Result<(AccountRequestRecord, Option<User>)> {
        account_requests::decide(self.store.as_ref(), who, id, expected_version, approve, reason, actor, now, base_url)
            .await
    }

    /// Mail a reset link when the address has an active account; the same answer, after the
    /// same time, when it has not.
    pub async fn request_password_reset(&self, email: &str, base_url: &str, now: i64) -> Result<()> {
        password_reset::request(self.store.as_ref(), email, base_url, now).await
    }

    /// The reset link behind a token, if it may still be used.
    pub async fn password_link(&self, token: &str, now: i64) -> Result<AccountLink> {
        password_reset::link_for(self.read(), token, now).await
    }

    /// Set a new password through a reset link (the link is used up).
    pub async fn reset_password(&self, token: &str, password: &str, again: &str, now: i64) -> Result<User> {
        password_reset::reset(self.store.as_ref(), token, password, again, now).await
    }
}
