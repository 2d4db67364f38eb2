//! Board approval by e-mail link: a random token (only its SHA-256 is stored), valid 14 days,
//! usable once. Expired, used, unknown or forged links are refused with a clear reason.

use super::{ApplicationError, act};
use crate::accounts::token_hash;
use crate::store::{Actor, ApplicationRecord, Store, StoreError};
use koers_core::workflow::Command;

pub const LINK_TTL_SECS: i64 = 14 * 24 * 3600;

#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("deze link is onbekend of onvolledig; gebruik de link uit de e-mail of log in om het verzoek te bekijken")]
    Unknown,
    #[error("deze link is verlopen; log in om het verzoek op je startpagina te behandelen")]
    Expired,
    #[error("deze link is al gebruikt; het besluit is vastgelegd")]
    Used,
    #[error(transparent)]
    Application(#[from] ApplicationError),
}

/// 32 random bytes, hex.
pub fn new_link_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(hex::encode(bytes))
}

/// The application behind a link, if the link may still be used.
pub async fn application_for_link(store: &dyn Store, token: &str, now: i64) -> Result<ApplicationRecord, LinkError> {
    let token = token.trim();
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(LinkError::Unknown);
    }
    let link = match store.approval_link(&token_hash(token)).await {
        Ok(l) => l,
        Err(StoreError::NotFound) => return Err(LinkError::Unknown),
        Err(e) => return Err(ApplicationError::from(e).into()),
    };
    if link.used_at.is_some() {
        return Err(LinkError::Used);
    }
    if now >= link.expires_at {
        return Err(LinkError::Expired);
    }
    Ok(store.application(link.application_id).await.map_err(ApplicationError::from)?)
}

/// Approve or decline (with a reason) through the link; the link is used up.
pub async fn decide_by_link(
    store: &dyn Store,
    token: &str,
    approve: bool,
    reason: &str,
    now: i64,
) -> Result<ApplicationRecord, LinkError> {
    let a = application_for_link(store, token, now).await?;
    let link = store.approval_link(&token_hash(token.trim())).await.map_err(ApplicationError::from)?;
    let cmd = if approve { Command::BoardApprove } else { Command::BoardDecline { reason: reason.to_owned() } };
    // Validate the transition before using up the link (a decline without reason keeps the link).
    koers_core::workflow::transition(&super::state_of(&a)?, &cmd).map_err(ApplicationError::from)?;
    match store.use_approval_link(link.id, now).await {
        Ok(()) => {}
        Err(StoreError::Conflict { .. }) => return Err(LinkError::Used),
        Err(e) => return Err(ApplicationError::from(e).into()),
    }
    let actor = Actor::system(&format!("bestuur {} (goedkeuringslink)", link.board_number));
    Ok(act(store, a.id, a.version, &cmd, &actor, now).await?)
}
