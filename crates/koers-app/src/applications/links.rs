//! Board approval by e-mail link: a random token (only its SHA-256 is stored), valid 14 days,
//! usable once. Expired, used, unknown or forged links are refused with a clear reason.

use super::act;
use crate::accounts::token_hash;
use crate::error::{Error, LinkRefusal, Result};
use crate::store::{Actor, ApplicationRecord, Store, StoreError, StoreRead};
use koers_core::workflow::Command;

pub const LINK_TTL_SECS: i64 = 14 * 24 * 3600;

/// 32 random bytes, hex.
pub fn new_link_token() -> Result<String> {
    let bytes = Error::random_bytes()?;
    Ok(hex::encode(bytes))
}

/// The application behind a link, if the link may still be used.
pub(crate) async fn application_for_link(store: &dyn StoreRead, token: &str, now: i64) -> Result<ApplicationRecord> {
    let token = token.trim();
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(LinkRefusal::Unknown.into());
    }
    let link = match store.approval_link(&token_hash(token)).await {
        Ok(l) => l,
        Err(StoreError::NotFound) => return Err(LinkRefusal::Unknown.into()),
        Err(e) => return Err(e.into()),
    };
    if link.used_at.is_some() {
        return Err(LinkRefusal::Used.into());
    }
    if now >= link.expires_at {
        return Err(LinkRefusal::Expired.into());
    }
    Ok(store.application(link.application_id).await?)
}

/// Approve or decline (with a reason) through the link; the link is used up.
pub(crate) async fn decide_by_link(
    store: &dyn Store,
    token: &str,
    approve: bool,
    reason: &str,
    now: i64,
) -> Result<ApplicationRecord> {
    let a = application_for_link(store, token, now).await?;
    let link = store.approval_link(&token_hash(token.trim())).await?;
    let cmd = if approve { Command::BoardApprove } else { Command::BoardDecline { reason: reason.to_owned() } };
    // Validate the transition before using up the link (a decline without reason keeps the link).
    koers_core::workflow::transition(&super::state_of(&a)?, &cmd)?;
    match store.use_approval_link(link.id, now).await {
        Ok(()) => {}
        Err(StoreError::Conflict { .. }) => return Err(LinkRefusal::Used.into()),
        Err(e) => return Err(e.into()),
    }
    let actor = Actor::system(&format!("bestuur {} (goedkeuringslink)", link.board_number));
    act(store, a.id, a.version, &cmd, &actor, now).await
}
