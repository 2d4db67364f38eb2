//! Linking an expert of the pool to an account, by invitation (issue 11 item 7).
//!
//! Linking opens the expert's trajectories to the account, so programme staff cannot link an
//! account themselves. They invite an e-mail address instead; Koers mails it, and only an
//! active account with that address **and the expert role** sees the invitation (on its home
//! page) and can confirm or decline it. Staff get the same answer for every address: whether an
//! account exists, and whether it has the expert role, is never shown or implied (no
//! enumeration). An invitation lasts [`INVITATION_TTL_SECS`]; a new one replaces the old.

use crate::error::{Error, Result};
use crate::store::{Actor, ExpertInvitation, ExpertRecord, NewMail, Store, StoreError, StoreRead};
use koers_core::access::RoleKind;
use koers_core::email::Email;
use koers_core::ids::{ExpertId, UserId};

/// How long an invitation can be confirmed: 30 days.
pub const INVITATION_TTL_SECS: i64 = 30 * 24 * 3600;

/// The form field of the invitation's address.
pub const FIELD: &str = "uitnodiging_email";

/// A pending invitation as the invited person sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingInvitation {
    pub expert_id: ExpertId,
    pub expert_name: String,
    pub invited_at: i64,
    pub invited_by: String,
}

fn live(inv: &ExpertInvitation, now: i64) -> bool {
    now < inv.invited_at.saturating_add(INVITATION_TTL_SECS)
}

/// Invite `email` to link its account to expert `expert_id`, and mail the address. The answer
/// does not depend on whether an account with that address exists.
pub async fn invite(
    store: &dyn Store,
    expert_id: ExpertId,
    email: &str,
    base_url: &str,
    actor: &Actor,
    now: i64,
) -> Result<ExpertInvitation> {
    let email = email.trim().to_lowercase();
    if !Email::is_valid(&email) {
        return Err(Error::field(FIELD, "E-mailadres: vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."));
    }
    let expert = store.expert(expert_id).await?;
    if expert.user_id.is_some() {
        return Err(Error::field(
            FIELD,
            "Deze expert is al aan een account gekoppeld; ontkoppel het account eerst als een ander account de expert moet worden.",
        ));
    }
    let invitation =
        ExpertInvitation { expert_id, email: email.clone(), invited_at: now, invited_by: actor.label.clone() };
    let base = base_url.trim_end_matches('/');
    let mail = NewMail {
        to_address: email,
        subject: "Uitnodiging: uw account koppelen aan de expertpool van Koers".into(),
        body_text: format!(
            "Beste {name},\n\n{by} nodigt u uit om uw Koers-account te koppelen aan de expert \"{name}\" in de \
expertpool. Daarna ziet u in Koers de trajecten die aan u zijn toegewezen.\n\n\
Hebt u een Koers-account met dit e-mailadres en de rol expert? Log dan in op {base}/home en bevestig of weiger \
de koppeling op uw startpagina. De uitnodiging geldt 30 dagen.\n\n\
Verwachtte u deze uitnodiging niet, dan kunt u deze e-mail negeren: zonder uw bevestiging wordt er niets gekoppeld.\n",
            name = expert.name,
            by = actor.label,
        ),
    };
    store.invite_expert(&invitation, &mail, actor).await?;
    Ok(invitation)
}

/// Whether `user_id` is an active account with the expert role.
async fn is_expert_account(store: &dyn StoreRead, user_id: UserId) -> Result<Option<crate::store::User>> {
    let user = store.user(user_id).await?;
    let grants = store.grants_of_user(user_id).await?;
    Ok((user.active && grants.iter().any(|g| g.grant.role == RoleKind::Expert)).then_some(user))
}

/// The invitations the account `user_id` may confirm: none unless it is an active account with
/// the expert role; only live ones, to experts without an account.
pub async fn pending_for(store: &dyn StoreRead, user_id: UserId, now: i64) -> Result<Vec<PendingInvitation>> {
    let Some(user) = is_expert_account(store, user_id).await? else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for inv in store.expert_invitations_for(user.email.as_str()).await? {
        if !live(&inv, now) {
            continue;
        }
        match store.expert(inv.expert_id).await {
            Ok(e) if e.user_id.is_none() => out.push(PendingInvitation {
                expert_id: e.id,
                expert_name: e.name,
                invited_at: inv.invited_at,
                invited_by: inv.invited_by,
            }),
            Ok(_) | Err(StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(out)
}

/// The live invitation of expert `expert_id` for the expert account `user_id`, or `NotFound`
/// (one answer for "no invitation", "not yours", "expired" and "not an expert account").
async fn invitation_for(
    store: &dyn StoreRead,
    expert_id: ExpertId,
    user_id: UserId,
    now: i64,
) -> Result<(crate::store::User, ExpertInvitation)> {
    let Some(user) = is_expert_account(store, user_id).await? else { return Err(Error::NotFound) };
    match store.expert_invitation(expert_id).await? {
        Some(inv) if inv.email == user.email.key() && live(&inv, now) => Ok((user, inv)),
        _ => Err(Error::NotFound),
    }
}

/// Confirm: link expert `expert_id` to the account `user_id` (the invitation is used up).
pub async fn accept(
    store: &dyn Store,
    expert_id: ExpertId,
    user_id: UserId,
    actor: &Actor,
    now: i64,
) -> Result<ExpertRecord> {
    let (_, inv) = invitation_for(store, expert_id, user_id, now).await?;
    match store.expert_by_user(user_id).await {
        Ok(other) => {
            return Err(Error::field(
                FIELD,
                format!(
                    "Uw account is al gekoppeld aan expert \"{}\"; een account hoort bij één expert. Weiger deze uitnodiging of vraag de programmamedewerker die koppeling eerst op te heffen.",
                    other.name
                ),
            ));
        }
        Err(StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(store.accept_expert_invitation(expert_id, user_id, &inv.email, actor, now).await?)
}

/// Decline: the invitation is deleted, nothing is linked.
pub async fn decline(store: &dyn Store, expert_id: ExpertId, user_id: UserId, actor: &Actor, now: i64) -> Result<()> {
    let (_, inv) = invitation_for(store, expert_id, user_id, now).await?;
    Ok(store.decline_expert_invitation(expert_id, &inv.email, actor, now).await?)
}
