//! The storage port of issue 8's filled-in formats: stored format versions (seeded from
//! `formats/*.toml`, edited by a beheerder), one form per trajectory and format (status concept →
//! ingediend → bevestigd, with the frozen baseline), answers per item with their own version,
//! threaded comments per item, klassenbezoeken and evidence uploads (bytes in the database), and
//! moving a trajectory's phase.
//!
//! Two traits, so this port grows without touching the big ones: [`FormsRead`] is a supertrait
//! of [`super::StoreRead`], [`FormsWrite`] of [`super::Store`]. Same conventions as the rest of
//! the store: `now` passed in, every write audited in its own transaction, stale versions are
//! [`StoreError::Conflict`](super::StoreError::Conflict).

use super::{Actor, StoreResult};
use async_trait::async_trait;
use koers_core::format::FormStatus;
use koers_core::ids::{CommentId, SelfEvaluationId, TrajectoryId, UploadId, UserId, VisitId};
use serde::{Deserialize, Serialize};

/// One stored version of a format: the TOML text as a beheerder wrote it (comments kept).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormatRecord {
    pub id: String,
    /// The `version` in the TOML; every version stays stored (a trajectory keeps its version).
    pub version: i64,
    pub title: String,
    pub definition_toml: String,
    pub created_at: i64,
    /// Who stored it (`koers (ingebouwd)` for a shipped version).
    pub created_by: String,
}

/// A new version of a format (or a new format).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormatWrite {
    pub id: String,
    pub version: i64,
    pub title: String,
    pub definition_toml: String,
    /// The newest version the editor saw: `None` for a new format (`Duplicate` when the id
    /// exists), `Some(v)` when `v` must still be the newest (`Conflict` otherwise).
    pub expected_latest: Option<i64>,
}

/// One filled-in format of a trajectory (phases naming the same format share it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelfEvaluationRecord {
    pub id: SelfEvaluationId,
    pub trajectory_id: TrajectoryId,
    pub format_id: String,
    /// The format version it started with; a newer version never changes it.
    pub format_version: i64,
    pub status: FormStatus,
    /// The frozen `FilledForm` (JSON) at submission: the baseline (0-meting).
    pub baseline_json: Option<String>,
    pub submitted_at: Option<i64>,
    pub submitted_by: Option<UserId>,
    pub confirmed_at: Option<i64>,
    pub confirmed_by: Option<UserId>,
    /// Bumped by a status change.
    pub version: i64,
    /// Bumped by every change to answers, flags, klassenbezoeken or uploads: submission names
    /// the revision it froze, so nothing saved in between is left out of the baseline.
    pub answers_rev: i64,
    pub created_at: i64,
}

/// The stored answer of one item (absent until first saved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerRecord {
    pub self_evaluation_id: SelfEvaluationId,
    pub item_id: String,
    /// `koers_core::format::Answer` as JSON; `None` when only the flag was saved.
    pub answer_json: Option<String>,
    /// `Some(note)` when flagged as verbeterpunt (the note may be empty).
    pub verbeterpunt: Option<String>,
    /// 1 after the first save; optimistic concurrency per item.
    pub version: i64,
    pub updated_at: i64,
    pub updated_by: Option<UserId>,
    pub updated_by_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerWrite {
    pub self_evaluation_id: SelfEvaluationId,
    pub item_id: String,
    pub answer_json: Option<String>,
    pub verbeterpunt: Option<String>,
    /// The version the person started from: 0 when the item had no saved answer yet.
    pub expected_version: i64,
}

/// A comment on an item (threaded by `parent_id`), visible to everyone who sees the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentRecord {
    pub id: CommentId,
    pub self_evaluation_id: SelfEvaluationId,
    pub item_id: String,
    pub parent_id: Option<CommentId>,
    pub author_user_id: Option<UserId>,
    pub author_label: String,
    /// `koers_core::access::case::CaseRole::code` of the author at the time.
    pub author_role: String,
    pub body: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewComment {
    pub self_evaluation_id: SelfEvaluationId,
    pub item_id: String,
    pub parent_id: Option<CommentId>,
    pub author_role: String,
    pub body: String,
}

/// A klassenbezoek on an observation item (`koers_core::format::answer::Visit` as JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitRecord {
    pub id: VisitId,
    pub self_evaluation_id: SelfEvaluationId,
    pub item_id: String,
    pub visit_json: String,
    pub author_user_id: Option<UserId>,
    pub author_label: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewVisit {
    pub self_evaluation_id: SelfEvaluationId,
    pub item_id: String,
    pub visit_json: String,
}

