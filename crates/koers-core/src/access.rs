//! Who may see or change what (PRODUCT "Roles and what each may see"). Pure functions over a
//! principal's grants; the web layer asks [`may`] on every route and the authorization matrix
//! test walks every route × role.

use crate::ids::{BoardNumber, SchoolId, UserId};
use serde::{Deserialize, Serialize};

/// The six roles. `Schoolteam` (issue 8): a staff member of a school, invited by its school
/// leader, who fills in the school's zelfevaluatie and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleKind {
    Beheerder,
    Programmamedewerker,
    Expert,
    Schoolleider,
    Bestuurder,
    Schoolteam,
}

impl RoleKind {
    pub const ALL: [RoleKind; 6] = [
        RoleKind::Beheerder,
        RoleKind::Programmamedewerker,
        RoleKind::Expert,
        RoleKind::Schoolleider,
        RoleKind::Bestuurder,
        RoleKind::Schoolteam,
    ];

    /// Stable code used in the database and URLs.
    pub fn code(self) -> &'static str {
        match self {
            RoleKind::Beheerder => "beheerder",
            RoleKind::Programmamedewerker => "programmamedewerker",
            RoleKind::Expert => "expert",
            RoleKind::Schoolleider => "schoolleider",
            RoleKind::Bestuurder => "bestuurder",
            RoleKind::Schoolteam => "schoolteam",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == s.trim())
    }

    /// Dutch label for the UI.
    pub fn label_nl(self) -> &'static str {
        match self {
            RoleKind::Beheerder => "Beheerder",
            RoleKind::Programmamedewerker => "Programmamedewerker",
            RoleKind::Expert => "Expert",
            RoleKind::Schoolleider => "Schoolleider",
            RoleKind::Bestuurder => "Bestuurder",
            RoleKind::Schoolteam => "Schoolteam",
        }
    }

    /// The scope kind a grant of this role must have.
    pub fn scope_kind(self) -> ScopeKind {
        match self {
            RoleKind::Beheerder => ScopeKind::Global,
            RoleKind::Programmamedewerker | RoleKind::Expert => ScopeKind::Programme,
            RoleKind::Schoolleider | RoleKind::Schoolteam => ScopeKind::School,
            RoleKind::Bestuurder => ScopeKind::Board,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    Global,
    Programme,
    School,
    Board,
}

/// What a grant is scoped to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Scope {
    Global,
    /// A programme by its id (`gwgb-plus-school`).
    Programme(String),
    /// A school by Koers' school id.
    School(SchoolId),
    /// A board by its bevoegd-gezagnummer.
    Board(BoardNumber),
}

impl Scope {
    pub fn kind(&self) -> ScopeKind {
        match self {
            Scope::Global => ScopeKind::Global,
            Scope::Programme(_) => ScopeKind::Programme,
            Scope::School(_) => ScopeKind::School,
            Scope::Board(_) => ScopeKind::Board,
        }
    }
}

/// One role on one scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Grant {
    pub role: RoleKind,
    pub scope: Scope,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GrantError {
    #[error("de rol {role} hoort bij een {expected}, niet bij een {given}")]
    ScopeMismatch { role: &'static str, expected: &'static str, given: &'static str },
}

fn scope_label(k: ScopeKind) -> &'static str {
    match k {
        ScopeKind::Global => "hele installatie",
        ScopeKind::Programme => "programma",
        ScopeKind::School => "school",
        ScopeKind::Board => "bestuur",
    }
}

impl Grant {
    pub fn new(role: RoleKind, scope: Scope) -> Result<Self, GrantError> {
        if role.scope_kind() != scope.kind() {
            return Err(GrantError::ScopeMismatch {
                role: role.label_nl(),
                expected: scope_label(role.scope_kind()),
                given: scope_label(scope.kind()),
            });
        }
        Ok(Self { role, scope })
    }
}

/// A logged-in user as far as authorization is concerned.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Principal {
    pub user_id: UserId,
    pub grants: Vec<Grant>,
}

/// A school as far as authorization is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchoolRef {
    pub id: SchoolId,
    pub board_number: Option<BoardNumber>,
}

/// Everything a route can ask about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// Public open data: school pages, results, the eligibility check.
    PublicData,
    /// A school's own (non-public) page: register edits, its audit trail, later its trajectory.
    School(SchoolRef),
    /// A board's own page: its schools and what they do.
    Board(BoardNumber),
    /// Proactive screening lists of a programme (all schools in its band).
    ProgrammeScreening,
    /// User accounts and grants.
    Users,
    /// Imports into the register.
    Import,
    /// The audit log.
    Audit,
    /// The API tokens of the principal itself.
    OwnTokens,
    /// Applications of the programmes: the kennismaking inbox, decisions, matching, exports.
    Applications,
    /// The expert pool (profiles and capacity).
    Experts,
    /// Programme definitions (entry rules, phases, budgets).
    Programmes,
    /// Inspectie verdicts of a school or a board: viewing as the school's or board's own page;
    /// changing = recording one (staff: vastgesteld) or declaring one (the school's leader or
    /// its board: verklaard).
    Verdicts(VerdictsOf),
    /// Confirming a declared verdict, or recording one as vastgesteld: programme staff.
    ConfirmVerdicts,
    /// Account requests from the public site (issue 10 §5): seeing and deciding them is for
    /// programme staff of any programme (a request is about a school or board, not a programme).
    AccountRequests,
}

