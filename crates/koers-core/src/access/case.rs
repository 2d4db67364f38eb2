//! Who does what inside one trajectory (issue 8 §6): the trajectory's expert, the participant
//! (the school's leader and team; in a board trajectory the bestuurder), the school's board
//! (read only), the staff of the trajectory's programme and beheerders. Everyone else: nothing —
//! staff of another programme too.
//!
//! [`case_role`] places a principal; the `may_*` functions say what that place allows on a
//! filled-in format (zelfevaluatie, schoolscan, zelfanalyse, review).

use super::{Principal, SchoolRef};
use crate::format::Filler;
use crate::ids::{BoardNumber, UserId};
use serde::Serialize;

/// The facts of a trajectory that decide access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseFacts<'a> {
    pub programme_id: &'a str,
    /// The school of a school trajectory (with its board), `None` for a board trajectory.
    pub school: Option<SchoolRef>,
    /// The board of a board trajectory (or the school's board as recorded on the trajectory).
    pub board: Option<BoardNumber>,
    /// The user account of the trajectory's expert, when it has one.
    pub expert_user_id: Option<UserId>,
}

/// A principal's place in one trajectory, most capable first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseRole {
    /// The trajectory's own expert (adviseur, procesbegeleider).
    Expert,
    /// The school's leader, or in a board trajectory the bestuurder: fills in, submits.
    Lead,
    /// A member of the school's team: fills in, does not submit.
    Team,
    /// Staff of the trajectory's programme: reads, comments, confirms.
    Staff,
    /// A beheerder: reads everything.
    Beheerder,
    /// The board of a school trajectory: reads.
    Board,
}

impl CaseRole {
    /// The participant's side (school or, in a board trajectory, the bestuur).
    pub fn is_participant(self) -> bool {
        matches!(self, CaseRole::Lead | CaseRole::Team)
    }

    pub fn code(self) -> &'static str {
        match self {
            CaseRole::Expert => "expert",
            CaseRole::Lead => "lead",
            CaseRole::Team => "team",
            CaseRole::Staff => "staff",
            CaseRole::Beheerder => "beheerder",
            CaseRole::Board => "board",
        }
    }
}

/// The place of `p` in the trajectory described by `facts`; `None`: no access at all.
pub fn case_role(p: &Principal, facts: &CaseFacts<'_>) -> Option<CaseRole> {
    if facts.expert_user_id == Some(p.user_id) {
        return Some(CaseRole::Expert);
    }
    let on_board = |n: Option<BoardNumber>| n.is_some_and(|b| p.boards().any(|mine| mine == b));
    match facts.school {
        Some(s) => {
            if p.schools().any(|id| id == s.id) {
                return Some(CaseRole::Lead);
            }
            if p.team_schools().any(|id| id == s.id) {
                return Some(CaseRole::Team);
            }
        }
        None => {
            if on_board(facts.board) {
                return Some(CaseRole::Lead);
            }
        }
    }
    if p.grants.iter().any(|g| {
        g.role == super::RoleKind::Programmamedewerker
            && matches!(&g.scope, super::Scope::Programme(id) if id == facts.programme_id)
    }) {
        return Some(CaseRole::Staff);
    }
    if p.is_beheerder() {
        return Some(CaseRole::Beheerder);
    }
    match facts.school {
        Some(s) if on_board(s.board_number.or(facts.board)) => Some(CaseRole::Board),
        _ => None,
    }
}

/// May this role write items of a section filled in by `filler`?
pub fn may_fill(role: CaseRole, filler: Filler) -> bool {
    match filler {
        Filler::School => role.is_participant(),
        Filler::Expert => role == CaseRole::Expert,
        Filler::Together => role.is_participant() || role == CaseRole::Expert,
    }
}

/// May this role submit a form whose format is filled in by `filler`? The participant's lead
/// submits what the school fills in; the expert submits what the expert fills in.
pub fn may_submit(role: CaseRole, filler: Filler) -> bool {
    match filler {
        Filler::Expert => role == CaseRole::Expert,
        Filler::School | Filler::Together => role == CaseRole::Lead,
    }
}

/// May this role confirm a submitted form (the 0-meting)? The expert, or staff of the programme.
pub fn may_confirm(role: CaseRole) -> bool {
    matches!(role, CaseRole::Expert | CaseRole::Staff)
}

/// May this role comment on an item? The expert, the participant and the programme's staff.
pub fn may_comment(role: CaseRole) -> bool {
    matches!(role, CaseRole::Expert | CaseRole::Lead | CaseRole::Team | CaseRole::Staff)
}

