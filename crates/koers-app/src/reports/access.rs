//! Who may read which report. Every report of a trajectory is for whoever may see its plan
//! ([`crate::plans::access`]: the expert, the school's leader, its board, staff of the
//! programme, beheerders). The voortgangsrapportage for the **Inspectie** leaves the school only
//! once released: before that only the school's leader and the trajectory's expert (who prepares
//! it) see the concept; the board, programme staff and beheerders see the released version only.
//! Releasing is the school leader's, personally.

use crate::plans::PlanCase;
use koers_core::access::Principal;

/// What one person may do with a trajectory's reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportRights {
    /// Inside the school: may read the Inspectie report before it is released.
    pub inside_school: bool,
    /// May release the Inspectie report (the school's leader).
    pub release: bool,
}

/// The rights of `p` on `case`'s reports (the case was loaded for `p`, so `p` may see the plan).
pub fn rights(p: &Principal, case: &PlanCase) -> ReportRights {
    let leads = case.trajectory.school_id.is_some_and(|s| p.schools().any(|id| id == s));
    ReportRights { inside_school: leads || case.rights.is_expert, release: leads }
}
