//! The life of an application (aanmelding → bestuur → kennismaking → expert), as a state machine
//! of pure functions: [`transition`] takes the current state and a command and returns the new
//! state plus the events that happened, or a Dutch explanation of why the command is impossible
//! now (PRODUCT journeys 2–4, DOMAIN §2–4).
//!
//! ```text
//! Ingediend ──(bestuur nodig)──► WachtOpBestuur ──goedkeuren──► Goedgekeurd
//!     │                               └──afwijzen──► AfgewezenDoorBestuur (eind)
//!     └──(geen bestuur nodig)───────────────────────► Goedgekeurd
//! Goedgekeurd ──plan──► KennismakingGepland ──verslag──► KennismakingGehouden
//! KennismakingGehouden ──definitief──► Definitief ──expert──► Gekoppeld (eind)
//!                      ├─doorverwijzen─► Doorverwezen (eind)
//!                      └─afwijzen──────► Afgewezen (eind)
//! elke niet-eindstand ──intrekken──► Ingetrokken (eind)
//! ```
//! A planned inspection visit or a herstelopdracht found at the kennismaking blocks
//! "definitief": such a school belongs in the regular GWGB programme (refer).

mod command;
#[cfg(test)]
mod tests;

pub use command::{Command, Event, Intake, IntakePlan, TransitionError};

use crate::ids::ExpertId;
use serde::{Deserialize, Serialize};

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ingediend,
    WachtOpBestuur,
    AfgewezenDoorBestuur,
    Goedgekeurd,
    KennismakingGepland,
    KennismakingGehouden,
    Definitief,
    Doorverwezen,
    Afgewezen,
    Gekoppeld,
    Ingetrokken,
}

impl Status {
    pub const ALL: [Status; 11] = [
        Status::Ingediend,
        Status::WachtOpBestuur,
        Status::AfgewezenDoorBestuur,
        Status::Goedgekeurd,
        Status::KennismakingGepland,
        Status::KennismakingGehouden,
        Status::Definitief,
        Status::Doorverwezen,
        Status::Afgewezen,
        Status::Gekoppeld,
        Status::Ingetrokken,
    ];

    /// Dutch label for the applicant and staff.
    pub fn label_nl(self) -> &'static str {
        match self {
            Status::Ingediend => "ingediend",
            Status::WachtOpBestuur => "wacht op goedkeuring van het bestuur",
            Status::AfgewezenDoorBestuur => "niet goedgekeurd door het bestuur",
            Status::Goedgekeurd => "goedgekeurd door het bestuur; kennismaking nog te plannen",
            Status::KennismakingGepland => "kennismaking gepland",
            Status::KennismakingGehouden => "kennismaking gehouden; besluit volgt",
            Status::Definitief => "definitief; expert wordt gezocht",
            Status::Doorverwezen => "doorverwezen",
            Status::Afgewezen => "afgewezen",
            Status::Gekoppeld => "gekoppeld aan een expert",
            Status::Ingetrokken => "ingetrokken",
        }
    }

    /// The stored code (`kennismaking_gepland`), the same as the serde name.
    pub fn code(self) -> &'static str {
        match self {
            Status::Ingediend => "ingediend",
            Status::WachtOpBestuur => "wacht_op_bestuur",
            Status::AfgewezenDoorBestuur => "afgewezen_door_bestuur",
            Status::Goedgekeurd => "goedgekeurd",
            Status::KennismakingGepland => "kennismaking_gepland",
            Status::KennismakingGehouden => "kennismaking_gehouden",
            Status::Definitief => "definitief",
            Status::Doorverwezen => "doorverwezen",
            Status::Afgewezen => "afgewezen",
            Status::Gekoppeld => "gekoppeld",
            Status::Ingetrokken => "ingetrokken",
        }
    }

    /// The status with this stored code; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The steps a person may take at this status (the transitions of [`transition`] that do
    /// not depend on what is typed). Pages show exactly these actions.
    pub fn allowed(self) -> &'static [Step] {
        use Status as S;
        match self {
            S::WachtOpBestuur => &[Step::BoardDecide, Step::Withdraw],
            S::Goedgekeurd => &[Step::PlanIntake, Step::Decline, Step::Withdraw],
            S::KennismakingGepland => &[Step::PlanIntake, Step::RecordIntake, Step::Decline, Step::Withdraw],
            S::KennismakingGehouden => {
                &[Step::RecordIntake, Step::MakeDefinitive, Step::Refer, Step::Decline, Step::Withdraw]
            }
            S::Definitief => &[Step::AssignExpert, Step::Withdraw],
            S::Ingediend => &[Step::Withdraw],
            S::AfgewezenDoorBestuur | S::Doorverwezen | S::Afgewezen | S::Gekoppeld | S::Ingetrokken => &[],
        }
    }

    /// Whether `step` is among [`Status::allowed`].
    pub fn allows(self, step: Step) -> bool {
        self.allowed().contains(&step)
    }

    /// No command changes a final status.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::AfgewezenDoorBestuur
                | Status::Doorverwezen
                | Status::Afgewezen
                | Status::Gekoppeld
                | Status::Ingetrokken
        )
    }
}

/// A kind of step, without its data: what [`Status::allowed`] lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    BoardDecide,
    PlanIntake,
    RecordIntake,
    MakeDefinitive,
    Refer,
    Decline,
    AssignExpert,
    Withdraw,
}

impl Command {
    /// The kind of step this command is (`None` for the internal `Route`).
    pub fn step(&self) -> Option<Step> {
        Some(match self {
            Command::Route => return None,
            Command::BoardApprove | Command::BoardDecline { .. } | Command::ApproveForBoard { .. } => Step::BoardDecide,
            Command::PlanIntake(_) => Step::PlanIntake,
            Command::RecordIntake(_) => Step::RecordIntake,
            Command::MakeDefinitive => Step::MakeDefinitive,
            Command::Refer { .. } => Step::Refer,
            Command::Decline { .. } => Step::Decline,
            Command::AssignExpert { .. } => Step::AssignExpert,
            Command::Withdraw { .. } => Step::Withdraw,
        })
    }
}

/// The state the machine needs besides the status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub status: Status,
    /// Whether this programme asks the board to approve participation.
    pub needs_board_approval: bool,
    pub intake_plan: Option<IntakePlan>,
    pub intake: Option<Intake>,
    /// The reason given with a decline, referral or withdrawal (shown to the applicant).
    pub reason: Option<String>,
    pub expert_id: Option<ExpertId>,
}

impl Application {
    /// A freshly submitted application.
    pub fn submitted(needs_board_approval: bool) -> Self {
        Self {
            status: Status::Ingediend,
            needs_board_approval,
            intake_plan: None,
            intake: None,
            reason: None,
            expert_id: None,
        }
    }
}

/// Apply `cmd` to `app`: the new state and what happened, or why not.
pub fn transition(app: &Application, cmd: &Command) -> Result<(Application, Vec<Event>), TransitionError> {
    command::apply(app, cmd)
}
