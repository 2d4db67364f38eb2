//! The axum-login backend: who a session belongs to, looked up through the [`App`] on every
//! request (a deactivated user or a changed password ends the session at once).

use axum_login::{AuthUser, AuthnBackend, UserId};
use koers_app::store::User;
use koers_app::{App, Error, LoginRefusal};
use koers_core::access::Principal;
use sha2::{Digest, Sha256};

/// A logged-in user: the account (without its password hash) and its grants.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub locale: String,
    pub principal: Principal,
    /// SHA-256 of the password hash, or empty for an inactive account (see [`auth_hash`]).
    auth_hash: Vec<u8>,
}

/// What a session is bound to. axum-login stores it in the session at login and compares it
/// on every request: a new password (new PHC string, new salt) or a deactivation no longer
/// matches, and the session is flushed. A digest, so the PHC string never lands in the
/// sessions table.
fn auth_hash(user: &User) -> Vec<u8> {
    if user.active { Sha256::digest(user.password_hash.as_bytes()).to_vec() } else { Vec::new() }
}

impl SessionUser {
    pub fn new(user: &User, principal: Principal) -> Self {
        Self {
            id: user.id.get(),
            email: user.email.to_string(),
            name: user.name.clone(),
            locale: user.locale.clone(),
            principal,
            auth_hash: auth_hash(user),
        }
    }
}

impl AuthUser for SessionUser {
    type Id = i64;

    fn id(&self) -> i64 {
        self.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

/// E-mail, password and the current time.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
    pub now: i64,
}

#[derive(Debug, Clone)]
pub struct Backend {
    app: App,
}

impl Backend {
    pub fn new(app: App) -> Self {
        Self { app }
    }
}

impl AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = Error;

    /// Unused by the login page (which needs the reason of a refusal), but correct.
    async fn authenticate(&self, c: Credentials) -> Result<Option<SessionUser>, Error> {
        match self.app.authenticate(&c.email, &c.password, c.now).await {
            Ok((user, principal)) => Ok(Some(SessionUser::new(&user, principal))),
            Err(Error::Login(LoginRefusal::BadCredentials)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<SessionUser>, Error> {
        let user = match self.app.read().user(koers_core::ids::UserId::new(*id)).await {
            Ok(u) => u,
            Err(koers_app::store::StoreError::NotFound) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let principal = self.app.principal_of(user.id).await?;
        Ok(Some(SessionUser::new(&user, principal)))
    }
}
