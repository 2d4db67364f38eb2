// Over ~400 lines on purpose: the storage port's one trait pair; newer features already add their
// own supertraits in store/*_model.rs, and the remaining methods belong to this trait.
//! The storage port: everything Koers keeps, behind one trait implemented by
//! `koers-store-sqlite` (the embedded default) and `koers-store-pg`. One conformance suite in
//! `koers-testkit` runs against both.
//!
//! Conventions (the same on both backends):
//! - ids are `i64` in the database (`INTEGER PRIMARY KEY` / `BIGINT GENERATED … AS IDENTITY`)
//!   and newtypes here (`koers_core::ids`: `SchoolId`, `UserId`, …); the stores convert at
//!   their edge (`From<i64>` / `.get()`);
//! - times are Unix seconds (`i64`); the app passes "now" in, stores never read a clock;
//! - everything two people can edit has a `version`; an update with a stale version fails with
//!   [`StoreError::Conflict`] and changes nothing;
//! - every change writes an [`AuditEntry`] in the same transaction (who, what, when,
//!   before/after as JSON).

mod access_model;
mod audit_model;
mod board_request_model;
mod dagdelen_model;
mod external_model;
mod forms_model;
mod import_model;
mod invite_model;
mod model;
mod ops_model;
mod plan_model;
mod privacy_model;
mod report_model;
mod verdict_model;
mod voortgang_model;
mod workflow_model;

pub use access_model::*;
pub use audit_model::*;
pub use board_request_model::*;
pub use dagdelen_model::*;
pub use external_model::*;
pub use forms_model::*;
pub use import_model::*;
pub use invite_model::*;
pub use model::*;
pub use ops_model::*;
pub use plan_model::*;
pub use privacy_model::*;
pub use report_model::*;
pub use verdict_model::*;
pub use voortgang_model::*;
pub use workflow_model::*;

use async_trait::async_trait;
use koers_core::ids::{
    ApiTokenId, ApplicationId, ApprovalLinkId, BoardNumber, ExpertId, GrantId, ImportRunId, MailId, SchoolId,
    TrajectoryId, UserId, VerdictId,
};

/// Storage errors. Display texts are Dutch where a user may see them.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("niet gevonden")]
    NotFound,
    #[error(
        "iemand anders heeft dit intussen gewijzigd; laad de pagina opnieuw (versie {expected} verwacht, {actual} gevonden)"
    )]
    Conflict { expected: i64, actual: i64 },
    /// The change would leave no active beheerder (checked inside the write's transaction).
    #[error("{}", crate::error::LAST_BEHEERDER)]
    LastBeheerder,
    #[error("bestaat al: {0}")]
    Duplicate(String),
    #[error("databasefout: {0}")]
    Backend(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// How many import runs (with their rejected rows) the store keeps.
pub const KEPT_IMPORT_RUNS: i64 = 20;

/// Who makes a change, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<UserId>,
    /// E-mail address of the user, or a system label such as `koers import (cli)`.
    pub label: String,
}

impl Actor {
    pub fn system(label: &str) -> Self {
        Self { user_id: None, label: label.to_owned() }
    }
}

