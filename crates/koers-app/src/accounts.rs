//! Accounts: passwords (argon2id), login with throttling, users with their grants, API tokens.
//! Sessions themselves live in the web layer (stored through [`Store`]).

use crate::check::FieldError;
use crate::error::{Error, LoginRefusal, Result};
use crate::store::{
    Actor, ApiToken, AuditEntity, NewApiToken, NewAudit, NewUser, Store, StoreError, StoreRead, TokenScope, User,
};
use argon2::Argon2;
use koers_core::access::{Grant, Principal};
use koers_core::email::Email;
use koers_core::ids::UserId;
use sha2::{Digest, Sha256};

/// Failed logins per account within [`THROTTLE_WINDOW_SECS`] before further tries are refused.
pub const MAX_FAILED_LOGINS: i64 = 5;
pub const THROTTLE_WINDOW_SECS: i64 = 15 * 60;
pub const MIN_PASSWORD_LEN: usize = 10;

thread_local! {
    /// The argon2 working memory of this thread (19 MiB at the default cost), allocated once
    /// and reused by every hash and verify on the thread. The hashing workers
    /// ([`crate::hashing`]) are the only threads that hash in a server, so the process keeps
    /// exactly one such buffer per CPU instead of leaving freed 19 MiB chunks in malloc arenas
    /// (glibc kept ~57 MB per arena under a login flood).
    static BLOCKS: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The highest costs accepted in a stored hash: a planted hash with a huge memory cost must
/// not allocate gigabytes on verify.
const MAX_M_COST: u32 = argon2::Params::DEFAULT_M_COST;
const MAX_T_COST: u32 = 10;
const MAX_P_COST: u32 = 4;

fn with_blocks<T>(n: usize, f: impl FnOnce(&mut [argon2::Block]) -> T) -> T {
    BLOCKS.with(|cell| {
        let mut blocks = cell.borrow_mut();
        if blocks.len() < n {
            blocks.resize(n, argon2::Block::default());
        }
        f(&mut blocks[..n])
    })
}

/// Hash a password with argon2id at the default cost (PHC string). Expensive on purpose: call
/// from a hashing worker ([`hash_password_async`]).
pub fn hash_password(password: &str) -> Result<String> {
    use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
    let err = |e: &dyn std::fmt::Display| Error::system(std::io::Error::other(e.to_string()));
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| err(&e))?;
    let params = argon2::Params::default();
    let ctx = Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params.clone());
    let mut out = [0u8; 32];
    with_blocks(params.block_count(), |blocks| {
        ctx.hash_password_into_with_memory(password.as_bytes(), &salt, &mut out, blocks)
    })
    .map_err(|e| err(&e))?;
    let phc = PasswordHash {
        algorithm: argon2::ARGON2ID_IDENT,
        version: Some(argon2::Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| err(&e))?,
        salt: Some(Salt::new(&salt).map_err(|e| err(&e))?),
        hash: Some(Output::new(&out).map_err(|e| err(&e))?),
    };
    Ok(phc.to_string())
}

