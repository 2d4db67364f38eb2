//! [`App`]'s use cases for linking an expert of the pool to an account by invitation
//! (implemented in [`crate::expert_invites`]).

use super::App;
use crate::error::Result;
use crate::expert_invites::{self, PendingInvitation};
use crate::store::{Actor, ExpertInvitation, ExpertRecord};
use koers_core::ids::{ExpertId, UserId};

impl App {
    /// Staff invite `email` to link its account to expert `expert_id` (mailed; the same answer
    /// for every address).
    pub async fn invite_expert(
        &self,
        expert_id: ExpertId,
        email: &str,
        base_url: &str,
        actor: &Actor,
        now: i64,
    ) -> Result<ExpertInvitation> {
        expert_invites::invite(self.store.as_ref(), expert_id, email, base_url, actor, now).await
    }

    /// The invitations account `user_id` may confirm (none unless it has the expert role).
    pub async fn expert_invitations_for(&self, user_id: UserId, now: i64) -> Result<Vec<PendingInvitation>> {
        expert_invites::pending_for(self.store.as_ref(), user_id, now).await
    }

    /// The invited expert account confirms: it becomes expert `expert_id`'s account.
    pub async fn accept_expert_invitation(
        &self,
        expert_id: ExpertId,
        user_id: UserId,
        actor: &Actor,
        now: i64,
    ) -> Result<ExpertRecord> {
        expert_invites::accept(self.store.as_ref(), expert_id, user_id, actor, now).await
    }

    /// The invited expert account declines; nothing is linked.
    pub async fn decline_expert_invitation(
        &self,
        expert_id: ExpertId,
        user_id: UserId,
        actor: &Actor,
        now: i64,
    ) -> Result<()> {
        expert_invites::decline(self.store.as_ref(), expert_id, user_id, actor, now).await
    }
}