/// What can be read: every page and report. koers-web gets only this (through
/// `koers_app::App::read`), so it cannot change anything behind the use cases' back.
#[async_trait]
pub trait StoreRead:
    AccessRead
    + BoardRequestRead
    + FormsRead
    + DagdelenRead
    + PlanRead
    + VoortgangRead
    + ReportRead
    + Send
    + Sync
    + std::fmt::Debug
{
    /// Which backend (`sqlite` / `postgres`), for logs and `/health`.
    fn backend(&self) -> &'static str;
    async fn board(&self, number: BoardNumber) -> StoreResult<Board>;
    /// All schools (for import diffs); ordered by ovt.
    async fn all_schools(&self) -> StoreResult<Vec<School>>;
    async fn school(&self, id: SchoolId) -> StoreResult<School>;
    async fn school_by_ovt(&self, ovt: &str) -> StoreResult<School>;
    /// Schools whose name, BRIN, ovt or place contains `query` (case-insensitive), best
    /// matches first: exact BRIN/ovt, then name prefix, then the rest by name. At most `limit`.
    async fn search_schools(&self, query: &str, limit: i64) -> StoreResult<Vec<School>>;
    async fn schools_of_board(&self, board_number: BoardNumber) -> StoreResult<Vec<School>>;
    async fn results_of_school(&self, school_id: SchoolId) -> StoreResult<Vec<ResultYear>>;
    async fn published_of_school(&self, school_id: SchoolId) -> StoreResult<Option<PublishedThreeYear>>;
    /// Every stored result year of every school (bulk read for programme-wide screening).
    async fn all_results(&self) -> StoreResult<Vec<ResultYear>>;
    /// Every stored set of published three-year values.
    async fn all_published(&self) -> StoreResult<Vec<PublishedThreeYear>>;
    async fn weging_years_of_school(&self, school_id: SchoolId) -> StoreResult<Vec<WegingYear>>;
    /// The VO exam trend: the whole location first (afdeling `""`), then per afdeling; each oldest
    /// year first.
    async fn exam_years_of_school(&self, school_id: SchoolId) -> StoreResult<Vec<ExamYear>>;
    async fn verdict(&self, id: VerdictId) -> StoreResult<VerdictRecord>;
    /// Inspectie verdicts of a school: newest verdict date first, then newest recorded.
    async fn verdicts_of_school(&self, school_id: SchoolId) -> StoreResult<Vec<VerdictRecord>>;
    /// The board's own verdicts (not its schools'), newest first.
    async fn verdicts_of_board(&self, board_number: BoardNumber) -> StoreResult<Vec<VerdictRecord>>;
    /// The verdicts of the schools the register files under this board, newest first.
    async fn verdicts_of_board_schools(&self, board_number: BoardNumber) -> StoreResult<Vec<VerdictRecord>>;
    async fn user(&self, id: UserId) -> StoreResult<User>;
    /// Case-insensitive.
    async fn user_by_email(&self, email: &str) -> StoreResult<User>;
    async fn list_users(&self) -> StoreResult<Vec<User>>;
    async fn grants_of_user(&self, user_id: UserId) -> StoreResult<Vec<GrantRecord>>;
    async fn api_tokens_of_user(&self, user_id: UserId) -> StoreResult<Vec<ApiToken>>;

    // ---- sessions and login throttling (not audited: not user data changes) ---------------
    async fn session_load(&self, id: &str, now: i64) -> StoreResult<Option<SessionRecord>>;

    // ---- programme workflow (issue 4) ------------------------------------------------------
    /// Stored programme definitions (seeded from `programmes/*.toml` by the app), by id.
    async fn programme_definitions(&self) -> StoreResult<Vec<ProgrammeDefinition>>;
    async fn programme_definition(&self, id: &str) -> StoreResult<ProgrammeDefinition>;
    async fn application(&self, id: ApplicationId) -> StoreResult<ApplicationRecord>;
    async fn application_by_reference(&self, reference: &str) -> StoreResult<ApplicationRecord>;
    /// Newest first.
    async fn list_applications(&self, filter: &ApplicationFilter) -> StoreResult<Vec<ApplicationRecord>>;
    /// The link with this token hash; `NotFound` when unknown. (Expiry and use are checked by
    /// the caller, which also needs to tell the user which of the two it was.)
    async fn approval_link(&self, token_hash: &str) -> StoreResult<ApprovalLink>;
    async fn expert(&self, id: ExpertId) -> StoreResult<ExpertRecord>;
    async fn expert_by_user(&self, user_id: UserId) -> StoreResult<ExpertRecord>;
    async fn list_experts(&self) -> StoreResult<Vec<ExpertRecord>>;
    /// Active trajectories and planned dagdelen per expert (experts without any: zeros).
    async fn expert_loads(&self) -> StoreResult<Vec<ExpertLoad>>;
    /// The pending invitation to link expert `expert_id` to an account, if any.
    async fn expert_invitation(&self, expert_id: ExpertId) -> StoreResult<Option<ExpertInvitation>>;
    /// The pending invitations to `email` (compared lower-cased), oldest first.
    async fn expert_invitations_for(&self, email: &str) -> StoreResult<Vec<ExpertInvitation>>;
    async fn trajectory(&self, id: TrajectoryId) -> StoreResult<TrajectoryRecord>;
    async fn list_trajectories(&self, filter: &TrajectoryFilter) -> StoreResult<Vec<TrajectoryRecord>>;
    /// Newest first; `unsent_only` for the sender.
    async fn outbox(&self, unsent_only: bool, limit: i64) -> StoreResult<Vec<OutboxMail>>;

    // ---- import reports (issue 11 item 2) ----------------------------------------------------
    async fn import_run(&self, id: ImportRunId) -> StoreResult<ImportRun>;
    /// Rejected rows `offset..offset + limit` of import `run_id`, in file order.
    async fn import_rejections(&self, run_id: ImportRunId, offset: i64, limit: i64) -> StoreResult<Vec<RowError>>;

    // ---- audit ----------------------------------------------------------------------------
    /// Newest first; `entity` filters on the entity kind (`school`, `user`, …) and optionally id.
    async fn audit_log(&self, filter: &AuditFilter) -> StoreResult<Vec<AuditEntry>>;

    // ---- operations (issue 12) ------------------------------------------------------------
    /// What the database holds beyond its schema and the programmes seeded by migration, e.g.
    /// `"12 scholen, 3 gebruikers"`; `None` when it is empty (a restore target).
    async fn data_summary(&self) -> StoreResult<Option<String>>;
    /// `Ok` when the database answers and every migration this build knows is applied
    /// (`/ready`); otherwise the reason, in Dutch.
    async fn readiness(&self) -> StoreResult<()>;
    /// Audit entries after `after_id` about the public register (schools, boards, results,
    /// published values, schoolweging), oldest first, at most `limit`: what every app server
    /// reads to drop exactly the cached pages that changed.
    async fn register_changes(&self, after_id: i64, limit: i64) -> StoreResult<Vec<RegisterChange>>;
    /// The newest audit entry's id (0 when there is none).
    async fn last_change_id(&self) -> StoreResult<i64>;
    /// Are audit ids handed out in commit order? SQLite (one writer at a time): yes, so a reader
    /// of [`Self::register_changes`] need only ask after the newest id it saw. PostgreSQL: no
    /// (a transaction that took an id earlier can commit later), so readers re-read a window.
    fn ids_in_commit_order(&self) -> bool {
        false
    }
    /// Mails in the outbox not sent yet (`/metrics`).
    async fn outbox_pending(&self) -> StoreResult<i64>;
    /// The connection pool: (open connections, idle ones) (`/metrics`).
    fn pool_stats(&self) -> (u32, usize);
    /// Applications, audit entries, login attempts and queued mails about the user `user_id`
    /// (AVG).
    async fn person_records(&self, user_id: UserId) -> StoreResult<PersonRecords>;

    // ---- sign-in through an OpenID provider (issue 13) -------------------------------------
    /// The account linked to (provider, subject); `NotFound` when none is.
    async fn external_identity(&self, provider: &str, subject: &str) -> StoreResult<ExternalIdentity>;
    async fn external_identities_of_user(&self, user_id: UserId) -> StoreResult<Vec<ExternalIdentity>>;
}

