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
    pub expert_id: Option<i64>,
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
