//! [`App`]'s sign-in through an OpenID provider (issue 13; rules in [`crate::external`]) and
//! the password-login policy per role.

use super::App;
use crate::error::Result;
use crate::external::{ExternalSignIn, SignInOutcome};
use koers_core::access::RoleKind;
use std::sync::Arc;

impl App {
    /// The same App with password login switched off for accounts holding any of `roles`
    /// (`koers serve --wachtwoord-uit …`).
    #[must_use]
    pub fn with_password_off(mut self, roles: &[RoleKind]) -> Self {
        self.parts_mut().password_off = Arc::from(roles);
        self
    }

    /// Roles that may not log in with a password.
    pub fn password_off(&self) -> &[RoleKind] {
        &self.password_off
    }

    /// A validated sign-in through a provider: signed in (linking a verified address), an open
    /// account request, or the identity that may request one ([`crate::account_requests`]).
    pub async fn sign_in_external(&self, s: &ExternalSignIn, now: i64) -> Result<SignInOutcome> {
        crate::external::sign_in(self.store.as_ref(), s, now).await
    }
}
