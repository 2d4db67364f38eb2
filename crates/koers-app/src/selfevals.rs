//! Filling in a trajectory's formats (issue 8 §3): the zelfevaluatie, schoolscan, zelfanalyse or
//! review of one trajectory, per format its phases name. Who may do what is
//! [`koers_core::access::case`]; every write goes through a use case here (checked, audited).
//!
//! - [`formats`]: formats as data (seed, in force, a trajectory's version, a beheerder's edit);
//! - [`form`]: opening a form and everything a page shows of it ([`FormView`]);
//! - [`edit`]: answering an item (version per item), comments, klassenbezoeken, uploads;
//! - [`status`]: submit (frozen baseline), confirm, the phase move, the flagged verbeterpunten;
//! - [`team`]: the school leader invites the `schoolteam`.

pub mod edit;
pub mod form;
pub mod formats;
pub mod status;
pub mod team;

pub use form::{FormRef, FormView};

use crate::error::{Error, Result};
use crate::store::{StoreError, StoreRead, TrajectoryRecord};
use koers_core::access::case::{CaseFacts, CaseRole, case_role};
use koers_core::access::{Principal, SchoolRef};
use koers_core::ids::TrajectoryId;

/// A trajectory and the caller's place in it.
#[derive(Debug, Clone)]
pub struct Case {
    pub trajectory: TrajectoryRecord,
    pub role: CaseRole,
}

/// The trajectory `id` and `who`'s place in it; [`Error::Forbidden`] for anyone without one
/// (staff of another programme too), [`Error::NotFound`] for an unknown trajectory.
pub async fn case_of(read: &dyn StoreRead, who: &Principal, id: TrajectoryId) -> Result<Case> {
    let trajectory = read.trajectory(id).await?;
    let role = role_in(read, who, &trajectory).await?.ok_or(Error::Forbidden)?;
    Ok(Case { trajectory, role })
}

/// `who`'s place in trajectory `t`, if any.
pub async fn role_in(read: &dyn StoreRead, who: &Principal, t: &TrajectoryRecord) -> Result<Option<CaseRole>> {
    let school = match t.school_id {
        Some(id) => match read.school(id).await {
            Ok(s) => Some(SchoolRef { id, board_number: s.board_number.or(t.board_number) }),
            Err(StoreError::NotFound) => Some(SchoolRef { id, board_number: t.board_number }),
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let expert_user_id = match read.expert(t.expert_id).await {
        Ok(e) => e.user_id,
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let facts = CaseFacts { programme_id: &t.programme_id, school, board: t.board_number, expert_user_id };
    Ok(case_role(who, &facts))
}