/// Does `password` match the PHC string `hash`? Hashes of another algorithm, or with a cost
/// above the default, never match.
pub fn verify_password(hash: &str, password: &str) -> bool {
    use argon2::password_hash::phc::{Output, PasswordHash};
    let Ok(parsed) = PasswordHash::new(hash) else { return false };
    let Ok(params) = argon2::Params::try_from(&parsed) else { return false };
    if params.m_cost() > MAX_M_COST || params.t_cost() > MAX_T_COST || params.p_cost() > MAX_P_COST {
        return false;
    }
    let Ok(algorithm) = argon2::Algorithm::try_from(parsed.algorithm.as_str()) else { return false };
    let version = match parsed.version.map(argon2::Version::try_from) {
        None => argon2::Version::default(),
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else { return false };
    let ctx = Argon2::new(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.len()];
    let done = with_blocks(params.block_count(), |blocks| {
        ctx.hash_password_into_with_memory(password.as_bytes(), salt, &mut out, blocks)
    });
    done.is_ok() && Output::new(&out).is_ok_and(|o| o == *expected)
}

/// [`hash_password`] on a hashing worker, within the process-wide hashing slots
/// ([`crate::hashing`]).
pub async fn hash_password_async(password: String) -> Result<String> {
    crate::hashing::run_bounded(crate::hashing::WAIT, move || hash_password(&password)).await?.map_err(Error::system)?
}

async fn verify_async(hash: String, password: String) -> Result<bool> {
    crate::hashing::run_bounded(crate::hashing::WAIT, move || verify_password(&hash, &password))
        .await?
        .map_err(Error::system)
}

/// What an unknown account is verified against, so the answer takes as long as for a real
/// account: a well-formed argon2id hash at the default cost that no password matches (its
/// output is all zeros). A constant, so no thread ever hashes just to make it.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$a29lcnMtZHVtbXktc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

fn dummy_hash() -> String {
    DUMMY_HASH.to_owned()
}

/// Validate the fields of a new account; all problems at once, in Dutch.
pub fn validate_new_user(email: &str, name: &str, password: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if let Err(e) = Email::parse(email) {
        errors.push(FieldError { field: "email".into(), detail: e.to_string() });
    }
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 200 {
        errors.push(FieldError { field: "name".into(), detail: "vul een naam in (hoogstens 200 tekens)".into() });
    }
    errors.extend(validate_password(password).err());
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

pub fn validate_password(password: &str) -> Result<(), FieldError> {
    let len = password.chars().count();
    if !(MIN_PASSWORD_LEN..=128).contains(&len) {
        return Err(FieldError {
            field: "password".into(),
            detail: format!("het wachtwoord moet minstens {MIN_PASSWORD_LEN} en hoogstens 128 tekens lang zijn"),
        });
    }
    Ok(())
}

/// The principal (grants) of a user.
pub async fn principal_of(store: &dyn StoreRead, user_id: UserId) -> Result<Principal, StoreError> {
    let grants = store.grants_of_user(user_id).await?.into_iter().map(|g| g.grant).collect();
    Ok(Principal { user_id, grants })
}

fn audit(now: i64, user: Option<&User>, label: &str, action: &str) -> NewAudit {
    NewAudit {
        at: now,
        actor_user_id: user.map(|u| u.id),
        actor_label: label.to_owned(),
        action: action.to_owned(),
        entity: AuditEntity::Session,
        entity_id: user.map(|u| u.id.to_string()).unwrap_or_default(),
        before: None,
        after: None,
    }
}

/// The longest e-mail address a login is checked for (longer ones cannot exist, see
/// [`Email::is_valid`]; they are refused without touching the store).
const MAX_LOGIN_KEY_LEN: usize = 254;

/// Check e-mail and password, with throttling per account.
///
/// The attempt is recorded as failed *before* the password is checked (and turned into a
/// success afterwards), so parallel guesses cannot all pass the throttle check first
/// ([`Store::login_attempt_start`]); a try refused by the throttle is discarded again. Audited:
/// every login and every failure on an existing account (at most [`MAX_FAILED_LOGINS`] per
/// window). Failures for unknown addresses are only counted in the attempts table and
/// summarised into the audit log when old attempts are pruned ([`prune_login_attempts`]), so
/// an anonymous flood cannot grow the audit log.
pub(crate) async fn authenticate(
    store: &dyn Store,
    email: &str,
    password: &str,
    now: i64,
    password_off: &[koers_core::access::RoleKind],
) -> Result<(User, Principal)> {
    let key = email.trim().to_lowercase();
    if key.len() > MAX_LOGIN_KEY_LEN || password.len() > 1024 {
        return Err(LoginRefusal::BadCredentials.into());
    }
    let attempt = store.login_attempt_start(&key, now, now - THROTTLE_WINDOW_SECS).await?;
    if attempt.failures > MAX_FAILED_LOGINS {
        // Not a failure of its own: parallel logins with the right password must not lock the
        // account, and refused tries must not extend a lock. (The failures that caused the
        // throttle are audited; a refusal is not.)
        store.login_attempt_discard(attempt.id).await?;
        return Err(LoginRefusal::Throttled { retry_after_minutes: THROTTLE_WINDOW_SECS / 60 }.into());
    }
    let user = match store.user_by_email(&key).await {
        Ok(u) => Some(u),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let hash = user.as_ref().map_or_else(dummy_hash, |u| u.password_hash.clone());
    let ok = verify_async(hash, password.to_owned()).await? && user.is_some();
    let Some(user) = user else {
        return Err(LoginRefusal::BadCredentials.into());
    };
    if !ok {
        store.append_audit(&audit(now, Some(&user), &key, "login_failed")).await?;
        return Err(LoginRefusal::BadCredentials.into());
    }
    store.login_attempt_succeeded(attempt.id).await?;
    if !user.active {
        store.append_audit(&audit(now, Some(&user), &key, "login_inactive")).await?;
        return Err(LoginRefusal::Inactive.into());
    }
    let principal = principal_of(store, user.id).await?;
    if principal.grants.iter().any(|g| password_off.contains(&g.role)) {
        store.append_audit(&audit(now, Some(&user), &key, "login_password_off")).await?;
        return Err(LoginRefusal::PasswordOff.into());
    }
    store.append_audit(&audit(now, Some(&user), user.email.as_str(), "login")).await?;
    Ok((user, principal))
}

/// Delete login attempts older than the throttle window and write one audit entry
/// (`login_failed_summary`) with how many of them failed, when any did. Run periodically by
/// the server.
pub async fn prune_login_attempts(store: &dyn Store, now: i64) -> Result<u64, StoreError> {
    let before = now - THROTTLE_WINDOW_SECS;
    let failed = store.login_attempts_prune(before).await?;
    if failed > 0 {
        store
            .append_audit(&NewAudit {
                at: now,
                actor_user_id: None,
                actor_label: "koers".into(),
                action: "login_failed_summary".into(),
                entity: AuditEntity::Session,
                entity_id: String::new(),
                before: None,
                after: Some(serde_json::json!({ "failed_attempts": failed, "before": before }).to_string()),
            })
            .await?;
    }
    Ok(failed)
}

/// Input for creating a user (CLI `koers user add`, the admin page, the demo).
#[derive(Debug, Clone)]
pub struct NewUserInput {
    pub email: String,
    pub name: String,
    pub password: String,
    pub locale: String,
    pub grants: Vec<Grant>,
}

pub(crate) async fn create_user(store: &dyn Store, input: &NewUserInput, actor: &Actor, now: i64) -> Result<User> {
    validate_new_user(&input.email, &input.name, &input.password).map_err(Error::Invalid)?;
    // Accounts are kept lower-cased: one account per address, whatever case it is typed in.
    let email = Email::parse(&input.email.to_lowercase()).map_err(|e| Error::field("email", e.to_string()))?;
    let locale = if input.locale == "en" { "en" } else { "nl" };
    let hash = hash_password_async(input.password.clone()).await?;
    let user = store
        .create_user(
            &NewUser { email, name: input.name.trim().to_owned(), password_hash: hash, locale: locale.to_owned() },
            actor,
            now,
        )
        .await
        .map_err(|e| match e {
            StoreError::Duplicate(_) => Error::field("email", "er bestaat al een account met dit e-mailadres"),
            e => e.into(),
        })?;
    for g in &input.grants {
        store.add_grant(user.id, g, actor, now).await?;
    }
    Ok(user)
}

pub use crate::error::LAST_BEHEERDER;

/// SHA-256 hex of an API token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Issue a token; returns the stored record and the token text, shown to the user once.
pub(crate) async fn issue_api_token(
    store: &dyn Store,
    user_id: UserId,
    name: &str,
    scope: TokenScope,
    actor: &Actor,
    now: i64,
) -> Result<(ApiToken, String)> {
    let bytes = Error::random_bytes()?;
    let token = format!("koers_{}", hex::encode(bytes));
    let record = store
        .create_api_token(
            &NewApiToken {
                user_id,
                name: name.trim().to_owned(),
                token_hash: token_hash(&token),
                created_at: now,
                scope: scope.as_str().to_owned(),
            },
            actor,
            now,
        )
        .await?;
    Ok((record, token))
}

/// The user, principal and scope behind a bearer token (revoked or unknown → `NotFound`;
/// inactive users are refused too). Tokens are revoked when their user's password changes or
/// the user is deactivated (in the store, with the change).
pub(crate) async fn principal_for_token(
    store: &dyn Store,
    token: &str,
    now: i64,
) -> Result<(User, Principal, TokenScope), StoreError> {
    let t = store.api_token_by_hash(&token_hash(token.trim()), now).await?;
    let user = store.user(t.user_id).await?;
    if !user.active {
        return Err(StoreError::NotFound);
    }
    let principal = principal_of(store, user.id).await?;
    Ok((user, principal, t.scope()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_made_elsewhere_verify_and_costly_ones_are_refused() {
        use argon2::password_hash::PasswordHasher;
        let theirs =
            Argon2::default().hash_password(b"correct horse battery").map(|h| h.to_string()).unwrap_or_default();
        assert!(verify_password(&theirs, "correct horse battery"), "{theirs}");
        assert!(!verify_password(&theirs, "wrong"));
        let phc = theirs.replace("m=19456", "m=2097152");
        assert!(!verify_password(&phc, "correct horse battery"), "a 2 GiB hash is not even tried");
        assert!(!verify_password(DUMMY_HASH, "koers-dummy-password"));
        assert!(!verify_password(DUMMY_HASH, ""));
    }

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("correct horse battery").unwrap_or_default();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "correct horse battery"));
        assert!(!verify_password(&h, "wrong horse battery"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn new_user_fields_are_checked_in_dutch() {
        let e = validate_new_user("geen-adres", " ", "kort").err().unwrap_or_default();
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "name", "password"]);
        assert!(e[2].detail.contains("minstens 10"));
        assert!(validate_new_user("a@school.nl", "An", "lang-genoeg-wachtwoord").is_ok());
    }

    #[test]
    fn one_email_check_for_every_form() {
        for ok in ["a@school.nl", " sam@morgenster.nl ", "x.y@sub.example.nl"] {
            assert!(Email::is_valid(ok), "{ok}");
        }
        for bad in ["", "geen", "@school.nl", "a@school", "a@.nl", "a@school.", "a b@school.nl"] {
            assert!(!Email::is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn token_hashes_are_stable_hex() {
        assert_eq!(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