/// Whose verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictsOf {
    School(SchoolRef),
    Board(BoardNumber),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    View,
    Change,
}

impl Principal {
    pub fn has_role(&self, role: RoleKind) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }
    pub fn is_beheerder(&self) -> bool {
        self.has_role(RoleKind::Beheerder)
    }
    /// School ids this principal leads.
    pub fn schools(&self) -> impl Iterator<Item = SchoolId> + '_ {
        self.grants.iter().filter_map(|g| match g.scope {
            Scope::School(id) if g.role == RoleKind::Schoolleider => Some(id),
            _ => None,
        })
    }
    /// School ids whose team this principal is in (the `schoolteam` role).
    pub fn team_schools(&self) -> impl Iterator<Item = SchoolId> + '_ {
        self.grants.iter().filter_map(|g| match g.scope {
            Scope::School(id) if g.role == RoleKind::Schoolteam => Some(id),
            _ => None,
        })
    }
    /// Board numbers this principal sits on.
    pub fn boards(&self) -> impl Iterator<Item = BoardNumber> + '_ {
        self.grants.iter().filter_map(|g| match g.scope {
            Scope::Board(n) if g.role == RoleKind::Bestuurder => Some(n),
            _ => None,
        })
    }
    /// May this principal see the applications and trajectories of programme `id`? Beheerders
    /// see all; programme staff only their own programmes.
    pub fn may_see_programme(&self, id: &str) -> bool {
        self.is_beheerder()
            || self
                .grants
                .iter()
                .any(|g| g.role == RoleKind::Programmamedewerker && matches!(&g.scope, Scope::Programme(p) if p == id))
    }

    /// The programmes whose applications and trajectories this principal may see: `None` for
    /// all (beheerders), else the programmes of their programme-staff grants (maybe none).
    pub fn visible_programmes(&self) -> Option<Vec<String>> {
        if self.is_beheerder() {
            return None;
        }
        let mut ids: Vec<String> = self
            .grants
            .iter()
            .filter(|g| g.role == RoleKind::Programmamedewerker)
            .filter_map(|g| match &g.scope {
                Scope::Programme(p) => Some(p.clone()),
                _ => None,
            })
            .collect();
        ids.sort();
        ids.dedup();
        Some(ids)
    }

    /// The role whose home page this user sees first (most powerful first).
    pub fn primary_role(&self) -> Option<RoleKind> {
        self.grants.iter().map(|g| g.role).min()
    }
}

/// May `p` see an application or trajectory of programme `programme_id` for `school` (or, for
/// a board's own application without a school, `board`)? Beheerders and the staff of *that*
/// programme; the school's leader and the school's board (their own case). Staff of another
/// programme may view schools in general, but not another programme's cases (help question,
/// contact person, expert).
pub fn may_see_case(p: &Principal, programme_id: &str, school: Option<SchoolRef>, board: Option<BoardNumber>) -> bool {
    if p.may_see_programme(programme_id) {
        return true;
    }
    let on_board = |n: Option<BoardNumber>| n.is_some_and(|b| p.boards().any(|mine| mine == b));
    match school {
        Some(s) => p.schools().any(|id| id == s.id) || on_board(s.board_number.or(board)),
        None => on_board(board),
    }
}

/// May `who` (None = anonymous) do `action` on `resource`?
pub fn may(who: Option<&Principal>, action: Action, resource: Resource) -> bool {
    if resource == Resource::PublicData && action == Action::View {
        return true;
    }
    let Some(p) = who else { return false };
    if p.is_beheerder() {
        return true;
    }
    match resource {
        Resource::PublicData => false,
        Resource::School(s) => {
            p.schools().any(|id| id == s.id)
                || s.board_number.is_some_and(|b| p.boards().any(|n| n == b))
                || (action == Action::View && p.has_role(RoleKind::Programmamedewerker))
        }
        Resource::Board(n) => {
            p.boards().any(|b| b == n) || (action == Action::View && p.has_role(RoleKind::Programmamedewerker))
        }
        Resource::ProgrammeScreening => action == Action::View && p.has_role(RoleKind::Programmamedewerker),
        Resource::Applications | Resource::Experts => p.has_role(RoleKind::Programmamedewerker),
        Resource::Verdicts(of) => {
            let own = match of {
                VerdictsOf::School(s) => may(who, action, Resource::School(s)),
                VerdictsOf::Board(n) => may(who, action, Resource::Board(n)),
            };
            own || p.has_role(RoleKind::Programmamedewerker)
        }
        Resource::ConfirmVerdicts | Resource::AccountRequests => p.has_role(RoleKind::Programmamedewerker),
        Resource::Users | Resource::Import | Resource::Audit | Resource::Programmes => false,
        Resource::OwnTokens => true,
    }
}

pub mod case;
#[cfg(test)]
mod tests;
