//! Records of the invitation that links an expert of the pool to an account (issue 11 item 7).

use koers_core::ids::ExpertId;
use serde::{Deserialize, Serialize};

/// A pending invitation: the account with `email` (lower-cased) and the expert role may link
/// itself to expert `expert_id`. One per expert; a new one replaces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertInvitation {
    pub expert_id: ExpertId,
    pub email: String,
    pub invited_at: i64,
    /// Who invited (the actor's label), shown to the invited expert.
    pub invited_by: String,
}