/// May this role add a klassenbezoek? The expert and the participant.
pub fn may_observe(role: CaseRole) -> bool {
    matches!(role, CaseRole::Expert | CaseRole::Lead | CaseRole::Team)
}

#[cfg(test)]
mod tests {
    use super::super::{Grant, RoleKind, Scope};
    use super::*;
    use crate::ids::SchoolId;

    fn p(user_id: i64, grants: &[(RoleKind, Scope)]) -> Principal {
        Principal {
            user_id: UserId::new(user_id),
            grants: grants.iter().map(|(r, s)| Grant::new(*r, s.clone()).unwrap_or_else(|e| panic!("{e}"))).collect(),
        }
    }

    const SCHOOL: CaseFacts<'static> = CaseFacts {
        programme_id: "gwgb-plus-school",
        school: Some(SchoolRef { id: SchoolId::new(10), board_number: Some(BoardNumber::new(41646)) }),
        board: Some(BoardNumber::new(41646)),
        expert_user_id: Some(UserId::new(7)),
    };
    const BOARD: CaseFacts<'static> = CaseFacts {
        programme_id: "gwgb-plus-bestuur",
        school: None,
        board: Some(BoardNumber::new(41646)),
        expert_user_id: Some(UserId::new(7)),
    };

    #[test]
    fn every_role_finds_its_place_in_a_school_trajectory() {
        let cases = [
            (p(7, &[(RoleKind::Expert, Scope::Programme("gwgb-plus-school".into()))]), Some(CaseRole::Expert)),
            (p(8, &[(RoleKind::Expert, Scope::Programme("gwgb-plus-school".into()))]), None),
            (p(2, &[(RoleKind::Schoolleider, Scope::School(SchoolId::new(10)))]), Some(CaseRole::Lead)),
            (p(2, &[(RoleKind::Schoolleider, Scope::School(SchoolId::new(11)))]), None),
            (p(3, &[(RoleKind::Schoolteam, Scope::School(SchoolId::new(10)))]), Some(CaseRole::Team)),
            (p(3, &[(RoleKind::Schoolteam, Scope::School(SchoolId::new(11)))]), None),
            (p(4, &[(RoleKind::Bestuurder, Scope::Board(BoardNumber::new(41646)))]), Some(CaseRole::Board)),
            (p(4, &[(RoleKind::Bestuurder, Scope::Board(BoardNumber::new(1)))]), None),
            (
                p(5, &[(RoleKind::Programmamedewerker, Scope::Programme("gwgb-plus-school".into()))]),
                Some(CaseRole::Staff),
            ),
            (p(5, &[(RoleKind::Programmamedewerker, Scope::Programme("leren-verbeteren-npo".into()))]), None),
            (p(6, &[(RoleKind::Beheerder, Scope::Global)]), Some(CaseRole::Beheerder)),
            (p(9, &[]), None),
        ];
        for (who, expected) in cases {
            assert_eq!(case_role(&who, &SCHOOL), expected, "{who:?}");
        }
    }

    #[test]
    fn in_a_board_trajectory_the_bestuurder_is_the_participant() {
        let board = p(4, &[(RoleKind::Bestuurder, Scope::Board(BoardNumber::new(41646)))]);
        assert_eq!(case_role(&board, &BOARD), Some(CaseRole::Lead));
        let leader = p(2, &[(RoleKind::Schoolleider, Scope::School(SchoolId::new(10)))]);
        assert_eq!(case_role(&leader, &BOARD), None);
    }

    #[test]
    fn who_fills_submits_confirms_and_comments() {
        assert!(may_fill(CaseRole::Team, Filler::School));
        assert!(!may_fill(CaseRole::Expert, Filler::School));
        assert!(may_fill(CaseRole::Expert, Filler::Together));
        assert!(!may_fill(CaseRole::Lead, Filler::Expert));
        for read_only in [CaseRole::Staff, CaseRole::Beheerder, CaseRole::Board] {
            for f in [Filler::School, Filler::Expert, Filler::Together] {
                assert!(!may_fill(read_only, f), "{read_only:?} {f:?}");
            }
            assert!(!may_observe(read_only) || read_only == CaseRole::Staff);
        }
        assert!(may_submit(CaseRole::Lead, Filler::School));
        assert!(!may_submit(CaseRole::Team, Filler::School));
        assert!(may_submit(CaseRole::Expert, Filler::Expert));
        assert!(!may_submit(CaseRole::Expert, Filler::Together));
        assert!(may_confirm(CaseRole::Expert) && may_confirm(CaseRole::Staff) && !may_confirm(CaseRole::Lead));
        assert!(may_comment(CaseRole::Team) && !may_comment(CaseRole::Board) && !may_comment(CaseRole::Beheerder));
    }
}