/// An evidence upload without its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadMeta {
    pub id: UploadId,
    pub self_evaluation_id: SelfEvaluationId,
    pub item_id: String,
    /// As uploaded; shown, never used as a path.
    pub file_name: String,
    /// `koers_core::format::FileKind::name`, found by content.
    pub kind: String,
    pub size_bytes: i64,
    pub uploaded_by: Option<UserId>,
    pub uploaded_by_label: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewUpload {
    pub self_evaluation_id: SelfEvaluationId,
    pub item_id: String,
    pub file_name: String,
    pub kind: String,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// A status change of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusWrite {
    pub id: SelfEvaluationId,
    pub expected_version: i64,
    /// Submission: the answers revision the baseline was built from.
    pub expected_answers_rev: Option<i64>,
    pub status: FormStatus,
    /// Submission: the frozen form.
    pub baseline_json: Option<String>,
    /// The phase move this status causes (the programme's phase completes on it), written in
    /// the same transaction; a stale trajectory refuses the whole write with `Conflict`.
    pub phase: Option<super::PhaseChange>,
}

#[async_trait]
pub trait FormsRead: Send + Sync {
    /// The newest version of every stored format, by id.
    async fn formats(&self) -> StoreResult<Vec<FormatRecord>>;
    /// Every stored version of one format, newest first (empty when unknown).
    async fn format_versions(&self, id: &str) -> StoreResult<Vec<FormatRecord>>;
    async fn format_version(&self, id: &str, version: i64) -> StoreResult<FormatRecord>;
    async fn self_evaluation(&self, id: SelfEvaluationId) -> StoreResult<SelfEvaluationRecord>;
    /// The forms of a trajectory, oldest first.
    async fn self_evaluations_of(&self, trajectory: TrajectoryId) -> StoreResult<Vec<SelfEvaluationRecord>>;
    /// The saved answers, by item id.
    async fn answers(&self, id: SelfEvaluationId) -> StoreResult<Vec<AnswerRecord>>;
    async fn answer(&self, id: SelfEvaluationId, item_id: &str) -> StoreResult<Option<AnswerRecord>>;
    /// Oldest first.
    async fn comments(&self, id: SelfEvaluationId) -> StoreResult<Vec<CommentRecord>>;
    /// Oldest first.
    async fn visits(&self, id: SelfEvaluationId) -> StoreResult<Vec<VisitRecord>>;
    /// Oldest first.
    async fn uploads(&self, id: SelfEvaluationId) -> StoreResult<Vec<UploadMeta>>;
    async fn upload_content(&self, id: UploadId) -> StoreResult<(UploadMeta, Vec<u8>)>;
}

#[async_trait]
pub trait FormsWrite: Send + Sync {
    /// Store a new format version; audited as `format`.
    async fn save_format(&self, f: &FormatWrite, actor: &Actor, now: i64) -> StoreResult<FormatRecord>;
    /// The form of `trajectory` for `format_id` at `format_version` (`Duplicate` when the
    /// trajectory has one for that format); audited.
    async fn create_self_evaluation(
        &self,
        trajectory: TrajectoryId,
        format_id: &str,
        format_version: i64,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<SelfEvaluationRecord>;
    /// Save one item: `Conflict` when its version moved on (someone saved in between), refused
    /// with `Conflict` too when the form is no longer a concept. Audited (before/after).
    async fn save_answer(&self, w: &AnswerWrite, actor: &Actor, now: i64) -> StoreResult<AnswerRecord>;
    /// Submit or confirm (version- and revision-checked), with the phase move it causes;
    /// audited.
    async fn set_self_evaluation_status(
        &self,
        w: &StatusWrite,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<SelfEvaluationRecord>;
    async fn add_comment(&self, c: &NewComment, actor: &Actor, now: i64) -> StoreResult<CommentRecord>;
    /// Only while the form is a concept (else `Conflict`).
    async fn add_visit(&self, v: &NewVisit, actor: &Actor, now: i64) -> StoreResult<VisitRecord>;
    /// Only while the form is a concept (else `Conflict`).
    async fn add_upload(&self, u: &NewUpload, actor: &Actor, now: i64) -> StoreResult<UploadMeta>;
    /// Only while the form is a concept (else `Conflict`).
    async fn remove_upload(&self, id: UploadId, actor: &Actor, now: i64) -> StoreResult<()>;
}
