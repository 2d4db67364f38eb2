//! Records of the privacy (AVG) methods of the [`super::Store`] (issue 12).

use super::{
    AnswerRecord, ApplicationRecord, AuditEntry, CommentRecord, FormatRecord, OutboxMail, UploadMeta, VisitRecord,
};
use koers_core::ids::TrajectoryId;
use serde::{Deserialize, Serialize};

/// What the store holds about one person besides the account, grants, tokens and expert
/// record (which have their own methods).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonRecords {
    /// Applications they filed or are the contact person of.
    pub applications: Vec<ApplicationRecord>,
    /// Audit entries by them, about their account, or naming their e-mail address.
    pub audit: Vec<AuditEntry>,
    /// Login attempts with their e-mail address.
    pub login_attempts: Vec<LoginAttempt>,
    /// Mails to their e-mail address still in the outbox.
    pub mails: Vec<OutboxMail>,
    /// What they wrote inside trajectories (issue 8).
    #[serde(default)]
    pub trajectory_work: TrajectoryWork,
}

/// What a person wrote inside trajectories: form items they saved last, comments, klassenbezoeken
/// and uploads (the file's name and size; the bytes stay in the trajectory), plan versions they
/// signed, and format versions they stored as beheerder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrajectoryWork {
    pub answers: Vec<AnswerRecord>,
    pub comments: Vec<CommentRecord>,
    pub visits: Vec<VisitRecord>,
    pub uploads: Vec<UploadMeta>,
    pub plan_signatures: Vec<PlanSignatureRecord>,
    pub formats: Vec<FormatRecord>,
}

/// One signature of theirs under a plan version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSignatureRecord {
    pub trajectory_id: TrajectoryId,
    /// The plan version's number.
    pub number: u32,
    pub signature: koers_core::plan::Signature,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginAttempt {
    pub at: i64,
    pub success: bool,
}

/// What an erasure changed (counts only: the report holds no personal data).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureReport {
    /// Audit entries whose actor or before/after text now names the placeholder.
    pub audit_anonymised: u64,
    /// Applications whose contact person is now the placeholder.
    pub applications_anonymised: u64,
    pub experts_anonymised: u64,
    /// Rows of free text written by others (applications, mails to others) that named the
    /// person by e-mail address or full name and now name the placeholder.
    #[serde(default)]
    pub free_text_scrubbed: u64,
    pub grants_deleted: u64,
    pub tokens_deleted: u64,
    pub login_attempts_deleted: u64,
    pub mails_deleted: u64,
    /// Rows of a trajectory's forms and plans (answers, comments, klassenbezoeken, uploads,
    /// frozen baselines, plan versions, format versions) whose author or text named the person
    /// and now name the placeholder; the records themselves stay (a signed plan stays signed).
    #[serde(default)]
    pub trajectory_records_anonymised: u64,
}

/// How long operational records are kept (the daily prune).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionPolicy {
    /// Sessions are deleted this many days after they expired (0: at expiry).
    pub session_days: i64,
    pub login_attempt_days: i64,
    /// Sent mails are deleted this many days after sending; unsent mails are kept.
    pub sent_mail_days: i64,
    /// Account requests nobody confirmed (their link expired, or marked verlopen) and declined
    /// requests are deleted this many days after the link expired / the decision. Confirmed
    /// requests waiting for staff and approved ones (the account's origin) are kept.
    #[serde(default = "default_account_request_days")]
    pub account_request_days: i64,
}

fn default_account_request_days() -> i64 {
    30
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        Self {
            session_days: 0,
            login_attempt_days: 90,
            sent_mail_days: 180,
            account_request_days: default_account_request_days(),
        }
    }
}

/// What a prune deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PruneReport {
    pub sessions: u64,
    pub login_attempts: u64,
    pub mails: u64,
    /// Stale account requests (unconfirmed, expired or declined), see [`RetentionPolicy`].
    #[serde(default)]
    pub account_requests: u64,
}
