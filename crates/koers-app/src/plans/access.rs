//! Who may do what with a trajectory's plan (issue 8 §6): the rights are decided here, once,
//! for the pages, the API and the use cases alike.
//!
//! - see: the trajectory's expert, the school's leader, its board, staff of the programme,
//!   beheerders (`koers_core::access::may_see_case`) — nobody else;
//! - write (goals, indicators, measures, summaries, bijstelling): the expert, the school's
//!   leader (board track: the board's bestuurder), staff of the programme, beheerders;
//! - sign: as schoolleider the leader of the trajectory's school, as bestuurder a member of its
//!   board — personally, so a beheerder does not sign for them;
//! - move a phase by hand: staff of the programme and beheerders.

use crate::store::TrajectoryRecord;
use koers_core::access::{Principal, SchoolRef, may_see_case};
use koers_core::plan::Signer;

/// What one person may do with one trajectory's plan and phases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanRights {
    pub view: bool,
    pub edit: bool,
    /// The capacities this person may sign in.
    pub sign_as: Vec<Signer>,
    pub move_phase: bool,
    /// The trajectory's own expert (for "Wat moet ik nu doen?").
    pub is_expert: bool,
}

impl PlanRights {
    pub fn may_sign(&self, signer: Signer) -> bool {
        self.sign_as.contains(&signer)
    }
}

/// The rights of `p` on trajectory `t`, where `school` is its school (with the board the
/// register files it under) and `is_expert` says whether `p` is its assigned expert.
pub fn rights(p: &Principal, t: &TrajectoryRecord, school: Option<SchoolRef>, is_expert: bool) -> PlanRights {
    let staff = p.may_see_programme(&t.programme_id);
    let board = school.and_then(|s| s.board_number).or(t.board_number);
    let leads = school.is_some_and(|s| p.schools().any(|id| id == s.id));
    let on_board = board.is_some_and(|b| p.boards().any(|mine| mine == b));
    let view = is_expert || may_see_case(p, &t.programme_id, school, t.board_number);
    let board_track = school.is_none();
    let mut sign_as = Vec::new();
    if leads {
        sign_as.push(Signer::Schoolleider);
    }
    if on_board {
        sign_as.push(Signer::Bestuurder);
    }
    PlanRights {
        view,
        edit: t.active && (staff || is_expert || leads || (board_track && on_board)),
        sign_as: if t.active { sign_as } else { Vec::new() },
        move_phase: t.active && staff,
        is_expert,
    }
}