/// The writes. Only koers-app holds a `dyn Store` (privately, inside [`crate::App`]); the CLI
/// builds it at the edge and hands it over. Every write is audited in its own transaction.
#[async_trait]
pub trait Store:
    StoreRead + AccessWrite + BoardRequestWrite + FormsWrite + DagdelenWrite + PlanWrite + VoortgangWrite + ReportWrite
{
    /// Apply pending migrations.
    async fn migrate(&self) -> StoreResult<()>;

    // ---- register: boards and schools -------------------------------------------------
    /// Insert or update boards by number (import); audited.
    async fn upsert_boards(&self, boards: &[NewBoard], actor: &Actor, now: i64) -> StoreResult<usize>;
    /// Apply a batch of school inserts/updates in one transaction (import); each audited.
    /// An update whose `version` is stale fails the whole batch with `Conflict`.
    async fn apply_school_writes(&self, writes: &[SchoolWrite], actor: &Actor, now: i64) -> StoreResult<Vec<SchoolId>>;
    /// A manual edit (web form): sets the given fields, marks them as manually edited,
    /// bumps the version; `Conflict` when `expected_version` is stale.
    async fn edit_school(
        &self,
        id: SchoolId,
        expected_version: i64,
        edit: &SchoolEdit,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<School>;

    // ---- results ------------------------------------------------------------------------
    /// Replace the stored years that appear in `rows` (per school and test year); audited per
    /// school. Returns how many rows changed (unchanged rows are not rewritten).
    async fn upsert_results(&self, rows: &[ResultYear], actor: &Actor, now: i64) -> StoreResult<usize>;
    async fn upsert_published(&self, rows: &[PublishedThreeYear], actor: &Actor, now: i64) -> StoreResult<usize>;
    async fn upsert_weging_years(&self, rows: &[WegingYear], actor: &Actor, now: i64) -> StoreResult<usize>;
    /// Like `upsert_results`, per school, afdeling and school year (the VO exam trend).
    async fn upsert_exam_years(&self, rows: &[ExamYear], actor: &Actor, now: i64) -> StoreResult<usize>;
    /// Record an Inspectie verdict (checked by the app); audited as `verdict`.
    async fn add_verdict(&self, v: &NewVerdict, actor: &Actor, now: i64) -> StoreResult<VerdictRecord>;
    /// Mark a declared verdict `vastgesteld`; `Conflict` when `expected_version` is stale.
    async fn confirm_verdict(
        &self,
        id: VerdictId,
        expected_version: i64,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<VerdictRecord>;
    /// Change a recorded verdict's facts (date, oordeel, afdeling, herstelopdracht, risk
    /// investigation, source; not whose it is nor its status); `Conflict` when `expected_version`
    /// is stale. Audited as `verdict` `update` with before and after.
    async fn update_verdict(
        &self,
        id: VerdictId,
        expected_version: i64,
        v: &NewVerdict,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<VerdictRecord>;
    /// Delete a verdict; `Conflict` when `expected_version` is stale. Audited as `verdict`
    /// `delete` with what it was.
    async fn delete_verdict(&self, id: VerdictId, expected_version: i64, actor: &Actor, now: i64) -> StoreResult<()>;

    // ---- users, grants, tokens ------------------------------------------------------------
    async fn create_user(&self, user: &NewUser, actor: &Actor, now: i64) -> StoreResult<User>;
    async fn update_user(
        &self,
        id: UserId,
        expected_version: i64,
        update: &UserUpdate,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<User>;
    async fn add_grant(
        &self,
        user_id: UserId,
        grant: &koers_core::access::Grant,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<GrantRecord>;
    async fn remove_grant(&self, grant_id: GrantId, actor: &Actor, now: i64) -> StoreResult<()>;
    async fn create_api_token(&self, token: &NewApiToken, actor: &Actor, now: i64) -> StoreResult<ApiToken>;
    /// The token with this SHA-256 hash (hex), if not revoked; updates `last_used_at`.
    async fn api_token_by_hash(&self, hash: &str, now: i64) -> StoreResult<ApiToken>;
    async fn revoke_api_token(&self, id: ApiTokenId, actor: &Actor, now: i64) -> StoreResult<()>;
    async fn session_save(&self, record: &SessionRecord) -> StoreResult<()>;
    async fn session_delete(&self, id: &str) -> StoreResult<()>;
    async fn session_delete_expired(&self, now: i64) -> StoreResult<u64>;
    /// Record an attempt for `key` at `now` as failed *before* the password is checked, and
    /// count the failed attempts at or after `since`, this one included. Of parallel attempts
    /// the k-th to be recorded counts at least k (the throttle cannot be raced).
    async fn login_attempt_start(&self, key: &str, now: i64, since: i64) -> StoreResult<LoginAttemptStart>;
    /// The attempt `id` was a successful login (it stops counting as a failure).
    async fn login_attempt_succeeded(&self, id: i64) -> StoreResult<()>;
    /// The attempt `id` was refused by the throttle without a password check: forget it (it
    /// must not count as a failure). The bound still holds: an attempt that was let through
    /// is never discarded.
    async fn login_attempt_discard(&self, id: i64) -> StoreResult<()>;
    /// Delete the attempts before `before`; returns how many of those had failed.
    async fn login_attempts_prune(&self, before: i64) -> StoreResult<u64>;
    /// Create (`expected_version: None`; `Duplicate` when the id exists) or update; audited.
    async fn save_programme_definition(
        &self,
        p: &ProgrammeWrite,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ProgrammeDefinition>;

    /// Submit in one transaction: the application (with the next reference number), its
    /// approval link and its mails (each with `{reference}` replaced); nothing when any fails.
    async fn submit_application(&self, s: &Submission, actor: &Actor, now: i64) -> StoreResult<ApplicationRecord>;
    /// Insert with the next reference number of the year of `now` (`KRS-<year>-<6 digits>`,
    /// gap-free per year, unique under concurrency); audited.
    async fn create_application(&self, a: &NewApplication, actor: &Actor, now: i64) -> StoreResult<ApplicationRecord>;
    /// One state transition with optimistic concurrency (`Conflict` when stale); audited with
    /// `w.action` and before/after state.
    async fn update_application_state(
        &self,
        id: ApplicationId,
        w: &ApplicationStateWrite,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ApplicationRecord>;

    async fn create_approval_link(
        &self,
        application_id: ApplicationId,
        board_number: BoardNumber,
        token_hash: &str,
        expires_at: i64,
        now: i64,
    ) -> StoreResult<ApprovalLink>;
    /// Mark used; `Conflict` when it was used already (two clicks at once: one wins).
    async fn use_approval_link(&self, id: ApprovalLinkId, now: i64) -> StoreResult<()>;

    /// Record an import and every one of its rejected rows (written in chunks), and delete the
    /// runs older than the newest [`KEPT_IMPORT_RUNS`]. Returns the run's id.
    async fn record_import_run(&self, run: &NewImportRun, rejected: &[RowError]) -> StoreResult<ImportRunId>;

    async fn save_expert(&self, e: &ExpertWrite, actor: &Actor, now: i64) -> StoreResult<ExpertRecord>;
    /// Set an expert's programmes, sectors and standplaats; `Conflict` when stale; audited.
    async fn set_expert_pool(
        &self,
        id: ExpertId,
        expected_version: i64,
        pool: &ExpertPool,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ExpertRecord>;
    /// Store `invitation` (replacing the expert's pending one) and queue `mail`, in one
    /// transaction; audited as `invite`. `NotFound` for an unknown expert.
    async fn invite_expert(&self, invitation: &ExpertInvitation, mail: &NewMail, actor: &Actor) -> StoreResult<()>;
    /// Use up the invitation of expert `expert_id` to `email` and link the expert to account
    /// `user_id`, in one transaction; audited as `link_account`. `NotFound` when there is no such
    /// invitation (or the expert has an account by now), `Duplicate` when the account is linked
    /// to another expert.
    async fn accept_expert_invitation(
        &self,
        expert_id: ExpertId,
        user_id: UserId,
        email: &str,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ExpertRecord>;
    /// Delete the invitation of expert `expert_id` to `email`; audited as `decline`. `NotFound`
    /// when there is none.
    async fn decline_expert_invitation(
        &self,
        expert_id: ExpertId,
        email: &str,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<()>;

    /// The application's transition to "gekoppeld" and the new trajectory, atomically; audited
    /// (with the capacity override note when given). `Conflict` when the application changed.
    async fn assign_expert(
        &self,
        a: &Assignment,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<(ApplicationRecord, TrajectoryRecord)>;
    /// End trajectory `id` as last seen at `expected_version` (`active = false`), audited as
    /// `end` with `reason` in the after JSON. `Conflict` when stale or already ended.
    async fn end_trajectory(
        &self,
        id: TrajectoryId,
        expected_version: i64,
        reason: &str,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<TrajectoryRecord>;

    async fn enqueue_mail(&self, mail: &NewMail, now: i64) -> StoreResult<OutboxMail>;
    async fn mark_mail(&self, id: MailId, sent_at: Option<i64>, error: Option<&str>) -> StoreResult<()>;
    /// Append an entry outside another change (e.g. login, logout, failed login, export).
    async fn append_audit(&self, entry: &NewAudit) -> StoreResult<()>;

    // ---- sign-in through an OpenID provider (issue 13) -------------------------------------
    /// Link (provider, subject) to an account, audited; `Duplicate` when the pair is linked.
    async fn link_external_identity(
        &self,
        link: &NewExternalIdentity,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ExternalIdentity>;
    /// Record a sign-in through a linked pair (its `last_login_at`).
    async fn touch_external_identity(&self, id: i64, now: i64) -> StoreResult<()>;

    // ---- operations (issue 12) ------------------------------------------------------------
    /// A consistent copy of the whole database in `target` while the server keeps running
    /// (SQLite `VACUUM INTO`, PostgreSQL `pg_dump --format=custom`). `target` must not exist.
    async fn backup_to(&self, target: &std::path::Path) -> StoreResult<BackupInfo>;

    // ---- privacy (AVG, issue 12) -----------------------------------------------------------
    /// Erase a person in one transaction: where records must stay (audit entries, applications,
    /// the expert record, the account row other records point at) their name and e-mail
    /// address are replaced by `verwijderde gebruiker <id>` / `verwijderd-<id>@koers.invalid`;
    /// grants, API tokens, login attempts and mails to them are deleted; the account can no
    /// longer log in. Audited (without personal data).
    async fn erase_person(&self, user_id: UserId, actor: &Actor, now: i64) -> StoreResult<ErasureReport>;
    /// Delete sessions, login attempts and sent mails older than `policy` allows.
    async fn prune(&self, policy: &RetentionPolicy, now: i64) -> StoreResult<PruneReport>;
}
