//! Records of the programme workflow (issue 4): stored programme definitions, applications,
//! board-approval links, experts, trajectories and the mail outbox.

use koers_core::ReferenceNumber;
use koers_core::ids::{ApplicationId, ApprovalLinkId, BoardNumber, ExpertId, MailId, SchoolId, TrajectoryId, UserId};
use koers_core::workflow::Status;
use serde::{Deserialize, Serialize};

/// A programme as stored: its definition is the TOML text `koers_core::programme` parses, so a
/// beheerder can add or change one without a code change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeDefinition {
    pub id: String,
    pub name: String,
    pub definition_toml: String,
    pub active: bool,
    pub version: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeWrite {
    pub id: String,
    pub name: String,
    pub definition_toml: String,
    pub active: bool,
    /// `None` to create; `Some(v)` to update version `v` (conflict when stale).
    pub expected_version: Option<i64>,
}

/// An application (aanmelding).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationRecord {
    pub id: ApplicationId,
    /// `KRS-2026-000123`: year of submission and a per-year sequence assigned by the store.
    pub reference: ReferenceNumber,
    pub programme_id: String,
    pub school_id: Option<SchoolId>,
    pub board_number: Option<BoardNumber>,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub help_question: String,
    /// JSON snapshot of the eligibility calculation carried over from the public check.
    pub eligibility_json: Option<String>,
    /// JSON of the programme-specific entry facts (qualitative answers, inspection history, …).
    pub entry_facts_json: Option<String>,
    /// JSON of `koers_core::workflow::Application` (the state machine's state).
    pub state_json: String,
    /// The state's status, duplicated in its own column for filtering.
    pub status: Status,
    pub submitted_by: Option<UserId>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewApplication {
    pub programme_id: String,
    pub school_id: Option<SchoolId>,
    pub board_number: Option<BoardNumber>,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub help_question: String,
    pub eligibility_json: Option<String>,
    pub entry_facts_json: Option<String>,
    pub state_json: String,
    pub status: Status,
    pub submitted_by: Option<UserId>,
}

/// A state change of an application (one transition of the state machine).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationStateWrite {
    pub expected_version: i64,
    pub state_json: String,
    pub status: Status,
    /// What happened, for the audit log (`board_approved`, `intake_planned`, …).
    pub action: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ApplicationFilter {
    pub programme_id: Option<String>,
    /// Only these programmes (a staff member's own), filtered in SQL so a page is full;
    /// `None` = every programme.
    pub programme_ids: Option<Vec<String>>,
    pub status: Option<Status>,
    pub school_id: Option<SchoolId>,
    pub board_number: Option<BoardNumber>,
    /// Case-insensitive substring of reference, contact name or help question.
    pub text: Option<String>,
    /// 0 = no limit.
    pub limit: i64,
    pub offset: i64,
}

/// A board-approval link: only the SHA-256 of the token is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApprovalLink {
    pub id: ApprovalLinkId,
    pub application_id: ApplicationId,
    pub board_number: BoardNumber,
    pub token_hash: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpertRecord {
    pub id: ExpertId,
    /// The expert's login, when they have one.
    pub user_id: Option<UserId>,
    pub name: String,
    pub email: String,
    pub expertise: Vec<String>,
    pub regions: Vec<String>,
    /// Per school year.
    pub capacity_trajectories: i64,
    pub capacity_dagdelen: i64,
    pub available: bool,
    pub version: i64,
    /// Programmes, sectors and standplaats (issue 10 §6); set with `set_expert_pool`, left as
    /// it is by `save_expert`.
    #[serde(default)]
    pub pool: ExpertPool,
}

/// Where an expert works: programmes and sectors (empty = all), standplaats and travel limit.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ExpertPool {
    /// Programme ids.
    pub programmes: Vec<String>,
    /// `po`, `gespecialiseerd`, `vo`, `bestuur`.
    pub sectors: Vec<String>,
    pub base_place: Option<String>,
    pub base_lat: Option<f64>,
    pub base_lon: Option<f64>,
    pub max_distance_km: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpertWrite {
    pub user_id: Option<UserId>,
    pub name: String,
    pub email: String,
    pub expertise: Vec<String>,
    pub regions: Vec<String>,
    pub capacity_trajectories: i64,
    pub capacity_dagdelen: i64,
    pub available: bool,
    /// `None` to create; `Some(v)` to update version `v`.
    pub expected_version: Option<i64>,
}

/// An expert's current load: active trajectories and their planned dagdelen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertLoad {
    pub expert_id: ExpertId,
    pub trajectories: i64,
    pub dagdelen: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrajectoryRecord {
    pub id: TrajectoryId,
    pub application_id: ApplicationId,
    pub programme_id: String,
    pub expert_id: ExpertId,
    pub school_id: Option<SchoolId>,
    pub board_number: Option<BoardNumber>,
    /// JSON list of phase names, in order.
    pub phases_json: String,
    pub current_phase: i64,
    pub dagdelen_planned: i64,
    pub active: bool,
    pub version: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewTrajectory {
    pub expert_id: ExpertId,
    pub phases_json: String,
    pub dagdelen_planned: i64,
}

/// Assign an expert: the application's transition and the new trajectory in one transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub application_id: ApplicationId,
    pub state: ApplicationStateWrite,
    pub trajectory: NewTrajectory,
    /// Set when staff overrode the expert's capacity; written into the audit entry.
    pub capacity_override: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TrajectoryFilter {
    pub expert_id: Option<ExpertId>,
    pub school_id: Option<SchoolId>,
    pub board_number: Option<BoardNumber>,
    pub programme_id: Option<String>,
    pub active_only: bool,
}

/// Submitting an application as one unit: the application, its approval link and its mails
/// commit together or not at all ([`super::Store::submit_application`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub application: NewApplication,
    /// The board-approval link (only the token's hash), when the programme asks for one.
    pub approval_link: Option<NewApprovalLink>,
    /// The mails, written once the reference number is known (`{reference}` in subject and body
    /// is replaced by it).
    pub mails: Vec<NewMail>,
    /// Inspectie verdicts the applicant declared in the form, stored `verklaard` (until staff
    /// confirm) in the same transaction.
    pub verdicts: Vec<super::NewVerdict>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewApprovalLink {
    pub board_number: BoardNumber,
    pub token_hash: String,
    pub expires_at: i64,
}

/// The placeholder in a [`Submission`]'s mails for the reference number the store assigns.
pub const REFERENCE_PLACEHOLDER: &str = "{reference}";

impl NewMail {
    /// This mail with `{reference}` replaced.
    pub fn with_reference(&self, reference: &str) -> NewMail {
        NewMail {
            to_address: self.to_address.clone(),
            subject: self.subject.replace(REFERENCE_PLACEHOLDER, reference),
            body_text: self.body_text.replace(REFERENCE_PLACEHOLDER, reference),
        }
    }
}

/// A mail in the outbox (every mail goes through it; a sender delivers and marks it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxMail {
    pub id: MailId,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub attempts: i64,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewMail {
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
}
